"""Rows pasted from Excel/WPS (tab-separated) into a table page's grid."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narratives import api
from narratives.io.paste import Column, PasteError, parse_rows
from narratives.model import T05Row

D = Decimal
T05 = ["科目代码", "科目名称", "小计", "基本支出", "项目支出"]


def test_rows_from_the_seed_table():
    # lines as the yangquan seed's 公开05表, header and 栏次 copied along
    text = ("项目\t\t本年支出\t\t\r\n科目代码\t科目名称\t小计\t基本支出\t项目支出\r\n栏次\t\t1\t2\t3\r\n"
            "2040601\t行政运行\t88.84\t88.84\t\r\n2040607\t公共法律服务\t11.94\t\t11.94\r\n")
    rows = parse_rows(text, T05)
    assert rows == [
        {"科目代码": "2040601", "科目名称": "行政运行", "小计": D("88.84"), "基本支出": D("88.84"), "项目支出": None},
        {"科目代码": "2040607", "科目名称": "公共法律服务", "小计": D("11.94"), "基本支出": None,
         "项目支出": D("11.94")},
    ]
    # the rows fit the model the grid edits
    assert T05Row.model_validate({k: v for k, v in rows[0].items() if v is not None}).sum() == D("88.84")


def test_joined_code_and_name_and_number_formats():
    text = "2080505 机关事业单位基本养老保险缴费支出\t1,234.50\t（1,000）\t——\n２１０\t卫生健康支出\t-\t4.15\t\n"
    rows = parse_rows(text, T05)
    assert rows[0]["科目代码"] == "2080505"
    assert rows[0]["科目名称"] == "机关事业单位基本养老保险缴费支出"
    assert rows[0]["小计"] == D("1234.50") and rows[0]["基本支出"] == D("-1000") and rows[0]["项目支出"] is None
    assert rows[1]["科目代码"] == "210" and rows[1]["小计"] is None and rows[1]["基本支出"] == D("4.15")


def test_cell_with_a_line_break_is_quoted_by_excel():
    text = '2080505\t"机关事业单位基本养老\n保险缴费支出"\t8.67\t8.67\t\n'
    rows = parse_rows(text, T05)
    assert len(rows) == 1 and rows[0]["科目名称"] == "机关事业单位基本养老保险缴费支出"


def test_yuan_grid_stores_wanyuan_exactly():
    rows = parse_rows("2040607\t公共法律服务\t119,448.00\t\t119448\n", T05, unit="元")
    assert rows[0]["小计"] == D("11.9448") and rows[0]["项目支出"] == D("11.9448")


def test_single_column_paste():
    assert parse_rows("1.5\n\n2\n", ["决算数"]) == [{"决算数": D("1.5")}, {"决算数": D("2")}]


def test_counts_and_explicit_columns():
    cols = [Column("车辆", "text", "用途"), Column("数量", "count")]
    assert parse_rows("机要通信用车\t1辆\n", cols) == [{"车辆": "机要通信用车", "数量": 1}]
    with pytest.raises(PasteError, match="第1行第2列（数量）"):
        parse_rows("机要通信用车\t1.5\n", cols)


def test_bad_cells_are_all_named():
    text = "2040601\t行政运行\t88.84\t1,2x3\t\n20x\t司法\t1\t1\t\n"
    with pytest.raises(PasteError) as exc:
        parse_rows(text, T05)
    msg = str(exc.value)
    assert "第1行第4列（基本支出）：“1,2x3”不是金额" in msg
    assert "第2行第1列（科目代码）：“20x”不是科目代码" in msg


def test_too_many_columns():
    with pytest.raises(PasteError, match="有 6 列，表格只有 5 列"):
        parse_rows("201\t一般公共服务支出\t1\t1\t\t9\n", T05)
    # trailing empty cells (Excel pads the selection) are fine
    assert len(parse_rows("201\t一般公共服务支出\t1\t1\t\t\t\n", T05)) == 1


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_gives_rows_or_the_clean_error(text):
    try:
        rows = parse_rows(text, T05)
    except PasteError as exc:
        assert str(exc).startswith("粘贴的内容有误")
    else:
        assert all(set(r) == set(T05) for r in rows)


amounts = st.decimals(min_value=D("-99999999"), max_value=D("99999999"), places=4, allow_nan=False)


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(["201", "20406", "2040601"]), amounts, amounts), min_size=1,
                     max_size=5),
       grouped=st.booleans())
def test_what_excel_shows_comes_back_exactly(rows, grouped):
    def show(d):
        return f"{d:,}" if grouped else format(d, "f")
    text = "\n".join(f"{c}\t名称\t{show(a)}\t{show(b)}\t" for c, a, b in rows)
    back = parse_rows(text, T05)
    assert [(r["科目代码"], r["小计"], r["基本支出"]) for r in back] == list(rows)


def test_api_entry():
    assert api.parse_rows("201\t一般公共服务支出\t0.21\t0.21\t\n", T05)[0]["小计"] == D("0.21")


def test_columns_from_the_row_model():
    from narratives.model import EconRow, Indicator
    rows = parse_rows("301\t工资福利支出\t105.46\n30101\t基本工资\t34.09\n", EconRow)
    assert [EconRow.model_validate(r).amount for r in rows] == [D("105.46"), D("34.09")]
    rows = parse_rows("产出指标\t数量指标\t办案数\t≥40件\t43件\t20\t20\t\n", Indicator)
    assert rows[0]["三级指标"] == "办案数" and rows[0]["得分"] == D("20") and rows[0]["偏差原因"] is None
    assert parse_rows("2040601\t行政运行\t1\t1\t\n", T05Row)[0]["基本支出"] == D("1")
    with pytest.raises(PasteError, match="没有可粘贴的列"):
        parse_rows("1\t2\n", None)


def test_session_paste_rows(yangquan_path):
    from narratives.session import Session
    s = Session.open(yangquan_path)
    before = len(s.get("公开05表.行"))
    assert s.paste_rows("公开05表.行", "2040699\t其他司法支出\t1.50\t\t1.50\n") == 1
    rows = s.get("公开05表.行")
    assert len(rows) == before + 1 and rows[-1].code == "2040699" and rows[-1].project == D("1.50")


def test_names_keep_full_width_brackets():
    rows = parse_rows("20103 政府办公厅（室）及相关机构事务\t1\t1\t\n30303\t退职（役）费\t2\t2\t\n", T05)
    assert [r["科目名称"] for r in rows] == ["政府办公厅（室）及相关机构事务", "退职（役）费"]
