"""The findings of the checks (and the 待填 list): grouped by tier — 错误, then 提示, then 尾差
(differences within the rounding tolerance, folded into one dim line that Enter opens) — coloured;
Enter on a line closes the list and puts the cursor on the field it is about."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..widgets.wrap import Wrapped

ORDER = {"错误": 0, "警告": 1, "提示": 2, "尾差": 3}
COLOUR = {"错误": "bold red", "警告": "bold yellow", "提示": "cyan", "待填": "bold magenta", "尾差": "dim"}
TAIL = "尾差"  # narratives.checks.TAIL (not imported: the launch shows this module before the core)


def tier(f) -> str:
    """错误 / 提示 / 尾差 of a finding (``Finding.tier``; a plain object's severity)."""
    return getattr(f, "tier", None) or getattr(f, "severity", "") or "提示"


def finding_text(f) -> str:
    """【错误】/【提示】/【尾差】 and the check's own message (complete: table, row, expected, found)."""
    t = tier(f)
    message = getattr(f, "message", None) or str(f)
    return f"【{t}】{message}" if t else message


def grouped(findings: list) -> list:
    """Errors first, then 警告, then 提示, then 尾差; the checks' order kept within a group."""
    return sorted(findings, key=lambda f: ORDER.get(tier(f), 4))


def status_text(findings: list) -> str:
    """The status line's 审核 part: "审核 1错误 2提示", "审核 0错误 0提示 尾差21" — a 尾差 is within
    the rounding tolerance, so it is counted apart and after the others; "审核 无问题" for none."""
    if not findings:
        return "审核 无问题"
    counts = {"错误": 0, "提示": 0, TAIL: 0}
    for f in findings:
        t = tier(f)
        counts[t if t in counts else "提示"] += 1
    text = f"审核 {counts['错误']}错误 {counts['提示']}提示"
    return text + (f" 尾差{counts[TAIL]}" if counts[TAIL] else "")


class JumpListScreen(ModalScreen):
    """A titled list of (group, text, target); returns the target of the line chosen (Enter),
    None on Escape.  A header line per group, coloured by severity.  A group in ``folded`` shows
    its header only (with ``folded[group]`` saying why it may be left alone); Enter on the header
    opens it, and again closes it."""

    CSS_PATH = "findings.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "关闭")]

    def __init__(self, title: str, items: list[tuple[str, str, object]], empty: str,
                 folded: dict[str, str] | None = None) -> None:
        super().__init__()
        self.title_text, self.items, self.empty = title, items, empty
        self.folded = dict(folded or {})
        self.opened: set[str] = set()

    def _options(self) -> list:
        options: list = []
        group = None
        for i, (g, text, _target) in enumerate(self.items):
            style = COLOUR.get(g, "bold")
            if g != group:
                group = g
                n = sum(1 for it in self.items if it[0] == g)
                if g in self.folded:
                    sign, act = ("▾", "回车收起") if g in self.opened else ("▸", "回车展开")
                    options.append(Option(Wrapped(Text(f"{sign} {g} {n} 处（{self.folded[g]}）{act}", style=style)),
                                          id=f"fold-{g}"))
                else:
                    options.append(Option(Text(f"── {g}（{n} 条）", style=style), id=f"group-{g}", disabled=True))
            if g in self.folded and g not in self.opened:
                continue
            line = Text(style="dim" if g in self.folded else "")
            line.append(f"【{g}】", style=style)
            line.append(text)
            options.append(Option(Wrapped(line), id=str(i)))  # broken where Chinese breaks
        return options

    def compose(self):
        with Vertical(id="findings-box"):
            yield Label(self.title_text, id="findings-title", markup=False)
            yield Static("回车：跳到该处的输入框；Esc：关闭。" if self.items else self.empty,
                         id="findings-hint", markup=False)
            yield OptionList(*self._options(), id="findings-list")
            yield Button("关闭", id="findings-close")

    def on_mount(self) -> None:
        lst = self.query_one(OptionList)
        lst.focus()
        first = next((i for i in range(lst.option_count) if not lst.get_option_at_index(i).disabled), None)
        if first is not None:
            lst.highlighted = first

    def toggle(self, group: str) -> None:
        """Open (or close) a folded group, the cursor staying on its header."""
        self.opened ^= {group}
        lst = self.query_one(OptionList)
        lst.clear_options()
        lst.add_options(self._options())
        lst.highlighted = lst.get_option_index(f"fold-{group}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        oid = event.option.id or ""
        if oid.startswith("fold-"):
            self.toggle(oid[len("fold-"):])
        elif oid.isdigit():
            self.dismiss(self.items[int(oid)][2])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)


class FindingsScreen(JumpListScreen):
    """审核 (F5): the findings, errors first, 尾差 last and folded; each line jumps to its field."""

    def __init__(self, findings: list, targets: list | None = None) -> None:
        findings = list(findings)
        targets = list(targets) if targets is not None else [None] * len(findings)
        pairs = sorted(zip(findings, targets), key=lambda p: ORDER.get(tier(p[0]), 4))
        self.findings = [f for f, _ in pairs]
        tiers = [tier(f) for f in self.findings]
        errors, tails = tiers.count("错误"), tiers.count(TAIL)
        if not findings:
            title = "审核结果：未发现问题"
        else:
            title = f"审核结果：错误 {errors} 条，提示 {len(tiers) - errors - tails} 条"
            title += f"，尾差 {tails} 处（在允许范围内）" if tails else ""
        items = [(tier(f), getattr(f, "message", None) or str(f), t) for f, t in pairs]
        super().__init__(title, items, "表间勾稽关系和情况说明的输入都已核对，没有发现问题。",
                         folded={TAIL: "在允许范围内，不必改动，可在表下注明“因四舍五入…”"})
