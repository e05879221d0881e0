"""The shandong charts: what they show (from Facts, exactly), the images in the docx and beside the
Markdown, the cache, and the export going on without them when matplotlib or a CJK font is missing."""
from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import docx
import pytest

from narratives.export import charts, export_docx, export_markdown
from narratives.facts import Facts
from tests.conftest import needs_cjk_font


def test_specs_hold_the_sample_figures(wendeng):
    f = Facts(wendeng)
    bar = charts.chart_spec("grand", f)
    assert bar[0] == "bar" and bar[1:3] == (2024, 2023)
    assert [(p.label, p.prior, p.value) for p in bar[3]] == [
        ("收入总计", Decimal("131.31"), Decimal("161.09")), ("支出总计", Decimal("131.31"), Decimal("161.09"))]
    general = charts.chart_spec("general", f)
    assert [(p.prior, p.value) for p in general[3]] == [(Decimal("131.31"), Decimal("161.09"))]
    pie = charts.chart_spec("classes", f)
    assert pie == ("pie", (("公共安全支出", Decimal("131.07")), ("社会保障和就业支出", Decimal("12.10")),
                           ("卫生健康支出", Decimal("7.42")), ("住房保障支出", Decimal("10.50"))))
    # a pie of one slice says nothing: wendeng's income comes from one source only (a 100% pie)
    assert charts.chart_spec("income", f) is None
    assert charts.chart_spec("expense", f) == ("pie", (("基本支出", Decimal("125.09")), ("项目支出", Decimal("36"))))
    assert charts.chart_spec("nonsense", f) is None


def test_charts_are_style_data_with_alt_text(wendeng):
    from narratives.styles import ChartSettings
    f = Facts(wendeng)
    specs = {"pair": ChartSettings(kind="bar", bars={"收入": "grand_income", "财政拨款": "fiscal_income"}),
             "one": ChartSettings(kind="pie", slices="income_sources"),
             "bad": ChartSettings(kind="bar", bars={"无此项": "no_such_fact"})}
    pair = charts.chart_spec("pair", f, specs)
    assert [p.label for p in pair[3]] == ["收入", "财政拨款"]
    assert charts.chart_spec("one", f, specs) is None and charts.chart_spec("bad", f, specs) is None
    assert charts.chart_alt(pair) == "收入：2023年131.31万元，2024年161.09万元；财政拨款：2023年131.31万元，2024年161.09万元。"
    pie = charts.chart_spec("classes", f)
    assert charts.chart_alt(pie).startswith("公共安全支出131.07万元，占81.36%；")


def test_pie_of_zeros_and_bars_of_zeros_are_left_out(wendeng):
    for row in wendeng.t05.rows:
        row.total = row.basic = row.project = None
    f = Facts(wendeng)
    assert charts.chart_spec("classes", f) is None


@needs_cjk_font
def test_charts_are_pngs_and_cached(wendeng, monkeypatch):
    f = Facts(wendeng)
    images, notice = charts.make_charts(["grand", "classes"], f)
    assert notice is None and set(images) == {"grand", "classes"}
    assert all(png.startswith(b"\x89PNG") for png in images.values())

    def no_drawing(*a, **k):
        raise AssertionError("drawn again")
    monkeypatch.setattr(charts, "draw", no_drawing)
    again, _ = charts.make_charts(["grand", "classes"], f)
    assert again == images


def test_without_a_cjk_font_the_export_goes_on_and_says_so(wendeng, tmp_path, monkeypatch):
    def missing():
        raise charts.ChartsUnavailable("未找到中文字体，图表已略去")
    monkeypatch.setattr(charts, "cjk_font", missing)
    out = tmp_path / "w.docx"
    result = export_docx(wendeng, out)
    assert result.charts == [] and result.notices == ["未找到中文字体，图表已略去"]
    d = docx.Document(str(out))
    assert len(d.inline_shapes) == 0
    # a caption only with its chart: none is left under nothing
    assert not any(p.text.startswith("图1：") for p in d.paragraphs)


def test_without_matplotlib(monkeypatch):
    charts.cjk_font.cache_clear()
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib → ImportError
    try:
        with pytest.raises(charts.ChartsUnavailable) as e:
            charts.cjk_font()
        assert "matplotlib" in str(e.value)
    finally:
        charts.cjk_font.cache_clear()


@needs_cjk_font
def test_markdown_links_the_chart_files(wendeng, tmp_path):
    out = tmp_path / "文登.md"
    result = export_markdown(wendeng, out)
    md = out.read_text(encoding="utf-8")
    assert len(result.files) == 5  # no 图2: one slice
    for f in result.files:
        assert f.parent == tmp_path / "文登-图" and f.read_bytes().startswith(b"\x89PNG")
        assert f"({f.parent.name}/{f.name})" in md
    line = "![图1：收、支决算总计变动情况图（单位：万元）](文登-图/grand.png)"
    assert md.index(line) < md.index("*图1：收、支决算总计变动情况图（单位：万元）*")
    # apart from the image lines, the same text as the renderer's Markdown
    import re
    from narratives import api
    expected = api.to_markdown(api.render(wendeng)).replace("*图2：收入决算结构图*\n\n", "")
    assert re.sub(r"!\[[^\]]*\]\([^)]*\)\n\n", "", md) == expected
    assert "图2" not in md  # a caption only with its chart


def test_no_chart_no_matplotlib_import(yangquan_path, tmp_path):
    """A style without charts never pays for importing matplotlib (export speed)."""
    code = ("import sys\nfrom narratives import api\n"
            f"api.export_docx(api.load({str(yangquan_path)!r}), {str(tmp_path / 'y.docx')!r})\n"
            "print('matplotlib' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_no_charts_no_captions_in_markdown(wendeng, tmp_path):
    out = tmp_path / "w.md"
    export_markdown(wendeng, out, charts=False)
    md = out.read_text(encoding="utf-8")
    assert "图1" not in md and "图5-2" not in md and "![" not in md
    assert "一、收入支出决算总体情况说明" in md
