"""Plain text and Markdown from the neutral document."""
from __future__ import annotations

from .document import Document, Paragraph, Section

INDENT = "\u3000\u3000"


def _table_md(p: Paragraph) -> list[str]:
    rows = p.rows or []
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    esc = [[c.replace("|", "\\|") for c in r] for r in rows]
    out = ["| " + " | ".join(esc[0]) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(r) + " |" for r in esc[1:]]
    return out


def section_markdown(sec: Section) -> str:
    lines = [f"### {sec.heading}", ""]
    for p in sec.paragraphs:
        if p.kind == "heading":
            lines += [f"#### {p.text}", ""]
        elif p.kind == "caption":
            lines += [f"*{p.text}*", ""]
        elif p.kind == "table":
            lines += _table_md(p) + [""]
        else:
            lines += [_md_escape(p.text), ""]
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    # a paragraph that starts like Markdown syntax would change meaning; the clerk's "*" stays text
    text = text.replace("*", "\\*").replace("_", "\\_")
    if text[:1] in "#>-+" or text[:2].rstrip(".").isdigit() and text[1:2] == ".":
        text = "\\" + text
    return text


def to_markdown(doc: Document) -> str:
    parts = [f"## {doc.title}", ""]
    parts += [section_markdown(s) for s in doc.sections]
    return "\n".join(parts).rstrip("\n") + "\n"


def section_text(sec: Section, indent: str = INDENT) -> str:
    lines = [sec.heading]
    for p in sec.paragraphs:
        if p.kind == "heading":
            lines.append(p.text)
        elif p.kind == "caption":
            lines.append(p.text)
        elif p.kind == "table":
            lines += ["\t".join(r) for r in (p.rows or [])]
        else:
            lines.append(indent + p.text)
    return "\n".join(lines)


def to_text(doc: Document, indent: str = INDENT) -> str:
    parts = [doc.title] + [section_text(s, indent) for s in doc.sections]
    return "\n\n".join(parts).rstrip("\n") + "\n"
