"""A text-layer PDF read as a document (pdfplumber keeps each character's position).

pypdf gives the text line by line, as the page wraps it: a list item cut in two looks like two
items, "127.80\\n万元" like two figures, and the tables come out as runs of words without their
cells.  Here, with the positions:

- the tables (ruled cells, as most published 公开表 are printed) are read cell by cell and
  written as tab-separated rows, a merged cell repeated over its span, as the .docx reader does;
  a table cut by a page break is one table (the repeated header row of the next page dropped);
- a table printed without ruling lines, on a page titled "公开NN表", is read from the words'
  positions (pdfplumber's text strategy finds the columns; a cell wrapped over lines is one cell
  again, as its lines overlap the row's other cells); what the table readers cannot make out of
  it is "not read" (tables.py), never zeros;
- the other lines are joined into paragraphs: a line continues the one before when that one
  reaches the right margin and this one is not indented, or when that one stops mid-sentence
  and this one is no heading;
- page headers, footers and page numbers are dropped (a line repeated at the top or foot of
  most pages; "— 15 —", "第 3 页 共 20 页", "3/20");
- pages are separated by a line holding a form feed ("\\f"), so findings can name their page.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

PAGE_BREAK = "\f"
# the row written for a table the page titles but whose cells cannot be made out (printed without
# ruling lines, its columns not found): tables.py names it "not read"
UNREAD_TABLE = "【表格未能按单元格读取】"
# the first row of a table read from its words' positions (no ruling lines): tables.py trusts it
# only where its figures hold together (a misread could not be told from a wrong table)
UNRULED_TABLE = "【无框线表格，按文字位置读取】"


def one_label_row(cells: list[str]) -> list[str]:
    """A row that is one cell merged over the whole width ("二、机关运行经费", "本表无数据") is a
    label: written once, not repeated into the figure columns (where it would read as a bad amount)."""
    if len(cells) > 1 and cells[0] and all(c == cells[0] for c in cells):
        return [cells[0]] + [""] * (len(cells) - 1)
    return cells

# a space the PDF put between a Chinese character and its neighbour (font changes, spacing):
# "2024 年度收入总计 127.80 万元" is "2024年度收入总计127.80万元" as printed
_SPACE_BY_WIDE = re.compile(r"(?<=[^\x00-\x7f])[ \t\u3000]+|[ \t\u3000]+(?=[^\x00-\x7f])")
_PAGE_NUMBER = re.compile(r"^[\s\-—–－_·•]*(?:第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?"
                          r"|[-—–]\s*\d{1,4}\s*[-—–]|page\s*\d+(?:\s*of\s*\d+)?)[\s\-—–－_·•]*$", re.I)
_CLOSING = "。！？!?；;：:"
_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]"
                      r"|\d{1,2}[、.．](?!\d))")


def tidy(text: str) -> str:
    return _SPACE_BY_WIDE.sub("", text).strip()


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float


@dataclass
class TableBlock:
    top: float
    rows: list[list[str]]


@dataclass
class Page:
    width: float = 0
    lines: list[Line] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)


def _cells(table) -> list[list[str]]:
    """The table's text by grid position, a merged cell's text repeated over every position it
    covers (found by geometry: pdfplumber gives None there, and whether the merge runs across or
    down only the cell boxes tell), the way the workbook and .docx readers fill merged cells."""
    texts = table.extract()
    origin: list[tuple[tuple[float, float, float, float], str]] = []
    for r, row in enumerate(table.rows):
        for c, box in enumerate(row.cells):
            if box is not None and r < len(texts) and c < len(texts[r]):
                origin.append((box, texts[r][c] or ""))
    # a grid column starts where any cell of that column starts (a merged cell starts at its
    # first column) and ends where the next column starts
    width = max((len(row.cells) for row in table.rows), default=0)
    lefts = [min((row.cells[c][0] for row in table.rows if c < len(row.cells) and row.cells[c]), default=None)
             for c in range(width)]
    right_edge = max((box[2] for row in table.rows for box in row.cells if box), default=0)
    xs = []
    for c in range(width):
        nxt = next((x for x in lefts[c + 1:] if x is not None), right_edge)
        xs.append((lefts[c] if lefts[c] is not None else nxt, 0, nxt))
    tops = [row.bbox[1] for row in table.rows]
    out: list[list[str]] = []
    for r, row in enumerate(table.rows):
        bottom = tops[r + 1] if r + 1 < len(tops) else row.bbox[3]
        line: list[str] = []
        for c, box in enumerate(row.cells):
            if box is not None:
                text = texts[r][c] or ""
            else:
                x = (xs[c][0] + xs[c][2]) / 2 if c < len(xs) else -1
                y = (tops[r] + bottom) / 2
                text = next((t for (x0, top, x1, bottom), t in origin
                             if x0 <= x <= x1 and top <= y <= bottom), "")
            line.append(tidy(text.replace("\n", "")).replace("\t", " "))
        out.append(one_label_row(line))
    return out


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 for x0, top, x1, bottom in boxes)


_TABLE_NUMBER = re.compile(r"公开\s*\d{1,2}\s*表")
_NUMBER_CELL = re.compile(r"-?[\d,]*\.?\d+")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_TEXT_STRATEGY = {"vertical_strategy": "text", "horizontal_strategy": "text"}


def _text_table(page) -> tuple[TableBlock, tuple[float, float, float, float] | None] | None:
    """The table of a page titled "公开NN表" printed without ruling lines: the words between the
    title (and its 部门名称/金额单位 line) and the 注 or page number below, in the columns
    pdfplumber's text strategy finds, a row being the lines that overlap (a label wrapped over two
    lines is centred on its row's figures, so each of its lines overlaps them)."""
    lines = [ln for ln in page.extract_text_lines(strip=True) if tidy(ln["text"])]
    heads = [ln for ln in lines if _TABLE_NUMBER.fullmatch(tidy(ln["text"]))]
    if not heads:
        return None
    top = heads[0]["bottom"]
    for ln in lines:
        text = tidy(ln["text"])
        if top - 1 <= ln["top"] <= top + 3 * (ln["bottom"] - ln["top"]) and ("单位：" in text or "单位:" in text):
            top = ln["bottom"]
    bottom = page.height
    for ln in lines:
        text = tidy(ln["text"])
        # the table ends at its note, the page number, the next table's title or a part's heading
        if ln["top"] > top and (text.startswith(("注：", "注:", "说明：", "说明:")) or _PAGE_NUMBER.match(text)
                                or _TABLE_NUMBER.fullmatch(text) or _PART.match(text)):
            bottom = ln["top"]
            break
    if bottom - top < 10:
        return None
    area = page.crop((0, top + 0.5, page.width, bottom - 0.5))
    found = area.find_tables(_TEXT_STRATEGY)
    if not found:
        return TableBlock(top, [[UNREAD_TABLE, UNREAD_TABLE]]), None
    grid = max(found, key=lambda t: (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]))
    starts = sorted(c.bbox[0] for c in grid.columns)[1:]
    # the words' lines (same top), then rows of lines that overlap
    words = sorted(area.extract_words(keep_blank_chars=False, use_text_flow=False), key=lambda w: (w["top"], w["x0"]))
    rows: list[list[dict]] = []
    extent: tuple[float, float] | None = None
    for w in words:
        if extent is not None and w["top"] < extent[1] - 0.5:
            rows[-1].append(w)
            extent = (extent[0], max(extent[1], w["bottom"]))
        else:
            rows.append([w])
            extent = (w["top"], w["bottom"])
    out: list[list[str]] = []
    merged = False
    spans: list[list[tuple[float, float, float, float] | None]] = []  # each cell's (top, bottom, x0, x1)
    for row in rows:
        cells = [""] * (len(starts) + 1)
        lines: list[tuple[float, float, float, float] | None] = [None] * len(cells)
        last: dict[int, float] = {}  # cell → the top of the line its last word was on
        for w in sorted(row, key=lambda w: (w["top"], w["x0"])):
            c = bisect_right(starts, (w["x0"] + w["x1"]) / 2)
            # two words side by side in one cell: the columns found run two printed columns
            # together ("0.31 0.31" → "0.310.31"), and what is read there would be wrong
            merged = merged or (c in last and abs(last[c] - w["top"]) < 1)
            last[c] = w["top"]
            cells[c] += w["text"]
            lines[c] = ((lines[c][0], w["bottom"], min(lines[c][2], w["x0"]), max(lines[c][3], w["x1"]))
                        if lines[c] else (w["top"], w["bottom"], w["x0"], w["x1"]))
        out.append([tidy(c) for c in cells])
        spans.append(lines)
    out = _join_wrapped_header(out, spans)
    edges = [grid.bbox[0]] + starts + [grid.bbox[2]]
    out = _spread_band(out, [(a + b) / 2 for a, b in zip(edges, edges[1:])], spans)
    box = (area.bbox[0], top, area.bbox[2], bottom)
    if merged or not any(any(_NUMBER_CELL.fullmatch(c) for c in r) for r in out):
        # its words stay in the text, as they were printed; the table is named as not read
        return TableBlock(top, [[UNREAD_TABLE, UNREAD_TABLE]]), None
    return TableBlock(top, [[UNRULED_TABLE]] + [one_label_row(r) for r in out]), box


