"""审核 lint of the clerk's words (R34, L01–L03) and the small text detectors behind it."""
from __future__ import annotations

import dataclasses
from decimal import Decimal as D
from pathlib import Path

import pytest

from narratives import api
from narratives.checks import ERROR, HINT, check
from narratives.checks.evaluation import conclusion_grade
from narratives.checks.lint import residue_in, stated_direction
from narratives.model import Explanation

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def yq():
    return api.load(ROOT / "samples/yangquan-legal-aid-2024.toml")


@pytest.fixture
def wd():
    return api.load(ROOT / "samples/wendeng-legal-aid-2024.toml")


def rules(findings, rule):
    return [f for f in findings if f.rule == rule]


def note(p, key, **kw):
    exp = p.notes.get(key) or Explanation()
    p.notes[key] = exp.model_copy(update=kw)


@pytest.mark.parametrize("name", ["yq", "wd"])
def test_samples_have_no_lint(name, request):
    fs = check(request.getfixturevalue(name))
    assert not [f for f in fs if f.rule in ("R34", "L01", "L02", "L03")]


def test_change_without_reason(yq):
    note(yq, "204", reason=None)
    (f,) = rules(check(yq), "R34")
    assert f.severity == HINT and f.subject == "204" and f.section == "general"
    assert "121.41" in f.message and "100.79" in f.message and "下降" in f.message


def test_threshold_from_the_style(yq):
    """208: 16.55 → 14.59 is −11.84 %; 210: 4.58 → 4.15 is −9.39 %.  At 10 % only 208 needs a reason."""
    note(yq, "208", reason=None)
    note(yq, "210", reason=None)
    style = api.style_for(yq)
    assert {f.subject for f in rules(check(yq, style), "R34")} == {"208", "210"}
    strict = dataclasses.replace(style, settings=style.settings.model_copy(update={"reason_threshold": D(10)}))
    assert {f.subject for f in rules(check(yq, strict), "R34")} == {"208"}


def test_same_needs_no_reason(yq):
    """201: 0.21 both years (持平) — no reason asked."""
    assert "201" not in {f.subject for f in rules(check(yq), "R34")}


def test_deviation_without_reason(wd):
    note(wd, "2040650", deviation=None)
    note(wd, "2040699", deviation=None)  # 年初预算 0, 决算 36: 年初无预算 also needs a reason
    fs = rules(check(wd), "R34")
    assert {f.subject for f in fs} == {"2040650", "2040699"}
    assert all("预算偏差原因" in f.location for f in fs)


def test_income_source_reason_only_where_the_style_explains_it(wd, yq):
    note(wd, "财政拨款收入", reason=None)
    assert [f.subject for f in rules(check(wd), "R34")] == ["财政拨款收入"]
    # shanxi does not explain each income source: 财政拨款收入 fell 151.87 → 127.80 and has no
    # note of its own, yet no reason is asked
    assert "财政拨款收入" not in yq.notes
    assert not rules(check(yq), "R34")


def test_class_without_usage(yq):
    note(yq, "221", usage=None)
    (f,) = rules(check(yq), "L01")
    assert f.subject == "221" and f.severity == HINT


def test_usage_not_asked_by_shandong(wd):
    assert not rules(check(wd), "L01")


def test_residue_in_a_reason(yq):
    note(yq, "204", reason="人员（增加）（减少）XX名")
    fs = rules(check(yq), "L02")
    assert len(fs) == 2 and all(f.subject == "204" for f in fs)


def test_direction_word_against_the_figures(yq):
    note(yq, "204", reason="主要原因是支出增加")  # 204 fell from 121.41 to 100.79
    (f,) = rules(check(yq), "L03")
    assert f.subject == "204" and f.expected == "减少" and f.found == "增加"


@pytest.mark.parametrize("text,expected", [
    ("主要原因是支出增加", "up"),
    ("增加了办公设备购置", "up"),
    ("减少原因为人员调出", "down"),
    ("2024年度决算支出比2023年度决算支出减少24.07万元", "down"),
    ("较上年增长，主要是工资调整", "up"),
    ("一方面人员增加，另一方面项目减少", None),
    ("2024年度有人员调出，住房公积金支出减少", None),
    ("", None),
])
def test_stated_direction(text, expected):
    assert stated_direction(text) == expected


@pytest.mark.parametrize("text,n", [
    ("XX万元", 1), ("ＸＸ项目", 1), ("××单位", 1), ("（增加）（减少）", 1), ("决算数大小于预算数", 1),
    ("增加/减少", 1), ("(增长)", 1), ("XBOX", 0), ("人员经费增加", 0), ("法律援助经费（项目）", 0), ("", 0),
])
def test_residue_in(text, n):
    assert len(residue_in(text)) == n


@pytest.mark.parametrize("text,grade", [
    ("经综合评价，自评结果为优。", "优"),
    ("自评等级：良好", "良"),
    ("评价等级为“合格”", "中"),
    ("自评结论：不合格，需整改", "差"),
    ("为困难群众提供优质、高效的法律援助服务", None),
    ("结果为优质服务", None),
    ("项目有序开展，资金使用比较规范", None),
])
def test_conclusion_grade(text, grade):
    assert conclusion_grade(text) == grade


def test_grade_word_in_conclusion_agrees(yq):
    ev = yq.performance.projects[0]
    ev.conclusion = "自评结果为良。"
    assert not [f for f in check(yq) if f.rule == "R33" and f.severity == ERROR]


@pytest.mark.parametrize("key,section", [
    ("收支总计", "overall"), ("204", "general"), ("2040650", "general"), ("财政拨款收入", "income"),
    ("基本支出", "expense"), ("公务用车运行维护费", "sangong"), ("机关运行经费", "running_cost"),
    ("其他用车", "assets"), ("随便写的", ""),
])
def test_note_section(key, section):
    from narratives.checks.lint import note_section
    assert note_section(key) == section


def test_residue_finding_points_at_the_section(wd):
    note(wd, "基本支出", reason="主要是××")
    (f,) = rules(check(wd), "L02")
    assert f.section == "expense" and f.subject == "基本支出"


def test_l04_text_carried_over_from_last_year_is_flagged(wendeng):
    from narratives.checks import check
    p = wendeng.model_copy(deep=True)
    assert not [f for f in check(p) if f.rule == "L04"]
    p.notes["基本支出"].reason = "【上年】本年度人员工资调整"
    [f] = [f for f in check(p) if f.rule == "L04"]
    assert f.subject == "基本支出" and "【上年】" in f.message


def test_l05_a_compared_figure_without_its_prior(wendeng):
    from narratives.checks import check
    assert not [f for f in check(wendeng) if f.rule == "L05"]
    found = [f for f in check(wendeng, "shanxi") if f.rule == "L05"]
    # wendeng gives 上年 for the totals but not by 类: shanxi compares each 类 with 上年
    assert len(found) == 4 and all(f.section == "general" and f.is_error for f in found)
    assert {f.location for f in found} >= {"卫生健康支出 上年数", "住房保障支出 上年数"}


def test_r34_message_rounds_the_rate_half_up():
    from decimal import Decimal
    from narratives.checks.lint import _pct
    assert _pct(Decimal("12.125")) == "12.13%" and _pct(Decimal("-0.005")) == "0.01%"
