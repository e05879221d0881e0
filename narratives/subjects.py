"""The subjects a clerk may write 说明 about: the named figures the templates read and the
功能分类 codes the project holds.  ``check`` (L06) reports a note whose subject is none of these
with the nearest valid one, so a misspelt "公务招待费" is never silently left out of the text."""
from __future__ import annotations

import difflib

from .model import (EXPENSE_KINDS, FISCAL_SOURCES, INCOME_SOURCES, SANGONG_ITEMS, T02_SOURCES,
                    VEHICLE_KINDS, Project, code_map)
from .model.base import clean_key

# figures the templates look notes up by name (Item keys and the literal subjects of templates)
NAMED: tuple[str, ...] = (
    "收支总计", "收入总计", "支出总计", "本年收入合计", "本年支出合计",
    *T02_SOURCES, *[s for s in INCOME_SOURCES if s not in T02_SOURCES], *EXPENSE_KINDS,
    "财政拨款收支总计", "财政拨款收入总计", "财政拨款支出总计",
    "一般公共预算财政拨款支出", "一般公共预算财政拨款基本支出", "人员经费", "公用经费",
    "政府性基金", "国有资本经营",
    "三公经费", *SANGONG_ITEMS, "公务用车购置及运行维护费",
    "机关运行经费", "政府采购", *VEHICLE_KINDS, "其他需要说明的事项",
)
assert set(FISCAL_SOURCES) <= set(NAMED)


def codes(project: Project) -> list[str]:
    """Every 功能分类 code the project's tables, 上年 and 年初预算 hold, sorted."""
    found: set[str] = set()
    for rows in (project.t02.rows, project.t03.rows, project.t05.rows, project.t07.rows, project.t08.rows):
        found.update(r.code for r in rows)
    b = project.budget
    for mapping in (project.prior.by_func, b.by_func, b.fund_by_func, b.capital_by_func):
        found.update(code_map(mapping))
    return sorted(found)


def valid(project: Project) -> list[str]:
    """The named subjects (as stored: NFKC, "因公出国(境)费") and the project's codes."""
    return [*dict.fromkeys(clean_key(n) for n in NAMED), *codes(project)]


def is_valid(project: Project, subject: str, known: list[str] | None = None) -> bool:
    return clean_key(subject) in set(known if known is not None else valid(project))


def nearest(project: Project, subject: str, known: list[str] | None = None) -> str | None:
    """The valid subject closest to ``subject``: for a code, the code sharing the longest prefix
    (then the closest spelling); for a name, the closest spelling.  None when nothing is close."""
    pool = known if known is not None else valid(project)
    key = clean_key(subject)
    head = key.split()[0] if key.split() else key
    if head.isdigit():
        nums = [c for c in pool if c.isdigit()]
        if not nums:
            return None

        def prefix(c: str) -> int:
            n = 0
            for a, b in zip(c, head):
                if a != b:
                    break
                n += 1
            return n
        best = max(prefix(c) for c in nums)
        if best == 0:
            return None
        close = [c for c in nums if prefix(c) == best]
        same = [c for c in close if len(c) == len(head)] or close  # a 项 for a 项
        return (difflib.get_close_matches(head, same, n=1, cutoff=0) or same)[0]
    names = [c for c in pool if not c.isdigit()]
    match = difflib.get_close_matches(key, names, n=1, cutoff=0.4)
    return match[0] if match else None
