"""Figures that must agree across sections (一 vs 四 vs 五) and with the tables.

``TOTALS`` names the totals a 情况说明 states, by section and by the words before them; a
statement is recorded under every key it matches ("收、支总计均为161.09万元" is both totals).
``RELATIONS`` says which totals must be equal or not larger than which, and ``TABLE_CELLS``
which table cell each total is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .figures import Figure, normalize_subject, sentence_at
from .findings import ROUNDING, SURE, Finding, money
from .outline import Paragraph
from .tables import TableFigures

CURRENT_ROLES = ("actual", "new")

# key, the section topic it is stated in (patterns.TOPICS), the words before it (matched on the
# normalized subject, or on the head of its sentence when it is the sentence's first 本年 amount),
# the role (本年 or 预算)
TOTALS: list[tuple[str, str, re.Pattern[str], str]] = [
    ("收入总计", "收支总体", re.compile(r"^(?:.*?)(?:收入总计|收、?支总计|收入支出总计)$"), "actual"),
    ("支出总计", "收支总体", re.compile(r"^(?:.*?)(?:支出总计|收、?支总计|收入支出总计)$"), "actual"),
    ("本年收入合计", "收入", re.compile(r"^(?:本年)?收入合计$"), "actual"),
    ("本年支出合计", "支出", re.compile(r"^(?:本年)?支出合计$"), "actual"),
    ("财政拨款收入总计", "财政拨款总体", re.compile(r"(?:收入总计|收、?支总计|收入支出总计)$"), "actual"),
    ("财政拨款支出总计", "财政拨款总体", re.compile(r"(?:支出总计|收、?支总计|收入支出总计)$"), "actual"),
    ("一般公共预算财政拨款支出", "一般公共预算", re.compile(r"一般公共预算财政拨款(?:决算)?支出"), "actual"),
    ("一般公共预算财政拨款基本支出", "基本支出", re.compile(r"基本支出"), "actual"),
    ("“三公”经费决算", "三公", re.compile(r"三公.?经费"), "actual"),
    ("“三公”经费预算", "三公", re.compile(r"三公.?经费"), "budget"),
]

# (a, relation, b): a = b or a ≤ b
RELATIONS = [
    ("收入总计", "=", "支出总计"),
    ("财政拨款收入总计", "=", "财政拨款支出总计"),
    ("本年收入合计", "≤", "收入总计"),
    ("本年支出合计", "≤", "支出总计"),
    ("财政拨款收入总计", "≤", "收入总计"),
    ("财政拨款支出总计", "≤", "支出总计"),
    ("一般公共预算财政拨款支出", "≤", "财政拨款支出总计"),
    ("一般公共预算财政拨款支出", "≤", "本年支出合计"),
    ("一般公共预算财政拨款基本支出", "≤", "一般公共预算财政拨款支出"),
]

# the totals whose 上年 must agree too (收入总计 = 支出总计 in both years): their changes are equal
CHANGE_PAIRS = [("收支总体", "收入", "支出"), ("财政拨款总体", "收入", "支出")]

TABLE_CELLS = {
    "收入总计": "T01.收入总计",
    "支出总计": "T01.支出总计",
    "本年收入合计": "T01.本年收入合计",
    "本年支出合计": "T01.本年支出合计",
    "一般公共预算财政拨款支出": "T05.合计",
    "一般公共预算财政拨款基本支出": "T05.基本支出",
    "“三公”经费决算": "T09.决算.合计",
    "“三公”经费预算": "T09.预算.合计",
}

# "占本年支出合计的…": the named whole → a total key
NAMED_WHOLES = [
    (re.compile(r"(?:本年度?)?(?:支出(?:合计|总额)?|总支出)"), "本年支出合计", "T01.本年支出合计"),
    (re.compile(r"(?:本年度?)?(?:收入(?:合计|总额)?|总收入)"), "本年收入合计", "T01.本年收入合计"),
    (re.compile(r"一般公共预算财政拨款支出(?:合计|总额)?"), "一般公共预算财政拨款支出", "T05.合计"),
    (re.compile(r"“?三公”?经费(?:支出)?(?:合计|总额)?"), "“三公”经费决算", "T09.决算.合计"),
]


@dataclass
class Statement:
    key: str
    figure: Figure
    paragraph: Paragraph

    @property
    def quote(self) -> str:
        return sentence_at(self.paragraph.text, self.figure.start)


def _sentence_head(para: Paragraph, fig: Figure, same: list[Figure], roles: tuple[str, ...]) -> str:
    """The words of the sentence before its first amount, when ``fig`` is the sentence's first
    figure of its role ("2024年度一般公共预算财政拨款支出年初预算142.83万元，支出决算127.80万元":
    the head names both) and the head is one clause.  ``same``: the sentence's amounts."""
    first_of_role = next((g for g in same if g.role in roles), None)
    if first_of_role is not fig or not same:
        return ""
    start = para.text.rfind("。", 0, same[0].start) + 1
    head = para.text[start:same[0].start]
    if any(ch in head for ch in "，,；;：:"):
        return ""  # "一般公共预算财政拨款支出中，公共安全支出100万元": the head names another figure
    return normalize_subject(head)


