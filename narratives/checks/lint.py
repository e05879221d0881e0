"""Narrative lint on the clerk's words (说明): R34 a change or a budget deviation the style explains
without a reason; L01 a 类 with spending but no 主要用于; L02 template residue (XX, ××, （增加）（减少）,
大小于); L03 a reason whose direction word contradicts the figures.  All 提示: the tables are fine,
the text will be weak.

Which subjects need which words is the style's (``[extra.checks]`` in style.toml):
``reason_for``, ``deviation_for``, ``usage_for`` list subject kinds — 收支总计, 财政拨款收支总计,
一般公共预算财政拨款支出, 收入 (each source), 支出 (基本/项目…), 类, 款, 项, 三公经费, 三公经费明细,
机关运行经费.  The threshold is the style's ``reason_threshold`` (%, 0 = every change but 持平).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from ..compute import change, completion
from ..facts import Facts, Item
from ..model import Project, code_map, name_map
from ..money import format_number, normalize_text
from .finding import HINT, Finding, amount_text

DEFAULT_REASON_FOR = ("收支总计", "财政拨款收支总计", "一般公共预算财政拨款支出", "三公经费", "机关运行经费")
DEFAULT_DEVIATION_FOR = ("一般公共预算财政拨款支出",)
DEFAULT_USAGE_FOR: tuple[str, ...] = ()
SUBJECT_KINDS = ("收支总计", "财政拨款收支总计", "一般公共预算财政拨款支出", "收入", "支出", "类", "款", "项",
                 "三公经费", "三公经费明细", "机关运行经费")
_LEVEL = {"类": 3, "款": 5, "项": 7}
_SECTION = {"收支总计": "overall", "财政拨款收支总计": "fiscal", "一般公共预算财政拨款支出": "general",
            "收入": "income", "支出": "expense", "类": "general", "款": "general", "项": "general",
            "三公经费": "sangong", "三公经费明细": "sangong", "机关运行经费": "running_cost"}
_KIND_LABEL = {"reason": "变动原因", "usage": "主要用于", "deviation": "预算偏差原因", "text": "内容"}


@dataclass(frozen=True)
class Subject:
    kind: str     # one of SUBJECT_KINDS
    key: str      # the note subject in 说明
    name: str
    value: Decimal | None  # None: not entered
    prior: Decimal | None
    budget: Decimal | None


def _func_subjects(p: Project, level: str, facts: Facts) -> list[Subject]:
    """一般公共预算 rows of one level (公开05表), with any budgeted row that has no spending."""
    n = _LEVEL[level]
    cache = facts.__dict__.setdefault("_lint_subjects", {})
    if "_maps" not in cache:  # code → amount / name, built once per check
        cache["_maps"] = (code_map(p.prior.by_func), code_map(p.budget.by_func),
                          {**name_map(p.budget.by_func), **name_map(p.prior.by_func)})
    prior, budget, names = cache["_maps"]
    seen: dict[str, Subject] = {}
    for r in p.t05.rows:
        if len(r.code) == n and r.code not in seen:
            # the row's amount as the text reads it (None where its cells do not tell)
            seen[r.code] = Subject(level, r.code, f"{r.code} {r.name}", facts._t05_values.get(r.code),
                                   prior.get(r.code), budget.get(r.code))
    # a code with 上年 or 年初预算 but no row spent nothing — if 05表 is entered at all
    nothing = Decimal(0) if p.t05.rows else None
    for code in (*budget, *prior):
        if len(code) == n and code not in seen:
            seen[code] = Subject(level, code, f"{code} {names.get(code, '')}".strip(), nothing,
                                 prior.get(code), budget.get(code))
    return [seen[c] for c in sorted(seen)]


def _from_item(kind: str, key: str, it: Item) -> Subject:
    return Subject(kind, key, it.name if key == it.key else key, it.value, it.prior, it.budget)


def subjects(p: Project, kind: str, facts: Facts) -> list[Subject]:
    """The subjects of one kind; computed once per check (the lint asks several times)."""
    cache = facts.__dict__.setdefault("_lint_subjects", {})
    if kind not in cache:
        cache[kind] = _subjects(p, kind, facts)
    return cache[kind]


def _subjects(p: Project, kind: str, facts: Facts) -> list[Subject]:
    if kind in _LEVEL:
        return _func_subjects(p, kind, facts)
    if kind == "收支总计":
        return [_from_item(kind, "收支总计", facts.grand_income)]
    if kind == "财政拨款收支总计":
        return [_from_item(kind, "财政拨款收支总计", facts.fiscal_income)]
    if kind == "一般公共预算财政拨款支出":
        return [_from_item(kind, kind, facts.general)]
    if kind == "收入":
        return [_from_item(kind, i.key, i) for i in facts.income_sources]
    if kind == "支出":
        return [_from_item(kind, i.key, i) for i in facts.expense_kinds]
    if kind == "三公经费":
        return [_from_item(kind, "三公经费", facts.sangong)]
    if kind == "三公经费明细":
        return [_from_item(kind, i.key, i) for i in facts.sangong.children]
    if kind == "机关运行经费":
        return [_from_item(kind, "机关运行经费", facts.running_cost)] if p.unit.has_running_cost else []
    return []


def _pct(rate: Decimal) -> str:
    return format_number(abs(rate), 2, group=False) + "%"  # half up, as the text prints it


def _threshold_text(threshold: Decimal) -> str:
    return "有变动即需说明原因" if threshold == 0 else f"变动达到 {threshold}% 需说明原因"


def missing_reasons(p: Project, facts: Facts, kinds: Iterable[str], threshold: Decimal) -> list[Finding]:
    out = []
    for kind in kinds:
        for s in subjects(p, kind, facts):
            if s.prior is None or s.value is None:  # not comparable yet: L05 asks for the input
                continue
            ch = change(s.value, s.prior)
            if ch.kind in ("both_zero", "same"):
                continue
            if ch.kind != "new" and abs(ch.rate) < threshold:
                continue
            if p.note(s.key, "reason"):
                continue
            what = (f"上年为 0，本年 {amount_text(s.value)}万元" if ch.kind == "new" else
                    f"由上年 {amount_text(s.prior)}万元{'增加' if ch.amount > 0 else '减少'}到 {amount_text(s.value)}万元"
                    f"（{'增长' if ch.amount > 0 else '下降'}{_pct(ch.rate)}）")
            out.append(Finding("R34", HINT, "说明", f"{s.key} · 变动原因",
                               f"说明 {s.name}：{what}，样式要求说明变动原因（{_threshold_text(threshold)}），"
                               f"但未填写。请在 说明 › {s.key} › 变动原因 中填写。",
                               "变动原因", "（空）", subject=s.key, section=_SECTION[kind]))
    return out


def missing_deviations(p: Project, facts: Facts, kinds: Iterable[str], threshold: Decimal) -> list[Finding]:
    out = []
    basis = p.budget.basis or "年初预算"
    for kind in kinds:
        for s in subjects(p, kind, facts):
            if s.budget is None or s.value is None:
                continue
            c = completion(s.value, s.budget)
            if c.kind in ("none", "equal"):
                continue
            if c.kind != "no_budget" and abs(c.deviation) * 100 / c.budget < threshold:
                continue
            if p.note(s.key, "deviation"):
                continue
            word = "大于" if c.deviation > 0 else "小于"
            out.append(Finding("R34", HINT, "说明", f"{s.key} · 预算偏差原因",
                               f"说明 {s.name}：决算数 {amount_text(s.value)}万元{word}{basis}数 {amount_text(s.budget)}万元，"
                               f"样式要求说明原因，但未填写预算偏差原因。请在 说明 › {s.key} › 预算偏差原因 中填写。",
                               "预算偏差原因", "（空）", subject=s.key, section=_SECTION[kind]))
    return out


def missing_usage(p: Project, facts: Facts, kinds: Iterable[str]) -> list[Finding]:
    out = []
    for kind in kinds:
        for s in subjects(p, kind, facts):
            if s.value and not p.note(s.key, "usage"):
                out.append(Finding("L01", HINT, "说明", f"{s.key} · 主要用于",
                                   f"说明 {s.name}：本年支出 {amount_text(s.value)}万元，样式写明其主要用途，但未填写"
                                   f"“主要用于”。请在 说明 › {s.key} › 主要用于 中填写。",
                                   "主要用于", "（空）", subject=s.key, section=_SECTION[kind]))
    return out


# ---------------------------------------------------------------- L02 residue
_RESIDUE = (
    (re.compile(r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])"), "占位符“XX”"),
    (re.compile(r"×{2,}|\*{2,}|○{2,}|□"), "占位符“××”"),
    (re.compile(r"\(\s*(?:增加|减少|增长|下降|上升|大于|小于|高于|低于|持平)\s*\)"), "待选词“（增加）（减少）”"),
    (re.compile(r"大小于|增减少|增长下降|增加减少"), "待选词“大小于”"),
    (re.compile(r"(?:增加|增长|大于|高于)\s*/\s*(?:减少|下降|小于|低于)"), "待选词“增加/减少”"),
)


def residue_in(text: str) -> list[str]:
    t = normalize_text(text or "")
    return [what for rx, what in _RESIDUE if rx.search(t)]


_NOTE_SECTION = {"收支总计": "overall", "财政拨款收支总计": "fiscal", "一般公共预算财政拨款支出": "general",
                 "三公经费": "sangong", "机关运行经费": "running_cost", "政府采购": "procurement",
                 "其他用车": "assets", "其他需要说明的事项": "other"}


def note_section(key: str) -> str:
    """The generic section a note subject belongs to ("" when unknown)."""
    from ..model import EXPENSE_KINDS, SANGONG_ITEMS, T02_SOURCES, VEHICLE_KINDS
    if key in _NOTE_SECTION:
        return _NOTE_SECTION[key]
    if key.isdigit():
        return "general"
    if key in T02_SOURCES or key.endswith("收入"):
        return "income"
    if key in EXPENSE_KINDS:
        return "expense"
    if key in SANGONG_ITEMS or key == "公务用车购置及运行维护费":
        return "sangong"
    if key in VEHICLE_KINDS:
        return "assets"
    return ""


def _texts(p: Project) -> Iterable[tuple[str, str, str, str, str]]:
    """(table, location, subject, section, text) of every text the clerk typed."""
    for key, exp in p.notes.items():
        for attr, label in _KIND_LABEL.items():
            text = getattr(exp, attr)
            if text:
                yield "说明", f"{key} · {label}", key, note_section(key), text
    perf = p.performance
    for label, text in (("管理制度", perf.systems), ("工作机制", perf.mechanism), ("自评综述", perf.summary)):
        if text:
            yield "预算绩效", label, "", "performance", text
    evs = [*perf.projects, *([perf.unit] if perf.unit else [])]
    for ev in evs:
        for label in ("自评结论", "年度目标", "目标完成情况", "存在问题", "改进措施"):
            text = getattr(ev, {"自评结论": "conclusion", "年度目标": "goal", "目标完成情况": "achievement",
                                "存在问题": "problems", "改进措施": "measures"}[label])
            if text:
                yield "预算绩效", f"“{ev.name}” {label}", "", "performance", text
    for label, text in (("职责", p.overview.duties), ("机构设置", p.overview.organisation)):
        if text:
            yield "概况", label, "", "", text


def residue(p: Project) -> list[Finding]:
    out = []
    for table, loc, subject, section, text in _texts(p):
        for what in residue_in(text):
            out.append(Finding("L02", HINT, table, loc,
                               f"{table} {loc}：文字中留有模板的{what}，会原样出现在公开文本中。请改为实际内容。",
                               "无模板残留", what, subject=subject, section=section))
    return out


# ---------------------------------------------------------------- L03 direction
_LEAD = re.compile(r"^(?:主要原因(?:是|为)?|主要是|原因(?:是|为)|主要由于|由于|系)[：:，,\s]*")
_DIRS = {"增加": "up", "增长": "up", "上升": "up", "提高": "up", "减少": "down", "下降": "down", "降低": "down"}
_START = re.compile(r"^(?:支出|收入|经费|费用)?(增加|增长|上升|提高|减少|下降|降低)")
_AGAINST = re.compile(r"(?:较|比)(?:上年|上一年|\d{4}年)度?[^，。；;,]{0,20}?(增加|增长|上升|减少|下降)")


def stated_direction(text: str) -> str | None:
    """"up"/"down" when the reason clearly states one (starts with a direction word, or says
    较上年…增加), else None: mixed or descriptive reasons are not judged."""
    t = normalize_text(text or "").strip()
    while (m := _LEAD.match(t)) and m.end():
        t = t[m.end():]
    if m := _START.match(t):
        return _DIRS[m.group(1)]
    if m := _AGAINST.search(t):
        return _DIRS[m.group(1)]
    return None


def direction(p: Project, facts: Facts, kinds: Iterable[str]) -> list[Finding]:
    out = []
    for kind in kinds:
        for s in subjects(p, kind, facts):
            text = p.note(s.key, "reason")
            if not text or s.prior is None or s.value is None:
                continue
            ch = change(s.value, s.prior)
            actual = {"up": "up", "down": "down", "new": "up"}.get(ch.kind)
            said = stated_direction(text)
            if actual and said and said != actual:
                fig = "增加" if actual == "up" else "减少"
                out.append(Finding("L03", HINT, "说明", f"{s.key} · 变动原因",
                                   f"说明 {s.name}：本年比上年{fig}（{amount_text(s.prior)} → {amount_text(s.value)}万元），"
                                   f"变动原因却说“{'增加' if said == 'up' else '减少'}”。请核对变动原因的方向。",
                                   fig, "增加" if said == "up" else "减少", subject=s.key, section=_SECTION[kind]))
    return out


def run(p: Project, reason_for: Iterable[str], deviation_for: Iterable[str], usage_for: Iterable[str],
        threshold: Decimal) -> list[Finding]:
    facts = Facts(p)
    reason_for, deviation_for, usage_for = list(reason_for), list(deviation_for), list(usage_for)
    return (missing_reasons(p, facts, reason_for, threshold)
            + missing_deviations(p, facts, deviation_for, threshold)
            + missing_usage(p, facts, usage_for)
            + residue(p)
            + direction(p, facts, reason_for))
