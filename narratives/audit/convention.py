"""The document's own rate convention, read from its percentages, decides whether a rate that
disagrees with its stated figures is a slip or 尾差.

A rate (变动率, 完成率) that differs from the one its stated 万元 figures give, but lies in the
range the unpublished 元 amounts allow, is "可能为尾差" — unless the document shows how it computes.
Most of its other rates tell: where the 元 amounts could give several different percentages, a
document computed from 元 would print the stated-figure value only by chance — at most about two
in the number of values the range allows (the 元 results crowd towards the middle of the range,
where the stated-figure value is, at up to twice the even density; a range of two values tells
nothing).  When every other rate that can tell equals the computation from the stated figures,
the disagreeing rate is what a rounding slip of that computation gives (it falls exactly on a
midpoint, rounded down: 3.125% → 3.12%), and the chance that 元 amounts give all of them is small,
the document computes from its stated figures: the rate is a sure slip, and the finding says this
evidence.
One other rate that fits 元 but not the stated figures is evidence the other way, and the finding
stays 可能.  (Agreement alone is not enough: amounts entered exact to the 元 but mostly whole
hundreds — juesuan's synthetic units, many clerks' projects — agree wherever they are whole, and
the one rate of an amount with 元 digits differs: in 600 synthetic units a cut-off rate passed
for a slip 3 times, a midpoint never.)

Shares (占比) are not evidence: publications often take them from the software's 元 tables while
the clerk computes the rates by hand (yangquan: its rates all follow the stated figures, two of
its shares do not); the finding says so when its shares disagree.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, Decimal

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
    computes from its stated figures (the note says the evidence); the rest unchanged.  Linear in
    the rates: the evidence is gathered once, each computation weighed once."""
    rates = [s for s in seen if s.kind in RATE_KINDS]
    candidates = [s for s in rates if s.verdict == ROUNDING and s.finding is not None
                  and s.finding.sureness == ROUNDING]
    if not candidates:
        return findings
    off = {s.key for s in rates if s.verdict == ROUNDING}  # computations printed as 元 could give
    telling: dict[tuple, RateSeen] = {}
    for s in rates:
        # a plain slip (SURE) says nothing of the convention; agreeing where the 元 amounts allow
        # two values at most says little
        if s.verdict is None and s.key not in telling and s.choices() > 2:
            telling[s.key] = s
    shares_off = sum(1 for s in seen if s.kind == "占比" and s.verdict == ROUNDING)
    notes: dict[tuple, str | None] = {}
    upgraded: dict[int, Finding] = {}
    for s in candidates:
        k = (s.key, s.stated)
        if k not in notes:
            # the same computation restated is no evidence either way; another computation that
            # follows the 元 amounts means the document may compute that way
            others = [t for key, t in telling.items() if key != s.key]
            notes[k] = None if off - {s.key} else _evidence(s, others, shares_off)
        if notes[k] is not None:
            upgraded[id(s.finding)] = replace(s.finding, sureness=SURE, note=notes[k])
    return [upgraded.get(id(f), f) for f in findings]


def _evidence(candidate: RateSeen, telling: list[RateSeen], shares_off: int) -> str | None:
    if len(telling) < MIN_WITNESSES:
        return None
    how = _mechanism(candidate)
    if how is None:
        return None
    # the rate itself landing on that one value by a 元 computation is a chance too
    own = min(Decimal(1), Decimal(2) / candidate.choices())
    chance = math.prod((min(Decimal(1), Decimal(2) / s.choices()) for s in telling), start=own)
    if chance > MAX_CHANCE:
        return None
    shown = sorted(telling, key=lambda s: -s.choices())[:_SHOWN]
    odds = "不到百万分之一" if chance < Decimal("0.000001") else f"约 1/{int(1 / chance)}"
    text = (f"本文另有 {len(telling)} 个变动率、完成率按元金额计算本可得到别的数，却全部等于按所写万元数字的计算"
            f"（如 {'、'.join(s.formula for s in shown)}），若按元计算而恰好都如此的机会{odds}："
            f"本文按所写数字计算比率，此处 {pct(candidate.stated, candidate.places)} 与所写数字不符，是笔误而非尾差；{how}")
    if shares_off:
        text += f"（占比另有口径：{shares_off} 处与所写数字不符，可能按元计算，不作为证据）"
    return text


def _mechanism(s: RateSeen) -> str | None:
    """How a clerk computing from the stated figures gets the printed rate: the computation falls
    exactly on a midpoint and was rounded down (3.125% → 3.12%: its digits cut off, or what
    "四舍六入五成双" gives) instead of 四舍五入.  None otherwise: a rate one unit off elsewhere is what
    amounts exact to the 元 give as well (juesuan's own renderings of amounts mostly whole hundreds
    of 元 print such rates, their other rates all agreeing), so it stays 可能."""
    unit = Decimal(1).scaleb(-s.places)
    cut = s.exact.quantize(unit, rounding=ROUND_DOWN)
    if s.stated != cut or (s.exact / unit * 2) % 2 != 1:
        return None
    return (f"{exact_pct(s.exact)} 恰在中点，四舍五入为 {pct(quantize(s.exact, s.places), s.places)}，"
            f"写成 {pct(s.stated, s.places)} 是舍去尾数（或“四舍六入五成双”）所致")
