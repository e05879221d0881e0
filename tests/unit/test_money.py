"""Parsing and formatting amounts: exact Decimal, half-up, the forms clerks type."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from narratives.money import AmountError, format_number, parse_amount, parse_count, quantize


@pytest.mark.parametrize("text, expected", [
    ("1,289.23", Decimal("1289.23")),
    ("1289.23", Decimal("1289.23")),
    ("１，２８９．２３", Decimal("1289.23")),   # full-width digits, comma and point
    ("-3.5", Decimal("-3.5")),
    ("−3.5", Decimal("-3.5")),                  # the minus sign, not a hyphen
    ("(1,234.00)", Decimal("-1234.00")),       # accountants' negative
    ("11.9448万元", Decimal("11.9448")),
    ("119448元", Decimal("11.9448")),           # 元 → 万元 exactly
    (" 127.80 ", Decimal("127.80")),
    (".5", Decimal("0.5")),
    ("161.", Decimal("161")),                  # mid-typing of 161.09
    (7, Decimal(7)),
])
def test_parse_amount_accepts_what_clerks_type(text, expected):
    assert parse_amount(text) == expected


def test_parse_amount_in_yuan_unit_is_exact():
    assert parse_amount("1", unit="元") == Decimal("0.0001")
    assert parse_amount("1000000000000", unit="元") == Decimal("100000000")  # 10^12 元


@pytest.mark.parametrize("text", ["", "-", "——", "—", "无", "  "])
def test_empty_cells_are_none(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", ["1,2x3", "abc", "1.2.3", "12,34", "--5", "1e5", "nan", "inf", "１２万元元"])
def test_bad_amounts_raise_a_chinese_message(text):
    with pytest.raises(AmountError) as exc:
        parse_amount(text)
    assert "不是金额" in str(exc.value) or "范围" in str(exc.value)


def test_amount_beyond_range_is_refused():
    with pytest.raises(AmountError, match="范围"):
        parse_amount("1" + "0" * 20)


def test_float_input_never_keeps_binary_noise():
    assert parse_amount(0.1) == Decimal("0.1")


@pytest.mark.parametrize("value, places, expected", [
    ("0.125", 2, "0.13"), ("0.135", 2, "0.14"), ("2.5", 0, "3"), ("-0.125", 2, "-0.13"),
    ("3.125", 2, "3.13"), ("89.475", 2, "89.48"), ("0.0315", 4, "0.0315"),
])
def test_quantize_rounds_half_up_not_to_even(value, places, expected):
    assert str(quantize(Decimal(value), places)) == expected


@pytest.mark.parametrize("value, kw, expected", [
    ("1289.225", {}, "1,289.23"),
    ("1289.2", {}, "1,289.20"),
    ("12.10", {"trim": True}, "12.1"),
    ("36.00", {"trim": True}, "36"),
    ("1289.2", {"group": False}, "1289.20"),
    ("-0.001", {}, "0.00"),                       # never "-0.00"
    ("0.125", {}, "0.13"),                        # babel alone would give 0.12
    ("123456789.005", {}, "123,456,789.01"),
])
def test_format_number(value, kw, expected):
    assert format_number(Decimal(value), **kw) == expected


@given(st.decimals(min_value=Decimal("-1e8"), max_value=Decimal("1e8"), places=4, allow_nan=False))
def test_format_then_parse_is_the_half_up_quantized_value(d):
    assert parse_amount(format_number(d)) == quantize(d, 2)


@given(st.integers(min_value=0, max_value=10**12))
def test_yuan_amounts_convert_exactly(n):
    assert parse_amount(f"{n}元") * 10000 == n


@pytest.mark.parametrize("text, expected", [("3", 3), ("1辆", 1), ("0", 0), ("", None), ("2.0", 2)])
def test_parse_count(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["-1", "1.5", "x"])
def test_bad_counts(text):
    with pytest.raises(AmountError, match="不是数量"):
        parse_count(text)
