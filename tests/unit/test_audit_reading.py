"""Reading published files: text encodings, .docx (paragraphs and tables in body order),
text-layer PDF, and clear Chinese refusals (scan, old Word, unknown type, missing file)."""
from __future__ import annotations

from pathlib import Path

import pytest

from narratives.audit import SURE, AuditReadError, audit_file, audit_text, read_document
from narratives.cli import main
from tests.conftest import SAMPLES
from tests.unit.audit_fixtures import SEEDS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "audit"
YANGQUAN = SEEDS / "yangquan-legal-aid-2024.txt"


def _summary(report):
    return [(f.kind, f.sureness, f.stated, f.expected) for f in report.findings]


def test_gb18030_text_reads_like_utf8(tmp_path):
    text = YANGQUAN.read_text(encoding="utf-8")
    gbk = tmp_path / "yangquan-gbk.txt"
    gbk.write_bytes(text.encode("gb18030"))
    assert read_document(gbk) == text
    assert _summary(audit_file(gbk)) == _summary(audit_file(YANGQUAN))


def _seed_as_docx(path: Path) -> None:
    """The seed as a Word file: tab rows become real tables, other lines paragraphs."""
    import docx
    document = docx.Document()
    rows: list[list[str]] = []

    def flush():
        if rows:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for r, row in zip(rows, table.rows):
                cells = row.cells  # once per row: table.cell(i, j) re-walks the grid every time
                for j, text in enumerate(r):
                    cells[j].text = text
            rows.clear()

    for line in YANGQUAN.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            document.add_paragraph(line)
    flush()
    document.save(str(path))


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "yangquan.docx"
    _seed_as_docx(path)
    return path


def test_docx_reads_paragraphs_and_tables(seed_docx):
    report = audit_file(seed_docx)
    assert report.tables_read
    assert _summary(report) == _summary(audit_file(YANGQUAN))


def test_docx_table_cells_are_compared(seed_docx, tmp_path):
    import docx
    path = tmp_path / "changed.docx"
    document = docx.Document(str(seed_docx))
    for table in document.tables:
        for row in table.rows:
            if row.cells[0].text == "221" and row.cells[1].text == "住房保障支出" and len(row.cells) == 5:
                row.cells[2].text = "9.07"  # 公开05表
    document.save(str(path))
    found = [f for f in audit_file(path).findings if f.kind == "表文不符"]
    assert [(f.sureness, f.stated, f.expected) for f in found] == [(SURE, "公开05表 类 住房保障支出 9.07万元", "住房保障支出8.07万元（与文中一致）")]


def test_text_layer_pdf():
    report = audit_file(FIXTURES / "text-layer.pdf")
    [f] = report.findings
    assert (f.kind, f.sureness, f.expected) == ("变动率", SURE, "下降15.85%")
    assert "收入总计减少24.07万元，下降15.95%" in f.sentence
    assert report.exit_status == 1


def test_scanned_pdf_is_refused_with_a_clear_message():
    with pytest.raises(AuditReadError, match="没有文字层.*扫描件.*OCR"):
        read_document(FIXTURES / "scanned.pdf")


