"""The findings of the checks, one a line (the checks' own words)."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option


def finding_text(f) -> str:
    """【错误】/【提示】 and the check's own message (complete: table, row, expected, found)."""
    severity = getattr(f, "severity", "")
    message = getattr(f, "message", None) or str(f)
    return f"【{severity}】{message}" if severity else message


class FindingsScreen(ModalScreen[None]):
    CSS_PATH = "findings.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "关闭")]

    def __init__(self, findings: list) -> None:
        super().__init__()
        self.findings = findings

    def compose(self):
        with Vertical(id="findings-box"):
            n = len(self.findings)
            yield Label(f"审核结果：{n} 条" if n else "审核结果：未发现问题",
                        id="findings-title")
            yield OptionList(*[Option(finding_text(f)) for f in self.findings], id="findings-list")
            yield Button("关闭", id="findings-close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)
