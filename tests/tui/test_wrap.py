"""The preview's line breaking: never inside a number, never a line starting with ，。%）."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.widgets.wrap import CLOSING, OPENING, wrap

SENTENCE = ("2024年一般公共预算财政拨款决算支出127.80万元，占本年支出合计的100.00%。与上年相比，"
            "一般公共预算财政拨款支出减少24.07万元，下降15.85%。主要原因是2024年度有人员调出（详见附表）。")


def test_a_number_is_never_split():
    for width in range(12, 60):
        lines = wrap(SENTENCE, width)
        assert "".join(lines) == SENTENCE
        for number in ("127.80", "100.00%", "24.07", "15.85%", "2024"):
            assert any(number in line for line in lines), (width, number, lines)


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation():
    for width in range(10, 60):  # the widest unit, "100.00%。", is 9 cells
        lines = wrap(SENTENCE, width)
        assert all(line[0] not in CLOSING for line in lines if line), (width, lines)
        assert all(line[-1] not in OPENING for line in lines if line), (width, lines)
        assert all(cell_len(line) <= width for line in lines)


def test_the_seen_cases():
    # the issue: "24.0" / "7万元" and lines starting with ，
    assert wrap("减少24.07万元", 10) == ["减少24.07", "万元"]
    assert wrap("减少24.07万元", 8) == ["减少", "24.07万", "元"]
    assert wrap("预算0.31万元，支出", 12) == ["预算0.31万", "元，支出"]
    assert wrap("一二三四五，六", 10) == ["一二三四", "五，六"]


@settings(max_examples=150)
@given(st.text(alphabet="一二三万元，。%（）0123456789. ", max_size=80), st.integers(4, 40))
def test_nothing_lost_and_lines_fit(text, width):
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    # only spaces at the ends of broken lines are dropped
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_list_line_is_broken_as_wrap_breaks_it_and_keeps_its_colour():
    # the 审核 / 待填 / export lists: Rich broke these at the last blank before a long Chinese run
    from rich.console import Console
    from rich.text import Text
    from tui.widgets.wrap import Wrapped
    line = Text()
    line.append("【提示】", style="cyan")
    line.append("公开02表 合计 · 本年收入合计：127.80万元，应等于各类之和 127.81万元，相差0.01万元。")
    console = Console(width=30, color_system="truecolor", record=True)
    console.print(Wrapped(line))
    shown = console.export_text().splitlines()
    assert shown == wrap(line.plain, 30)
    assert all(cell_len(x) <= 30 for x in shown) and len(shown) == 4
    assert not any(x.startswith(("，", "。")) for x in shown) and "127.81万元" in "".join(shown)
    segments = list(console.render(Wrapped(line), console.options.update_width(30)))
    assert any(s.text == "【提示】" and s.style and s.style.color.name == "cyan" for s in segments)


def test_paths_shortened_from_the_left_and_broken_after_a_slash():
    from hypothesis import given, settings, strategies as st
    from rich.cells import cell_len
    from tui.widgets.paths import lay_out, shorten_left
    assert shorten_left("/home/clerk/决算/阳泉2024.toml", 16) == "…/阳泉2024.toml"
    assert shorten_left("/a/b.toml", 40) == "/a/b.toml"
    assert cell_len(shorten_left("/x/很长很长很长很长的名字.toml", 10)) <= 10

    names = st.text(alphabet="ab决算-_.0123", min_size=1, max_size=12)

    @settings(max_examples=100, deadline=None)
    @given(st.lists(names, min_size=1, max_size=6), st.text(alphabet="已保存到无法写入：，。", max_size=20),
           st.integers(min_value=26, max_value=60))
    def laid_out(parts, words, width):
        path = "/" + "/".join(parts)
        message = f"{words}{path}：没有写入权限"
        lines = lay_out(message, width).split("\n")
        assert all(cell_len(line) <= width for line in lines)
        assert "".join(lines) == message  # only line breaks added
        for part in parts:  # each name whole on some line (all are shorter than a line here)
            assert any(part in line for line in lines)

    laid_out()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["减少", "24.07", "万元", "，", "15.85%", "。", " ", "人员", "（", "）", "Word", "3"]),
                max_size=30),
       st.integers(min_value=6, max_value=40))
def test_a_text_box_breaks_where_the_preview_does(words, width):
    from tui.widgets.wrap import wrap_offsets
    text = "".join(words)
    cuts = wrap_offsets(text, width)
    assert cuts == sorted(set(cuts)) and all(0 < c < len(text) for c in cuts)
    rows = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
    assert "".join(rows) == text  # nothing dropped: the box edits this very text
    for row in rows:
        assert cell_len(row.rstrip()) <= width
    import re
    from tui.widgets.wrap import _units
    for unit in _units(text):  # a number (with the marks glued to it) that fits a row is never split
        if re.search(r"\d", unit) and cell_len(unit.strip()) <= width:
            assert any(unit.strip() in row for row in rows), (unit, rows)
    for a, b in zip(rows, rows[1:]):  # no row starts with a closing mark (unless forced by a cut)
        assert b[0] not in CLOSING or cell_len(a.rstrip() + b[0]) > width or a.endswith(" ")
