"""新建 → 从去年的公开文件学习格式: pick last year's published document and last year's project,
learn the unit's style, show the report, open this year's project in the learned style."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class LearnStyleScreen(ModalScreen[None]):
    CSS_PATH = "learn.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "取消")]

    def compose(self):
        with Vertical(id="learn-box"):
            yield Label("从去年的公开文件学习格式", id="learn-title")
            yield Static("读去年公开的决算文件（Word、PDF 或文字）和去年的项目文件，学出本单位的格式，"
                         "再用它新建今年的项目（上年数、去年的原因作【上年】草稿带入）。", id="learn-sub", markup=False)
            yield Label("去年公开的文件")
            yield Input(id="learn-doc", placeholder="如：~/决算/2024年决算公开.docx", compact=True)
            yield Label("去年的项目文件")
            yield Input(id="learn-last", placeholder="如：~/决算/某某中心2024.toml", compact=True)
            yield Label("今年的项目保存为")
            yield Input(id="learn-new", placeholder="如：~/决算/某某中心2025.toml", compact=True)
            yield Static("", id="learn-error", markup=False)
            with Horizontal(id="learn-buttons"):
                yield Button("学习并新建", id="learn-ok", variant="primary")
                yield Button("取消", id="learn-cancel")

    def on_mount(self) -> None:
        self.query_one("#learn-doc", Input).focus()

    def show_error(self, message: str) -> None:
        self.query_one("#learn-error", Static).update(message)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "learn-cancel":
            self.dismiss(None)
        elif event.button.id == "learn-ok":
            self.submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submit()

    def submit(self) -> None:
        values = {k: self.query_one(f"#learn-{k}", Input).value.strip() for k in ("doc", "last", "new")}
        for key, label in (("doc", "去年公开的文件"), ("last", "去年的项目文件"), ("new", "今年的项目保存为")):
            if not values[key]:
                self.show_error(f"请填写{label}")
                return
        self.show_error("正在学习……")
        self.query_one("#learn-ok", Button).disabled = True
        self.run_worker(lambda: self._work(values), thread=True, exclusive=True, group="learn")

    def _work(self, values: dict) -> None:
        from narratives.errors import JuesuanError
        from narratives.learn.start import learn_and_start
        try:
            session, result = learn_and_start(values["doc"], values["last"], values["new"])
        except JuesuanError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._learned, session, result)

    def _failed(self, message: str) -> None:
        self.query_one("#learn-ok", Button).disabled = False
        self.show_error(message)

    def _learned(self, session, result) -> None:
        self.dismiss(None)
        self.app.push_screen(LearnReportScreen(session, result))


class LearnReportScreen(ModalScreen[None]):
    """The learning report; 打开今年的项目 opens the new project in the learned style."""

    CSS_PATH = "learn.tcss"
    BINDINGS = [Binding("escape", "open_project", "打开今年的项目")]

    def __init__(self, session, result) -> None:
        super().__init__()
        self.session, self.result = session, result

    def compose(self):
        with Vertical(id="learn-report-box"):
            yield Label(f"已学习样式：{self.result.folder.name}", id="learn-title")
            with VerticalScroll(id="learn-report"):
                yield Static(self.result.report.text(self.result.folder.name), markup=False)
            with Horizontal(id="learn-buttons"):
                yield Button("打开今年的项目", id="learn-open", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#learn-open", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_open_project()

    def action_open_project(self) -> None:
        self.dismiss(None)
        self.app._show_session(self.session)