def collect_totals(paragraphs: list[tuple[Paragraph, list[Figure]]]) -> dict[str, list[Statement]]:
    found: dict[str, list[Statement]] = {}
    seen: dict[str, set[int]] = {}
    for para, figs in paragraphs:
        by_sentence: dict[int, list[Figure]] = {}
        for g in figs:
            if g.kind == "amount":
                by_sentence.setdefault(g.sentence, []).append(g)
        for key, topic, pattern, role in TOTALS:
            if para.topic != topic:
                continue
            for fig in figs:
                if fig.kind != "amount":
                    continue
                if role == "actual" and fig.role not in CURRENT_ROLES or role == "budget" and fig.role != "budget":
                    continue
                roles = CURRENT_ROLES if role == "actual" else ("budget",)
                hit = pattern.search(fig.subject)
                if not hit:
                    head = _sentence_head(para, fig, by_sentence[fig.sentence], roles)
                    hit = pattern.search(head) if head else None
                if hit and id(fig) not in seen.setdefault(key, set()):
                    seen[key].add(id(fig))
                    found.setdefault(key, []).append(Statement(key, fig, para))
                    if role == "actual" and key in ("一般公共预算财政拨款基本支出", "“三公”经费决算"):
                        break  # the first one only: later amounts of the paragraph are its parts
    return found


def _first(found: dict[str, list[Statement]], key: str) -> Statement | None:
    return found[key][0] if found.get(key) else None


def resolve_whole(name: str, found: dict[str, list[Statement]], tables: TableFigures) -> tuple[Decimal, str] | None:
    for pattern, key, cell in NAMED_WHOLES:
        # the whole must be named exactly: "单位预算项目支出总额" is not 本年支出合计
        if pattern.fullmatch(name.strip()):
            st = _first(found, key)
            if st is not None:
                return st.figure.value, st.figure.text
            value = tables.get(cell)
            if value is not None:
                return value, f"{cell} {value}"
    return None


def _gap_sureness(diff: Decimal) -> str:
    # the same total printed twice should be printed the same; 0.01 may still be a rounding of
    # different unrounded sums, more cannot
    return ROUNDING if abs(diff) <= Decimal("0.01") else SURE


def check_totals(found: dict[str, list[Statement]]) -> list[Finding]:
    out: list[Finding] = []
    # one total stated several times
    for key, statements in found.items():
        first = statements[0]
        for st in statements[1:]:
            diff = st.figure.value - first.figure.value
            if diff:
                out.append(Finding("合计一致", _gap_sureness(diff), st.paragraph.section, st.quote,
                                   f"{key}{st.figure.text}", f"{key}{money(first.figure.value)}",
                                   f"同一合计在“{first.paragraph.section}”写为 {first.figure.text}"))
    for a, relation, b in RELATIONS:
        sa, sb = _first(found, a), _first(found, b)
        if sa is None or sb is None or sa.figure is sb.figure:
            continue
        diff = sa.figure.value - sb.figure.value
        if relation == "=" and diff != 0 or relation == "≤" and diff > 0:
            sure = _gap_sureness(diff)
            out.append(Finding(
                "合计一致", sure, sa.paragraph.section, sa.quote, f"{a}{sa.figure.text}",
                f"{a} {relation} {b}（{money(sb.figure.value)}）",
                f"{a} {money(sa.figure.value)}，{b} {money(sb.figure.value)}（“{sb.paragraph.section}”）：相差 {money(diff)}",
                "两者应" + ("相等" if relation == "=" else "满足前者不大于后者")))
    return out


def check_change_pairs(paragraphs: list[tuple[Paragraph, list[Figure]]]) -> list[Finding]:
    """收入总计 and 支出总计 are equal in both years, so their changes must be equal too."""
    out: list[Finding] = []
    for topic, left, right in CHANGE_PAIRS:
        changes: dict[str, tuple[Figure, Paragraph]] = {}
        for para, figs in paragraphs:
            if para.topic != topic:
                continue
            for f in figs:
                if f.kind == "amount" and f.role == "change" and f.subject:
                    has_left, has_right = left in f.subject, right in f.subject
                    if has_left != has_right:
                        changes.setdefault(left if has_left else right, (f, para))
        if left in changes and right in changes:
            (fl, pl), (fr, pr) = changes[left], changes[right]
            if fl.value != fr.value or (fl.word in ("增加", "增长")) != (fr.word in ("增加", "增长")):
                out.append(Finding(
                    "合计一致", SURE, pr.section, sentence_at(pr.text, fr.start), f"{fr.subject}{fr.word}{fr.text}",
                    f"{fr.subject}{fl.word}{fl.text}（与{fl.subject}的变动相同）",
                    f"收入总计 = 支出总计（本年、上年都如此），两者的变动额必然相等；{fl.subject}{fl.word}{fl.text}"))
    return out


def check_tables(found: dict[str, list[Statement]], tables: TableFigures,
                 paragraphs: list[tuple[Paragraph, list[Figure]]]) -> list[Finding]:
    out: list[Finding] = []
    if not tables:
        return out
    for key, cell in TABLE_CELLS.items():
        value = tables.get(cell)
        st = _first(found, key)
        if value is None or st is None or st.figure.value == value:
            continue
        diff = st.figure.value - value
        out.append(Finding("表文不符", _gap_sureness(diff), st.paragraph.section, st.quote,
                           f"{key}{st.figure.text}", f"{key}{money(value)}",
                           f"{cell.replace('T0', '公开0').replace('.', '表 ', 1)} 为 {money(value)}，相差 {money(diff)}"))
    # 类 amounts of 五（二） against 公开05表
    for para, figs in paragraphs:
        if para.topic != "一般公共预算" or "结构" not in para.subsection:
            continue
        for f in figs:
            if f.kind != "amount" or f.role not in CURRENT_ROLES:
                continue
            name = re.sub(r"(?:支出)+$", "支出", f.subject)
            value = tables.get(f"T05.类.{name}")
            if value is not None and value != f.value:
                diff = f.value - value
                out.append(Finding("表文不符", _gap_sureness(diff), para.section, sentence_at(para.text, f.start),
                                   f"{name}{f.text}", f"{name}{money(value)}",
                                   f"公开05表 {name} 为 {money(value)}，相差 {money(diff)}"))
    return out
