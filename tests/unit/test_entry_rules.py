"""Entry at a clerk's pace, core side: figures the tables already determine are not asked again
(01表/04表 balance, 03表's 合计 is 01表's 本年支出合计, 04表's income by fund is 01表's, a 类 row
left blank is the sum of its rows, 三公 items that already make the 合计), the inputs the text
still waits for (what Enter goes to), and the 类/款 rows a typed 项 brings along."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from narratives import api
from narratives.codes import name_of
from narratives.entry import missing_parents, wanted_inputs
from narratives.facts import Facts
from narratives.model import Project, Unit
from narratives.model.tables import T05Row
from narratives.pages import page


def new() -> Project:
    return Project(单位=Unit(名称="测试单位", 年度=2024))


def test_01_and_04_balance_a_side_left_blank_is_the_other():
    p = new()
    p.t01.grand_income = D("127.80")
    p.prior.grand_expense = D("151.87")
    p.t04.grand_income = D("100")
    f = Facts(p)
    assert f.grand_expense.value == D("127.80") and f.grand_income.prior == D("151.87")
    assert f.fiscal_expense.value == D("100")
    p.t01.grand_expense = D("127.81")  # a stated figure still wins (the checks compare them)
    assert Facts(p).grand_expense.value == D("127.81")
    assert Facts(new()).grand_expense.value is None  # nothing entered: still unknown


def test_03_kinds_left_blank_are_determined_by_01s_total():
    p = new()
    p.t01.expense_total = D("127.80")
    p.t03.total.basic = D("115.8552")
    p.t03.total.project = D("11.9448")
    f = Facts(p)
    assert [i.value for i in f.expense_kinds] == [D("115.8552"), D("11.9448"), 0, 0, 0]
    p.t03.total.project = None  # two blanks that do not make the total: unknown, not 0
    assert Facts(p).expense_kind("上缴上级支出").value is None


def test_04_income_by_fund_is_01s_fiscal_sources():
    p = new()
    p.t01.income["一般公共预算财政拨款收入"] = D("127.80")
    f = Facts(p)
    assert f.fund_income == 0 and f.capital_income == 0
    assert Facts(new()).fund_income is None


def test_a_blank_class_row_is_the_sum_of_its_rows():
    p = new()
    p.t05.rows += [T05Row(code="204", name="公共安全支出"), T05Row(code="20406", name="司法"),
                   T05Row(code="2040601", name="行政运行", total=D("88.8449")),
                   T05Row(code="2040607", name="公共法律服务", total=D("11.9448"))]
    f = Facts(p)
    assert [(i.code, i.value) for i in f.classes] == [("204", D("100.7897"))]
    assert f.general.value == D("100.7897")
    assert "公共安全支出(类)100.79万元" in api.to_text(api.render(p))


def test_general_prior_is_the_sum_of_the_class_priors():
    p = new()
    p.prior.by_func = {"201 一般公共服务支出": D("0.21"), "204 公共安全支出": D("121.41")}
    assert Facts(p).general.prior == D("121.62")
    p.prior.general_expense = D("130")
    assert Facts(p).general.prior == D("130")


def test_sangong_items_that_make_the_total_leave_the_rest_zero():
    p = new()
    p.t09.actual.total = D("0.31")
    p.t09.actual.car_running = D("0.31")
    items = {i.name: i.value for i in Facts(p).sangong.children}
    assert items == {"因公出国（境）费": 0, "公务用车购置费": 0, "公务用车运行维护费": D("0.31"), "公务接待费": 0}
    p.t09.actual.car_running = D("0.30")  # 0.01 left for three blanks: unknown
    assert Facts(p).sangong_item("公务接待费").value is None


def test_wanted_inputs_follow_the_text(tmp_path):
    p = new()
    style = api.style_for(p)
    assert wanted_inputs(p, "overall", style) == ["公开01表.收入总计", "上年.收入总计", "公开01表.支出总计",
                                                 "上年.支出总计"]
    p.t01.grand_income = D("100")
    p.prior.grand_income = D("90")
    assert wanted_inputs(p, "overall", style) == []  # 支出总计 and its 上年 follow from 收入总计
    p.t01.income["一般公共预算财政拨款收入"] = D("100")
    left = wanted_inputs(p, "income", style)
    assert "公开01表.本年收入合计" not in left and "公开01表.收入.事业收入" not in left  # Σ; a source left out is 0


def test_missing_parents_of_a_new_row():
    names = {"204": "公共安全支出", "20406": "司法"}.get
    assert missing_parents([], "2040601", names) == [("204", "公共安全支出"), ("20406", "司法")]
    assert missing_parents(["204"], "2040601", names) == [("20406", "司法")]
    assert missing_parents(["204", "20406"], "2040601", names) == []
    assert missing_parents([], "2130101", names) == []  # a name not known: the clerk adds it
    assert missing_parents([], "30101", lambda c: {"301": "工资福利支出"}.get(c)) == [("301", "工资福利支出")]


def test_economic_codes_are_known_by_name(yangquan):
    assert name_of(yangquan, "30101") == "基本工资" and name_of(new(), "301") == "工资福利支出"


def test_grades_and_the_usage_of_other_vehicles_can_be_entered():
    p = new()
    fields = [path for g in page(p, "预算绩效") for row in g.paths for path in row if path]
    assert {"预算绩效.等级.优", "预算绩效.等级.良", "预算绩效.等级.中", "预算绩效.等级.差"} <= set(fields)
    # 山西's 其他重要事项 reads 其他用车 主要用于: its form has the box
    from narratives.fields import section_form
    notes = [n.path for n in section_form(p, "other", api.style_for(p)).notes]
    assert "说明.其他用车.主要用于" in notes


@pytest.mark.parametrize("path", ["公开01表.收入总计", "公开04表.收入总计"])
def test_a_balanced_total_typed_once_fills_both_sides_of_the_text(path):
    p = new()
    from narratives.paths import set_value
    set_value(p, path, D("5"))
    out = api.to_text(api.render(p))
    side = "支出总计5.00万元" if path.startswith("公开01") else "财政拨款收入总计5.00万元，支出总计5.00万元"
    assert side in out


def test_pasted_values_are_matched_by_label():
    from narratives.entry import match_pasted_values
    labels = [("公开01表.收入.一般公共预算财政拨款收入", "收入·一般公共预算财政拨款收入"),
              ("公开01表.本年收入合计", "本年收入合计"), ("公开01表.收入总计", "收入总计"),
              ("公开01表.本年支出合计", "本年支出合计"), ("公开01表.支出总计", "支出总计"),
              ("公开09表.预算数.合计", "预算数·合计"), ("公开09表.决算数.合计", "决算数·合计")]
    # 01表 as Excel has it: 项目 | 行次 | 金额 on the 收入 side, then the 支出 side
    text = ("一、一般公共预算财政拨款收入\t1\t127.80\t一、一般公共服务支出\t32\t0.21\n"
            "本年收入合计\t6\t1,127.80\t本年支出合计\t50\t127.80\n"
            "收入总计\t12\t127.80\t 支出总计 \t60\t\t127.80\n合计\t\t5\n项目\t行次\t金额\n")
    values, unmatched = match_pasted_values(labels, text)
    assert values == [("公开01表.收入.一般公共预算财政拨款收入", "127.80"), ("公开01表.本年收入合计", "1,127.80"),
                      ("公开01表.本年支出合计", "127.80"), ("公开01表.收入总计", "127.80"),
                      ("公开01表.支出总计", "127.80")]
    # a label on no row, or on two (合计 of 预算数 and 决算数), is not guessed; a header has no value
    assert unmatched == ["一、一般公共服务支出", "合计"]


def test_counts_the_amounts_give_are_shown_on_the_page():
    p = new()
    p.t09.actual.total = D("0.31")
    p.t09.actual.car_running = D("0.31")
    rows = dict(page(p, "三公明细")[0].rows)
    # no 出国费, no 接待费: their counts are 0 (shown marked; the cell itself stays blank)
    assert rows["出国团组数"] == "＝0" and rows["国内接待·批次"] == "＝0" and rows["购置车辆数"] == "＝0"
    assert rows["公务用车保有量"] == ""  # not given by any amount
    assert p.sangong.groups is None


def test_a_05_table_pasted_onto_last_year_fills_its_classes():
    from narratives.entry import match_pasted_values
    labels = [("上年.一般公共预算财政拨款支出", "一般公共预算财政拨款支出")]
    text = "科目代码\t科目名称\t金额\n201\t一般公共服务支出\t0.21\n204\t公共安全支出\t121.41\n合计\t\t151.87\n"
    values, unmatched = match_pasted_values(labels, text, "上年.功能分类")
    assert values == [("上年.功能分类.201 一般公共服务支出", "0.21"), ("上年.功能分类.204 公共安全支出", "121.41")]
    assert unmatched == ["合计"]
    assert match_pasted_values(labels, text)[0] == []  # a page without such a table takes no code rows
