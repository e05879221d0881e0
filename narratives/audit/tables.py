"""The table cells the audit compares with the text: 公开01表 totals, 公开05表 合计 and 类 rows,
公开09表 "三公" 合计.

Tables arrive as tab-separated rows (the seeds, and the .docx reader); they are read with the
workbook import's own layout finder and table readers (``narratives.io``), over a grid made of
those rows, so a published text and a workbook are read by the same code.  A PDF's text layer
loses the cells and simply yields nothing here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import JuesuanError
from ..io.table_readers import READERS, Reader
from ..io.tables_layout import Sheet, find_tables

WANTED = (1, 5, 9)


@dataclass
class TableFigures:
    """Cells by name: "T01.收入总计", "T05.合计", "T05.类.公共安全支出", "T09.决算.合计"."""

    cells: dict[str, Decimal] = field(default_factory=dict)

    def get(self, key: str) -> Decimal | None:
        return self.cells.get(key)

    def __bool__(self) -> bool:
        return bool(self.cells)


def _grid(text: str) -> Sheet:
    rows: list[list[str]] = []
    for line in text.splitlines():
        if "\t" in line:
            rows.append([c.strip() for c in line.split("\t")])
        elif len(line.strip().lstrip("#").strip()) <= 30:
            # titles ("收入支出决算总表", "公开01表"; "### …" in Markdown) are how tables are found
            rows.append([line.strip().lstrip("#").strip()])
        else:
            rows.append([])  # a paragraph is no row of any table
    return Sheet("文本", rows)


def _read(text: str) -> dict[int, dict]:
    """The figures of 公开01/05/09表; a table of contents names the tables too, so for each number
    the first region that reads without error and with figures wins."""
    found: dict[int, dict] = {}
    for region in find_tables(_grid(text)):
        if region.number not in WANTED or region.number in found:
            continue
        errors: list[str] = []
        try:
            figures = READERS[region.number](Reader(region, errors, []))
        except JuesuanError:
            continue
        if not errors and figures:
            found[region.number] = figures
    return found


def read_tables(text: str) -> TableFigures:
    tables = _read(text)
    out: dict[str, Decimal] = {}
    t01 = tables.get(1, {})
    for key in ("收入总计", "支出总计", "本年收入合计", "本年支出合计"):
        if t01.get(key) is not None:
            out[f"T01.{key}"] = t01[key]
    t05 = tables.get(5, {})
    for label, key in (("小计", "合计"), ("基本支出", "基本支出"), ("项目支出", "项目支出")):
        value = t05.get("合计", {}).get(label)
        if value is not None:
            out[f"T05.{key}"] = value
    for row in t05.get("行", []):
        if len(row.get("科目代码", "")) == 3 and row.get("小计") is not None:
            out[f"T05.类.{row['科目名称']}"] = row["小计"]
    if 9 in tables:
        for half in ("预算", "决算"):
            cells = tables[9].get(f"{half}数", {})
            # an empty cell of a table that is there is 0 (本表无数据)
            out[f"T09.{half}.合计"] = cells.get("合计") or Decimal(0)
    return TableFigures(out)
