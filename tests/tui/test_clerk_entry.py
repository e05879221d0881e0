"""Pilot tests of entry at a clerk's pace: Enter in a form goes to the next figure the text still
waits for (the blank ones it does not need are passed), a figure the tables give is shown, not
asked; ↓ steps input by input; Ctrl+PgDn opens the next section on its first such input; a typed
项 brings its 类/款 rows, which sum themselves; Insert works in an empty grid reached by Tab; a
block of rows pasted from Excel fills a list of 公开06表."""
from __future__ import annotations

from decimal import Decimal

import pytest
from textual import events

from narratives.session import Session
from tui.app import JuesuanApp
from tui.screens.dialogs import PromptScreen
from tui.widgets.money_input import FieldInput
from tui.widgets.section_form import NoteArea
from tui.widgets.table_grid import GridTable

from tests.tui.helpers import field, goto, preview_text, settle

SIZE = (120, 40)
pytestmark = pytest.mark.asyncio


@pytest.fixture
def blank(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "新单位.toml"
    Session.new(path, "测试单位", 2024)
    return path


async def open_form(pilot, app, key: str) -> None:
    await settle(pilot, app)
    await goto(pilot, app, key)
    app.screen.focus_path("")
    await settle(pilot, app)


async def test_enter_goes_to_the_next_figure_the_text_waits_for(blank):
    app = JuesuanApp(str(blank))
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app, "overall")
        assert app.focused is field(app, "公开01表.收入总计")  # the form opens on its first 待填
        await pilot.press("1", "2", "7", ".", "8", "enter")
        await settle(pilot, app)
        # 支出总计 is 收入总计 (01表 balances): shown, not asked — Enter passes it
        assert field(app, "公开01表.支出总计").placeholder == "＝127.8"
        assert app.focused is field(app, "上年.收入总计")
        await pilot.press("1", "5", "1", ".", "8", "7", "enter")
        await settle(pilot, app)
        # nothing else waits: on to the reason box
        assert isinstance(app.focused, NoteArea) and app.focused.path == "说明.收支总计.变动原因"
        text = preview_text(app)
        assert "支出总计127.80万元" in text and "减少24.07万元" in text and "待填" not in text.split("\n")[0]


async def test_down_steps_input_by_input(blank):
    app = JuesuanApp(str(blank))
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app, "overall")
        app.screen.session.set_text("公开01表.收入总计", "5")
        field(app, "公开01表.收入总计").focus()
        await pilot.press("down")
        assert app.focused is field(app, "上年.收入总计")
        await pilot.press("down")
        assert app.focused is field(app, "公开01表.支出总计")  # not needed, but ↓ goes there
        await pilot.press("up")
        assert app.focused is field(app, "上年.收入总计")


async def test_ctrl_pagedown_opens_the_next_section_on_its_first_waiting_input(blank):
    app = JuesuanApp(str(blank))
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app, "overall")
        await pilot.press("ctrl+pagedown")
        await settle(pilot, app)
        assert app.screen.current == "income"
        # 本年收入合计 is the sum of the sources below: not asked (its hint says so)
        from tui.widgets.section_form import SUMMED_HINT
        assert field(app, "公开01表.本年收入合计").placeholder == SUMMED_HINT
        # the first input the text waits for: the 其中 of 财政拨款收入 (its amount and its 占比; this
        # section compares nothing with 上年, so 上年 is not asked — it was only while the 占比
        # repeated the amount's 【待填】, which mapped to the 上年 box)
        assert isinstance(app.focused, FieldInput)
        assert app.focused is field(app, "公开01表.收入.一般公共预算财政拨款收入")
        await pilot.press(*"127.8", "enter")
        await settle(pilot, app)
        # the other sources left blank are 0 now: Enter passes them all
        assert isinstance(app.focused, NoteArea)
        await pilot.press("ctrl+pageup")
        await settle(pilot, app)
        assert app.screen.current == "overall"


async def test_a_typed_item_brings_its_class_rows_which_sum_themselves(blank):
    app = JuesuanApp(str(blank))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await goto(pilot, app, "公开05表")
        grid = next(t for t in app.screen.query(GridTable) if t.grid.list_path == "公开05表.行")
        while app.focused is not grid:  # Tab to the empty list: Insert must work there
            await pilot.press("tab")
        await pilot.press("insert")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"2040601", "enter")
        await settle(pilot, app)
        rows = app.screen.session.project.t05.rows
        assert [(r.code, r.name) for r in rows] == [("204", "公共安全支出"), ("20406", "司法"),
                                                   ("2040601", "行政运行")]
        assert grid.cursor_coordinate == (2, 2)  # on the new 项's 小计: type it at once
        await pilot.press(*"88.8449", "enter")
        await settle(pilot, app)
        rows = app.screen.session.project.t05.rows
        assert rows[2].total == Decimal("88.8449") and rows[0].total is None
        assert grid.get_cell_at((0, 2)).plain == "Σ88.8449"
        await goto(pilot, app, "general")
        assert field(app, "公开05表.行.0.小计").placeholder == "＝88.8449"


async def test_rows_pasted_from_excel_fill_a_list_of_table_06(blank):
    app = JuesuanApp(str(blank))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await goto(pilot, app, "公开06表")
        grid = next(t for t in app.screen.query(GridTable) if t.grid.list_path == "公开06表.人员经费")
        while app.focused is not grid:
            await pilot.press("tab")
        app.post_message(events.Paste("301\t工资福利支出\t105.46\n30101\t基本工资\t34.09\n303\t对个人和家庭的补助\t1.68\n"))
        await settle(pilot, app)
        rows = app.screen.session.project.t06.personnel
        assert [(r.code, r.amount) for r in rows] == [("301", Decimal("105.46")), ("30101", Decimal("34.09")),
                                                     ("303", Decimal("1.68"))]
        assert grid.row_count == 3


async def test_a_tables_values_pasted_from_excel_fill_the_page_by_label(blank):
    app = JuesuanApp(str(blank))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await goto(pilot, app, "公开01表")
        grid = next(t for t in app.screen.query(GridTable) if t.grid.kind == "fields")
        grid.focus()
        await pilot.pause()
        app.post_message(events.Paste("一、一般公共预算财政拨款收入\t1\t127.80\t\t\t\n"
                                      "本年收入合计\t6\t127.80\t本年支出合计\t50\t127.80\n"
                                      "收入总计\t12\t127.80\t支出总计\t60\t127.80\n"))
        await settle(pilot, app)
        t01 = app.screen.session.project.t01
        assert (t01.grand_income, t01.grand_expense, t01.income_total, t01.expense_total) == (Decimal("127.80"),) * 4
        assert t01.income == {"一般公共预算财政拨款收入": Decimal("127.80")}
        assert "收入总计127.80万元，支出总计127.80万元" in preview_text(app)


async def test_the_budget_05_table_pasted_fills_the_classes_and_the_total_sums(blank):
    app = JuesuanApp(str(blank))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await goto(pilot, app, "年初预算")
        grid = next(t for t in app.screen.query(GridTable) if t.grid.kind == "fields")
        grid.focus()
        await pilot.pause()
        app.post_message(events.Paste("201\t一般公共服务支出\t0.21\n204\t公共安全支出\t108.71\n"))
        await settle(pilot, app)
        assert app.screen.session.project.budget.by_func == {"201 一般公共服务支出": Decimal("0.21"),
                                                            "204 公共安全支出": Decimal("108.71")}
        await goto(pilot, app, "general")
        # the total's 年初预算 is not asked: the sum of the classes shows in its place
        assert field(app, "年初预算.一般公共预算财政拨款支出").placeholder == "＝108.92"
