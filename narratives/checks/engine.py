"""``check(project, style)``: every rule over a project, findings sorted by table.

The style supplies the lint settings (``reason_threshold``; ``[extra.checks]`` reason_for,
deviation_for, usage_for) and may add declared rules (``[[extra.checks.rules]]``).
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from ..model import Project
from ..styles import Style
from ..styles import load as load_style
from . import drafts, evaluation, inputs, lint, orphans, subjects, tables
from .declared import BUILTIN, Declared, Index, RuleDataError, evaluate, from_settings
from .finding import Finding, sort_key

# sections a style may fold into one "其他重要事项" (shanxi's 十)
_FOLDED = ("running_cost", "procurement", "assets", "performance")


def _names(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleDataError(f"{where}：extra.checks.{key} 应为科目种类的列表，如 [\"收支总计\", \"类\"]")
    bad = [v for v in value if v not in lint.SUBJECT_KINDS]
    if bad:
        raise RuleDataError(f"{where}：extra.checks.{key} 中的“{'、'.join(bad)}”无效（可用：{'、'.join(lint.SUBJECT_KINDS)}）")
    return tuple(value)


class Settings:
    """What the checks read from a style."""

    def __init__(self, style: Style | None):
        extra = (style.settings.extra.get("checks") if style else None) or {}
        where = f"样式 {style.name} 的 style.toml" if style else "样式"
        if not isinstance(extra, dict):
            raise RuleDataError(f"{where}：extra.checks 应为一组设置（[extra.checks]）")
        self.threshold: Decimal = style.settings.reason_threshold if style else Decimal(0)
        self.reason_for = _names(extra.get("reason_for"), where, "reason_for") \
            if "reason_for" in extra else lint.DEFAULT_REASON_FOR
        self.deviation_for = _names(extra.get("deviation_for"), where, "deviation_for") \
            if "deviation_for" in extra else lint.DEFAULT_DEVIATION_FOR
        self.usage_for = _names(extra.get("usage_for"), where, "usage_for") \
            if "usage_for" in extra else lint.DEFAULT_USAGE_FOR
        self.rules: tuple[Declared, ...] = tuple(from_settings(extra.get("rules"), where))
        self.sections = tuple(s.id for s in style.settings.sections) if style else ()


def _style(project: Project, style: Style | str | None) -> Style:
    if isinstance(style, Style):
        return style
    return load_style(style or project.unit.style)


def _place(f: Finding, sections: tuple[str, ...]) -> Finding:
    """The style's own section id for the finding (shanxi folds 机关运行经费 … into "other")."""
    if not sections or not f.section or f.section in sections:
        return f
    if f.section in _FOLDED and "other" in sections:
        return replace(f, section="other")
    return f


def check(project: Project, style: Style | str | None = None) -> list[Finding]:
    """Every finding for ``project``, tables first (公开01表 … 10表), then its other inputs."""
    style = _style(project, style)
    settings = Settings(style)
    index = Index()
    found: list[Finding] = []
    for rule in (*BUILTIN, *settings.rules):
        f = evaluate(rule, project, index)
        if f is not None:
            found.append(f)
    found += tables.run(project)
    found += orphans.run(project)
    found += inputs.run(project)
    found += evaluation.run(project)
    found += lint.run(project, settings.reason_for, settings.deviation_for, settings.usage_for,
                      settings.threshold)
    found += drafts.carried_over(project) + drafts.unfilled(project, style)
    found += subjects.unknown_subjects(project)
    return sorted((_place(f, settings.sections) for f in found), key=sort_key)
