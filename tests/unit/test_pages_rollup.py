"""The 类/款 cells of a 功能分类 grid: a blank one shows the sum of its rows (Σ), an entered one
that does not add up to the 分 is marked (≠); published rounding (100.7897 → 100.79) is not."""
from __future__ import annotations

from decimal import Decimal

from narratives.pages import DIFF_MARK, SUM_MARK, page


def _column(project, name="小计"):
    g = next(g for g in page(project, "公开05表") if g.kind == "rows")
    j = g.columns.index(name)
    return {row[0]: row[j] for row in g.rows}, g


def test_published_figures_carry_no_mark(yangquan):
    col, _ = _column(yangquan)
    assert col["20406"] == "100.79"  # its 项 add up to 100.7897: the same to the 分
    assert not any(SUM_MARK in v or DIFF_MARK in v for v in col.values())


def test_a_blank_class_shows_the_sum_of_its_rows(yangquan):
    for r in yangquan.t05.rows:
        if r.code in ("204", "20406"):
            r.total = None
    col, g = _column(yangquan)
    # 204 ← 20406 ← 2040601 88.8449 + 2040607 11.9448 = 100.7897 (hand-added)
    assert col["20406"] == SUM_MARK + "100.7897"
    assert col["204"] == SUM_MARK + "100.7897"
    row = next(i for i, r in enumerate(g.rows) if r[0] == "204")
    assert g.paths[row][g.columns.index("小计")] is not None  # still typed over


def test_an_entered_class_that_does_not_add_up_is_marked(yangquan):
    next(r for r in yangquan.t05.rows if r.code == "204").total = Decimal("140")
    col, _ = _column(yangquan)
    assert col["204"] == "140" + DIFF_MARK
    assert col["20406"] == "100.79"
