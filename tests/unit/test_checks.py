"""审核: every rule of checks.md has a project that breaks it and one that passes.

Each case changes one thing in a deep copy of a sample (the samples themselves give no 错误) and
expects the rule to fire with the given severity; the same rule must be silent at that severity
on the unchanged sample (``passing``)."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from narratives import api
from narratives.checks import ERROR, HINT, check, summary
from narratives.model import FundSplit, T07Row

SAMPLES = {"yangquan": "samples/yangquan-legal-aid-2024.toml", "wendeng": "samples/wendeng-legal-aid-2024.toml"}
_loaded: dict = {}


def sample(name):
    if name not in _loaded:
        from pathlib import Path
        root = Path(__file__).resolve().parents[2]
        _loaded[name] = api.load(root / SAMPLES[name])
    return _loaded[name].model_copy(deep=True)


def fired(project, rule, severity=None):
    return [f for f in check(project) if f.rule == rule and (severity is None or f.severity == severity)]


def row(rows, code):
    return next(r for r in rows if r.code == code)


def _set(obj, **kw):
    for k, v in kw.items():
        setattr(obj, k, v)


def _t04_income(p):
    p.t04.income_total = D("100")


def _t07_row(p):
    p.t07.rows = [T07Row(code="2120801", name="征地和拆迁补偿支出", opening=D(0), income=D(5), expense=D(3),
                         basic=D(0), project=D(3), closing=D(1))]


def _budget_without_10(p):
    p.budget.by_func = {k: v for k, v in p.budget.by_func.items() if not k.startswith("2040607")}


def _yq_conclusion(p):
    ev = p.performance.projects[0]
    ev.conclusion = ev.conclusion + "经综合评价，自评结果为优。"


def _weights(p):
    p.performance.projects[0].indicators[0].weight = D(5)


def _score_over(p):
    ind = p.performance.projects[0].indicators[5]
    ind.score = D(6)


# (rule, sample to break, mutation, severity, sample that passes)
CASES = [
    ("R01", "yangquan", lambda p: p.t01.income.update({"一般公共预算财政拨款收入": D("120")}), ERROR, "yangquan"),
    ("R02", "wendeng", lambda p: p.t01.expense.update({"公共安全支出": D("100")}), ERROR, "wendeng"),
    ("R02", "wendeng", lambda p: p.t01.expense.update({"公共安全支出": D("131.08")}), HINT, "wendeng"),
    ("R03", "yangquan", lambda p: _set(p.t01, grand_income=D("130")), ERROR, "yangquan"),
    ("R04", "wendeng", lambda p: _set(p.t01, closing_balance=D("5")), ERROR, "wendeng"),
    ("R05", "wendeng", lambda p: _set(p.t01, grand_expense=D("160")), ERROR, "wendeng"),
    ("R06", "yangquan", lambda p: _set(row(p.t02.rows, "2040601"), fiscal=D("80")), ERROR, "yangquan"),
    ("R07", "yangquan", lambda p: _set(row(p.t02.rows, "20132"), total=D("0.5"), fiscal=D("0.5")), ERROR, "yangquan"),
    ("R08", "wendeng", lambda p: _set(p.t02.total, fiscal=D("150")), ERROR, "wendeng"),
    ("R09", "yangquan", lambda p: _set(row(p.t03.rows, "2040601"), basic=D("80")), ERROR, "yangquan"),
    ("R10", "yangquan", lambda p: _set(p.t03.total, total=D("120")), ERROR, "yangquan"),
    ("R10", "wendeng", lambda p: p.t01.expense.update({"卫生健康支出": D("5")}), ERROR, "wendeng"),
    ("R11", "yangquan", _t04_income, ERROR, "yangquan"),
    ("R12", "wendeng", lambda p: _set(p.t04.expense["公共安全支出"], total=D("100")), ERROR, "wendeng"),
    ("R13", "wendeng", lambda p: _set(p.t04, opening=FundSplit(total=D(5), general=D(3))), ERROR, "wendeng"),
    ("R14", "wendeng", lambda p: _set(p.t04, grand_income=D("170")), ERROR, "wendeng"),
    ("R15", "wendeng", lambda p: _set(p.t03.total, total=D("150")), ERROR, "wendeng"),
    ("R16", "yangquan", lambda p: _set(row(p.t05.rows, "2040601"), basic=D("80")), ERROR, "yangquan"),
    ("R17", "wendeng", lambda p: _set(p.t04.expense["公共安全支出"], general=D("120"), total=D("120")), ERROR, "wendeng"),
    ("R18", "wendeng", lambda p: _set(p.t06, personnel_total=D("130"), personnel=[]), ERROR, "wendeng"),
    ("R19", "yangquan", lambda p: _set(p.t06, personnel_total=D("110")), ERROR, "yangquan"),
    ("R19", "yangquan", lambda p: None, HINT, None),  # 107.15 stated, 105.46 + 1.68 = 107.14: 尾差
    ("R20", "wendeng", lambda p: _set(row(p.t06.public, "302"), amount=D("3.50")), ERROR, "wendeng"),
    ("R21", "yangquan", lambda p: _set(row(p.t06.personnel, "30101"), amount=D("40")), ERROR, "yangquan"),
    ("R22", "yangquan", lambda p: _set(p.t09.actual, car_running=D("0.2"), car_subtotal=D("0.2"), total=D("0.2")),
     ERROR, "yangquan"),
    ("R23", "yangquan", _t07_row, ERROR, "yangquan"),
    ("R24", "wendeng", lambda p: _set(p.t07.total, income=D("5")), ERROR, "wendeng"),
    ("R24", "yangquan", _t07_row, ERROR, "yangquan"),  # 04表 has no 政府性基金: 07表 must be empty
    ("R30", "wendeng", lambda p: _set(p.prior, fiscal_grand_expense=D("130")), ERROR, "wendeng"),
    ("R25", "yangquan", lambda p: _set(p.t09.actual, total=D("0.5")), ERROR, "yangquan"),
    ("R26", "yangquan", lambda p: _set(p.t09.budget, car_subtotal=D("0.5")), ERROR, "yangquan"),
    ("R27", "yangquan", lambda p: _set(p.t10, running_cost=D("9")), ERROR, "yangquan"),
    ("R27", "wendeng", lambda p: _set(p.t10, running_cost=D("3")), HINT, "wendeng"),
    ("R28", "yangquan", lambda p: _set(p.t10.purchase, total=D("1")), ERROR, "yangquan"),
    ("R28", "yangquan", lambda p: _set(p.procurement, sme=D("1")), ERROR, "yangquan"),
    ("R29", "yangquan", lambda p: _set(p.t10, vehicles_total=2), ERROR, "yangquan"),
    ("R29", "yangquan", lambda p: _set(p.sangong, cars_kept=3), ERROR, "yangquan"),
    ("R30", "yangquan", lambda p: _set(p.prior, grand_expense=D("150")), ERROR, "yangquan"),
    ("R31", "wendeng", _budget_without_10, ERROR, "wendeng"),
    ("R32", "yangquan", lambda p: _set(p.sangong, cars_bought=1), ERROR, "yangquan"),
    ("R32", "wendeng", lambda p: _set(p.sangong.domestic, batches=2, persons=1, amount=D("0.1")), ERROR, "wendeng"),
    ("R32", "wendeng", lambda p: _set(p.sangong.foreign_guests, batches=1, persons=2, amount=D("0.1")), ERROR, "wendeng"),
    ("R33", "yangquan", _yq_conclusion, ERROR, "yangquan"),
    ("R33", "yangquan", lambda p: _set(p.performance.projects[0], stated_grade="优"), ERROR, "yangquan"),
    ("R33", "wendeng", _weights, ERROR, "wendeng"),
    ("R33", "wendeng", _score_over, ERROR, "wendeng"),
    ("R33", "wendeng", lambda p: _set(p.performance.projects[0], stated_score=D("92")), ERROR, "wendeng"),
    ("R33", "wendeng", lambda p: _set(p.performance, self_projects=2), ERROR, "wendeng"),
    ("R33", "wendeng", lambda p: None, HINT, "yangquan"),  # 全年预算 10, 执行 0
]
IDS = [f"{r}-{s}-{i}" for i, (r, s, _, _, _) in enumerate(CASES)]


@pytest.mark.parametrize("rule,name,mutate,severity,passing", CASES, ids=IDS)
def test_rule_breaks(rule, name, mutate, severity, passing):
    p = sample(name)
    mutate(p)
    found = fired(p, rule, severity)
    assert found, f"{rule} did not fire: {[(f.rule, f.severity, f.location) for f in check(p)]}"
    for f in found:
        assert f.table and f.location and f.message.endswith("。")


@pytest.mark.parametrize("rule,name,mutate,severity,passing", [c for c in CASES if c[4]],
                         ids=[i for i, c in zip(IDS, CASES) if c[4]])
def test_rule_passes_on_sample(rule, name, mutate, severity, passing):
    assert not fired(sample(passing), rule, severity)


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_have_no_errors(name):
    s = summary(check(sample(name)))
    assert s.errors == 0


def test_every_rule_of_checks_md_is_tested():
    tested = {c[0] for c in CASES}
    assert {f"R{n:02d}" for n in range(1, 34)} <= tested


def test_wendeng_budget_slip_names_the_gap():
    """The published 项 budgets add to 139.42 against a total of 149.42 (a 10万元 项 left out)."""
    p = sample("wendeng")
    _budget_without_10(p)
    (f,) = fired(p, "R31", ERROR)
    assert f.found == "139.42" and f.expected == "149.42"
    assert "10.00" in f.message and "全年未支出" in f.message


def test_yangquan_grade_slip():
    """附件1: 80 分 is 良; a 结论 saying 优 contradicts it."""
    p = sample("yangquan")
    _yq_conclusion(p)
    (f,) = fired(p, "R33", ERROR)
    assert f.expected == "良" and f.found == "优" and "结论" in f.location


def test_tolerance_is_n_half_cents():
    """01表: 4 类 rows and the total — 5 amounts, so up to 0.025 is 尾差 (提示), beyond is 错误."""
    p = sample("wendeng")
    p.t01.expense_total = D("161.11")  # Σ 类 = 161.09: differs by 0.02
    assert fired(p, "R02", HINT) and not fired(p, "R02", ERROR)
    p.t01.expense_total = D("161.12")
    assert fired(p, "R02", ERROR)


def test_hierarchy_reports_row_and_column():
    p = sample("yangquan")
    row(p.t03.rows, "2080505").basic = D("9.67")
    row(p.t03.rows, "2080505").total = D("9.67")
    msgs = [f for f in fired(p, "R10", ERROR)]
    assert any("20805" in f.location and "本年支出合计" in f.location for f in msgs)
    assert all(f.section == "expense" for f in msgs)


def test_repeated_code_is_an_error():
    p = sample("yangquan")
    p.t05.rows = [*p.t05.rows, p.t05.rows[-1].model_copy()]
    assert any("重复" in f.message for f in fired(p, "R16", ERROR))


def test_findings_sorted_by_table():
    p = sample("wendeng")
    p.t01.grand_expense = D("160")
    _budget_without_10(p)
    tables = [f.table for f in check(p)]
    assert tables.index("公开01表") < tables.index("年初预算") < tables.index("预算绩效")


def test_section_follows_the_style():
    """shanxi folds 机关运行经费 into 十 其他重要事项 ("other"); the app marks that outline entry."""
    p = sample("yangquan")
    p.t10.running_cost = D("9")
    (f,) = fired(p, "R27", ERROR)
    assert f.section == "other"


def test_no_indicator_rows_is_not_a_grade_slip():
    """yangquan's 附件1 has no indicator rows: without a stated score there is nothing to grade —
    never the 预算执行 score alone (7.96) taken for the total."""
    p = sample("yangquan")
    p.performance.projects[0].stated_score = None
    assert not fired(p, "R33", ERROR)
