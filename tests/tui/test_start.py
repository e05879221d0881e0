"""The start screen (recent projects, 新建, 打开, 打开示例), the table pages and the palette."""
from __future__ import annotations

from decimal import Decimal

import pytest

from narratives import api
from narratives.session import recent_projects
from tests.tui.helpers import goto, settle
from textual.widgets import Input

from tui.app import JuesuanApp
from tui.screens.dialogs import ChoiceScreen, PromptScreen
from tui.screens.editor import EditorScreen
from tui.screens.start import NewProjectScreen, StartScreen
from tui.widgets.table_grid import GridTable, TableGrid

pytestmark = pytest.mark.asyncio
SIZE = (120, 40)


async def test_start_screen_without_a_project():
    app = JuesuanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        recent = app.screen.query_one("#start-recent")
        assert "还没有打开过项目" in str(recent.get_option_at_index(0).prompt)


async def test_new_project_creates_the_file_and_opens_it(tmp_path):
    target = tmp_path / "新项目.toml"
    app = JuesuanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#start-new")
        await pilot.pause()
        assert isinstance(app.screen, NewProjectScreen)
        dialog = app.screen
        dialog.query_one("#new-name").value = "某某法律援助中心"
        dialog.query_one("#new-year").value = "今年"
        dialog.query_one("#new-path").value = str(target)
        await pilot.click("#new-ok")
        await pilot.pause()
        assert app.screen is dialog and "年度" in str(dialog.query_one("#new-error").content)
        assert not target.exists()
        dialog.query_one("#new-year").value = "2024"
        dialog.query_one("#new-year").focus()
        await pilot.press("enter")  # Enter moves on: only Enter in 保存为 creates
        await pilot.pause()
        assert app.screen is dialog and not target.exists()
        dialog.query_one("#new-path").focus()
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, EditorScreen), str(dialog.query_one("#new-error").content)
    project = api.load(target)
    assert project.unit.name == "某某法律援助中心" and project.unit.year == 2024
    assert recent_projects()[0] == target.resolve()


async def test_new_project_enter_in_the_name_moves_on_and_tilde_folder_is_made(tmp_path, monkeypatch):
    from tui.screens.dialogs import AskScreen
    monkeypatch.setenv("HOME", str(tmp_path))
    app = JuesuanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewProjectScreen)
        for ch in "某某中心":
            await pilot.press(ch)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and app.focused is dialog.query_one("#new-year")
        await pilot.press("2", "0", "2", "4")
        dialog.query_one("#new-path").value = "~/决算/某某中心2024"
        dialog.query_one("#new-path").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen) and "不存在" in str(app.screen.query_one(".dialog-text").content)
        await pilot.click("#create")
        await settle(pilot, app)
        assert isinstance(app.screen, EditorScreen)
    target = tmp_path / "决算" / "某某中心2024.toml"
    assert api.load(target).unit.name == "某某中心"


async def test_save_as_with_the_folder_tree_and_a_new_folder(wendeng_copy, tmp_path):
    from tui.screens.dialogs import AskScreen
    from tui.screens.files import FileScreen
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f3")
        await pilot.pause()
        files = app.screen
        assert isinstance(files, FileScreen)
        tree = files.query_one("#file-tree")
        assert str(tree.path) == str(wendeng_copy.parent)  # opens where the project is
        files.query_one("#file-input").value = str(tmp_path / "新文件夹" / "副本")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        await pilot.click("#create")
        await settle(pilot, app)
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.session.path == tmp_path / "新文件夹" / "副本.toml"
    assert api.load(tmp_path / "新文件夹" / "副本.toml").unit.name == "威海市文登区法律援助中心"


