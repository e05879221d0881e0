"""What a new clerk met in tmux (issue 17's closing pass), each fixed and held here: names cut
with …, the status line after a jump, the export dialog at 80×24, the sample chooser and the
recent list in Chinese, toasts that keep a path whole, reason boxes that do not break numbers."""
from __future__ import annotations

import pytest
from rich.cells import cell_len

from narratives.locate import Target
from tests.tui.helpers import field, goto, settle
from tui.app import JuesuanApp

pytestmark = pytest.mark.asyncio
NARROW = (80, 24)


def _cell_texts(table, column: int) -> list[str]:
    return [str(table.get_row_at(r)[column]) for r in range(table.row_count)]


async def test_a_long_name_is_cut_with_an_ellipsis_and_shown_whole_for_its_cell(yangquan_copy):
    from tui.widgets.table_grid import GridTable
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot, app)
        await goto(pilot, app, "公开06表")
        table = next(t for t in app.screen.query(GridTable) if t.grid.title == "公开06表·人员经费")
        names = _cell_texts(table, 1)
        width = GridTable.NAME_WIDTH
        long_name = "机关事业单位基本养老保险缴费"
        assert long_name not in names
        cut = next(n for n in names if long_name.startswith(n.rstrip("…")) and n.endswith("…"))
        assert cell_len(cut) <= width and len(cut) > 4
        assert "工资福利支出" in names  # a name that fits is left as it is
        # the cell under the cursor: its full name in the edit line's label and the status line
        row = next(i for i, r in enumerate(table.grid.rows) if r[1] == long_name)
        table.focus()
        table.cursor_coordinate = (row, 2)
        await settle(pilot, app)
        assert long_name in str(app.screen.query_one("#cell-path").content)
        assert app.screen.query_one("#cell-path").region.width >= cell_len(f"30108 {long_name} · 决算数")
        assert long_name in str(app.screen.query_one("#editor-status").content)


async def test_after_a_jump_into_a_table_the_status_line_names_the_cell(yangquan_copy):
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        field(app, "公开01表.收入总计").focus()
        await settle(pilot, app)
        status = app.screen.query_one("#editor-status")
        before = str(status.content)
        assert "收入总计" in before
        app.screen.jump(Target("公开06表", "公开06表.公用经费.2.决算数"))
        await settle(pilot, app)
        assert type(app.focused).__name__ == "GridTable"
        after = str(status.content)
        assert "30211 差旅费 · 决算数" in after
        assert "收入总计" not in after
        # and moving the cursor follows it
        await pilot.press("down")
        await settle(pilot, app)
        assert "30226 劳务费 · 决算数" in str(status.content)


async def test_export_dialog_opens_at_its_top_with_every_choice_reachable(yangquan_copy, tmp_path):
    from textual.widgets import RadioSet
    from tui.screens.export import ExportScreen
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot, app)
        s = app.screen.session
        s.set_text("公开05表.合计.基本支出", "115")  # an 错误
        s.set_text("年初预算.功能分类.201", "")       # a 待填: the warning and its lines fill the box
        await pilot.press("f10")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        body = dialog.query_one("#export-body" if dialog.query("#export-body") else "#export-box")
        assert body.max_scroll_y > 0  # the case that opened scrolled to its bottom
        assert body.scroll_y == 0
        assert app.focused is dialog.query_one("#export-scope", RadioSet)
        screen_box = dialog.region

        def in_sight(selector: str) -> bool:  # drawn, and inside the screen
            w = dialog.query_one(selector)
            return w.region.height > 0 and screen_box.contains_region(w.region)

        for sel in ("#scope-part", "#scope-whole", "#fmt-docx", "#fmt-md", "#export-ok", "#export-cancel"):
            assert in_sight(sel), sel
        # Tab reaches everything: charts, the path, each jump line, then the buttons, in sight each time
        seen = []
        for _ in range(8):
            await pilot.press("tab")
            await pilot.pause(0.2)
            w = app.focused
            seen.append(w.id)
            assert screen_box.contains_region(w.region) and w.region.height > 0, w.id
        for wanted in ("export-format", "export-charts", "export-path", "export-jumps", "export-ok"):
            assert wanted in seen
        # 全文 chosen with the keys, then 导出 with Enter on the path
        dialog.query_one("#export-scope", RadioSet).focus()
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert dialog.query_one("#scope-whole").value is True
        assert dialog.query_one("#export-path").value.endswith("决算公开.docx")
