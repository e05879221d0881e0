"""Markdown from the export blocks: the same text as the Word file, headings as ``#``, charts as
PNG files in a folder beside the .md (linked relatively), tables as pipe tables."""
from __future__ import annotations

from dataclasses import replace

from ..render.writers import section_markdown
from .fit import is_rigid
from .layout import Block, Cover, Heading, Para, Part3, PartHeading, Table, TableBlock, Title


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_markdown(t: Table) -> list[str]:
    """A pipe table: the first header row as Markdown's header with each merged heading written
    once (in its first column), the further header rows as the first rows; amount columns are
    right-aligned (``---:``)."""
    grid = t.grid()
    if not grid:
        return []
    ncols = len(grid[0])
    body = grid[len(t.header):]
    numeric = [bool(col) and all(is_rigid(x) for x in col)
               for col in ([r[c].strip() for r in body if r[c].strip()] for c in range(ncols))]
    align = ["---:" if n else "---" for n in numeric]
    out = ["| " + " | ".join(_cell(x) for x in grid[0]) + " |", "|" + "|".join(align) + "|"]
    out += ["| " + " | ".join(_cell(x) for x in row) + " |" for row in grid[1:]]
    return out


def part3_markdown(block: Part3, links: dict[str, str], level: int = 2) -> list[str]:
    """The rendered 第三部分, with an image line above each caption whose chart was drawn."""
    doc = block.document
    lines: list[str] = []
    if block.with_title:
        lines += ["#" * level + " " + doc.title, ""]
    for sec in doc.sections:
        # a caption only with its chart (--no-charts, or nothing worth drawing)
        kept = [p for p in sec.paragraphs if p.kind != "caption" or not p.chart or p.chart in links]
        text = section_markdown(replace(sec, paragraphs=kept))
        for para in kept:
            if para.kind == "caption" and para.chart:
                caption = f"*{para.text}*"
                text = text.replace(caption, f"![{para.text}]({links[para.chart]})\n\n{caption}", 1)
        lines.append(text)  # a section ends in a blank line already, as in to_markdown
    return lines


def blocks_markdown(blocks: list[Block], links: dict[str, str]) -> str:
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, Cover):
            lines += [f"# {''.join(b.lines)}", ""] + [x for line in b.foot_lines for x in (line, "")]
        elif isinstance(b, Title):
            lines += [f"# {b.text}", ""]
        elif isinstance(b, PartHeading):
            lines += [f"## {b.text}", ""]
        elif isinstance(b, Heading):
            lines += ["#" * (b.level + 2) + " " + b.text, ""]
        elif isinstance(b, Para):
            lines += [b.text, ""]
        elif isinstance(b, TableBlock):
            left, mid, right = b.unit_line
            lines += [f"### {b.title}", "", f"{b.number}　{left}　{mid}　{right}".strip(), ""]
            lines += table_markdown(b.table) + [""]
            lines += [n for note in ([b.empty] if b.empty else b.notes) for n in (note, "")]
        elif isinstance(b, Part3):
            lines += part3_markdown(b, links)
    return "\n".join(lines).rstrip("\n") + "\n"
