"""The workbook reader and the project file under hypothesis: mutated .xlsx (bytes of the zip,
and the sheet XML itself: far-away cells, error values, lying dimensions, garbage), mutated .xls
bytes, mutated .xlsb record streams and .ods content.xml, and mutated project files (loaded,
rendered, checked, saved again).

Run in a child process under an address-space limit by test_workbook_fuzz.py: an abort, a
traceback, or memory beyond the limit ends the child with a non-zero status and fails the test.
Only a JuesuanError (a Chinese message) may come out."""
from __future__ import annotations

import io
import random
import sys
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narratives.errors import JuesuanError
from narratives.io.workbook import import_workbook

_BASE: dict[str, bytes] = {}
_WORK = Path(tempfile.mkdtemp(prefix="juesuan-fuzz-"))


def _base_xlsx() -> bytes:
    if "xlsx" not in _BASE:
        from tests.fixtures import hostile
        buf = io.BytesIO()
        hostile.workbook().save(buf)
        _BASE["xlsx"] = buf.getvalue()
    return _BASE["xlsx"]


def _base_xls() -> bytes:
    if "xls" not in _BASE:
        from tests.fixtures import hostile
        _BASE["xls"] = (hostile.FIXTURES / "yangquan-2024-sheets.xls").read_bytes()
    return _BASE["xls"]


def _import(data: bytes, suffix: str) -> None:
    path = _WORK / f"book{suffix}"
    path.write_bytes(data)
    try:
        import_workbook(path)
    except JuesuanError as exc:
        assert str(exc)


XML_EDITS = [
    lambda xml, r: xml.replace(b'r="C10"', f'r="{r.choice(["XFD", "IV", "ZZ", "AAA"])}{r.randint(1, 1048576)}"'.encode(), 1),
    lambda xml, r: xml.replace(b"<c ", b'<c t="e" ', r.randint(1, 20)),
    lambda xml, r: xml.replace(b"<v>", b"<f>1/0</f><v>", r.randint(1, 20)),
    lambda xml, r: xml.replace(b"<v>", b"<v>#REF!", 5),
    lambda xml, r: xml.replace(b"<dimension ref=\"", b"<dimension ref=\"A1:XFD1048576\" x=\"", 1),
    lambda xml, r: xml.replace(b'<row r="', f'<row r="{r.randint(1, 9999999)}" y="'.encode(), 1),
    lambda xml, r: xml[: r.randint(0, len(xml))],
    lambda xml, r: xml.replace(b"</sheetData>", b"<row>" + b"<c><v>1</v></c>" * r.randint(1, 3000) + b"</row></sheetData>"),
    lambda xml, r: bytes(b ^ (0xFF if r.random() < 0.001 else 0) for b in xml),
]


def _rezip(data: bytes, edit, seed: int, part_index: int) -> bytes:
    r = random.Random(seed)
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = [i.filename for i in src.infolist()]
    target = parts[part_index % len(parts)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in parts:
            body = src.read(name)
            if name == target or name.startswith("xl/worksheets/") and r.random() < 0.3:
                body = edit(body, r)
            z.writestr(name, body)
    return out.getvalue()


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(range(len(XML_EDITS))), st.integers(0, 2 ** 32), st.integers(0, 40))
def fuzz_xlsx_xml(edit, seed, part):
    _import(_rezip(_base_xlsx(), XML_EDITS[edit], seed, part), ".xlsx")


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.integers(0, 10 ** 6), st.integers(0, 255)), min_size=1, max_size=30),
       st.booleans())
def fuzz_xlsx_bytes(flips, truncate):
    data = bytearray(_base_xlsx())
    for at, byte in flips:
        data[at % len(data)] = byte
    if truncate:
        del data[flips[0][0] % len(data):]
    _import(bytes(data), ".xlsx")


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.integers(0, 10 ** 6), st.integers(0, 255)), min_size=1, max_size=30),
       st.booleans())
def fuzz_xls_bytes(flips, truncate):
    data = bytearray(_base_xls())
    for at, byte in flips:
        data[512 + at % (len(data) - 512)] = byte  # past the header, where the size fields are
    if truncate:
        del data[flips[0][0] % len(data):]
    _import(bytes(data), ".xls")


def _base_xlsb() -> bytes:
    if "xlsb" not in _BASE:
        from tests.fixtures import hostile, xlsb
        xlsb.from_openpyxl(hostile.workbook(), _WORK / "base.xlsb")
        _BASE["xlsb"] = (_WORK / "base.xlsb").read_bytes()
    return _BASE["xlsb"]


def _base_ods() -> bytes:
    if "ods" not in _BASE:
        from tests.fixtures import hostile
        _BASE["ods"] = (hostile.FIXTURES / hostile.ODS_SHEETS).read_bytes()
    return _BASE["ods"]


def _flip(body: bytes, r: random.Random) -> bytes:
    data = bytearray(body)
    for _ in range(r.randint(1, 12)):
        data[r.randrange(len(data))] = r.randrange(256)
    return bytes(data)


