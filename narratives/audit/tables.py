"""The table cells the audit compares with the text, from the 公开01–09表 printed before
第三部分, each table found by its title ("收入支出决算总表", "公开01表").

Tables arrive as tab-separated rows (the seeds, the .docx and PDF readers); they are read with the
workbook import's own layout finder and table readers (``narratives.io``), over a grid made of
those rows, so a published text and a workbook are read by the same code.

A table whose title is there but whose cells cannot be read (a PDF whose table lost its cells, a
header the reader does not know) is "not read": it yields no cell at all, never zeros, and the
report names it.  Only a table that says it is empty ("本表无数据") stands for zeros.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import JuesuanError
from ..io.table_readers import READERS, Reader
from ..io.tables_layout import Region, Sheet, find_tables
from ..model.tables import INCOME_SOURCES
from .patterns import PAGE_BREAK
from .pdf import UNREAD_TABLE, UNRULED_TABLE

WANTED = tuple(range(1, 11))  # all ten: the ones the text is compared with, and the 勾稽关系 between them
ZERO = Decimal(0)
SANGONG = ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费", "公务用车购置及运行维护费")


@dataclass
class TableFigures:
    """Cells by name: "T01.收入总计", "T05.合计", "T05.类.公共安全支出", "T09.决算.合计"."""

    cells: dict[str, Decimal] = field(default_factory=dict)
    read: list[str] = field(default_factory=list)      # "公开01表", … the tables read
    not_read: list[str] = field(default_factory=list)  # tables found by title whose cells could not be read
    errors: list = field(default_factory=list)         # checks.Finding: the tables against each other

    def get(self, key: str) -> Decimal | None:
        return self.cells.get(key)

    def __bool__(self) -> bool:
        return bool(self.cells)


def _grid(text: str) -> Sheet:
    rows: list[list[str]] = []
    for line in text.split("\n"):
        if line.strip() == PAGE_BREAK:
            continue  # a page break inside a table is no row of it
        if "\t" in line:
            rows.append([c.strip() for c in line.split("\t")])
        elif len(line.strip().lstrip("#").strip()) <= 30 or "无数据" in line:
            # (a long "注：…故本表无数据。" is the table's own note: it says the table is empty)
            # titles ("收入支出决算总表", "公开01表"; "### …" in Markdown) are how tables are found
            rows.append([line.strip().lstrip("#").strip()])
        else:
            rows.append([])  # a paragraph is no row of any table
    return Sheet("文本", rows)


def _says_empty(region: Region) -> bool:
    rows = region.sheet.rows[region.start:region.end]
    return any("无数据" in c or "空表" in c or "无此项" in c for row in rows for c in row)


def _marked(region: Region, marker: str) -> bool:
    rows = region.sheet.rows[region.start:region.end]
    return any(marker in c for row in rows for c in row)


def _unreadable(region: Region) -> bool:
    return _marked(region, UNREAD_TABLE)


def _has_body(region: Region) -> bool:
    rows = region.sheet.rows
    return any(sum(1 for c in rows[r] if c) >= 2 for r in range(region.start + 1, region.end))


def _read(text: str) -> tuple[dict[int, dict], set[int], set[int], set[int]]:
    """(figures of each table read, tables that say they are empty, tables found but not read,
    tables read from a PDF's word positions — no ruling lines).
    A table of contents names the tables too, so for each number the first region that reads
    without error and with figures wins."""
    found: dict[int, dict] = {}
    empty: set[int] = set()
    failed: set[int] = set()
    unruled: set[int] = set()
    for region in find_tables(_grid(text)):
        if region.number not in WANTED or region.number in found:
            continue
        if not _has_body(region):
            continue  # a title alone (a 目录 line)
        if _unreadable(region):
            # the PDF reader could not make out its cells: not read, unless it says it is empty
            if _says_empty(region):
                empty.add(region.number)
                found[region.number] = {}
            else:
                failed.add(region.number)
            continue
        errors: list[str] = []
        try:
            figures = READERS[region.number](Reader(region, errors, []))
        except JuesuanError:
            figures, errors = {}, ["?"]
        if _says_empty(region) and not _any_figure(figures):
            empty.add(region.number)
            failed.discard(region.number)
            found[region.number] = {}
        elif not errors and _any_figure(figures):
            found[region.number] = figures
            failed.discard(region.number)
            if _marked(region, UNRULED_TABLE):
                unruled.add(region.number)
        else:
            failed.add(region.number)
    return found, empty, failed - set(found), unruled


def _any_figure(value) -> bool:
    if isinstance(value, Decimal):
        return True
    if isinstance(value, dict):
        return any(_any_figure(v) for k, v in value.items() if not str(k).startswith("_"))
    if isinstance(value, list):
        return any(_any_figure(v) for v in value)
    return False


def _distrust(tables: dict[int, dict], empty: set[int], failed: set[int], unruled: set[int]) -> list:
    """The 勾稽关系 of the tables read; a table read from word positions that a relation names is
    taken back as not read (its columns may have been found wrong — a misread is no evidence that
    the publication's table is wrong), and the relations are checked again without it."""
    while True:
        errors = table_errors(tables, empty)
        named = {n for n in unruled & set(tables) for e in errors
                 if f"公开{n:02d}表" in " ".join((e.table, e.location, e.message))}
        if not named:
            return errors
        for n in named:
            del tables[n]
            failed.add(n)


def read_tables(text: str) -> TableFigures:
    tables, empty, failed, unruled = _read(text)
    errors = _distrust(tables, empty, failed, unruled)
    out: dict[str, Decimal] = {}
    t01 = tables.get(1, {})
    for key in ("收入总计", "支出总计", "本年收入合计", "本年支出合计"):
        if t01.get(key) is not None:
            out[f"T01.{key}"] = t01[key]
    if 1 in tables:
        # the reader keeps the sources with figures: a source of a table that was read and
        # left blank is 0
        income = t01.get("收入", {})
        for name in INCOME_SOURCES:
            out[f"T01.收入.{name}"] = income.get(name) or ZERO
        out["T01.收入.财政拨款收入"] = sum((income.get(n) or ZERO for n in INCOME_SOURCES[:3]), ZERO)
        for name, value in t01.get("支出", {}).items():
            out[f"T01.支出.{name}"] = value
    t03 = tables.get(3, {})
    for label in ("本年支出合计", "基本支出", "项目支出"):
        value = t03.get("合计", {}).get(label)
        if value is not None:
            out[f"T03.{label}"] = value
    t04 = tables.get(4, {})
    if t04:
        for key in ("收入总计", "本年收入合计"):
            if t04.get(key) is not None:
                out[f"T04.{key}"] = t04[key]
        for key in ("支出总计", "本年支出合计"):
            value = t04.get(key, {}).get("合计") if isinstance(t04.get(key), dict) else t04.get(key)
            if value is not None:
                out[f"T04.{key}"] = value
    # 04表's 类 rows, 一般公共预算 column: the same figure as 05表's 类 (01表's 类 rows are all funds)
    for name, cols in (t04.get("支出", {}) or {}).items():
        if isinstance(cols, dict) and cols.get("一般公共预算财政拨款") is not None:
            out[f"T04.类.{name}"] = cols["一般公共预算财政拨款"]
    t05 = tables.get(5, {})
    for label, key in (("小计", "合计"), ("基本支出", "基本支出"), ("项目支出", "项目支出")):
        value = t05.get("合计", {}).get(label)
        if value is not None:
            out[f"T05.{key}"] = value
    for row in t05.get("行", []):
        if len(row.get("科目代码", "")) == 3 and row.get("小计") is not None:
            out[f"T05.类.{row['科目名称']}"] = row["小计"]
    t06 = tables.get(6, {})
    for key in ("人员经费合计", "公用经费合计"):
        if t06.get(key) is not None:
            out[f"T06.{key.removesuffix('合计')}"] = t06[key]
    if 9 in empty:
        for half in ("预算", "决算"):
            out[f"T09.{half}.合计"] = ZERO  # "本表无数据": no 三公 spending, no budget
    elif 9 in tables:
        for half in ("预算", "决算"):
            cells = tables[9].get(f"{half}数", {})
            if not cells:
                continue  # that half could not be read: no figure, not zeros
            # a blank cell of a half that was read is 0 (printed empty); 合计 from its items if blank
            total = cells.get("合计")
            if total is None:
                total = sum((cells.get(k) or ZERO for k in SANGONG[:4]), ZERO) if any(
                    cells.get(k) is not None for k in SANGONG[:4]) else None
            if total is not None:
                out[f"T09.{half}.合计"] = total
            for item in SANGONG:
                out[f"T09.{half}.{item}"] = cells.get(item) or ZERO
    read = [f"公开{n:02d}表" for n in sorted(set(tables) | empty)]
    return TableFigures(out, read, [f"公开{n:02d}表" for n in sorted(failed)], errors)


_TABLE_TAG = re.compile(r"公开\d{2}表")


def table_errors(tables: dict[int, dict], empty: set[int]) -> list:
    """The 勾稽关系 of the tables read, as ``juesuan check`` finds them for a project: the tables
    become a project and the table rules run on it.  Only 错误 (beyond 尾差) are kept, and only
    those whose every table was read: a table not read is no evidence of anything."""
    if not tables:
        return []
    from ..checks import check
    from ..checks.finding import ERROR
    from ..io.projectfile import from_dict
    t10 = dict(tables.get(10, {}))
    kind = t10.pop("_kind", None) or "事业单位"
    t10.pop("_procurement", None)
    data: dict = {"单位": {"名称": "公开文本", "年度": 2024, "性质": kind}}
    for n, table in tables.items():
        data[f"公开{n:02d}表"] = t10 if n == 10 else table
    try:
        project = from_dict(data, "公开文本")
        found = check(project)
    except Exception:  # a table the model refuses: the 勾稽关系 are not checked, the rest still is
        return []
    read = {f"公开{n:02d}表" for n in set(tables) | empty}
    out = []
    for f in found:
        if f.severity != ERROR or not f.rule.startswith("R") or f.table not in read:
            continue  # the narrative's inputs (未填 and the like) are no business of a publication's tables
        named = set(_TABLE_TAG.findall(" ".join((f.table, f.location, f.message))))
        if named and named <= read:
            out.append(f)
    return out
