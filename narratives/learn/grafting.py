"""The base style's control flow with the document's words: where a published section reads as the
base style writes it (word for word, or with some of the base's own words replaced), the learned
section is the base's template with those words replaced.

Why: a sentence a style writes only for an item that is not 0, or only when 上年 was entered,
cannot be seen in a year where the item was 0.  Learned from the text alone, such a branch is lost;
kept from the base, next year's 0 (or new item, or 上年 not entered) is written in the base's words
and every branch the document showed is written in the document's words.

How: every literal run of words in the base's section template is wrapped in invisible markers;
last year's project rendered with the marked templates tells which output characters came from
which run.  A difference between that render and the published paragraph that lies inside one run
is an edit of that run (the same edit wherever the run was written, in a loop or not).  A section
is grafted only if the edited template then writes the published section exactly; any other
section is learned from its text (learner.py).
"""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from ..render.document import FIG_OPEN, NOTE_OPEN
from ..styles import Style
from .reading import Published
from .templating import literal

_START = 0xF0000          # a run's opening marker: chr(_START + run index)
_END = "\U0010FFFD"       # a run's closing marker
_NOTE, _NOTE_END = "\U0010FFFB", "\U0010FFFC"   # around the clerk's words (a 说明) in the render
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
# what parse() reads at a line's start (a sub-heading, a caption, a table row) stays unmarked
_LINE_HEAD = re.compile(r"^(?:## |!! |\|)")


@dataclass
class Run:
    start: int   # in the template source
    end: int
    text: str


