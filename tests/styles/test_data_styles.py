"""Two styles written only as folders (style.toml + templates, no Python), for formats unlike the
bundled ones, render golden texts; and the settings they use do what they say.

To update a golden text after an intended change:
``.venv/bin/python tests/styles/test_data_styles.py`` rewrites tests/styles/expected/ — review the diff.
"""
from decimal import Decimal as D
from pathlib import Path

import pytest

from narratives import api
from narratives.styles import clear_cache

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
STYLES = ("county_truncate", "township_plain")
# (style, sample, 简称 given to the unit): the county style titles its sections with the short name
CASES = [("county_truncate", "yangquan-legal-aid-2024", "县法援中心"),
         ("county_truncate", "shanghai-sample-2024", None),
         ("township_plain", "wendeng-legal-aid-2024", None),
         ("township_plain", "yangquan-legal-aid-2024", None)]


def render(style: str, sample: str, short: str | None) -> str:
    project = api.load(ROOT / "samples" / f"{sample}.toml")
    if short:
        project.unit.short_name = short
    return api.to_text(api.render(project, style=style, templates=(str(HERE),)))


@pytest.fixture(autouse=True)
def _fresh():
    clear_cache()
    yield
    clear_cache()


@pytest.mark.parametrize("style", STYLES)
def test_the_style_is_data_only(style):
    files = sorted(p.name for p in (HERE / style).iterdir())
    assert "style.toml" in files
    assert all(name == "style.toml" or name.endswith(".j2") for name in files), files


@pytest.mark.parametrize("style, sample, short", CASES)
def test_golden(style, sample, short):
    expected = (HERE / "expected" / f"{style}--{sample}.txt").read_text(encoding="utf-8")
    assert render(style, sample, short) == expected


def test_county_truncates_percentages_and_pairs_numbers():
    text = render("county_truncate", "yangquan-legal-aid-2024", "县法援中心")
    # 项目支出 11.9448 / 127.80 = 9.3465…%: 截位 9.34 (四舍五入 would write 9.35)
    assert "项目支出11.94万元，占9.34%" in text
    assert "各减少24.07、24.07万元，各下降15.84%、15.84%" in text
    # the short name in the part title and in section titles; 概况 first
    assert text.startswith("第三部分 县法援中心2024年度决算情况说明\n\n一、县法援中心基本情况\n（一）主要职责")
    assert "二、县法援中心2024年度收入支出决算情况" in text


def test_township_writes_plain_numbers_and_knows_no_budget():
    text = render("township_plain", "wendeng-legal-aid-2024", None)
    assert text.splitlines()[2] == "1.收支及财政拨款总体情况"
    assert "比上年增加29.78万元（增长22.7%）" in text  # 29.78/131.31 = 22.679…%: one place
    assert "36万元，年初未安排，属年中追加" in text
    assert "决算数大于" not in text


def test_forms_of_sections_a_style_names_itself():
    """A merged section and a 概况 get the forms of the facts their templates read."""
    project = api.load(ROOT / "samples" / "yangquan-legal-aid-2024.toml")
    from narratives.fields import section_form
    from narratives.styles import load
    style = load("county_truncate", (str(HERE),))
    merged = section_form(project, "shouzhi", style)
    keys = [f.key for f in merged.figures]
    assert keys[:2] == ["收入总计", "支出总计"]
    assert "本年收入合计" in keys and "本年支出合计" in keys and "基本支出" in keys
    assert "说明.收支总计.变动原因" in [n.path for n in merged.notes]
    other = section_form(project, "qita", style)
    assert [f.key for f in other.figures] == ["机关运行经费"]
    assert [n.path for n in other.notes] == ["说明.机关运行经费.变动原因", "说明.其他需要说明的事项.内容"]
    assert section_form(project, "概况", style).figures == []


def test_the_outline_numbers_and_titles_sections_as_the_render_does():
    from narratives.render.engine import render_project, section_headings
    from narratives.styles import load
    project = api.load(ROOT / "samples" / "wendeng-legal-aid-2024.toml")
    project.unit.short_name = "文登法援"
    for name in STYLES:
        style = load(name, (str(HERE),))
        doc = render_project(project, style)
        assert section_headings(project, style) == [s.heading for s in doc.sections]
    assert section_headings(project, load("township_plain", (str(HERE),)))[1] == "2.一般公共预算财政拨款支出（2024年）"


if __name__ == "__main__":
    (HERE / "expected").mkdir(exist_ok=True)
    for style, sample, short in CASES:
        (HERE / "expected" / f"{style}--{sample}.txt").write_text(render(style, sample, short), encoding="utf-8")
