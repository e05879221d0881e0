"""--fill-notes: the document's own reasons (主要原因是…, 用于…, 其他需要说明的事项) into last year's
project file, so that ``juesuan new --from`` carries them into this year as 【上年】 drafts.

Only empty 说明 are filled (the clerk's own words are never overwritten); the file is saved
atomically after a copy of it is kept beside it (LAST.toml.bak)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..errors import JuesuanError
from ..facts import Facts
from ..io.projectfile import load, save
from ..model import Explanation
from . import catalogue
from .generalise import ParagraphLearner
from .matching import Matcher
from .reading import parse, read

_REASON = re.compile(r"(?P<dev>决算数?(?:大于|小于)[^，。；]{0,8}预算数?的)?主要原因(?:是|为)?[：:]?(?P<body>[^。]+)。")
# a use ends at the sentence's end, or where the comparison with 上年 starts ("，较2023年…")
_USAGE = re.compile(r"(?:主要)?用于[：:]?(?P<body>[^。；]+?)(?=[。；]|[，,](?:较|比|与)(?:上年|20\d\d))")
_KIND = {"reason": "变动原因", "usage": "主要用于", "deviation": "预算偏差原因", "text": "内容"}


def found_notes(text: str, project) -> dict[tuple[str, str], str]:
    """(subject, kind) → the document's words, for every reason and use the document states.  A
    reason belongs to the change (a deviation reason to the completion) stated nearest before it;
    a use to the row the paragraph is about."""
    from .matching import topic_of
    pub = parse(text)
    facts = Facts(project)
    cat = catalogue.build(facts)
    learner = ParagraphLearner(facts, cat, Matcher(cat), [])
    out: dict[tuple[str, str], str] = {}
    for sec in pub.sections:
        paras = sec.paragraphs()
        topic = topic_of(sec.title)
        for k, para in enumerate(paras):
            if re.match(r"^\d*、?其他需要说明的事项$", para) and k + 1 < len(paras):
                out.setdefault(("其他需要说明的事项", "text"), paras[k + 1])
            slots, pos = [], 0
            for p in learner.learn(para, topic).pieces:
                if isinstance(p, str):
                    pos += len(p)
                else:
                    slots.append((pos, p))
                    pos += len(p.text)
            for m in _REASON.finditer(para):
                kind = "deviation" if m.group("dev") else "reason"
                want = ("completion",) if kind == "deviation" else ("change",)
                before = [sl for at, sl in slots if at < m.start() and sl.kind in want and sl.subject is not None]
                if kind == "deviation" and not before:
                    before = [sl for at, sl in slots if at < m.start() and sl.subject is not None and sl.role == "budget"]
                if before and before[-1].subject.note_key:
                    out.setdefault((before[-1].subject.note_key, kind), m.group("body").strip())
            for m in _USAGE.finditer(para):
                rows = [sl for at, sl in slots if at < m.start() and sl.subject is not None and sl.subject.coll]
                if rows and rows[-1].subject.note_key:
                    out.setdefault((rows[-1].subject.note_key, "usage"), m.group("body").strip())
    return out


def fill_notes(document, project_path: Path, text: str | None = None) -> list[str]:
    """Write the found words into the project's empty 说明; returns "subject.kind" of each written."""
    from ..audit.reading import read_document
    project = load(project_path)
    found = found_notes(text if text is not None else read_document(document), project)
    notes = dict(project.notes)
    added = []
    for (key, kind), body in found.items():
        if project.note(key, kind):
            continue
        exp = notes.get(key) or Explanation()
        notes[key] = exp.model_copy(update={kind: body})
        added.append(f"{key}.{_KIND[kind]}")
    if not added:
        return []
    updated = project.model_copy(update={"notes": notes})
    try:
        shutil.copy2(project_path, project_path.with_name(project_path.name + ".bak"))
    except OSError as exc:
        from ..io.projectfile import os_reason
        raise JuesuanError(f"无法备份 {project_path}：{os_reason(exc, project_path.parent)}；未写入说明") from None
    save(updated, project_path)
    return added


__all__ = ["fill_notes", "found_notes", "read"]