def literal_runs(source: str) -> list[Run]:
    """The template's own words: each line of literal text between tags, without the whitespace
    around it (left to the tags' whitespace control) or a line's "## "."""
    out: list[Run] = []
    pos = 0
    spans = [(m.start(), m.end()) for m in _TAG.finditer(source)] + [(len(source), len(source))]
    for tag_start, tag_end in spans:
        at = pos
        for line in source[pos:tag_start].split("\n"):
            s, e = at, at + len(line)
            at = e + 1
            head = _LINE_HEAD.match(line) if s == 0 or source[s - 1] == "\n" else None
            if head:
                s += head.end()
            while s < e and source[s].isspace():
                s += 1
            while e > s and source[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(Run(s, e, source[s:e]))
        pos = tag_end
    return out


def marked(source: str, runs: list[Run]) -> str:
    out, pos = [], 0
    for i, r in enumerate(runs):
        out += [source[pos:r.start], chr(_START + i), r.text, _END]
        pos = r.end
    out.append(source[pos:])
    return "".join(out)


def origins(text: str) -> tuple[str, list[tuple[int, int] | None]]:
    """The text without the run markers, and for each character (run index, where that
    occurrence of the run starts in the text), "note" (the clerk's words) or None (written by
    another expression)."""
    plain: list[str] = []
    where: list[tuple[int, int] | None] = []
    stack: list[tuple[int, int]] = []
    note = False
    for ch in text:
        o = ord(ch)
        if ch in (_NOTE, _NOTE_END):
            note = ch == _NOTE
        elif o >= _START and ch != _END:
            stack.append((o - _START, len(plain)))
        elif ch == _END:
            if stack:
                stack.pop()
        elif ch in (FIG_OPEN, NOTE_OPEN):
            continue
        else:
            plain.append(ch)
            where.append("note" if note else stack[-1] if stack else None)
    return "".join(plain), where


def _edits(plain: str, where: list, published: str, edits: dict[int, dict[int, str]]) -> bool:
    """Record each run occurrence's text as published: edits[run][occurrence start] = new text.
    False when a difference touches an expression's output or spans two runs."""
    if plain == published:
        for k, w in enumerate(where):
            if isinstance(w, tuple) and (k == 0 or where[k - 1] != w):
                edits.setdefault(w[0], {}).setdefault(w[1], None)
        return True
    occ: dict[tuple[int, int], list] = {}   # occurrence → [start, end, list of (i1, i2, new)]
    for k, w in enumerate(where):
        if isinstance(w, tuple):
            o = occ.setdefault(w, [k, k + 1, []])
            o[1] = k + 1
    sm = SequenceMatcher(None, plain, published, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            owners = {where[k] for k in range(i1, i2)}
            if owners == {"note"}:
                continue  # the clerk's words differ from the project's 说明: data, not the style
            if len(owners) != 1 or None in owners or "note" in owners:
                return False
            owner = owners.pop()
        else:  # an insertion: into the run it touches (the one before first)
            left = where[i1 - 1] if i1 > 0 else None
            right = where[i1] if i1 < len(where) else None
            owner = next((w for w in (left, right) if isinstance(w, tuple)), None)
            if owner is None:
                if "note" in (left, right):
                    continue
                return False
        occ[owner][2].append((i1, i2, published[j1:j2]))
    for (run, at), (s, e, changes) in occ.items():
        text = plain[s:e]
        for i1, i2, new in sorted(changes, reverse=True):
            text = text[:i1 - s] + new + text[i2 - s:]
        edits.setdefault(run, {})[at] = text if changes else None
    return True


def _new_words(runs: list[Run], edits: dict[int, dict[int, str | None]]) -> dict[int, str] | None:
    """Each run's one new text (every occurrence edited alike), or None where occurrences disagree."""
    out = {}
    for i, by_occ in edits.items():
        texts = {runs[i].text if t is None else t for t in by_occ.values()}
        if len(texts) != 1:
            return None
        t = texts.pop()
        if t != runs[i].text:
            out[i] = t
    return out


def _apply(source: str, runs: list[Run], words: dict[int, str]) -> str:
    for i in sorted(words, reverse=True):
        r = runs[i]
        new = literal(words[i])
        if not new.strip():
            return ""
        source = source[:r.start] + new + source[r.end:]
    return source


def _blocks(section, notes: bool = False) -> list[tuple[str, str]]:
    """Sub-headings and paragraphs (``notes``: the clerk's words between note markers); a chart's
    caption (not read from a published text) is the base's layout and stays as the base writes it."""
    def text(p) -> str:
        if not notes:
            return p.text
        return "".join(_NOTE + r.text + _NOTE_END if r.kind == "note" else r.text for r in p.runs)
    return [("heading" if p.kind == "heading" else "para", text(p)) for p in section.paragraphs
            if p.kind in ("heading", "body")]


def _as_read(blocks: list[tuple[str, str]], pub_blocks) -> list[tuple[str, str]]:
    """The blocks as a published text reads them back: a sub-heading that the reader took as the
    start of the paragraph after it ("（一）…情况说明。根据…") joined to that paragraph."""
    out: list[tuple[str, str]] = []
    k = 0
    while k < len(blocks):
        kind, text = blocks[k]
        n = len(out)
        if kind == "heading" and k + 1 < len(blocks) and blocks[k + 1][0] == "para" \
                and n < len(pub_blocks) and pub_blocks[n].kind == "para":
            head = origins(text)[0]
            out.append(("para", text + ("" if head.endswith("。") else "。") + blocks[k + 1][1]))
            k += 2
            continue
        out.append((kind, text))
        k += 1
    return out


def _norm(s: str) -> str:
    return "".join(s.split()).replace("(", "（").replace(")", "）")


def _same(doc_section, pub_section) -> bool:
    a = [(k, _norm(t)) for k, t in _as_read(_blocks(doc_section), pub_section.blocks)]
    b = [(bl.kind, _norm(bl.text)) for bl in pub_section.blocks]
    return a == b


def _like(title: str, titles: dict):
    """The base's section a published title names in other words ("收入决算情况" for
    收入决算情况说明): the one most alike, if alike enough (the trial render decides the rest)."""
    scored = sorted(((SequenceMatcher(None, title, t, autojunk=False).ratio(), t) for t in titles), reverse=True)
    if scored and scored[0][0] >= 0.85 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return titles[scored[0][1]]
    return None


def graft(pub: Published, project, base: Style, settings: dict) -> dict[int, str]:
    """Published section index → the base's template (its words edited to the document's) for
    each section the base writes, so edited, exactly as published.  ``settings``: the learned
    style.toml (number format, words) the grafted templates render with."""
    import tomli_w

    from ..render.engine import render_project
    from ..style_folder import style_from_folder
    from ..render.engine import title_names
    names = title_names(project)
    titles = {_norm(s.title.format_map(names)): s for s in base.settings.sections}
    wanted = {}
    for n, sec in enumerate(pub.sections):
        b = titles.get(_norm(sec.title)) or _like(_norm(sec.title), titles)
        if b is not None and b.template not in [w.template for w in wanted.values()]:
            wanted[n] = b
    if not wanted:
        return {}
    sources, runs = {}, {}
    for n, b in wanted.items():
        path = next((d / b.template for d in base.search_path if (d / b.template).is_file()), None)
        if path is None:
            continue
        src = path.read_text(encoding="utf-8")
        if "{% raw" in src or "{%raw" in src:
            continue
        sources[n], runs[n] = src, literal_runs(src)
    tmp = Path(tempfile.mkdtemp(prefix="juesuan-graft-"))
    try:
        def render(texts: dict[int, str]):
            for f in tmp.glob("*.j2"):
                f.unlink()
            for extra in base.folder.glob("*.j2"):  # the base's own building blocks (macros)
                shutil.copy(extra, tmp / extra.name)
            secs = []
            for n, text in texts.items():
                name = f"g{n:02d}.j2"
                (tmp / name).write_text(text, encoding="utf-8")
                secs.append({"id": f"g{n}", "title": pub.sections[n].title, "template": name})
            data = dict(settings, name=tmp.name, sections=secs)
            (tmp / "style.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
            style = style_from_folder(tmp)
            style = Style(style.name, style.folder, style.settings,
                          (tmp,) + tuple(p for p in base.search_path if p != base.folder))
            doc = render_project(project, style)
            return dict(zip(texts, doc.sections))

        def words_needed(texts: dict[int, str]) -> dict[int, tuple[list[Run], dict[int, str]]]:
            """Each section whose render differs from the published one only in its own words
            (and the clerk's): its runs and the runs' words as published."""
            found = {n: literal_runs(t) for n, t in texts.items()}
            try:
                doc = render({n: marked(texts[n], found[n]) for n in texts})
            except Exception:  # a base that cannot write last year's project teaches nothing here
                return {}
            out = {}
            for n, dsec in doc.items():
                psec = pub.sections[n]
                blocks = _as_read(_blocks(dsec, notes=True), psec.blocks)
                if [k for k, _ in blocks] != [b.kind for b in psec.blocks]:
                    continue
                edits: dict[int, dict[int, str | None]] = {}
                if all(_edits(*origins(text), pb.text, edits) for (_k, text), pb in zip(blocks, psec.blocks)):
                    words = _new_words(found[n], edits)
                    if words is not None:
                        out[n] = (found[n], words)
            return out

        candidates = {}
        for n, (rs, words) in words_needed(sources).items():
            grafted = _apply(sources[n], rs, words)
            if grafted:
                candidates[n] = grafted
        # the edited template must need no further edit (an edit may have met another run)
        return {n: candidates[n] for n, (_rs, words) in words_needed(candidates).items() if not words}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
