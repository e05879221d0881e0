"""The workbook reader and the project file under hypothesis: mutated .xlsx (bytes of the zip,
and the sheet XML itself: far-away cells, error values, lying dimensions, garbage), mutated .xls
bytes, and mutated project files (loaded, rendered, checked, saved again).

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
         "project": fuzz_project, "hostile": hostile_books}[which]()
    finally:
        shutil.rmtree(_WORK, ignore_errors=True)
    own, kids = peak_rss_mb()
    print(f"peak rss MB: self {own} children {kids}")
    print("fuzz ok", which)


if __name__ == "__main__":
    main(sys.argv[1])