async def test_recent_project_opens(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
    app = JuesuanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        recent = app.screen.query_one("#start-recent")
        assert recent.get_option_at_index(0).id == str(wendeng_copy.resolve())
        recent.focus()
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.session.path == wendeng_copy.resolve()


async def test_open_asks_for_a_path_and_explains_a_missing_file(tmp_path):
    app = JuesuanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#start-open")
        await pilot.pause()
        from tui.screens.files import FileScreen
        assert isinstance(app.screen, FileScreen)
        app.screen.query_one("#file-input").value = str(tmp_path / "没有.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FileScreen)  # the dialog stays, saying why
        assert "找不到文件" in str(app.screen.query_one("#file-error").content)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_open_sample_works_on_a_copy(tmp_path, monkeypatch, wendeng_path):
    original = wendeng_path.read_bytes()
    app = JuesuanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#start-sample")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        options = app.screen.query_one("#choices")
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index(str(wendeng_path))
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, EditorScreen)
        session = app.screen.session
        assert session.path != wendeng_path and session.path.name == wendeng_path.name
        session.set_text("公开01表.收入总计", "1")
        session.save()
    assert wendeng_path.read_bytes() == original


async def test_table_page_edit_add_and_delete_rows(wendeng_copy):
    from tui.screens.dialogs import AskScreen
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await goto(pilot, app, "公开05表")
        s = app.screen.session
        rows_table = [t for t in app.screen.query(GridTable) if t.grid.list_path == "公开05表.行"][0]
        rows_table.focus()
        rows_table.cursor_coordinate = (0, 2)  # 204 公共安全支出, 小计
        await pilot.pause()
        edit = app.screen.query_one("#cell-edit")
        assert edit.path == "公开05表.行.0.小计" and edit.value == "131.07"
        assert "204 公共安全支出 · 小计" in str(app.screen.query_one("#cell-path").content)
        # typing into the cell starts editing it, with what was typed
        await pilot.press("1", "4", "0")
        assert app.focused is edit and edit.value == "140"
        await pilot.press("enter")  # confirms and moves down, back in the grid
        await settle(pilot, app)
        assert s.project.t05.rows[0].total == Decimal("140")
        assert rows_table.get_cell_at((0, 2)).plain == "140 ≠"  # its rows add up to 131.07: marked
        assert app.focused is rows_table and rows_table.cursor_coordinate == (1, 2)
        assert "公共安全支出（类）支出140万元" in app.screen.query_one("Preview").text()
        # Esc cancels an edit: nothing changes
        before = s.revision
        await pilot.press("9", "escape")
        await pilot.pause()
        assert app.focused is rows_table and s.revision == before
        # Enter edits the value as it is; Tab confirms and moves right
        rows_table.cursor_coordinate = (0, 3)
        await pilot.press("enter")
        assert app.focused is edit
        await pilot.press("tab")
        await settle(pilot, app)
        assert rows_table.cursor_coordinate == (0, 4) and app.focused is rows_table
        # a bad value is refused under the grid, the project unchanged, the edit stays open
        rows_table.cursor_coordinate = (0, 2)
        await pilot.press("a", "b", "c", "enter")
        await pilot.pause()
        assert "不是金额" in str(app.screen.query_one("#cell-error").content)
        assert s.project.t05.rows[0].total == Decimal("140") and app.focused is edit
        await pilot.press("escape")
        # add a row after the first: the code alone fills the name from the codes known
        rows_table.cursor_coordinate = (0, 0)
        n = len(s.project.t05.rows)
        await pilot.press("insert")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one("#prompt-input").value = "2040601"
        await pilot.press("enter")
        await settle(pilot, app)
        assert len(s.project.t05.rows) == n + 1
        assert (s.project.t05.rows[1].code, s.project.t05.rows[1].name) == ("2040601", "行政运行")
        # deleting asks first
        rows_table.cursor_coordinate = (1, 0)
        await pilot.press("ctrl+delete")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen) and "2040601 行政运行" in str(app.screen.query_one(".dialog-text").content)
        await pilot.click("#cancel")
        await pilot.pause()
        assert len(s.project.t05.rows) == n + 1
        rows_table.focus()
        await pilot.press("ctrl+delete")
        await pilot.pause()
        await pilot.click("#delete")
        await settle(pilot, app)
        assert len(s.project.t05.rows) == n and s.dirty


