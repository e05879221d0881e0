"""Table layout computed from the content: how wide each column must be so that no amount, code
or percentage ever wraps, and whether a table needs a landscape page at all.

Widths are measured in points from the formatted text in the table's font: a Chinese character
is one em, Latin characters use Times New Roman's advance widths (the Latin font of the export,
and LibreOffice's Liberation Serif has the same metrics).  This is layout arithmetic on text
lengths, never on money: the amounts are already formatted strings here.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass

from .header_words import words as heading_words, wrap as wrap_heading
from .layout import Table

# Times New Roman advance widths in em (the ones tables and footers use; others count 0.5 em)
_LATIN = {".": 0.25, ",": 0.25, ":": 0.278, ";": 0.278, " ": 0.25, "%": 0.833, "-": 0.333, "(": 0.333,
          ")": 0.333, "/": 0.278, "[": 0.333, "]": 0.333, "=": 0.564, "+": 0.564, "≥": 0.549, "≤": 0.549,
          "I": 0.333, "i": 0.278, "l": 0.278, "j": 0.278, "t": 0.278, "f": 0.333, "r": 0.333, "m": 0.778,
          "w": 0.722, "M": 0.889, "W": 0.944}
# text that must stay on one line: amounts, rates, codes, 行次, scores ("—" for not applicable)
RIGID = re.compile(r"^[-+]?[\d,]*\.?\d*%?$|^[—-]+$|^\d{3,7}$")
CELL_PAD_PT = 2.85  # left and right cell margin (w:tblCellMar, 57 twips = 1 mm)
SAFETY = 1.06  # renderers differ a little in kerning and rounding; a number must never wrap
MIN_FLEX_EM = 3  # a wrapping (Chinese) heading or label is never narrower than three characters
COMFORT_EM = 8  # …and portrait is chosen only when names get at least this much room


@lru_cache(maxsize=4096)
def char_em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch in "“”‘’…—":  # full width in a Chinese font (the East Asian font draws them)
        return 1.0
    return _LATIN.get(ch, 0.5)


@lru_cache(maxsize=16384)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The single-line width of ``text`` in points at ``size``."""
    w = sum(char_em(c) for c in text) * size
    return w * (1.03 if bold else 1.0)


def is_rigid(text: str) -> bool:
    return bool(text) and bool(RIGID.match(text.strip()))


@lru_cache(maxsize=16384)
def cell_lines(text: str, width_pt: float, size: float, bold: bool = True) -> tuple[str, ...]:
    """A cell's lines in a text area ``width_pt`` wide, broken between words (header_words: a
    heading's "事业/收入", a label's "一、一般公共预算/财政拨款"); measured with the same safety
    margin that sizes the columns, so the renderer never needs a break of its own."""
    usable = max(width_pt, size) / SAFETY
    return tuple(wrap_heading(text, usable, lambda x: text_width(x, size, bold)))


@lru_cache(maxsize=16384)
def lines_needed(text: str, width_pt: float, size: float, bold: bool = False) -> int:
    """How many lines ``text`` takes in a cell whose text area is ``width_pt`` wide (greedy:
    a Chinese line breaks between any characters, a Latin run only at spaces)."""
    if not text:
        return 1
    usable = max(width_pt, size)
    count = 0
    for para in text.split("\n"):
        lines, cur = 1, 0.0
        for token in re.findall(r"[A-Za-z0-9.,%\-]+|.", para):
            w = text_width(token, size, bold)
            if cur + w > usable + 0.01 and cur > 0:
                lines += 1
                cur = 0.0
                while w > usable:  # a token longer than a line breaks where it must
                    lines += 1
                    w -= usable
            cur += w
        count += lines
    return count


@dataclass
class Fit:
    widths_pt: list[float]  # the column widths, summing to the available width
    size: float  # the font size the table is set in
    landscape: bool
    fits: bool  # False: even landscape at the smallest size could not keep every number whole


