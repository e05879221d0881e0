"""Markdown from the export blocks: the same text as the Word file, headings as ``#``, charts as
PNG files in a folder beside the .md (linked relatively), tables as pipe tables."""
from __future__ import annotations

from ..render.writers import section_markdown
from .layout import Block, Cover, Heading, Para, Part3, PartHeading, Table, TableBlock, Title


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_markdown(t: Table) -> list[str]:
    labels = t.column_labels()
    grid = t.grid()[len(t.header):]
    out = ["| " + " | ".join(_cell(x) for x in labels) + " |", "|" + "---|" * len(labels)]
    out += ["| " + " | ".join(_cell(x) for x in row) + " |" for row in grid]
    return out


def part3_markdown(block: Part3, links: dict[str, str], level: int = 2) -> list[str]:
    """The rendered 第三部分, with an image line above each caption whose chart was drawn."""
    doc = block.document
    lines: list[str] = []
    if block.with_title:
        lines += ["#" * level + " " + doc.title, ""]
    for sec in doc.sections:
        text = section_markdown(sec)
        for para in sec.paragraphs:
            if para.kind == "caption" and para.chart in links:
                caption = f"*{para.text}*"
                text = text.replace(caption, f"![{para.text}]({links[para.chart]})\n\n{caption}", 1)
        lines.append(text)  # a section ends in a blank line already, as in to_markdown
    return lines


def blocks_markdown(blocks: list[Block], links: dict[str, str]) -> str:
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, Cover):
            lines += [f"# {''.join(b.lines)}", ""]
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
