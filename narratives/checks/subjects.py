"""L06: a 说明 whose subject matches no figure (a misspelt "公务招待费", a code no table holds) is
never written into the text; report it with the nearest valid subject instead of dropping it."""
from __future__ import annotations

from ..model import Project
from ..subjects import nearest, valid
from .finding import HINT, Finding
from .lint import note_section


def unknown_subjects(p: Project) -> list[Finding]:
    known = valid(p)
    known_set = set(known)
    out = []
    for key, exp in p.notes.items():
        if key in known_set or not any(getattr(exp, a) for a in ("reason", "usage", "deviation", "text")):
            continue
        near = nearest(p, key, known)
        what = "科目代码" if key.split()[0].isdigit() else "科目"
        hint = f"最接近的是“{near}”，是否写错了？" if near else "请按 juesuan schema 列出的科目改正。"
        out.append(Finding("L06", HINT, "说明", key,
                           f"说明“{key}”：没有这个{what}（本项目的表中也没有），这段文字不会出现在情况说明中。{hint}",
                           near or "有效的科目", key, subject=key, section=note_section(near or key)))
    return out
