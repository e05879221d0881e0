"""Rows pasted from a spreadsheet (Excel/WPS copy → tab-separated text) into a table page's rows.

    parse_rows("2040601\t行政运行\t88.84\t88.84\t\n", ["科目代码", "科目名称", "小计", "基本支出", "项目支出"])
    → [{"科目代码": "2040601", "科目名称": "行政运行", "小计": Decimal("88.84"), "基本支出": Decimal("88.84"),
        "项目支出": None}]

Excel quotes a cell holding a line break or a tab ("机关事业单位基本养老\n保险缴费支出"), so the text
is read as tab-separated CSV, not split on newlines.  Header rows and the 栏次 row, if copied
along, are skipped; "2040601 行政运行" in one cell fills both 科目代码 and 科目名称.  Every bad cell
is reported at once, by row and column as the clerk sees them in the grid.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Sequence

from ..errors import JuesuanError
from ..money import AmountError, parse_amount, parse_count
from .tables_layout import is_lanci, key, split_joined

MAX_SHOWN = 8
CODE_KEYS = ("科目代码", "科目编码", "代码")
TEXT_KEYS = ("科目名称", "名称", "项目", "项目名称", "一级指标", "二级指标", "三级指标", "年度指标值",
             "实际完成值", "偏差原因")
COUNT_KEYS = ("批次", "人次", "数量", "车辆数")
_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")


class PasteError(JuesuanError):
    """Pasted text that does not fit the grid; the message names row, column and what was expected."""


@dataclass(frozen=True)
class Column:
    key: str            # the row's key (the project file's Chinese key)
    kind: str = "amount"  # amount | count | code | text
    title: str = ""     # what the grid's header shows, if not the key

    @property
    def label(self) -> str:
        return self.title or self.key


def _column(spec) -> Column:
    if isinstance(spec, Column):
        return spec
    if isinstance(spec, tuple):
        return Column(*spec)
    name = str(spec)
    if name in CODE_KEYS:
        return Column(name, "code")
    if name in TEXT_KEYS:
        return Column(name, "text")
    if name in COUNT_KEYS:
        return Column(name, "count")
    return Column(name, "amount")


def columns_of(model) -> list[Column]:
    """The grid columns of a row model (T05Row, EconRow, Indicator …), in field order, keyed by
    the project file's Chinese keys."""
    out = []
    for name, f in model.model_fields.items():
        key_ = f.alias or name
        kinds = str(f.annotation)
        if "Decimal" in kinds:
            kind = "amount"
        elif "int" in kinds:
            kind = "count"
        elif key_ in CODE_KEYS:
            kind = "code"
        else:
            kind = "text"
        out.append(Column(key_, kind))
    return out


def _records(text: str) -> list[list[str]]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" not in text:
        # a single column copied: one value per line (quotes are then literal text)
        return [[line] for line in text.split("\n")]
    return list(csv.reader(io.StringIO(text), delimiter="\t", quotechar='"', strict=False))


_HEADER_WORDS = {"项目", "科目代码", "科目名称", "栏次", "本年支出", "本年收入", "人员经费", "公用经费", "决算数",
                 "金额", "预算数", "行次", "功能分类科目", "经济分类科目"}


def _is_header(cells: list[str], cols: Sequence[Column]) -> bool:
    """A header line copied along: some cell is a column label and no cell holds a figure."""
    labels = {key(c.label) for c in cols} | {key(c.key) for c in cols} | _HEADER_WORDS
    filled = [(i, key(c)) for i, c in enumerate(cells) if c.strip()]
    if not filled or not any(k in labels for _, k in filled):
        return False
    for i, k in filled:
        if _CODE.match(k):
            return False
        try:
            if parse_amount(k) is not None:
                return False
        except AmountError:
            pass
    return True


def parse_rows(text: str, columns: Iterable, unit: str = "万元") -> list[dict]:
    """Parse pasted rows into dicts keyed by the columns' keys (blank cells → None).

    ``columns``: a row model (``T05Row``: its fields in order), or keys ("科目代码", "基本支出" …;
    the kind is guessed from the key), or ``Column`` objects.  ``unit``: the unit the grid shows amounts in (元 amounts are stored in 万元).
    Raises PasteError naming every bad cell ("第2行第4列（基本支出）：“1,2x3”不是金额…")."""
    if isinstance(columns, type) and hasattr(columns, "model_fields"):
        columns = columns_of(columns)
    cols = [_column(c) for c in columns or ()]
    if not cols:
        raise PasteError("表格没有可粘贴的列")
    errors: list[str] = []
    out: list[dict] = []
    for n, cells in enumerate(_records(text), start=1):
        # names keep their own characters (full-width brackets); codes and amounts are
        # normalised where they are parsed
        cells = [c.strip() if c else "" for c in cells]
        if not any(cells) or _is_header(cells, cols) or is_lanci(cells):
            continue
        # "2040601 行政运行" in one cell where the grid has 科目代码 | 科目名称
        if len(cols) >= 2 and cols[0].kind == "code" and cols[1].kind == "text" and \
                not _CODE.match(key(cells[0])):
            joined = split_joined(cells[0])
            if joined:
                cells = [*joined, *cells[1:]]
        while len(cells) > len(cols) and not cells[-1]:
            cells.pop()
        if len(cells) > len(cols):
            errors.append(f"第{n}行：有 {len(cells)} 列，表格只有 {len(cols)} 列"
                          f"（{'、'.join(c.label for c in cols)}）")
            continue
        row: dict = {}
        for i, col in enumerate(cols):
            raw = cells[i] if i < len(cells) else ""
            where = f"第{n}行第{i + 1}列（{col.label}）"
            row[col.key] = _value(raw, col, unit, where, errors)
        out.append(row)
    if errors:
        shown = "；".join(errors[:MAX_SHOWN])
        more = f"（共 {len(errors)} 处，仅列出前 {MAX_SHOWN} 处）" if len(errors) > MAX_SHOWN else ""
        raise PasteError(f"粘贴的内容有误：{shown}{more}")
    return out


def _value(raw: str, col: Column, unit: str, where: str, errors: list[str]):
    if col.kind == "text":
        return re.sub(r"\s*\n\s*", "", raw) or None
    if col.kind == "code":
        code = key(raw)
        if not code:
            return None
        if code in ("合计", "总计"):
            errors.append(f"{where}：合计行不是明细行，请把合计数填在表的“合计”栏")
            return None
        if not _CODE.match(code):
            errors.append(f"{where}：“{raw}”不是科目代码（应为 3、5 或 7 位数字，如 2040601）")
            return None
        return code
    try:
        if col.kind == "count":
            return parse_count(raw)
        value: Decimal | None = parse_amount(raw, unit=unit)
        return value
    except AmountError as exc:
        errors.append(f"{where}：{exc}")
        return None
