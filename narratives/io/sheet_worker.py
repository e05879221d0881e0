"""Read a workbook's worksheets in a child process that may die without taking the app along.

python-calamine is fast but trusts the file: one cell at XFD1048576 makes it allocate the whole
rectangle from A1 (550 GB, then abort), a bogus size in a .xls asks for terabytes, and a
truncated .xls raises a Rust panic (``PanicException``, a BaseException).  So the reading runs
here, in a separate interpreter with an address-space limit; the parent (``workbook``) gets
either the sheets or a reason, never an abort.  Before calamine sees an .xlsx its sheet XML is
scanned (one regex pass) for the cells' extent, Excel error values and formulas without a
cached value, which calamine would otherwise hand over as blanks.  An .xls has no such text to
scan, and python-calamine gives no error type for it (its error cells are blanks too), so its
error cells are found with xlrd, which reports them as XL_CELL_ERROR (``scan_xls``).  An .ods
and an .xlsb are zips too, whose error cells calamine also reads as blank: scan_ods.py walks the
ODF XML, scan_xlsb.py the BIFF12 records (``scan_zip`` picks the scanner).

Run as a script (``python sheet_worker.py BOOK``): only the standard library, python_calamine
and (for an .xls) xlrd are imported, so the child starts in a few tens of milliseconds.  Output on stdout: a pickle of
``{"sheets": [...], "problem": str | None}``.
"""
from __future__ import annotations

import pickle
import re
import struct
import sys
import zipfile

MAX_CELLS = 1_000_000          # a 公开表 sheet has a few thousand; 10^6 is a generous ceiling
MEMORY_LIMIT = 1536 * 2 ** 20  # bytes of address space the child may use
# a sheet's XML beyond this (unzipped) is not a 公开表 (a zip bomb): a 5 000-row 公开表 sheet is
# 1.4 MB; reading 250 MB of XML took the process to 540 MB, 64 MB keeps it near 150 MB
MAX_XML = 64 * 2 ** 20

