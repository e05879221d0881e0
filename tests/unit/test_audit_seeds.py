"""The audit on the published seeds (their known slips, and only rounding besides) and on
juesuan's own rendering of the two samples (nothing sure)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from narratives import api
from narratives.audit import NOTE, ROUNDING, SURE, audit_file, audit_text
from tests.unit.audit_fixtures import SEEDS


def _by(report, kind, sureness=None):
    return [f for f in report.findings if f.kind == kind and (sureness is None or f.sureness == sureness)]


@pytest.fixture(scope="module")
def yangquan_report():
    return audit_file(SEEDS / "yangquan-legal-aid-2024.txt")


@pytest.fixture(scope="module")
def wendeng_report():
    return audit_file(SEEDS / "wendeng-legal-aid-2024.txt")


def test_yangquan_sanggong_rate_is_a_sure_slip_by_the_documents_own_convention(yangquan_report):
    # domain.md: 三公 "减少0.01万元，下降3.12%" from 0.32 → 0.31; half-up of the rounded figures is 3.13%.
    # The 元 amounts could give 3.12%, but every other 变动率/完成率 of the document that could tell
    # (0.43÷4.58=9.39%, 4.15÷5.34=77.72%, …) is the stated figures' computation: the rate is the slip
    rates = _by(yangquan_report, "变动率")
    assert len(rates) == 2 and all(f.sureness == SURE for f in rates)
    assert all(f.section.startswith("九、") for f in rates)
    first = rates[0]
    assert "比上年度减少0.01万元，下降3.12%" in first.sentence
    assert first.stated == "减少0.01万元，下降3.12%" and first.expected == "下降3.13%"
    assert "3.125%" in first.computation and "0.32万元" in first.computation
    # the evidence is said: how many rates tell, examples, and that the shares are not counted
    assert "另有 7 个变动率、完成率" in first.note and "0.43÷4.58=9.39%" in first.note
    assert "4.15÷5.34=77.72%" in first.note and "不到百万分之一" in first.note
    assert "3.125% 恰在中点" in first.note and "占比另有口径：2 处" in first.note


def test_yangquan_self_evaluation_grade(yangquan_report):
    # domain.md: 附件1 总分 80 is 良 by its own scale, the 自评结论 says 优
    [f] = _by(yangquan_report, "绩效等级")
    assert f.sureness == SURE and f.stated == "80分，优" and f.expected == "良"
    assert f.sentence.endswith("自评结果为优")
    assert yangquan_report.exit_status == 1


def test_yangquan_has_only_rounding_findings_besides(yangquan_report):
    assert [f.kind for f in yangquan_report.findings if f.sureness == SURE] == ["变动率", "变动率", "绩效等级"]
    # the rest are shares the unrounded 项目支出 (11.9448万元) explains: 90.65% / 9.35%
    assert {f.kind for f in yangquan_report.findings} == {"变动率", "占比", "绩效等级"}
    shares = {f.stated: f.expected for f in _by(yangquan_report, "占比")}
    assert shares == {"115.86万元，占90.65%": "占90.66%", "11.94万元，占9.35%": "占9.34%"}
    assert len(yangquan_report.findings) <= 6


def test_yangquan_tables_were_read_and_agree(yangquan_report):
    assert yangquan_report.tables_read
    assert not _by(yangquan_report, "表文不符")


def test_wendeng_budget_parts_do_not_add_up(wendeng_report):
    # domain.md: the 项 budgets listed in 五（三） add to 139.42, the total 年初预算 is 149.42
    sums = _by(wendeng_report, "分项之和", SURE)
    assert len(sums) == 1
    f = sums[0]
    assert f.section.startswith("五、")
    assert "年初预算数为149.42万元" in f.sentence
    # the culprit is the list (a budgeted 项 with no spending left out), not the total: the stated
    # completion 107.81% is 161.09 ÷ 149.42 (÷ 139.42 it would be 115.54%), and the 决算 parts add up
    assert f.stated == "所列 6 项年初预算之和139.42万元"
    assert f.expected == "等于年初预算合计149.42万元（补列10.00万元）"
    assert "-10.00万元" in f.computation
    assert "所写完成率 107.81% = 决算 161.09万元 ÷ 合计 149.42万元" in f.computation and "115.54%" in f.computation
    assert "决算分项之和已与决算合计相符，漏列的应是有年初预算而无支出的项" in f.note


def test_wendeng_performance_note(wendeng_report):
    # 十三: 全年预算数10万元, 执行数0万元 — consistent, but worth a 提示
    notes = _by(wendeng_report, "预算未执行", NOTE)
    assert [f.section[:3] for f in notes] == ["十三、"]
    assert "执行数为0万元" in notes[0].sentence


def test_wendeng_zero_base_rates_are_odd_wording_only(wendeng_report):
    # "上级补助收入0万元。与2023年度相比，增加0万元，增长0.00%": both years 0 — nothing
    # contradicts the figures, the words are the template's: a 提示, not a sure slip
    notes = _by(wendeng_report, "持平与零基数")
    subjects = [f.sentence.split("0万元")[0] for f in notes]
    assert subjects == ["2、上级补助收入", "3、事业收入", "4、经营收入", "5、附属单位上缴收入", "6、其他收入",
                        "3、上缴上级支出", "4、经营支出", "5、对附属单位补助支出"]
    assert all(f.sureness == NOTE for f in notes)


def test_wendeng_doubled_word(wendeng_report):
    # a slip the seed has beyond domain.md's list: "2024年度年度区级预算绩效自评"
    [f] = _by(wendeng_report, "重复用字")
    assert f.sureness == SURE and f.stated == "年度年度" and f.section.startswith("十三、")


def test_wendeng_has_nothing_else(wendeng_report):
    kinds = {(f.kind, f.sureness) for f in wendeng_report.findings}
    assert kinds == {("持平与零基数", NOTE), ("分项之和", SURE), ("预算未执行", NOTE), ("重复用字", SURE)}
    assert wendeng_report.exit_status == 1


@pytest.mark.parametrize("sample", ["yangquan", "wendeng"])
def test_rendered_samples_have_nothing_sure(sample, request):
    project = request.getfixturevalue(sample)
    text = api.to_markdown(api.render(project))
    report = audit_text(text, f"{sample}.md")
    assert report.found_part3
    assert report.count(SURE) == 0, [f.to_dict() for f in report.findings if f.sureness == SURE]
    assert all(f.sureness in (ROUNDING, NOTE) for f in report.findings)


def test_rendered_wendeng_lists_the_unspent_item_so_parts_add_up(wendeng):
    report = audit_text(api.to_markdown(api.render(wendeng)))
    assert not _by(report, "分项之和")
    assert report.year == 2024


def test_audit_reads_the_figures_exactly():
    # the seed's 五（三） total: 149.42 is parsed as an exact Decimal, never a float
    report = audit_file(SEEDS / "wendeng-legal-aid-2024.txt")
    f = _by(report, "分项之和")[0]
    assert Decimal(f.stated.removeprefix("所列 6 项年初预算之和").removesuffix("万元")) == Decimal("109.09") + 0 + Decimal("12.1") + Decimal("6.21") \
        + Decimal("1.52") + Decimal("10.5")


def test_rendered_shanghai_sample_has_nothing_to_report():
    from tests.conftest import SAMPLES
    project = api.load(SAMPLES / "shanghai-sample-2024.toml")
    report = audit_text(api.to_markdown(api.render(project)), "shanghai.md")
    assert report.findings == []


@pytest.mark.parametrize("sample,style", [("yangquan", "shandong"), ("wendeng", "shanxi")])
def test_a_style_at_another_budget_level_still_adds_up(sample, style, request):
    # yangquan has budgets by 类, shandong lists 项: the list now goes by the level the budget is
    # entered at (and wendeng's 项 budgets roll up to its 类), so no part-versus-total slip is left
    project = request.getfixturevalue(sample)
    report = audit_text(api.to_markdown(api.render(project, style=style)))
    assert [f for f in report.findings if f.sureness == SURE and f.kind == "分项之和"] == []
    assert "年初预算数为0万元" not in api.to_markdown(api.render(project, style=style)) or sample == "wendeng"

def test_yueyang_scores_name_the_project_table():
    # domain.md: 95.18 in one 自评表, 95.48 in the other and in the report.  Each 总分 is the sum
    # of its own table's 得分 (8.18 + 87 and 8.48 + 87), and the 95.18 table is the project's, not
    # the 部门整体's: no figure contradicts another, so it is a 提示 naming the outnumbered 95.18
    report = audit_file(SEEDS / "yueyang-legal-aid-2023-performance.txt")
    [f] = _by(report, "绩效得分")
    assert f.sureness == NOTE and f.stated == "总分95.18分" and "95.48" in f.expected
    assert "项目支出绩效自评表" in f.sentence
    # each table's rows, read and added: 分值 add to 100, 得分 to the table's own 总分
    assert ("“2023年度部门整体支出绩效自评表”总分 = 预算执行得分 8.48 + 指标得分 87 = 95.48（分值合计 100）"
            in f.computation)
    assert ("“2023年度项目支出绩效自评表”总分 = 预算执行得分 8.18 + 指标得分 87 = 95.18（分值合计 100）"
            in f.computation)
    assert "两表各自相加无误" in f.note
    assert yueyang_sure(SEEDS.joinpath("yueyang-legal-aid-2023-performance.txt").read_text(encoding="utf-8")) == []


def yueyang_sure(text):
    return [f for f in audit_text(text).findings if f.sureness == SURE]


def test_a_self_evaluation_total_its_rows_contradict_is_sure():
    # the project table's 质量指标 scored 8 instead of 9: its rows add to 94.18, its 总分 says 95.18
    text = (SEEDS / "yueyang-legal-aid-2023-performance.txt").read_text(encoding="utf-8")
    at = text.index("2023年度项目支出绩效自评表")
    row = "\t10\n\t9\n\t少数案件"
    assert row in text[at:]
    changed = text[:at] + text[at:].replace(row, "\t10\n\t8\n\t少数案件", 1)
    [f] = yueyang_sure(changed)
    assert (f.kind, f.stated, f.expected) == ("绩效得分", "总分95.18分", "94.18分（各行得分之和）")
    assert "2023年度项目支出绩效自评表" in f.sentence and "指标得分 86 = 94.18" in f.computation
    # the report's score against the 部门整体 table: a sure slip naming both
    report = text.replace("我中心2023年度评价得分95.48分", "我中心2023年度评价得分95.18分")
    [f] = yueyang_sure(report)
    assert (f.stated, f.expected) == ("部门整体得分95.18分", "95.48分")
