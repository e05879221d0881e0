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
from .evidence import Witness, judge
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
    # the parts: each source of 收入, each kind of 支出, 人员/公用经费, each 三公 item
    ("财政拨款收入", "收入", re.compile(r"^财政拨款收入$"), "actual"),
    ("一般公共预算财政拨款收入", "收入", re.compile(r"^一般公共预算财政拨款收入$"), "actual"),
    ("上级补助收入", "收入", re.compile(r"^上级补助收入$"), "actual"),
    ("事业收入", "收入", re.compile(r"^事业收入$"), "actual"),
    ("经营收入", "收入", re.compile(r"^经营收入$"), "actual"),
    ("附属单位上缴收入", "收入", re.compile(r"^附属单位上缴收入$"), "actual"),
    ("其他收入", "收入", re.compile(r"^其他收入$"), "actual"),
    ("基本支出", "支出", re.compile(r"^基本支出$"), "actual"),
    ("项目支出", "支出", re.compile(r"^项目支出$"), "actual"),
    ("人员经费", "基本支出", re.compile(r"^人员经费(?:支出)?$"), "actual"),
    ("公用经费", "基本支出", re.compile(r"^(?:日常)?公用经费(?:支出)?$"), "actual"),
    ("因公出国（境）费", "三公", re.compile(r"^[^，]{0,6}因公出国[（(]境[）)]费(?:用)?(?:支出)?$"), "actual"),
    ("公务用车购置费", "三公", re.compile(r"^[^，]{0,6}公务用车购置(?:费)?(?:支出)?$"), "actual"),
    ("公务用车运行维护费", "三公", re.compile(r"^[^，]{0,6}公务用车运行维护费(?:支出)?$"), "actual"),
    ("公务接待费", "三公", re.compile(r"^[^，]{0,6}公务接待费(?:支出)?$"), "actual"),
]
_FIRST_ONLY = ("一般公共预算财政拨款基本支出", "“三公”经费决算")

# (a, b): a ≤ b
RELATIONS = [
    ("本年收入合计", "≤", "收入总计"),
    ("本年支出合计", "≤", "支出总计"),
    ("财政拨款收入总计", "≤", "收入总计"),
    ("财政拨款支出总计", "≤", "支出总计"),
    ("一般公共预算财政拨款支出", "≤", "财政拨款支出总计"),
    ("一般公共预算财政拨款支出", "≤", "本年支出合计"),
    ("一般公共预算财政拨款基本支出", "≤", "一般公共预算财政拨款支出"),
]
# figures that are one figure under two names (收入总计 = 支出总计): their statements witness each other
SAME_FIGURE = [("收入总计", "支出总计"), ("财政拨款收入总计", "财政拨款支出总计")]

# the totals whose 上年 must agree too (收入总计 = 支出总计 in both years): their changes are equal
CHANGE_PAIRS = [("收支总体", "收入", "支出"), ("财政拨款总体", "收入", "支出")]

# the table cells each figure is (several tables print some of them)
TABLE_CELLS: dict[str, tuple[str, ...]] = {
    "收入总计": ("T01.收入总计",),
    "支出总计": ("T01.支出总计",),
    "本年收入合计": ("T01.本年收入合计",),
    "本年支出合计": ("T01.本年支出合计", "T03.本年支出合计"),
    "财政拨款收入总计": ("T04.收入总计",),
    "财政拨款支出总计": ("T04.支出总计",),
    "一般公共预算财政拨款支出": ("T05.合计",),
    "一般公共预算财政拨款基本支出": ("T05.基本支出",),
    "“三公”经费决算": ("T09.决算.合计",),
    "“三公”经费预算": ("T09.预算.合计",),
    "财政拨款收入": ("T01.收入.财政拨款收入",),
    "一般公共预算财政拨款收入": ("T01.收入.一般公共预算财政拨款收入",),
    "上级补助收入": ("T01.收入.上级补助收入",),
    "事业收入": ("T01.收入.事业收入",),
    "经营收入": ("T01.收入.经营收入",),
    "附属单位上缴收入": ("T01.收入.附属单位上缴收入",),
    "其他收入": ("T01.收入.其他收入",),
    "基本支出": ("T03.基本支出",),
    "项目支出": ("T03.项目支出",),
    "人员经费": ("T06.人员经费",),
    "公用经费": ("T06.公用经费",),
    "因公出国（境）费": ("T09.决算.因公出国（境）费",),
    "公务用车购置费": ("T09.决算.公务用车购置费",),
    "公务用车运行维护费": ("T09.决算.公务用车运行维护费",),
    "公务接待费": ("T09.决算.公务接待费",),
}
TABLE_NAMES = {"T01": "公开01表", "T03": "公开03表", "T04": "公开04表", "T05": "公开05表", "T06": "公开06表",
               "T09": "公开09表"}


