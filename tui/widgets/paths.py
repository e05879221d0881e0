"""File paths on a narrow screen: cut from the left with … (the file's own name is what the
clerk reads: "…/决算/阳泉2024.toml", not "/home/clerk/决算/阳"), and broken only at "/"
when a message must show one whole."""
from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text

SEP = "/"


def shorten_left(path: str, width: int) -> str:
    """``path`` in at most ``width`` cells: whole folders dropped from its start, then "…"."""
    if width <= 0 or cell_len(path) <= width:
        return path
    parts = path.split(SEP)
    for i in range(1, len(parts)):
        tail = "…" + SEP + SEP.join(parts[i:])
        if cell_len(tail) <= width:
            return tail
    # the file name alone is too long: its end, which carries the suffix
    out, used = "", 1
    for ch in reversed(path):
        if used + cell_len(ch) > width:
            break
        out, used = ch + out, used + cell_len(ch)
    return "…" + out


class PathText:
    """Text with paths in it, laid out by ``lay_out`` at the width it is drawn in (a dialog's
    message: Rich broke "…中心-" / "2024-情况说明.docx" where the line happened to end)."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text, self.style = text, style

    def __str__(self) -> str:
        return self.text

    def __rich_console__(self, console, options):
        for line in lay_out(self.text, max(9, options.max_width + 1)).split("\n"):
            piece = Text(line, style=self.style)
            piece.no_wrap, piece.overflow, piece.end = True, "crop", "\n"
            yield piece


class LeftCut:
    """A one-line path drawn at the width it gets, shortened from the left (see above)."""

    def __init__(self, path: str, style: str = "") -> None:
        self.path, self.style = path, style

    def __str__(self) -> str:
        return self.path

    def __rich_console__(self, console, options):
        line = Text(shorten_left(self.path, max(1, options.max_width)), style=self.style)
        line.no_wrap, line.overflow, line.end = True, "crop", "\n"
        yield line


# a path in a message: from a "/" or "~/" (or a Windows drive) to the next blank or Chinese
# punctuation that ends the path ("：" names the reason after it)
_PATH = re.compile(r"(?:[A-Za-z]:\\|~?/)[^\s：，；。（）()」]*")


def _path_lines(path: str, width: int) -> list[str]:
    """A path on lines of at most ``width`` cells, broken after a "/"."""
    lines, line = [], ""
    for piece in re.findall(r"[^/\\]*[/\\]|[^/\\]+$", path):
        if line and cell_len(line + piece) > width:
            lines.append(line)
            line = ""
        line += piece
    lines.append(line)
    out = []
    for line in lines:  # a single name longer than a line: after a "-" or "_", else between two
        while cell_len(line) > width:  # Chinese characters, else anywhere (a last resort)
            fit = 0
            while fit < len(line) and cell_len(line[:fit + 1]) <= width:
                fit += 1
            soft = [i for i in range(1, fit + 1) if line[i - 1] in "-_"]
            cjk = [i for i in range(1, fit + 1) if i < len(line) and _wide(line[i - 1]) and _wide(line[i])]
            cut = (soft or cjk or [fit])[-1]
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return out


def _wide(ch: str) -> bool:
    return cell_len(ch) == 2


def lay_out(message: str, width: int) -> str:
    """``message`` broken into lines of at most ``width`` cells, so the toast does not break it
    again: a path that does not fit where it stands goes on lines of its own, broken only after
    a "/"; the Chinese around it breaks where Chinese breaks (never inside a number).  Only line
    breaks are added: ``lay_out(m, w).replace("\\n", "") == m.replace("\\n", "")``."""
    if width <= 8:
        return message
    from .wrap import CLOSING, wrap_offsets
    room = width - 1  # a blank kept at a line's end must not make the toast break it again
    out: list[str] = []

    def text(piece: str, fresh: bool) -> None:
        # "：没有写入权限" after a path: its "：" stays at the path's end, not a line's start
        while piece and piece[0] in CLOSING and out and cell_len(out[-1] + piece[0]) <= room:
            out[-1] += piece[0]
            piece = piece[1:]
        if not piece:
            return
        if not piece.strip() and out:
            out[-1] += piece
            return
        if not fresh and out and cell_len(out[-1] + piece) <= room:
            out[-1] += piece
            return
        cuts = wrap_offsets(piece, room)
        out.extend(piece[a:b] for a, b in zip([0, *cuts], [*cuts, len(piece)]))

    for para in message.split("\n"):
        if cell_len(para) <= room:
            out.append(para)
            continue
        pos, fresh = 0, True
        for m in _PATH.finditer(para):
            text(para[pos:m.start()], fresh)
            path = m.group(0)
            if out and pos < m.start() and cell_len(out[-1] + path) <= room:
                out[-1] += path  # "已保存：/tmp/a.toml" stays one line when it fits
            else:
                out.extend(_path_lines(path, room))
            pos, fresh = m.end(), False
        text(para[pos:], fresh)
    return "\n".join(out)


# Textual's toast: 60 cells wide at most, half its rack (the screen less the rack's scrollbar),
# a 1-cell border and 1-cell padding each side
TOAST_WIDTH, TOAST_SHARE, TOAST_FRAME, RACK_SCROLLBAR = 60, 0.5, 3, 2


def toast_layout(message: str, screen_width: int) -> str:
    """``message`` laid out for a toast on a screen ``screen_width`` cells wide."""
    width = min(TOAST_WIDTH, int((screen_width - RACK_SCROLLBAR) * TOAST_SHARE)) - TOAST_FRAME
    return lay_out(message, width)


def looks_like_markup(message: str) -> bool:
    """Textual's own notifications carry markup ("[b]Ctrl+Q[/b]"); ours are plain text."""
    return re.search(r"\[/?[a-z$@#][^\]\s]*\]", message) is not None