def _join_wrapped_header(rows: list[list[str]],
                         spans: list[list[tuple[float, float, float, float] | None]]) -> list[list[str]]:
    """A column name wrapped over lines ("一般公" / "共预算" / "财政拨" / "款") is one name again:
    in the header band (the rows above the 栏次 row, or above the first figure), a cell whose text
    starts within a third of a line below the same column's text above, centred or starting where
    that text is, continues it ("收入" centred over three columns above "项目" is no part of it)."""
    band = next((i for i, r in enumerate(rows) if any(c == "栏次" for c in r)), None)
    if band is None:
        band = next((i for i, r in enumerate(rows) if any("." in c and _NUMBER_CELL.fullmatch(c) for c in r)), 0)
    out = [list(r) for r in rows]
    for c in range(len(rows[0]) if rows else 0):
        above = None  # the row whose cell in column c is being continued
        for i in range(band):
            span = spans[i][c]
            if span is None:
                continue
            if above is not None:
                prev = spans[above][c]
                height = span[1] - span[0]
                if prev is not None and span[0] - prev[1] <= height / 3 and (
                        abs((span[2] + span[3]) - (prev[2] + prev[3])) / 2 <= height / 2
                        or abs(span[2] - prev[2]) <= height / 2):
                    out[above][c] += out[i][c]
                    out[i][c] = ""
                    spans[above][c] = (prev[0], span[1], span[2], span[3])
                    continue
            above = i
    return [r for r in out if any(r)]


