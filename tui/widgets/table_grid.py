"""A data page: one DataTable per grid of the page (from ``Session.page``) and one edit line,
used like a spreadsheet: typing into a cell starts editing it (Enter or F2 edits the value as it
is), Enter confirms and moves down, Tab confirms and moves right, ↑/↓ confirm and move, Esc
cancels.  Rows of a list can be added (Insert), deleted (Ctrl+Delete, asked first) and moved
(Alt+↑↓).  The read-only "下级合计" column and every value come from the core."""
from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from .money_input import FieldInput


class GridTable(DataTable):
    DEFAULT_CSS = """
    GridTable { height: auto; max-height: 20; margin: 0 0 1 0; }
    """
    BINDINGS = [Binding("tab", "next_cell", "右移", show=False),
                Binding("f2", "edit_cell", "修改", show=False)]

    def __init__(self, grid, index: int, narrow: bool = False, **kw) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, **kw)
        self.grid = grid
        self.index = index
        self.narrow = narrow
        self.fill(grid)  # filled before mounting: a jump can place the cursor at once

    NAME_WIDTH = 16  # 科目名称 is cut to this (the full name shows in the edit line) at 80 columns

    def fill(self, grid) -> None:
        self.grid = grid
        keep = self.cursor_coordinate
        self.clear(columns=True)
        for label in grid.columns:
            # a long 科目名称 column pushed the amounts out of sight at 80 columns
            width = None
            if label == "科目名称":
                width = self.NAME_WIDTH if self.narrow else self.NAME_WIDTH + 6
            elif label == "项目" and grid.kind == "fields":  # long labels: keep the values in sight
                longest = max((cell_len(r[0]) for r in grid.rows), default=4)
                width = min(longest, 30 if self.narrow else 44)
            self.add_column(label, width=width)
        widths = [c.width if not c.auto_width else None for c in self.columns.values()]
        for row in grid.rows:
            # a name wider than its column is cut with … (DataTable cuts it bare: "机关事业单位基本"
            # read as a whole name); the full name is in the edit line and the status line
            self.add_row(*(_styled(_fit(c, w)) for c, w in zip(row, widths)))
        if grid.rows:
            if grid.kind == "fields" and keep.column == 0:
                keep = keep._replace(column=1)  # the value, not its label
            self.cursor_coordinate = self.validate_cursor_coordinate(keep)

    def on_paste(self, event) -> None:
        # rows copied from Excel/WPS: tab-separated lines, handed to the core's paste parser
        if self.grid.list_path and ("\t" in event.text or "\n" in event.text.strip()):
            event.stop()
            index = self.cursor_row + 1 if self.grid.rows else 0
            self.post_message(TableGrid.PasteRows(self.grid.list_path, index, event.text))
        elif self.grid.kind == "fields" and ("\t" in event.text or "\n" in event.text.strip()):
            # a table's values copied from Excel (label | 行次 | amount): matched to rows by label
            event.stop()
            labels = [(paths[-1], row[0]) for row, paths in zip(self.grid.rows, self.grid.paths) if paths[-1]]
            page = self._page()
            self.post_message(TableGrid.PasteValues(labels, event.text, page.key if page else ""))
        elif event.text.strip():  # one value (or an IME's commit): edit the cell with it
            tg = self._page()
            if tg is not None and tg.start_edit(self, event.text.strip()):
                event.stop()

    def on_key(self, event: events.Key) -> None:
        # a printable key starts editing the cell with that character, as in a spreadsheet
        if event.is_printable and event.character and event.character not in ("\t",):
            tg = self._page()
            if tg is not None and tg.start_edit(self, event.character):
                event.stop()
                event.prevent_default()
        elif event.key in ("backspace", "delete"):
            tg = self._page()
            if tg is not None and tg.start_edit(self, ""):
                event.stop()
                event.prevent_default()

    def _page(self) -> "TableGrid | None":
        return next((a for a in self.ancestors if isinstance(a, TableGrid)), None)

    def action_edit_cell(self) -> None:
        tg = self._page()
        if tg is not None:
            tg.start_edit(self, None)

    def action_next_cell(self) -> None:
        r, c = self.cursor_coordinate
        if c + 1 < len(self.columns):
            self.cursor_coordinate = (r, c + 1)
        else:
            self.screen.focus_next()

    def path_at_cursor(self) -> str | None:
        r, c = self.cursor_coordinate
        if not self.grid.paths or r >= len(self.grid.paths):
            return None
        return self.grid.paths[r][c] if c < len(self.grid.paths[r]) else None

    def describe_cursor(self) -> str:
        """The cell in words: row label (or code and name) · column."""
        r, c = self.cursor_coordinate
        if not self.grid.rows or r >= len(self.grid.rows):
            return ""
        row = self.grid.rows[r]
        if self.grid.kind == "rows":
            head = " ".join(x for x in row[:2] if x)
            col = self.grid.columns[c] if c < len(self.grid.columns) else ""
            return f"{head} · {col}" if head else col
        return row[0] if row else ""


