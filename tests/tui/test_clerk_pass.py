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


async def test_sample_chooser_names_unit_year_and_style_in_chinese(tmp_path):
    from tui.screens.dialogs import ChoiceScreen
    app = JuesuanApp()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.click("#start-sample")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        options = app.screen.query_one("#choices")
        prompts = {options.get_option_at_index(i).id.rsplit("/", 1)[-1]: str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count)}
        head, file_line = prompts["yangquan-legal-aid-2024.toml"].split("\n")
        assert head.startswith("阳泉市法律援助中心") and "2024年度" in head and "山西（阳泉）样式" in head
        assert "yangquan" not in head and file_line.endswith("yangquan-legal-aid-2024.toml")
        assert prompts["wendeng-legal-aid-2024.toml"].startswith("威海市文登区法律援助中心")
        # drawn: the unit's name is on screen, the file name under it
        assert "阳泉市法律援助中心" in app.export_screenshot()


async def test_recent_list_names_units_and_says_when_a_file_is_gone(wendeng_copy, tmp_path):
    import json
    from narratives import recent
    from tui.screens.start import StartScreen
    gone = tmp_path / "已删除.toml"
    broken = tmp_path / "坏了.toml"
    broken.write_text("这不是 toml =", encoding="utf-8")
    recent._recent_file().parent.mkdir(parents=True, exist_ok=True)
    recent._recent_file().write_text(json.dumps([str(wendeng_copy), str(gone), str(broken)]), encoding="utf-8")
    app = JuesuanApp()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        lst = app.screen.query_one("#start-recent")
        texts = [str(lst.get_option_at_index(i).prompt) for i in range(lst.option_count)]
        assert texts[0].split("\n")[0] == "威海市文登区法律援助中心\u30002024年度"
        assert texts[0].split("\n")[1] == str(wendeng_copy)
        assert "已删除.toml" in texts[1] and "文件已不在" in texts[1]
        assert "坏了.toml" in texts[2] and "内容有误" in texts[2]
        # choosing the gone one says so in Chinese and stays; no traceback, no editor
        lst.focus()
        lst.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert any("文件已不在" in str(n.message) for n in app._notifications)
        # the one that is there opens
        lst.highlighted = 0
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.session.path == wendeng_copy.resolve()


@pytest.mark.parametrize("size", [NARROW, (120, 40)], ids=["80x24", "120x40"])
async def test_a_toast_keeps_file_names_whole(wendeng_copy, tmp_path, size):
    from textual.widgets._toast import Toast
    folder = tmp_path / "新文件夹" / "阳泉市法律援助中心决算资料"
    target = folder / "yangquan-2024-情况说明.docx"
    message = f"无法写入 {target}：没有写入权限，或文件被其他程序（如 Word、WPS）打开"
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot, app)
        app.screen.notify(message, severity="error", timeout=30)
        await pilot.pause(0.3)
        toast = app.screen.query(Toast).last()
        shown = str(toast._notification.message)
        lines = shown.split("\n")
        width = toast.content_region.width
        assert width > 20
        assert all(cell_len(line) <= width for line in lines), (width, lines)  # the toast breaks nothing again
        assert shown.replace("\n", "") == message  # only line breaks added: nothing lost
        # each folder and the file name whole on its line: broken only after a "/"
        for name in (*tmp_path.parts[1:], "新文件夹", "阳泉市法律援助中心决算资料", target.name):
            assert any(name in line for line in lines), name
        for a, b in zip(lines, lines[1:]):
            if "/" in a and "/" in b:
                assert a.endswith("/")



def _rows(area) -> list[str]:
    return [row for line in area.wrapped_document.lines for row in line]


