"""A rate that its stated figures contradict by less than the 元 amounts allow: a sure slip when
the document's other rates show it computes from its stated figures, 可能为尾差 when they do not
(too few that can tell, or one that follows the 元 amounts)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

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


def test_alone_it_stays_rounding():
    [f] = rate_findings(document(SLIP))
    assert f.sureness == ROUNDING and "可能是用未公开的元金额计算的尾差" in f.note


def test_too_little_evidence_stays_rounding():
    # two rates that tell: a 元 computation would agree with both by chance about 1/(26×34)
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


@st.composite
def prior_and_change(draw):
    """A 上年 of 1.00 … 20.00 万元 and a decrease of 0.05 万元 up to it (small amounts: their rates tell)."""
    prior = draw(st.integers(min_value=100, max_value=2000))
    change = draw(st.integers(min_value=5, max_value=prior - 5))
    return Decimal(prior) / 100, Decimal(change) / 100


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(prior_and_change(), min_size=4, max_size=6, unique_by=lambda t: t), st.data())
def test_convention_property(pairs, data):
    """Rates drawn from random small amounts, printed from the stated figures, and one printed a
    unit off (inside what 元 amounts allow): sure.  Replace one other rate by what 元 amounts
    round to the same figures would give, and the slip is only 可能."""
    lines = []
    for i, (prior, change) in enumerate(pairs):
        current = prior - change
        lines.append((f"第{i + 1}项支出{current}万元，比上年减少{change}万元，下降{_rate(change, prior)}%。",
                      current, change, prior))
    text0, current, change, prior = lines[0]
    slip_rate = _rate(change, prior) + Decimal("0.01")
    # only a slip that the 元 amounts could explain is in question here
    lo = (change - Decimal("0.005")) * 100 / (prior + Decimal("0.005"))
    hi = (change + Decimal("0.005")) * 100 / (prior - Decimal("0.005"))
    assume(lo < slip_rate - Decimal("0.005") and slip_rate + Decimal("0.005") < hi)
    slipped = text0.replace(f"下降{_rate(change, prior)}%", f"下降{slip_rate}%")
    others = [t for t, *_ in lines[1:]]
    found = {f.stated: f for f in rate_findings(document(slipped, *others))}
    mine = found[f"减少{change}万元，下降{slip_rate}%"]
    # the other rates tell when the 元 amounts would allow many values: small amounts do
    chance = 1
    for _, c, d, p in lines[1:]:
        values = ((d + Decimal("0.005")) / (p - Decimal("0.005")) - (d - Decimal("0.005")) / (p + Decimal("0.005"))) * 10000
        chance /= max(int(values), 1)
    event(f"the others tell strongly: {chance < 0.001}")
    if chance < 0.001:
        assert mine.sureness == SURE, (slipped, others)
    # one other rate the way 元 amounts give it: 4 more decimals drawn, each within its rounding
    _, c, d, p = lines[1]
    dd = d + Decimal(data.draw(st.integers(-49, 49))) / 10000
    pp = p + Decimal(data.draw(st.integers(-49, 49))) / 10000
    yuan = _rate(dd, pp)
    assume(yuan != _rate(d, p))
    others[0] = others[0].replace(f"下降{_rate(d, p)}%", f"下降{yuan}%")
    found = {f.stated: f for f in rate_findings(document(slipped, *others))}
    assert found[f"减少{change}万元，下降{slip_rate}%"].sureness == ROUNDING
    assert found[f"减少{d}万元，下降{yuan}%"].sureness == ROUNDING
