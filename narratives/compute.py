"""Exact arithmetic on amounts: change, change rate, share, completion, sums.

Every result keeps its unrounded inputs; rates are computed from unrounded amounts and are only
rounded (half up) when a writer formats them.  Edge cases are values, never exceptions:
a rate whose base is zero is ``None`` and the result says why (``kind``).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Iterable

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def _ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole × 100 with ample precision; None when whole is 0."""
    if whole == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 34
        return part * HUNDRED / whole


def total(values: Iterable[Decimal | None]) -> Decimal:
    """Sum of the given amounts, empty ones counted as 0 (for checks that compare stated sums;
    the text uses ``known_total``)."""
    s = ZERO
    for v in values:
        if v is not None:
            s += v
    return s


def known_total(values: Iterable[Decimal | None]) -> Decimal | None:
    """Sum of the given amounts, or None (unknown) when any part is unknown or there are no parts:
    a derived figure is only as known as every one of its parts."""
    s, seen = ZERO, False
    for v in values:
        if v is None:
            return None
        s += v
        seen = True
    return s if seen else None


def row_total(values: Iterable[Decimal | None]) -> Decimal | None:
    """The cells of ONE row of a published table: blank cells beside entered ones are 0 (the tables
    leave 0 blank), a row with nothing entered is unknown."""
    vals = list(values)
    if all(v is None for v in vals):
        return None
    return total(vals)


@dataclass(frozen=True)
class Change:
    """本年 against 上年.

    kind:
      "unknown"   — 本年 or 上年 not entered (no comparison can be said);
      "both_zero" — 本年 and 上年 are 0 (本年度无此项);
      "new"       — 上年 0, 本年 not (上年无此项, 增长率无可比性);
      "same"      — 本年 = 上年 ≠ 0 (持平);
      "up" / "down".
    rate is the change in % of 上年 (unrounded), None when 上年 is 0.
    """

    current: Decimal | None
    prior: Decimal | None

    @property
    def known(self) -> bool:
        return self.current is not None and self.prior is not None

    @property
    def amount(self) -> Decimal | None:
        if not self.known:
            return None
        return self.current - self.prior

    @property
    def kind(self) -> str:
        if not self.known:
            return "unknown"
        if self.current == 0 and self.prior == 0:
            return "both_zero"
        if self.prior == 0:
            return "new"
        if self.current == self.prior:
            return "same"
        return "up" if self.current > self.prior else "down"

    @property
    def rate(self) -> Decimal | None:
        # a negative base (e.g. 结余) would flip the sign words: measure against |上年|
        if not self.known or self.prior == 0:
            return None
        return _ratio(self.amount, abs(self.prior))


def change(current: Decimal | None, prior: Decimal | None) -> Change:
    """Blanks as 0 (the checks' and audit's reading of stated tables); the text uses ``known_change``."""
    return Change(current or ZERO, prior or ZERO)


def known_change(current: Decimal | None, prior: Decimal | None) -> Change:
    """A blank stays unknown: kind "unknown", no amount, no rate."""
    return Change(current, prior)


@dataclass(frozen=True)
class Share:
    """part / whole, in %.  rate None when whole is 0 or either is unknown (``known`` tells which)."""

    part: Decimal | None
    whole: Decimal | None

    @property
    def known(self) -> bool:
        return self.part is not None and self.whole is not None

    @property
    def rate(self) -> Decimal | None:
        if not self.known:
            return None
        return _ratio(self.part, self.whole)


def share(part: Decimal | None, whole: Decimal | None) -> Share:
    return Share(part or ZERO, whole or ZERO)


def known_share(part: Decimal | None, whole: Decimal | None) -> Share:
    return Share(part, whole)


@dataclass(frozen=True)
class Completion:
    """决算 against 年初预算.

    kind: "unknown" (either not entered), "no_budget" (预算 0, 决算 > 0), "none" (both 0),
    "equal", "over", "under".
    """

    actual: Decimal | None
    budget: Decimal | None

    @property
    def known(self) -> bool:
        return self.actual is not None and self.budget is not None

    @property
    def rate(self) -> Decimal | None:
        if not self.known:
            return None
        return _ratio(self.actual, self.budget)

    @property
    def deviation(self) -> Decimal | None:
        if not self.known:
            return None
        return self.actual - self.budget

    @property
    def kind(self) -> str:
        if not self.known:
            return "unknown"
        if self.budget == 0:
            return "none" if self.actual == 0 else "no_budget"
        if self.actual == self.budget:
            return "equal"
        return "over" if self.actual > self.budget else "under"


def completion(actual: Decimal | None, budget: Decimal | None) -> Completion:
    return Completion(actual or ZERO, budget or ZERO)


def known_completion(actual: Decimal | None, budget: Decimal | None) -> Completion:
    return Completion(actual, budget)


def largest_remainder(rates: list[Decimal], places: int = 2) -> list[Decimal]:
    """Round shares so that they add to exactly 100 (the optional 尾差 rule).

    Each share is floored to ``places``; the units still missing go to the largest remainders.
    Only for display, on request: the clerk's figures are never changed.
    """
    if not rates:
        return []
    unit = Decimal(1).scaleb(-places)
    floors = [(r / unit).to_integral_value(rounding="ROUND_FLOOR") for r in rates]
    target = (sum(rates, ZERO) / unit).to_integral_value(rounding="ROUND_HALF_UP")
    missing = int(target - sum(floors, ZERO))
    order = sorted(range(len(rates)), key=lambda i: (rates[i] / unit - floors[i]), reverse=True)
    out = list(floors)
    for i in order[:max(missing, 0)]:
        out[i] += 1
    return [v * unit for v in out]


def determined(stated: Decimal | None, parts: list[Decimal | None]) -> tuple[Decimal | None, list[Decimal | None]]:
    """One row of a table (a total and its parts) with every figure its entered cells determine:
    the total as stated, else Σ parts when every part is entered; a single blank part is the total
    less the others; several blank parts are 0 when the entered ones already make the total (the
    published tables leave 0 blank; a row's parts are not negative); anything else stays unknown."""
    parts = list(parts)
    blanks = [i for i, v in enumerate(parts) if v is None]
    if stated is None:
        return (known_total(parts) if not blanks else None), parts
    if blanks:
        rest = stated - total(parts)
        if len(blanks) == 1:
            parts[blanks[0]] = rest
        elif rest == 0:
            for i in blanks:
                parts[i] = ZERO
    return stated, parts
