"""One unit, one year: the project."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from .base import Count, Model, Text, clean_key
from .inputs import (Budget, Explanation, Overview, Prior, ProcurementDetail, SanGongDetail,
                     normalise_explanations)
from .performance import Performance
from .tables import T01, T02, T03, T04, T05, T06, T07, T08, T09, T10

SCHEMA_VERSION = 1
from ..kinds import UNIT_KINDS  # noqa: E402,F401  (narratives.model.UNIT_KINDS, as before)


class Composition(Model):
    """单位构成 of a 部门 made of several units: how many of each kind.  机关运行经费 belongs to the
    行政 and 参公 units only, so a 部门 that includes 事业单位 has 机关运行经费 ≤ its 公用经费."""

    admin: Count = Field(None, alias="行政单位", ge=0)
    civil: Count = Field(None, alias="参照公务员法管理事业单位", ge=0)
    institution: Count = Field(None, alias="事业单位", ge=0)

    @property
    def has_running_cost_units(self) -> bool:
        return bool(self.admin or self.civil)


class Unit(Model):
    name: Text = Field(alias="名称", min_length=1)
    year: int = Field(alias="年度", ge=2000, le=2100)
    kind: Literal["行政单位", "参照公务员法管理事业单位", "事业单位"] = Field("事业单位", alias="性质")
    style: Text = Field("shanxi", alias="样式")
    department: Text = Field("", alias="主管部门")
    # the unit the app's numeric fields take; the file always stores 万元, exactly
    entry_unit: Literal["万元", "元"] = Field("万元", alias="录入单位")
    # a 部门 of several units (e.g. a 局 with its 事业单位): how many of each kind
    composition: Composition = Field(default_factory=Composition, alias="单位构成")
    # the name the style's titles may use as {short_name} (全称 when not given)
    short_name: Text | None = Field(None, alias="简称")
    # 千位分隔符 for this unit's amounts, over the style's [number] group (None: as the style says)
    group: bool | None = Field(None, alias="千位分隔符")

    @property
    def has_running_cost(self) -> bool:
        """机关运行经费 applies to 行政单位 and 参公事业单位 only (to a 部门 with at least one)."""
        c = self.composition
        if c is not None and any(n is not None for n in (c.admin, c.civil, c.institution)):
            return c.has_running_cost_units  # the make-up, when entered, decides
        return self.kind != "事业单位"

    @property
    def mixed(self) -> bool:
        """A 部门 with both 行政/参公 units and 事业单位: its 机关运行经费 is the 公用经费 of part
        of it only, so it need not equal 公开06表's 公用经费合计."""
        c = self.composition
        return c is not None and c.has_running_cost_units and bool(c.institution)


class Project(Model):
    schema_version: int = Field(SCHEMA_VERSION, alias="版本")
    unit: Unit = Field(alias="单位")
    overview: Overview = Field(default_factory=Overview, alias="概况")
    t01: T01 = Field(default_factory=T01, alias="公开01表")
    t02: T02 = Field(default_factory=T02, alias="公开02表")
    t03: T03 = Field(default_factory=T03, alias="公开03表")
    t04: T04 = Field(default_factory=T04, alias="公开04表")
    t05: T05 = Field(default_factory=T05, alias="公开05表")
    t06: T06 = Field(default_factory=T06, alias="公开06表")
    t07: T07 = Field(default_factory=T07, alias="公开07表")
    t08: T08 = Field(default_factory=T08, alias="公开08表")
    t09: T09 = Field(default_factory=T09, alias="公开09表")
    t10: T10 = Field(default_factory=T10, alias="公开10表")
    prior: Prior = Field(default_factory=Prior, alias="上年")
    budget: Budget = Field(default_factory=Budget, alias="年初预算")
    sangong: SanGongDetail = Field(default_factory=SanGongDetail, alias="三公明细")
    procurement: ProcurementDetail = Field(default_factory=ProcurementDetail, alias="政府采购明细")
    performance: Performance = Field(default_factory=Performance, alias="预算绩效")
    notes: dict[str, Explanation] = Field(default_factory=dict, alias="说明")

    _notes = field_validator("notes", mode="before")(
        lambda v: normalise_explanations(v) if isinstance(v, dict) else v)

    def note(self, subject: str, kind: str = "reason") -> str:
        """The clerk's words about ``subject`` (e.g. "204", "收支总计"), "" if none."""
        # keys are stored NFKC-normalised (normalise_explanations): "因公出国（境）费" is kept as
        # "因公出国(境)费", so the subject is looked up the same way
        exp = self.notes.get(subject)
        if exp is None:
            exp = self.notes.get(clean_key(subject))
        if exp is None:
            return ""
        return (getattr(exp, kind) or "").strip()
