"""Import the 公开01–10表 workbook (.xlsx or .xls, read with python-calamine) into a project.

Cells become text first, so amounts stay exact: a number cell holds an IEEE double, which is
written with Excel's own 15 significant digits (what the clerk sees in Excel) and then read as a
Decimal; no arithmetic ever happens on a float.  Which table is where, and which column holds
what, is worked out from titles and header labels (``tables_layout``); the figures are read by
``table_readers``.  Any bad cell stops the import with a message naming file, sheet, table and
cell; nothing is written then (the command saves only a finished project).
"""
from __future__ import annotations

import datetime as _dt
import math
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import JuesuanError
from ..model import Project
from .projectfile import ProjectFileError, from_dict, read_reason
from .table_readers import READERS, Reader
from .tables_layout import Region, Sheet, find_tables

MAX_SHOWN = 8


class WorkbookError(JuesuanError):
    """A workbook that cannot be imported; the message names file, sheet, cell and what was expected."""


@dataclass
class ImportResult:
    project: Project
    notes: list[str] = field(default_factory=list)   # things ignored or assumed, for stderr
    tables: list[int] = field(default_factory=list)  # which 公开表 were found


def cell_text(value: Any) -> str:
    """A cell as the text a clerk would type: floats with Excel's 15 significant digits."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        # Excel keeps 15 significant digits; beyond that a double is binary noise (0.1+0.2)
        d = Decimal(format(value, ".15g"))
        text = format(d, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return str(value)
    return str(value)


READ_TIMEOUT = 120  # seconds: a damaged file that sends the reader into a loop is given up on


def _check_file(path: Path) -> None:
    """A regular file that looks like an Excel workbook: a FIFO named x.xlsx would hang the
    read for ever, a device would never end."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise WorkbookError(f"找不到工作簿 {path}") from None
    except OSError as exc:
        raise WorkbookError(f"无法读取 {path}：{read_reason(exc)}") from None
    if stat.S_ISDIR(st.st_mode):
        raise WorkbookError(f"{path} 是文件夹，不是工作簿")
    if not stat.S_ISREG(st.st_mode):
        raise WorkbookError(f"{path} 不是普通文件（管道、设备等），不能作为工作簿导入")
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise WorkbookError(f"无法读取 {path}：{read_reason(exc)}") from None
    if not (head.startswith(b"PK") or head.startswith(b"\xd0\xcf\x11\xe0")):
        raise WorkbookError(f"{path} 不是 Excel 工作簿（应为 .xlsx 或 .xls 文件）")


def _read_raw(path: Path) -> dict:
    """The sheets, or the reason they cannot be read.  An .xlsx is scanned first (extent, error
    cells; see sheet_worker) and then read here: the scan bounds what calamine allocates.  An
    .xls (BIFF, whose size fields calamine trusts) is read in a child process with a memory
    limit: a file that makes the reader abort or run out of memory kills the child, not us."""
    with open(path, "rb") as fh:
        if fh.read(2) == b"PK":
            return _read_in_process(path)
    return _read_in_child(path)