def _spread_band(rows: list[list[str]], centres: list[float],
                 spans: list[list[tuple[float, float, float, float] | None]]) -> list[list[str]]:
    """The header's top row of a few labels each centred over several columns ("收入" over 项目,
    行次, 金额; "支出" over the rest): each label written over the columns nearer to it than to
    its neighbours, as a ruled table repeats a merged cell (the readers group columns by it)."""
    if not rows or not spans:
        return rows
    top = rows[0]
    filled = [c for c, text in enumerate(top) if text]
    if len(filled) < 2 or len(filled) * 2 > len(top) or any(_NUMBER_CELL.fullmatch(top[c]) for c in filled):
        return rows
    labels = [((spans[0][c][2] + spans[0][c][3]) / 2, top[c]) for c in filled if spans[0][c] is not None]
    if len(labels) != len(filled):
        return rows
    band = [min(labels, key=lambda lab: abs(lab[0] - x))[1] for x in centres]
    return [band] + rows[1:]


def _page(page) -> Page:
    found = page.find_tables()
    boxes = [t.bbox for t in found]
    out = Page(round(page.width))
    for t in found:
        rows = [r for r in _cells(t) if any(c for c in r)]
        if rows:
            out.tables.append(TableBlock(t.bbox[1], rows))
    if not found:
        unruled = _text_table(page)
        if unruled is not None:
            out.tables.append(unruled[0])
            if unruled[1] is not None:
                boxes.append(unruled[1])
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes)) if boxes else page
    for ln in outside.extract_text_lines(strip=True, return_chars=True):
        text = tidy(ln["text"])
        if not text:
            continue
        chars = ln.get("chars") or []
        size = max((ch.get("size", 0) for ch in chars), default=0) or (ln["bottom"] - ln["top"])
        out.lines.append(Line(text, ln["x0"], ln["x1"], ln["top"], size))
    return out


def _shape(text: str) -> str:
    """A header or footer repeats with its page number changed: compare without digits."""
    return re.sub(r"\d+", "#", text.replace(" ", ""))


def _drop_headers_footers(pages: list[Page]) -> None:
    for p in pages:
        while p.lines and _PAGE_NUMBER.match(p.lines[-1].text):
            p.lines.pop()
        while p.lines and _PAGE_NUMBER.match(p.lines[0].text):
            p.lines.pop(0)
    if len(pages) < 3:
        return
    # a line at the same place (first or last) on three pages and a third of them is a running
    # head (a document of portrait and landscape sections may run a head on only some of them)
    for end in (0, -1):
        shapes = Counter(_shape(p.lines[end].text) for p in pages if p.lines)
        running = {s for s, n in shapes.items() if n >= max(3, len(pages) / 3)}
        for p in pages:
            if p.lines and _shape(p.lines[end].text) in running:
                p.lines.pop(end)


