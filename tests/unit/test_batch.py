"""juesuan batch: a folder with damaged projects among good ones gives the right summary, the
right exit status and the outputs of the good ones; results do not depend on the process count."""
from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
import tomli_w

from narratives import batch, synth
from narratives.cli import main


@pytest.fixture
def folder(tmp_path: Path, yangquan_path: Path) -> Path:
    d = tmp_path / "units"
    synth.write_units(d, 4, seed=11, func_rows=20, econ_rows=20)
    shutil.copy(yangquan_path, d / "yangquan.toml")
    (d / "broken.toml").write_text('"版本" = 1\n["单位"\n', encoding="utf-8")  # not TOML
    text = yangquan_path.read_text(encoding="utf-8").replace('"本年收入合计" = "127.80"',
                                                             '"本年收入合计" = "12x.80"', 1)
    (d / "bad-amount.toml").write_text(text, encoding="utf-8")
    (d / "notes.txt").write_text("not a project", encoding="utf-8")  # ignored: not *.toml
    return d


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["batch", *args])
    out, err = capsys.readouterr()
    return code, out, err


def table_rows(out: str) -> dict[str, list[str]]:
    """The summary table's rows by project file name (columns split on runs of spaces)."""
    rows = {}
    for line in out.splitlines()[1:]:
        cells = line.split()
        if len(cells) >= 6 and cells[0].isdigit():
            rows[cells[1]] = cells
    return rows


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_damaged_projects_among_good_ones(folder, tmp_path, capsys, jobs):
    out_dir = tmp_path / "out"
    code, out, err = run_cli(capsys, str(folder), "-o", str(out_dir), "--format", "md", "-j", jobs)
    assert code == 1  # two units failed
    rows = table_rows(out)
    assert set(rows) == {"bad-amount.toml", "broken.toml", "yangquan.toml",
                         *(f"unit-0000{i}.toml" for i in range(4))}
    assert rows["broken.toml"][3] == "失败" and "不是有效的 TOML" in out
    assert rows["bad-amount.toml"][3] == "失败"
    assert "公开01表.本年收入合计：“12x.80”不是金额" in out  # the message names the key and the value
    for name in ("yangquan.toml", *(f"unit-0000{i}.toml" for i in range(4))):
        assert rows[name][3] == "成功"
        assert rows[name][4] == "0"  # 审核错误 per unit: none in these
    # yangquan's published tables carry 尾差 within tolerance: counted per unit in a column of
    # their own, not as 提示 (21 of them: the same 0.01 echoing up the 类/款/合计 rows)
    assert rows["yangquan.toml"][5] == "0" and rows["yangquan.toml"][6] == "21"
    assert "尾差 21 处（在允许范围内）" in out
    assert "共 7 个单位：成功 5 个，失败 2 个" in out
    # outputs: one per good unit, identical to juesuan render; none for the damaged ones
    written = sorted(p.name for p in out_dir.glob("*.md"))
    assert written == sorted(["yangquan.md", *(f"unit-0000{i}.md" for i in range(4))])
    code_r = main(["render", str(folder / "yangquan.toml"), "-o", str(tmp_path / "single.md")])
    assert code_r == 0
    assert (out_dir / "yangquan.md").read_bytes() == (tmp_path / "single.md").read_bytes()
    tsv = (out_dir / "汇总.tsv").read_text(encoding="utf-8").splitlines()
    assert len(tsv) == 8 and tsv[0].startswith("项目文件\t单位\t状态")
    assert "traceback" not in (out + err).lower()


def test_all_good_exits_zero(tmp_path, capsys):
    d = tmp_path / "good"
    synth.write_units(d, 3, seed=5, func_rows=12, econ_rows=12)
    code, out, err = run_cli(capsys, str(d), "-o", str(tmp_path / "out"), "-q")
    assert code == 0
    assert err == ""  # -q: no progress bar
    assert "成功 3 个，失败 0 个" in out


