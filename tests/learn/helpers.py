"""Shared by the learn tests: render a project in a style, learn from a text, compare figures."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from narratives import styles
from narratives.learn import learn
from narratives.learn.matching import figures
from narratives.render.engine import render_project
from narratives.render.writers import to_text


def render_text(project, style: str, extra: tuple[str, ...] = ()) -> str:
    styles.clear_cache()
    return to_text(render_project(project, styles.load(style, extra)))


def section_figures(text_or_doc) -> list[Counter]:
    """Per section (in order), the multiset of figures (value, unit) its paragraphs state."""
    from narratives.learn.reading import parse
    pub = parse(text_or_doc)
    return [Counter((f.value.normalize(), f.unit) for t in s.paragraphs() for f in figures(t))
            for s in pub.sections]


def learn_from_text(text: str, project, tmp: Path, name: str = "learned", base: str | None = None):
    src = tmp / f"{name}.txt"
    src.write_text(text, encoding="utf-8")
    return learn(src, project, tmp / "styles", name, base)
