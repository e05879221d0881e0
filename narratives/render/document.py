"""The neutral document every writer shares: sections → paragraphs → runs.

A run is plain text, a figure (with the source it was computed from, e.g. "公开01表.收入总计" or
"收入总计.变动率") or the clerk's own words (source "说明.204.变动原因").  Templates produce text
with invisible markers around figures and notes; ``parse`` turns that text into runs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

FIG_OPEN, NOTE_OPEN, MID, CLOSE = "\ue000", "\ue003", "\ue001", "\ue002"
_MARK = re.compile(f"([{FIG_OPEN}{NOTE_OPEN}])([^{MID}]*){MID}([^{CLOSE}]*){CLOSE}")


_CHART = re.compile(r"^\[chart:([a-z0-9_]+)\]")


def mark(text: str, source: str | None, kind: str = "figure") -> str:
    if not source:
        return text
    return f"{FIG_OPEN if kind == 'figure' else NOTE_OPEN}{source}{MID}{text}{CLOSE}"


def strip_marks(text: str) -> str:
    return _MARK.sub(lambda m: m.group(3), text)


@dataclass(frozen=True)
class Run:
    text: str
    source: str | None = None
    kind: str = "text"  # "text" | "figure" | "note"


@dataclass
class Paragraph:
    runs: list[Run]
    kind: str = "body"  # "body" | "heading" (（一） level) | "caption" | "table"
    rows: list[list[str]] | None = None  # for kind "table"
    chart: str | None = None  # for kind "caption": the chart it captions (grand, fiscal, general, classes)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def sources(self) -> set[str]:
        return {r.source for r in self.runs if r.source}


@dataclass
class Section:
    id: str
    number: str  # 一, 二, …
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    prefix: str | None = None  # the numbering as the style writes it ("一、", "1."); None: "一、"

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}" if self.prefix is None else self.prefix + self.title


@dataclass
class Document:
    title: str
    sections: list[Section]
    style: str = ""

    def section(self, key: str) -> Section | None:
        for s in self.sections:
            if key in (s.id, s.number, s.heading, s.title):
                return s
        return None


def runs(text: str) -> list[Run]:
    out: list[Run] = []
    pos = 0
    for m in _MARK.finditer(text):
        if m.start() > pos:
            out.append(Run(text[pos:m.start()]))
        out.append(Run(m.group(3), m.group(2), "figure" if m.group(1) == FIG_OPEN else "note"))
        pos = m.end()
    if pos < len(text):
        out.append(Run(text[pos:]))
    return out


def parse(text: str) -> list[Paragraph]:
    """Template output → paragraphs.  One paragraph a line; "## " starts a sub-heading,
    "!! " a figure caption ("!! [chart:grand] 图1：…" names the chart it captions), "|" a table row (cells split by "|"); blank lines are ignored."""
    paras: list[Paragraph] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            paras.append(Paragraph(runs(line[3:].strip()), "heading"))
        elif line.startswith("!! "):
            body, chart = line[3:].strip(), None
            m = _CHART.match(body)
            if m:
                chart, body = m.group(1), body[m.end():].strip()
            paras.append(Paragraph(runs(body), "caption", chart=chart))
        elif line.startswith("|"):
            cells = [strip_marks(c.strip()) for c in line.strip("|").split("|")]
            if paras and paras[-1].kind == "table" and paras[-1].rows is not None:
                paras[-1].rows.append(cells)
            else:
                paras.append(Paragraph([], "table", [cells]))
        else:
            paras.append(Paragraph(runs(line)))
    return paras
