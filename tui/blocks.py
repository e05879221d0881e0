"""The preview's blocks of a rendered document: pure layout, no Textual.

Here, not in tui/screens/editor.py, because the launch's helper process (tui/first_render.py)
lays out the first section without importing Textual: it must be the very same function the
editor uses, or the text shown first would differ from the live editor's.
"""
from __future__ import annotations

from narratives.render.writers import INDENT

SECTION_MARK = "§"  # a preview block's sources name its section as "§<id>"


def document_blocks(doc, whole: bool) -> list[tuple[str, str, set[str]]]:
    """The document as the preview's blocks: (kind, text, sources).  Only layout here: the text
    is the core's."""
    blocks: list[tuple[str, str, set[str]]] = []
    if whole:
        blocks.append(("heading", doc.title, set()))
    for sec in doc.sections:
        here = {SECTION_MARK + sec.id}  # which section a paragraph is in (Enter on it jumps)
        blocks.append(("heading", sec.heading, set(here)))
        for p in sec.paragraphs:
            if p.kind == "table":
                text = "\n".join("  ".join(r) for r in (p.rows or []))
                blocks.append(("body", text, set(here)))
            elif p.kind == "body":
                blocks.append(("body", INDENT + p.text, p.sources() | here))
            else:
                blocks.append((p.kind, p.text, p.sources() | here))
    return blocks
