"""The cells of an .ods that python-calamine reads as blank although they are not, by position.

calamine gives "" for a formula whose result is an error (LibreOffice writes ``=1/0`` as
``calcext:value-type="error"`` with "#DIV/0!" as its text, and a typed ``#N/A`` as the formula
``of:=#N/A``) and for a formula saved without its result.  This walks content.xml once (stdlib
iterparse, each row cleared once read) and returns, per sheet, those cells as (row, col) from A1
→ the text to show ("#DIV/0!", "=SUM(C11:C12)"), and the sheet's extent counted over cells that
hold something (a row of 1 024 repeated empty cells is no content).

Imported by ``sheet_worker`` (stdlib only: it may run as a script in a child process).
"""
from __future__ import annotations

import re
import zipfile
import xml.etree.ElementTree as ET

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"

_T = f"{{{TABLE}}}"
_SHEET, _ROW = _T + "table", _T + "table-row"
_CELLS = (_T + "table-cell", _T + "covered-table-cell")
_NAME, _ROWS, _COLS, _FORMULA = _T + "name", _T + "number-rows-repeated", _T + "number-columns-repeated", _T + "formula"
_VTYPE, _EXT_VTYPE = f"{{{OFFICE}}}value-type", f"{{{CALCEXT}}}value-type"
# what a spreadsheet shows for an error result: Excel's words, LibreOffice's "Err:502"
ERROR_TEXT = re.compile(r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA)|Err:\d{3}")
# a cell repeated across columns is marked at most this often (a whole row of #N/A is still named)
_MARK_REPEAT = 50


def _repeat(elem, attr: str) -> int:
    try:
        return max(1, int(elem.get(attr, "1")))
    except ValueError:
        return 1


def _mark(cell) -> str | None:
    """The text to show for a cell calamine would read as blank, None for an ordinary one."""
    formula = cell.get(_FORMULA)
    if formula is None:
        return None
    text = "".join(cell.itertext()).strip()
    if cell.get(_EXT_VTYPE) == "error" or ERROR_TEXT.fullmatch(text):
        return text if ERROR_TEXT.fullmatch(text) else "#错误"
    if cell.get(_VTYPE) is None:  # a formula with no saved result
        return "=" + spreadsheet_formula(formula)
    return None


def spreadsheet_formula(formula: str) -> str:
    """ODF's "of:=SUM([.C11:.C12])" as a clerk sees it in a spreadsheet: "SUM(C11:C12)"."""
    text = formula.split(":", 1)[1] if _NAMESPACE.match(formula) else formula  # "of:", "oooc:"
    text = text.lstrip("=")
    return _REF.sub(lambda m: m.group(1).replace(":.", ":").lstrip("."), text)


_REF = re.compile(r"\[([^\]]*)\]")
_NAMESPACE = re.compile(r"^[a-z]+:=")


def scan_ods(path: str) -> dict[str, dict]:
    """Per sheet: {"rows", "cols", "marks"} (see the module's docstring)."""
    found: dict[str, dict] = {}
    with zipfile.ZipFile(path) as z, z.open("content.xml") as fh:
        name, row, rows, cols, marks = None, 0, 0, 0, {}
        col = 0
        for event, elem in ET.iterparse(fh, events=("start", "end")):
            tag = elem.tag
            if event == "start":
                if tag == _SHEET:
                    name, row, rows, cols, marks = elem.get(_NAME, ""), 0, 0, 0, {}
                elif tag == _ROW:
                    col = 0
                continue
            if tag in _CELLS:
                n = _repeat(elem, _COLS)
                filled = elem.get(_VTYPE) is not None or elem.get(_FORMULA) is not None or len(elem)
                if filled:
                    cols = max(cols, col + n)
                    rows = max(rows, row + 1)
                text = _mark(elem) if tag == _CELLS[0] else None
                if text is not None:
                    for c in range(col, col + min(n, _MARK_REPEAT)):
                        marks[(row, c)] = text
                col += n
            elif tag == _ROW:
                n = _repeat(elem, _ROWS)
                if n > 1 and rows == row + 1:  # a repeated row with content repeats its extent
                    rows = row + n
                row += n
                elem.clear()
            elif tag == _SHEET:
                found[name or f"Sheet{len(found) + 1}"] = {"rows": rows, "cols": cols, "marks": marks}
                elem.clear()
    return found
