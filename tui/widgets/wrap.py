"""Line breaking for Chinese text in a terminal: never inside a number ("24.07万元" is not split
after "24.0"), never a line that starts with closing punctuation (，。、；：％%）》” …), never a
line that ends with an opening one (（《“).  Rich breaks CJK text at any character; the preview
hands it lines broken here instead."""
from __future__ import annotations

import re

from rich.cells import cell_len

# may not start a line: they stick to what comes before
CLOSING = set("，。、；：？！）》」』】〕”’%％‰·…—,.;:?!)]}")
# may not end a line: they stick to what comes after
OPENING = set("（《「『【〔“‘([{")
# a number with its sign, separators, decimals and percent; a Latin word
_ATOM = re.compile(r"[+\-−]?\d[\d,，.]*\d%?|[+\-−]?\d%?|[A-Za-z][A-Za-z0-9_\-]*(?:[.,]\d+)*%?|\s+|.", re.S)


def _units(text: str) -> list[str]:
    atoms = _ATOM.findall(text)
    units: list[str] = []
    glue_next = False
    for a in atoms:
        if units and not glue_next and a[0] in CLOSING:
            units[-1] += a
        elif glue_next and units:
            units[-1] += a
        else:
            units.append(a)
        glue_next = a[-1] in OPENING
    return units


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells (a unit wider than a line is cut)."""
    if width <= 0:
        return [text]
    out: list[str] = []
    for para in text.split("\n"):
        line, used = "", 0
        for unit in _units(para):
            w = cell_len(unit)
            if used + w <= width:
                line, used = line + unit, used + w
                continue
            if line.strip():
                out.append(line.rstrip())
                line, used = "", 0
            if unit.isspace():
                continue  # no spaces at the start of a continued line
            while cell_len(unit) > width:  # longer than a line: cut, as a last resort
                cut, n = "", 0
                for ch in unit:
                    if n + cell_len(ch) > width:
                        break
                    cut, n = cut + ch, n + cell_len(ch)
                out.append(cut)
                unit = unit[len(cut):]
            line, used = unit, cell_len(unit)
        out.append(line.rstrip() if line.strip() else line)
    return out


class Wrapped:
    """A rich ``Text`` laid out by ``wrap`` at the width it is drawn in (a list's lines: Rich breaks
    them at the last blank before a long Chinese run, leaving half-empty lines, or inside a
    number).  The styles of the text are kept."""

    def __init__(self, text) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text.plain

    def __rich_console__(self, console, options):
        plain = self.text.plain
        pos = 0
        for line in wrap(plain, max(1, options.max_width)):
            start = plain.find(line, pos) if line else pos
            if start < 0:  # (wrap only drops blanks, so the line is found; never guess past it)
                start = pos
            end = start + len(line)
            piece = self.text[start:end]
            piece.end, piece.no_wrap, piece.overflow = "\n", True, "crop"
            yield piece
            pos = end


def wrap_offsets(text: str, width: int) -> list[int]:
    """Where a text box breaks ``text`` (one line of it) into rows of at most ``width`` cells: the
    same places as ``wrap``, given as character offsets, nothing dropped (a blank stays at the
    end of its row, as Textual's own wrapping keeps it)."""
    if width <= 0:
        return []
    units: list[str] = []
    for unit in _units(text):
        if units and unit.isspace():
            units[-1] += unit  # a blank rides at the end of what it follows
        else:
            units.append(unit)
    breaks: list[int] = []
    start = used = 0
    for unit in units:
        w = cell_len(unit)
        if used + w <= width or (unit.isspace() and used):
            used += w
        elif w <= width or not unit.rstrip():
            if start and used:
                breaks.append(start)
            used = w
        else:  # longer than a row: folded where the row ends, as a last resort
            pos = start
            if start and used:
                breaks.append(start)
            used = 0
            for ch in unit:
                cw = cell_len(ch)
                if used + cw > width and used:
                    breaks.append(pos)
                    used = 0
                used += cw
                pos += 1
        start += len(unit)
    return breaks
