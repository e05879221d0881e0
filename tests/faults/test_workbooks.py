"""Workbooks read defensively (issue 19, "Workbooks crash the process", "Silent wrong imports"):
a far-away cell, corrupt and truncated .xls files, error cells, formulas without a cached value,
a damaged sheet, a FIFO.  Every import runs as the clerk runs it, in a separate process under a
memory limit: an abort, a traceback or runaway memory fails the test."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from narratives.io.workbook import WorkbookError, import_workbook
from tests.fixtures import hostile

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 3 * 2 ** 30  # bytes of address space the whole import may use (the probe saw 550 GB asked)

RUN_LIMITED = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from narratives.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def juesuan_limited(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", RUN_LIMITED.format(limit=LIMIT), *argv], cwd=cwd,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def _import(book: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    result = juesuan_limited("import", str(book), "-o", str(tmp_path / "out.toml"), cwd=tmp_path)
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr, result.stderr
    assert result.returncode in (0, 2), (result.returncode, result.stderr)  # never 134 (abort) or 1
    return result


@pytest.mark.parametrize("cell, shown", [("XFD1048576", "XFD1048576"), ("IV65536", "IV65536")])
def test_a_far_away_cell_is_refused_with_its_address(tmp_path, cell, shown):
    book = hostile.far_corner(tmp_path / "far.xlsx", cell)
    result = _import(book, tmp_path)
    assert result.returncode == 2
    assert shown in result.stderr and "1,000,000" in result.stderr and "目录" in result.stderr
    assert not (tmp_path / "out.toml").exists()


@pytest.mark.parametrize("name", ["corrupt-abort.xls", "corrupt-14GB.xls", "truncated-panic.xls"])
def test_a_corrupt_xls_is_a_chinese_message_not_an_abort(tmp_path, name):
    book = hostile.xls(name, tmp_path)
    result = _import(book, tmp_path)
    assert result.returncode == 2 and "已损坏" in result.stderr
    assert not (tmp_path / "out.toml").exists()


def test_a_reader_panic_in_process_is_caught_too(tmp_path):
    """Without a child process (a machine that forbids one) the panic, a BaseException, is
    still caught: read in place, truncated-panic raises no PanicException."""
    from narratives.io import workbook
    book = hostile.xls("truncated-panic.xls", tmp_path)
    result = workbook._read_in_process(book)
    assert result["problem"] == "damaged" or any(s.get("problem") for s in result["sheets"])


@pytest.mark.parametrize("value, words", [
    ("#DIV/0!", "#DIV/0!"), ("#N/A", "#N/A"), ("#REF!", "#REF!"),
    ("=SUM(C11:C12)", "公式 =SUM(C11:C12) 没有保存计算结果"),
])
def test_error_cells_and_uncached_formulas_are_named_by_cell(tmp_path, value, words):
    book = hostile.error_cell(tmp_path / "bad.xlsx", value)
    with pytest.raises(WorkbookError) as exc:
        import_workbook(book)
    assert "公开01表 C10" in str(exc.value) and words in str(exc.value)


def test_a_damaged_sheet_is_reported_as_damaged_not_missing(tmp_path):
    book = hostile.corrupt_sheet(tmp_path / "damaged.xlsx")
    with pytest.raises(WorkbookError) as exc:
        import_workbook(book)
    assert "“公开01表”已损坏" in str(exc.value) and "没有" not in str(exc.value)


def test_a_fifo_named_xlsx_is_refused_at_once(tmp_path):
    fifo = tmp_path / "x.xlsx"
    os.mkfifo(fifo)
    done: list = []

    def run():
        try:
            import_workbook(fifo)
        except WorkbookError as exc:
            done.append(str(exc))
    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout=30)
    if t.is_alive():  # unblock the reader before failing
        with open(fifo, "wb"):
            pass
        pytest.fail("import of a FIFO hangs")
    assert done and "不是普通文件" in done[0]


def test_a_normal_workbook_still_imports_figure_for_figure(tmp_path):
    project = hostile.sample()
    book = tmp_path / "ok.xlsx"
    hostile.workbook(project).save(book)
    got = import_workbook(book).project
    assert got.t01 == project.t01 and got.t05 == project.t05 and got.t09 == project.t09


def test_the_committed_xls_fixture_still_imports(tmp_path):
    got = import_workbook(hostile.FIXTURES / "yangquan-2024-sheets.xls").project
    assert got.t01 == hostile.sample().t01


def test_error_cells_of_an_xls_are_named_by_cell_like_xlsx():
    """python-calamine reads an .xls error cell (a formula's cached #DIV/0!, a constant #N/A or
    #REF!) as a blank; the import must name each cell, as it does for .xlsx."""
    with pytest.raises(WorkbookError) as exc:
        import_workbook(hostile.FIXTURES / hostile.XLS_ERRORS)
    message = str(exc.value)
    for (sheet, cell), (_, shown) in hostile.XLS_ERROR_CELLS.items():
        assert f"{sheet} {cell}：{shown}" in message, message


def test_error_cells_of_an_xls_are_named_through_the_command(tmp_path):
    result = _import(hostile.FIXTURES / hostile.XLS_ERRORS, tmp_path)
    assert result.returncode == 2 and "公开05表 C12：#DIV/0!" in result.stderr, result.stderr
    assert not (tmp_path / "out.toml").exists()


def test_without_xlrd_an_xls_is_refused_saying_what_is_missing(monkeypatch):
    """An install that lacks xlrd must not fall back to importing error cells as blanks."""
    import sys
    from narratives.io import sheet_worker
    monkeypatch.setitem(sys.modules, "xlrd", None)  # import xlrd → ImportError
    result = sheet_worker.read(str(hostile.FIXTURES / "yangquan-2024-sheets.xls"))
    assert not result["sheets"] and "xlrd" in result["problem"] and "setup.sh" in result["problem"]


def test_an_oversized_sheet_xml_is_refused_before_it_is_read(tmp_path, monkeypatch):
    """A zip bomb: the sheet's unzipped size is checked first (the probe's limit applies to XML
    parts only: a big picture in the workbook is never read and is no reason to refuse it)."""
    import io
    import zipfile
    from narratives.io import sheet_worker
    buf = io.BytesIO()
    hostile.workbook().save(buf)
    book = tmp_path / "pictures.xlsx"
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info.filename))
        out.writestr("xl/media/image1.png", b"\0" * 300_000)
    monkeypatch.setattr(sheet_worker, "MAX_XML", 200_000)
    sizes = {i.filename: i.file_size for i in zipfile.ZipFile(book).infolist()}
    assert max(v for k, v in sizes.items() if k.endswith(".xml")) < 200_000
    assert import_workbook(book).project.t01 == hostile.sample().t01  # the picture is no reason
    monkeypatch.setattr(sheet_worker, "MAX_XML", 5_000)
    with pytest.raises(WorkbookError, match="过大"):
        import_workbook(book)