def _fit(cell: str, width: int | None) -> str:
    if width is None:
        return cell
    from .outline import fit
    return fit(cell, width)


def _styled(cell: str):
    """A computed 类/款 sum dim (Σ…), an entered one that does not add up in yellow (… ≠)."""
    from narratives.pages import DERIVED_MARK, DIFF_MARK, SUM_MARK
    if cell.startswith((SUM_MARK, DERIVED_MARK)):
        return Text(cell, style="dim italic")
    if cell.endswith(DIFF_MARK):
        return Text(cell, style="bold yellow")
    return cell


class CellEdit(FieldInput):
    """The edit line of a page: Enter/Tab/↑/↓ confirm and move, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "取消", show=False),
                Binding("tab", "commit('right')", "右移", show=False),
                Binding("up", "commit('up')", "上移", show=False),
                Binding("down", "commit('down')", "下移", show=False)]

    def action_cancel(self) -> None:
        tg = next((a for a in self.ancestors if isinstance(a, TableGrid)), None)
        if tg is not None:
            tg.cancel_edit()

    def action_commit(self, move: str) -> None:
        tg = next((a for a in self.ancestors if isinstance(a, TableGrid)), None)
        if tg is not None:
            tg.commit(move)


class TableGrid(Vertical):
    """The page: its grids, the edit line above them, the row actions."""

    DEFAULT_CSS = """
    TableGrid { height: 1fr; padding: 0 1; overflow-y: auto; }
    TableGrid .grid-title { text-style: bold; color: $accent; }
    TableGrid #cell-dock { height: auto; dock: bottom; background: $panel; }
    TableGrid #cell-bar { height: 1; }
    TableGrid #cell-path { width: auto; max-width: 40; color: $text-muted; padding: 0 1 0 0; }
    TableGrid #cell-edit { width: 1fr; }
    TableGrid #cell-error { color: $error; height: auto; }
    TableGrid .grid-hint { color: $text-muted; }
    /* at 80 columns the cell's full name (a 科目名称 cut with … in the grid) gets a line of its own */
    TableGrid.-narrow #cell-bar { layout: vertical; height: auto; }
    TableGrid.-narrow #cell-path { width: 1fr; max-width: 100%; height: auto; }
    TableGrid.-narrow #cell-edit { width: 1fr; }
    """

    BINDINGS = [
        Binding("insert", "add_row", "加行", tooltip="在当前行后插入一行", show=False),
        Binding("ctrl+delete", "delete_row", "删行", tooltip="删除当前行（先确认）", show=False),
        Binding("alt+up", "move_row(-1)", "上移", show=False),
        Binding("alt+down", "move_row(1)", "下移", show=False),
    ]

    class AddRowRequested(Message):
        def __init__(self, list_path: str, index: int) -> None:
            super().__init__()
            self.list_path, self.index = list_path, index

    class PasteRows(Message):
        def __init__(self, list_path: str, index: int, text: str) -> None:
            super().__init__()
            self.list_path, self.index, self.text = list_path, index, text

    class PasteValues(Message):
        """A block of label/value cells pasted into a page's single values."""
        def __init__(self, labels: list[tuple[str, str]], text: str, page: str = "") -> None:
            super().__init__()
            self.labels, self.text, self.page = labels, text, page

    class CellShown(Message):
        """The focused cell, in words (the status line names it) and what it feeds."""
        def __init__(self, label: str, sources: frozenset[str]) -> None:
            super().__init__()
            self.label, self.sources = label, sources

    class Commit(Message):
        """The edit line's text for ``path``, confirmed; ``move``: down, up, right or none."""
        def __init__(self, grid: "TableGrid", path: str, text: str, move: str) -> None:
            super().__init__()
            self.grid, self.path, self.text, self.move = grid, path, text, move

    def __init__(self, key: str, title: str, session, **kw) -> None:
        super().__init__(**kw)
        self.key = key
        self.title = title
        self.session = session
        self.current: GridTable | None = None
        self.editing = False

    def compose(self):
        yield Label(self.title, classes="grid-title", markup=False)
        yield Static("打字即改当前格，回车确认并下移，Esc 取消；Insert 加行；F1 全部按键",
                     classes="grid-hint", markup=False)
        with Vertical(id="cell-dock"):  # always in sight under the grids, like a formula bar
            with Horizontal(id="cell-bar"):
                yield Static("", id="cell-path", markup=False)
                yield CellEdit("", id="cell-edit", placeholder="直接打字或回车修改当前格")
            error = Static("", id="cell-error", markup=False)
            error.display = False
            yield error
        for i, grid in enumerate(self.session.page(self.key)):
            if grid.kind == "rows":
                yield Label(grid.title, classes="grid-title", markup=False)
            yield GridTable(grid, i, narrow=self.app.size.width < 110)

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < 110, "-narrow")

    def on_resize(self, event) -> None:
        narrow = self.app.size.width < 110
        self.set_class(narrow, "-narrow")
        for table in self.query(GridTable):
            if table.narrow != narrow:
                table.narrow = narrow
                table.fill(table.grid)

    def on_descendant_focus(self, event) -> None:
        # a grid reached by Tab is the current one even before its cursor moves (an empty list
        # posts no highlight: Insert there must still add its first row)
        if isinstance(event.widget, GridTable):
            self.current = event.widget
            self._say_cell(event.widget)

    def _say_cell(self, table: GridTable) -> None:
        """Tell the screen which cell has the cursor (a jump focuses a grid, not an input: the
        status line kept the label of the field focused before)."""
        path = table.path_at_cursor()
        self.post_message(self.CellShown(table.describe_cursor(), frozenset({path}) if path else frozenset()))

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        table = event.data_table
        if not isinstance(table, GridTable):
            return
        self.current = table
        self._show_cell(table)

    def _show_cell(self, table: GridTable) -> None:
        path = table.path_at_cursor()
        edit = self.query_one("#cell-edit", FieldInput)
        edit.path = path or ""
        edit.sources = frozenset({path}) if path else frozenset()
        edit.label = table.describe_cursor()
        with edit.prevent(FieldInput.Changed):
            edit.value = self.session.text(path) if path else ""
        self.editing = False
        where = table.describe_cursor()
        self.query_one("#cell-path", Static).update(
            (where or path or "") if path else f"{where}（{'名称' if table.grid.kind == 'fields' else '计算值'}，不可修改）")
        self.show_error(None)
        if self.screen.focused is table:
            self._say_cell(table)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if isinstance(event.data_table, GridTable):
            self.start_edit(event.data_table, None)

    def start_edit(self, table: GridTable, initial: str | None) -> bool:
        """Open the edit line on the cell under the cursor: with ``initial`` replacing the value
        (typing), or the value as it is (Enter, F2).  False on a computed cell."""
        self.current = table
        path = table.path_at_cursor()
        if not path:
            self.show_error("这一格是计算值，不可修改")
            return False
        edit = self.query_one("#cell-edit", FieldInput)
        if initial is not None and self.editing and edit.path == path and self.screen.focused is not edit:
            # keys typed faster than the focus moves (a burst, a loaded machine) still reach the
            # grid: each continues the edit it started ("0.2" was left as "2")
            if initial:
                edit.insert_text_at_cursor(initial)
            else:
                edit.action_delete_left()
            return True
        if edit.path != path:
            self._show_cell(table)
        with edit.prevent(FieldInput.Changed):
            edit.value = self.session.text(path) if initial is None else initial
        self.editing = True
        edit.focus()
        edit.cursor_position = len(edit.value)
        return True

    def commit(self, move: str = "down") -> None:
        edit = self.query_one("#cell-edit", FieldInput)
        if not edit.path:
            return
        self.post_message(self.Commit(self, edit.path, edit.value, move))

    def on_input_submitted(self, event) -> None:
        if event.input.id == "cell-edit":
            event.stop()
            self.commit("down")

    def after_commit(self, move: str) -> None:
        """The value is in: back to the grid, one cell on."""
        self.editing = False
        t = self.current
        if t is None:
            return
        r, c = t.cursor_coordinate
        if move == "down" and r + 1 < t.row_count:
            r += 1
        elif move == "up" and r > 0:
            r -= 1
        elif move == "right" and c + 1 < len(t.columns):
            c += 1
        t.focus()
        t.cursor_coordinate = (r, c)
        self._show_cell(t)

    def cancel_edit(self) -> None:
        self.editing = False
        t = self.current
        if t is not None:
            self._show_cell(t)
            t.focus()

    def focus_cell(self, path: str) -> bool:
        for table in self.query(GridTable):
            for r, row in enumerate(table.grid.paths):
                if path in row:
                    table.focus()
                    table.cursor_coordinate = (r, row.index(path))
                    self.current = table
                    self._show_cell(table)
                    self.call_after_refresh(table.scroll_visible, animate=False)
                    return True
        return False

    def focus_row(self, list_path: str, row: int) -> None:
        """The cursor on ``row`` of the list's grid, on its first amount column."""
        for table in self.query(GridTable):
            if table.grid.list_path == list_path and row < table.row_count:
                col = next((i for i, c in enumerate(table.grid.columns) if c not in ("科目代码", "科目名称")), 0)
                table.focus()
                table.cursor_coordinate = (row, col)
                self.current = table
                self._show_cell(table)
                return

    def show_error(self, message: str | None) -> None:
        error = self.query_one("#cell-error", Static)
        error.update(message or "")
        error.display = bool(message)  # no blank row under the edit line: at 80×24 rows are few

    def reload(self) -> None:
        """Refill the grids from the project (after an edit, undo, or a row action)."""
        grids = self.session.page(self.key)
        for table in self.query(GridTable):
            if table.index < len(grids):
                g = grids[table.index]
                if g.rows != table.grid.rows or g.columns != table.grid.columns:
                    table.fill(g)

    def _list_table(self) -> GridTable | None:
        t = self.current
        return t if t is not None and t.grid.list_path else None

    def action_add_row(self) -> None:
        t = self._list_table()
        if t is None:
            self.show_error("请先选中一个有“行”的表格（如 公开05表·行）")
            return
        self.post_message(self.AddRowRequested(t.grid.list_path, t.cursor_row + 1 if t.grid.rows else 0))

    def action_delete_row(self) -> None:
        t = self._list_table()
        if t is None or not t.grid.rows:
            return
        from ..screens.dialogs import AskScreen
        row = t.cursor_row
        what = " ".join(x for x in t.grid.rows[row][:2] if x) or f"第{row + 1}行"

        def done(answer: str | None) -> None:
            if answer == "delete":
                self.session.delete_row(t.grid.list_path, row)
                self.post_message(RowsChanged())

        self.app.push_screen(AskScreen(f"删除 {t.grid.title} 的这一行：{what}？（可用 Ctrl+Z 撤销）",
                                       [("delete", "删除", "error"), ("cancel", "取消", "default")]), done)

    def action_move_row(self, delta: int) -> None:
        t = self._list_table()
        if t is None or not t.grid.rows:
            return
        j = self.session.move_row(t.grid.list_path, t.cursor_row, delta)
        self.post_message(RowsChanged())
        self.call_after_refresh(lambda: setattr(t, "cursor_coordinate", (j, t.cursor_column)))


class RowsChanged(Message):
    """Rows were added, deleted or moved: the screen re-renders."""