def _margins(pages: list[Page]) -> dict[float, tuple[float, float]]:
    """The body's left and right edges for each page width (portrait text pages, landscape
    table pages): the most common line start, and the right edge most long lines reach."""
    out = {}
    for width in {p.width for p in pages}:
        lines = [ln for p in pages if p.width == width for ln in p.lines]
        starts = Counter(round(ln.x0) for ln in lines)
        ends = sorted(ln.x1 for ln in lines)
        left = min(starts, key=lambda x: (-starts[x], x)) if starts else 0
        out[width] = (float(left), ends[int(len(ends) * 0.9)] if ends else 0.0)
    return out


def _continues(prev: Line, line: Line, left: float, right: float) -> bool:
    """Does ``line`` continue the paragraph ``prev`` ends?"""
    em = line.size or 10
    if _HEADING.match(line.text):
        return False
    if line.text[0] in "。，；：、）)！？,;:%％":
        return True  # a line that opens with punctuation always continues
    if line.x0 > left + em * 0.8:
        return False  # indented: a paragraph's first line
    if prev.x0 > left + em * 4:
        return False  # the line before is centred or set right (a title, "公开01表"): no body text
    if prev.x1 >= right - em * 1.5:
        return True   # the line before was full
    # stopped mid-sentence a little short of the margin: a long figure ("1,289.23万元") that did
    # not fit went to the next line
    return prev.text[-1] not in _CLOSING and prev.x1 >= right - em * 6


def _paragraphs(pages: list[Page]) -> list[str]:
    """The text: paragraphs one per line, tables as tab rows, a form-feed line between pages."""
    margins = _margins(pages)
    out: list[str] = []
    last_line: Line | None = None       # the line the open paragraph ends with
    last_table: list[list[str]] | None = None  # the table the previous page ended with
    for number, page in enumerate(pages):
        if number:
            out.append(PAGE_BREAK)
        items: list[tuple[float, int, object]] = [(ln.top, 1, ln) for ln in page.lines]
        items += [(t.top, 0, t) for t in page.tables]
        items.sort(key=lambda it: (it[0], it[1]))
        for k, (_, _, item) in enumerate(items):
            if isinstance(item, TableBlock):
                rows = item.rows
                if k == 0 and last_table is not None and rows and len(rows[0]) == len(last_table[0]):
                    # the same table on the next page: drop the header rows it repeats
                    head = 0
                    while head < len(rows) and head < len(last_table) and rows[head] == last_table[head]:
                        head += 1
                    rows = rows[head:]
                    if out and out[-1] == PAGE_BREAK:
                        out.pop()  # keep the rows of one table together (the break goes after)
                        out.extend("\t".join(r) for r in rows)
                        out.append(PAGE_BREAK)
                        last_table = last_table + rows
                        continue
                out.append("")
                out.extend("\t".join(r) for r in rows)
                out.append("")
                last_table = item.rows
                last_line = None
                continue
            line = item
            last_table = None
            if last_line is not None and _continues(last_line, line, *margins[page.width]):
                # across a page break too: the paragraph goes on where the break was
                at = len(out) - 1
                while out[at] == PAGE_BREAK:
                    at -= 1
                out[at] += line.text
            else:
                out.append(line.text)
            last_line = line
        if not page.lines and not page.tables:
            last_line = None
    return out


class PdfUnreadable(Exception):
    """The PDF cannot be opened or parsed (the caller words the message)."""


def read_pdf(path: Path, max_pages: int) -> tuple[str, int, int]:
    """(text, pages, visible characters) of a text-layer PDF."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a core dependency
        raise PdfUnreadable("读取 PDF 需要 pdfplumber（pip install pdfplumber）") from None
    try:
        with pdfplumber.open(str(path)) as pdf:
            count = len(pdf.pages)
            if count > max_pages:
                raise PdfUnreadable(f"共 {count} 页，超过审核上限 {max_pages} 页")
            pages = []
            for page in pdf.pages:
                pages.append(_page(page))
                page.flush_cache()
    except PdfUnreadable:
        raise
    except Exception as exc:  # pdfminer raises many kinds for a damaged or encrypted file
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise PdfUnreadable("PDF 已加密，无法读取文字") from None
        raise PdfUnreadable(f"无法读取 PDF（{name}）") from None
    visible = sum(len(ln.text) for p in pages for ln in p.lines) + \
        sum(len(c) for p in pages for t in p.tables for r in t.rows for c in r)
    _drop_headers_footers(pages)
    return "\n".join(_paragraphs(pages)), count, visible