async def test_palette_finds_commands_by_pinyin_and_english(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        from tui.commands import JuesuanCommands
        provider = JuesuanCommands(app.screen)
        for query, title in (("baocun", "保存"), ("save", "保存"), ("shenhe", "审核"),
                             ("qhys", "切换样式"), ("export", "导出"), ("新建", "新建")):
            hits = [h async for h in provider.search(query)]
            assert title in [h.text for h in hits], query
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "baocun":
            await pilot.press(ch)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert any("已保存" in str(n.message) for n in app._notifications)


async def test_palette_export_writes_a_word_file(wendeng_copy, tmp_path):
    from tui.screens.export import ExportProgressScreen, ExportScreen
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await app.run_action("cmd('export')")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        default = app.screen.query_one("#export-path").value
        assert default.endswith("威海市文登区法律援助中心-2024-情况说明.docx")
        app.screen.query_one("#fmt-md").value = True  # Markdown: the default path follows
        await pilot.pause()
        assert app.screen.query_one("#export-path").value.endswith("情况说明.md")
        app.screen.query_one("#fmt-docx").value = True
        await pilot.pause()
        target = tmp_path / "out.docx"
        app.screen.query_one("#export-path").value = str(target)
        await pilot.click("#export-ok")
        await pilot.pause()
        assert isinstance(app.screen, ExportProgressScreen)
        for _ in range(100):
            await pilot.pause(0.1)
            if app.screen.done:
                break
        assert str(target) in str(app.screen.query_one("#progress-text").content)
        assert app.screen.result_path == target
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
    from docx import Document
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "2024年度收、支总计均为161.09万元" in text


async def test_export_warns_of_errors_and_pending(yangquan_copy, tmp_path):
    from tui.screens.export import ExportScreen
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        s = app.screen.session
        s.set_text("公开05表.合计.基本支出", "115")       # an 错误 (05表 ≠ 06表)
        s.set_text("年初预算.功能分类.201", "")            # a 待填
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        warning = str(app.screen.query_one("#export-warning").content)
        assert "个错误" in warning and any("公开05表" in text for g, text, _t in app.screen.lines if g == "错误")
        assert "1 处待填：一般公共服务支出 年初预算" in warning
        assert app.screen.query_one("#export-charts").value is True
        app.screen.query_one("#scope-whole").value = True
        await pilot.pause()
        assert app.screen.query_one("#export-path").value.endswith("决算公开.docx")


async def test_paste_rows_into_a_table(wendeng_copy):
    from textual import events
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await goto(pilot, app, "公开05表")
        s = app.screen.session
        n = len(s.project.t05.rows)
        table = [t for t in app.screen.query(GridTable) if t.grid.list_path == "公开05表.行"][0]
        table.focus()
        table.cursor_coordinate = (0, 0)
        await pilot.pause()
        table.post_message(events.Paste("2040601\t行政运行\t1,234.50\t1234.5\t\n2040602\t一般行政管理事务\t2\t\t2\n"))
        await settle(pilot, app)
        rows = s.project.t05.rows
        assert len(rows) == n + 2
        assert (rows[1].code, rows[1].total, rows[2].project) == ("2040601", Decimal("1234.50"), Decimal("2"))
        # a bad cell: nothing added, the message names row and column
        table.post_message(events.Paste("2040603\t机关服务\t1,2x3\t\t\n"))
        await settle(pilot, app)
        assert len(s.project.t05.rows) == n + 2
        assert "1,2x3" in str(app.screen.query_one("#cell-error").content)


async def test_switch_style_rerenders(wendeng_copy):
    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        options = app.screen.query_one("#choices")
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("shanxi")
        await pilot.press("enter")
        await settle(pilot, app)
        s = app.screen.session
        assert s.project.unit.style == "shanxi" and s.dirty
        from tui.widgets.outline import Outline
        outline = app.screen.query_one(Outline)
        labels = [str(outline.get_option_at_index(i).prompt) for i in range(outline.option_count)
                  if outline.get_option_at_index(i).id]
        assert labels[9].startswith("十、") and "其他" in labels[9]


async def test_import_a_workbook_from_the_start_screen(tmp_path, yangquan):
    from tests.fixtures.workbooks import build
    book = tmp_path / "公开表.xlsx"
    build(yangquan, "sheets").save(book)
    (tmp_path / "公开表.toml").write_text("# 已有的文件不会被覆盖\n", encoding="utf-8")
    app = JuesuanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#start-import")
        await pilot.pause()
        app.screen.query_one("#file-input").value = str(book)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)  # 上年: left empty
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause(0.1)
            if isinstance(app.screen, EditorScreen):
                break
        assert isinstance(app.screen, EditorScreen)
        session = app.screen.session
        assert session.path == tmp_path / "公开表-2.toml"
        assert session.project.t01.income_total == Decimal("127.80")
    assert (tmp_path / "公开表.toml").read_text(encoding="utf-8") == "# 已有的文件不会被覆盖\n"
    assert api.load(tmp_path / "公开表-2.toml").t05 == yangquan.t05


