"""The audit's pieces: figure roles, the outline, the rounding judgement (hand-computed), and
properties: a sentence written with the core's own half-up arithmetic is never flagged; a rate
off by 0.10 on sizeable amounts is always sure; no text makes the audit raise."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narratives.audit import ROUNDING, SURE, audit_text
from narratives.audit.figures import extract
from narratives.audit.findings import judge_pct, ratio_range
from narratives.audit.outline import outline
from narratives.compute import change, share
from narratives.money import format_number, quantize
from narratives.wording import Words, change_phrase


@pytest.mark.parametrize("text,role", [
    ("收入总计减少24.07万元", "change"),
    ("年初预算142.83万元", "budget"),
    ("全年预算数为10万元", "budget"),
    ("较上年0.32万元", "prior"),
    ("2023年度支出0.50万元", "prior"),     # the year before
    ("2024年支出1.00万元", "actual"),      # the year itself
    ("支出决算数为36万元", "actual"),
    ("执行数为0万元", "actual"),
    ("单价100万元", "threshold"),
    ("本年新增36万元", "new"),
])
def test_amount_roles(text, role):
    [f] = extract(text, year=2024)
    assert f.role == role


@pytest.mark.parametrize("text,role,whole", [
    ("下降15.85%", "rate", ""),
    ("占比90.65%", "share", ""),
    ("占77.65%", "share", ""),
    ("占本年支出合计的100.00%", "share", "本年支出合计"),
    ("完成年初预算的89.48%", "completion", ""),
    ("执行率为0%", "completion", ""),
    ("满意度达到100%", "other", ""),
    ("增长率为25%", "rate", ""),
    ("降幅为3.5%", "rate", ""),
    ("决算数为年初预算的89.48%", "completion", ""),
    ("占本年支出的50%", "share", "本年支出"),
])
def test_percent_roles(text, role, whole):
    [f] = extract(text, year=2024)
    assert (f.role, f.whole) == (role, whole)


def test_amount_precision_and_exact_value():
    [a, b] = extract("支出1,289.23万元，其中11.9448万元", year=2024)
    assert a.value == Decimal("1289.23") and a.places == 2
    assert b.value == Decimal("11.9448") and b.places == 4


def test_full_width_digits_are_read():
    [f] = extract("减少２４．０７万元", year=2024)
    assert f.value == Decimal("24.07") and f.role == "change"


def test_outline_skips_the_contents_and_mends_page_breaks():
    text = ("第三部分 情况说明\t15\n一、收入支出决算总体情况说明.....\t15\n"
            "第三部分 情况说明\n\n一、收入支出决算总体情况说明\n\n2024年度收入总计127.80万元，年初预算编制时无法预测其金\n\n"
            "额，年中追加。\n\n（二）具体情况。本年无。\n\n第四部分 名词解释\n\n一、财政拨款收入：…")
    ol = outline(text)
    assert ol.found_part3 and ol.year == 2024
    assert [p.text for p in ol.paragraphs] == ["2024年度收入总计127.80万元，年初预算编制时无法预测其金额，年中追加。", "本年无。"]
    assert ol.paragraphs[1].subsection == "（二）具体情况"


def test_judge_pct_hand_computed():
    # yangquan 三公: 0.01 / 0.32 = 3.125% → 3.13%; the amounts allow 1.538%…4.762%
    rng = ratio_range(Decimal("0.01"), Decimal("0.005"), Decimal("0.32"), Decimal("0.005"))
    assert quantize(rng[0], 3) == Decimal("1.538") and quantize(rng[1], 3) == Decimal("4.762")
    [stated] = extract("下降3.12%", 2024)
    assert judge_pct(stated, Decimal("3.125"), rng, 2) == ROUNDING
    [right] = extract("下降3.13%", 2024)
    assert judge_pct(right, Decimal("3.125"), rng, 2) is None
    # 24.07 / 151.87 = 15.849%: the amounts allow only 15.845%…15.853%
    rng = ratio_range(Decimal("24.07"), Decimal("0.005"), Decimal("151.87"), Decimal("0.01"))
    [wrong] = extract("下降15.86%", 2024)
    assert judge_pct(wrong, Decimal("24.07") * 100 / Decimal("151.87"), rng, 2) == SURE


def test_half_up_not_half_even():
    # 100 / 3200 = 3.125% exactly: half up gives 3.13% (banker's rounding would give 3.12%)
    text = ("二、结构\n\n2024年度支出合计3,200.00万元，其中：基本支出100.00万元，占3.13%；"
            "项目支出3,100.00万元，占96.88%。")
    assert audit_text(text).findings == []
    [f] = audit_text(text.replace("占3.13%", "占3.12%")).findings
    assert (f.kind, f.expected) == ("占比", "占3.13%")


class _Fmt:
    def money(self, value, source=None):
        return format_number(value, 2) + "万元"

    def pct(self, rate, source=None):
        return format_number(rate, 2) + "%"


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)


@settings(max_examples=150, deadline=None)
@given(current=amounts, prior=amounts)
def test_the_cores_own_change_phrase_is_never_flagged(current, prior):
    ch = change(current, prior)
    phrase = change_phrase(ch, _Fmt(), Words(), subject="支出合计")
    text = f"一、总体\n\n2024年度支出合计{_Fmt().money(current)}。{phrase}。"
    assert audit_text(text).findings == []


@settings(max_examples=150, deadline=None)
@given(whole=st.decimals(min_value=Decimal("1.00"), max_value=Decimal("99999.99"), places=2),
       fraction=st.decimals(min_value=Decimal("0"), max_value=Decimal("1"), places=3))
def test_the_cores_own_shares_are_never_flagged(whole, fraction):
    part = quantize(whole * fraction)
    rest = whole - part
    rate_a, rate_b = share(part, whole).rate, share(rest, whole).rate
    text = (f"二、结构\n\n2024年度支出合计{format_number(whole)}万元，其中：\n\n"
            f"基本支出{format_number(part)}万元，占比{format_number(rate_a)}%；\n\n"
            f"项目支出{format_number(rest)}万元，占比{format_number(rate_b)}%。")
    assert audit_text(text).findings == []


@settings(max_examples=150, deadline=None)
@given(prior=st.decimals(min_value=Decimal("100"), max_value=Decimal("99999.99"), places=2),
       delta=st.decimals(min_value=Decimal("10"), max_value=Decimal("99.99"), places=2),
       up=st.booleans())
def test_a_rate_off_by_a_tenth_on_sizeable_amounts_is_sure(prior, delta, up):
    current = prior + delta if up else prior - delta
    if current <= 0:
        return
    rate = quantize(delta * 100 / prior) + Decimal("0.10")
    words = ("增加", "增长") if up else ("减少", "下降")
    text = (f"一、总体\n\n2024年度支出合计{format_number(current)}万元。与上年相比，支出合计"
            f"{words[0]}{format_number(delta)}万元，{words[1]}{format_number(rate)}%。")
    [f] = audit_text(text).findings
    # (when rate + 0.10 happens to be the change ÷ 本年, the slip is named as the wrong base)
    assert f.kind in ("变动率", "变动率基数") and f.sureness == SURE


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三四五、（）()：:，。；0123456789.%万元其中占比增加减少下降增长年初预算较上年第三部分\n\t XX")),
               max_size=300))
def test_no_text_makes_the_audit_raise(text):
    from narratives.audit import AuditReadError
    try:
        report = audit_text(text)
    except AuditReadError:
        return
    assert report.exit_status in (0, 1)


@pytest.mark.parametrize("sentence,finding", [
    ("本年支出合计500.00万元，较上年增加100.00万元，增长率为25.00%。", None),
    ("本年支出合计500.00万元，较上年增加100.00万元，增长率为20.00%。", "增长25.00%"),
    ("本年支出合计300.00万元，比上年减少100.00万元，降幅为25%。", None),
    # a document that prints whole percentages is held to whole percentages
    ("本年支出合计300.00万元，比上年减少100.00万元，降幅为33%。", "降幅25%"),
])
def test_other_ways_of_writing_a_rate(sentence, finding):
    found = audit_text("一、总体\n\n" + sentence).findings
    if finding is None:
        assert found == []
    else:
        # each wrong rate here is the change ÷ 本年 (100 / 500, 100 / 300): said as a wrong base
        [f] = found
        assert f.kind == "变动率基数" and f.sureness == SURE
        assert f.expected == finding


def test_named_wholes_resolve_to_the_stated_totals():
    text = ("三、支出决算情况说明\n\n2024年度支出合计200.00万元。\n\n"
            "五、一般公共预算\n\n一般公共预算财政拨款支出150.00万元，占本年支出的70.00%。")
    [f] = audit_text(text).findings
    assert (f.kind, f.expected, f.sureness) == ("占比", "占75.00%", SURE)


def test_a_change_is_never_pinned_on_another_subject():
    # 因公出国（境）费 is not stated: its change is not checked against 公务接待费's 5.00万元
    text = "一、总体\n\n公务接待费支出5.00万元。因公出国（境）费支出减少1.00万元，下降50.00%。"
    assert audit_text(text).findings == []


@pytest.mark.parametrize("rate,found", [("20.00%", False), ("25.00%", True)])
def test_a_change_finds_its_subject_by_name(rate, found):
    # "因公出国（境）费决算为4.00万元" and "因公出国（境）费支出减少…" are one subject
    text = ("一、总体\n\n因公出国（境）费决算为4.00万元，公务接待费支出决算为9.00万元。"
            f"其中因公出国（境）费支出减少1.00万元，下降{rate}。")
    findings = [f for f in audit_text(text).findings if f.kind in ("变动率", "变动率基数")]
    assert bool(findings) == found
    if found:
        assert findings[0].expected == "下降20.00%"


def test_a_document_of_whole_wan_yuan_is_judged_by_whole_wan_yuan():
    # 6 / 30 = 20%; amounts rounded to whole 万元 allow 5.5/31 … 6.5/29 = 17.7% … 22.4%
    whole = "一、总体\n\n2024年度支出合计36万元。与上年相比，支出合计增加6万元，增长21%。"
    [f] = audit_text(whole).findings
    assert (f.sureness, f.expected) == (ROUNDING, "增长20%")
    # the same figures printed to the cent leave no room for 21%
    cents = "一、总体\n\n2024年度支出合计36.00万元。与上年相比，支出合计增加6.00万元，增长21.00%。"
    [f] = audit_text(cents).findings
    assert (f.sureness, f.expected) == (SURE, "增长20.00%")


def test_details_announced_after_a_list_are_no_sum():
    # the 上海 template: shares of the 三公 items, then "具体情况如下：" and one paragraph per item
    text = ("七、三公\n\n（二）具体\n\n“三公”经费财政拨款支出决算中，因公出国（境）费支出决算9.86万元，占14.65%；"
            "公务接待费支出决算57.47万元，占85.35%。具体情况如下：\n\n"
            "1、因公出国（境）费支出9.86万元。\n\n2、公务接待费支出57.47万元。")
    assert [f for f in audit_text(text).findings if f.kind == "分项之和"] == []


def test_an_aside_in_parentheses_is_no_part():
    text = "七、三公\n\n公务接待费支出3.20万元。其中：国内公务接待支出3.20万元（含外宾接待支出0.85万元）。"
    assert audit_text(text).findings == []


def test_the_next_numbered_item_ends_an_items_list():
    text = ("七、三公\n\n2、公务用车购置及运行维护费支出57.47万元。其中：\n\n公务用车购置支出为24.35万元。\n\n"
            "公务用车运行维护支出33.12万元。\n\n3、公务接待费支出3.20万元。")
    assert audit_text(text).findings == []
    wrong = text.replace("33.12万元", "35.12万元")
    [f] = audit_text(wrong).findings
    assert (f.kind, f.sureness, f.expected) == ("分项之和", SURE, "59.47万元（所列分项之和）")


def test_budget_words_compare_the_figures_stated_together():
    # 预算 0.31 with 决算 0.31; the items' 决算 (0.00) stated later are not the total's
    text = ("七、三公\n\n“三公”经费财政拨款支出年初预算为0.31万元，支出决算为0.31万元，完成预算的100.00%，"
            "其中：因公出国（境）费决算为0.00万元；公务用车购置及运行维护费支出决算为0.31万元；"
            "公务接待费支出决算为0.00万元。2024年度“三公”经费支出决算数与预算数持平。")
    assert audit_text(text).findings == []


def test_an_items_budget_is_not_the_totals():
    text = ("七、财政拨款“三公”经费支出决算情况说明\n\n“三公”经费财政拨款支出年初预算为10.00万元，支出决算为8.00万元，"
            "完成预算的80.00%，其中：因公出国（境）费预算为2.00万元，决算为2.00万元，完成预算的100.00%。")
    assert audit_text(text).findings == []
