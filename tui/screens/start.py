"""The start screen: recent projects, 新建, 打开, 导入, 打开示例."""
from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from narratives import recent as core


class StartScreen(Screen):
    CSS_PATH = "start.tcss"
    BINDINGS = [
        Binding("ctrl+n", "app.new_project", "新建", tooltip="新建一个项目"),
        Binding("ctrl+o", "app.open_project", "打开", tooltip="打开项目文件"),
        Binding("f7", "app.open_sample", "打开示例", tooltip="打开内置示例"),
    ]

    def compose(self):
        with Vertical(id="start-box"):
            yield Static("决算公开 · 第三部分 情况说明", id="start-title")
            yield Static("起草、核对并导出情况说明。选择最近的项目，或新建、打开、导入公开表、打开示例。",
                         id="start-sub")
            yield Label("最近的项目", classes="start-label")
            yield OptionList(id="start-recent")
            with Horizontal(id="start-buttons"):
                yield Button("新建", id="start-new", variant="primary")
                yield Button("打开", id="start-open")
                yield Button("导入", id="start-import")
                yield Button("打开示例", id="start-sample")
                yield Button("退出", id="start-quit", variant="error")
        yield Footer()

    def on_mount(self) -> None:
        self.load_recent()

    def load_recent(self) -> None:
        lst = self.query_one("#start-recent", OptionList)
        lst.clear_options()
        recent = core.recent_entries()
        self.problems: dict[str, str] = {}
        for p in recent:
            card = core.card(p)
            if card.problem:
                self.problems[str(p)] = card.problem
            lst.add_option(Option(card_prompt(card), id=str(p)))
        if not recent:
            lst.add_option(Option("（还没有打开过项目）", id="", disabled=True))
        if recent:
            lst.highlighted = 0
            lst.focus()
        else:
            self.query_one("#start-new", Button).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not event.option.id:
            return
        problem = getattr(self, "problems", {}).get(event.option.id)
        if problem and not Path(event.option.id).is_file():
            self.notify(f"{problem}：{event.option.id}", severity="warning", timeout=8)
            return
        self.app.open_path(event.option.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        action = {"start-new": "new_project", "start-open": "open_project", "start-import": "import_workbook",
                  "start-sample": "open_sample", "start-quit": "quit"}.get(event.button.id or "")
        if action:
            self.app.call_later(self.app.run_action, action)


def card_prompt(card, extra: str = "", second: str | None = None):
    """A project in a list: its unit and year (bold), then where it is (dim, cut from the left);
    a file that cannot be read says why instead of its unit."""
    from ..widgets.paths import LeftCut
    head = Text()
    if card.problem:
        head.append(card.path.name, style="bold")
        head.append(f"　{card.problem}", style="yellow")
    else:
        head.append(card.name or card.path.stem, style="bold")
        if card.year:
            head.append(f"　{card.year}年度")
        if extra:
            head.append(f"　{extra}")
    return TwoLines(head, LeftCut(str(card.path) if second is None else second, style="dim"))


class TwoLines:
    """A list entry of two lines; ``str()`` is its plain text (what a test or a screen reader reads)."""

    def __init__(self, head: Text, second) -> None:
        self.head, self.second = head, second

    def __str__(self) -> str:
        return f"{self.head.plain}\n{self.second}"

    def __rich_console__(self, console, options):
        yield self.head
        yield self.second


def sample_choices(paths) -> list[tuple[str, object]]:
    """打开示例's list: each sample by its unit, year and style in Chinese; the file name dim."""
    choices = []
    for p in paths:
        card = core.card(p)
        style = ""
        if card.style:
            try:
                from narratives.styles import load
                style = f"{load(card.style).label}样式"
            except Exception:  # a style that does not load is named as the file has it
                style = f"{card.style} 样式"
        choices.append((str(p), card_prompt(card, style, second=f"示例文件 {Path(p).name}")))
    return choices


class NewProjectScreen(ModalScreen[dict | None]):
    """单位名称, 年度, 单位性质, 样式 and where to save; returns the values, None on Escape."""

    CSS_PATH = "start.tcss"
    # Enter in a line moves on at once, before the next key is handled: typed quickly (or sent by
    # tmux) "名称⏎2025" put 2025 into 单位名称, since Input.Submitted moved the focus only later
    BINDINGS = [Binding("escape", "dismiss(None)", "取消"),
                Binding("enter", "enter", show=False, priority=True)]

    def __init__(self, styles: list[tuple[str, str]], folder: str = "") -> None:
        super().__init__()
        self.style_choices, self.folder = styles, folder

    def compose(self):
        from narratives.model import UNIT_KINDS
        with Vertical(id="new-box"):
            yield Label("新建项目", id="new-title")
            yield Label("单位名称")
            yield Input(id="new-name", placeholder="如：某某市法律援助中心", compact=True)
            yield Label("年度")
            yield Input(id="new-year", placeholder="如：2024", compact=True)
            yield Label("单位性质")
            yield Select([(k, k) for k in UNIT_KINDS], value="事业单位", allow_blank=False, id="new-kind", compact=True)
            yield Label("样式")
            yield Select([(label, name) for name, label in self.style_choices],
                         value=self.style_choices[0][0], allow_blank=False, id="new-style", compact=True)
            yield Label("保存为（文件路径）")
            yield Input(id="new-path", placeholder="如：~/决算/某某中心2024.toml", compact=True)
            error = Static("", id="new-error", markup=False)
            error.display = False  # a blank row cost the dialog its title at 80×24
            yield error
            with Horizontal(id="new-buttons"):
                yield Button("创建", id="new-ok", variant="primary")
                yield Button("取消", id="new-cancel")
            # issue 15: start from last year's published document in the unit's own format
            yield Button("从去年的公开文件学习格式", id="new-learn")

    def on_mount(self) -> None:
        self.query_one("#new-name", Input).focus()

    def show_error(self, message: str) -> None:
        error = self.query_one("#new-error", Static)
        error.update(message)
        error.display = bool(message)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "new-cancel":
            self.dismiss(None)
            return
        if event.button.id == "new-learn":
            from .learn import LearnStyleScreen
            self.dismiss(None)
            self.app.push_screen(LearnStyleScreen())
            return
        self.submit()

    def action_enter(self) -> None:
        from textual.actions import SkipAction
        focused = self.focused
        if not isinstance(focused, Input):
            raise SkipAction()  # a button, a drop-down: Enter does what it does there
        if focused.id == "new-path":
            self.submit()
        else:
            self.focus_next()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves on to the next field; only Enter in the last one (保存为) creates
        if event.input.id != "new-path":
            event.stop()
            self.focus_next()
            return
        self.submit()

    def submit(self) -> None:
        values = {
            "name": self.query_one("#new-name", Input).value.strip(),
            "year": self.query_one("#new-year", Input).value.strip(),
            "kind": self.query_one("#new-kind", Select).value,
            "style": self.query_one("#new-style", Select).value,
            "path": self.query_one("#new-path", Input).value.strip(),
        }
        for key, label in (("name", "单位名称"), ("year", "年度"), ("path", "保存为")):
            if not values[key]:
                self.show_error(f"请填写{label}")
                return
        # the app creates the file; if the core refuses, it calls show_error and we stay open
        self.app.create_project(values, self)


class OpeningScreen(Screen):
    """Shown for the moment it takes to read a project given on the command line."""

    CSS_PATH = "start.tcss"

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self):
        yield Static(f"正在打开 {self.path} …", id="opening-text", markup=False)
        yield Footer()
