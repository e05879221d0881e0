"""审核 from outside: `juesuan check`, docs/checks.md, a province's own rules, the tolerance law."""
from __future__ import annotations

import dataclasses
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narratives import api
from narratives.checks import ERROR, HINT, TAIL, RuleDataError, check, rules_markdown
from narratives.checks.declared import Declared, evaluate
from narratives.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_cli_clean_sample_exits_0(wendeng_path, capsys):
    assert main(["check", str(wendeng_path)]) == 0
    out = capsys.readouterr().out
    # its one real 提示 (R33: budgeted, nothing spent) under its table; 06表's 0.01 is a 尾差, listed
    # last as a count per table, and neither fails the check
    assert "【预算绩效】\n  提示 R33" in out and "【公开06表】" not in out
    assert out.index("【预算绩效】") < out.index("【尾差】1 处") and "  公开06表 1 处。加 --tail 逐条列出。" in out
    assert out.rstrip().endswith("错误 0 条，提示 1 条，尾差 1 处（在允许范围内，可在表下注明“因四舍五入，合计数与分项之和可能存在尾数差异”）")


def test_cli_error_exits_1_and_groups_by_table(wendeng, tmp_path, capsys):
    wendeng.t01.grand_expense = D("160")
    wendeng.budget.by_func = {k: v for k, v in wendeng.budget.by_func.items() if not k.startswith("2040607")}
    path = tmp_path / "bad.toml"
    api.save(wendeng, path)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.index("【公开01表】") < out.index("【年初预算】")
    assert "错误 R05" in out and "错误 R31" in out