def _needs(t: Table, size: float, comfort: bool, header_em: int = 4) -> tuple[list[float], list[float]]:
    """(minimum, preferred) width of each column in points, cell margins included."""
    nrows, ncols, placed = t.placed()
    lo = [0.0] * ncols
    hi = [0.0] * ncols
    spans: list[tuple[int, int, float]] = []
    pad = 2 * CELL_PAD_PT
    for r, c, cell, is_header in placed:
        text = cell.text.strip()
        if not text:
            continue
        bold = is_header or cell.bold
        longest = max(text_width(line, size, bold) for line in text.split("\n")) * SAFETY + pad
        if is_rigid(text):
            need = longest
        else:
            # a Chinese label may wrap: at least a few characters (or its longest Latin word); a
            # heading only between words, so its column holds its longest word ("事业收/入" never)
            words = heading_words(text) if is_header else re.findall(r"[A-Za-z0-9.,%\-]+", text)
            word = max([text_width(w, size, bold) * SAFETY for w in words] + [0.0]) + pad
            em = (COMFORT_EM if comfort and not is_header else header_em if is_header else MIN_FLEX_EM) \
                * size * SAFETY + pad
            need = max(word, min(longest, em))
        if cell.cols == 1:
            lo[c] = max(lo[c], need)
            # a heading may wrap within its (one) header row; a body label that wraps costs a line
            # on every row: room goes to the body first
            hi[c] = max(hi[c], need if is_header else longest)
        else:
            spans.append((c, min(cell.cols, ncols - c), need))
    for c, n, need in spans:  # a spanned cell widens the columns under it only where they are short
        have = sum(lo[c:c + n])
        if have < need:
            extra = (need - have) / n
            for k in range(c, c + n):
                lo[k] += extra
                hi[k] = max(hi[k], lo[k])
    lo = [max(x, size + pad) for x in lo]
    hi = [max(h, l) for h, l in zip(hi, lo)]
    return lo, hi


def distribute(lo: list[float], hi: list[float], avail: float) -> list[float]:
    """Give each column its minimum, then the room left towards its preferred width, then the
    rest in proportion to the preferred widths, so the table fills the type area."""
    widths = list(lo)
    room = avail - sum(widths)
    want = [h - l for h, l in zip(hi, lo)]
    if room > 0 and sum(want) > 0:
        share = min(1.0, room / sum(want))
        widths = [w + x * share for w, x in zip(widths, want)]
        room = avail - sum(widths)
    if room > 0:
        base = sum(hi) or len(hi)
        widths = [w + room * ((h or 1) / base) for w, h in zip(widths, hi)]
    return widths


def fit_table(t: Table, portrait_pt: float, landscape_pt: float, size: float,
              allow_landscape: bool = True, min_size: float = 7.5) -> Fit:
    """Portrait when the table fits the portrait type area with readable names; else landscape;
    else a smaller font (down to ``min_size``) until every number fits on one line."""
    candidates = [(False, portrait_pt)] + ([(True, landscape_pt)] if allow_landscape else [])
    s = size
    while True:
        for landscape, avail in candidates:
            # headings four characters wide where they can be, else three (a wrapped heading is
            # one row; a wrapped label is a line on many rows)
            options = []
            for header_em in (4, MIN_FLEX_EM):
                lo, hi = _needs(t, s, comfort=not landscape, header_em=header_em)
                if sum(lo) <= avail:
                    widths = distribute(lo, hi, avail)
                    options.append((sum(row_heights(t, widths, s)), -header_em, widths))
            if options:  # the layout that makes the table shortest (fewer wrapped lines)
                return Fit(min(options)[2], s, landscape, True)
        if s - 0.5 < min_size:
            break
        s -= 0.5
    landscape, avail = candidates[-1]
    lo, hi = _needs(t, s, comfort=False, header_em=MIN_FLEX_EM)
    scale = avail / sum(lo)
    return Fit([x * scale for x in lo], s, landscape, False)


def row_heights(t: Table, widths_pt: list[float], size: float, line: float | None = None) -> list[float]:
    """Each row's height in points (lines × single spacing + cell margins), for paging estimates."""
    nrows, ncols, placed = t.placed()
    lines = [1] * nrows
    line_h = line or size * 1.3
    for r, c, cell, is_header in placed:
        if cell.rows > 1:
            continue
        w = sum(widths_pt[c:c + cell.cols]) - 2 * CELL_PAD_PT
        n = lines_needed(cell.text, w, size, cell.bold) if is_rigid(cell.text) else \
            len(cell_lines(cell.text, w, size, is_header or cell.bold))
        lines[r] = max(lines[r], n)
    return [n * line_h + 1 for n in lines]  # + the border

