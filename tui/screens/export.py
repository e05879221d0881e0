"""The export dialog (F10): 第三部分 or 全文, charts on or off, Word or Markdown, where; a
warning that lists the 错误 and 待填 still in the text; then a progress screen while the core
writes the file, which ends with the file's path and a key to open its folder."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (Button, Checkbox, Input, Label, LoadingIndicator, OptionList, RadioButton,
                             RadioSet, Static)


def warning_text(errors: list[str], pending: list[str], listed: bool = False) -> str:
    """What is still wrong or missing, for the clerk to decide before a file leaves the office.
    ``listed``: each 错误 is a line of its own below (the summary only counts them)."""
    parts = []
    if errors:
        parts.append(f"还有 {len(errors)} 个错误" + ("" if listed else
                     "：" + "；".join(errors[:3]) + ("……" if len(errors) > 3 else "")))
    if pending:
        parts.append(f"还有 {len(pending)} 处待填：" + "、".join(pending[:5]) + ("……" if len(pending) > 5 else ""))
    if not parts:
        return ""
    then = "仍可导出（文中会留着【待填：…】），正式公开前请补齐" if pending else "仍可导出，正式公开前请改正"
    if errors and pending:
        then = "仍可导出（文中会留着【待填：…】），正式公开前请改正、补齐"
    text = "\n".join(parts) + "\n" + then + "。"
    if listed:
        text += "在下面一行上按回车：关闭本窗口，跳到该处的输入框。"
    return text


class ExportScreen(ModalScreen[dict | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "取消")]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen #export-box { width: 90%; max-width: 100; height: auto; max-height: 95%;
                               border: thick $accent; background: $surface; padding: 0 1; }
    /* the choices scroll, the buttons stay in sight under them (at 80×24 the box opened scrolled
       to its bottom, 全文 and the charts out of sight) */
    ExportScreen #export-body { height: auto; max-height: 60vh; }
    ExportScreen #export-title { text-style: bold; }
    ExportScreen .export-row { height: auto; }
    ExportScreen RadioSet { width: 1fr; height: auto; }
    ExportScreen #export-warning { color: $warning; height: auto; margin: 1 0 0 0; }
    ExportScreen #export-jumps { height: auto; max-height: 6; border: none; padding: 0; }
    ExportScreen #export-buttons { height: auto; align: center middle; margin: 1 0 0 0; }
    ExportScreen Button { margin: 0 1; min-width: 10; }
    """

    def __init__(self, session, errors: list[str], pending: list[str],
                 lines: list[tuple[str, str, object]] | None = None) -> None:
        """``lines``: (错误 | 待填, text, target) listed under the warning; Enter on one closes the
        dialog with ``{"jump": target}`` (the editor puts the cursor on that field)."""
        super().__init__()
        self.session, self.errors, self.pending = session, errors, pending
        self.lines = list(lines or [])
        self._default = ""

    def compose(self):
        with Vertical(id="export-box"):
            yield Label("导出　Tab 到下一项，↑↓ 与空格选择，在路径上回车即导出", id="export-title", markup=False)
            with VerticalScroll(id="export-body"):
                yield from self._body()
            with Horizontal(id="export-buttons"):
                yield Button("导出", id="export-ok", variant="primary")
                yield Button("取消", id="export-cancel")

    def _body(self):
        with Horizontal(classes="export-row"):
            with RadioSet(id="export-scope"):
                yield RadioButton("第三部分 情况说明", value=True, id="scope-part")
                yield RadioButton("全文（封面、目录、表格）", id="scope-whole")
            with RadioSet(id="export-format"):
                yield RadioButton("Word（.docx）", value=True, id="fmt-docx")
                yield RadioButton("Markdown（.md）", id="fmt-md")
        yield Checkbox("插入图表（需 matplotlib 和中文字体）", value=True, id="export-charts")
        yield Label("保存到：")
        yield Input(id="export-path")
        warning = Static(warning_text(self.errors, self.pending, listed=bool(self.lines)),
                         id="export-warning", markup=False)
        warning.display = bool(self.errors or self.pending)  # no blank rows when all is well
        yield warning
        if self.lines:
            from rich.text import Text
            from textual.widgets.option_list import Option
            from ..widgets.wrap import Wrapped
            from .findings import COLOUR
            options = []
            for i, (group, text, _target) in enumerate(self.lines):
                line = Text()
                line.append(f"【{group}】", style=COLOUR.get(group, "bold"))
                line.append(text)
                options.append(Option(Wrapped(line), id=f"jump-{i}"))  # broken where Chinese breaks
            yield OptionList(*options, id="export-jumps")

    def on_mount(self) -> None:
        self._update_default()
        # the first choice, at the top: the clerk reads the dialog from its beginning (the
        # buttons stay in sight under the scrolling choices)
        self.query_one("#export-scope", RadioSet).focus(scroll_visible=False)
        self.query_one("#export-body", VerticalScroll).scroll_home(animate=False)

    def _choice(self) -> tuple[bool, str]:
        whole = self.query_one("#scope-whole", RadioButton).value
        fmt = "md" if self.query_one("#fmt-md", RadioButton).value else "docx"
        return whole, fmt

    def _update_default(self) -> None:
        whole, fmt = self._choice()
        inp = self.query_one("#export-path", Input)
        new = str(self.session.default_export_path(fmt, whole))
        if not inp.value or inp.value == self._default:
            inp.value = new  # the clerk's own path is kept
        elif fmt == "md" and inp.value.endswith(".docx") or fmt == "docx" and inp.value.endswith(".md"):
            inp.value = str(Path(inp.value).with_suffix("." + fmt))
        self._default = new

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        oid = event.option.id or ""
        if oid.startswith("jump-"):
            event.stop()
            self.dismiss({"jump": self.lines[int(oid[len("jump-"):])][2]})

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self._update_default()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-ok":
            self._finish()
        else:
            self.dismiss(None)

    def _finish(self) -> None:
        from .files import expand
        text = self.query_one("#export-path", Input).value
        if not text.strip():
            return
        whole, fmt = self._choice()
        path = expand(text)
        if path.suffix.lower() not in (".docx", ".md"):
            path = path.with_suffix("." + fmt)
        self.dismiss({"path": str(path), "whole": whole,
                      "charts": self.query_one("#export-charts", Checkbox).value})


