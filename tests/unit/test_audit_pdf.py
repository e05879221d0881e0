"""Published PDFs read as documents: the samples exported to Word and converted by LibreOffice
(as units make their PDFs) audit with nothing sure; the tables are read cell by cell; every
finding names its page; slips planted in the Word file are found in the PDF.

The committed yangquan-whole.pdf (made by tests/fixtures/audit/pdfmaker.py) keeps the PDF path
tested on a machine without LibreOffice; the conversions skip there."""
from __future__ import annotations

import pytest

from narratives.audit import SURE, audit_file, read_document
from tests.conftest import SAMPLES
from tests.fixtures.audit import pdfmaker
from tests.unit.audit_fixtures import FIXTURES

needs_libreoffice = pytest.mark.skipif(not pdfmaker.available(),
                                       reason="没有 LibreOffice 或中文字体：PDF 转换测试跳过（已提交的 PDF 样例仍测试）")


def test_committed_pdf_reads_as_paragraphs_and_tables():
    text = read_document(FIXTURES / "yangquan-whole.pdf")
    # a paragraph wrapped over five lines is one line again, its figures whole
    assert ("2024年度收入总计127.80万元，支出总计127.80万元。与上年相比，收入总计减少24.07万元，下降15.85%，"
            "支出总计减少24.07万元，下降15.85%。") in text
    # page numbers ("— 15 —") are gone, pages are separated by form feeds
    assert "— 15 —" not in text and "\f" in text
    # the tables come out cell by cell, merged header cells repeated over their span
    assert "一、一般公共预算财政拨款收入\t1\t127.80\t一、一般公共服务支出\t32\t0.21" in text
    assert "预算数\t预算数\t预算数\t预算数\t预算数\t预算数\t决算数" in text


def test_committed_pdf_audits_clean_with_pages_and_tables():
    report = audit_file(FIXTURES / "yangquan-whole.pdf")
    assert report.count(SURE) == 0, [f.to_dict() for f in report.findings if f.sureness == SURE]
    assert report.tables == [f"公开{n:02d}表" for n in range(1, 11)]
    assert report.tables_not_read == []
    # the two 尾差 shares of 三, on the page they are printed on
    assert [(f.kind, f.page) for f in report.findings] == [("占比", 15), ("占比", 15)]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    if not pdfmaker.available():
        pytest.skip("没有 LibreOffice 或中文字体")
    out = {}
    for name in ("yangquan-legal-aid-2024", "wendeng-legal-aid-2024", "shanghai-sample-2024"):
        folder = tmp_path_factory.mktemp(name)
        out[name] = pdfmaker.sample_pdf(SAMPLES / f"{name}.toml", folder)
    return out


@needs_libreoffice
@pytest.mark.parametrize("name", ["yangquan-legal-aid-2024", "wendeng-legal-aid-2024", "shanghai-sample-2024"])
def test_samples_made_into_pdfs_have_nothing_sure(made, name):
    report = audit_file(made[name])
    assert report.found_part3 and report.year == 2024
    assert report.count(SURE) == 0, [f.to_dict() for f in report.findings if f.sureness == SURE]
    assert "公开01表" in report.tables and report.tables_not_read == []
    assert all(f.page is not None for f in report.findings)


RUNNING_HEAD = "决算公开·阳泉市法律援助中心"


def _plant(document):
    # a running head on every page, as many units print: it must not end up inside a paragraph
    document.sections[0].header.paragraphs[0].text = RUNNING_HEAD
    # a wrong rate in 一 and a 05表 cell changed: the text and 01表 outnumber the changed cell
    assert pdfmaker.replace_in_paragraphs(document, "下降15.85%，支出总计", "下降15.95%，支出总计") == 1
    changed = 0
    for table in document.tables:
        for row in table.rows:
            cells = row.cells
            if len(cells) == 5 and cells[0].text == "221" and cells[2].text == "8.07" and not changed:
                cells[2].paragraphs[0].runs[0].text = "9.07"
                changed += 1
    assert changed == 1


def _page_of(pdf, title: str) -> int:
    """The page (from 1) a section starts on, past the 目录 (the export's layout decides it)."""
    from pypdf import PdfReader
    for k, page in enumerate(PdfReader(str(pdf)).pages, 1):
        text = (page.extract_text() or "").replace(" ", "")
        if title in text and "..." not in text and "…" not in text:
            return k
    raise AssertionError(f"{title} not found")


@needs_libreoffice
def test_slips_planted_in_the_word_file_are_found_in_the_pdf(tmp_path):
    pdf = pdfmaker.sample_pdf(SAMPLES / "yangquan-legal-aid-2024.toml", tmp_path, edit=_plant)
    assert RUNNING_HEAD not in read_document(pdf)
    report = audit_file(pdf)
    sure = {f.kind: f for f in report.findings if f.sureness == SURE}
    assert set(sure) == {"变动率", "表文不符", "表间不符"}
    # the changed cell also breaks 05表's own sums and its agreement with 04表 (勾稽关系)
    assert all("公开05表" in f.sentence for f in report.findings if f.kind == "表间不符")
    rate = sure["变动率"]
    assert rate.expected == "下降15.85%" and rate.section.startswith("一、")
    assert rate.page == _page_of(pdf, "一、收入支出决算总体情况说明")
    cell = sure["表文不符"]
    assert cell.stated == "公开05表 类 住房保障支出 9.07万元" and "与文中一致" in cell.expected
