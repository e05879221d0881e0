"""尾差: a difference within the rounding tolerance is a tier of its own below 提示 — marked on the
finding (``tail``/``tier``), counted apart, listed last and compactly, failing nothing.

yangquan's published tables carry 21 of them (hand-checked: the 0.01 of 127.80 vs 127.81 echoing up
01/02/03/04/05表's 合计 rows, 100.79 vs 100.7897 on the 204/20406 rows, 06表's 107.15 vs 107.14)."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from narratives import api
from narratives.checks import ERROR, HINT, TAIL, Finding, check, summary
from narratives.checks.finding import judge, sort_key
from narratives.cli import main
from narratives.session import _finding_counts

PER_TABLE = "公开01表 1 处、公开02表 4 处、公开03表 5 处、公开04表 2 处、公开05表 6 处、公开06表 2 处、年初预算 1 处"
NOTE = "因四舍五入，合计数与分项之和可能存在尾数差异"


def test_judge_says_tail_within_tolerance_and_error_beyond():
    assert judge(D(0), D("0.01")) is None
    assert judge(D("0.01"), D("0.015")) == TAIL
    assert judge(D("-0.015"), D("0.015")) == TAIL
    assert judge(D("0.0151"), D("0.015")) == ERROR


def test_a_tail_is_a_hint_marked_tail():
    f = Finding("R07", TAIL, "公开02表", "合计", "m", "127.81", "127.80")
    assert (f.severity, f.tail, f.tier, f.is_error) == (HINT, True, TAIL, False)
    assert f.to_dict()["tier"] == TAIL and f.to_dict()["severity"] == HINT
    assert f.gap() == "0.01"
    # an error is never a tail, whatever it is told; a plain 提示 is not one either
    assert Finding("R07", ERROR, "公开02表", "合计", "m", tail=True).tier == ERROR
    assert Finding("R27", HINT, "公开10表", "机关运行经费", "m").tier == HINT


def test_yangquan_has_only_tails(yangquan):
    found = check(yangquan)
    assert len(found) == 21 and all(f.tail and f.tier == TAIL and f.severity == HINT for f in found)
    assert {f.gap() for f in found} == {"0.01", "0.0003", "0.0097", "0.0048"}
    s = summary(found)
    assert (s.errors, s.hints, s.tails, s.ok) == (0, 0, 21, True)
    assert s.text() == f"错误 0 条，提示 0 条，尾差 21 处（在允许范围内，可在表下注明“{NOTE}”）"
    assert s.to_dict()["按表"]["公开05表"] == {ERROR: 0, HINT: 0, TAIL: 6}


def test_beyond_tolerance_is_an_error_not_a_tail(wendeng):
    # 01表 公共安全支出 131.07 → 131.08: 0.01 off a sum of 3 amounts (≤ 0.015) is 尾差; → 131.17 is 错误
    wendeng.t01.expense["公共安全支出"] = D("131.08")
    r02 = [f for f in check(wendeng) if f.rule == "R02"]
    assert [f.tier for f in r02] == [TAIL]
    wendeng.t01.expense["公共安全支出"] = D("131.17")
    r02 = [f for f in check(wendeng) if f.rule == "R02"]
    assert [f.tier for f in r02] == [ERROR] and not r02[0].tail


def test_a_real_hint_stays_a_hint(wendeng):
    # wendeng: 全年预算 10, 执行 0 — money budgeted and not spent is worth the clerk's look
    r33 = [f for f in check(wendeng) if f.rule == "R33"]
    assert [f.tier for f in r33] == [HINT]


def test_within_a_table_errors_then_hints_then_tails(yangquan):
    yangquan.t05.total.basic = D("115")  # 05表 合计 基本支出: 错误s beside the table's 尾差
    found = check(yangquan)
    assert found == sorted(found, key=sort_key)
    t05 = [f.tier for f in found if f.table == "公开05表"]
    assert ERROR in t05 and TAIL in t05
    assert t05 == sorted(t05, key=(ERROR, HINT, TAIL).index)


def test_cli_lists_tails_last_as_counts_and_in_full_with_tail(yangquan_path, capsys):
    assert main(["check", str(yangquan_path)]) == 0  # 尾差 fail nothing
    out = capsys.readouterr().out
    assert "提示 R" not in out and "【公开0" not in out  # no table heading: nothing to do there
    assert out.splitlines() == [f"【尾差】21 处，均在允许范围内，不必改动（可在表下注明“{NOTE}”）：",
                                f"  {PER_TABLE}。加 --tail 逐条列出。", "",
                                f"错误 0 条，提示 0 条，尾差 21 处（在允许范围内，可在表下注明“{NOTE}”）"]
    assert main(["check", str(yangquan_path), "--tail"]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = lines[1:22]
    assert len(listed) == 21 and all("，应为 " in x and "，相差 " in x for x in listed)
    assert "  公开01表 本年支出合计：127.80，应为 127.81，相差 0.01（R02）" in listed
    assert "  公开06表 人员经费合计：107.15，应为 107.14，相差 0.01（R19）" in listed
    assert lines[22] == ""


def test_cli_tails_after_errors(yangquan, tmp_path, capsys):
    yangquan.t05.total.basic = D("115")
    path = tmp_path / "y.toml"
    api.save(yangquan, path)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.index("【公开05表】\n  错误") < out.index("【尾差】")
    assert "提示 R16" not in out  # the 尾差 of the same table are not mixed with its 错误


def test_help_says_what_a_tail_is(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert "--tail" in out and "逐条列出尾差" in out and "退出码：0 没有错误（可能有提示、尾差）" in out


def test_outline_marks_no_tail(yangquan):
    found = check(yangquan)
    assert _finding_counts(found) == {}  # 21 尾差, no ⚠ anywhere
    yangquan.t05.total.basic = D("115")
    counts = _finding_counts(check(yangquan))
    errors = [f for f in check(yangquan) if f.table == "公开05表" and not f.tail]
    assert counts["公开05表"] == len(errors) > 0


def test_export_warns_of_no_tail(yangquan_path, tmp_path, capsys):
    assert main(["export", str(yangquan_path), "--format", "md", "-o", str(tmp_path / "y.md"), "--strict"]) == 0
    err = capsys.readouterr().err
    assert "注意" not in err and "错误" not in err
