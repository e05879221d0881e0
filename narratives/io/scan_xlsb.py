"""The error cells of an .xlsb, which python-calamine reads as blank, by position; and each sheet's
extent, so that a far-away cell is refused before calamine builds its grid.

An .xlsb is a zip of BIFF12 record streams ([MS-XLSB] 2.1.4): each record is a type (1–2 bytes of
7 bits), a size (1–4 bytes of 7 bits) and its data.  We read:
- xl/workbook.bin BrtBundleSh (156): a sheet's name and relationship id, and
  xl/_rels/workbook.bin.rels (XML) for its part;
- a sheet's BrtWsDim (148, the used range), BrtRowHdr (0, the row of the cells after it),
  BrtCellError (3) and BrtFmlaError (11): a cell (column, style) and its error code (BErr), and
  BrtShortError (14), a cell without column (the next one) and its code.
Formula cells keep their cached result in the other BrtFmla* records, which calamine reads.

Imported by ``sheet_worker`` (stdlib only).
"""
from __future__ import annotations

import re
import struct
import zipfile

ROW_HDR, CELL_ERROR, FMLA_ERROR, WS_DIM, BUNDLE_SH = 0, 3, 11, 148, 156
CELLS = frozenset(range(1, 12)) | {62}  # BrtCellBlank … BrtFmlaError, BrtCellRString: column first
# the short forms (no column: the one after the previous cell's), BrtShortError among them
SHORT_CELLS, SHORT_ERROR = frozenset(range(12, 19)), 14
# [MS-XLSB] 2.5.97.2 BErr
ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?",
          0x24: "#NUM!", 0x2A: "#N/A", 0x2B: "#GETTING_DATA"}


class Damaged(ValueError):
    """A record runs past the end of its stream."""


def records(data: bytes):
    """(type, payload) of every record of a BIFF12 stream."""
    pos, end = 0, len(data)
    while pos < end:
        b = data[pos]
        pos += 1
        rtype = b & 0x7F
        if b & 0x80:
            if pos >= end:
                raise Damaged("record type")
            rtype |= (data[pos] & 0x7F) << 7
            pos += 1
        size = shift = 0
        for _ in range(4):
            if pos >= end:
                raise Damaged("record size")
            b = data[pos]
            pos += 1
            size |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        if pos + size > end:
            raise Damaged("record data")
        yield rtype, data[pos:pos + size]
        pos += size


def _wide(data: bytes, pos: int) -> tuple[str | None, int]:
    """An XLWideString (or XLNullableWideString): a 4-byte count of UTF-16 units, then them."""
    (n,) = struct.unpack_from("<I", data, pos)
    pos += 4
    if n == 0xFFFFFFFF:
        return None, pos
    if pos + 2 * n > len(data):
        raise Damaged("string")
    return data[pos:pos + 2 * n].decode("utf-16-le", "replace"), pos + 2 * n


def sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name → its part ("xl/worksheets/sheet1.bin")."""
    rels = z.read("xl/_rels/workbook.bin.rels")
    targets = {}
    for m in re.finditer(rb"<Relationship\b([^>]*)>", rels):
        rid = re.search(rb'\bId="([^"]*)"', m.group(1))
        target = re.search(rb'\bTarget="([^"]*)"', m.group(1))
        if rid and target:
            t = target.group(1).decode("utf-8", "replace")
            targets[rid.group(1).decode("utf-8", "replace")] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    parts = {}
    for rtype, payload in records(z.read("xl/workbook.bin")):
        if rtype == BUNDLE_SH and len(payload) >= 12:
            rid, pos = _wide(payload, 8)  # after hsState and iTabID
            name, _ = _wide(payload, pos)
            if name is not None and rid in targets:
                parts[name] = targets[rid]
    return parts


def scan_sheet(data: bytes) -> dict:
    """{"rows", "cols", "marks"} of one sheet stream: its extent (the declared range and every
    cell seen) and its error cells as (row, col) from A1 → "#DIV/0!"."""
    rows = cols = 0
    row, col = 0, -1
    marks: dict[tuple[int, int], str] = {}
    for rtype, payload in records(data):
        if rtype == ROW_HDR and len(payload) >= 4:
            (row,) = struct.unpack_from("<I", payload)
            rows, col = max(rows, row + 1), -1
        elif rtype == WS_DIM and len(payload) >= 16:
            _r0, r1, _c0, c1 = struct.unpack_from("<IIII", payload)
            rows, cols = max(rows, r1 + 1), max(cols, c1 + 1)
        elif rtype in CELLS and len(payload) >= 8:
            (col,) = struct.unpack_from("<I", payload)
            cols = max(cols, col + 1)
            if rtype in (CELL_ERROR, FMLA_ERROR) and len(payload) >= 9:
                marks[(row, col)] = ERRORS.get(payload[8], "#错误")
        elif rtype in SHORT_CELLS:
            col += 1
            cols = max(cols, col + 1)
            if rtype == SHORT_ERROR and len(payload) >= 5:
                marks[(row, col)] = ERRORS.get(payload[4], "#错误")
    return {"rows": rows, "cols": cols, "marks": marks}


def scan_xlsb(path: str, max_part: int) -> tuple[dict[str, dict], str | None]:
    """Per sheet its extent and error cells; a problem string for a part too large to be a 公开表."""
    found: dict[str, dict] = {}
    with zipfile.ZipFile(path) as z:
        for name, part in sheet_parts(z).items():
            try:
                info = z.getinfo(part)
            except KeyError:
                continue
            if info.file_size > max_part or info.compress_size and info.file_size > 1000 * info.compress_size:
                return found, f"工作表“{name}”过大（解压后 {info.file_size // 2 ** 20} MB），不是公开表"
            found[name] = scan_sheet(z.read(part))
    return found, None