async def test_a_reason_box_never_wraps_inside_a_number(yangquan_copy):
    import re
    from textual._wrap import compute_wrap_offsets
    from tests.tui.helpers import note
    from tui.widgets.section_form import NoteArea

    def pieces(text: str, cuts: list[int]) -> list[str]:
        return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]

    def splits_a_number(rows: list[str], text: str) -> bool:
        return any(not any(n in r for r in rows) for n in re.findall(r"\d[\d.]*%?", text))

    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot, app)
        area = app.screen.query(NoteArea).first()
        path = area.path
        area.focus()
        await settle(pilot, app)
        variants = ["主要原因是" + "人" * n + "员调出，人员经费减少24.07万元，下降15.85%；公用经费增加3.12万元。"
                    for n in range(40)]
        area.text = variants[0]  # two rows or more: the box's scrollbar (and so its width) as below
        await settle(pilot, app)
        width = area.wrapped_document._width
        assert width > 10
        # a reason whose figure Textual's own wrapping splits at this width (the bug seen in tmux)
        reason = next(v for v in variants if splits_a_number(pieces(v, compute_wrap_offsets(v, width, 4)), v))
        area.text = reason
        await settle(pilot, app)
        assert area.wrapped_document._width == width
        rows = _rows(area)
        assert "".join(rows) == reason and len(rows) > 1
        assert not splits_a_number(rows, reason), rows
        for row in rows[1:]:
            assert row[0] not in "，。；%"
        # editing still works where the rows break: type at the end, the text and the project follow
        area.move_cursor(area.document.end)
        for ch in "另有":
            await pilot.press(ch)
        await settle(pilot, app)
        assert area.text == reason + "另有"
        assert app.screen.session.text(path) == reason + "另有"
        assert "".join(_rows(area)) == reason + "另有"
        # a new text (undo, recovery) keeps the CJK-safe wrapping
        again = "减少24.07万元，" * 6
        area.load_text(again)
        await pilot.pause()
        assert not splits_a_number(_rows(area), again)
        assert note(app, path) is area


async def test_a_finding_that_a_figure_is_missing_jumps_to_its_blank_input(tmp_path):
    # a new unit: every 未填 (L05) is one Enter from the input to fill, not from the figure's
    # reason box or only its section (seen in tmux: 本年收入合计 landed on 财政拨款收入 上年)
    from narratives.session import Session
    from tui.screens.findings import FindingsScreen
    path = tmp_path / "新单位.toml"
    Session.new(path, "测试市法律援助中心", 2025, "事业单位", "shandong").close()
    app = JuesuanApp(str(path))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot, app)
        for label, key, wanted in (("本年收入合计（公开01表）", "income", "公开01表.本年收入合计"),
                                   ("财政拨款收入（公开01表）", "income", "公开01表.收入.一般公共预算财政拨款收入"),  # 其中 the first
                                   ("国内接待金额（三公明细）", "三公明细", "三公明细.国内接待.金额")):
            await pilot.press("f5")
            await settle(pilot, app)
            lst = app.screen
            assert isinstance(lst, FindingsScreen)
            index = next(i for i, f in enumerate(lst.findings) if f.rule == "L05" and f.location == label)
            options = lst.query_one("#findings-list")
            options.highlighted = next(i for i in range(options.option_count)
                                       if options.get_option_at_index(i).id == str(index))
            await pilot.press("enter")
            await settle(pilot, app)
            assert app.screen.current == key, label
            focused = app.focused
            path_of = getattr(focused, "path", None)
            if path_of is None and hasattr(focused, "path_at_cursor"):
                path_of = focused.path_at_cursor()
            assert path_of == wanted, (label, path_of)


async def test_a_sum_the_form_does_not_ask_for_says_so_and_follows_its_inputs(tmp_path):
    from narratives.session import Session
    from tests.tui.helpers import retype
    from tui.widgets.section_form import AUTO_SUM, FigureBlock
    path = tmp_path / "新单位.toml"
    Session.new(path, "测试市法律援助中心", 2025, "事业单位", "shandong").close()
    app = JuesuanApp(str(path))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot, app)
        await goto(pilot, app, "income")
        block = next(b for b in app.screen.query(FigureBlock) if b.figure.label == "财政拨款收入")
        fixed = block.query_one(".fig-fixed")
        assert str(fixed.content) == AUTO_SUM  # not a blank that reads as a broken input
        await retype(pilot, app, field(app, "公开01表.收入.一般公共预算财政拨款收入"), "100")
        await retype(pilot, app, field(app, "公开01表.收入.政府性基金预算财政拨款收入"), "20.5")
        from decimal import Decimal
        shown = app.screen.session.text_of_value(Decimal("120.5"))
        assert shown.startswith("120.5") and str(fixed.content) == shown  # the sum, as its inputs change


