"""Entry at a clerk's pace, as plain rules the app asks (no textual here):

- ``wanted_inputs``: the inputs of a section form the text still waits for (its 【待填】), in form
  order — Enter in a form goes to the next of these, so the clerk does not pass every blank
  figure the text does not need (a 0 source, a figure the tables already give) one key at a time;
- ``missing_parents``: the 类/款 rows a new 项 row needs above it (20406 and 204 for 2040601), each
  with its name from the codes known — the clerk types the 项 only and the grid shows each
  parent as the sum of its rows (Σ), as the text takes it;
- ``match_pasted_values``: a table's single values copied from Excel (label | 行次 | amount, two
  sides of 01表 on one line) matched to the page's rows by label — one paste per table.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Callable

from .fields import section_form
from .locate import field_for_sources, pending_items
from .model import Project
from .money import normalize_text


def wanted_inputs(project: Project, section_id: str, style=None) -> list[str]:
    """The form inputs (field paths) of ``section_id`` whose figure the text marks 待填, in the
    order of the form; reason boxes are not included (a missing reason leaves no marker)."""
    from . import api
    doc = api.render(project, section=section_id)
    form = section_form(project, section_id, style)
    # an input the text sums from rows of this form is not asked: the rows are
    order = [p for f in form.figures for p in (f.path, f.prior_path, f.budget_path) if p and p not in f.summed]
    wanted: set[str] = set()
    for item in pending_items(doc):
        if item.section != section_id or not item.source:
            continue
        path = field_for_sources(project, section_id, {item.source}, form=form)
        if path:
            wanted.add(path)
        # a figure the text states as the sum of others (财政拨款收入: its 其中 rows): their
        # blank inputs are what it waits for
        for f in form.figures:
            if item.source in f.sources and f.path and f.value is None and f.path not in f.summed:
                wanted.add(f.path)
    return [p for p in order if p in wanted]


# the levels of a 科目代码: 类 3 digits, 款 5, 项 7 (功能分类); 经济分类 类 3, 款 5
LEVELS = (3, 5)


def missing_parents(codes: list[str], code: str, name_of: Callable[[str], str | None]) -> list[tuple[str, str]]:
    """(code, name) of each 类/款 row above ``code`` that ``codes`` (the list's rows) lacks, top
    first; a parent whose name is not known is left out (the clerk adds it, or the text sums it)."""
    code = (code or "").strip()
    have = set(codes)
    out = []
    for n in LEVELS:
        if len(code) > n and code.isdigit():
            parent = code[:n]
            if parent not in have:
                name = name_of(parent)
                if name:
                    out.append((parent, name))
    return out


# ---------------------------------------------------------------------- pasting a table's values
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\(\d+\)|\d+[.、．]|其中[:：])\s*")


def _label(text: str) -> str:
    """A row label as a spreadsheet writes it, bare: no numbering ("一、", "1."), no "其中：", no spaces."""
    text = normalize_text(text or "")
    prev = None
    while prev != text:
        prev, text = text, _NUMBERING.sub("", text)
    return re.sub(r"\s+", "", text)


def _number(text: str) -> bool:
    try:
        Decimal(normalize_text(text).replace(",", "").strip())
        return True
    except (InvalidOperation, ValueError):
        return False


_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")  # a 功能分类 类/款/项 code: 3, 5 or 7 digits


def match_pasted_values(labels: list[tuple[str, str]], text: str,
                        code_table: str | None = None) -> tuple[list[tuple[str, str]], list[str]]:
    """Values copied from a spreadsheet laid out as label | (行次) | amount — one or more such
    groups side by side, as 公开01表's 收入 and 支出 — matched to a page's single values by label.
    ``labels``: (path, label as the page shows it, "收入·一般公共预算财政拨款收入"); a pasted label
    matches the whole page label or its last part.  Returns (path, value text) in the order pasted,
    and the labels that matched nothing (a label matching two rows is not guessed: it is returned).
    ``code_table``: a page's table of amounts by 功能分类 (``上年.功能分类``): a pasted line
    科目代码 | 科目名称 | amount goes there as "201 一般公共服务支出" (上年's or the budget's 05表)."""
    by_full: dict[str, list[str]] = {}
    by_last: dict[str, list[str]] = {}
    for path, label in labels:
        by_full.setdefault(_label(label.replace("·", "")), []).append(path)
        by_last.setdefault(_label(label.split("·")[-1].split("（")[0]), []).append(path)
    out: list[tuple[str, str]] = []
    unmatched: list[str] = []
    seen: set[str] = set()
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("\t")]
        filled = [c for c in cells if c]
        if code_table and len(filled) >= 3 and _CODE.match(normalize_text(filled[0])) \
                and not _number(filled[1]) and _number(filled[-1]):
            out.append((f"{code_table}.{normalize_text(filled[0])} {filled[1]}", filled[-1]))
            continue
        i = 0
        while i < len(cells):
            cell = cells[i]
            if not cell or _number(cell):
                i += 1
                continue
            # a label: its value is the last number before the next label (a 行次 comes first)
            j, value = i + 1, None
            while j < len(cells) and (not cells[j] or _number(cells[j])):
                if cells[j]:
                    value = cells[j]
                j += 1
            key = _label(cell)
            paths = by_full.get(key) or by_last.get(key) or []
            if value is not None:
                if len(paths) == 1 and paths[0] not in seen:
                    seen.add(paths[0])
                    out.append((paths[0], value))
                else:
                    unmatched.append(cell)
            i = j
    return out, unmatched
