"""Unknown is not zero (issue 13 items 1, 2; issue 19 items 4, 5): the cases the issues quote, an
empty project through new → render → check → export, the zero change and the orphan row."""
from __future__ import annotations

import json
import re
from decimal import Decimal as D

import pytest

from narratives import api, pending
from narratives.checks import check
from narratives.cli import main
from narratives.io import projectfile


def text(p, section=None, style=None) -> str:
    return api.to_text(api.render(p, style=style, section=section))


# ---------------------------------------------------------------- the clauses issue 13 quotes
def test_basic_expense_from_rows_when_the_total_row_is_blank(yangquan):
    # "基本支出0万元" while the rows hold it: the 合计 row blank, the figure comes from the 类 rows
    p = yangquan.model_copy(deep=True)
    p.t05.total.total = p.t05.total.basic = p.t05.total.project = None
    out = text(p, "六")
    assert "基本支出0" not in out and "基本支出115.86万元" in out


def test_only_the_total_budget_entered_never_says_no_budget_by_class(yangquan):
    p = yangquan.model_copy(deep=True)
    p.budget.by_func = {}
    out = text(p, "五")
    assert "年初无预算" not in out and "年初预算0" not in out
    assert "【待填：公共安全支出 年初预算】" in out
    # the total budget is entered: its own sentence stands
    assert "年初预算142.83万元" in out


def test_vehicles_kept_not_entered_is_a_marker_not_0_cars(yangquan):
    p = yangquan.model_copy(deep=True)
    p.sangong.cars_kept = None
    p.t09.actual.reception, p.t09.actual.total = D("1.20"), D("1.51")
    p.sangong.domestic.amount = p.sangong.domestic.batches = None
    out = text(p, "九")
    assert "保有量共0辆" not in out and "【待填：公务用车保有量（三公明细）】" in out
    assert "共接待0批次" not in out.split("4、")[1].split("其中")[0]
    assert "共接待【待填：接待批次（三公明细）】" in out
    # 国内接待费 is what 公务接待费 leaves after 国（境）外 (entered 0): determined, not asked
    assert "国内接待费1.20万元" in out


def test_a_count_beside_an_amount_of_0_is_0(yangquan):
    # R32: 团组 > 0 ⇔ 出国费 > 0 — the entered 0 determines the blank count
    p = yangquan.model_copy(deep=True)
    p.sangong.groups = p.sangong.travellers = p.sangong.cars_bought = None
    out = text(p, "九")
    assert "出国（境）团组共0个，0人次" in out and "购置公务用车0辆" in out and "待填" not in out


def test_no_broken_share_clause_when_the_whole_is_0_or_unknown(yangquan):
    p = yangquan.model_copy(deep=True)
    p.t01.expense_total = None
    p.t01.expense = {}
    out = text(p, "五")
    assert "占本年支出合计的。" not in out and "占本年支出合计的【待填：本年支出合计】" in out
    z = yangquan.model_copy(deep=True)
    z.t01.expense_total = D(0)
    z.t05.total.total, z.t05.total.basic, z.t05.total.project = D(0), D(0), D(0)
    assert "占本年支出合计的。" not in text(z, "五")


def test_a_missing_prior_is_a_marker_and_drops_its_reason(yangquan):
    p = yangquan.model_copy(deep=True)
    p.prior.grand_income = p.prior.grand_expense = None
    out = text(p, "一")
    assert "（上年数未填）" not in out and "。。" not in out
    assert "收入总计【待填：收入总计 上年数】" in out
    # the reason explains a change nobody knows yet: left out until 上年 is in
    assert "主要原因" not in out


def test_sangong_prior_with_only_the_car_subtotal_keeps_the_parts_unknown(yangquan):
    from narratives.facts import Facts
    p = yangquan.model_copy(deep=True)
    pr = p.prior.sangong
    pr.abroad = pr.car_purchase = pr.car_running = pr.reception = None
    pr.car_subtotal, pr.total = D("0.32"), D("0.32")
    f = Facts(p)
    run = f.sangong_item("公务用车运行维护费")
    assert run.prior is None and f.sangong_item("公务用车购置及运行维护费").prior == D("0.32")
    # 出国 and 接待 are determined: the total is all 公务用车
    assert f.sangong_item("公务接待费").prior == 0


