"""Snapshots of the start screen, the editor on a section and on a table page, at 120×40 and
80×24 (pytest-textual-snapshot; update with --snapshot-update after a deliberate change and
look at the SVGs in __snapshots__)."""
from __future__ import annotations

import pytest

from tests.tui.helpers import goto, settle
from tui.app import JuesuanApp

SIZES = [(120, 40), (80, 24)]


def _steady(app) -> None:
    from textual.widgets import Input, TextArea
    for w in app.screen.query(Input):
        w.cursor_blink = False
    for w in app.screen.query(TextArea):
        w.cursor_blink = False


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_start_screen(snap_compare, size):
    async def before(pilot):
        await pilot.pause()
        _steady(pilot.app)

    assert snap_compare(JuesuanApp(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_editor_on_a_section(snap_compare, wendeng_copy, size):
    async def before(pilot):
        await settle(pilot, pilot.app)
        await goto(pilot, pilot.app, "overall")
        _steady(pilot.app)
        pilot.app.screen.query_one("FieldInput").focus()  # 收入总计: its sentence lit
        await settle(pilot, pilot.app)

    assert snap_compare(JuesuanApp(str(wendeng_copy)), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_editor_on_a_table_page(snap_compare, wendeng_copy, size):
    async def before(pilot):
        await settle(pilot, pilot.app)
        await goto(pilot, pilot.app, "公开05表")
        _steady(pilot.app)
        tables = list(pilot.app.screen.query("GridTable"))
        tables[-1].focus()
        await settle(pilot, pilot.app)

    assert snap_compare(JuesuanApp(str(wendeng_copy)), terminal_size=size, run_before=before)
