"""The findings of the checks (and the 待填 list): grouped by severity, errors first, coloured;
Enter on a line closes the list and puts the cursor on the field it is about."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..widgets.wrap import Wrapped

ORDER = {"错误": 0, "警告": 1, "提示": 2}
COLOUR = {"错误": "bold red", "警告": "bold yellow", "提示": "cyan", "待填": "bold magenta"}


def finding_text(f) -> str:
    """【错误】/【提示】 and the check's own message (complete: table, row, expected, found)."""
    severity = getattr(f, "severity", "")
    message = getattr(f, "message", None) or str(f)
    return f"【{severity}】{message}" if severity else message


def grouped(findings: list) -> list:
    """Errors first, then 警告, then 提示; the checks' order kept within a group."""
    return sorted(findings, key=lambda f: ORDER.get(getattr(f, "severity", ""), 3))


class JumpListScreen(ModalScreen):
    """A titled list of (group, text, target); returns the target of the line chosen (Enter),
    None on Escape.  A header line per group, coloured by severity."""

    CSS_PATH = "findings.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "关闭")]

    def __init__(self, title: str, items: list[tuple[str, str, object]], empty: str) -> None:
        super().__init__()
        self.title_text, self.items, self.empty = title, items, empty

    def compose(self):
        with Vertical(id="findings-box"):
            yield Label(self.title_text, id="findings-title", markup=False)
            yield Static("回车：跳到该处的输入框；Esc：关闭。" if self.items else self.empty,
                         id="findings-hint", markup=False)
            options: list = []
            group = None
            for i, (g, text, _target) in enumerate(self.items):
                if g != group:
                    group = g
                    n = sum(1 for it in self.items if it[0] == g)
                    options.append(Option(Text(f"── {g}（{n} 条）", style=COLOUR.get(g, "bold")),
                                          id=f"group-{g}", disabled=True))
                line = Text()
                line.append(f"【{g}】", style=COLOUR.get(g, "bold"))
                line.append(text)
                options.append(Option(Wrapped(line), id=str(i)))  # broken where Chinese breaks
            yield OptionList(*options, id="findings-list")
            yield Button("关闭", id="findings-close")

    def on_mount(self) -> None:
        lst = self.query_one(OptionList)
        lst.focus()
        first = next((i for i in range(lst.option_count) if not lst.get_option_at_index(i).disabled), None)
        if first is not None:
            lst.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        oid = event.option.id or ""
        if oid.isdigit():
            self.dismiss(self.items[int(oid)][2])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)


class FindingsScreen(JumpListScreen):
    """审核 (F5): the findings, errors first; each line jumps to its field."""

    def __init__(self, findings: list, targets: list | None = None) -> None:
        findings = list(findings)
        targets = list(targets) if targets is not None else [None] * len(findings)
        pairs = sorted(zip(findings, targets), key=lambda p: ORDER.get(getattr(p[0], "severity", ""), 3))
        self.findings = [f for f, _ in pairs]
        n = len(findings)
        errors = sum(1 for f in findings if getattr(f, "severity", "") == "错误")
        title = f"审核结果：{n} 条（错误 {errors}）" if n else "审核结果：未发现问题"
        items = [(getattr(f, "severity", "") or "提示", getattr(f, "message", None) or str(f), t)
                 for f, t in pairs]
        super().__init__(title, items, "表间勾稽关系和情况说明的输入都已核对，没有发现问题。")
