"""A finding, how sure it is, and the arithmetic of "could rounding explain it?".

Published amounts are 万元 rounded to 2 decimals; the percentages were (or should have been)
computed from the unrounded 元 amounts, which are not published.  So a stated percentage that
differs from the one the rounded figures give is only *sure* to be wrong when no amounts that
round to the published ones could give it.  ``rate_range`` computes the range the unrounded
amounts allow; a percentage inside it is "可能为尾差" and the finding says so and why.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, replace
from decimal import Decimal, localcontext

from ..money import format_number, quantize
from .figures import Figure

SURE = "确定"
ROUNDING = "可能为尾差"
NOTE = "提示"
SURENESS_ORDER = {SURE: 0, ROUNDING: 1, NOTE: 2}

HUNDRED = Decimal(100)
INFINITY = Decimal("Infinity")


@dataclass
class Finding:
    kind: str          # 变动率, 占比, 完成率, 方向词, 持平与零基数, 零预算, 预算偏差用词, 合计一致, 分项之和, 表文不符, 模板残留, 年份
    sureness: str      # 确定 | 可能为尾差 | 提示
    section: str       # the section heading the sentence is under
    sentence: str      # the sentence, verbatim
    stated: str        # what the text says: "下降3.12%"
    expected: str      # what it should say: "下降3.13%"
    computation: str   # how the expectation was computed
    note: str = ""     # why this sureness (e.g. the range rounding allows)
    page: int | None = None  # the page the sentence is on (PDF, .docx with page breaks)

    def to_dict(self) -> dict:
        return asdict(self)


def half_unit(fig: Figure) -> Decimal:
    """Half a unit of the last place the figure stands for (``with_document_places``)."""
    return Decimal(5).scaleb(-(fig.places + 1))


def amount_places(figs: list[Figure]) -> int:
    """How many decimals the document's amounts are rounded to: the most common count among
    those printed with decimals (2 in practice; a document printing only whole 万元 has 0)."""
    shown = Counter(f.places for f in figs if f.kind == "amount" and f.places > 0)
    return max(shown, key=lambda k: (shown[k], -k)) if shown else 0


def with_document_places(figs: list[Figure], amounts: int, percents: int) -> list[Figure]:
    """Each figure with the precision it stands for: "36万元" in a 2-decimal document is 36.00,
    "100%" in a 2-decimal document is 100.00%; a figure printed with more places keeps them."""
    out = []
    for f in figs:
        places = max(f.places, amounts if f.kind == "amount" else percents)
        out.append(replace(f, places=places) if places != f.places else f)
    return out


def ratio(part: Decimal, whole: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 34
        return part * HUNDRED / whole


def ratio_range(part: Decimal, part_h: Decimal, whole: Decimal, whole_h: Decimal) -> tuple[Decimal, Decimal]:
    """The range of part / whole × 100 when each may be off by its half unit (both ≥ 0)."""
    lo_part, hi_part = max(part - part_h, Decimal(0)), part + part_h
    lo_whole, hi_whole = whole - whole_h, whole + whole_h
    lo = ratio(lo_part, hi_whole) if hi_whole > 0 else Decimal(0)
    hi = ratio(hi_part, lo_whole) if lo_whole > 0 else INFINITY
    return lo, hi


def pct_places(figs: list[Figure], default: int = 2) -> int:
    """The document's percent decimals: the most any of its percentages shows (trimmed
    "100%" in a 2-decimal document still means 100.00%)."""
    shown = [f.places for f in figs if f.kind == "percent"]
    return max(shown) if shown else default


def judge_pct(stated: Figure, exact: Decimal, rng: tuple[Decimal, Decimal], places: int) -> str | None:
    """None if the stated percentage is what the published figures give (half up); otherwise
    确定, or 可能为尾差 when amounts that round to the published ones could give it."""
    if stated.value == quantize(exact, places):
        return None
    h = half_unit(stated)
    lo, hi = rng
    if stated.value + h >= lo and stated.value - h <= hi:
        return ROUNDING
    return SURE


def money(value: Decimal) -> str:
    return format_number(value, 2, group=True) + "万元"


def pct(value: Decimal, places: int) -> str:
    return format_number(value, places, group=False) + "%"


def exact_pct(value: Decimal) -> str:
    """An unrounded rate shown with enough digits to see the rounding: 3.125%."""
    return format_number(value, 4, group=False, trim=True) + "%"


def range_note(rng: tuple[Decimal, Decimal], places: int) -> str:
    lo, hi = rng
    hi_text = "∞" if hi == INFINITY else pct(hi, places + 1)
    return (f"金额按万元四舍五入公布，按元计的实际金额可得 {pct(lo, places + 1)}～{hi_text}，"
            "所写的百分比在此范围内，可能是用未公开的元金额计算的尾差")
