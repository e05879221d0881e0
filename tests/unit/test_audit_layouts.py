"""Another province's layout, as a PDF's text layer gives it: the official 上海 2024 template
filled with consistent figures (tests/fixtures/audit/shanghai-style.txt), lines broken mid-
sentence, spaces around figures.  It audits clean; each slip built into it is found."""
from __future__ import annotations

from pathlib import Path

import pytest

from narratives.audit import SURE, audit_file, audit_text

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "audit" / "shanghai-style.txt"


@pytest.fixture(scope="module")
def text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def test_the_filled_template_is_clean():
    report = audit_file(FIXTURE)
    assert report.found_part3 and report.year == 2024
    assert report.findings == []


@pytest.mark.parametrize("old,new,kind,expected", [
    ("增长 25.00%。\n主要原因", "增长 26.00%。\n主要原因", "变动率", "增长25.00%"),   # 200 / 800
    ("占\n90.00%", "占\n91.00%", "占比", "占90.00%"),                                   # a figure after a line break
    ("占 73.68%", "占 73.86%", "占比", "占73.68%"),                                     # 700 / 950
    ("84.21%", "85.21%", "占比", "占84.21%"),                                           # 800 / 本年支出合计 950
    ("占 62.50%；教育", "占 65.20%；教育", "占比", "占62.50%"),
    ("增长 14.29%", "增长 14.30%", "变动率", "增长14.29%"),                             # 100 / 700 = 14.2857
    ("完成年初预算的 97.56%", "完成年初预算的 96.56%", "完成率", "完成97.56%"),         # 800 / 820
    ("完成预算的 80.00%", "完成预算的 85.00%", "完成率", "完成80.00%"),
    ("600.00 万元，主要包括", "610.00 万元，主要包括", "分项之和", "660.00万元（所列分项之和）"),       # 其中：610 + 50 > 650
    # 530 + 300 ≠ 820, and 800 ÷ 820 = 97.56% as stated: the list is wrong, not the total
    ("年初预算为 520.00 万元", "年初预算为 530.00 万元", "分项之和", "等于年初预算合计820.00万元（核减10.00万元）"),
    ("下降 33.33%；公务用", "下降 30.00%；公务用", "变动率", "下降33.33%"),           # 1 / 3, 上年 across a line break
])
def test_each_slip_is_found(text, old, new, kind, expected):
    assert text.count(old) == 1
    findings = audit_text(text.replace(old, new)).findings
    assert [(f.kind, f.sureness, f.expected) for f in findings] == [(kind, SURE, expected)]


def test_an_item_without_its_own_budget_is_not_checked_against_the_totals(text):
    # "…年初预算为10万元，…完成预算的80%，其中：因公出国（境）费决算为2万元，完成预算的50%"
    # states no budget for the item: 2 / 10 would be a false finding
    assert audit_text(text.replace("完成预算的 50.00%", "完成预算的 40.00%")).findings == []


def test_sections_are_known_by_their_titles_not_their_numbers(text):
    # the 上海 template's 三公 is 七 (九 in 山西/山东) and its 总计 is "收入支出总计"
    from narratives.audit.crosscheck import collect_totals
    from narratives.audit.figures import extract
    from narratives.audit.outline import outline
    ol = outline(text)
    totals = collect_totals([(p, extract(p.text, ol.year)) for p in ol.paragraphs])
    values = {key: [str(s.figure.value) for s in found] for key, found in totals.items()}
    assert values["收入总计"] == values["支出总计"] == ["1000.00"]
    assert values["财政拨款收入总计"] == ["850.00"]
    assert values["“三公”经费决算"] == ["8.00"] and values["“三公”经费预算"] == ["10.00"]


def test_a_financial_total_printed_as_0_3(text):
    # the example: 财政拨款 total printed as 0.3万元 while 五 states 800
    findings = audit_text(text.replace("财政拨款收入支出总计 850.00 万元", "财政拨款收入支出总计 0.3 万元")).findings
    assert {(f.kind, f.sureness) for f in findings} == {("合计一致", SURE), ("变动额", SURE)}
    [total] = [f for f in findings if f.kind == "合计一致"]
    assert "一般公共预算财政拨款支出 800.00 万元" in total.sentence