async def test_the_export_result_shows_the_path_broken_after_a_slash(yangquan_copy, tmp_path):
    from tui.screens.export import ExportProgressScreen, ExportScreen
    folder = tmp_path / "导出的文件" / "阳泉市法律援助中心决算公开"
    folder.mkdir(parents=True)
    target = folder / "阳泉市法律援助中心-2024-情况说明.md"
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot, app)
        await pilot.press("f10")
        await settle(pilot, app)
        assert isinstance(app.screen, ExportScreen)
        assert not app.screen.query_one("#export-warning").display  # nothing to warn of: no blank rows
        app.screen.query_one("#export-path").value = str(target)
        app.screen.query_one("#export-path").focus()
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.1)
            if isinstance(app.screen, ExportProgressScreen) and app.screen.done:
                break
        assert target.is_file()
        text = app.screen.query_one("#progress-text")
        rows = [text.render_line(y).text.rstrip() for y in range(text.size.height)]
        rows = [r for r in rows if r.strip()]
        assert "".join(r.strip() for r in rows) == f"已导出：{target}"
        for a, b in zip(rows, rows[1:]):  # a new row starts after a "/" or inside the file name at a "-"
            assert a.strip().endswith(("/", "：", "-")) or (b.strip() and "/" not in b), rows
        assert any(r.strip().startswith("阳泉市法律援助中心-") for r in rows), rows


async def test_palette_search_of_a_row_lands_on_its_amount(yangquan_copy):
    pytest.importorskip("pypinyin")
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "差旅费":
            await pilot.press(ch)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.current == "公开06表"
        assert app.focused.path_at_cursor() == "公开06表.公用经费.2.决算数"  # typing starts on the figure
        assert "30211 差旅费 · 决算数" in str(app.screen.query_one("#editor-status").content)


async def test_figures_typed_in_a_burst_into_a_grid_lose_no_character(yangquan_copy):
    # tmux send-keys (or a loaded machine) delivers "0.2" before the edit line has the focus:
    # each key reached the grid and restarted the edit, leaving "2"
    from textual import events
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot, app)
        app.screen.jump(Target("公开06表", "公开06表.公用经费.2.决算数"))
        await settle(pilot, app)
        table = app.focused
        assert table.path_at_cursor() == "公开06表.公用经费.2.决算数"
        for ch in "0.25":  # all queued on the grid before any is handled
            table.post_message(events.Key(ch, ch))
        table.post_message(events.Key("backspace", None))
        await pilot.pause(0.2)
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.session.text("公开06表.公用经费.2.决算数") == "0.2"


async def test_a_finding_on_a_row_named_after_its_group_lands_on_the_row(wendeng_path):
    # "人员经费 301 工资福利支出": the code is not the first word (it went to section 六 instead)
    from narratives.locate import locate_finding
    from narratives.session import Session
    s = Session.open(wendeng_path, read_only=True, recent=False)
    ids = [e.key for e in s.outline(marks=False) if e.kind == "section"]
    finding = next(f for f in s.check() if f.location == "人员经费 301 工资福利支出")
    assert locate_finding(s.project, finding, ids) == Target("公开06表", "公开06表.人员经费.0.决算数")
    s.close()


async def test_a_new_units_outline_keeps_its_titles_readable_at_80_columns(tmp_path):
    # every section of a new unit has findings, 缺 and 待: "二… ⚠13 缺7 待19" left no title
    from narratives.session import Session
    from tui.widgets.outline import Outline
    path = tmp_path / "新单位.toml"
    Session.new(path, "测试市法律援助中心", 2025, "事业单位", "shandong").close()
    app = JuesuanApp(str(path))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot, app)
        app.screen.autosave()  # the outline's marks follow at the next tick
        await settle(pilot, app)
        outline = app.screen.query_one(Outline)
        prompt = next(str(outline.get_option_at_index(i).prompt) for i in range(outline.option_count)
                      if outline.get_option_at_index(i).id == "income")
        assert prompt.startswith("二、收入"), prompt
        assert "⚠" in prompt and "待" in prompt  # the marks still say what is there
        assert cell_len(prompt) <= outline.content_region.width