def test_cli_json(yangquan_path, capsys):
    assert main(["check", str(yangquan_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["错误"] == 0
    # the published tables' differences are all within the rounding tolerance: 尾差, not 提示
    assert data["summary"]["提示"] == 0
    assert data["summary"]["尾差"] == len(data["findings"]) == 21
    f = data["findings"][0]
    assert set(f) >= {"rule", "severity", "table", "location", "message", "expected", "found", "subject", "section",
                      "tier", "tail"}
    assert {(f["severity"], f["tier"], f["tail"]) for f in data["findings"]} == {("提示", "尾差", True)}


def test_cli_bad_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "x.toml"
    bad.write_text("版本 = 1\n[单位]\n名称 = 1\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("juesuan：") and "Traceback" not in err


def test_docs_are_generated_from_the_rules():
    """docs/checks.md is `juesuan check --list-rules`; regenerate it when a rule changes."""
    assert (ROOT / "docs" / "checks.md").read_text(encoding="utf-8") == rules_markdown()


def test_docs_list_every_rule():
    text = rules_markdown()
    for n in range(1, 35):
        assert f"## R{n:02d} " in text
    for rid in ("L01", "L02", "L03"):
        assert f"## {rid} " in text


def _with_rules(style, rules):
    extra = {**style.settings.extra, "checks": {**style.settings.extra.get("checks", {}), "rules": rules}}
    return dataclasses.replace(style, settings=style.settings.model_copy(update={"extra": extra}))


def test_province_rule_from_style_settings(yangquan):
    """A rule added in style.toml ([[extra.checks.rules]]) runs without new code."""
    style = _with_rules(api.style_for(yangquan), [{
        "id": "SX01", "table": "公开10表", "left": "公开10表.政府采购.合计", "op": "<=",
        "right": "公开05表.行.204.项目支出", "description": "政府采购合计不大于公共安全项目支出"}])
    assert not [f for f in check(yangquan, style) if f.rule == "SX01"]
    yangquan.t10.purchase.total = D("20")
    yangquan.t10.purchase.services = D("20")
    (f,) = [f for f in check(yangquan, style) if f.rule == "SX01"]
    assert f.severity == ERROR and f.found == "20.00" and f.expected == "11.9448"


@pytest.mark.parametrize("rule,why", [
    ({"id": "X", "table": "T", "left": "公开01表.没有这项", "op": "=", "right": "公开01表.收入总计",
      "description": "d"}, "没有这项"),
    ({"id": "X", "table": "T", "left": "公开01表.收入总计", "op": "<>", "right": "公开01表.收入总计",
      "description": "d"}, "比较符"),
    ({"id": "X", "table": "T", "left": "公开01表.收入总计"}, "缺少"),
])
def test_bad_province_rule_is_a_clear_error(yangquan, rule, why):
    style = _with_rules(api.style_for(yangquan), [rule])
    with pytest.raises(RuleDataError) as e:
        check(yangquan, style)
    assert why in str(e.value) and "X" in str(e.value)


def test_every_builtin_rule_resolves_on_an_empty_project():
    from narratives.checks import BUILTIN
    from narratives.model import Project, Unit
    p = Project(unit=Unit(name="空", year=2024))
    for rule in BUILTIN:
        assert evaluate(rule, p) is None
    # nothing contradicts, but everything the text needs is still to fill: 未填 only
    found = check(p, "shanxi")
    assert found and {f.rule for f in found} == {"L05"} and all(f.is_error for f in found)


amounts = st.decimals(min_value=D("0"), max_value=D("100000"), places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(amounts, min_size=1, max_size=8), cents=st.integers(min_value=-200, max_value=200))
def test_tolerance_law(parts, cents):
    """total = Σ parts + δ: nothing when δ = 0, 提示 when |δ| ≤ (n + 1) × 0.005, else 错误."""
    from narratives.model import Project, Unit
    delta = D(cents) / 100
    p = Project(unit=Unit(name="测", year=2024))
    p.t01.income = {k: v for k, v in zip(
        ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入",
         "事业收入", "经营收入", "附属单位上缴收入", "其他收入"), parts)}
    p.t01.income_total = sum(parts, D(0)) + delta
    rule = Declared("R01", "公开01表", "公开01表.本年收入合计", "=", "Σ公开01表.收入", "d")
    f = evaluate(rule, p)
    if delta == 0:
        assert f is None
    elif abs(delta) <= D("0.005") * (len(parts) + 1):
        assert f.severity == HINT and f.tail and f.tier == TAIL
    else:
        assert f.severity == ERROR and f.tier == ERROR and not f.tail
        assert f.found == f"{p.t01.income_total:.2f}"


def test_cli_several_files_for_a_bureau(yangquan_path, wendeng, tmp_path, capsys):
    """A finance bureau checks all its units at once: each under its name, bad files reported."""
    wendeng.t01.grand_expense = D("160")
    broken = tmp_path / "broken.toml"
    api.save(wendeng, broken)
    assert main(["check", str(yangquan_path), str(broken)]) == 1
    out = capsys.readouterr().out
    assert "阳泉市法律援助中心" in out and "威海市文登区法律援助中心" in out
    assert "有错误的 1 个" in out
    unreadable = tmp_path / "missing.toml"
    assert main(["check", str(yangquan_path), str(unreadable), "--format", "json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["projects"][0]["summary"]["错误"] == 0 and "error" in data["projects"][1]


def test_cli_no_project_is_a_usage_error(capsys):
    assert main(["check"]) == 2
    assert "项目文件" in capsys.readouterr().err


def test_province_rule_with_printed_signs(wendeng):
    style = _with_rules(api.style_for(wendeng), [{
        "id": "SD01", "table": "公开10表", "left": "公开10表.车辆数合计", "op": "≥", "right": "三公明细.公务用车保有量",
        "description": "车辆数合计不小于公务用车保有量"}])
    assert not [f for f in check(wendeng, style) if f.rule == "SD01"]
    wendeng.sangong.cars_kept = 2
    (f,) = [f for f in check(wendeng, style) if f.rule == "SD01"]
    assert f.severity == ERROR and f.found == "0" and f.expected == "2" and "万元" not in f.message


@st.composite
def func_tables(draw):
    """A consistent 05表: 类 → 款 → 项 with amounts, the 类/款 rows and 合计 the sums of their children."""
    from narratives.model import T05Row
    rows, total = [], D(0)
    for c in range(draw(st.integers(1, 3))):
        ccode, cval, crows = f"2{c:02d}", D(0), []
        for k in range(draw(st.integers(1, 3))):
            kcode = f"{ccode}{k + 1:02d}"
            items = draw(st.lists(amounts, min_size=1, max_size=3))
            kval = sum(items, D(0))
            crows.append(T05Row(code=kcode, name="款", total=kval, basic=kval))
            crows += [T05Row(code=f"{kcode}{i + 1:02d}", name="项", total=v, basic=v) for i, v in enumerate(items)]
            cval += kval
        rows += [T05Row(code=ccode, name="类", total=cval, basic=cval), *crows]
        total += cval
    return rows, total


@settings(max_examples=60, deadline=None)
@given(table=func_tables(), pick=st.integers(min_value=0), cents=st.integers(min_value=1, max_value=500))
def test_hierarchy_property(table, pick, cents):
    """Consistent sums give no finding; raising one 项 by more than the 尾差 names its 款 (or 类)."""
    from narratives.checks.tables import hierarchy
    from narratives.model import T05Cols
    rows, total = table
    cols = (("total", "小计"),)
    assert hierarchy("R16", "公开05表", rows, T05Cols(total=total), cols, "general") == []
    items = [r for r in rows if len(r.code) == 7]
    item = items[pick % len(items)]
    item.total = item.total + D(cents) / 10  # ≥ 0.1, beyond any tolerance here
    found = hierarchy("R16", "公开05表", rows, T05Cols(total=total), cols, "general")
    assert [f.location.split(" ")[0] for f in found] == [item.code[:5]]
    assert all(f.severity == ERROR for f in found)
