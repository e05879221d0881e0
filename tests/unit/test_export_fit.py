"""Table layout from content: every number's column is at least as wide as the number in the
table's font (so it never wraps), the widths fill the type area, and landscape only when
portrait cannot hold the table."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from narratives.export.fit import CELL_PAD_PT, fit_table, is_rigid, lines_needed, text_width
from narratives.export.layout import Table

PORTRAIT, LANDSCAPE = 442.2, 637.8  # the GB/T 9704 A4 type area in points

amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False).map(lambda d: f"{d:,.2f}")
labels = st.text(alphabet="一般公共预算财政拨款支出收入合计社会保障和就业", min_size=1, max_size=24)


@st.composite
def tables(draw):
    ncols = draw(st.integers(1, 12))
    kinds = [draw(st.sampled_from(["amount", "label"])) for _ in range(ncols)]
    header = [[draw(labels) for _ in range(ncols)]]
    body = [[draw(amounts) if k == "amount" else draw(labels) for k in kinds]
            for _ in range(draw(st.integers(1, 12)))]
    return Table(header, body)


@settings(max_examples=80, deadline=None)
@given(tables())
def test_no_number_wraps_and_the_widths_fill_the_area(t):
    fit = fit_table(t, PORTRAIT, LANDSCAPE, 9)
    avail = LANDSCAPE if fit.landscape else PORTRAIT
    assert abs(sum(fit.widths_pt) - avail) < 0.5
    if not fit.fits:
        return
    for row in t.body:
        for c, text in enumerate(row):
            if is_rigid(text):
                inner = fit.widths_pt[c] - 2 * CELL_PAD_PT
                assert text_width(text, fit.size) <= inner
                assert lines_needed(text, inner, fit.size) == 1


def test_portrait_when_it_holds_the_table_landscape_when_not():
    narrow = Table([["项目", "金额"]], [["一般公共服务支出", "1,234.56"]])
    assert not fit_table(narrow, PORTRAIT, LANDSCAPE, 9).landscape
    wide = Table([[f"第{i}栏" for i in range(10)]], [["12,345,678.90"] * 10])
    fit = fit_table(wide, PORTRAIT, LANDSCAPE, 9)
    assert fit.landscape and fit.fits and fit.size == 9
    # where even landscape cannot hold it, a smaller type rather than a wrapped number
    wider = Table([[f"第{i}栏" for i in range(15)]], [["123,456.78"] * 15])
    fit = fit_table(wider, PORTRAIT, LANDSCAPE, 9)
    assert fit.landscape and fit.size < 9 and fit.fits


def test_width_measure():
    # a Chinese character is one em, a digit half an em (Times New Roman)
    assert text_width("公共安全", 10) == 40
    assert text_width("100.79", 10) == 5 * 5 + 2.5
    assert lines_needed("一般公共预算财政拨款", 45, 9) == 2


# ---------------------------------------------------------------- headings break between words
def test_heading_words():
    from narratives.export.header_words import words
    assert words("本年收入合计") == ("本年", "收入", "合计")
    assert words("附属单位上缴收入") == ("附属单位", "上缴", "收入")
    assert words("年初结转和结余") == ("年初", "结转和结余")
    assert words("因公出国（境）费") == ("因公", "出国（境）费")
    assert words("政府性基金预算财政拨款") == ("政府性", "基金", "预算", "财政拨款")
    assert words("阳泉市") == ("阳", "泉", "市")  # unknown: any character may break
    assert words("二十二、灾害防治及应急管理支出")[:2] == ("二十二、", "灾害")


def test_cell_lines_break_between_words():
    from narratives.export.fit import cell_lines
    # three characters wide at 9 pt (with the safety margin): 事业/收入, not 事业收/入
    assert cell_lines("事业收入", 3 * 9 * 1.03 * 1.07, 9) == ("事业", "收入")
    assert cell_lines("本年收入合计", 4 * 9 * 1.03 * 1.07, 9) == ("本年收入", "合计")
    assert cell_lines("科目代码", 20 * 9, 9) == ("科目代码",)


@given(st.lists(st.sampled_from(["本年", "收入", "合计", "附属单位", "上缴", "科目", "代码", "结转和结余",
                                 "对", "和"]), min_size=1, max_size=6),
       st.floats(min_value=9, max_value=120))
def test_a_heading_is_cut_only_inside_a_word_longer_than_the_line(parts, width):
    from narratives.export.fit import SAFETY, cell_lines, text_width
    from narratives.export.header_words import words
    text = "".join(parts)
    lines = cell_lines(text, width, 9)
    assert "".join(lines) == text
    bounds, at = {0}, 0
    for w in words(text):
        at += len(w)
        bounds.add(at)
    at = 0
    for line in lines[:-1]:
        at += len(line)
        if at not in bounds:  # a cut inside a word: only a word wider than the whole line
            word = next(w for w, end in _ends(words(text)) if end > at)
            assert text_width(word, 9, True) > width / SAFETY


def _ends(ws):
    at = 0
    for w in ws:
        at += len(w)
        yield w, at
