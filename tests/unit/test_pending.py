"""The 待填 marker contract everyone shares (app status line, check, export, audit)."""
import re
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


# ---------------------------------------------------------------- labels as a clerk says them
# Labels used to be the source path with spaces ("公开03表 合计 基本支出"); a clerk says the thing
# first and the table after it.  Each expectation is written by hand.
SAID = {
    "公开03表 合计 基本支出": "基本支出合计（公开03表）",
    "公开07表 合计 本年支出": "本年支出合计（公开07表）",
    "公开05表 合计": "合计（公开05表）",
    "公开09表 决算数 公务接待费": "公务接待费决算数（公开09表）",
    "公开09表 决算数 合计": "“三公”经费合计决算数（公开09表）",
    "公开10表 车辆 执法执勤用车": "执法执勤用车数（公开10表）",
    "公开10表 车辆·其他用车": "其他用车数（公开10表）",
    "公开10表 政府采购 货物": "政府采购货物（公开10表）",
    "公开04表 收入 国有资本经营预算财政拨款": "国有资本经营预算财政拨款收入（公开04表）",
    "三公明细 国内接待 批次": "国内接待批次（三公明细）",
    "预算绩效 自评项目数": "自评项目数（预算绩效）",
    "公开05表 2040501 行政运行": "2040501 行政运行（公开05表）",
    # not starting with a table: as written
    "一般公共服务支出 年初预算": "一般公共服务支出 年初预算",
    "本年支出合计": "本年支出合计",
    "公开01表": "公开01表",
}


def test_labels_read_as_a_clerk_says_them():
    for raw, said in SAID.items():
        assert pending.readable(raw) == said, raw
        assert pending.readable(said) == said  # a style may already write the readable form
        assert pending.place_of(said) == (raw.split()[0] if said != raw else None)


@given(st.text(alphabet="公开0123表 合计基本支出三公明细·（）", max_size=20))
def test_readable_is_idempotent(label):
    once = pending.readable(label)
    assert pending.readable(once) == once


def test_rendered_labels_name_rows_by_code_and_tables_last(yangquan):
    """Every marker of a blanked sample is readable: no source path left ("公开05表 …（类）…（款）"),
    a 项 named with its code (names such as 行政运行 recur under many 款)."""
    p = yangquan.model_copy(deep=True)
    p.t05.rows[-1].total = None
    for r in p.t05.rows:
        r.total = None
    p.budget.by_func = {}
    p.t03.total.basic = None
    # shandong lists the 项 (the yangquan sample's own style lists 类 only)
    labels = pending.in_document(api.render(p, style="shandong"))
    assert labels and "基本支出合计（公开03表）" in labels
    for label in labels:
        assert not label.startswith(("公开0", "公开10", "三公明细 ", "预算绩效 ")), label
        assert "（类）" not in label and "（款）" not in label, label
    assert any(re.fullmatch(r"\d{7} \S+（公开05表）", x) for x in labels), labels


def test_a_count_not_entered_names_its_input_not_its_unit(yangquan):
    """count(n, "个") with no label wrote 【待填：个】: the 预算绩效 counts now say what to fill."""
    from narratives.model.performance import Tier
    p = yangquan.model_copy(deep=True)
    p.performance.tiers = [Tier.model_validate({"级次": "一级项目", "资金性质": "一般公共预算"})]
    labels = pending.in_document(api.render(p, style="shanxi"))
    assert "一级项目数（预算绩效）" in labels
    assert not {"个", "辆", "批次", "人次"} & set(labels)
