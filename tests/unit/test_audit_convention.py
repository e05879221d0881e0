"""A rate that its stated figures contradict by less than the 元 amounts allow: a sure slip when
the document's other rates show it computes from its stated figures, 可能为尾差 when they do not
(too few that can tell, or one that follows the 元 amounts)."""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from narratives.audit import ROUNDING, SURE, audit_text
from narratives.audit.convention import RateSeen

# four rates that can tell (the 元 amounts would allow 13 to 34 printed values) and all follow the
# stated figures: 0.43÷4.58 = 9.388% → 9.39%; 1.05÷9.12 = 11.513% → 11.51%;
# 4.15÷5.34 = 77.715% → 77.72%; 0.70÷9.41 = 7.439% → 7.44%
TELLING = [
    "2024年度收入合计4.15万元。与上年相比，收入合计减少0.43万元，下降9.39%。",
    "2024年度支出合计8.07万元。与上年相比，支出合计减少1.05万元，下降11.51%。",
    "2024年度一般公共预算财政拨款支出年初预算5.34万元，支出决算4.15万元，完成年初预算的77.72%。",
    "2024年机关运行经费支出8.71万元，比2023年减少0.70万元，下降7.44%。",
]
# the yangquan slip: 0.01 ÷ 0.32 = 3.125% → 3.13% (the 元 amounts allow 1.5%–4.8%)
SLIP = "2024年度“三公”经费财政拨款支出0.31万元，比上年度减少0.01万元，下降3.12%。"


def document(*paragraphs: str) -> str:
    return "第三部分 情况说明\n\n一、总体情况\n\n" + "\n\n".join(paragraphs) + "\n"


def rate_findings(text: str):
    return [f for f in audit_text(text).findings if f.kind in ("变动率", "完成率")]


def test_the_slip_is_sure_where_every_other_rate_follows_the_stated_figures():
    [f] = rate_findings(document(*TELLING, SLIP))
    assert (f.sureness, f.stated, f.expected) == (SURE, "减少0.01万元，下降3.12%", "下降3.13%")
    assert "本文另有 4 个变动率、完成率" in f.note and "4.15÷5.34=77.72%" in f.note
    assert "3.125% 恰在中点" in f.note and "占比" not in f.note


def test_a_rate_no_slip_of_the_stated_figures_gives_stays_rounding():
    # 3.14% for 0.01 ÷ 0.32 = 3.125%: not its digits cut off (3.12%) — 元 amounts explain it as
    # well as a slip does (juesuan's own renderings of amounts exact to the 元 print such rates)
    [f] = rate_findings(document(*TELLING, SLIP.replace("3.12%", "3.14%")))
    assert f.sureness == ROUNDING


def test_alone_it_stays_rounding():
    [f] = rate_findings(document(SLIP))
    assert f.sureness == ROUNDING and "可能是用未公开的元金额计算的尾差" in f.note


def test_too_little_evidence_stays_rounding():
    # two rates that tell are too few, however wide their ranges (27 and 34 values)
    [f] = rate_findings(document(TELLING[0], TELLING[2], SLIP))
    assert f.sureness == ROUNDING


def test_one_rate_that_follows_the_yuan_amounts_keeps_it_rounding():
    # 0.43 ÷ 4.58 = 9.388%, printed 9.40%: what 元 amounts (0.4304 ÷ 4.5790) give — this document
    # may compute from 元, so neither rate is sure
    other = TELLING[0].replace("9.39%", "9.40%")
    found = rate_findings(document(other, *TELLING[1:], SLIP))
    assert sorted((f.stated, f.sureness) for f in found) == [
        ("减少0.01万元，下降3.12%", ROUNDING), ("减少0.43万元，下降9.40%", ROUNDING)]


def test_the_same_computation_restated_is_no_evidence_either_way():
    # "下降3.13%" for the same 0.01 ÷ 0.32 elsewhere says nothing of the convention: with it and
    # nothing else the slip stays 可能
    again = "其中：公务用车运行维护费支出0.31万元，较上年0.32万元减少0.01万元，下降3.13%。"
    found = rate_findings(document(SLIP, again))
    assert [f.sureness for f in found] == [ROUNDING]


