"""导入 in the app with the probe's workbooks (issue 19: "in the app, 导入 kills the editor"): a
far-away cell and a corrupt .xls give a notification; the app keeps running and writes nothing.
(Were the reader to abort, it would take this test process with it.)"""
from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.fixtures import hostile

pytestmark = pytest.mark.asyncio
SIZE = (140, 44)


@pytest.mark.parametrize("make, words", [
    (lambda d: hostile.far_corner(d / "far.xlsx"), "XFD1048576"),
    (lambda d: hostile.xls("corrupt-abort.xls", d), "已损坏"),
    (lambda d: hostile.xls("truncated-panic.xls", d), "已损坏"),
])
async def test_importing_a_hostile_workbook_in_the_app_is_a_message(tmp_path, make, words):
    from tests.tui.helpers import settle
    from tui.app import JuesuanApp
    from tui.screens.start import StartScreen

    book = make(tmp_path)
    app = JuesuanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.run_action("import_workbook")
        await pilot.pause()
        app.screen.query_one(Input).value = str(book)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # no 上年
        for _ in range(100):
            await pilot.pause(0.1)
            if any(words in n.message for n in app._notifications):
                break
        await settle(pilot, app)
        assert app.is_running and isinstance(app.screen, StartScreen)
        assert any(words in n.message for n in app._notifications), [n.message for n in app._notifications]
    assert not list(tmp_path.glob("*.toml"))