class ExportProgressScreen(ModalScreen[None]):
    """Shown while the file is written; then its path, with O to open the folder."""

    BINDINGS = [Binding("escape,enter", "close", "关闭"), Binding("o", "open_folder", "打开所在文件夹")]
    DEFAULT_CSS = """
    ExportProgressScreen { align: center middle; }
    ExportProgressScreen #progress-box { width: 80%; max-width: 90; height: auto; border: thick $accent;
                                         background: $surface; padding: 1 2; }
    ExportProgressScreen LoadingIndicator { height: 1; }
    ExportProgressScreen #progress-text { height: auto; }
    ExportProgressScreen #progress-buttons { height: auto; align: center middle; display: none; }
    ExportProgressScreen.-done #progress-buttons { display: block; }
    ExportProgressScreen.-done LoadingIndicator { display: none; }
    ExportProgressScreen Button { margin: 0 1; }
    """

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.done = False
        self.result_path: Path | None = None

    def compose(self):
        with Vertical(id="progress-box"):
            yield LoadingIndicator()
            from ..widgets.paths import PathText  # the path broken after a "/", not mid-name
            yield Static(PathText(f"正在导出到 {self.path} ……"), id="progress-text", markup=False)
            with Horizontal(id="progress-buttons"):
                yield Button("打开所在文件夹（O）", id="progress-open", variant="primary")
                yield Button("关闭", id="progress-close")

    def finish(self, message: str, path: Path | None) -> None:
        self.done = True
        self.result_path = path
        from ..widgets.paths import PathText
        self.query_one("#progress-text", Static).update(PathText(message))
        self.add_class("-done")
        self.query_one("#progress-open", Button).display = path is not None
        self.query_one("#progress-close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "progress-open":
            self.action_open_folder()
        else:
            self.action_close()

    def action_close(self) -> None:
        if self.done:
            self.dismiss(None)

    def action_open_folder(self) -> None:
        if not self.done or self.result_path is None:
            return
        folder = self.result_path.parent
        try:
            if sys.platform.startswith("win"):
                os.startfile(folder)  # type: ignore[attr-defined]
            else:
                opener = "open" if sys.platform == "darwin" else "xdg-open"
                subprocess.Popen([opener, str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except (OSError, AttributeError):
            self.notify(f"无法打开文件夹（没有图形界面？）。文件在：{folder}", timeout=10)
