"""One 待填 marker per missing input per clause.

The helpers write the marker of every input a figure waits for, each on its own: "支出{{ money(x) }}，
比2023年{{ change(x) }}" with 本年 blank gives "支出【待填：X】，比2023年【待填：X】", the same input
asked twice in one breath (a share, a completion rate and a ratio do the same).  A helper cannot know
what the sentence printed before it, so this pass over the rendered paragraphs does: within a clause
(up to 。；！？ or the paragraph's end) a marker already shown is not shown again.  Where that leaves a
comparison with nothing to say, it reads ``LATER`` ("比2023年（待计算）", "占比（待计算）"): the
figure follows by itself once the input above it is filled.  A marker is only ever dropped after the
same marker in the same clause, so every missing input stays visible (and counted by ``check``).
Tables are left alone: each cell is a figure of its own.
"""
from __future__ import annotations

import re

from .. import pending
from .document import Paragraph, Run

LATER = "（待计算）"
_ENDS = "。；！？;!?"
# a marker, or a clause's end
_TOKEN = re.compile(f"(?P<marker>{pending.PATTERN.pattern})|(?P<end>[{_ENDS}])")


def _pieces(runs: list[Run]) -> list[list]:
    """[run index, kind ("text" | "marker" | "end"), text, label] for every piece of the runs."""
    out: list[list] = []
    for i, r in enumerate(runs):
        pos = 0
        for m in _TOKEN.finditer(r.text):
            if m.start() > pos:
                out.append([i, "text", r.text[pos:m.start()], None])
            out.append([i, "end", m.group(0), None] if m.group("end") else [i, "marker", m.group(0), m.group(2)])
            pos = m.end()
        if pos < len(r.text):
            out.append([i, "text", r.text[pos:], None])
    return out


def _dedupe(pieces: list[list]) -> None:
    """Empty the repeated markers of each clause (in place); an adjacent run of markers (the
    markers of one comparison, each its own figure) that loses all of them reads LATER."""
    seen: set[str] = set()
    group: list[tuple[list, bool]] = []  # (piece, kept)

    def close() -> None:
        if group and not any(kept for _, kept in group):
            group[0][0][2] = LATER
        group.clear()

    for piece in pieces:
        kind = piece[1]
        if kind == "marker":
            kept = piece[3] not in seen
            seen.add(piece[3])
            if not kept:
                piece[2] = ""
            group.append((piece, kept))
            continue
        close()
        if kind == "end":
            seen.clear()
    close()


def once_per_clause(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs with each missing input's marker shown once per clause (in place)."""
    for para in paragraphs:
        if para.kind == "table" or sum(pending.count(r.text) for r in para.runs) < 2:
            continue
        pieces = _pieces(para.runs)
        _dedupe(pieces)
        texts = [""] * len(para.runs)
        for i, _kind, text, _label in pieces:
            texts[i] += text
        # the stand-in is no figure (nothing is stated), but keeps the source the app points at
        para.runs = [r if t == r.text else Run(t, r.source, "text" if t == LATER else r.kind)
                     for r, t in zip(para.runs, texts) if t]
    return paragraphs
