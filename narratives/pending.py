"""The 待填 placeholder: what the text writes where it needs a figure the clerk has not entered.

A published false figure is the worst thing this tool can cause, so an unknown is never written
as 0: the sentence carries a visible marker ``【待填：公共安全支出 年初预算】`` instead.  The app's
status line, ``check`` (错误 "未填"), export warnings and audit all find markers with ``find`` /
``PATTERN`` here, so the marker's shape lives in one place.
"""
from __future__ import annotations

import re

OPEN, CLOSE, LEAD = "【", "】", "待填："

# the label is any text without the closing bracket (labels are field names, never nested)
PATTERN = re.compile(f"{OPEN}{LEAD}([^{CLOSE}\n]*){CLOSE}")


def marker(label: str) -> str:
    """``【待填：<label>】``; a "】" or line break inside the label would end the marker early, so
    they are replaced (labels come from field and row names, which a clerk may have typed)."""
    clean = " ".join(str(label).replace(CLOSE, "］").split())
    return f"{OPEN}{LEAD}{clean}{CLOSE}"


def find(text: str) -> list[str]:
    """The labels of every marker in ``text``, in order (a label twice is listed twice)."""
    return PATTERN.findall(text or "")


def count(text: str) -> int:
    return len(PATTERN.findall(text or ""))


def in_document(doc) -> list[str]:
    """The labels of every marker in a rendered document (``render.document.Document``), section by
    section, in order — what ``Session.pending()``, export and audit count."""
    out: list[str] = []
    for sec in doc.sections:
        for para in sec.paragraphs:
            out += find(para.text)
            for row in para.rows or ():
                for cell in row:
                    out += find(cell)
    return out
