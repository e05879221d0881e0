"""The 审核 rules added when a half-filled project was tried (issue 13, item 2): each breaks on a
changed copy of a sample and passes on the sample itself."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from narratives import api
from narratives.checks import ERROR, HINT, check
from narratives.model import Composition, EconRow, T05Cols
from narratives.subjects import nearest

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
_cache: dict = {}


def sample(name: str):
    if name not in _cache:
        _cache[name] = api.load(ROOT / "samples" / f"{name}.toml")
    return _cache[name].model_copy(deep=True)


def fired(p, rule, severity=None, style=None):
    return [f for f in check(p, style) if f.rule == rule and (severity is None or f.severity == severity)]


def row(rows, code):
    return next(r for r in rows if r.code == code)


# ---------------------------------------------------------------- R16/R10: blank 小计, 类 ≠ Σ 款
def test_a_class_entered_by_columns_that_disagrees_with_its_kuan_is_an_error():
    p = sample("yangquan-legal-aid-2024")
    p.t05.total = T05Cols()           # the 合计 row left blank: the text adds up the 类
    lei = row(p.t05.rows, "204")
    lei.total = None                  # 类 entered by 基本支出 and 项目支出 only …
    lei.basic = D("78.8449")          # … 10 万元 short of its 款 (司法 100.79) …
    kuan = row(p.t05.rows, "20406")
    kuan.basic = kuan.project = None  # … which is entered by 小计 only: no column compares them
    found = fired(p, "R16", ERROR)
    assert len(found) == 1 and "204 公共安全支出（类）" in found[0].location
    assert found[0].expected == "100.79" and found[0].found == "90.7897"


def test_r16_derived_passes_on_the_sample_and_within_rounding():
    p = sample("yangquan-legal-aid-2024")
    assert not fired(p, "R16", ERROR)
    p.t05.total = T05Cols()
    row(p.t05.rows, "204").total = None   # 88.8449 + 11.9448 = 100.7897 vs 款 100.79: 尾差
    assert not fired(p, "R16", ERROR)


def test_the_same_in_03():
    p = sample("yangquan-legal-aid-2024")
    lei = row(p.t03.rows, "204")
    lei.total, lei.basic = None, D("70")
    kuan = row(p.t03.rows, "20406")
    kuan.basic = kuan.project = None
    found = [f for f in fired(p, "R10", ERROR) if f.location.startswith("204 公共安全支出（类）")]
    assert [f.location for f in found] == ["204 公共安全支出（类） · 本年支出合计"]


# ---------------------------------------------------------------- R32: 保有量 0 with 运行维护费
def test_no_cars_kept_but_running_cost_is_an_error():
    p = sample("yangquan-legal-aid-2024")
    assert not [f for f in fired(p, "R32") if f.location == "公务用车保有量"]
    p.sangong.cars_kept = 0
    found = [f for f in fired(p, "R32", ERROR) if f.location == "公务用车保有量"]
    assert len(found) == 1 and "0.31万元" in found[0].message


def test_cars_kept_not_entered_is_not_this_rule():
    p = sample("yangquan-legal-aid-2024")
    p.sangong.cars_kept = None
    assert not [f for f in fired(p, "R32") if f.location == "公务用车保有量"]


# ---------------------------------------------------------------- R35: 人员经费 0, 基本支出 > 0
def test_personnel_zero_with_basic_spending_is_an_error():
    p = sample("yangquan-legal-aid-2024")
    assert not fired(p, "R35")
    p.t06.personnel = [EconRow(code="301", name="工资福利支出", amount=D(0))]
    p.t06.personnel_total = D(0)
    found = fired(p, "R35", ERROR)
    assert len(found) == 1 and "115.8552万元" in found[0].message


def test_personnel_zero_when_public_is_all_the_basic_spending_is_a_hint():
    p = sample("yangquan-legal-aid-2024")
    p.t06.personnel, p.t06.personnel_total = [], D(0)
    p.t06.public_total = D("115.8552")
    assert [f.severity for f in fired(p, "R35")] == [HINT]


def test_personnel_not_entered_is_left_to_the_unfilled_findings():
    p = sample("yangquan-legal-aid-2024")
    p.t06.personnel, p.t06.personnel_total = [], None
    assert not fired(p, "R35")


# ---------------------------------------------------------------- R27: a 部门 with 事业单位
def _department(p):
    """A 行政 局 with two 事业单位: its 公用经费 (06表) is larger than its 机关运行经费."""
    p.unit.kind = "行政单位"
    p.unit.composition = Composition(admin=1, institution=2)
    p.t10.running_cost = D("5.20")
    return p


def test_r27_single_unit_still_demands_running_cost_equal_public():
    p = sample("shanghai-sample-2024")
    assert not fired(p, "R27", ERROR)
    p.t10.running_cost = D("5.20")
    assert fired(p, "R27", ERROR)


def test_r27_a_department_with_institutions_is_not_an_error_when_below_public():
    p = _department(sample("shanghai-sample-2024"))
    assert not fired(p, "R27", ERROR)


def test_r27_a_department_checks_its_basis_and_the_upper_bound():
    p = _department(sample("shanghai-sample-2024"))
    p.t10.running_cost_basis = D("5.20")
    assert not fired(p, "R27", ERROR)
    p.t10.running_cost_basis = D("6.00")
    assert [f.location for f in fired(p, "R27", ERROR)] == ["机关运行经费"]
    p.t10.running_cost_basis = None
    p.t10.running_cost = p.t06.public_sum() + D(1)
    assert "大于公开06表公用经费合计" in fired(p, "R27", ERROR)[0].message


def test_a_department_of_institutions_only_has_no_running_cost():
    p = sample("yangquan-legal-aid-2024")
    p.unit.composition = Composition(institution=3)
    assert not p.unit.has_running_cost
    p.unit.composition = Composition(civil=1, institution=3)
    assert p.unit.has_running_cost and p.unit.mixed


# ---------------------------------------------------------------- L06: 说明 of no figure
@pytest.mark.parametrize("subject, near", [
    ("公务招待费", "公务接待费"),
    ("2049999", "2040607"),       # no such 项: the closest code the tables hold
    ("204 公共安全支出", "204"),   # a name after the code: the notes are looked up by code
    ("收支合计", "收支总计"),
])
def test_a_note_about_no_figure_is_reported_with_the_nearest_subject(subject, near):
    p = sample("yangquan-legal-aid-2024")
    p.notes[subject] = api.Explanation(reason="接待次数减少") if hasattr(api, "Explanation") else \
        __import__("narratives.model", fromlist=["Explanation"]).Explanation(reason="接待次数减少")
    found = fired(p, "L06")
    assert [(f.subject, f.expected) for f in found] == [(subject, near)]
    assert f"最接近的是“{near}”" in found[0].message


def test_every_note_of_the_samples_has_a_subject():
    for name in ("yangquan-legal-aid-2024", "wendeng-legal-aid-2024", "shanghai-sample-2024"):
        assert not fired(sample(name), "L06"), name


def test_nearest_gives_none_when_nothing_is_close():
    p = sample("yangquan-legal-aid-2024")
    assert nearest(p, "999") is None


def test_a_class_listed_with_its_xiang_but_no_kuan_row_is_compared_with_them():
    p = sample("yangquan-legal-aid-2024")
    p.t05.rows = [r for r in p.t05.rows if r.code != "20406"]   # 类 204 and its 项, no 款 row
    assert not fired(p, "R16", ERROR)                            # 100.79 = Σ 项 (within 尾差)
    row(p.t05.rows, "2040601").total = D("70")
    found = [f for f in fired(p, "R16", ERROR) if f.location.startswith("204 ")]
    assert len(found) == 1 and "其下各项之和" in found[0].message


def test_a_blank_class_total_is_not_compared_as_zero_with_the_other_table():
    p = sample("yangquan-legal-aid-2024")
    lei = row(p.t05.rows, "204")
    lei.total = None        # 88.8449 + 11.9448 = 100.7897: agrees with 04表 (100.79) within 尾差
    assert not fired(p, "R17", ERROR)
    lei.basic = lei.project = None   # nothing entered for the 类: 未填, not "0 ≠ 100.79"
    assert not fired(p, "R17", ERROR)
    p.t05.rows = [r for r in p.t05.rows if not r.code.startswith("204")]   # the 类 missing: still found
    assert fired(p, "R17", ERROR)


def test_a_department_evaluation_graded_poor_needs_its_measures():
    from narratives.model import KeyEvaluation
    p = sample("wendeng-legal-aid-2024")
    assert not [f for f in fired(p, "R33") if "整改措施" in f.location]   # 优: none needed
    p.performance.key = [KeyEvaluation(name="法律援助经费", amount=D(10), score=D(72), grade="中")]
    found = [f for f in fired(p, "R33", HINT) if "整改措施" in f.location]
    assert len(found) == 1 and "未填整改措施" in found[0].message
    p.performance.key[0].measures = "完善绩效目标设置"
    assert not [f for f in fired(p, "R33") if "整改措施" in f.location]


def test_check_exits_0_for_a_department_with_institutions_once_its_make_up_is_entered(tmp_path):
    from narratives.cli import main
    from narratives.io.projectfile import dumps
    p = sample("shanghai-sample-2024")
    p.t10.running_cost = D("412.40")        # the 局's own 公用经费; 06表 adds its 事业单位'
    path = tmp_path / "dept.toml"
    path.write_text(dumps(p), encoding="utf-8")
    assert main(["check", str(path)]) == 1   # R27: 机关运行经费 ≠ 公用经费合计
    p.unit.composition = Composition(admin=1, institution=3)
    path.write_text(dumps(p), encoding="utf-8")
    assert "单位构成" in path.read_text(encoding="utf-8")
    assert main(["check", str(path)]) == 0
