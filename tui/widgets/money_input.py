"""A text input bound to one field path of the project.  It does not parse: the editor hands
what was typed to the session (the core's parser) and shows the refusal under the field."""
from __future__ import annotations

from textual.message import Message
from textual.widgets import Input


class FieldInput(Input):
    """An Input that knows its field path and what the text feeds (the preview's sources)."""

    DEFAULT_CSS = """
    FieldInput { width: 1fr; height: 1; border: none; padding: 0 1; }
    FieldInput.-invalid { background: $error 30%; }
    FieldInput:focus { background: $accent 25%; }
    """

    class Focused(Message):
        def __init__(self, field: "FieldInput") -> None:
            super().__init__()
            self.field = field

    def __init__(self, path: str, value: str = "", sources: frozenset[str] = frozenset(),
                 placeholder: str = "", label: str = "", **kw) -> None:
        super().__init__(value=value, placeholder=placeholder, select_on_focus=False, compact=True, **kw)
        self.path = path
        self.sources = sources
        self.label = label  # what the field is, in full (shown in the status line on focus)

    def on_focus(self) -> None:
        self.post_message(self.Focused(self))
