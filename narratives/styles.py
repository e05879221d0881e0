"""Finding and validating style folders.

A style is a folder: ``style.toml`` (settings) and one Jinja2 template per section.  Styles are
looked up in order: ``--templates`` folders given by the user, the user's style folder
(platformdirs), then the bundled ones.  A user folder may override a bundled style by name.
"""
from __future__ import annotations

import os
from decimal import Decimal
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import JuesuanError
from .money import NumberFormat, number_format, pattern_for
from .wording import Words


class StyleError(JuesuanError):
    pass


def bundled_dir() -> Path:
    """The bundled templates: inside the package when installed from a wheel, else the checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise StyleError("找不到内置样式文件夹 templates（安装是否完整？）")


def user_dir() -> Path:
    from platformdirs import user_config_dir
    return Path(user_config_dir("juesuan", appauthor=False)) / "styles"


Rounding = Literal["四舍五入", "截位"]
# the kinds of number a text writes, each with its own places and rounding ([number.share] …)
NUMBER_KINDS = {"amount": "金额", "share": "占比", "change_rate": "变动率（增长/下降的百分比）",
                "completion_rate": "预算完成率", "score": "绩效评分"}


class KindSettings(BaseModel):
    """One kind of number: ``[number.share]`` etc.  Every key optional: unset keys follow ``[number]``."""

    model_config = ConfigDict(extra="forbid")
    pattern: str | None = Field(None, description="CLDR 数字格式，如 \"#,##0.00\"（千位分隔、两位小数）、"
                                                  "\"0.##\"（不分隔、最多两位、去掉末尾的 0）；写了它，places、trim 不再起作用")
    places: int | None = Field(None, ge=0, le=4, description="小数位")
    trim: bool | None = Field(None, description="去掉末尾的 0")
    rounding: Rounding | None = Field(None, description="舍入：四舍五入 或 截位（12.349 → 12.34）")

    @field_validator("pattern")
    @classmethod
    def _parsable(cls, value: str | None) -> str | None:
        if value is not None:
            number_format(value)  # a ValueError in Chinese names the pattern
        return value


class NumberSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    group: bool = Field(True, description="千位分隔符：1,289.23（项目文件 [单位] 千位分隔符 = false 可按单位关掉）")
    trim: bool = Field(False, description="去掉金额末尾的 0：12.10 → 12.1")
    places: int = Field(2, ge=0, le=4, description="金额小数位")
    percent_places: int = Field(2, ge=0, le=4, description="百分比小数位")
    percent_trim: bool = Field(False, description="去掉百分比末尾的 0：100.00% → 100%")
    zero: str | None = Field(None, description="金额为 0 时的写法，如“0”（不设则按小数位写 0.00）")
    rounding: Rounding = Field("四舍五入", description="舍入方式（各类数字的默认）：四舍五入 或 截位")
    amount: KindSettings = Field(default_factory=KindSettings, description="金额（万元）")
    share: KindSettings = Field(default_factory=KindSettings, description="占比（占X%）")
    change_rate: KindSettings = Field(default_factory=KindSettings, description="变动率（增长/下降X%）")
    completion_rate: KindSettings = Field(default_factory=KindSettings, description="预算完成率（完成预算的X%）")
    score: KindSettings = Field(default_factory=KindSettings, description="绩效评分（X分）")

    def pattern(self, kind: str) -> tuple[str, str]:
        """(CLDR pattern, rounding) of a kind of number, from its own table or else from the
        flat keys above (金额、评分 follow places/group/trim; 百分比 percent_places/percent_trim)."""
        k: KindSettings = getattr(self, kind)
        rounding = k.rounding or self.rounding
        if k.pattern:
            return k.pattern, rounding
        if kind in ("amount", "score"):
            places, trim, group = self.places, self.trim, self.group
        else:
            places, trim, group = self.percent_places, self.percent_trim, False
        places = k.places if k.places is not None else places
        trim = k.trim if k.trim is not None else trim
        return pattern_for(places, group, trim), rounding

    def format(self, kind: str, group: bool | None = None) -> NumberFormat:
        """The parsed format of a kind; ``group`` (the project's setting) overrides the grouping
        of amounts and scores."""
        pattern, rounding = self.pattern(kind)
        return number_format(pattern, rounding, group if kind in ("amount", "score") else None)


class HeadingSettings(BaseModel):
    """How headings are numbered, per level.  ``{n}`` is the number in 汉字 (一、二), ``{i}`` in digits."""

    model_config = ConfigDict(extra="forbid")
    levels: list[str] = Field(default_factory=lambda: ["{n}、", "（{n}）", "{i}.", "（{i}）", "{i}、"], min_length=1,
                              description="各级编号：第 1 级（章节）一、，第 2 级（一），第 3 级 1.，"
                                          "第 4 级（1），第 5 级 1、；模板里写 {{ num(2) }} 得到下一个第 2 级编号")


class SectionSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[^\W][\w\-]*$", description="章节的名字（字母、汉字、数字、_、-），审核和应用按它找章节")
    title: str = Field(description="标题，可用 {unit} {short_name} {year} {prior_year}；编号按 [headings] 自动加")
    template: str = Field(description="这一节的模板文件（在样式文件夹或 _shared 中）")


class PartSettings(BaseModel):
    """One part of the whole disclosure (``export --whole``), in the order it is printed."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["overview", "tables", "explanation", "glossary", "attachments"] = Field(
        description="哪一部分：overview 概况，tables 决算表，explanation 情况说明（本样式的各节），"
                    "glossary 名词解释，attachments 附件（绩效自评表）")
    title: str = Field("", description="标题，可用 {unit} {year}；空则用 [docx.whole] 中这一部分的标题"
                                       "（情况说明用 part_title）")
    omit_empty: bool = Field(False, description="这一部分无内容（如没有自评项目的附件）时整部分不印，而不是印“无”")


