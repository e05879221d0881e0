"""Tables printed without ruling lines: the PDF reader falls back to the words' positions on a page
titled "公开NN表" (pdfplumber's text strategy).  What it reads must equal what the ruled print of
the same document gives; what it cannot make out is "not read", never zeros.

yangquan-borderless.pdf is the yangquan sample's whole publication with every table's borders
removed in Word, converted by LibreOffice (tests/fixtures/audit/pdfmaker.py)."""
from __future__ import annotations

import pytest

from narratives.audit import SURE, audit_file, audit_text, read_document
from narratives.audit.outline import outline
from narratives.audit.pdf import UNREAD_TABLE, UNRULED_TABLE
from narratives.audit.tables import read_tables
from tests.conftest import SAMPLES
from tests.fixtures.audit import pdfmaker
from tests.unit.audit_fixtures import FIXTURES

BORDERLESS = FIXTURES / "yangquan-borderless.pdf"
RULED = FIXTURES / "yangquan-whole.pdf"


@pytest.fixture(scope="module")
def borderless_text() -> str:
    return read_document(BORDERLESS)


def tables_of(text: str):
    return read_tables(outline(text).before)


def test_rows_and_wrapped_column_names_come_back(borderless_text):
    # one row per printed row, a cell per column
    assert "一、一般公共预算财政拨款收入\t1\t127.80\t一、一般公共服务支出\t32\t0.21" in borderless_text
    # 04表's column names wrapped over four lines ("一般公 / 共预算 / 财政拨 / 款") are whole again, and
    # a row label wrapped around its figures is one cell
    assert "一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款" in borderless_text
    assert "一、一般公共预算财政拨款\t1\t127.80\t一、一般公共服务支出\t33\t0.21\t0.21" in borderless_text
    # the band over the columns is repeated over the columns it spans, as a merged cell is
    assert "收入\t收入\t收入\t支出\t支出\t支出\t支出\t支出\t支出" in borderless_text


def test_what_is_read_equals_the_ruled_print(borderless_text):
    unruled = tables_of(borderless_text)
    ruled = tables_of(read_document(RULED))
    assert {"公开01表", "公开04表"} <= set(unruled.read)
    assert unruled.cells and all(ruled.cells.get(k) == v for k, v in unruled.cells.items()), \
        {k: (ruled.cells.get(k), v) for k, v in unruled.cells.items() if ruled.cells.get(k) != v}
    assert unruled.cells["T04.类.公共安全支出"] == ruled.cells["T04.类.公共安全支出"]


def test_what_cannot_be_made_out_is_not_read_never_zeros(borderless_text):
    # 09表's twelve narrow columns run together ("0.31 0.31" as one cell): not read, and no 三公
    # figure stands for it — not even 0
    tables = tables_of(borderless_text)
    assert "公开09表" in tables.not_read and "公开05表" in tables.not_read
    assert not any(k.startswith(("T09.", "T05.")) for k in tables.cells)
    assert UNREAD_TABLE in borderless_text
    report = audit_file(BORDERLESS)
    assert report.count(SURE) == 0, [f.to_dict() for f in report.findings if f.sureness == SURE]
    assert "公开09表" in report.tables_not_read and "公开01表" in report.tables


def test_a_table_read_from_positions_that_does_not_hold_together_is_taken_back(borderless_text):
    # 04表's 本年支出合计 changed: read from word positions, its 勾稽关系 fail — a misread cannot be
    # told from a wrong table, so it is not read (no 表间不符 is claimed from it) …
    old = "本年支出合计\t59\t127.80\t127.80"
    assert borderless_text.count(old) == 1 and UNRULED_TABLE in borderless_text
    changed = borderless_text.replace(old, "本年支出合计\t59\t120.80\t120.80")
    tables = tables_of(changed)
    assert "公开04表" in tables.not_read and not any(k.startswith("T04.") for k in tables.cells)
    assert not [f for f in audit_text(changed).findings if f.kind == "表间不符"]
    # … while the same table read from ruled cells is taken at its word: a sure 表间不符
    ruled = changed.replace(UNRULED_TABLE, "")
    assert "公开04表" in tables_of(ruled).read
    assert [f for f in audit_text(ruled).findings if f.kind == "表间不符" and f.sureness == SURE]


def test_a_titled_page_without_any_table_is_not_read():
    # titled-no-table.pdf (tests/fixtures/audit/make_pdfs.py): 公开09表's title and unit line, and
    # no table as text (printed as a picture) — named as not read, and no 三公 figure from it
    report = audit_file(FIXTURES / "titled-no-table.pdf")
    assert report.tables_not_read == ["公开09表"] and report.tables == []
    assert report.findings == []


@pytest.mark.skipif(not pdfmaker.available(), reason="没有 LibreOffice 或中文字体：无框线 PDF 转换测试跳过（已提交的样例仍测试）")
def test_another_sample_printed_without_lines_has_nothing_sure(tmp_path):
    # wendeng: its tables' borders removed in Word, converted by LibreOffice, against its ruled print
    sample = SAMPLES / "wendeng-legal-aid-2024.toml"
    (tmp_path / "ruled").mkdir()
    (tmp_path / "unruled").mkdir()
    ruled = tables_of(read_document(pdfmaker.sample_pdf(sample, tmp_path / "ruled")))
    pdf = pdfmaker.sample_pdf(sample, tmp_path / "unruled", edit=pdfmaker.remove_borders)
    report = audit_file(pdf)
    assert report.count(SURE) == 0, [f.to_dict() for f in report.findings if f.sureness == SURE]
    assert "公开01表" in report.tables
    unruled = tables_of(read_document(pdf))
    both = set(unruled.cells) & set(ruled.cells)
    assert both and all(unruled.cells[k] == ruled.cells[k] for k in both)
