"""The rules a careful reader applies (issue 18): each slip built into a correct rendered sample,
found as a sure finding quoting its sentence, with the right culprit; odd-but-true wording and
near-misses of official terms are 提示."""
from __future__ import annotations

import pytest

from narratives import api, pending
from narratives.audit import NOTE, SURE, audit_text
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def good_yangquan():
    return api.to_markdown(api.render(api.load(SAMPLES / "yangquan-legal-aid-2024.toml")))


@pytest.fixture(scope="module")
def good_wendeng():
    return api.to_markdown(api.render(api.load(SAMPLES / "wendeng-legal-aid-2024.toml")))


def mutate(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def found(text: str, kind: str, sureness: str = SURE):
    return [f for f in audit_text(text).findings if f.kind == kind and f.sureness == sureness]


def test_an_unfilled_marker_is_a_sure_finding(good_yangquan):
    text = mutate(good_yangquan, "年初预算142.83万元", f"年初预算{pending.marker('一般公共预算财政拨款支出 年初预算')}")
    [f] = found(text, "未填")
    assert f.stated == "【待填：一般公共预算财政拨款支出 年初预算】"
    assert f.section.startswith("五、") and "支出决算127.80万元" in f.sentence


def test_increase_said_of_a_rate(good_yangquan):
    text = mutate(good_yangquan, "与上年相比，收入总计减少24.07万元，下降15.85%", "与上年相比，收入总计减少24.07万元，减少15.85%")
    [f] = found(text, "方向词")
    assert (f.stated, f.expected) == ("减少15.85%", "下降15.85%")
    assert "收入总计减少24.07万元，减少15.85%" in f.sentence


def test_rate_on_the_wrong_base(good_yangquan):
    # 24.07 ÷ 本年 127.80 = 18.83%; the rate's base is 上年 151.87 → 15.85%
    text = mutate(good_yangquan, "与上年相比，收入总计减少24.07万元，下降15.85%", "与上年相比，收入总计减少24.07万元，下降18.83%")
    [f] = found(text, "变动率基数")
    assert f.expected == "下降15.85%" and "÷ 本年 127.80万元" in f.computation
    assert not found(text, "变动率")


def test_rate_the_sentences_own_amounts_contradict():
    # no change amount: 本年 and 上年 (4 decimals) are stated, the rate must follow from them
    text = ("第三部分 情况说明\n一、收入支出决算总体情况说明\n"
            "2024年度项目支出11.9448万元，上年决算数为12.5000万元，下降4.52%。")
    [f] = found(text, "变动率")
    assert f.expected == "下降4.44%" and "12.50万元" in f.computation
    good = text.replace("下降4.52%", "下降4.44%")
    assert not found(good, "变动率")


def test_zero_completion_for_an_item_without_budget():
    text = ("第三部分 情况说明\n九、财政拨款“三公”经费支出决算情况说明\n"
            "2024年度“三公”经费财政拨款支出全年预算2.00万元，支出决算1.50万元，完成全年预算的75.00%。其中：\n"
            "公务接待费支出0万元，本年度无预算，完成全年预算的0%；\n"
            "公务用车运行维护费支出1.50万元，全年预算2.00万元，完成全年预算的75.00%。")
    [f] = found(text, "零预算")
    assert "公务接待费支出0万元" in f.sentence and "完成全年预算的0%" in f.stated


def test_full_completion_beside_actual_above_budget():
    text = ("第三部分 情况说明\n五、一般公共预算财政拨款支出决算情况说明\n"
            "公共安全支出年初预算100.00万元，支出决算105.00万元，完成年初预算的100%，决算数大于预算数5.00万元。")
    kinds = {f.kind for f in audit_text(text).findings if f.sureness == SURE}
    assert "完成率" in kinds  # 105 / 100 = 105%, not 100%
    [f] = found(text, "预算偏差用词")
    assert "完成年初预算的100%" in f.stated and "大于" in f.stated


@pytest.mark.parametrize("old,new,stated", [
    ("决算数小于年初预算数的主要原因", "决算数大于小于年初预算数的主要原因", "大于小于"),
    ("与上年相比，收入总计减少24.07万元", "与上年相比，收入总计增加减少24.07万元", "增加减少"),
])
def test_both_alternatives_left_in(good_yangquan, old, new, stated):
    text = mutate(good_yangquan, old, new)
    assert stated in {f.stated for f in found(text, "模板残留")}


def test_swapped_fixed_term(good_yangquan):
    text = mutate(good_yangquan, "2024年度财政拨款收入总计127.80万元", "2024年度拨款财政收入总计127.80万元")
    [f] = found(text, "用词")
    assert (f.stated, f.expected) == ("拨款财政", "财政拨款") and f.section.startswith("四、")


def test_doubled_word(good_yangquan):
    text = mutate(good_yangquan, "减少原因为2024年度有人员调出，人员经费支出和", "减少原因为2024年度有人员调出，人员经费支出支出和")
    [f] = found(text, "重复用字")
    assert f.stated == "支出支出" and f.section.startswith("一、")


@pytest.mark.parametrize("pair", ["。；", "。。", "，，"])
def test_doubled_punctuation(good_yangquan, pair):
    text = mutate(good_yangquan, "财政拨款收入127.80万元，占比100.00%。", f"财政拨款收入127.80万元，占比100.00%{pair}")
    [f] = found(text, "标点")
    assert f.stated == pair and f.section.startswith("二、")


def test_near_miss_of_an_official_term_is_a_note(good_yangquan):
    text = mutate(good_yangquan, "八、国有资本经营预算财政拨款支出决算情况说明",
                  "八、国有资本经营预算财政拨款支出决算情况说明\n\n本单位无国有资产经营预算财政拨款支出。")
    [f] = found(text, "规范用语", NOTE)
    assert (f.stated, f.expected) == ("国有资产经营预算", "国有资本经营预算")
    assert not [g for g in audit_text(text).findings if g.kind == "规范用语" and g.sureness == SURE]


def test_odd_but_true_wording_is_a_note(good_yangquan):
    text = mutate(good_yangquan, "较上年决算无增减变化。", "较上年决算增加0万元，增长0.00%。")
    assert [f.sureness for f in audit_text(text).findings if f.kind == "持平与零基数"] == [NOTE]


# ---------------------------------------------------------------- blame by evidence
def test_the_change_the_other_sections_repeat_is_right(good_yangquan):
    # 收入's change written 24.70; 支出's 24.07 is said again in 一's reason, in 四 and in 五:
    # 收入's is the outnumbered one (the old audit blamed 支出 whatever the evidence)
    text = mutate(good_yangquan, "与上年相比，收入总计减少24.07万元", "与上年相比，收入总计减少24.70万元")
    [f] = found(text, "合计一致")
    assert f.stated == "收入总计减少24.70万元" and "24.07" in f.expected
    assert f.section.startswith("一、")


def test_a_tie_is_said_as_a_tie():
    text = ("第三部分 情况说明\n一、收入支出决算总体情况说明\n"
            "2024年度收入总计100.00万元，支出总计120.00万元。")
    [f] = found(text, "合计一致")
    assert "无法判断" in f.note and "100.00万元" in f.stated and "120.00万元" in f.stated


def test_a_table_cell_outnumbered_by_the_text_is_named():
    text = ("收入支出决算总表\n公开01表\n"
            "项目\t行次\t金额\t项目\t行次\t金额\n"
            "一、一般公共预算财政拨款收入\t1\t100.00\t四、公共安全支出\t35\t100.00\n"
            "本年收入合计\t27\t100.00\t本年支出合计\t58\t100.00\n"
            "总计\t31\t110.00\t总计\t62\t100.00\n"
            "第三部分 情况说明\n一、收入支出决算总体情况说明\n"
            "2024年度收入总计100.00万元，支出总计100.00万元。\n")
    [f] = found(text, "表文不符")
    assert f.stated == "公开01表 收入总计 110.00万元" and "与文中一致" in f.expected


def test_an_unreadable_table_is_not_zeros():
    # the 三公 table's title and header are there, its figures row is lost: not read, no finding
    text = ("财政拨款“三公”经费支出决算表\n公开09表\n"
            "预算数\t预算数\t决算数\t决算数\n合计\t公务接待费\t合计\t公务接待费\n"
            "注：本表反映部门本年度“三公”经费支出预决算情况。\n"
            "第三部分 情况说明\n九、财政拨款“三公”经费支出决算情况说明\n"
            "2024年度“三公”经费财政拨款支出全年预算3.00万元，支出决算2.50万元，完成全年预算的83.33%。\n")
    report = audit_text(text)
    assert not [f for f in report.findings if f.kind == "表文不符"]


def test_an_empty_table_that_says_so_is_zeros():
    text = ("财政拨款“三公”经费支出决算表\n公开09表\n"
            "预算数\t预算数\t决算数\t决算数\n合计\t公务接待费\t合计\t公务接待费\n"
            "说明：本表无数据\n"
            "第三部分 情况说明\n九、财政拨款“三公”经费支出决算情况说明\n"
            "2024年度“三公”经费财政拨款支出决算2.50万元。\n")
    # one statement against one table: a tie, said as such (the table read as zeros is a witness)
    [f] = found(text, "表文不符")
    assert "公开09表 决算 合计" in f.computation and "无法判断" in f.note


def test_a_class_list_run_together_is_split(good_yangquan):
    # 五（三）'s five 类, as one paragraph (a PDF's lines joined), one budget 10万元 short:
    # Σ 类 budgets 132.84 against the total 142.83 is seen
    start = good_yangquan.index("一般公共服务支出年初预算0.21万元")
    end = good_yangquan.index("### 六、")
    items = good_yangquan[start:end].strip().split("\n\n")
    assert len(items) == 5
    joined = "".join(items).replace("公共安全支出年初预算108.71万元", "公共安全支出年初预算98.71万元")
    text = good_yangquan[:start] + joined + "\n\n" + good_yangquan[end:]
    [f] = found(text, "分项之和")
    # the total is borne out by its completion (127.80 ÷ 142.83 = 89.48%): the list is the culprit
    assert "年初预算142.83万元" in f.sentence and f.stated == "所列 5 项年初预算之和132.84万元"
    assert f.expected == "等于年初预算合计142.83万元（补列9.99万元）"
    # and run together by commas only, as the real PDF had it
    commas = joined.replace("较上年决算无增减变化。", "较上年决算无增减变化，")
    text = good_yangquan[:start] + commas + "\n\n" + good_yangquan[end:]
    assert [f.stated for f in found(text, "分项之和")] == ["所列 5 项年初预算之和132.84万元"]


def test_a_tiny_fiscal_total_said_to_be_unchanged_against_the_tables():
    # the 上海 case: 财政拨款收入支出总计 stated as a tiny amount "持平" while 公开04表
    # prints the real total; the two 04表 cells outnumber the sentence
    from tests.unit.audit_fixtures import SEEDS
    seed = (SEEDS / "yangquan-legal-aid-2024.txt").read_text(encoding="utf-8")
    text = mutate(seed, "2024年度财政拨款收入总计127.80万元，支出总计127.80万元。与上年相比，财政拨款收入总计减少24.07万元，"
                        "下降15.85%；财政拨款支出总计减少24.07万元，下降15.85%。",
                  "2024年度财政拨款收入支出总计0.28万元，与上年持平。")
    [f] = found(text, "表文不符")
    assert f.stated == "财政拨款收入总计0.28万元" and f.expected == "财政拨款收入总计127.80万元"
    assert "公开04表 收入总计" in f.computation and "公开04表 支出总计" in f.computation
    assert f.section.startswith("四、")


def test_the_tables_are_checked_against_each_other():
    # the 勾稽关系 `check` runs on a project, run on the published tables: a 05表 类 cell changed
    # breaks 05表's row and column sums and its agreement with 04表
    from tests.unit.audit_fixtures import SEEDS
    seed = (SEEDS / "yangquan-legal-aid-2024.txt").read_text(encoding="utf-8")
    at = seed.index("公开05表")
    text = seed[:at] + seed[at:].replace("204\t公共安全支出\t100.79\t88.84\t11.94", "204\t公共安全支出\t101.79\t88.84\t11.94", 1)
    rules = {f.computation.rsplit("勾稽关系 ", 1)[1].rstrip("）") for f in found(text, "表间不符")}
    assert rules == {"R16", "R17"}
    assert all(f.section == "第二部分 决算表" for f in found(text, "表间不符"))
    # the unchanged seed's tables agree (their 0.01 尾差 are no finding)
    assert not found(seed, "表间不符")


@pytest.mark.parametrize("completion,expected", [("，完成预算的100.02%", []), ("", [NOTE])])
def test_above_budget_with_figures_equal_after_rounding(completion, expected):
    # 3.56 and 3.56 may be 3.5604 and 3.5596: "大于" is not contradicted (100.02% even says so)
    text = ("第三部分 情况说明\n九、财政拨款“三公”经费支出决算情况说明\n"
            f"2024年度“三公”经费财政拨款支出预算为3.56万元，支出决算为3.56万元{completion}。"
            "决算数大于预算数的主要原因是年中追加预算。")
    assert [f.sureness for f in audit_text(text).findings if f.kind == "预算偏差用词"] == expected
