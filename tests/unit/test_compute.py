"""Change, share, completion: exact, from unrounded amounts, edge cases as values."""
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from narratives.compute import change, completion, largest_remainder, share, total
from narratives.money import quantize

amounts = st.decimals(min_value=D("-1e8"), max_value=D("1e8"), places=4, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.0001"), max_value=D("1e8"), places=4)


def pct(x):
    return quantize(x, 2)


def test_yangquan_figures():
    # 收入总计 151.87 → 127.80: 减少24.07万元，下降15.85% (published)
    ch = change(D("127.80"), D("151.87"))
    assert ch.kind == "down" and ch.amount == D("-24.07") and pct(ch.rate) == D("-15.85")
    # 项目支出 11.9448 of 127.80 is 9.35%; from the rounded 11.94 it would be 9.34%
    assert pct(share(D("11.9448"), D("127.80")).rate) == D("9.35")
    assert pct(share(D("11.94"), D("127.80")).rate) == D("9.34")
    assert pct(share(D("115.8552"), D("127.80")).rate) == D("90.65")
    # 完成年初预算的89.48%
    assert pct(completion(D("127.80"), D("142.83")).rate) == D("89.48")


def test_wendeng_figures():
    assert pct(change(D("36"), D("10")).rate) == D("260.00")
    assert pct(completion(D("161.09"), D("149.42")).rate) == D("107.81")
    assert pct(share(D("131.07"), D("161.09")).rate) == D("81.36")


def test_yangquan_sangong_half_up_gives_3_13_not_the_published_3_12():
    assert pct(abs(change(D("0.31"), D("0.32")).rate)) == D("3.13")


def test_edge_cases_are_values_not_exceptions():
    assert change(D(0), D(0)).kind == "both_zero" and change(D(0), D(0)).rate is None
    assert change(D(5), D(0)).kind == "new" and change(D(5), D(0)).rate is None
    assert change(D(5), D(5)).kind == "same" and change(D(5), D(5)).rate == 0
    assert change(D(0), D(5)).kind == "down" and pct(change(D(0), D(5)).rate) == D(-100)
    assert change(None, None).kind == "both_zero"
    assert share(D(1), D(0)).rate is None
    assert completion(D(36), D(0)).kind == "no_budget" and completion(D(36), D(0)).rate is None
    assert completion(D(0), D(0)).kind == "none"
    assert completion(D(0), D(10)).kind == "under" and completion(D(0), D(10)).rate == 0


def test_negative_base_keeps_the_direction_of_the_amount():
    # 结余 from −10 to −5 rose by 5: the rate must be positive (+50%), not −50%
    ch = change(D(-5), D(-10))
    assert ch.kind == "up" and ch.rate == D(50)


def test_amounts_up_to_10_to_the_12_yuan():
    big = D("100000000")  # 10^12 元 in 万元
    assert pct(change(big, big - D("0.01")).rate) == D("0.00")
    assert pct(share(big - 1, big).rate) == D("100.00")


@given(amounts, amounts)
def test_prior_plus_change_is_current(cur, prior):
    ch = change(cur, prior)
    assert ch.prior + ch.amount == ch.current


@given(amounts, amounts)
def test_sign_words_follow_the_sign(cur, prior):
    ch = change(cur, prior)
    if ch.kind in ("up", "down"):
        assert (ch.kind == "up") == (cur > prior)
        assert (ch.rate > 0) == (cur > prior)


@given(st.lists(positive, min_size=1, max_size=30))
def test_shares_of_a_complete_breakdown_add_to_100_within_rounding(parts):
    whole = total(parts)
    shown = [pct(share(p, whole).rate) for p in parts]
    # each share is off by at most 0.005 after rounding, so the sum is within n × 0.005
    assert abs(sum(shown) - 100) <= D("0.005") * len(parts)


@given(st.lists(positive, min_size=1, max_size=30))
def test_largest_remainder_adds_to_exactly_100(parts):
    whole = total(parts)
    rates = [share(p, whole).rate for p in parts]
    fixed = largest_remainder(rates)
    assert sum(fixed) == D(100)
    assert all(abs(f - r) < D("0.01") for f, r in zip(fixed, rates))


def test_class_rows_follow_the_year():
    from narratives.model import class_rows
    assert len(class_rows(2024)) == 26 and class_rows(2024)[-1] == "抗疫特别国债安排的支出"
    assert "债务还本支出" not in class_rows(2023) and "抗疫特别国债安排的支出" in class_rows(2023)
    assert "抗疫特别国债安排的支出" not in class_rows(2019)
