"""The document's outline: the style's sections, then the data pages; each marked with its
findings (⚠), missing 上年 inputs (缺) and 待填 placeholders (待).  One line an entry: the title
is cut with … so that the marks always show (the full title heads the form)."""
from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def marks(entry, counts: bool = True) -> str:
    """" ⚠2 缺1 待3"; without ``counts`` " ⚠缺待" (a narrow outline: the title keeps its room)."""
    found = [(sign, getattr(entry, name, 0) or 0) for sign, name in
             (("⚠", "findings"), ("缺", "missing"), ("待", "pending"))]
    found = [(sign, n) for sign, n in found if n]
    if not found:
        return ""
    if counts:
        return "".join(f" {sign}{n}" for sign, n in found)
    return " " + "".join(sign for sign, _ in found)


MIN_TITLE = 11  # cells of a title ("二、收入决…") below which the marks drop their counts


def fit(label: str, width: int) -> str:
    """``label`` cut to ``width`` cells with a trailing … when it does not fit."""
    if cell_len(label) <= width:
        return label
    out, used = "", 0
    for ch in label:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out, used = out + ch, used + w
    return out + "…"


class Outline(OptionList):
    DEFAULT_CSS = """
    Outline { width: 28; height: 1fr; border: round $primary; }
    """

    entries: list = []

    def load(self, entries) -> None:
        keep = self.highlighted
        self.clear_options()
        self.entries = list(entries)
        width = (self.content_region.width or self.styles.width.value or 28) - 3  # border, scrollbar
        width = max(8, int(width))
        self._width = width
        first_page = True
        for e in self.entries:
            if e.kind == "page" and first_page:
                self.add_option(None)  # a separator between the text and the data pages
                first_page = False
            mark = marks(e)
            if width - cell_len(mark) < MIN_TITLE and cell_len(e.label) > width - cell_len(mark):
                mark = marks(e, counts=False)  # the counts are in the status line, F4 and F5
            prompt = Text(fit(e.label, width - cell_len(mark)), no_wrap=True)
            if mark:
                prompt.append(mark, style="bold yellow" if getattr(e, "findings", 0) else "bold")
            self.add_option(Option(prompt, id=e.key))
        if keep is not None:
            self.highlighted = min(keep, self.option_count - 1)

    _width = 0

    def on_resize(self, event) -> None:
        # the titles are cut to the width: again only when it changed (not at the first layout)
        width = max(8, int((self.content_region.width or self.styles.width.value or 28) - 3))
        if self.entries and width != self._width:
            self.load(self.entries)