def test_only_an_entered_zero_says_none(yangquan):
    p = yangquan.model_copy(deep=True)
    p.t10.running_cost = None
    out = text(p, "十")
    assert "无机关运行经费支出" not in out and "【待填：机关运行经费（公开10表）】" in out
    p.t10.running_cost, p.prior.running_cost = D(0), D(0)
    assert "【待填" not in text(p, "十").split("（二）")[0]


# ---------------------------------------------------------------- issue 19: 持平 and orphan rows
def test_a_change_that_prints_as_0_00_is_same(yangquan):
    # zero-change.toml: 收入总计 351.934 against 351.93
    p = yangquan.model_copy(deep=True)
    p.t01.grand_income, p.prior.grand_income = D("351.934"), D("351.93")
    p.t01.grand_expense, p.prior.grand_expense = D("941.98"), D("941.98")
    out = text(p, "一")
    assert "增加0.00万元" not in out and "0.00%" not in out
    assert "收入总计与上年持平" in out


def test_a_prior_that_prints_as_0_00_is_no_base_for_a_rate(yangquan):
    # tiny-prior.toml (at the 15 places a file may hold): 上年 0.000000000000001 against 12780
    p = yangquan.model_copy(deep=True)
    p.t01.grand_income, p.prior.grand_income = D("12780"), D("0.000000000000001")
    out = text(p, "一")
    assert "收入总计上年无此项支出，本年新增12,780.00万元" in out or "收入总计上年无此项支出，本年新增12780.00万元" in out


def test_an_orphan_row_is_counted_and_reported(yangquan):
    # orphan-row.toml: a 项 2139999 whose 类 213 and 款 21399 rows are missing
    from narratives.model.tables import T02Row, T03Row, T05Row
    p = yangquan.model_copy(deep=True)
    p.t02.rows.append(T02Row(code="2139999", name="孤立科目", total=D(50), fiscal=D(50)))
    p.t03.rows.append(T03Row(code="2139999", name="孤立科目", total=D(50), basic=D(50)))
    p.t05.rows.append(T05Row(code="2139999", name="孤立科目", total=D(50), basic=D(50)))
    out = text(p, "五")
    assert "农林水支出(类)50.00万元" in out
    found = [f for f in check(p) if f.rule == "R36"]
    assert {f.table for f in found} == {"公开02表", "公开03表", "公开05表"}
    assert all(f.is_error and "类 213" in f.message and "款 21399" in f.message for f in found)


# ---------------------------------------------------------------- an empty project, end to end
@pytest.fixture
def empty(tmp_path):
    path = tmp_path / "empty.toml"
    assert main(["new", "--name", "测试单位", "--year", "2025", "-o", str(path)]) == 0
    return path


@pytest.mark.parametrize("style", ["shanxi", "shandong", "shanghai"])
def test_an_empty_project_states_no_figure(empty, style):
    doc = api.render(api.load(empty), style=style)
    out = api.to_text(doc)
    assert not re.search(r"(?<![\d.])0(\.0+)?万元", out) and "持平" not in out and "无此项" not in out
    assert len(pending.in_document(doc)) > 20


@pytest.mark.parametrize("style", ["shanxi", "shandong", "shanghai"])
def test_performance_not_entered_is_not_said_to_be_not_done(empty, style):
    """"未开展…绩效" is a statement: only an entered 自评项目数 0 makes it; nothing entered is 待填."""
    project = api.load(empty)
    out = api.to_text(api.render(project, style=style))
    assert "未开展" not in out and "【待填：自评项目数（预算绩效）】" in out
    project.performance.self_projects = 0
    out = api.to_text(api.render(project, style=style))
    assert "未开展" in out and "自评项目数（预算绩效）" not in out


