"""The reviewer's batch: a folder of publications → one report (xlsx with 问题清单 and 文件汇总,
csv, md), a progress line per file on stderr, a damaged file a row and never the end of the
batch; and the audit's size limit and linear reading (issue 19)."""
from __future__ import annotations

import shutil

import pytest

from narratives import api
from narratives.audit import AuditReadError, SURE, audit_text
from narratives.audit import reading
from narratives.cli import main
from tests.conftest import SAMPLES
from tests.unit.audit_fixtures import FIXTURES, SEEDS


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "公开"
    (d / "区县").mkdir(parents=True)
    shutil.copy(SEEDS / "wendeng-legal-aid-2024.txt", d / "wendeng.txt")
    (d / "区县" / "yangquan.md").write_text(
        api.to_markdown(api.render(api.load(SAMPLES / "yangquan-legal-aid-2024.toml"))), encoding="utf-8")
    shutil.copy(FIXTURES / "yangquan-whole.pdf", d / "区县" / "yangquan.pdf")
    shutil.copy(FIXTURES / "scanned.pdf", d / "scanned.pdf")
    (d / "damaged.pdf").write_bytes(b"%PDF-1.4\n garbage \x00\x01")
    (d / "damaged.docx").write_bytes(b"PK\x03\x04 not a zip")
    (d / "notes.xlsx").write_bytes(b"ignored: not a publication")
    (d / "~$lock.docx").write_bytes(b"a Word lock file")
    return d


def test_folder_to_xlsx(folder, tmp_path, capsys):
    from openpyxl import load_workbook
    out = tmp_path / "审核报告.xlsx"
    assert main(["audit", str(folder), "-o", str(out), "--jobs", "2"]) == 1  # a pool: rows still in order
    err = capsys.readouterr().err
    assert err.count("审核 [") == 6 and "damaged.pdf：无法读取" in err and "共审核 6 个文件" in err
    wb = load_workbook(out)
    assert wb.sheetnames == ["问题清单", "文件汇总"]
    rows = list(wb["问题清单"].iter_rows(values_only=True))
    assert rows[0] == ("文件", "页码", "章节", "原句", "问题", "所写", "依据（应为与复算）", "确定程度")
    by_file = {}
    for r in rows[1:]:
        by_file.setdefault(r[0], []).append(r)
    # wendeng's slips: the 五（三） budget sum and the doubled 年度, with section and sentence
    sums = [r for r in by_file["公开/wendeng.txt"] if r[4] == "分项之和"]
    assert len(sums) == 1 and sums[0][2].startswith("五、") and "149.42万元" in sums[0][3] and sums[0][7] == "确定"
    assert "139.42万元" in sums[0][6]
    # the PDF's findings carry their page
    assert {r[1] for r in by_file["公开/区县/yangquan.pdf"]} == {15}
    # damaged and scanned files are rows saying why
    for name in ("公开/damaged.pdf", "公开/damaged.docx", "公开/scanned.pdf"):
        [row] = by_file[name]
        assert row[4] == "无法读取" and row[6]
    assert "扫描件" in by_file["公开/scanned.pdf"][0][6]
    summary = {r[0]: r for r in wb["文件汇总"].iter_rows(min_row=2, values_only=True)}
    assert set(summary) == {"公开/wendeng.txt", "公开/区县/yangquan.md", "公开/区县/yangquan.pdf", "公开/scanned.pdf",
                            "公开/damaged.pdf", "公开/damaged.docx"}
    assert summary["公开/wendeng.txt"][1] == "已审核" and summary["公开/wendeng.txt"][6] == 2
    assert summary["公开/damaged.pdf"][1].startswith("无法读取")


