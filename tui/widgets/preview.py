"""The rendered text, one Static a paragraph (markup off: the clerk's "[50%]" stays text).
Paragraphs are reused between updates, so a keystroke costs a few ``update`` calls, not a
rebuild; the paragraph fed by the focused field is highlighted and scrolled into view."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static


class PreviewPara(Static):
    """A paragraph broken into lines by ``wrap`` (CJK-safe) at the widget's width; ``raw`` is
    the text as rendered (``text()`` gives it back unbroken)."""

    DEFAULT_CSS = """
    PreviewPara { padding: 0 1; width: 1fr; }
    PreviewPara.-heading { text-style: bold; color: $accent; }
    PreviewPara.-caption { color: $text-muted; text-style: italic; }
    PreviewPara.-hit { background: $warning 35%; }
    """

    def __init__(self, text: str = "", **kw) -> None:
        super().__init__("", **kw)
        self.raw = ""
        self._width = 0
        self.set_text(text)

    def set_text(self, text: str) -> None:
        if text == self.raw and self._width == self._wrap_width():
            return
        self.raw = text
        self._rewrap()

    def _wrap_width(self) -> int:
        return self.content_region.width if self.content_region.width > 0 else 0

    def _rewrap(self) -> None:
        from .wrap import wrap
        self._width = self._wrap_width()
        self.update("\n".join(wrap(self.raw, self._width)) if self._width else self.raw)

    def on_resize(self, event) -> None:
        if self._wrap_width() != self._width:
            self._rewrap()


class Preview(VerticalScroll):
    """Focusable: ↑/↓ pick a paragraph, Enter moves the cursor to the field that feeds it."""

    DEFAULT_CSS = """
    /* the gutter is kept even while the text fits: paragraphs wrap at one width whether or not
       the scrollbar has appeared yet (the wrap raced the scrollbar, and lines moved by one) */
    Preview { width: 1fr; height: 1fr; border: round $primary; border-title-color: $accent;
              scrollbar-gutter: stable; }
    Preview:focus { border: round $accent; }
    Preview:focus PreviewPara.-cursor { text-style: reverse; }
    """
    BINDINGS = [Binding("up", "cursor(-1)", "上一段", show=False),
                Binding("down", "cursor(1)", "下一段", show=False),
                Binding("enter", "jump", "到输入框", show=False)]

    class Jump(Message):
        def __init__(self, sources: frozenset[str]) -> None:
            super().__init__()
            self.sources = sources

    cursor = 0

    def action_cursor(self, delta: int) -> None:
        paras = list(self.query(PreviewPara))
        if not paras:
            return
        self.cursor = max(0, min(len(paras) - 1, self.cursor + delta))
        for i, w in enumerate(paras):
            w.set_class(i == self.cursor, "-cursor")
        paras[self.cursor].scroll_visible(animate=False)

    def on_focus(self) -> None:
        self.action_cursor(0)

    def action_jump(self) -> None:
        if 0 <= self.cursor < len(self._sources):
            self.post_message(self.Jump(frozenset(self._sources[self.cursor])))

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self._sources: list[set[str]] = []
        self._highlight: frozenset[str] = frozenset()
        self.revision = -1  # the session revision this text shows

    def show(self, blocks: list[tuple[str, str, set[str]]], revision: int) -> None:
        """blocks: (kind, text, sources) as the screen took them from the document."""
        paras = list(self.query(PreviewPara))
        for i, (kind, text, sources) in enumerate(blocks):
            if i < len(paras):
                w = paras[i]
                w.set_text(text)
            else:
                w = PreviewPara(text, markup=False)
                self.mount(w)
            w.set_class(kind == "heading", "-heading")
            w.set_class(kind == "caption", "-caption")
        for w in paras[len(blocks):]:
            w.remove()
        self._sources = [s for _, _, s in blocks]
        self.revision = revision
        self._apply()

    def highlight(self, sources: frozenset[str]) -> None:
        self._highlight = sources
        self._apply(scroll=True)

    def _apply(self, scroll: bool = False) -> None:
        first = None
        for w, src in zip(self.query(PreviewPara), self._sources):
            hit = bool(self._highlight and src & self._highlight)
            w.set_class(hit, "-hit")
            if hit and first is None:
                first = w
        if scroll and first is not None:
            self.scroll_to_widget(first, animate=False, top=True)

    def highlighted_texts(self) -> list[str]:
        return [w.raw for w in self.query(PreviewPara) if w.has_class("-hit")]

    def text(self) -> str:
        return "\n".join(w.raw for w in self.query(PreviewPara))
