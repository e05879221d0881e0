"""新建 → 从去年的公开文件学习格式: the dialog learns the style, shows the report and opens this
year's project in the learned style."""
from __future__ import annotations

import pytest

from narratives import api, styles
from narratives.render.engine import render_project
from narratives.render.writers import to_text
from tests.tui.helpers import settle

from tui.app import JuesuanApp
from tui.screens.editor import EditorScreen
from tui.screens.learn import LearnReportScreen, LearnStyleScreen
from tui.screens.start import NewProjectScreen

pytestmark = pytest.mark.asyncio
SIZE = (120, 40)


async def test_learn_from_last_years_document_opens_this_years_project(tmp_path, yangquan_copy):
    last = api.load(yangquan_copy)
    doc = tmp_path / "去年公开.txt"
    doc.write_text(to_text(render_project(last, styles.load("shanxi"))), encoding="utf-8")
    target = tmp_path / "今年.toml"
    app = JuesuanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#start-new")
        await pilot.pause()
        assert isinstance(app.screen, NewProjectScreen)
        await pilot.click("#new-learn")
        await pilot.pause()
        assert isinstance(app.screen, LearnStyleScreen)
        dialog = app.screen
        await pilot.click("#learn-ok")
        await pilot.pause()
        assert "去年公开的文件" in str(dialog.query_one("#learn-error").content)
        dialog.query_one("#learn-doc").value = str(doc)
        dialog.query_one("#learn-last").value = str(yangquan_copy)
        dialog.query_one("#learn-new").value = str(target)
        dialog.query_one("#learn-new").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot, app)
        assert isinstance(app.screen, LearnReportScreen), str(dialog.query_one("#learn-error").content)
        assert "每个数字都已对应到数据" in app.screen.result.report.text("x")
        await pilot.click("#learn-open")
        await settle(pilot, app)
        assert isinstance(app.screen, EditorScreen)
    made = api.load(target)
    assert made.unit.year == last.unit.year + 1 and made.unit.style == "阳泉市法律援助中心"
    assert made.prior.grand_income == last.t01.grand_income_sum()


async def test_learn_dialog_says_what_is_wrong(tmp_path, yangquan_copy):
    app = JuesuanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(LearnStyleScreen())
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#learn-doc").value = str(tmp_path / "没有这个文件.docx")
        dialog.query_one("#learn-last").value = str(yangquan_copy)
        dialog.query_one("#learn-new").value = str(tmp_path / "new.toml")
        dialog.query_one("#learn-new").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot, app)
        assert app.screen is dialog
        assert "找不到文件" in str(dialog.query_one("#learn-error").content)
    assert not (tmp_path / "new.toml").exists()
