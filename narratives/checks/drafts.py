"""L04/L05: what is still a draft.  L04: a text carried over by ``juesuan new --from`` (marked 【上年】)
and not yet reread; L05: a figure the style compares with last year whose 上年数 is not entered, so
the text says 上年数未填 instead of a comparison (the wording never pretends 上年 was 0)."""
from __future__ import annotations

from ..errors import JuesuanError
from ..model import Project
from ..styles import Style
from .finding import HINT, Finding
from .lint import _texts

CARRIED = "【上年】"


def carried_over(p: Project) -> list[Finding]:
    return [Finding("L04", HINT, table, loc,
                    f"{table} {loc}：这段文字沿用上年（标有{CARRIED}），尚未复核。请按本年情况改写并删去{CARRIED}。",
                    "本年的文字", CARRIED, subject=subject, section=section)
            for table, loc, subject, section, text in _texts(p) if CARRIED in text]


def missing_prior(p: Project, style: Style) -> list[Finding]:
    from ..render.engine import render_project
    marker = style.settings.words.missing_prior
    try:
        doc = render_project(p, style)
    except JuesuanError:
        return []  # a template problem is reported where the text is rendered, not here
    out = []
    for sec in doc.sections:
        for para in sec.paragraphs:
            if marker in para.text:
                figures = sorted({r.source.split(".")[-1] if r.source.startswith("公开") else r.source
                                  for r in para.runs if r.kind == "figure" and r.source})
                out.append(Finding("L05", HINT, "上年", f"{sec.heading}",
                                   f"{sec.heading}：有数字要与上年比较，但上年数未填（文中写作“{marker}”）。"
                                   f"请在“上年”中填入相应数字。段落：{para.text[:40]}……",
                                   "上年数", "（空）", subject=",".join(figures[:3]), section=sec.id))
    return out