def test_check_of_an_empty_project_fails_with_a_short_grouped_list(empty, capsys):
    capsys.readouterr()
    assert main(["check", str(empty)]) == 1
    out = capsys.readouterr().out
    lines = [x for x in out.splitlines() if x.strip()]
    assert len(lines) <= 40  # grouped by table: one line per table, not one per input
    assert "未填" in out and "出国团组数" in out and "公务用车保有量" in out and "收入总计" in out
    assert main(["check", str(empty), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    labels = {f["location"] for f in data["findings"] if f["rule"] == "L05"}
    doc = api.render(api.load(empty))
    assert labels == set(pending.in_document(doc))  # every marker reported, once


def test_export_of_an_empty_project_warns_and_strict_refuses(empty, tmp_path, capsys):
    out = tmp_path / "out.md"
    capsys.readouterr()
    assert main(["export", str(empty), "--format", "md", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert out.exists() and "【待填】" in err and "错误" in err
    strict = tmp_path / "strict.md"
    assert main(["export", str(empty), "--format", "md", "-o", str(strict), "--strict"]) == 1
    assert not strict.exists() and "未导出" in capsys.readouterr().err


def test_strict_export_of_a_complete_sample_goes_ahead(yangquan_path, tmp_path, capsys):
    out = tmp_path / "y.md"
    assert main(["export", str(yangquan_path), "--format", "md", "-o", str(out), "--strict"]) == 0
    assert out.exists() and "待填" not in capsys.readouterr().err


def test_a_half_filled_project_marks_only_what_is_missing(empty, tmp_path):
    p = api.load(empty)
    p.t01.income_total = p.t01.expense_total = D("100")
    p.t01.grand_income = p.t01.grand_expense = D("100")
    p.t01.income = {"一般公共预算财政拨款收入": D("100")}
    out = text(p, "二")
    assert "收入合计100.00万元" in out and "财政拨款收入100.00万元，占比100.00%" in out
    assert "待填" not in out  # the other sources are not in the entered table: 0, not listed
    one = text(p, "一")
    assert "【待填：收入总计 上年数】" in one and "收入总计100.00万元" in one
    path = tmp_path / "half.toml"
    projectfile.save(p, path)
    labels = {f.location for f in check(api.load(path)) if f.rule == "L05"}
    assert "收入总计 上年数" in labels and "收入总计（公开01表）" not in labels


# ---------------------------------------------------------------- the app's counts (core API)
def test_session_counts_what_the_text_waits_for(empty, yangquan_path, tmp_path):
    from narratives.session import Session
    s = Session.open(empty)
    waiting = s.pending()
    assert len(waiting) == len(set(waiting)) > 20 and "公务用车保有量（三公明细）" in waiting
    assert s.pending_text() == f"待填 {len(waiting)} 项"
    outline = {e.key: e.pending for e in s.outline() if e.kind == "section"}
    assert outline["overall"] >= 2 and sum(outline.values()) >= len(waiting)
    s.set_text("公开01表.收入总计", "100")
    # 01表 balances: 支出总计 left blank is 收入总计, so both markers go
    assert "收入总计（公开01表）" not in s.pending() and "支出总计（公开01表）" not in s.pending()
    assert len(s.pending()) == len(waiting) - 2
    full = Session.open(yangquan_path)
    assert full.pending() == [] and full.pending_text() == ""
    assert all(e.pending == 0 for e in full.outline() if e.kind == "section")


# ---------------------------------------------------------------- juesuan schema: the 说明 subjects
def test_schema_lists_the_subjects_every_sample_uses(capsys):
    import re as _re
    from pathlib import Path
    assert main(["schema"]) == 0
    notes = json.loads(capsys.readouterr().out)["properties"]["说明"]
    enum, pattern = notes["propertyNames"]["anyOf"][0]["enum"], notes["propertyNames"]["anyOf"][1]["pattern"]
    assert {"收支总计", "公务接待费", "三公经费", "其他需要说明的事项"} <= set(enum)
    assert "公务招待费" not in enum and not _re.match(pattern, "公务招待费")
    root = Path(__file__).resolve().parents[2] / "samples"
    for path in root.glob("*.toml"):
        for key in api.load(path).notes:
            assert key in enum or _re.match(pattern, key), (path.name, key)


def test_schema_subjects_lists_names_and_the_project_codes(yangquan_path, capsys):
    assert main(["schema", "--subjects", str(yangquan_path)]) == 0
    out = capsys.readouterr().out
    assert "公务用车运行维护费" in out and "  204 公共安全支出" in out and "  2040601 行政运行" in out


def test_review_hints_are_never_computed_from_a_blank(yangquan):
    # R34 "由上年 0.21万元减少到 0.00万元" for a 类 whose rows are not entered yet would be false
    p = yangquan.model_copy(deep=True)
    p.t05.total.total = p.t05.total.basic = p.t05.total.project = None
    p.t05.rows = []
    found = [f for f in check(p) if f.rule in ("R34", "L03")]
    assert not [f for f in found if "0.00万元" in f.message or "下降100.00%" in f.message]
