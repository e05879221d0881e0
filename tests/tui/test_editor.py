"""Pilot tests of the issue's "Done when": edit a figure or a reason and the preview follows; a
bad number is refused in place with the project unchanged; save/reopen is identical; a crash
leaves a recovery file that the next open offers; quitting with changes asks."""
from __future__ import annotations

from decimal import Decimal

import pytest

from narratives import api
from narratives.io.projectfile import dumps
from narratives.session import recovery_files
from tui.app import JuesuanApp
from tui.screens.dialogs import AskScreen
from tui.screens.editor import EditorScreen
from tui.widgets.preview import Preview

from tests.tui.helpers import field, goto, note, preview_text, retype, settle

SIZE = (120, 40)
pytestmark = pytest.mark.asyncio


async def test_opens_on_the_first_section_with_its_text(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, EditorScreen)
        text = preview_text(app)
        # the seed's sentence (wendeng-legal-aid-2024.txt)
        assert "2024年度收、支总计均为161.09万元" in text
        assert "收、支总计各增加29.78万元，增长22.68%" in text


async def test_changing_a_total_updates_the_change_phrase(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await retype(pilot, app, field(app, "公开01表.收入总计"), "170")
        s = app.screen.session
        assert s.project.t01.grand_income == Decimal("170")
        text = preview_text(app)
        # 170 − 131.31 = 38.69; 38.69 / 131.31 = 29.4646…%
        assert "收入总计170万元，支出总计161.09万元" in text
        assert "收入总计增加38.69万元，增长29.46%" in text
        # the computed values beside the inputs come from the core, updated too
        assert "变动额 +38.69  变动率 29.46%" in str(app.screen.query(".fig-computed").first().content)
        assert s.dirty


async def test_changing_a_class_amount_updates_its_share(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await goto(pilot, app, "general")
        assert "公共安全支出（类）支出131.07万元，占81.36%" in preview_text(app)
        await retype(pilot, app, field(app, "公开05表.行.0.小计"), "１４０")  # full-width digits
        # 140 / 161.09 (the stated 合计) = 86.9079…%
        assert app.screen.session.project.t05.rows[0].total == Decimal("140")
        assert "公共安全支出（类）支出140万元，占86.91%" in preview_text(app)


async def test_a_reason_appears_in_the_sentence_and_is_highlighted(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        area = note(app, "说明.收支总计.变动原因")
        area.focus()
        await pilot.pause()
        area.text = "法律援助案件数量增加"
        await settle(pilot, app)
        assert app.screen.session.project.note("收支总计") == "法律援助案件数量增加"
        assert "主要是法律援助案件数量增加。" in preview_text(app)
        hits = app.screen.query_one(Preview).highlighted_texts()
        assert len(hits) == 1 and "法律援助案件数量增加" in hits[0]


async def test_focus_highlights_the_sentence_of_the_field(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await goto(pilot, app, "general")
        field(app, "年初预算.功能分类.2040650").focus()
        await settle(pilot, app)
        hits = app.screen.query_one(Preview).highlighted_texts()
        assert hits and all("事业运行" in h for h in hits)


async def test_bad_number_is_refused_in_place(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        s = app.screen.session
        before = dumps(s.project)
        w = field(app, "上年.收入总计")
        w.focus()
        w.value = "12x.5"  # as pasted; typed key by key, "1" and "12" would be valid amounts
        await settle(pilot, app)
        assert dumps(s.project) == before
        assert not s.dirty
        assert w.has_class("-invalid")
        error = app.screen.query(".fig-error.-shown").first()
        assert "不是金额" in str(error.content)
        # correcting it clears the message and takes the value
        await retype(pilot, app, w, "1,289.23")
        assert s.project.prior.grand_income == Decimal("1289.23")
        assert not w.has_class("-invalid") and not app.screen.query(".fig-error.-shown")


async def test_save_reopen_identical(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await retype(pilot, app, field(app, "上年.支出总计"), "-12.5")
        note(app, "说明.收支总计.变动原因").text = "原因：比例[50%]"  # brackets stay text
        await settle(pilot, app)
        await pilot.press("f2")
        await pilot.pause()
        s = app.screen.session
        assert not s.dirty and "已保存" in str(app.screen.query_one("#editor-status").content)
        saved = dumps(s.project)
    text = wendeng_copy.read_text(encoding="utf-8")
    assert text.startswith("# 威海市文登区法律援助中心")  # the header comments survive a save
    assert text.split("\n", 2)[2] == saved
    again = api.load(wendeng_copy)
    assert dumps(again) == saved
    assert again.prior.grand_expense == Decimal("-12.5")
    assert again.note("收支总计") == "原因：比例[50%]"
    app2 = JuesuanApp(str(wendeng_copy))
    async with app2.run_test(size=SIZE) as pilot:
        await settle(pilot, app2)
        assert "比例[50%]" in preview_text(app2)
        assert not isinstance(app2.screen, AskScreen)  # nothing to recover after a save


async def test_ctrl_s_saves(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await retype(pilot, app, field(app, "公开01表.收入总计"), "200")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert api.load(wendeng_copy).t01.grand_income == Decimal("200")


async def test_crash_leaves_recovery_offered_on_next_open(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await retype(pilot, app, field(app, "公开01表.收入总计"), "170")
        app.screen.autosave()  # what the 2-second timer does
        assert recovery_files(wendeng_copy)
        # the terminal closes: no quit dialog, no save
    assert api.load(wendeng_copy).t01.grand_income == Decimal("161.09")
    app2 = JuesuanApp(str(wendeng_copy))
    async with app2.run_test(size=SIZE) as pilot:
        await settle(pilot, app2)
        assert isinstance(app2.screen, AskScreen)
        assert "恢复" in str(app2.screen.query_one(".dialog-text").content)
        await pilot.click("#recover")
        await settle(pilot, app2)
        s = app2.screen.session
        assert s.project.t01.grand_income == Decimal("170") and s.dirty
        assert "收入总计170万元" in preview_text(app2)


async def test_recovery_can_be_discarded(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await retype(pilot, app, field(app, "公开01表.收入总计"), "170")
        app.screen.autosave()
    app2 = JuesuanApp(str(wendeng_copy))
    async with app2.run_test(size=SIZE) as pilot:
        await settle(pilot, app2)
        await pilot.click("#discard")
        await settle(pilot, app2)
        assert app2.screen.session.project.t01.grand_income == Decimal("161.09")
    assert not recovery_files(wendeng_copy)


async def test_quit_with_unsaved_changes_asks(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await retype(pilot, app, field(app, "公开01表.收入总计"), "170")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        await pilot.click("#cancel")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
    assert api.load(wendeng_copy).t01.grand_income == Decimal("170")
    assert not recovery_files(wendeng_copy)


async def test_quit_without_changes_does_not_ask(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_undo_goes_by_edit_not_by_keystroke(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        s = app.screen.session
        w = field(app, "上年.收入总计")
        await retype(pilot, app, w, "99")
        w2 = field(app, "上年.支出总计")
        await retype(pilot, app, w2, "88")
        assert s.project.prior.grand_income == Decimal("99")
        await pilot.press("ctrl+z")  # the whole "88" typed into 支出总计, at once
        await settle(pilot, app)
        assert s.project.prior.grand_expense == Decimal("131.31") and w2.value == "131.31"
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert s.project.prior.grand_income == Decimal("131.31") and w.value == "131.31"
        await pilot.press("ctrl+y")
        await settle(pilot, app)
        assert s.project.prior.grand_income == Decimal("99") and w.value == "99"


async def test_app_keys_reach_the_app_from_a_reason_box(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        area = note(app, "说明.收支总计.变动原因")
        area.focus()
        await pilot.pause()
        await pilot.press("f6")  # the TextArea's own F6 selects a line: the app's comes first
        await settle(pilot, app)
        assert app.screen.whole and "预览（全文）" in str(app.screen.query_one(Preview).border_title)
        assert app.focused is area
        await pilot.press("a", "b")
        await settle(pilot, app)
        assert app.screen.session.project.note("收支总计").startswith("ab")  # typed at the cursor
        await pilot.press("ctrl+z")  # the app's undo (by edit): the reason as it was
        await settle(pilot, app)
        assert not app.screen.session.project.note("收支总计").startswith("ab")
        await pilot.press("f1")
        await pilot.pause()
        from tui.screens.help import HelpScreen
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text()
        assert "F5" in text and "⚠n" in text and "缺n" in text and "待n" in text


async def test_narrow_terminal_stacks_the_preview(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert screen.has_class("-narrow")
        preview = screen.query_one(Preview)
        center = screen.query_one("#editor-center")
        assert preview.region.y > center.region.y and preview.region.width >= 50
        assert "161.09万元" in preview_text(app)
