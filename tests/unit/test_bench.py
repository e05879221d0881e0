"""The benchmark suite's own pieces: its peers do the same work as what they are compared with
(else the ratios mean nothing), its table reads right, and the TUI hook tolerates any shape."""
from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

import pytest

from narratives import api

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = mod
    spec.loader.exec_module(mod)
    yield mod
    sys.modules.pop("bench_run", None)


@pytest.mark.parametrize("sample", ["yangquan", "wendeng"])
def test_plain_jinja_peer_renders_the_same_text(bench, sample, yangquan, wendeng):
    from narratives.render import engine
    project = {"yangquan": yangquan, "wendeng": wendeng}[sample]
    style = api.style_for(project)
    sandboxed = api.to_markdown(engine.render_project(project, style))
    original = engine.environment
    with bench.PlainJinja():
        assert engine.environment is not original
        plain = api.to_markdown(engine.render_project(project, style))
    assert engine.environment is original  # restored
    assert plain == sandboxed


def test_docx_peer_writes_the_same_paragraphs(bench, wendeng, tmp_path):
    doc = api.render(wendeng)
    out = tmp_path / "plain.docx"
    bench.docx_plain(doc, out)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert doc.title in xml
    assert all(s.heading in xml for s in doc.sections)


def test_measure_counts_runs_and_reports_a_median(bench):
    calls = []
    t, n = m = bench.measure(lambda: calls.append(1), min_runs=7, max_runs=7, budget=0)
    assert n == 7 and len(calls) == 8  # one warm-up
    assert t >= 0 and m.cpu >= 0


def test_table_and_verdicts(bench):
    rows = [bench.Row("生成", "第三部分 阳泉", 0.002, 50, "非沙箱", 0.001, 0.005),
            bench.Row("批量", "批量 1000", 25.0, 1, target=20.0),
            bench.Row("界面", "启动", None, note="跳过")]
    assert rows[0].ratio == pytest.approx(2.0) and rows[0].verdict == "达标"
    assert rows[1].verdict == "未达标" and rows[2].verdict == ""
    text = bench.table(rows)
    assert "2.00 ms" in text and "2.00×" in text and "< 5.00 ms" in text and "未达标" in text
    assert bench.fmt_time(0.0000123) == "12 µs" and bench.fmt_time(12.3) == "12.30 s"


def test_tui_hook_accepts_dicts_and_reports_absence(bench, tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the hook puts bench/ on the path: undone after
    (tmp_path / "bench").mkdir()
    monkeypatch.delitem(sys.modules, "bench_tui", raising=False)
    rows: list = []
    bench.bench_tui(rows, quick=True)
    assert rows[0].median is None and "跳过" in rows[0].note
    (tmp_path / "bench" / "bench_tui.py").write_text(
        "def run(quick=False):\n"
        "    return [{'name': '启动到首次绘制', 'median': 0.5, 'runs': 3, 'peer': '空 Textual 应用',"
        " 'peer_median': 0.25, 'target': 1.0}]\n", encoding="utf-8")
    monkeypatch.delitem(sys.modules, "bench_tui", raising=False)
    rows = []
    bench.bench_tui(rows, quick=True)
    monkeypatch.delitem(sys.modules, "bench_tui", raising=False)
    assert rows[0].name == "启动到首次绘制" and rows[0].ratio == pytest.approx(2.0)
    assert rows[0].verdict == "达标"