@pytest.mark.parametrize("name,content,message", [
    ("old.doc", b"\xd0\xcf\x11\xe0", "另存为 .docx"),
    ("table.xlsx", b"PK", "不支持的文件类型"),
    ("broken.docx", b"not a zip", "不是有效的 .docx"),
    ("broken.pdf", b"%PDF-1.4 garbage", "PDF"),
])
def test_unreadable_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(AuditReadError, match=message):
        read_document(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(AuditReadError, match="找不到文件"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(AuditReadError, match="文件夹"):
        read_document(tmp_path)


def test_text_without_any_narrative_is_refused():
    with pytest.raises(AuditReadError, match="没有找到第三部分"):
        audit_text("\n\n  \n", "空.txt")


# --- the command
@pytest.fixture
def rendered_yangquan(tmp_path, yangquan):
    from narratives import api
    path = tmp_path / "yangquan.md"
    path.write_text(api.to_markdown(api.render(yangquan)), encoding="utf-8")
    return path


def test_cli_exit_status_and_formats(tmp_path, capsys, rendered_yangquan):
    assert main(["audit", str(rendered_yangquan)]) == 0       # only 可能为尾差
    out = capsys.readouterr().out
    assert "三、支出决算情况说明" in out and "[可能为尾差] 占比" in out
    assert main(["audit", str(YANGQUAN)]) == 1                # 附件1: 80分 called 优
    assert "[确定] 绩效等级" in capsys.readouterr().out
    assert main(["audit", str(SEEDS / "wendeng-legal-aid-2024.txt")]) == 1  # sure slips
    capsys.readouterr()
    out_file = tmp_path / "report.json"
    assert main(["audit", str(SEEDS / "wendeng-legal-aid-2024.txt"), "--format", "json", "-o", str(out_file)]) == 1
    import json
    data = json.loads(out_file.read_text(encoding="utf-8"))
    # the 五（三） budget sum and "2024年度年度"; the eight "增加0万元，增长0.00%" are 提示
    assert data["summary"]["确定"] == 2 and data["summary"]["提示"] == 9 and data["year"] == 2024
    assert {"kind", "sureness", "section", "sentence", "stated", "expected", "computation", "note",
            "page"} <= set(data["findings"][0])


def test_cli_only_sure(capsys, rendered_yangquan):
    assert main(["audit", str(rendered_yangquan), "--only-sure"]) == 0
    out = capsys.readouterr().out
    assert "可能为尾差 2 处" in out and "没有“确定”的问题" in out and "[可能为尾差]" not in out
    assert main(["audit", str(YANGQUAN), "--only-sure", "--format", "json"]) == 1
    import json
    data = json.loads(capsys.readouterr().out)
    # the 三公 rate 3.12% is sure by the document's own convention; the two shares stay 可能
    assert data["summary"]["可能为尾差"] == 2 and [f["kind"] for f in data["findings"]] == ["变动率", "变动率", "绩效等级"]


def test_cli_unreadable_file_is_one_line_and_status_2(tmp_path, capsys):
    assert main(["audit", str(FIXTURES / "scanned.pdf")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "扫描件" in err and "Traceback" not in err


@pytest.fixture(scope="module")
def whole_docx(tmp_path_factory) -> Path:
    """juesuan's own complete disclosure (tables included) as Word: the export read back."""
    path = tmp_path_factory.mktemp("whole") / "yangquan-whole.docx"
    assert main(["export", str(SAMPLES / "yangquan-legal-aid-2024.toml"),
                 "--whole", "--no-charts", "-o", str(path)]) == 0
    return path


def test_the_whole_word_export_audits_clean_with_its_tables(whole_docx):
    from narratives.audit.outline import split_part3
    from narratives.audit.tables import read_tables
    report = audit_file(whole_docx)
    assert report.tables_read and report.count(SURE) == 0
    cells = read_tables(split_part3(read_document(whole_docx))[0]).cells
    # merged cells ("合计" over 科目代码 and 科目名称) are read like the workbook import reads them
    assert {"T01.收入总计", "T01.本年收入合计", "T05.合计", "T05.类.住房保障支出", "T09.决算.合计"} <= set(cells)


def test_a_changed_cell_of_the_word_export_is_found(whole_docx, tmp_path):
    import docx
    document = docx.Document(str(whole_docx))
    changed = 0
    for table in document.tables:
        for row in table.rows:
            texts = [c.text for c in row.cells]
            if texts[:2] == ["221", "住房保障支出"] and len(texts) == 5:  # 公开05表
                row.cells[2].text = "9.07"
                changed += 1
    assert changed == 1
    path = tmp_path / "changed.docx"
    document.save(str(path))
    found = [f for f in audit_file(path).findings if f.kind == "表文不符"]
    assert [(f.sureness, f.stated, f.expected) for f in found] == [(SURE, "公开05表 类 住房保障支出 9.07万元", "住房保障支出8.07万元（与文中一致）")]


def test_the_whole_markdown_export_is_read_with_its_tables(tmp_path):
    path = tmp_path / "yangquan-whole.md"
    assert main(["export", str(SAMPLES / "yangquan-legal-aid-2024.toml"), "--whole", "--format", "md",
                 "--no-charts", "-o", str(path)]) == 0
    report = audit_file(path)
    assert report.tables_read and report.count(SURE) == 0
    text = path.read_text(encoding="utf-8")
    row = "\n| 221 | 住房保障支出 | 8.07 | 8.07 |  |\n"   # 公开05表 (02/03表's rows have more columns)
    assert text.count(row) == 1
    path.write_text(text.replace(row, "\n| 221 | 住房保障支出 | 9.07 | 8.07 |  |\n"), encoding="utf-8")
    found = [f for f in audit_file(path).findings if f.kind == "表文不符"]
    assert [(f.sureness, f.expected) for f in found] == [(SURE, "住房保障支出8.07万元（与文中一致）")]


def test_pipe_table_headers_become_one_row_per_level():
    from narratives.audit.reading import pipe_tables_to_rows
    text = "前言\n| 收入·项目 | 收入·金额 | 合计 |\n|---|---|---|\n| 一、财政拨款 | 1.00 | 1.00 |\n后记"
    assert pipe_tables_to_rows(text).splitlines() == [
        "前言", "收入\t收入\t合计", "项目\t金额\t合计", "一、财政拨款\t1.00\t1.00", "后记"]


def test_word_pages_come_from_the_breaks_word_rendered(tmp_path):
    # Word writes w:lastRenderedPageBreak where it broke the pages: a finding names that page;
    # a file a program made (no rendered breaks) names none rather than a wrong one
    import docx
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement
    from narratives.audit import audit_file
    document = docx.Document()
    document.add_paragraph("第三部分 情况说明")
    document.add_paragraph("一、收入支出决算总体情况说明")
    first = document.add_paragraph("本单位严格执行预算，各项支出按规定管理。")
    slip = document.add_paragraph("2024年度收入总计127.80万元，支出总计127.80万元。与上年相比，收入总计减少24.07万元，"
                                  "下降15.95%。")
    path = tmp_path / "plain.docx"
    document.save(str(path))
    [f] = [f for f in audit_file(path).findings if f.kind == "变动率"]
    assert f.page is None
    for p, at_start in ((first, False), (slip, True)):
        br = OxmlElement("w:lastRenderedPageBreak")
        run = p.runs[0]._r
        run.insert(0, br) if at_start else run.append(br)
    path = tmp_path / "word.docx"
    document.save(str(path))
    # the break inside the paragraph before sends what follows to page 2; the one at the start
    # of the slip's paragraph to page 3
    [f] = [f for f in audit_file(path).findings if f.kind == "变动率"]
    assert f.page == 3
