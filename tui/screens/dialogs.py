"""Small modal dialogs: a question with buttons, a line of text (a file path), a choice."""
from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option


class AskScreen(ModalScreen[str]):
    """A question; returns the id of the button pressed ("cancel" on Escape)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "dismiss('cancel')", "取消")]

    def __init__(self, question: str, buttons: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.question = question
        self.buttons = buttons

    def compose(self):
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for bid, label, variant in self.buttons:
                    yield Button(label, id=bid, variant=variant)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")


class PromptScreen(ModalScreen[str | None]):
    """One line of text (e.g. a file path); None on Escape."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "取消")]

    def __init__(self, question: str, value: str = "", placeholder: str = "", allow_empty: bool = False) -> None:
        super().__init__()
        self.question, self.value, self.placeholder = question, value, placeholder
        self.allow_empty = allow_empty  # then an empty answer is "" (Escape is still None)

    def compose(self):
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-text", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static("", id="prompt-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("确定", id="ok", variant="primary")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self._finish()
        else:
            self.dismiss(None)

    def _finish(self) -> None:
        text = self.query_one(Input).value.strip()
        if not text and self.allow_empty:
            self.dismiss("")
            return
        if not text:
            self.query_one("#prompt-error", Static).update("请填写")
            return
        self.dismiss(str(Path(text).expanduser()))


class ChoiceScreen(ModalScreen[str | None]):
    """Pick one of a list; returns the choice's id, None on Escape."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "取消")]

    def __init__(self, question: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question, self.choices = question, choices

    def compose(self):
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-text", markup=False)
            yield OptionList(*[Option(label, id=cid) for cid, label in self.choices], id="choices")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