# "占本年支出合计的…": the named whole → a total key
NAMED_WHOLES = [
    (re.compile(r"(?:本年度?)?(?:支出(?:合计|总额)?|总支出)"), "本年支出合计", "T01.本年支出合计"),
    (re.compile(r"(?:本年度?)?(?:收入(?:合计|总额)?|总收入)"), "本年收入合计", "T01.本年收入合计"),
    (re.compile(r"一般公共预算财政拨款支出(?:合计|总额)?"), "一般公共预算财政拨款支出", "T05.合计"),
    (re.compile(r"“?三公”?经费(?:支出)?(?:合计|总额)?"), "“三公”经费决算", "T09.决算.合计"),
]


def cell_label(cell: str) -> str:
    table, _, rest = cell.partition(".")
    return f"{TABLE_NAMES.get(table, table)} {rest.replace('.', ' ')}"

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
                    if role == "actual" and key in _FIRST_ONLY:
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


def _relation_witnesses(keys: list[str], witnesses: list[Witness],
                        found: dict[str, list[Statement]]) -> list[Witness]:
    """A relation (a ≤ b) with a figure stated elsewhere that holds for one of the disputed
    values and fails for another witnesses the value it holds for."""
    values = sorted({w.value for w in witnesses})
    if len(values) < 2:
        return []
    out = []
    for a, _, b in RELATIONS:
        if a in keys and b not in keys and _first(found, b) is not None:
            other = _first(found, b)
            holds = {v: v <= other.figure.value for v in values}
            text = f"{a} ≤ {b} {other.figure.text}（{other.paragraph.section}）"
        elif b in keys and a not in keys and _first(found, a) is not None:
            other = _first(found, a)
            holds = {v: other.figure.value <= v for v in values}
            text = f"{a} {other.figure.text}（{other.paragraph.section}）≤ {b}"
        else:
            continue
        if len(set(holds.values())) > 1:
            out += [Witness(v, text) for v, ok in holds.items() if ok]
    return out


def check_totals(found: dict[str, list[Statement]], tables: TableFigures | None = None,
                 holding: frozenset[int] = frozenset(), blamed: set[int] | None = None) -> list[Finding]:
    """Each figure stated in several places (and printed in the tables) is one figure: where
    its statements disagree, the outnumbered value is named (``evidence``).  ``holding``: ids of
    the figures that are the whole of a list whose parts add up to it (one more witness).
    ``blamed`` receives the ids of the figures named wrong."""
    out: list[Finding] = []
    blamed = set() if blamed is None else blamed
    grouped: set[str] = set()
    groups = [list(pair) for pair in SAME_FIGURE] + [[k] for k in found if not any(k in p for p in SAME_FIGURE)]
    for keys in groups:
        witnesses: list[Witness] = []
        seen: set[int] = set()
        for key in keys:
            grouped.add(key)
            for st in found.get(key, []):
                if id(st.figure) in seen:
                    continue
                seen.add(id(st.figure))
                witnesses.append(Witness(st.figure.value, st.paragraph.section or "第三部分", st))
                if id(st.figure) in holding:
                    witnesses.append(Witness(st.figure.value, f"{st.paragraph.section}所列分项之和"))
            for cell in TABLE_CELLS.get(key, ()) if tables else ():
                value = tables.get(cell)
                if value is not None:
                    witnesses.append(Witness(value, cell_label(cell), table=True))
        if any(w.statement is not None for w in witnesses):
            witnesses += _relation_witnesses(keys, witnesses, found)
            out += judge("、".join(dict.fromkeys(k for k in keys if found.get(k))) or keys[0], witnesses, blamed)
    for a, relation, b in RELATIONS:
        sa, sb = _first(found, a), _first(found, b)
        if sa is None or sb is None or sa.figure is sb.figure:
            continue
        if id(sa.figure) in blamed or id(sb.figure) in blamed:
            continue  # one side is already named as the slip
        diff = sa.figure.value - sb.figure.value
        if diff > 0:
            sure = _gap_sureness(diff)
            out.append(Finding(
                "合计一致", sure, sa.paragraph.section, sa.quote, f"{a}{sa.figure.text}",
                f"{a} {relation} {b}（{money(sb.figure.value)}）",
                f"{a} {money(sa.figure.value)}，{b} {money(sb.figure.value)}（“{sb.paragraph.section}”）：相差 {money(diff)}",
                "两者应满足前者不大于后者"))
    return out


