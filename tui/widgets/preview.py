"""The rendered text, one Static a paragraph (markup off: the clerk's "[50%]" stays text).
Paragraphs are reused between updates, so a keystroke costs a few ``update`` calls, not a
rebuild; the paragraph fed by the focused field is highlighted and scrolled into view."""
from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static


class PreviewPara(Static):
    DEFAULT_CSS = """
    PreviewPara { padding: 0 1; width: 1fr; }
    PreviewPara.-heading { text-style: bold; color: $accent; }
    PreviewPara.-caption { color: $text-muted; text-style: italic; }
    PreviewPara.-hit { background: $warning 35%; }
    """


class Preview(VerticalScroll):
    DEFAULT_CSS = """
    Preview { width: 1fr; height: 1fr; border: round $primary; border-title-color: $accent; }
    """

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
                w.update(text)
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
        return [str(w.content) for w in self.query(PreviewPara) if w.has_class("-hit")]

    def text(self) -> str:
        return "\n".join(str(w.content) for w in self.query(PreviewPara))
