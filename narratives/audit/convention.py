"""The document's own rate convention, read from its percentages, decides whether a rate that
disagrees with its stated figures is a slip or 尾差.

A rate (变动率, 完成率) that differs from the one its stated 万元 figures give, but lies in the
range the unpublished 元 amounts allow, is "可能为尾差" — unless the document shows how it computes.
Most of its other rates tell: where the 元 amounts could give several different percentages, a
document computed from 元 would print the stated-figure value only by chance (about one in the
number of values the range allows).  When every other rate that can tell equals the computation
from the stated figures, and the chance that a 元 computation gives all of them is small, the
document computes from its stated figures: the disagreeing rate is a sure slip, and the finding
says this evidence.  One other rate that fits 元 but not the stated figures is evidence the other
way, and the finding stays 可能.

Shares (占比) are not evidence: publications often take them from the software's 元 tables while
the clerk computes the rates by hand (yangquan: its rates all follow the stated figures, two of
its shares do not); the finding says so when its shares disagree.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from ..money import quantize
from .findings import INFINITY, ROUNDING, SURE, Finding, exact_pct, pct

RATE_KINDS = ("变动率", "完成率")
MIN_WITNESSES = 3              # distinct computations that can tell, at least
MAX_CHANCE = Decimal("0.01")  # a 元 computation agreeing with all of them by chance, at most
_SHOWN = 3                     # examples quoted in the evidence


@dataclass
class RateSeen:
    """One percentage the checks recomputed from the stated figures (agreeing or not)."""

    kind: str                          # 变动率 | 完成率 | 占比
    key: tuple[Decimal, Decimal]       # (numerator, denominator) as stated: one computation
    stated: Decimal
    exact: Decimal                     # numerator ÷ denominator × 100, unrounded
    rng: tuple[Decimal, Decimal]       # what the 元 amounts allow
    places: int
    verdict: str | None                # None: equals the stated-figure computation
    finding: Finding | None = None

    @property
    def formula(self) -> str:
        num, den = self.key
        return f"{format(num, 'f')}÷{format(den, 'f')}={pct(quantize(self.exact, self.places), self.places)}"

    def choices(self) -> int:
        """How many printed values (at the document's places) the 元 amounts allow: 1 tells
        nothing; a rate from equal amounts (100%) tells nothing either, as a budget spent to
        the 元 is common and gives 100% whichever way it is computed."""
        lo, hi = self.rng
        num, den = self.key
        if hi == INFINITY or num == den or num == 0:
            return 1
        unit = Decimal(1).scaleb(-self.places)
        first = ((lo - unit / 2) / unit).to_integral_value(rounding=ROUND_CEILING)
        last = ((hi + unit / 2) / unit).to_integral_value(rounding=ROUND_FLOOR)
        return max(int(last - first) + 1, 1)


def settle(findings: list[Finding], seen: list[RateSeen]) -> list[Finding]:
    """``findings`` with each 可能为尾差 rate made 确定 where the document's other rates show it
    computes from its stated figures (the note says the evidence); the rest unchanged."""
    rates = [s for s in seen if s.kind in RATE_KINDS]
    upgraded: dict[int, Finding] = {}
    for s in rates:
        if s.verdict != ROUNDING or s.finding is None or s.finding.sureness != ROUNDING:
            continue
        note = _evidence(s, rates, [x for x in seen if x.kind == "占比"])
        if note is not None:
            upgraded[id(s.finding)] = replace(s.finding, sureness=SURE, note=note)
    return [upgraded.get(id(f), f) for f in findings]


def _evidence(candidate: RateSeen, rates: list[RateSeen], shares: list[RateSeen]) -> str | None:
    telling: dict[tuple, RateSeen] = {}
    for s in rates:
        if s.key == candidate.key or s.verdict == SURE or s.choices() <= 1:
            continue  # the same computation restated; a plain slip says nothing of the convention
        if s.verdict == ROUNDING:
            return None  # another rate follows the 元 amounts: the document may compute that way
        telling.setdefault(s.key, s)
    if len(telling) < MIN_WITNESSES:
        return None
    chance = math.prod((Decimal(1) / s.choices() for s in telling.values()), start=Decimal(1))
    if chance > MAX_CHANCE:
        return None
    shown = sorted(telling.values(), key=lambda s: -s.choices())[:_SHOWN]
    odds = "不到百万分之一" if chance < Decimal("0.000001") else f"约 1/{int(1 / chance)}"
    text = (f"本文另有 {len(telling)} 个变动率、完成率按元金额计算本可得到别的数，却全部等于按所写万元数字的计算"
            f"（如 {'、'.join(s.formula for s in shown)}），若按元计算而恰好都如此的机会{odds}："
            f"本文按所写数字计算比率，此处 {pct(candidate.stated, candidate.places)} 与所写数字不符，是笔误而非尾差")
    tie = _tie(candidate)
    if tie:
        text += f"；{tie}"
    off = [s for s in shares if s.verdict == ROUNDING]
    if off:
        text += f"（占比另有口径：{len(off)} 处与所写数字不符，可能按元计算，不作为证据）"
    return text


def _tie(s: RateSeen) -> str:
    """3.125% printed as 3.12%: the midpoint rounded down (舍去 or 五成双), not 四舍五入."""
    unit = Decimal(1).scaleb(-s.places)
    if (s.exact / unit * 2) % 2 == 1 and s.stated == quantize(s.exact, s.places) - unit:
        return (f"{exact_pct(s.exact)} 恰在中点，四舍五入为 {pct(quantize(s.exact, s.places), s.places)}，"
                f"写成 {pct(s.stated, s.places)} 是舍去尾数（或“四舍六入五成双”）所致")
    return ""
