"""Numbers as style data: a CLDR pattern (parsed once with babel) and a rounding mode per kind of
number, the project's own 千位分隔符, heading numbers per level, titles with the unit's names, and
helpers that take plain ints."""
from decimal import ROUND_DOWN, Decimal as D
from pathlib import Path

import pytest
from babel.numbers import parse_pattern
from hypothesis import given, settings, strategies as st

from narratives import api
from narratives.money import NumberFormat, format_number, number_format, pattern_for, quantize
from narratives.render.engine import Formatter, Numbering
from narratives.styles import StyleSettings

decimals = st.decimals(min_value=D("-99999999"), max_value=D("99999999"), places=6, allow_nan=False)
PATTERNS = ["#,##0.00", "0.##", "#,##0.##", "0.0", "0", "#,##0.000", "0.00##"]


@settings(max_examples=150, deadline=None)
@given(decimals, st.sampled_from(PATTERNS), st.sampled_from(["四舍五入", "截位"]))
def test_the_fast_layout_is_babels_own(value, pattern, rounding):
    fmt = NumberFormat(pattern, rounding)
    assert fmt.fast  # the usual patterns never pay for babel's apply (a render would cost twice as much)
    q = quantize(value, fmt.places, rounding)
    q = abs(q) if q == 0 else q
    assert fmt(value) == parse_pattern(pattern).apply(q, "zh_CN", decimal_quantization=False)


@settings(max_examples=150, deadline=None)
@given(decimals, st.integers(0, 4), st.booleans(), st.booleans())
def test_the_flat_settings_mean_the_pattern_they_name(value, places, group, trim):
    assert number_format(pattern_for(places, group, trim))(value) == format_number(value, places, group, trim)


@settings(max_examples=100, deadline=None)
@given(decimals)
def test_truncation_never_rounds_up(value):
    text = number_format("0.00", "截位")(value)
    assert D(text) == value.quantize(D("0.01"), rounding=ROUND_DOWN) and abs(D(text)) <= abs(value)


@pytest.mark.parametrize("pattern, rounding, value, expected", [
    ("0.00", "截位", "12.349", "12.34"),
    ("0.00", "四舍五入", "12.345", "12.35"),
    ("0.00", "截位", "-12.349", "-12.34"),
    ("0.00", "截位", "-0.001", "0.00"),          # never "-0.00"
    ("#,##0.00", "四舍五入", "1234567.125", "1,234,567.13"),
    ("#,##0.##", "四舍五入", "36", "36"),
    ("#,##0.##", "四舍五入", "12.10", "12.1"),
    ("0.0", "截位", "99.99", "99.9"),
    ("#,##,##0.00", "四舍五入", "1234567", "12,34,567.00"),  # an unusual grouping goes through babel
    ("0.00万", "四舍五入", "3.456", "3.46万"),                # so does a suffix
])
def test_patterns_and_rounding(pattern, rounding, value, expected):
    fmt = number_format(pattern, rounding)
    assert fmt(D(value)) == expected
    assert fmt.fast == (pattern not in ("#,##,##0.00", "0.00万"))


def test_a_bad_pattern_or_rounding_is_said_in_chinese():
    with pytest.raises(ValueError, match="舍入方式"):
        NumberFormat("0.00", "银行家")
    for bad in ("#,##0.00.0", "abc", "", "0;;"):
        with pytest.raises(ValueError, match="CLDR"):
            NumberFormat(bad)


def _settings(**number) -> StyleSettings:
    return StyleSettings.model_validate({"name": "t", "number": number,
                                         "sections": [{"id": "a", "title": "t", "template": "x.j2"}]})


def test_each_kind_has_its_own_places_and_rounding():
    s = _settings(percent_places=2, share={"rounding": "截位"}, change_rate={"places": 1},
                  completion_rate={"pattern": "0.###"}, score={"places": 1})
    fmt = Formatter(s, marks=False)
    rate = D("12.349")
    assert fmt.pct(rate) == "12.34%"                        # share: 截位
    assert fmt.rate(rate, None, "change_rate") == "12.3%"   # one place, half up
    assert fmt.rate(rate, None, "completion_rate") == "12.349%"
    assert fmt.money(D("92.35"), unit="分", kind="score") == "92.4分"
    assert fmt.money(D("1289.234")) == "1,289.23万元"


def test_the_project_may_switch_grouping_off():
    project = api.load(Path(__file__).parents[2] / "samples" / "shanghai-sample-2024.toml")
    assert "5,887.48万元" in api.to_text(api.render(project, section="一"))
    project.unit.group = False
    text = api.to_text(api.render(project, section="一"))
    assert "5887.48万元" in text and "5,887.48" not in text


def test_numbering_per_level_resets_below():
    n = Numbering(["{n}、", "（{n}）", "{i}.", "（{i}）"])
    assert n.start_section(3) == "三、"
    assert [n.next(2), n.next(3), n.next(3), n.next(2), n.next(3), n.next(4)] == \
        ["（一）", "1.", "2.", "（二）", "1.", "（1）"]
    assert n.start_section(4) == "四、" and n.next(2) == "（一）"
    with pytest.raises(api.JuesuanError, match="编号级别 5"):
        n.next(5)


def test_helpers_take_plain_ints_and_none(yangquan, tmp_path):
    from narratives.style_folder import new_style
    target = new_style("ints", "shanxi", tmp_path)
    (target / "01_overall.j2").write_text(
        "{{ pct(0) }}|{{ pct(none) }}|{{ money(0) }}|{{ money(3) }}|{{ number(5) }}|{{ score(none) }}|"
        "{{ ratio(1, 4) }}|{{ count(none, '辆') }}\n", encoding="utf-8")
    doc = api.render(yangquan, style="ints", templates=(str(tmp_path),), section="一")
    # shanxi: zero = "0"; a None is not entered, never 0 (issue 13): the 待填 marker
    assert api.to_text(doc).splitlines()[-1].strip() == "0.00%||0万元|3.00万元|5.00|【待填：得分】|25.00%|【待填：辆】"


def test_dates_through_babel_zh_cn():
    from datetime import date

    from narratives.dates import DAY, format_date, signature_date
    assert signature_date(date(2025, 9, 30)) == "2025年9月"
    assert format_date(date(2025, 9, 3), DAY) == "2025年9月3日"
    assert format_date(date(2025, 9, 3), "long") == "2025年9月3日"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["#,##0", "0"]), st.integers(0, 4), st.integers(0, 3), st.booleans())
def test_the_usual_patterns_are_read_as_babel_reads_them(head, zeros, hashes, dot):
    # the app's launch reads these without importing babel: it must mean what babel means
    from narratives.money import _USUAL, _parse_simple
    pattern = head + ("." + "0" * zeros + "#" * hashes if dot or zeros or hashes else "")
    assert _USUAL.match(pattern)
    ours, babels = _parse_simple(pattern), parse_pattern(pattern)
    for attr in ("grouping", "frac_prec", "int_prec", "prefix", "suffix", "scale"):
        assert getattr(ours, attr) == getattr(babels, attr), (pattern, attr)
