"""A reason box's soft wrap at CJK-safe points (``wrap.wrap_offsets``): Textual's TextArea breaks
a line at blanks and otherwise anywhere, so "24.07万元" was shown as "24.0" / "7万元".  The
TextArea keeps its own editing and cursor logic; only where its rows break is ours.

Textual 8.2 (pinned) gives no hook for this: ``WrappedDocument`` computes its breaks with a
module function.  This subclass recomputes the same private tables (_wrap_offsets and the two
index maps) with our breaks; an edit rewraps the whole box (a few lines of text: microseconds).
tests/tui/test_clerk_pass.py fails if a Textual upgrade changes those tables."""
from __future__ import annotations

from textual._wrap import compute_wrap_offsets
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import get_tab_widths

from .wrap import wrap_offsets


class CJKWrappedDocument(WrappedDocument):
    def wrap(self, width: int, tab_width: int | None = None) -> None:
        self._width = width
        if tab_width:
            self._tab_width = tab_width
        offsets: list[list[int]] = []
        line_info: list[tuple[int, int]] = []
        line_rows: list[list[int]] = []
        tabs: list[list[int]] = []
        y = 0
        for index, line in enumerate(self.document.lines):
            sections = get_tab_widths(line, self._tab_width)
            if not width:
                cuts: list[int] = []
            elif "\t" in line:  # tabs (pasted text) have widths only Textual's wrapper knows
                cuts = compute_wrap_offsets(line, width, tab_size=self._tab_width,
                                            precomputed_tab_sections=sections)
            else:
                cuts = wrap_offsets(line, width)
            tabs.append([w for _, w in sections])
            offsets.append(cuts)
            rows = []
            for section in range(len(cuts) + 1):
                line_info.append((index, section))
                rows.append(y)
                y += 1
            line_rows.append(rows)
        self._wrap_offsets = offsets
        self._offset_to_line_info = line_info
        self._line_index_to_offsets = line_rows
        self._tab_width_cache = tabs

    def wrap_range(self, start, old_end, new_end) -> None:
        self.wrap(self._width)


class CJKWrapMixin:
    """For a TextArea: every wrapped view it makes (on creation, on a new text) is ours."""

    @property
    def wrapped_document(self) -> WrappedDocument:
        return self._cjk_wrapped

    @wrapped_document.setter
    def wrapped_document(self, doc: WrappedDocument) -> None:
        if not isinstance(doc, CJKWrappedDocument):
            doc = CJKWrappedDocument(doc.document, doc._width, doc._tab_width)
        self._cjk_wrapped = doc