def test_rates_of_equal_amounts_and_plain_slips_are_not_evidence():
    s = RateSeen("完成率", (Decimal("0.31"), Decimal("0.31")), Decimal(100), Decimal(100),
                 (Decimal("96.8"), Decimal("103.3")), 2, None)
    assert s.choices() == 1  # a budget spent to the 元 gives 100% whichever way it is computed
    t = RateSeen("变动率", (Decimal("0.43"), Decimal("4.58")), Decimal("9.39"), Decimal("9.388"),
                 (Decimal("9.259"), Decimal("9.518")), 2, None)
    assert t.choices() == 27  # 9.26 … 9.52
    # a rate that is simply wrong (outside what rounding allows) is a slip of its own, not a
    # sign of 元 amounts: the other three still show the convention
    wrong = TELLING[1].replace("11.51%", "15.00%")
    found = {f.stated: f.sureness for f in rate_findings(document(TELLING[0], wrong, *TELLING[2:], SLIP))}
    assert found == {"减少0.01万元，下降3.12%": SURE, "减少1.05万元，下降15.00%": SURE}


def _rate(change: Decimal, prior: Decimal) -> Decimal:
    return (change * 100 / prior).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _midpoints() -> list[tuple[Decimal, Decimal]]:
    """(上年, decrease) in cents, 1.00 … 3.99 万元, whose rate falls exactly on a midpoint at two
    decimals (0.12 ÷ 1.28 = 9.375%): the rates a rounding slip turns one unit down."""
    from fractions import Fraction
    out = []
    for p in range(100, 400):
        for d in range(5, p - 5):
            r = Fraction(d * 100000, p)
            if r.denominator == 1 and r % 10 == 5:
                out.append((Decimal(p) / 100, Decimal(d) / 100))
    return out


MIDPOINTS = _midpoints()


@st.composite
def prior_and_change(draw):
    """A 上年 of 1.00 … 20.00 万元 and a decrease of 0.05 万元 up to it (small amounts: their rates tell)."""
    prior = draw(st.integers(min_value=100, max_value=2000))
    change = draw(st.integers(min_value=5, max_value=prior - 5))
    return Decimal(prior) / 100, Decimal(change) / 100


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MIDPOINTS), st.lists(prior_and_change(), min_size=3, max_size=5, unique_by=lambda t: t),
       st.data())
def test_convention_property(midpoint, pairs, data):
    """Rates drawn from random small amounts, printed from the stated figures, and one falling on
    a midpoint printed rounded down (9.375% → 9.37%): sure where the others tell.  Printed one unit
    up instead (9.39%: no rounding slip gives it): 可能.  Replace one other rate by what 元 amounts
    round to the same figures would give, and the rounded-down rate is only 可能 too."""
    prior, change = midpoint
    assume(all(p != prior or c != change for p, c in pairs))
    exact = change * 100 / prior
    down = exact.quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    up = _rate(change, prior) + Decimal("0.01")

    def first(rate):
        return f"第1项支出{prior - change}万元，比上年减少{change}万元，下降{rate}%。"

    lines = []
    for i, (p, d) in enumerate(pairs):
        lines.append((f"第{i + 2}项支出{p - d}万元，比上年减少{d}万元，下降{_rate(d, p)}%。", p - d, d, p))
    others = [t for t, *_ in lines]
    found = {f.stated: f for f in rate_findings(document(first(down), *others))}
    mine = found[f"减少{change}万元，下降{down}%"]
    # the rates tell when the 元 amounts would allow many values: small amounts do
    lo = (change - Decimal("0.005")) * 100 / (prior + Decimal("0.005"))
    hi = (change + Decimal("0.005")) * 100 / (prior - Decimal("0.005"))
    chance = min(1, 2 / int((hi - lo) * 100))
    for _, c, d, p in lines:
        values = int(((d + Decimal("0.005")) / (p - Decimal("0.005")) - (d - Decimal("0.005")) / (p + Decimal("0.005"))) * 10000)
        chance *= min(1, 2 / values) if values > 2 else 1
    event(f"the others tell strongly: {chance < 0.001}")
    if chance < 0.001:
        assert mine.sureness == SURE and "恰在中点" in mine.note, (first(down), others)
    found = {f.stated: f for f in rate_findings(document(first(up), *others))}
    assert found[f"减少{change}万元，下降{up}%"].sureness == ROUNDING
    # one other rate the way 元 amounts give it: 4 more decimals drawn, each within its rounding
    _, c, d, p = lines[0]
    dd = d + Decimal(data.draw(st.integers(-49, 49))) / 10000
    pp = p + Decimal(data.draw(st.integers(-49, 49))) / 10000
    yuan = _rate(dd, pp)
    assume(yuan != _rate(d, p))
    others[0] = others[0].replace(f"下降{_rate(d, p)}%", f"下降{yuan}%")
    found = {f.stated: f for f in rate_findings(document(first(down), *others))}
    assert found[f"减少{change}万元，下降{down}%"].sureness == ROUNDING
    assert found[f"减少{d}万元，下降{yuan}%"].sureness == ROUNDING
