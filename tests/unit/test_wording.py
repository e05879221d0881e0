"""Wording at the edges (spec: domain.md "Wording at the edges"), table-driven."""
from decimal import Decimal as D

import pytest

from narratives.compute import change, completion
from narratives.wording import (Words, change_phrase, chinese_numeral, completion_phrase,
                                deviation_words, join_reason)


class Plain:
    def money(self, value, source=None):
        return f"{value.quantize(D('0.01'))}万元"

    def pct(self, rate, source=None):
        return f"{rate.quantize(D('0.01'), 'ROUND_HALF_UP')}%"


W = Words()


@pytest.mark.parametrize("cur, prior, expected", [
    ("127.80", "151.87", "与上年相比，收入总计减少24.07万元，下降15.85%"),
    ("161.09", "131.31", "与上年相比，收入总计增加29.78万元，增长22.68%"),
    ("5", "5", "收入总计与上年持平"),
    ("0", "0", "收入总计本年度无此项支出"),
    ("36", "0", "收入总计上年无此项支出，本年新增36.00万元"),
    ("0", "10", "与上年相比，收入总计减少10.00万元，下降100.00%"),
])
def test_change_phrase(cur, prior, expected):
    assert change_phrase(change(D(cur), D(prior)), Plain(), W, subject="收入总计") == expected


@pytest.mark.parametrize("cur, prior", [("5", "5"), ("0", "0"), ("36", "0")])
def test_never_a_zero_change_or_a_rate_from_a_zero_base(cur, prior):
    text = change_phrase(change(D(cur), D(prior)), Plain(), W)
    assert "0.00%" not in text and "100.00%" not in text and "增加0" not in text


def test_style_words_replace_the_defaults():
    w = Words(same="与上年相同", lead="较上年")
    assert change_phrase(change(D(1), D(1)), Plain(), w) == "与上年相同"
    assert change_phrase(change(D(2), D(1)), Plain(), w).startswith("较上年增加1.00万元")


@pytest.mark.parametrize("actual, budget, phrase, words", [
    ("127.80", "142.83", "完成年初预算的89.48%", "决算数小于年初预算数"),
    ("161.09", "149.42", "完成年初预算的107.81%", "决算数大于年初预算数"),
    ("36", "0", "年初无预算", "支出未列入年初预算"),  # never "决算数大于…" right after "年初无预算"
    ("12.1", "12.1", "完成年初预算的100.00%", "决算数与年初预算数持平"),
    ("0", "0", "年初无预算", ""),
])
def test_completion_and_deviation(actual, budget, phrase, words):
    c = completion(D(actual), D(budget))
    assert completion_phrase(c, Plain(), W) == phrase
    assert deviation_words(c, W) == words


def test_join_reason_does_not_double_punctuation():
    assert join_reason("主要原因是", "人员调出。") == "主要原因是人员调出。"
    assert join_reason("主要原因是", "  ") == ""


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (13, "十三"), (20, "二十"), (21, "二十一")])
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text


def test_unknown_prior_is_never_worded_as_zero():
    text = change_phrase(change(D(5), None), Plain(), W, subject="收入总计", prior_known=False)
    assert text == "收入总计（上年数未填）"
    # a zero figure with no 上年 is still 本年度无此项
    assert change_phrase(change(D(0), None), Plain(), W, prior_known=False) == "本年度无此项支出"
