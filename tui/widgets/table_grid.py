"""A data page: one DataTable per grid of the page (from ``Session.page``) and one edit line.
Move with the arrows; Enter (or typing into the edit line) edits the cell under the cursor;
rows of a list can be added, deleted and moved.  The read-only "下级合计" column and every
value come from the core."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from .money_input import FieldInput


class GridTable(DataTable):
    DEFAULT_CSS = """
    GridTable { height: auto; max-height: 20; margin: 0 0 1 0; }
    """

    def __init__(self, grid, index: int, **kw) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, **kw)
        self.grid = grid
        self.index = index

    def on_mount(self) -> None:
        self.fill(self.grid)

    def fill(self, grid) -> None:
        self.grid = grid
        keep = self.cursor_coordinate
        self.clear(columns=True)
        self.add_columns(*grid.columns)
        for row in grid.rows:
            self.add_row(*row)
        if grid.rows:
            self.cursor_coordinate = self.validate_cursor_coordinate(keep)

    def on_paste(self, event) -> None:
        # rows copied from Excel/WPS: tab-separated lines, handed to the core's paste parser
        if self.grid.list_path and ("\t" in event.text or "\n" in event.text.strip()):
            event.stop()
            index = self.cursor_row + 1 if self.grid.rows else 0
            self.post_message(TableGrid.PasteRows(self.grid.list_path, index, event.text))

    def path_at_cursor(self) -> str | None:
        r, c = self.cursor_coordinate
        if not self.grid.paths or r >= len(self.grid.paths):
            return None
        return self.grid.paths[r][c] if c < len(self.grid.paths[r]) else None


class TableGrid(Vertical):
    """The page: its grids, the edit line under them, the row actions."""

    DEFAULT_CSS = """
    TableGrid { height: 1fr; padding: 0 1; overflow-y: auto; }
    TableGrid .grid-title { text-style: bold; color: $accent; }
    TableGrid #cell-bar { height: 1; }
    TableGrid #cell-path { width: auto; max-width: 40; color: $text-muted; padding: 0 1 0 0; }
    TableGrid #cell-error { color: $error; height: auto; }
    TableGrid .grid-hint { color: $text-muted; }
    """

    BINDINGS = [
        Binding("insert", "add_row", "加行", tooltip="在当前行后插入一行"),
        Binding("ctrl+delete", "delete_row", "删行", tooltip="删除当前行"),
        Binding("alt+up", "move_row(-1)", "上移"),
        Binding("alt+down", "move_row(1)", "下移"),
    ]

    class AddRowRequested(Message):
        def __init__(self, list_path: str, index: int) -> None:
            super().__init__()
            self.list_path, self.index = list_path, index

    class PasteRows(Message):
        def __init__(self, list_path: str, index: int, text: str) -> None:
            super().__init__()
            self.list_path, self.index, self.text = list_path, index, text

    def __init__(self, key: str, title: str, session, **kw) -> None:
        super().__init__(**kw)
        self.key = key
        self.title = title
        self.session = session
        self.current: GridTable | None = None

    def compose(self):
        yield Label(self.title, classes="grid-title", markup=False)
        yield Static("方向键选格，回车或直接在下方输入框修改；Insert 加行，Ctrl+Delete 删行，Alt+↑↓ 移动行；从 Excel 复制的多行可直接粘贴到表格中。",
                     classes="grid-hint")
        with Horizontal(id="cell-bar"):
            yield Static("", id="cell-path", markup=False)
            yield FieldInput("", id="cell-edit", placeholder="选中一格后在此修改，回车确认")
        yield Static("", id="cell-error", markup=False)
        for i, grid in enumerate(self.session.page(self.key)):
            if grid.kind == "rows":
                yield Label(grid.title, classes="grid-title", markup=False)
            yield GridTable(grid, i)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        table = event.data_table
        if not isinstance(table, GridTable):
            return
        self.current = table
        path = table.path_at_cursor()
        edit = self.query_one("#cell-edit", FieldInput)
        edit.path = path or ""
        edit.sources = frozenset({path}) if path else frozenset()
        with edit.prevent(FieldInput.Changed):
            edit.value = self.session.text(path) if path else ""
        edit.disabled = path is None
        self.query_one("#cell-path", Static).update(path or "（计算值，不可修改）")
        self.show_error(None)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        edit = self.query_one("#cell-edit", FieldInput)
        if not edit.disabled:
            edit.focus()

    def show_error(self, message: str | None) -> None:
        self.query_one("#cell-error", Static).update(message or "")

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
        self.session.delete_row(t.grid.list_path, t.cursor_row)
        self.post_message(RowsChanged())

    def action_move_row(self, delta: int) -> None:
        t = self._list_table()
        if t is None or not t.grid.rows:
            return
        j = self.session.move_row(t.grid.list_path, t.cursor_row, delta)
        self.post_message(RowsChanged())
        self.call_after_refresh(lambda: setattr(t, "cursor_coordinate", (j, t.cursor_column)))


class RowsChanged(Message):
    """Rows were added, deleted or moved: the screen re-renders."""