def _read_in_child(path: Path) -> dict:
    import pickle
    import subprocess
    import sys
    from . import sheet_worker
    try:
        done = subprocess.run([sys.executable, sheet_worker.__file__, os.fspath(path)],
                              capture_output=True, timeout=READ_TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise WorkbookError(f"无法打开工作簿 {path}：读取超过 {READ_TIMEOUT} 秒仍未完成，文件可能已损坏") from None
    except OSError:
        return _read_in_process(path)  # no child process here (a locked-down machine): read in place
    if done.returncode != 0 or not done.stdout:
        raise WorkbookError(f"无法打开工作簿 {path}：文件已损坏，读取时超出内存上限或异常中止"
                            "（请在 Excel 中打开并另存为新的 .xlsx 后重新导入）")
    try:
        return pickle.loads(done.stdout)
    except Exception:
        raise WorkbookError(f"无法打开工作簿 {path}：文件已损坏或格式不受支持") from None


def _read_in_process(path: Path) -> dict:
    from . import sheet_worker
    try:
        return sheet_worker.read(os.fspath(path))
    except MemoryError:
        return {"sheets": [], "problem": "memory"}
    except BaseException as exc:  # PanicException derives from BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return {"sheets": [], "problem": "damaged"}


_PROBLEMS = {
    "damaged": "文件已损坏或格式不受支持（请在 Excel 中打开并另存为新的 .xlsx 后重新导入）",
    "password": "有密码保护，请先在 Excel 中取消密码",
    "memory": "文件已损坏或过大，读取时超出内存上限",
}


def read_sheets(path: str | os.PathLike) -> list[Sheet]:
    """Every worksheet as a grid of texts from A1, with merged header cells filled in.  Excel
    error values keep their text ("#DIV/0!") and a formula without a cached value reads as
    "=SUM(…)", so that the table reader names the cell instead of taking a blank."""
    p = Path(path)
    _check_file(p)
    result = _read_raw(p)
    problem = result.get("problem")
    if problem:
        raise WorkbookError(f"无法打开工作簿 {p}：{_PROBLEMS.get(problem, problem)}")
    sheets = []
    damaged = []
    for entry in result["sheets"]:
        name = entry["name"]
        if "problem" in entry:
            if entry["problem"] == "damaged":
                damaged.append(name)
                continue
            raise WorkbookError(f"{p.name}：{entry['problem']}")
        raw = entry["rows"]
        merged = entry["merged"]
        # most cells are text or empty: those skip the call to cell_text (a 5 000-row import)
        rows = [[v.strip() if type(v) is str else "" if v is None else cell_text(v) for v in row]
                for row in raw]
        for (r, c), text in entry.get("marks", {}).items():
            while r >= len(rows):
                rows.append([])
            row = rows[r]
            if c >= len(row):
                row.extend([""] * (c + 1 - len(row)))
            row[c] = text
        width = max((len(row) for row in rows), default=0)
        for row in rows:
            if len(row) < width:
                row.extend([""] * (width - len(row)))
        for (r0, c0), (r1, c1) in merged:
            if r0 >= len(rows) or c0 >= len(rows[r0]):
                continue
            value = rows[r0][c0]
            # only labels are spread over a merged area; a figure belongs to one cell
            if not value or any(ch.isdigit() for ch in value) and not any("\u4e00" <= ch <= "\u9fff" for ch in value):
                continue
            for r in range(r0, min(r1, len(rows) - 1) + 1):
                for c in range(c0, min(c1, len(rows[r]) - 1) + 1):
                    if not rows[r][c]:
                        rows[r][c] = value
        sheets.append(Sheet(name, rows))
    if damaged:
        names = "、".join(f"“{n}”" for n in damaged)
        raise WorkbookError(f"{p.name}：工作表{names}已损坏，无法读取（不是缺少该表）。"
                            "请在 Excel 中打开、修复并另存后重新导入")
    return sheets


_ROW_TABLES = (2, 3, 5, 7, 8)


def read_tables(path: str | os.PathLike) -> tuple[dict[int, dict], list[Region], list[str]]:
    """The figures of every 公开表 found, keyed by table number, plus the regions and notes.
    Raises WorkbookError listing every bad cell."""
    p = Path(path)
    return tables_from_sheets(read_sheets(p), p.name)


def tables_from_sheets(sheets: list[Sheet], filename: str) -> tuple[dict[int, dict], list[Region], list[str]]:
    errors: list[str] = []
    notes: list[str] = []
    found: dict[int, dict] = {}
    regions: list[Region] = []
    for sheet in sheets:
        tables = find_tables(sheet)
        if not tables:
            if any(any(c for c in row) for row in sheet.rows):
                notes.append(f"工作表“{sheet.name}”中没有找到公开表，已忽略")
            continue
        titles_only = []
        for region in tables:
            if not _has_body(region):
                # a title alone, as in a 目录 sheet listing the tables: not the table itself
                titles_only.append(region.tag)
                continue
            if region.number in found:
                notes.append(f"工作表“{sheet.name}”第{region.start + 1}行：{region.tag}重复出现，已忽略（以先出现的为准）")
                continue
            reader = Reader(region, errors, notes)
            found[region.number] = READERS[region.number](reader)
            regions.append(region)
        if titles_only:
            notes.append(f"工作表“{sheet.name}”中的{'、'.join(titles_only)}只有标题、没有表格内容（如目录），已忽略")
    if errors:
        shown = "；".join(errors[:MAX_SHOWN])
        more = f"（共 {len(errors)} 处，仅列出前 {MAX_SHOWN} 处）" if len(errors) > MAX_SHOWN else ""
        raise WorkbookError(f"{filename}：{shown}{more}")
    if not found:
        raise WorkbookError(f"{filename}：没有找到任何公开表（应有“收入支出决算总表”“公开01表”等标题）")
    return found, regions, notes


def _has_body(region: Region) -> bool:
    """Some row under the title holds two or more cells (a header, figures)."""
    rows = region.sheet.rows
    return any(sum(1 for c in rows[r] if c) >= 2 for r in range(region.start + 1, region.end))


def _heading_year(sheets: list[Sheet], regions: list[Region]) -> int | None:
    """The year of a heading above the tables ("2024年度单位决算表"), when no table states it."""
    import re
    firsts = {}
    for region in regions:
        firsts.setdefault(id(region.sheet), region.start)
    for sheet in sheets:
        for row in sheet.rows[: firsts.get(id(sheet), 0)]:
            for text in row:
                m = re.search(r"(\d{4})\s*年度", text)
                if m and 2000 <= int(m.group(1)) <= 2100:
                    return int(m.group(1))
    return None


def _most_common(values: list) -> Any:
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else None


def import_workbook(path: str | os.PathLike, *, prior: str | os.PathLike | Project | None = None,
                    name: str | None = None, year: int | None = None, kind: str | None = None,
                    style: str | None = None) -> ImportResult:
    """Read a 公开表 workbook into a new project.  ``name``/``year``/``kind`` override what the
    table headers say (部门名称：…, 2024年度; the unit kind from the 10表's 机关运行经费 rows).
    ``prior``: last year's project, or the path of its project file or workbook: its 本年
    figures become 上年."""
    p = Path(path)
    last = _load_prior(prior) if prior is not None else None
    return import_sheets(read_sheets(p), p.name, last=last, name=name, year=year, kind=kind, style=style)


def import_sheets(sheets: list[Sheet], filename: str, *, last: Project | None = None, name: str | None = None,
                  year: int | None = None, kind: str | None = None, style: str | None = None) -> ImportResult:
    """The work of ``import_workbook`` on sheets already read (messages name ``filename``)."""
    found, regions, notes = tables_from_sheets(sheets, filename)
    unit_name = name or _most_common([r.unit_name for r in regions])
    unit_year = year or _most_common([r.year for r in regions]) or _heading_year(sheets, regions)
    if not unit_name:
        raise WorkbookError(f"{filename}：表头中没有单位名称（“部门名称：…”），请用 --name 指定")
    if not unit_year:
        raise WorkbookError(f"{filename}：表头中没有年度（“2024年度”），请用 --year 指定")
    t10 = found.get(10, {})
    inferred = t10.pop("_kind", None)
    procurement = {k: v for k, v in t10.pop("_procurement", {}).items() if v is not None}
    if not kind:
        kind = inferred or "事业单位"
        if not inferred:
            notes.append("单位性质按“事业单位”处理（10表中无机关运行经费）；如为行政单位或参公单位，请用 --kind 指定")
    unit: dict[str, Any] = {"名称": unit_name, "年度": int(unit_year), "性质": kind}
    if style:
        unit["样式"] = style
    data: dict[str, Any] = {"单位": unit}
    if procurement:
        data["政府采购明细"] = procurement
    for number, table in sorted(found.items()):
        data[f"公开{number:02d}表"] = table
    units = {r.unit for r in regions}
    if "元" in units:
        notes.append("金额单位为“元”的表已换算为万元（精确除以 10000）")
    try:
        project = from_dict(data, filename)
    except ProjectFileError as exc:
        raise WorkbookError(str(exc)) from None
    if last is not None:
        from .nextyear import prior_from
        project.prior = prior_from(last)
        if last.unit.year != project.unit.year - 1:
            notes.append(f"上年数取自 {last.unit.year} 年度，而本项目为 {project.unit.year} 年度")
    missing = [f"公开{n:02d}表" for n in range(1, 10) if n not in found]
    if missing:
        notes.append(f"工作簿中没有：{'、'.join(missing)}")
    return ImportResult(project, notes, sorted(found))



def _load_prior(prior: str | os.PathLike | Project) -> Project:
    if isinstance(prior, Project):
        return prior
    p = Path(prior)
    if p.suffix.lower() in (".xlsx", ".xls", ".xlsm", ".xlsb", ".ods"):
        try:
            return import_workbook(p).project
        except WorkbookError as exc:
            raise WorkbookError(f"上年数据：{exc}") from None
    if p.suffix.lower() == ".toml":
        from .projectfile import load
        return load(p)
    raise WorkbookError(f"上年数据 {p} 应为项目文件（.toml）或工作簿（.xlsx/.xls）")