_CELL = re.compile(rb"<c\b([^>]*?)(/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.S)
_ANY_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')


def col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def col_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _cached(attrs: bytes, body: bytes, value) -> bool:
    """Whether a formula cell holds its result.  An empty result counts only for a text result
    (=IF(…,"",…) shows a blank on purpose); openpyxl and most generators write <v></v> or none."""
    text_result = b't="str"' in attrs
    if value is None:
        return text_result and b"<v/>" in body
    return bool(value.group(1)) or text_result


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name → its XML part, from workbook.xml and its relationships."""
    import html
    try:
        book = z.read("xl/workbook.xml")
        rels = z.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for m in re.finditer(rb"<Relationship\b([^>]*)>", rels):
        attrs = m.group(1)
        rid = re.search(rb'\bId="([^"]*)"', attrs)
        target = re.search(rb'\bTarget="([^"]*)"', attrs)
        if rid and target:
            t = target.group(1).decode("utf-8", "replace")
            t = t.lstrip("/") if t.startswith("/") else "xl/" + t
            targets[rid.group(1)] = t
    parts = {}
    for m in re.finditer(rb"<sheet\b([^>]*)/?>", book):
        attrs = m.group(1)
        name = re.search(rb'\bname="([^"]*)"', attrs)
        rid = re.search(rb'\br:id="([^"]*)"', attrs) or re.search(rb'\b\w+:id="([^"]*)"', attrs)
        if name and rid and rid.group(1) in targets:
            parts[html.unescape(name.group(1).decode("utf-8", "replace"))] = targets[rid.group(1)]
    return parts


def scan_xlsx(path: str) -> tuple[dict[str, dict], str | None]:
    """Per sheet: its extent and the cells calamine would read as blank although they are not
    (error values, formulas without a cached value).  A problem string for a sheet too large."""
    found: dict[str, dict] = {}
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():  # shared strings, styles: calamine reads them whole
            if not info.filename.lower().endswith((".xml", ".rels")):
                continue  # pictures (a scanned seal) and the like are never read
            if info.file_size > MAX_XML:
                return found, f"工作簿中的 {info.filename} 过大（解压后 {info.file_size // 2 ** 20} MB），文件可能已损坏"
        for name, part in _sheet_parts(z).items():
            try:
                info = z.getinfo(part)
            except KeyError:
                continue
            if info.file_size > MAX_XML or info.compress_size and info.file_size > 1000 * info.compress_size:
                return found, f"工作表“{name}”过大（解压后 {info.file_size // 2 ** 20} MB），不是公开表"
            xml = z.read(part)
            rows = cols = 0
            # what calamine sizes its grid by: the declared dimension, rows, and cells
            dim = re.search(rb'<dimension\b[^>]*\bref="[A-Z]{0,3}[0-9]{0,7}:?([A-Z]{1,3})([0-9]{1,7})"', xml)
            if dim:
                cols, rows = col_number(dim.group(1)), int(dim.group(2))
            for m in re.finditer(rb'<row\b[^>]*?\br="([0-9]{1,7})"', xml):
                if int(m.group(1)) > rows:
                    rows = int(m.group(1))
            for m in _ANY_REF.finditer(xml):
                c, r = col_number(m.group(1)), int(m.group(2))
                if r > rows:
                    rows = r
                if c > cols:
                    cols = c
            if rows * cols > MAX_CELLS:
                return found, _too_large(name, rows, cols)
            marks: dict[tuple[int, int], str] = {}
            if b't="e"' in xml or b"<f" in xml:
                for m in _CELL.finditer(xml):
                    attrs, body = m.group(1), m.group(3) or b""
                    is_error = b't="e"' in attrs
                    has_formula = b"<f" in body
                    if not (is_error or has_formula):
                        continue
                    ref = _REF.search(attrs)
                    if not ref:
                        continue
                    at = (int(ref.group(2)) - 1, col_number(ref.group(1)) - 1)
                    value = _VALUE.search(body)
                    if is_error:
                        marks[at] = (value.group(1).decode("utf-8", "replace") if value else "#N/A")
                    elif not _cached(attrs, body, value):
                        f = _FORMULA.search(body)
                        text = f.group(1).decode("utf-8", "replace") if f and f.group(1) else ""
                        marks[at] = "=" + (text or "（共享公式）")
            found[name] = {"rows": rows, "cols": cols, "marks": marks}
    return found, None


def _too_large(name: str, rows: int, cols: int) -> str:
    return (f"工作表“{name}”的范围到 {col_letters(cols)}{rows}"
            f"（{rows * cols:,} 个单元格），超过 {MAX_CELLS:,} 个单元格的上限：多半是远处"
            "有一个误填的单元格，请在 Excel 中按 Ctrl+End 找到并删除它所在的行列后另存")


def _scanner(name: str):
    """A sibling scanning module, imported as part of the package or, when this file runs as a
    script in the child process, from beside it."""
    import importlib
    try:
        return importlib.import_module(f"{__package__}.{name}") if __package__ else importlib.import_module(name)
    except ImportError:
        return importlib.import_module(name)


def scan_zip(path: str) -> tuple[dict[str, dict], str | None]:
    """An .xlsx, .xlsb or .ods (all zips), scanned for what calamine would read as blank and for
    an extent too large to read (see scan_xlsx, scan_xlsb.py, scan_ods.py)."""
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        for info in z.infolist():
            if info.filename.lower().endswith((".xml", ".rels")) and info.file_size > MAX_XML:
                return {}, f"工作簿中的 {info.filename} 过大（解压后 {info.file_size // 2 ** 20} MB），文件可能已损坏"
    if "xl/workbook.bin" in names:
        found, problem = _scanner("scan_xlsb").scan_xlsb(path, MAX_XML)
    elif "content.xml" in names and "xl/workbook.xml" not in names:
        found, problem = _scanner("scan_ods").scan_ods(path), None
    else:
        return scan_xlsx(path)
    for name, sheet in found.items():
        if not problem and sheet["rows"] * sheet["cols"] > MAX_CELLS:
            problem = _too_large(name, sheet["rows"], sheet["cols"])
    return found, problem


def scan_xls(path: str, names: list[str]) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet of ``names``: the error cells of an .xls (constants in BOOLERR records and
    formulas whose cached result is an error), as (row, col) from A1 → "#DIV/0!".  Rows are read
    ragged (no padding to the widest row), so a sheet costs what it holds."""
    import xlrd
    found: dict[str, dict[tuple[int, int], str]] = {}
    import os
    with open(os.devnull, "w") as quiet:  # xlrd writes its warnings to a log file (stdout by default)
        book = xlrd.open_workbook(path, on_demand=True, ragged_rows=True, logfile=quiet)
        try:
            for name in book.sheet_names():
                if name not in names:
                    continue
                sheet = book.sheet_by_name(name)
                marks = {}
                for r in range(sheet.nrows):
                    types = sheet.row_types(r)
                    if xlrd.XL_CELL_ERROR not in types:
                        continue
                    for c, kind in enumerate(types):
                        if kind == xlrd.XL_CELL_ERROR:
                            code = sheet.cell_value(r, c)
                            marks[(r, c)] = xlrd.error_text_from_code.get(code, "#错误")
                if marks:
                    found[name] = marks
                book.unload_sheet(name)
        finally:
            book.release_resources()
    return found


def read(path: str) -> dict:
    """The sheets as raw values (the parent turns them into text), or the reason they cannot be."""
    from python_calamine import CalamineWorkbook
    scanned: dict[str, dict] = {}
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head.startswith(b"PK"):
        try:
            scanned, problem = scan_zip(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError,
                KeyError, SyntaxError, struct.error):  # SyntaxError: ElementTree's ParseError
            return {"sheets": [], "problem": "damaged"}
        if problem:
            return {"sheets": [], "problem": problem}
    try:
        wb = CalamineWorkbook.from_path(path)
        names = list(wb.sheet_names)
        kinds = {}
        try:
            kinds = {m.name: str(m.typ) for m in wb.sheets_metadata}
        except Exception:
            pass
    except BaseException as exc:  # calamine's errors and its panics alike
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return {"sheets": [], "problem": "password" if "assword" in str(exc) else "damaged"}
    sheets = []
    for name in names:
        if kinds.get(name, "WorkSheet").split(".")[-1] not in ("WorkSheet", "Unknown"):
            continue  # a chart or macro sheet holds no table
        try:
            ws = wb.get_sheet_by_name(name)
            end = ws.end or (0, 0)
            if (end[0] + 1) * (end[1] + 1) > MAX_CELLS:
                sheets.append({"name": name, "problem": (
                    f"工作表“{name}”的范围到 {col_letters(end[1] + 1)}{end[0] + 1}，超过 {MAX_CELLS:,} "
                    "个单元格的上限：请在 Excel 中删除远处误填的单元格后另存")})
                continue
            raw = ws.to_python(skip_empty_area=False)
            merged = ws.merged_cell_ranges or []
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            sheets.append({"name": name, "problem": "damaged"})
            continue
        sheets.append({"name": name, "rows": raw, "merged": merged,
                       "marks": scanned.get(name, {}).get("marks", {})})
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # .xls (BIFF in an OLE2 file)
        read_names = [s["name"] for s in sheets if "rows" in s]
        try:
            errors = scan_xls(path, read_names)
        except ImportError:  # an install without xlrd: say so, never import errors as blanks
            return {"sheets": [], "problem": "缺少读取 .xls 错误值单元格所需的组件 xlrd"
                    "（请重新运行 ./scripts/setup.sh，或 pip install xlrd）；也可在 Excel 中另存为 .xlsx 后导入"}
        except MemoryError:
            raise
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            # calamine read the figures but xlrd cannot walk the records: a damaged file, whose
            # error cells (blanks to calamine) cannot be told from empty ones; refuse it rather
            # than import a #DIV/0! as "not entered"
            return {"sheets": [], "problem": "damaged"}
        for entry in sheets:
            if entry["name"] in errors:
                entry["marks"] = {**entry["marks"], **errors[entry["name"]]}
    return {"sheets": sheets, "problem": None}


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # not on Windows: the read still runs in its own process
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def main() -> None:
    _limit_memory()
    try:
        result = read(sys.argv[1])
    except MemoryError:
        result = {"sheets": [], "problem": "memory"}
    except BaseException as exc:  # a panic in the reader: a damaged file, not a crash
        if isinstance(exc, KeyboardInterrupt):
            raise
        result = {"sheets": [], "problem": "damaged"}
    try:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        data = pickle.dumps({"sheets": [], "problem": "memory"})
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