_TOTAL_WORDS = re.compile(r"收入|支出|总计|合计")


def _change_witnesses(fig: Figure, paragraphs: list[tuple[Paragraph, list[Figure]]], pair: tuple[Figure, Figure]) -> list[str]:
    """Where else the same change of a total is stated (same amount, same direction): the
    sections that say it again."""
    up = fig.word in ("增加", "增长")
    out = []
    for para, figs in paragraphs:
        for g in figs:
            if g is pair[0] or g is pair[1] or g.kind != "amount" or g.role != "change":
                continue
            if g.value == fig.value and (g.word in ("增加", "增长")) == up and (
                    not g.subject or _TOTAL_WORDS.search(g.subject)):
                out.append(para.section or "第三部分")
    return out


def check_change_pairs(paragraphs: list[tuple[Paragraph, list[Figure]]]) -> list[Finding]:
    """收入总计 and 支出总计 are equal in both years, so their changes must be equal too.  When
    they are not, the one the rest of the document does not repeat is the slip."""
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
        if left not in changes or right not in changes:
            continue
        (fl, pl), (fr, pr) = changes[left], changes[right]
        if fl.value == fr.value and (fl.word in ("增加", "增长")) == (fr.word in ("增加", "增长")):
            continue
        wl = [pl.section] + _change_witnesses(fl, paragraphs, (fl, fr))
        wr = [pr.section] + _change_witnesses(fr, paragraphs, (fl, fr))
        listing = (f"{fl.subject}{fl.word}{fl.text}：{len(wl)} 处（{'、'.join(dict.fromkeys(wl))}）；"
                   f"{fr.subject}{fr.word}{fr.text}：{len(wr)} 处（{'、'.join(dict.fromkeys(wr))}）")
        rule = "收入总计 = 支出总计（本年、上年都如此），两者的变动额必然相等"
        if len(wl) == len(wr):
            out.append(Finding(
                "合计一致", SURE, pr.section, sentence_at(pr.text, fr.start),
                f"{fl.subject}{fl.word}{fl.text}、{fr.subject}{fr.word}{fr.text}", "核对后统一为同一变动额",
                f"{rule}；{listing}", "两个变动额的佐证一样多，无法判断哪一个有误"))
            continue
        (bad, bad_para), (good, _) = ((fr, pr), (fl, pl)) if len(wl) > len(wr) else ((fl, pl), (fr, pr))
        out.append(Finding(
            "合计一致", SURE, bad_para.section, sentence_at(bad_para.text, bad.start),
            f"{bad.subject}{bad.word}{bad.text}", f"{bad.subject}{good.word}{good.text}（与{good.subject}的变动相同）",
            f"{rule}；{listing}", "以其他各节也这样写的一方为准"))
    return out


def check_tables(tables: TableFigures, paragraphs: list[tuple[Paragraph, list[Figure]]]) -> list[Finding]:
    """The 类 amounts of 五（二） against 公开05表 and 04表's 一般公共预算 column: witnesses each."""
    out: list[Finding] = []
    if not tables:
        return out
    for para, figs in paragraphs:
        if para.topic != "一般公共预算" or "结构" not in para.subsection:
            continue
        for f in figs:
            if f.kind != "amount" or f.role not in CURRENT_ROLES:
                continue
            name = re.sub(r"(?:支出)+$", "支出", f.subject)
            cells = [c for c in (f"T05.类.{name}", f"T04.类.{name}") if tables.get(c) is not None]
            if not cells:
                continue
            st = Statement(name, f, para)
            witnesses = [Witness(f.value, para.section, st)] + [Witness(tables.get(c), cell_label(c), table=True)
                                                                 for c in cells]
            out += judge(name, witnesses)
    return out