def default_parts() -> list[PartSettings]:
    return [PartSettings(kind=k) for k in ("overview", "tables", "explanation", "glossary", "attachments")]


class ChartSettings(BaseModel):
    """A chart the templates may place with ``!! [chart:<id>] 图X：…`` (the caption is the template's line)."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["bar", "pie"] = Field(description="bar 上年与本年对比的柱状图；pie 构成饼图")
    bars: dict[str, str] = Field(default_factory=dict,
                                 description="柱状图：类目名称 → 数据（f 中有本年和上年的一项，如 grand_income）；"
                                             "只有一个类目时按年度画两根柱")
    slices: str = Field("", description="饼图：数据（f 中的一组项目，如 income_sources、expense_kinds、classes）；"
                                        "不足两块的饼图不画")


def default_charts() -> dict[str, ChartSettings]:
    bar, pie = "bar", "pie"
    return {
        "grand": ChartSettings(kind=bar, bars={"收入总计": "grand_income", "支出总计": "grand_expense"}),
        "fiscal": ChartSettings(kind=bar, bars={"财政拨款收入总计": "fiscal_income",
                                                "财政拨款支出总计": "fiscal_expense"}),
        "general": ChartSettings(kind=bar, bars={"一般公共预算财政拨款支出": "general"}),
        "income": ChartSettings(kind=pie, slices="income_sources"),
        "expense": ChartSettings(kind=pie, slices="expense_kinds"),
        "classes": ChartSettings(kind=pie, slices="classes"),
    }


class StyleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    label: str = ""
    description: str = ""
    part_title: str = "第三部分 情况说明"
    sections: list[SectionSettings] = Field(min_length=1)
    number: NumberSettings = Field(default_factory=NumberSettings)
    headings: HeadingSettings = Field(default_factory=HeadingSettings)
    words: Words = Field(default_factory=Words)
    # a change needs a reason from this % on (0 = every change except 持平)
    reason_threshold: Decimal = Field(Decimal(0), ge=0)
    list_zero_rows: bool = False
    class_rows: list[str] | None = None
    glossary: list[str] = Field(default_factory=list)
    docx: dict[str, object] = Field(default_factory=dict)
    parts: list[PartSettings] = Field(default_factory=default_parts, min_length=1,
                                      description="整份决算公开（export --whole）的各部分及其顺序、标题（[[parts]]）")
    charts: dict[str, ChartSettings] = Field(default_factory=dict,
                                             description="图表（[charts.<名字>] kind、bars 或 slices）：模板用 !! [chart:<名字>] 图题 放图；"
                                                         "在默认的 grand、fiscal、general、income、expense、classes（见“图”）之外增加，或按名字替换")
    extra: dict[str, object] = Field(default_factory=dict)

    def word_set(self) -> Words:
        return self.words


@dataclass(frozen=True)
class Style:
    name: str
    folder: Path
    settings: StyleSettings
    search_path: tuple[Path, ...]  # style folder first, then _shared folders

    @property
    def label(self) -> str:
        return self.settings.label or self.name


def _roots(extra: tuple[str, ...]) -> list[Path]:
    roots = [Path(p) for p in extra]
    env = os.environ.get("JUESUAN_STYLES")
    if env:
        roots += [Path(p) for p in env.split(os.pathsep) if p]
    roots.append(user_dir())
    roots.append(bundled_dir())
    return roots


def available(extra: tuple[str, ...] = ()) -> dict[str, Path]:
    """Style name → folder, the first found winning (user folders override bundled ones)."""
    found: dict[str, Path] = {}
    for root in _roots(extra):
        if not root.is_dir():
            continue
        # a --templates folder may itself be one style folder
        candidates = [root] if (root / "style.toml").is_file() else sorted(root.iterdir())
        for d in candidates:
            if d.is_dir() and (d / "style.toml").is_file() and not d.name.startswith("_"):
                found.setdefault(d.name, d)
    return found


def read_settings(folder: Path) -> StyleSettings:
    path = folder / "style.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        from .style_messages import toml_message
        raise StyleError(f"样式设置 {path} 有误：{toml_message(exc)}") from None
    except OSError as exc:
        from .io.projectfile import read_reason  # Chinese, not strerror's English (rel)
        raise StyleError(f"无法读取样式设置 {path}：{read_reason(exc)}") from None
    data.setdefault("name", folder.name)
    try:
        settings = StyleSettings.model_validate(data)
    except ValidationError as exc:
        from .style_messages import settings_messages
        raise StyleError(f"样式设置 {path} 有误：{'；'.join(settings_messages(exc, StyleSettings))}") from None
    for sec in settings.sections:
        if not _find_template(folder, sec.template):
            raise StyleError(f"样式设置 {path}：章节 {sec.id} 的模板 {sec.template} 不存在")
    return settings


def _find_template(folder: Path, name: str) -> bool:
    return (folder / name).is_file() or (folder.parent / "_shared" / name).is_file() \
        or (bundled_dir() / "_shared" / name).is_file()


def load(name: str, extra: tuple[str, ...] = ()) -> Style:
    return _load_cached(name, tuple(str(p) for p in extra), os.environ.get("JUESUAN_STYLES", ""))


@lru_cache(maxsize=32)
def _load_cached(name: str, extra: tuple[str, ...], _env: str) -> Style:
    styles = available(extra)
    if name not in styles:
        known = "、".join(sorted(styles)) or "（无）"
        raise StyleError(f"未知的样式“{name}”（可用：{known}）")
    folder = styles[name]
    return Style(name=name, folder=folder, settings=read_settings(folder), search_path=search_path(folder))


def search_path(folder: Path) -> tuple[Path, ...]:
    """Where a style's templates are looked up: its own folder first (so a style may override a
    shared building block such as macros.j2), then the _shared folder beside it, then the bundled one."""
    shared = [folder.parent / "_shared", bundled_dir() / "_shared"]
    return tuple(dict.fromkeys([folder, *[p for p in shared if p.is_dir()]]))


def clear_cache() -> None:
    _load_cached.cache_clear()
