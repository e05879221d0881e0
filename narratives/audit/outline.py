"""Finding 第三部分 in a published text and cutting it into sections and paragraphs.

A published text comes from a PDF, a Word file or juesuan's own Markdown: the outline strips
Markdown marks, drops chart captions, and mends paragraphs a page break cut in two ("…其金" /
"额，年中…"), so that every sentence the audit quotes is whole.
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


def split_part3(text: str) -> tuple[str, str, bool]:
    """(text before 第三部分, 第三部分, found).  The last line that starts with 第三部分 is the
    part itself (an earlier one is the table of contents); it ends at 第四部分 or 第五部分."""
    lines = text.splitlines()
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


def _blocks(text: str) -> list[str]:
    """Non-empty cleaned lines; each line of a published text is a paragraph."""
    out = []
    for raw in text.splitlines():
        line = _clean_line(raw)
        if not line or P.CAPTION.match(line) or line.startswith("*图"):
            continue
        out.append(line)
    return out


def _is_heading_like(line: str) -> bool:
    return bool(P.HEADING.match(line) or P.SUBHEADING.match(line) or P.PART3.match(line))


def _mend(lines: list[str]) -> list[str]:
    """Join a line to the one before when the one before stops mid-sentence (a page break)."""
    out: list[str] = []
    for line in lines:
        if out and line[0] in "。，；：、）)！？,;:":
            out[-1] += line  # a line that opens with punctuation always continues the one before
            continue
        if out:
            prev = out[-1]
            short_title = len(prev) < 25 and not re.search(r"[，。；：,;:]", prev)
            if (prev[-1] not in "。；;：:！？!?" and not short_title and not _is_heading_like(line)
                    and not P.LIST_ITEM.match(line) and not _is_heading_like(prev)):
                out[-1] = prev + line
                continue
        out.append(line)
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
    for line in _mend(_blocks(part3)):
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
            line = rest
        if not section and not numeral and re.fullmatch(r"20\d\d年度.*说明", line):
            continue  # the part's own title ("2024年度单位决算情况说明")
        result.paragraphs.append(Paragraph(line, section, numeral, topic, subsection, new_group))
        new_group = False
    return result