def test_check_format_exit_status_follows_errors(tmp_path, capsys):
    d = tmp_path / "units"
    synth.write_units(d, 2, seed=3, func_rows=15, econ_rows=15)
    code, out, _ = run_cli(capsys, str(d), "-o", str(tmp_path / "ok"), "--format", "check", "-q")
    assert code == 0
    # break one unit's 公开01表: 本年收入合计 no longer the sum of its sources (an 错误, not 尾差)
    data = synth.generate_data(4, 15, 15)
    data["公开01表"]["本年收入合计"] = "1.00"
    (d / "wrong.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    code, out, _ = run_cli(capsys, str(d), "-o", str(tmp_path / "out"), "--format", "check", "-q")
    assert code == 1
    rows = table_rows(out)
    assert rows["wrong.toml"][3] == "成功" and int(rows["wrong.toml"][4]) >= 1
    assert rows["unit-00000.toml"][4] == "0"
    report = (tmp_path / "out" / "wrong.审核.txt").read_text(encoding="utf-8")
    assert "错误" in report and "本年收入合计" in report


def test_docx_format(tmp_path, capsys):
    pytest.importorskip("narratives.export")
    d = tmp_path / "units"
    synth.write_units(d, 2, seed=8, func_rows=10, econ_rows=10)
    code, out, _ = run_cli(capsys, str(d), "-o", str(tmp_path / "out"), "--format", "docx", "--no-charts", "-q")
    assert code == 0
    for i in range(2):
        f = tmp_path / "out" / f"unit-0000{i}.docx"
        with zipfile.ZipFile(f) as z:
            assert "word/document.xml" in z.namelist()
            assert "情况说明" in z.read("word/document.xml").decode("utf-8")


def test_nothing_to_do_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, _, err = run_cli(capsys, str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert code == 2 and "没有找到项目文件" in err
    code, _, err = run_cli(capsys, str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert code == 2 and "找不到" in err


def test_unknown_style_is_one_message_not_a_failure_per_unit(tmp_path, capsys):
    d = tmp_path / "units"
    synth.write_units(d, 2, seed=1, func_rows=8, econ_rows=8)
    code, out, err = run_cli(capsys, str(d), "-o", str(tmp_path / "out"), "--style", "no-such-style", "-q")
    assert code == 2 and out == "" and "no-such-style" in err


def test_project_files_named_one_by_one_and_duplicates(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    synth.write_units(a, 1, seed=1, func_rows=5, econ_rows=6)
    synth.write_units(b, 1, seed=2, func_rows=5, econ_rows=6)
    paths = batch.collect([a, b / "unit-00000.toml", a])  # a folder twice: each unit once
    assert paths == [a / "unit-00000.toml", b / "unit-00000.toml"]
    assert batch.output_names(paths, "md") == ["a-unit-00000.md", "b-unit-00000.md"]
    report = batch.run(paths, batch.Options(fmt="md", outdir=str(tmp_path / "out"), findings=False), jobs=1)
    assert [Path(r.output).name for r in report.results] == ["a-unit-00000.md", "b-unit-00000.md"]
    assert all(r.errors is None for r in report.results)  # not checked: shown as —


def test_results_do_not_depend_on_the_process_count(tmp_path):
    d = tmp_path / "units"
    paths = synth.write_units(d, 12, seed=21, func_rows=15, econ_rows=15)
    one = batch.run(paths, batch.Options(fmt="md", outdir=str(tmp_path / "one")), jobs=1)
    two = batch.run(paths, batch.Options(fmt="md", outdir=str(tmp_path / "two")), jobs=2)
    assert [(r.path, r.ok, r.errors, r.hints) for r in one.results] == \
        [(r.path, r.ok, r.errors, r.hints) for r in two.results]
    for p in paths:
        name = p.stem + ".md"
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_progress_without_a_terminal_writes_a_line_per_tenth():
    stream = io.StringIO()
    progress = batch.Progress(stream)
    for i in range(1, 101):
        progress(i, 100, batch.UnitResult("x", ok=i != 50))
    lines = stream.getvalue().splitlines()
    assert 10 <= len(lines) <= 11
    assert lines[-1].startswith("[" + "#" * 30 + "] 100/100 100%") and "失败 1" in lines[-1]


def test_summary_columns_line_up_with_chinese_names():
    report = batch.BatchReport([batch.UnitResult("/x/甲单位.toml", True, "阳泉市法律援助中心", "/o/甲.md", 0, 3),
                                batch.UnitResult("/x/b.toml", False, message="坏了")], seconds=1.0, jobs=2)
    lines = batch.summary_table(report, "md").splitlines()
    # the 状态 column starts at the same terminal cell on every row
    starts = {batch.width(line[:line.index(s)]) for line, s in zip(lines[:3], ("状态", "成功", "失败"))}
    assert len(starts) == 1
    assert lines[-1].startswith("共 2 个单位：成功 1 个，失败 1 个")
    assert batch.width("阳泉a") == 5
