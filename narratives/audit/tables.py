"""A light reader for the few table cells the audit compares with the text: 公开01表 totals,
公开05表 合计 and 类 rows, 公开09表 "三公" 合计.  Tables arrive as tab-separated rows (the
seeds, and the .docx reader); a PDF's text layer loses the cells and simply yields nothing here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..money import AmountError, parse_amount

_TABLE_TITLE = re.compile(r"公开\s*(?P<n>\d{1,2})\s*表?")
_NUMBERING = re.compile(r"^[一二三四五六七八九十]+、")


@dataclass
class TableFigures:
    """Cells by name: "T01.收入总计", "T05.合计", "T05.类.公共安全支出", "T09.决算.合计"."""

    cells: dict[str, Decimal] = field(default_factory=dict)

    def get(self, key: str) -> Decimal | None:
        return self.cells.get(key)

    def __bool__(self) -> bool:
        return bool(self.cells)


def _amount(cell: str) -> Decimal | None:
    try:
        return parse_amount(cell.strip())
    except AmountError:
        return None


def _blocks(text: str) -> dict[int, list[list[str]]]:
    """The tab-separated rows under each "公开NN表" title, up to the next title."""
    blocks: dict[int, list[list[str]]] = {}
    current: int | None = None
    for line in text.splitlines():
        stripped = line.strip()
        m = _TABLE_TITLE.fullmatch(stripped) or (_TABLE_TITLE.match(stripped) if len(stripped) < 12 else None)
        if m:
            current = int(m.group("n"))
            blocks.setdefault(current, [])
            continue
        if current is not None and "\t" in line:
            blocks[current].append([c.strip() for c in line.split("\t")])
    return blocks


def _t01(rows: list[list[str]], out: dict[str, Decimal]) -> None:
    # each row: 收入 label, 行次, 金额 | 支出 label, 行次, 金额
    for row in rows:
        if len(row) < 6:
            continue
        for side, (label, line_no, amount) in (("收入", row[0:3]), ("支出", row[3:6])):
            name = _NUMBERING.sub("", label.replace(" ", ""))
            value = _amount(amount)
            if not name or not line_no.isdigit() or value is None:  # header rows have no 行次
                continue
            if name == "总计":
                name = side + "总计"
            out.setdefault(f"T01.{name}", value)


def _after_column_numbers(rows: list[list[str]]) -> list[list[str]]:
    """The data rows: those after the row of column numbers ("栏次" / "1 2 3 …")."""
    for i, row in enumerate(rows):
        cells = [c for c in row if c]
        if cells and (cells[0] == "栏次" or all(c.isdigit() for c in cells) and cells[:2] == ["1", "2"]):
            return rows[i + 1:]
    return []


def _t05(rows: list[list[str]], out: dict[str, Decimal]) -> None:
    for row in _after_column_numbers(rows):
        if len(row) < 5:
            continue
        code, name = row[0].replace(" ", ""), row[1].replace(" ", "")
        values = [_amount(c) for c in row[2:5]]
        if code in ("", "合计") and name in ("", "合计") and "T05.合计" not in out:
            for label, v in zip(("合计", "基本支出", "项目支出"), values):
                if v is not None:
                    out[f"T05.{label}"] = v
        elif re.fullmatch(r"\d{3}", code) and values[0] is not None:
            out[f"T05.类.{name}"] = values[0]


def _t09(rows: list[list[str]], out: dict[str, Decimal]) -> None:
    data = _after_column_numbers(rows)
    if not data:
        return
    cells = data[0] + [""] * 12
    labels = ("合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
    for k, label in enumerate(labels):
        for half, offset in (("预算", 0), ("决算", 6)):
            value = _amount(cells[k + offset])
            out[f"T09.{half}.{label}"] = value if value is not None else Decimal(0)


def read_tables(text: str) -> TableFigures:
    blocks = _blocks(text)
    out: dict[str, Decimal] = {}
    for number, reader in ((1, _t01), (5, _t05), (9, _t09)):
        if blocks.get(number):
            reader(blocks[number], out)
    return TableFigures(out)
