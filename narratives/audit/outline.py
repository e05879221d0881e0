"""Finding 第三部分 in a published text and cutting it into sections and paragraphs.

A published text comes from a PDF, a Word file or juesuan's own Markdown: the outline strips
Markdown marks, drops chart captions, and mends paragraphs a page break cut in two ("…其金" /
"额，年中…"), so that every sentence the audit quotes is whole.

Pages: a line holding a form feed ("\f", as the PDF and .docx readers and pdftotext write
between pages) starts the next page; a paragraph knows the page it starts on.  A paragraph
longer than ``MAX_PARAGRAPH`` (no publication has one; a text pasted without line breaks does)
is cut at sentence ends, so the audit's work stays linear in the length of the text.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import patterns as P


@dataclass
class Paragraph:
    text: str            # digits made half-width (patterns.normalize), otherwise verbatim
    section: str         # "一、收入支出决算总体情况说明" ("" before the first heading)
    numeral: str         # "一"
    topic: str = ""      # what the section is about (patterns.TOPICS): "收支总体", "三公", …
    subsection: str = ""  # "（一）…"
    starts_group: bool = False  # first paragraph after a heading: a new context for shares and sums
    page: int | None = None     # the page it starts on, when the text has page breaks
    joins: tuple[int, ...] = ()  # offsets where lines of the text were joined into it (_mend)


@dataclass
class Outline:
    paragraphs: list[Paragraph] = field(default_factory=list)
    year: int | None = None
    found_part3: bool = False
    before: str = ""       # the text before 第三部分 (where the tables are)
    part3: str = ""        # the text of 第三部分, normalized


def _clean_line(line: str) -> str:
    line = P.MARKDOWN_PREFIX.sub("", line)
    return line.replace("**", "").strip()


PAGE_BREAK = "\f"
MAX_PARAGRAPH = 4000


def _lines(text: str) -> list[str]:
    # not splitlines(): it ends a line at a form feed, and the page break would vanish
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def split_part3(text: str) -> tuple[str, str, bool]:
    """(text before 第三部分, 第三部分, found).  The last line that starts with 第三部分 is the
    part itself (an earlier one is the table of contents); it ends at 第四部分 or 第五部分."""
    lines = _lines(text)
    starts = [i for i, line in enumerate(lines) if P.PART3.match(_clean_line(line))]
    if not starts:
        return "", text, False
    start = starts[-1]
    end = len(lines)
    for j in range(start + 1, len(lines)):
        if P.PART_AFTER.match(_clean_line(lines[j])):
            end = j
            break
    return "\n".join(lines[:start]), "\n".join(lines[start + 1:end]), True


def _page_count(text: str) -> int:
    return sum(1 for line in _lines(text) if PAGE_BREAK in line)


def _blocks(text: str, first_page: int | None) -> list[tuple[str, int | None]]:
    """Non-empty cleaned lines with their page; each line of a published text is a paragraph."""
    out = []
    page = first_page
    for raw in _lines(text):
        if PAGE_BREAK in raw:
            page = page + raw.count(PAGE_BREAK) if page is not None else None
            raw = raw.replace(PAGE_BREAK, "")
        if "\t" in raw:
            continue  # a table row (cells tab-separated): the tables are read on their own
        line = _clean_line(raw)
        if not line or P.CAPTION.match(line) or line.startswith("*图"):
            continue
        out.append((line, page))
    return out


def _is_heading_like(line: str) -> bool:
    return bool(P.HEADING.match(line) or P.SUBHEADING.match(line) or P.PART3.match(line))


def _mend(lines: list[tuple[str, int | None]]) -> list[tuple[str, int | None, tuple[int, ...]]]:
    """Join a line to the one before when the one before stops mid-sentence (a page break).
    The pieces of a paragraph are gathered in a list and joined once (linear time)."""
    out: list[tuple[list[str], int | None]] = []
    for line, page in lines:
        if out and line[0] in "。，；：、）)！？,;:":
            out[-1][0].append(line)  # a line that opens with punctuation always continues the one before
            continue
        if out:
            pieces = out[-1][0]
            prev = pieces[-1]
            short_title = len(pieces) == 1 and len(prev) < 25 and not re.search(r"[，。；：,;:]", prev)
            if (prev[-1] not in "。；;：:！？!?" and not short_title and not _is_heading_like(line)
                    and not P.LIST_ITEM.match(line) and not (len(pieces) == 1 and _is_heading_like(prev))):
                pieces.append(line)
                continue
        out.append(([line], page))
    return [(text, page, joins) for pieces, page in out for text, joins in _cut("".join(pieces), _offsets(pieces))]


def _offsets(pieces: list[str]) -> tuple[int, ...]:
    out, at = [], 0
    for piece in pieces[:-1]:
        at += len(piece)
        out.append(at)
    return tuple(out)


def _cut(text: str, joins: tuple[int, ...]) -> list[tuple[str, tuple[int, ...]]]:
    """A paragraph as pieces of at most about MAX_PARAGRAPH characters, cut after a sentence end
    (or, in a sentence that long, after a clause end, or anywhere), each with its join offsets."""
    if len(text) <= MAX_PARAGRAPH:
        return [(text, joins)]
    out = []
    base = 0
    while len(text) > MAX_PARAGRAPH:
        window = text[:MAX_PARAGRAPH]
        at = max(window.rfind(ch) for ch in P.SENTENCE_END)
        if at < MAX_PARAGRAPH // 4:
            at = max(window.rfind(ch) for ch in P.CLAUSE_END)
        if at < MAX_PARAGRAPH // 4:
            at = MAX_PARAGRAPH - 1
        out.append((text[:at + 1], tuple(j - base for j in joins if base < j - 0 <= base + at)))
        base += at + 1
        text = text[at + 1:]
    if text:
        out.append((text, tuple(j - base for j in joins if j > base)))
    return out


def detect_year(part3: str) -> int | None:
    """The year of the accounts: the most frequent "20xx年" of 第三部分 (ties: the later year)."""
    counts = Counter(int(m.group("year")) for m in P.YEAR.finditer(part3))
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def outline(text: str) -> Outline:
    before, part3, found = split_part3(P.normalize(text))
    result = Outline(found_part3=found, before=before, part3=part3, year=detect_year(part3))
    section, numeral, subsection, topic = "", "", "", ""
    new_group = True
    paged = PAGE_BREAK in text
    first_page = _page_count(before) + 1 if paged else None
    for line, page, joins in _mend(_blocks(part3, first_page)):
        m = P.HEADING.match(line)
        if m and not line.endswith(("。", "；")):
            section, numeral, subsection = line, m.group("num"), ""
            topic = next((name for name, pattern in P.TOPICS if pattern.search(m.group("title"))), "")
            new_group = True
            continue
        m = P.SUBHEADING.match(line)
        if m:
            subsection = f"（{m.group('num')}）{m.group('title').strip()}"
            new_group = True
            rest = (m.group("rest") or "").strip()
            if not rest:
                continue
            if rest[0] not in "。，；：、,;:":
                shift = line.rfind(rest)
                joins = tuple(j - shift for j in joins if j > shift)
                line = rest
            # else: "（一）…。。根据…": the heading stays with its text, the doubled mark is seen
        if not section and not numeral and re.fullmatch(r"20\d\d年度.*说明", line):
            continue  # the part's own title ("2024年度单位决算情况说明")
        result.paragraphs.append(Paragraph(line, section, numeral, topic, subsection, new_group, page, joins))
        new_group = False
    return result
