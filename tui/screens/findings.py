"""The findings of the checks, one a line (the checks' own words)."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option


def finding_text(f) -> str:
    for attr in ("message", "text", "msg"):
        value = getattr(f, attr, None)
        if isinstance(value, str) and value:
            where = getattr(f, "where", None) or getattr(f, "location", None) or ""
            level = getattr(f, "severity", None) or getattr(f, "level", None) or ""
            head = " ".join(str(x) for x in (level, where) if x)
            return f"{head}：{value}" if head else value
    return str(f)


class FindingsScreen(ModalScreen[None]):
    CSS_PATH = "findings.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "关闭")]

    def __init__(self, findings: list) -> None:
        super().__init__()
        self.findings = findings

    def compose(self):
        with Vertical(id="findings-box"):
            n = len(self.findings)
            yield Label(f"审核结果：{n} 条" if n else "审核结果：没有发现问题（或审核规则尚未提供）",
                        id="findings-title")
            yield OptionList(*[Option(finding_text(f)) for f in self.findings], id="findings-list")
            yield Button("关闭", id="findings-close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)
