"""预算绩效 arithmetic against the published forms (yueyang, wendeng, yangquan)."""
from decimal import Decimal as D

import pytest

from narratives.model import Evaluation, Indicator
from narratives.money import quantize
from narratives.performance import (execution_rate, execution_score, grade_for, normal_grade,
                                    summary, total_score)


def ev(initial, full, executed, scores, weight="10"):
    return Evaluation.model_validate({
        "项目名称": "x", "年初预算数": initial, "全年预算数": full, "全年执行数": executed, "预算执行分值": weight,
        "指标": [{"三级指标": f"i{n}", "分值": w, "得分": s} for n, (w, s) in enumerate(scores)]})


# yueyang 2023 部门整体支出绩效自评表: 年初 176.32, 全年 318.10, 执行 269.69 → 84.78%, 8.48; total 95.48
YUEYANG_UNIT = ev("176.32", "318.10", "269.69",
                  [("10", "10"), ("10", "10"), ("10", "9"), ("10", "10"), ("10", "8"),
                   ("10", "10"), ("10", "10"), ("5", "5"), ("5", "5"), ("10", "10")])
# yueyang 项目支出绩效自评表 法律援助专项服务: 8.88, 8.88, 7.26 → 81.76%, 8.18; total 95.18
YUEYANG_PROJECT = ev("8.88", "8.88", "7.26",
                     [("10", "10"), ("10", "10"), ("10", "9"), ("5", "5"), ("10", "8"), ("2.5", "2.5"),
                      ("2.5", "2.5"), ("10", "10"), ("10", "10"), ("5", "5"), ("5", "5"), ("10", "10")])


def test_yueyang_unit_execution_and_total():
    assert quantize(execution_rate(YUEYANG_UNIT), 2) == D("84.78")
    assert execution_score(YUEYANG_UNIT) == D("8.48")
    assert total_score(YUEYANG_UNIT) == D("95.48")
    assert grade_for(total_score(YUEYANG_UNIT)) == "优"


def test_yueyang_project_execution_and_total():
    assert quantize(execution_rate(YUEYANG_PROJECT), 2) == D("81.76")
    assert execution_score(YUEYANG_PROJECT) == D("8.18")
    assert total_score(YUEYANG_PROJECT) == D("95.18")


def test_weights_of_the_forms_add_to_100():
    for e in (YUEYANG_UNIT, YUEYANG_PROJECT):
        assert e.execution_weight + sum(i.weight for i in e.indicators) == 100


def test_wendeng_zero_execution_scores_zero_and_the_rest_is_89_32(wendeng):
    e = wendeng.performance.projects[0]
    assert execution_rate(e) == 0 and execution_score(e) == 0
    assert total_score(e) == D("89.32") == e.stated_score
    assert grade_for(total_score(e)) == "良"


def test_execution_score_is_capped_at_its_weight():
    over = ev("10", "10", "12", [])
    assert execution_score(over) == D("10.00")


def test_no_budget_gives_no_rate_not_an_error():
    assert execution_rate(ev("0", "0", "5", [])) is None and execution_score(ev("0", "0", "5", [])) is None


@pytest.mark.parametrize("score, grade", [("100", "优"), ("90", "优"), ("89.99", "良"), ("80", "良"),
                                          ("79.99", "中"), ("60", "中"), ("59.99", "差"), ("0", "差")])
def test_grade_scale_includes_lower_bounds(score, grade):
    assert grade_for(D(score)) == grade


def test_yangquan_80_is_liang_although_its_conclusion_said_you(yangquan):
    e = yangquan.performance.projects[0]
    assert grade_for(e.stated_score) == "良"


def test_grade_aliases():
    assert normal_grade("合格") == "中" and normal_grade("不合格") == "差" and normal_grade(" 良 ") == "良"


def test_summary_counts_from_entered_or_evaluated_projects(wendeng, yangquan):
    s = summary(wendeng)
    assert s.projects == 1 and s.amount == D("10") and s.grades == {"良": 1} and s.project_share == 100
    p = yangquan.model_copy(deep=True)
    p.performance.self_projects = None
    p.performance.self_amount = None
    p.performance.grades = {}
    s = summary(p)
    assert s.projects == 1 and s.amount == D("15") and s.grades == {"良": 1}