async def test_the_new_project_dialog_shows_its_title_at_80x24():
    from tui.screens.start import NewProjectScreen
    app = JuesuanApp()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause(0.3)
        dialog = app.screen
        assert isinstance(dialog, NewProjectScreen)
        title = dialog.query_one("#new-title")
        assert dialog.region.contains_region(title.region) and title.region.height == 1
        assert dialog.query_one("#new-box").max_scroll_y == 0  # all of it in sight: nothing to scroll
        for wid in ("#new-name", "#new-path", "#new-ok", "#new-learn"):
            w = dialog.query_one(wid)
            assert dialog.region.contains_region(w.region) and w.region.height > 0, wid
        dialog.show_error("请填写单位名称")  # an error still shows (the box scrolls if it must)
        await pilot.pause()
        assert dialog.query_one("#new-error").display


async def test_computed_values_break_between_pairs_never_inside_one(yangquan_copy):
    from tui.widgets.section_form import FigureBlock
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await goto(pilot, app, "general")
        seen = 0
        for block in app.screen.query(FigureBlock):
            computed = block.query_one(".fig-computed")
            if not computed.display:
                continue
            rows = [computed.render_line(y).text.strip() for y in range(computed.size.height)]
            rows = [r for r in rows if r]
            pairs = str(computed.content).split("  ")
            for pair in pairs:  # each "完成率 100.00%" whole on one row
                assert any(pair in r for r in rows), (pair, rows)
            seen += len(rows) > 1
        assert seen  # some block's values needed two rows at this width


async def test_the_status_line_names_a_focused_reason_box(yangquan_copy):
    from tui.widgets.section_form import NoteArea
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        field(app, "公开01表.收入总计").focus()
        await settle(pilot, app)
        area = app.screen.query(NoteArea).first()
        area.focus()
        await settle(pilot, app)
        status = str(app.screen.query_one("#editor-status").content)
        assert "▸ 收支总计 变动原因" in status and "收入总计 本年" not in status


async def test_new_project_fields_typed_in_a_burst_land_in_their_own_inputs(tmp_path):
    # "名称⏎2025⏎" all queued before the first Enter is handled (tmux, a loaded machine)
    from textual import events
    from textual.widgets import Input
    from tui.screens.start import NewProjectScreen
    app = JuesuanApp()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause(0.3)
        dialog = app.screen
        assert isinstance(dialog, NewProjectScreen)
        for ch in [*"测试中心", "enter", *"2025", "enter"]:
            app.post_message(events.Key(ch, "\r" if ch == "enter" else ch))
        await pilot.pause(0.5)
        assert dialog.query_one("#new-name", Input).value == "测试中心"
        assert dialog.query_one("#new-year", Input).value == "2025"
        assert app.focused is dialog.query_one("#new-kind")  # Enter moved on, past the year
        # Enter on a button still presses it
        dialog.query_one("#new-cancel").focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, NewProjectScreen)


async def test_a_figure_typed_right_after_enter_goes_to_the_next_input(tmp_path):
    # a busy machine queues "12⏎5": the 5 went into the field Enter left (stored 125)
    from textual import events
    from narratives.session import Session
    path = tmp_path / "新单位.toml"
    Session.new(path, "测试市法律援助中心", 2025, "事业单位", "shandong").close()
    app = JuesuanApp(str(path))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot, app)
        first = field(app, "公开01表.收入总计")
        first.focus()
        await settle(pilot, app)
        for ch in [*"12", "enter", "5"]:
            app.post_message(events.Key(ch, "\r" if ch == "enter" else ch))
        await settle(pilot, app)
        s = app.screen.session
        assert s.text("公开01表.收入总计") == "12"
        nxt = app.focused
        assert nxt is not first and getattr(nxt, "path", None) and s.text(nxt.path) == "5", nxt
