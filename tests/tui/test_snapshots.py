"""Snapshots (pytest-textual-snapshot) of the start screen, the section forms that are hardest
to lay out (一 总体, 五 with its 类/款/项 rows, 九 三公 with three inputs a row), two table pages,
the 审核 list and the F1 help, at 80×24, 100×30 and 120×40 on the yangquan sample.  Every form
and page is measured at the three sizes in test_legible.py; these show what it looks like.
Update with --snapshot-update after a deliberate change, and look at the SVGs (rsvg-convert
them to PNG) before committing."""
from __future__ import annotations

import pytest

from tests.tui.helpers import goto, settle
from tui.app import JuesuanApp

SIZES = [(80, 24), (100, 30), (120, 40)]
IDS = ["80x24", "100x30", "120x40"]


def _steady(app) -> None:
    from textual.widgets import Input, TextArea
    for w in app.screen.query(Input):
        w.cursor_blink = False
    for w in app.screen.query(TextArea):
        w.cursor_blink = False


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_start_screen(snap_compare, size):
    async def before(pilot):
        await pilot.pause()
        _steady(pilot.app)

    assert snap_compare(JuesuanApp(), terminal_size=size, run_before=before)


def _item(key: str):
    async def before(pilot):
        app = pilot.app
        await settle(pilot, app)
        await goto(pilot, app, key)
        _steady(app)
        first = app.screen.query("#editor-center FieldInput, #editor-center GridTable")
        if first:
            first.first().focus()  # the first input (its sentence lit) or grid: no scrolling
        await settle(pilot, app)
        await pilot.pause(0.3)  # the cursor's scroll-into-view settles
    return before


@pytest.mark.parametrize("size", SIZES, ids=IDS)
@pytest.mark.parametrize("key", ["overall", "general", "sangong", "公开05表", "上年"])
def test_editor(snap_compare, yangquan_copy, key, size):
    assert snap_compare(JuesuanApp(str(yangquan_copy)), terminal_size=size, run_before=_item(key))


@pytest.mark.parametrize("screen", ["check", "help"])
def test_lists_at_80x24(snap_compare, yangquan_copy, screen):
    async def before(pilot):
        await settle(pilot, pilot.app)
        await pilot.press("f5" if screen == "check" else "f1")
        await settle(pilot, pilot.app)

    assert snap_compare(JuesuanApp(str(yangquan_copy)), terminal_size=(80, 24), run_before=before)
