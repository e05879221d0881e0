"""The 待填 marker contract everyone shares (app status line, check, export, audit)."""
from decimal import Decimal

from hypothesis import given, strategies as st

from narratives import api, pending
from narratives.facts import Facts
from narratives.model import Project


def test_marker_shape():
    assert pending.marker("公共安全支出 年初预算") == "【待填：公共安全支出 年初预算】"


def test_find_lists_labels_in_order():
    text = "年初预算为【待填：公共安全支出 年初预算】，上年【待填：三公经费 上年数】。【另】"
    assert pending.find(text) == ["公共安全支出 年初预算", "三公经费 上年数"]
    assert pending.find("收入总计100.00万元。") == []
    assert pending.count(text) == 2


@given(st.text())
def test_any_label_round_trips(label):
    # a typed name with "】" or a line break must not cut the marker short
    found = pending.find("前" + pending.marker(label) + "后")
    assert len(found) == 1
    assert found[0] == " ".join(label.replace("】", "］").split())


def test_pattern_is_the_marker():
    assert pending.PATTERN.fullmatch(pending.marker("公务用车保有量"))


def test_unentered_class_budget_is_a_placeholder_not_zero(yangquan):
    # the 类 budgets are all entered in the sample; blank one and its sentence must show the gap
    p = yangquan.model_copy(deep=True)
    p.budget.by_func = {k: v for k, v in p.budget.by_func.items() if not k.startswith("204")}
    p.budget.general_expense = Decimal("100")
    text = api.to_text(api.render(p, section="五"))
    assert "【待填：公共安全支出 年初预算】" in text
    assert "公共安全支出年初预算0" not in text and "年初无预算" not in text
