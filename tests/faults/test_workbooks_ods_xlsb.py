""".ods and .xlsb error cells are named by cell, as .xlsx and .xls are: python-calamine reads a
#DIV/0! (a formula's error result), a typed #N/A or #REF! in these formats as a blank, which the
import would take for "not entered".  The .ods fixtures are LibreOffice's; the .xlsb ones are
written by tests/fixtures/xlsb.py (nothing here writes .xlsb) and shown right by calamine reading
the clean one back to the same project as the .xlsx."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from narratives.io import sheet_worker
from narratives.io.workbook import WorkbookError, import_workbook
from tests.faults.test_workbooks import _import
from tests.fixtures import hostile, xlsb

ERRORS = hostile.XLS_ERROR_CELLS  # 公开05表 C12 =1/0 → #DIV/0!, 公开01表 C10 #N/A, 公开03表 C10 #REF!


def _calamine_blank(book: Path, sheet: str, row: int, col: int) -> bool:
    from python_calamine import CalamineWorkbook
    return CalamineWorkbook.from_path(str(book)).get_sheet_by_name(sheet).to_python()[row][col] == ""


@pytest.mark.parametrize("name", [hostile.ODS_ERRORS, hostile.XLSB_ERRORS])
def test_error_cells_are_named_by_cell(name):
    book = hostile.FIXTURES / name
    assert _calamine_blank(book, "公开05表", 11, 2)  # what the import would take for a blank
    with pytest.raises(WorkbookError) as exc:
        import_workbook(book)
    message = str(exc.value)
    for (sheet, cell), (_, shown) in ERRORS.items():
        assert f"{sheet} {cell}：{shown}" in message, message


@pytest.mark.parametrize("name", [hostile.ODS_ERRORS, hostile.XLSB_ERRORS])
def test_error_cells_are_named_through_the_command(tmp_path, name):
    result = _import(hostile.FIXTURES / name, tmp_path)
    assert result.returncode == 2 and "公开05表 C12：#DIV/0!" in result.stderr, result.stderr
    assert not (tmp_path / "out.toml").exists()


def test_the_clean_ods_and_xlsb_import_as_the_xlsx(tmp_path):
    wb = hostile.workbook()
    wb.save(tmp_path / "y.xlsx")
    want = import_workbook(tmp_path / "y.xlsx").project
    assert import_workbook(hostile.FIXTURES / hostile.ODS_SHEETS).project == want
    assert import_workbook(xlsb.from_openpyxl(wb, tmp_path / "y.xlsb")).project == want
    # and the scans find nothing to name in them
    for book in (hostile.FIXTURES / hostile.ODS_SHEETS, tmp_path / "y.xlsb"):
        result = sheet_worker.read(str(book))
        assert result["problem"] is None and not any(s.get("marks") for s in result["sheets"])


def _rewrite_content(src: Path, dst: Path, change) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "content.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)
    return dst


def test_an_ods_formula_without_its_result_is_named(tmp_path):
    # 公开05表 C12 of the errors fixture, its result taken away: "=1/0" as a spreadsheet shows it
    def drop_result(xml: str) -> str:
        cell = ('<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" '
                'calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>')
        assert cell in xml
        return xml.replace(cell, '<table:table-cell table:formula="of:=SUM([.C13:.C14])"/>')
    book = _rewrite_content(hostile.FIXTURES / hostile.ODS_ERRORS, tmp_path / "nocache.ods", drop_result)
    with pytest.raises(WorkbookError) as exc:
        import_workbook(book)
    assert "公开05表 C12" in str(exc.value) and "=SUM(C13:C14)" in str(exc.value)


def test_a_far_away_cell_in_an_ods_is_refused_with_its_address(tmp_path):
    def far(xml: str) -> str:
        end = xml.index("</table:table>")  # the first sheet (目录)
        row = ('<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>'
               '<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
               '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
        return xml[:end] + row + xml[end:]
    book = _rewrite_content(hostile.FIXTURES / hostile.ODS_SHEETS, tmp_path / "far.ods", far)
    result = _import(book, tmp_path)
    assert result.returncode == 2 and "工作表“目录”的范围到 XFD" in result.stderr, result.stderr


def test_a_far_away_cell_in_an_xlsb_is_refused_with_its_address(tmp_path):
    book = xlsb.write(tmp_path / "far.xlsb", [("目录", {(0, 0): "目录", (1048575, 16383): "x"}, [])])
    result = _import(book, tmp_path)
    assert result.returncode == 2 and "XFD1048576" in result.stderr, result.stderr


def test_xlsb_records_are_read_as_written():
    from narratives.io.scan_xlsb import records, scan_sheet
    title = "阳泉市法律援助中心" * 10  # a record of 188 bytes: a two-byte size
    data = xlsb.sheet_stream({(0, 0): title, (2, 3): "#REF!", (200, 1): ("=1/0", "#DIV/0!"), (3, 2): 1.5}, [])
    got = list(records(data))
    # types above 127 (BrtBeginSheet 129, BrtWsDim 148) take two bytes too
    assert got[0][0] == xlsb.BEGIN_SHEET and got[-1][0] == xlsb.END_SHEET and got[1][0] == xlsb.WS_DIM
    assert [p[8:].decode("utf-16-le", "replace")[2:] for t, p in got if t == xlsb.CELL_ST] == [title]
    got = scan_sheet(data)
    assert got == {"rows": 201, "cols": 4, "marks": {(2, 3): "#REF!", (200, 1): "#DIV/0!"}}


def test_a_truncated_xlsb_stream_is_damaged_not_a_traceback(tmp_path):
    good = xlsb.from_openpyxl(hostile.workbook(), tmp_path / "y.xlsb")
    cut = tmp_path / "cut.xlsb"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(cut, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.bin":
                data = data[: len(data) // 2]
            zout.writestr(info, data)
    assert sheet_worker.read(str(cut))["problem"] == "damaged"
    result = _import(cut, tmp_path)
    assert result.returncode == 2 and "损坏" in result.stderr, result.stderr
