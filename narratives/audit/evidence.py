"""Blame by evidence: when statements of one figure disagree, count the independent witnesses of
each value — the figure stated in other sections, the tables, sums of listed parts that hold —
and name the value that is outnumbered.  A tie is said as a tie: both values, and that the
document does not tell which is wrong.

A witness is one figure printed once: the same printed figure recorded under two names ("收、支
总计均为161.09万元") counts once.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from .findings import ROUNDING, SURE, Finding, money

CENT = Decimal("0.01")
MAX_SHOWN = 4


@dataclass
class Witness:
    value: Decimal
    label: str            # "四、财政拨款收支决算总体情况说明", "公开01表 收入总计", "所列分项之和"
    statement: object = None   # the crosscheck.Statement it is, or None (a table cell, a sum)
    table: bool = False


def _listing(ws: list[Witness]) -> str:
    labels = list(dict.fromkeys(w.label for w in ws))
    shown = "、".join(labels[:4]) + ("等" if len(labels) > 4 else "")
    return f"{len(ws)} 处（{shown}）"


def judge(name: str, witnesses: list[Witness], blamed: set[int] | None = None) -> list[Finding]:
    """Findings for the statements (or table cells) of ``name`` whose value is outnumbered.
    ``blamed`` collects the ids of the figures found wrong (so a relation is not blamed on the
    figure that was right)."""
    by_value: dict[Decimal, list[Witness]] = {}
    for w in witnesses:
        by_value.setdefault(w.value, []).append(w)
    if len(by_value) < 2:
        return []
    counts = Counter({v: len(ws) for v, ws in by_value.items()})
    ranked = counts.most_common()
    top = ranked[0][1]
    leaders = [v for v, n in ranked if n == top]
    quoted = [w for w in witnesses if w.statement is not None]
    if not quoted:
        return []  # only tables disagree among themselves: the tables' own checks say so
    out: list[Finding] = []
    first_of: dict[Decimal, object] = {}
    for w in quoted:
        first_of.setdefault(w.value, w.statement)
    if len(leaders) > 1:
        # a tie: both values, each with its witnesses, and no culprit (a few shown when many)
        first = first_of.get(leaders[-1], quoted[0].statement)
        shown = []
        for v in leaders[:MAX_SHOWN]:
            st = first_of.get(v)
            shown.append(f"{st.key}{st.figure.text}" if st is not None else f"{by_value[v][0].label} {money(v)}")
        summary = "；".join(f"{money(v)}：{_listing(by_value[v])}" for v in leaders[:MAX_SHOWN])
        others = [v for v, n in ranked if n != top]
        if len(leaders) > MAX_SHOWN or others:
            summary += f"；共 {len(by_value)} 种不同的数字"
        spread = max(by_value) - min(by_value)
        out.append(Finding(
            "表文不符" if any(w.table for w in witnesses) else "合计一致",
            ROUNDING if spread <= CENT else SURE, first.paragraph.section, first.quote,
            "、".join(shown) + ("等" if len(leaders) > MAX_SHOWN else ""), "核对后统一为同一数字",
            f"同一数字在各处不一致：{summary}",
            "几种数字的佐证一样多，无法判断哪一个有误"))
        return out
    truth = leaders[0]
    support = by_value[truth]
    tables_agree = any(w.table for w in support)
    for value, ws in by_value.items():
        if value == truth:
            continue
        diff = value - truth
        sure = ROUNDING if abs(diff) <= CENT else SURE
        how = f"{money(truth)}：{_listing(support)}；{money(value)}：{_listing(ws)}，相差 {money(diff)}"
        for w in ws:
            if w.statement is not None:
                st = w.statement
                if blamed is not None:
                    blamed.add(id(st.figure))
                kind = "表文不符" if tables_agree else "合计一致"
                out.append(Finding(kind, sure, st.paragraph.section, st.quote, f"{st.key}{st.figure.text}",
                                   f"{st.key}{money(truth)}", how,
                                   "以佐证多的为准（其他各节、决算表、成立的分项之和各算一处）"))
            else:
                # the table is the one outnumbered: quote where the text states the figure
                st = first_of.get(truth, quoted[0].statement)
                out.append(Finding("表文不符", sure, st.paragraph.section, st.quote,
                                   f"{w.label} {money(value)}", f"{name}{money(truth)}（与文中一致）", how,
                                   "文中各处一致而决算表不同：疑为表中数字有误"))
    return out
