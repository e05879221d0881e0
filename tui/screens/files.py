"""Choosing a file like a desktop app: a folder tree (Textual's DirectoryTree) beside a typed
path; ``~`` expanded; a folder that does not exist is created when the clerk confirms.  Returns
the absolute path as text, None on Escape."""
from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, Static


def expand(text: str) -> Path:
    """What the clerk typed as a path: quotes and blanks trimmed, ~ expanded, absolute."""
    t = text.strip().strip("\"'").strip()
    return Path(t).expanduser().absolute()


def nearest_folder(path: Path) -> Path:
    """The deepest existing folder on the way to ``path`` (where the tree opens)."""
    p = path if path.is_dir() else path.parent
    while not p.is_dir() and p != p.parent:
        p = p.parent
    return p if p.is_dir() else Path.home()


class FileTree(DirectoryTree):
    """Folders, and only the files with the wanted suffixes; no hidden ones."""

    def __init__(self, path, suffixes: tuple[str, ...], **kw) -> None:
        super().__init__(path, **kw)
        self.suffixes = suffixes

    def filter_paths(self, paths):
        out = []
        for p in paths:
            if p.name.startswith("."):
                continue
            try:
                if p.is_dir() or not self.suffixes or p.suffix.lower() in self.suffixes:
                    out.append(p)
            except OSError:
                continue
        return out


class FileScreen(ModalScreen[str | None]):
    """Open (``save=False``: the file must exist) or save to (``save=True``) a path."""

    BINDINGS = [Binding("escape", "dismiss(None)", "取消"),
                Binding("ctrl+u", "up", "上一级", show=False)]
    DEFAULT_CSS = """
    FileScreen { align: center middle; }
    FileScreen #file-box { width: 90%; max-width: 110; height: 90%; border: thick $accent;
                           background: $surface; padding: 0 1; }
    FileScreen #file-question { text-style: bold; }
    FileScreen #file-hint { color: $text-muted; }
    FileScreen #file-tree { height: 1fr; border: round $panel; }
    FileScreen #file-tree:focus { border: round $accent; }
    FileScreen #file-error { color: $error; height: auto; }
    FileScreen #file-buttons { height: auto; align: center middle; }
    FileScreen Button { margin: 0 1; min-width: 10; }
    """

    def __init__(self, question: str, value: str = "", save: bool = False,
                 suffixes: tuple[str, ...] = (".toml",)) -> None:
        super().__init__()
        self.question, self.value, self.save, self.suffixes = question, value, save, suffixes

    def compose(self):
        start = nearest_folder(expand(self.value) if self.value.strip() else Path.home())
        with Vertical(id="file-box"):
            yield Label(self.question, id="file-question", markup=False)
            yield Input(self.value, placeholder="~/决算/某某中心2024.toml", id="file-input")
            # no blanks between the words: the line wraps where the width ends, not at a blank
            yield Static("输入路径后回车；或按Tab到下面的文件夹里用方向键选择（回车打开文件夹或选中文件，"
                         "Ctrl+U上一级）。~表示个人文件夹。", id="file-hint", markup=False)
            yield FileTree(start, self.suffixes, id="file-tree")
            yield Static("", id="file-error", markup=False)
            with Horizontal(id="file-buttons"):
                yield Button("确定", id="file-ok", variant="primary")
                yield Button("取消", id="file-cancel")

    def on_mount(self) -> None:
        inp = self.query_one("#file-input", Input)
        inp.focus()
        inp.cursor_position = len(inp.value)

    def action_up(self) -> None:
        tree = self.query_one(FileTree)
        tree.path = Path(tree.path).parent

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.query_one("#file-input", Input).value = str(event.path)
        if not self.save:
            self._finish()

    def on_directory_tree_directory_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        event.stop()
        inp = self.query_one("#file-input", Input)
        name = expand(inp.value).name if inp.value.strip() and self.save else ""
        inp.value = str(Path(event.path) / name) if name else str(event.path) + "/"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "file-ok":
            self._finish()
        else:
            self.dismiss(None)

    def show_error(self, message: str) -> None:
        self.query_one("#file-error", Static).update(message)

    def _finish(self) -> None:
        text = self.query_one("#file-input", Input).value
        if not text.strip():
            self.show_error("请填写文件路径，或在下面选择")
            return
        path = expand(text)
        if path.is_dir():
            tree = self.query_one(FileTree)
            tree.path = path  # a folder typed: show it, the clerk picks or types the name
            self.show_error("这是一个文件夹：请在后面写上文件名，或在下面选择文件")
            return
        if not self.save:
            if not path.is_file():
                self.show_error(f"找不到文件 {path}")
                return
            self.dismiss(str(path))
            return
        if self.suffixes and path.suffix.lower() not in self.suffixes:
            path = path.with_suffix(self.suffixes[0])
        if not path.parent.is_dir():
            from .dialogs import AskScreen

            def made(answer: str | None) -> None:
                if answer != "create":
                    return
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    from narratives.io.projectfile import os_reason
                    self.show_error(f"无法创建文件夹 {path.parent}：{os_reason(exc, path.parent.parent)}")
                    return
                self.dismiss(str(path))

            self.app.push_screen(AskScreen(f"文件夹 {path.parent} 不存在。要创建它吗？",
                                           [("create", "创建文件夹", "primary"), ("cancel", "取消", "default")]),
                                 made)
            return
        self.dismiss(str(path))