def _lying_dimension(body: bytes, r: random.Random) -> bytes:
    at = body.find(b"\x94\x01\x10")  # BrtWsDim's header: type 148, 16 bytes
    if at < 0:
        return body
    rows, cols = r.choice([1, 2 ** 20, 2 ** 32 - 1]), r.choice([1, 2 ** 14, 2 ** 32 - 1])
    return body[:at + 3] + (0).to_bytes(4, "little") + (rows - 1).to_bytes(4, "little") \
        + (0).to_bytes(4, "little") + (cols - 1).to_bytes(4, "little") + body[at + 19:]


# an .xlsb's sheet streams (BIFF12 records): bytes changed, cut short, a lying BrtWsDim (148 =
# 0x94 0x01, 16 bytes), a cell record at a far column
BIN_EDITS = [
    _flip,
    lambda b, r: b[: r.randint(0, len(b))],
    lambda b, r: _lying_dimension(b, r),
    lambda b, r: b + bytes([5, 16]) + r.randbytes(4) + b"\x00" * 12,
]
# an .ods's content.xml: huge repeats, error results, formulas without results, cut short, garbage
ODS_EDITS = [
    lambda x, r: x.replace(b'table:number-rows-repeated="', f'table:number-rows-repeated="{r.randint(1, 2 ** 31)}" x="'.encode(), r.randint(1, 5)),
    lambda x, r: x.replace(b'table:number-columns-repeated="', f'table:number-columns-repeated="{r.randint(1, 2 ** 31)}" x="'.encode(), r.randint(1, 5)),
    lambda x, r: x.replace(b'office:value-type="float"', b'calcext:value-type="error" table:formula="of:=1/0" office:value-type="float"', r.randint(1, 9)),
    lambda x, r: x.replace(b'office:value-type="float"', b'table:formula="of:=SUM([.A1])"', r.randint(1, 9)),
    lambda x, r: x[: r.randint(0, len(x))],
    _flip,
]


def _rezip_parts(data: bytes, edit, seed: int, wanted) -> bytes:
    r = random.Random(seed)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if wanted(info.filename) and r.random() < 0.5 or info.filename == "content.xml":
                body = edit(body, r) if body else body
            z.writestr(info.filename, body)
    return out.getvalue()


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(range(len(BIN_EDITS))), st.integers(0, 2 ** 32))
def fuzz_xlsb_records(edit, seed):
    _import(_rezip_parts(_base_xlsb(), BIN_EDITS[edit], seed, lambda n: n.endswith(".bin")), ".xlsb")


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(range(len(ODS_EDITS))), st.integers(0, 2 ** 32))
def fuzz_ods_xml(edit, seed):
    _import(_rezip_parts(_base_ods(), ODS_EDITS[edit], seed, lambda n: False), ".ods")


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def fuzz_project(data):
    from tests.faults.test_input import mutated
    from narratives import api
    from narratives.io.projectfile import dumps, loads
    path = _WORK / "p.toml"
    path.write_bytes(data.draw(mutated()))
    try:
        project = api.load(path)
        api.to_markdown(api.render(project))
        api.check(project)
        assert loads(dumps(project)) == project
    except JuesuanError as exc:
        assert str(exc)


def hostile_books() -> None:
    """The probe's workbooks, each imported as the clerk would: far-away cells (XFD1048576,
    IV65536) and the corrupt and truncated .xls files."""
    from tests.fixtures import hostile
    books = [hostile.far_corner(_WORK / "far.xlsx"), hostile.far_corner(_WORK / "iv.xlsx", "IV65536")]
    books += [hostile.xls(n, _WORK) for n in ("corrupt-abort.xls", "corrupt-14GB.xls", "truncated-panic.xls")]
    for book in books:
        try:
            import_workbook(book)
        except JuesuanError as exc:
            assert str(exc)
        else:
            raise AssertionError(f"{book.name} imported")


def peak_rss_mb() -> tuple[int, int]:
    """Peak resident memory (MB) of this process and of its largest waited-for child (the .xls
    reader runs in one): what the machine really gave, not the address space asked for."""
    import resource
    kb = 1 if sys.platform != "darwin" else 1024  # ru_maxrss: KB on Linux, bytes on macOS
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // kb // 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // kb // 1024
    return own, kids


def main(which: str) -> None:
    import shutil
    try:
        {"xlsx-xml": fuzz_xlsx_xml, "xlsx-bytes": fuzz_xlsx_bytes, "xls-bytes": fuzz_xls_bytes,
         "xlsb-records": fuzz_xlsb_records, "ods-xml": fuzz_ods_xml,
         "project": fuzz_project, "hostile": hostile_books}[which]()
    finally:
        shutil.rmtree(_WORK, ignore_errors=True)
    own, kids = peak_rss_mb()
    print(f"peak rss MB: self {own} children {kids}")
    print("fuzz ok", which)


if __name__ == "__main__":
    main(sys.argv[1])