async def test_import_of_a_broken_workbook_says_why_and_writes_nothing(tmp_path):
    book = tmp_path / "坏.xlsx"
    book.write_bytes(b"not a workbook")
    app = JuesuanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.run_action("import_workbook")
        await pilot.pause()
        app.screen.query_one(Input).value = str(book)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(30):
            await pilot.pause(0.1)
        assert isinstance(app.screen, StartScreen)
        assert any("坏.xlsx" in str(n.message) for n in app._notifications)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["坏.xlsx"]


async def _tree_lists(pilot, node, names: set[str]) -> list[str]:
    """The names under ``node`` once DirectoryTree's loader has filled it (it loads in a worker)."""
    for _ in range(100):
        shown = [child.data.path.name for child in node.children]
        if names <= set(shown):
            return shown
        await pilot.pause(0.05)
    raise AssertionError(f"the folder tree never listed {names}: {shown}")


async def test_open_by_picking_the_file_in_the_folder_tree(tmp_path, wendeng_path):
    import shutil
    from tui.screens.files import FileScreen
    folder = tmp_path / "单位" / "2024"
    folder.mkdir(parents=True)
    shutil.copy(wendeng_path, folder / "文登.toml")
    (folder / "笔记.txt").write_text("不是项目", encoding="utf-8")   # not a project: not listed
    (folder / ".隐藏.toml").write_text("", encoding="utf-8")         # hidden: not listed
    app = JuesuanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        files = app.screen
        assert isinstance(files, FileScreen)
        tree = files.query_one("#file-tree")
        tree.path = tmp_path
        await _tree_lists(pilot, tree.root, {"单位"})
        await pilot.press("tab")  # from the typed path into the tree, as the hint says
        await pilot.pause()
        assert app.focused is tree
        await pilot.press("down", "enter")  # 单位: opened
        await _tree_lists(pilot, tree.root.children[0], {"2024"})
        await pilot.press("down", "enter")  # 2024: opened
        listed = await _tree_lists(pilot, tree.root.children[0].children[0], {"文登.toml"})
        assert listed == ["文登.toml"]  # the .txt and the hidden file are filtered out
        assert files.query_one("#file-input").value == str(folder) + "/"  # the folder chosen so far
        await pilot.press("down", "enter")  # the project file: opened at once
        await settle(pilot, app)
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.session.path == (folder / "文登.toml").resolve()
        assert "威海市文登区法律援助中心" in app.screen.session.project.unit.name
