"""Slips built into a correct text, one per kind: each is found, quoting the right sentence,
with the right sureness.  The correct texts are juesuan's rendering of the samples (which the
audit passes) and, for the tables, the published yangquan seed."""
from __future__ import annotations

import pytest

from narratives import api
from narratives.audit import NOTE, ROUNDING, SURE, audit_text
from tests.conftest import SAMPLES
from tests.unit.audit_fixtures import SEEDS


@pytest.fixture(scope="module")
def good_yangquan():
    return api.to_markdown(api.render(api.load(SAMPLES / "yangquan-legal-aid-2024.toml")))


@pytest.fixture(scope="module")
def good_wendeng():
    return api.to_markdown(api.render(api.load(SAMPLES / "wendeng-legal-aid-2024.toml")))


def mutate(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def sure(text: str, kind: str):
    return [f for f in audit_text(text).findings if f.kind == kind and f.sureness == SURE]


def test_the_correct_texts_have_nothing_sure(good_yangquan, good_wendeng):
    assert audit_text(good_yangquan).count(SURE) == 0
    assert audit_text(good_wendeng).count(SURE) == 0


def test_change_rate(good_yangquan):
    text = mutate(good_yangquan, "与上年相比，收入总计减少24.07万元，下降15.85%", "与上年相比，收入总计减少24.07万元，下降15.95%")
    [f] = sure(text, "变动率")
    assert "收入总计减少24.07万元，下降15.95%" in f.sentence
    assert f.expected == "下降15.85%"
    assert "151.87万元" in f.computation  # 上年 = 127.80 + 24.07


def test_change_rate_off_by_one_digit_on_large_amounts_is_sure(good_yangquan):
    # 24.07 / 151.87: the unrounded amounts allow 15.845%–15.853%, so 15.86% cannot be 尾差
    text = mutate(good_yangquan, "与上年相比，收入总计减少24.07万元，下降15.85%", "与上年相比，收入总计减少24.07万元，下降15.86%")
    assert len(sure(text, "变动率")) == 1


def test_share(good_yangquan):
    text = mutate(good_yangquan, "公共安全支出(类)100.79万元，占比78.87%", "公共安全支出(类)100.79万元，占比79.87%")
    [f] = sure(text, "占比")
    assert f.sentence.startswith("公共安全支出(类)100.79万元")
    assert f.expected == "占78.87%"


def test_share_of_a_named_whole(good_yangquan):
    text = mutate(good_yangquan, "占本年支出合计的100.00%", "占本年支出合计的98.00%")
    [f] = sure(text, "占比")
    assert "占本年支出合计的98.00%" in f.sentence and f.expected == "占100.00%"


def test_completion(good_yangquan):
    text = mutate(good_yangquan, "完成年初预算的89.48%", "完成年初预算的88.48%")
    [f] = sure(text, "完成率")
    assert "年初预算142.83万元，支出决算127.80万元，完成年初预算的88.48%" in f.sentence
    assert f.expected == "完成89.48%"


def test_direction_words(good_yangquan):
    text = mutate(good_yangquan, "较上年决算减少20.62万元，下降16.98%", "较上年决算减少20.62万元，增长16.98%")
    [f] = sure(text, "方向词")
    # quoted from the sentence that states the 决算 the change refers to
    assert f.sentence.startswith("公共安全支出年初预算108.71万元") and "较上年决算减少20.62万元，增长16.98%" in f.sentence


def test_direction_against_the_stated_prior(good_yangquan):
    text = mutate(good_yangquan, "较上年0.32万元减少0.01万元", "较上年0.32万元增加0.01万元")
    [f] = sure(text, "方向词")
    assert "较上年0.32万元增加0.01万元" in f.sentence
    assert f.expected == "减少0.01万元"


def test_same_as_last_year_written_as_a_zero_change(good_yangquan):
    # odd but true: a 提示 (the figures agree), with the better words
    text = mutate(good_yangquan, "较上年决算无增减变化。", "较上年决算增加0万元，增长0.00%。")
    assert not sure(text, "持平与零基数")
    [f] = [f for f in audit_text(text).findings if f.kind == "持平与零基数" and f.sureness == NOTE]
    assert "一般公共服务支出年初预算0.21万元" in f.sentence and "增加0万元，增长0.00%" in f.sentence
    assert "持平" in f.expected


def test_growth_from_a_zero_base(good_yangquan):
    text = mutate(good_yangquan, "较上年决算减少0.43万元，下降9.39%", "较上年决算增加4.15万元，增长100.00%")
    [f] = sure(text, "持平与零基数")
    assert "增加4.15万元，增长100.00%" in f.sentence
    assert "上年无此项" in f.expected


def test_zero_budget_with_a_completion_rate(good_yangquan):
    text = mutate(good_yangquan, "住房保障支出年初预算10.15万元", "住房保障支出年初预算0万元")
    [f] = sure(text, "零预算")
    assert f.sentence.startswith("住房保障支出年初预算0万元")
    assert "无预算" in f.expected


def test_no_budget_written_where_there_was_one(good_wendeng):
    text = mutate(good_wendeng, "支出决算数为95.07万元，完成年初预算的87.15%", "支出决算数为95.07万元，年初无预算")
    [f] = sure(text, "零预算")
    assert "年初预算数为109.09万元" in f.sentence


def test_deviation_words(good_yangquan):
    text = mutate(good_yangquan, "决算数小于年初预算数的主要原因", "决算数大于年初预算数的主要原因")
    [f] = sure(text, "预算偏差用词")
    assert f.stated == "决算数大于年初预算数" and f.expected == "决算数小于年初预算数"


def test_same_total_in_several_sections(good_yangquan):
    # the spec's example: a 财政拨款 total printed as 0.3万元 (四) while 五 states 127.80
    text = mutate(good_yangquan, "2024年度财政拨款收入总计127.80万元，支出总计127.80万元",
                  "2024年度财政拨款收入总计127.80万元，支出总计0.3万元")
    # blame by evidence: 127.80 is stated for 收入总计 (the same figure) and 五's 127.80 fits
    # under it; 0.3 has only itself: 0.3 is named, and 五 is not blamed for exceeding it
    [f] = sure(text, "合计一致")
    assert f.stated == "财政拨款支出总计0.3万元" and f.expected == "财政拨款支出总计127.80万元"
    assert f.section.startswith("四、") and "127.80万元：2 处" in f.computation
    # the rate 24.07 ÷ (0.3 + 24.07) is wrong only because 0.3 is: 0.3 is the one slip named
    assert not sure(text, "变动率")


def test_income_change_differs_from_expense_change(good_yangquan):
    text = mutate(good_yangquan, "支出总计减少24.07万元，下降15.85%。主要原因是2024年度决算",
                  "支出总计减少24.70万元，下降15.85%。主要原因是2024年度决算")
    found = sure(text, "合计一致")
    assert any("支出总计减少24.70万元" in f.sentence and "24.07" in f.expected for f in found)


def test_one_total_stated_twice_differently(good_yangquan):
    text = mutate(good_yangquan, "2024年一般公共预算财政拨款决算支出127.80万元", "2024年一般公共预算财政拨款决算支出127.08万元")
    found = sure(text, "合计一致")
    assert any("127.08万元" in f.sentence or "127.08万元" in f.computation for f in found)


def test_sum_of_parts_larger_than_the_whole(good_yangquan):
    text = mutate(good_yangquan, "人员经费107.15万元", "人员经费117.15万元")
    [f] = sure(text, "分项之和")
    assert "基本支出115.86万元" in f.sentence
    assert f.expected == "125.86万元（所列分项之和）"


def test_sum_of_parts_missing_one(good_wendeng):
    # drop the unspent 项 from 五（三）: the wendeng seed's own slip, rebuilt
    start = good_wendeng.index("1、公共安全支出（类）司法（款）公共法律服务（项）")
    end = good_wendeng.index("2、公共安全支出（类）司法（款）事业运行（项）")
    text = good_wendeng[:start] + good_wendeng[end:]
    [f] = sure(text, "分项之和")
    assert "年初预算数为149.42万元" in f.sentence and f.expected == "等于年初预算合计149.42万元（补列10.00万元）"
    assert f.stated == "所列 6 项年初预算之和139.42万元" and "有年初预算而无支出的项" in f.note
    # without the completion rate nothing bears the total out: the sum is shown against it as before
    bare = text.replace("，完成年初预算数的107.81%。决算数大于年初预算数", "。决算数大于年初预算数")
    assert bare.count("年初预算数为149.42万元，支出决算数为161.09万元。") == 1
    [f] = sure(bare, "分项之和")
    assert (f.stated, f.expected) == ("年初预算合计149.42万元", "139.42万元（所列分项之和）")


def test_inline_list_larger_than_its_whole(good_yangquan):
    text = mutate(good_yangquan, "政府采购服务支出0.28万元", "政府采购服务支出0.82万元")
    [f] = sure(text, "分项之和")
    assert "政府采购支出总额0.28万元" in f.sentence


def in_table(text: str, table: str, old: str, new: str) -> str:
    """Replace the first ``old`` after the title of ``table`` (公开03表 and 05表 share rows)."""
    at = text.index(table)
    assert old in text[at:]
    return text[:at] + text[at:].replace(old, new, 1)


def test_table_cell_against_the_text():
    seed = (SEEDS / "yangquan-legal-aid-2024.txt").read_text(encoding="utf-8")
    text = in_table(seed, "公开05表", "204\t公共安全支出\t100.79\t88.84\t11.94", "204\t公共安全支出\t101.79\t88.84\t11.94")
    text = mutate(text, "总计\t31\t127.80\t总计\t62\t127.80", "总计\t31\t128.80\t总计\t62\t127.80")
    # the text and the other table agree: the changed table cells are the ones named
    found = {f.stated: f for f in sure(text, "表文不符")}
    assert set(found) == {"公开05表 类 公共安全支出 101.79万元", "公开01表 收入总计 128.80万元"}
    cell = found["公开05表 类 公共安全支出 101.79万元"]
    assert cell.expected == "公共安全支出100.79万元（与文中一致）"
    assert "公共安全支出(类)100.79万元" in cell.sentence and "公开04表 类 公共安全支出" in cell.computation


def test_table_cell_off_by_one_cent_is_rounding():
    seed = (SEEDS / "yangquan-legal-aid-2024.txt").read_text(encoding="utf-8")
    text = in_table(seed, "公开05表", "221\t住房保障支出\t8.07\t8.07", "221\t住房保障支出\t8.08\t8.07")
    [f] = [f for f in audit_text(text).findings if f.kind == "表文不符"]
    assert f.sureness == ROUNDING


@pytest.mark.parametrize("residue", ["（增加）（减少）", "XX万元", "大小于", "增加/减少"])
def test_template_residue(good_yangquan, residue):
    text = mutate(good_yangquan, "本年度无此项收支。", f"本年度无此项收支，较上年{residue}。")
    [f] = sure(text, "模板残留")
    assert f.sentence == f"本年度无此项收支，较上年{residue}。"
    assert f.section.startswith("七、")


def test_stale_year(good_yangquan):
    text = mutate(good_yangquan, "比2023年减少0.70万元", "比2022年减少0.70万元")
    [f] = sure(text, "年份")
    assert f.stated == "2022年" and "机关运行经费支出8.71万元" in f.sentence
    # the change itself is still read and still right
    assert not sure(text, "变动率")


def test_next_year_is_only_a_note(good_yangquan):
    text = mutate(good_yangquan, "本年度无此项收支。", "本年度无此项收支（2025年3月填报）。")
    found = [f for f in audit_text(text).findings if f.kind == "年份"]
    assert [f.sureness for f in found] == [NOTE]


def test_a_one_digit_slip_on_tiny_amounts(good_yangquan):
    # the published yangquan slip, rebuilt: 0.32 → 0.31 "下降3.12%" (3.125% from the rounded figures).
    # Alone, the 元 amounts could explain it (上年 stated: 0.005/0.325 … 0.015/0.315): 可能为尾差
    alone = "一、总体\n\n公务用车运行维护费支出0.31万元，较上年0.32万元减少0.01万元，下降3.12%。"
    [f] = [f for f in audit_text(alone).findings if f.kind == "变动率"]
    assert f.sureness == ROUNDING and "1.538%～4.762%" in f.note
    # in the rendered sample every other rate follows the stated figures: a sure slip
    text = mutate(good_yangquan, "较上年0.32万元减少0.01万元，主要原因", "较上年0.32万元减少0.01万元，下降3.12%，主要原因")
    found = [f for f in audit_text(text).findings if f.kind == "变动率"]
    assert [f.sureness for f in found] == [SURE]
    assert "按所写万元数字的计算" in found[0].note


def test_grade_against_score_in_one_sentence():
    seed = (SEEDS / "wendeng-legal-aid-2024.txt").read_text(encoding="utf-8")
    text = mutate(seed, "绩效评价得分为97.59分，等级为优", "绩效评价得分为97.59分，等级为良")
    [f] = sure(text, "绩效等级")
    assert f.section.startswith("十三、") and "等级为良" in f.sentence and f.expected == "优"


def test_grade_against_score_in_a_table_row():
    seed = (SEEDS / "wendeng-legal-aid-2024.txt").read_text(encoding="utf-8")
    text = mutate(seed, "1\t法律援助经费\t89.32\t良", "1\t法律援助经费\t89.32\t优")
    [f] = sure(text, "绩效等级")
    assert f.stated == "89.32分，优" and f.expected == "良"


def test_same_as_last_year_said_of_different_figures(good_yangquan):
    text = mutate(good_yangquan, "较上年0.32万元减少0.01万元", "较上年0.32万元持平")
    [f] = sure(text, "方向词")
    assert f.stated == "持平" and f.expected == "减少0.01万元"
    assert "公务用车运行维护费支出0.31万元，较上年0.32万元持平" in f.sentence
