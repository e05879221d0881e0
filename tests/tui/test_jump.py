"""Every finding one key from its field: Enter on a 审核 line, on a 待填 line and on a preview
paragraph puts the cursor on the field it is about, on the right form or page."""
from __future__ import annotations

import pytest

from tui.app import JuesuanApp
from tui.screens.findings import FindingsScreen, JumpListScreen
from tui.widgets.preview import Preview

from tests.tui.helpers import settle

pytestmark = pytest.mark.asyncio
SIZE = (120, 40)


async def test_enter_on_a_finding_focuses_its_cell(yangquan_copy):
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        s = app.screen.session
        s.set_text("公开05表.合计.基本支出", "115")  # 05表 基本支出 ≠ 06表 人员+公用: an 错误
        await settle(pilot, app)
        await pilot.press("f5")
        await settle(pilot, app)
        lst = app.screen
        assert isinstance(lst, FindingsScreen)
        severities = [f.severity for f in lst.findings]
        assert severities[0] == "错误" and severities == sorted(severities, key=lambda x: x != "错误")
        options = lst.query_one("#findings-list")
        assert "错误" in str(options.get_option_at_index(0).prompt)  # the group's header first
        assert options.highlighted == 1  # the first finding, not the header
        target = lst.items[0][2]
        await pilot.press("enter")
        await settle(pilot, app)
        editor = app.screen
        assert editor.current == target.key == "公开05表"
        assert app.focused is not None and type(app.focused).__name__ == "GridTable"
        # 合计·小计 127.80 ≠ 基本支出 115 + 项目支出 11.9448: the first 错误 names 合计·小计
        assert app.focused.path_at_cursor() == target.path == "公开05表.合计.小计"


async def test_pending_list_jumps_to_the_blank_input(yangquan_copy):
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        s = app.screen.session
        s.set_text("年初预算.功能分类.201", "")
        app.screen.after_change()
        await settle(pilot, app)
        assert "待填 1" in str(app.screen.query_one("#editor-status").content)
        await pilot.press("f4")
        await settle(pilot, app)
        assert isinstance(app.screen, JumpListScreen)
        assert "一般公共服务支出 年初预算" in app.screen.items[0][1]
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.current == "general"
        assert getattr(app.focused, "path", None) == "年初预算.功能分类.201"
        assert app.focused.region.y > 0  # scrolled into view
        outline = app.screen.query_one("#editor-outline")
        assert any("待1" in str(outline.get_option_at_index(i).prompt) for i in range(outline.option_count))


async def test_enter_on_a_preview_paragraph_focuses_its_field(yangquan_copy):
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        preview = app.screen.query_one(Preview)
        preview.focus()
        await pilot.pause()
        await pilot.press("down")  # the heading, then the first sentence (收入总计 …)
        await pilot.press("enter")
        await settle(pilot, app)
        assert getattr(app.focused, "path", None) == "公开01表.收入总计"


async def test_palette_finds_a_field_by_name_code_and_pinyin_and_jumps(yangquan_copy):
    pytest.importorskip("pypinyin")
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        from tui.commands import JuesuanCommands
        provider = JuesuanCommands(app.screen)
        for query in ("公共安全支出 预算", "204 预算", "ggaqzcys"):
            hits = [h async for h in provider.search(query)]
            assert "204 公共安全支出 预算" in [h.text for h in hits], query
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "ggaqzcys":
            await pilot.press(ch)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.current == "general"
        assert getattr(app.focused, "path", None) == "年初预算.功能分类.204"


async def test_ctrl_c_says_how_to_quit_in_chinese(yangquan_copy):
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.screen.query_one("#editor-outline").focus()
        await pilot.press("ctrl+c")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("Ctrl+Q" in m and "退出" in m for m in messages)
        assert not any("Press" in m for m in messages)


async def test_enter_on_an_export_warning_line_focuses_its_field(yangquan_copy):
    from tui.screens.export import ExportScreen
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        s = app.screen.session
        s.set_text("公开05表.合计.基本支出", "115")  # an 错误 (05表 基本支出 ≠ 06表 人员+公用)
        s.set_text("年初预算.功能分类.201", "")       # a 待填
        app.screen.after_change()
        await settle(pilot, app)
        await pilot.press("f10")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        jumps = dialog.query_one("#export-jumps")
        groups = [g for g, _text, _t in dialog.lines]
        assert groups[0] == "错误" and groups[-1] == "待填"  # errors listed first
        # the 待填 line: Enter closes the dialog (nothing exported) and lands on 一般公共服务支出 年初预算
        jumps.focus()
        jumps.highlighted = len(dialog.lines) - 1
        assert "一般公共服务支出 年初预算" in str(jumps.get_option_at_index(jumps.highlighted).prompt)
        await pilot.press("enter")
        await settle(pilot, app)
        assert not isinstance(app.screen, ExportScreen)
        assert app.screen.current == "general"
        assert getattr(app.focused, "path", None) == "年初预算.功能分类.201"
        assert not list(yangquan_copy.parent.glob("*.docx"))  # the jump did not export
        # and the 错误 line: onto the 05表 cell the finding names
        await pilot.press("f10")
        await settle(pilot, app)
        jumps = app.screen.query_one("#export-jumps")
        jumps.focus()
        jumps.highlighted = 0
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.current == "公开05表"
        assert type(app.focused).__name__ == "GridTable"
        assert app.focused.path_at_cursor() == "公开05表.合计.小计"


async def test_enter_in_the_outline_on_a_table_page_lands_on_its_first_table(yangquan_copy):
    # not on the page's edit line (docked under the tables but first in the page's widgets)
    from tests.tui.helpers import goto
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await goto(pilot, app, "公开06表")
        app.screen.query_one("#editor-outline").focus()
        await pilot.press("enter")
        await settle(pilot, app)
        assert type(app.focused).__name__ == "GridTable"
        assert app.focused.path_at_cursor() == "公开06表.人员经费合计"