def test_csv_and_markdown_reports(folder, tmp_path):
    csv_out, md_out = tmp_path / "r.csv", tmp_path / "r.md"
    assert main(["audit", str(folder / "wendeng.txt"), str(folder / "区县"), "-o", str(csv_out), "--only-sure"]) == 1
    data = csv_out.read_bytes()
    assert data.startswith("\ufeff".encode())  # Excel opens it as UTF-8
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("文件,页码,章节,原句")
    assert len(lines) == 3 and all(line.endswith("确定") for line in lines[1:])
    assert main(["audit", str(folder / "区县"), "-o", str(md_out)]) == 0
    md = md_out.read_text(encoding="utf-8")
    assert "## 文件汇总" in md and "| 区县/yangquan.pdf | 已审核 | 2024 |" in md


def test_one_file_keeps_the_plain_report(capsys):
    assert main(["audit", str(SEEDS / "yangquan-legal-aid-2024.txt")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("审核：yangquan-legal-aid-2024.txt（2024年度）") and "[确定] 绩效等级" in out


def test_xlsx_needs_an_output_file(capsys):
    assert main(["audit", str(SEEDS), "--format", "xlsx"]) == 2
    assert "-o" in capsys.readouterr().err


def test_a_missing_input_is_a_users_mistake(tmp_path, capsys):
    assert main(["audit", str(tmp_path / "nope"), str(SEEDS), "-o", str(tmp_path / "r.xlsx")]) == 2
    assert "找不到" in capsys.readouterr().err


def test_a_megabyte_on_one_line_is_read(tmp_path):
    # issue 19: a 1 MB single-line text took 82 s (quadratic sentence look-ups); now linear.
    # (speed is measured in bench/; here: it completes, and every figure is still checked)
    units, size, i = [], 0, 0
    while size < 1_000_000:
        units.append(f"2024年度收入总计{1000 + i}.80万元，与上年相比减少24.07万元，下降0.01%。")
        size += len(units[-1])
        i += 1
    text = "第三部分 情况说明\n一、收入支出决算总体情况说明\n" + "".join(units)
    assert len(text) > 1_000_000 and "\n" not in text[40:]
    report = audit_text(text)
    assert len([f for f in report.findings if f.kind == "变动率"]) == i  # each wrong rate, all along the line


def test_size_limits(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_TEXT_CHARS", 1000)
    with pytest.raises(AuditReadError, match="文字过长"):
        audit_text("第三部分 情况说明\n" + "字" * 2000)
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_text("字" * 100, encoding="utf-8")
    with pytest.raises(AuditReadError, match="文件过大"):
        reading.read_document(big)


def test_a_fifo_is_refused(tmp_path):
    import os
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    with pytest.raises(AuditReadError, match="不是普通文件"):
        reading.read_document(fifo)


def test_several_files_as_json_and_text(folder, capsys):
    import json
    files = [str(folder / "wendeng.txt"), str(folder / "damaged.pdf")]
    assert main(["audit", *files, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["file"] for d in data] == files
    assert data[0]["summary"]["确定"] == 2 and "无法读取 PDF" in data[1]["error"]
    assert main(["audit", *files]) == 1
    out = capsys.readouterr().out
    assert f"审核：{files[0]}（2024年度）" in out and f"【{files[1]}】无法读取" in out


def test_report_paths(folder, tmp_path, capsys):
    # a folder that does not exist is a user's mistake; last run's report in the folder is skipped
    assert main(["audit", str(folder / "区县"), "-o", str(tmp_path / "nope" / "r.xlsx")]) == 2
    assert "不存在" in capsys.readouterr().err
    report = folder / "区县" / "审核报告.md"
    assert main(["audit", str(folder / "区县"), "-o", str(report)]) == 0
    assert main(["audit", str(folder / "区县"), "-o", str(report)]) == 0
    assert "共审核 2 个文件" in capsys.readouterr().err.splitlines()[-1]


def test_a_publication_in_the_folder_is_never_overwritten_by_the_report(folder, capsys):
    target = folder / "wendeng.txt"
    before = target.read_bytes()
    assert main(["audit", str(folder), "-o", str(target)]) == 2
    assert "待审核的文件之一" in capsys.readouterr().err and target.read_bytes() == before
