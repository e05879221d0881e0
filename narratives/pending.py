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


# the inputs a label may start with, as the code builds it from a source path ("公开03表 合计 基本支出")
_PLACE = re.compile(r"^(公开\d{2}表|三公明细|政府采购明细|预算绩效)(?:[ ·]+|$)")
# a column or group word the path puts first and a clerk says last: "合计 基本支出" → "基本支出合计",
# "决算数 公务接待费" → "公务接待费决算数", "车辆 其他用车" → "其他用车数"
_SAID_AFTER = {"合计": "合计", "决算数": "决算数", "车辆": "数", "收入": "收入"}
# whole names a table's own 合计 stands for
_TOTALS = {("公开09表", "合计"): "“三公”经费合计"}


def readable(label: str) -> str:
    """A marker's label as a clerk says it: the thing first, the table it is entered in after it
    in brackets — "公开03表 合计 基本支出" → "基本支出合计（公开03表）", "三公明细 国内接待 批次" →
    "国内接待批次（三公明细）", "公开05表 2010102 一般行政管理事务" → "2010102 一般行政管理事务（公开05表）".
    Labels that do not start with a table ("一般公共服务支出 年初预算") and labels already readable are
    returned as they are, so styles may write either form."""
    text = " ".join(str(label).split())
    m = _PLACE.match(text)
    if not m or m.end() == len(text):
        return text
    place = m.group(1)
    words = [w for w in re.split(r"[ ·]+", text[m.end():]) if w]
    if len(words) > 1 and words[0] in _SAID_AFTER:
        words = words[1:] + [_SAID_AFTER[words[0]]]
    words[0] = _TOTALS.get((place, words[0]), words[0])
    said = ""
    for w in words:  # Chinese words join without a space; a 科目代码 keeps one before its name
        said += w if not said or not said.split(" ")[-1].isdigit() else " " + w
    return f"{said}（{place}）"


def place_of(label: str) -> str | None:
    """The table a readable label names in its closing brackets ("基本支出合计（公开03表）" → 公开03表)."""
    m = re.search(r"（([^（）]+)）$", label or "")
    return m.group(1) if m and _PLACE.match(m.group(1)) else None


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
