"""The shanghai style, written from the official 2024 template: every section, every sentence
filled, its rules ("如持平作持平表述", "不涉及的不列", "无…的部门，作下述说明") applied.

Expected figures are computed by hand from samples/shanghai-sample-2024.toml (see each test)."""
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from narratives import api
from narratives.styles import load as load_style

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "shanghai-sample-2024.toml"

TITLES = [
    "收入支出决算总体情况说明", "收入决算情况说明", "支出决算情况说明", "财政拨款收入支出决算总体情况说明",
    "一般公共预算财政拨款支出决算情况说明", "一般公共预算财政拨款基本支出决算情况说明",
    "财政拨款“三公”经费支出决算情况说明", "政府性基金预算财政拨款收入支出决算情况说明",
    "国有资本经营预算财政拨款收入支出决算情况说明", "预算绩效管理情况", "其他重要事项的情况说明",
]

# the task's residue list: placeholders and alternatives of the official template, empty values
RESIDUE = ["XX", "（增加）", "（减少）", "大于（小于）", "小于（大于）", "增加（减少）", "减少（增加）",
           "增长（下降）", "下降（增长）", "None", "nan", "万元万元", "，。", "。。", "为万元", "；。",
           "占%", "的%", "支出万元", "收入万元", "（类）万元", "团组个", "共有车辆辆", "。）", "：："]


@pytest.fixture
def shanghai():
    return api.load(SAMPLE)


def text_of(project, section=None, style=None):
    return api.to_text(api.render(project, style=style, section=section))


def section(project, number):
    return text_of(project, number)


def assert_clean(text):
    found = [r for r in RESIDUE if r in text]
    assert not found, f"residue {found} in:\n{text}"


def test_every_section_of_the_template_in_order(shanghai):
    doc = api.render(shanghai)
    assert doc.style == "shanghai"
    assert [s.title for s in doc.sections] == TITLES
    assert [s.number for s in doc.sections] == list("一二三四五六七八九十") + ["十一"]
    assert doc.title == "第三部分 上海市申江区司法局2024年度部门决算情况说明"
    assert all(s.paragraphs for s in doc.sections)


def test_no_placeholder_residue_or_empty_figure(shanghai):
    text = text_of(shanghai)
    assert_clean(text)
    md = api.to_markdown(api.render(shanghai))
    assert_clean(md)


def test_overall_and_fiscal_figures(shanghai):
    one = section(shanghai, "一")
    # 5,887.48 − 5,620.35 = 267.13; 267.13 / 5,620.35 = 4.7529…% → 4.75%
    assert "上海市申江区司法局2024年度收入支出总计5,887.48万元。" in one
    assert "与2023年度相比，收入支出总计增加267.13万元，增长4.75%。主要原因：一是社区矫正" in one
    four = section(shanghai, "四")
    # 5,863.88 − 5,598.12 = 265.76; / 5,598.12 = 4.7473…% → 4.75%
    assert "财政拨款收入支出总计5,863.88万元。与2023年度相比，财政拨款收入支出总计增加265.76万元，增长4.75%。" in four


def test_income_and_expense_list_only_what_is_there(shanghai):
    two = section(shanghai, "二")
    # 5,863.88 / 5,887.48 = 99.599…% ; 23.60 / 5,887.48 = 0.4008…%
    assert "本年收入合计5,887.48万元，其中：财政拨款收入5,863.88万元，占99.60%；其他收入23.60万元，占0.40%。" in two
    assert "事业收入" not in two and "经营收入" not in two  # 不涉及的不列
    three = section(shanghai, "三")
    assert "基本支出4,342.63万元，占73.76%；项目支出1,544.85万元，占26.24%。" in three
    assert "经营支出" not in three


def test_general_expense_item_by_item(shanghai):
    five = section(shanghai, "五")
    # 5,795.18 / 5,887.48 = 98.432…% ; 5,795.18 − 5,546.12 = 249.06 ; / 5,546.12 = 4.4907…%
    assert "一般公共预算财政拨款支出5,795.18万元，占本年支出合计的98.43%。" in five
    assert "增加249.06万元，增长4.49%。" in five
    assert "公共安全支出（类）4,668.01万元，占80.55%；" in five
    # 5,795.18 / 5,882.30 = 98.518…%
    assert "年初预算为5,882.30万元，支出决算为5,795.18万元，完成年初预算的98.52%。决算数小于预算数的主要原因：" in five
    assert ("3、公共安全支出（类）司法（款）基层司法业务（项）。主要用于：街镇司法所规范化建设和人民调解工作。"
            "年初预算为450.00万元，支出决算为486.30万元。决算数大于预算数的主要原因：年中追加人民调解员以案定补经费。") in five
    # 持平: the 持平 words and no reason
    assert "年初预算为55.00万元，支出决算为55.00万元。决算数与预算数持平。\n" in five
    # a 项 with a budget and no spending is still explained
    assert "一般行政管理事务（项）。主要用于：机关一般行政管理事务。年初预算为20.00万元，支出决算为0.00万元。决算数小于预算数" in five
    # every 项 with spending or a budget, numbered 1…11
    assert "11、住房保障支出（类）住房改革支出（款）购房补贴（项）" in five and "12、" not in five
    # the fund's 项 budgets are kept apart: never listed under 一般公共预算
    assert "彩票公益金" not in five


def test_basic_expense_names_the_economic_items(shanghai):
    six = section(shanghai, "六")
    assert "一般公共预算财政拨款基本支出4,342.63万元。其中：人员经费3,730.23万元，主要包括：基本工资、津贴补贴、奖金、" in six
    assert "；公用经费612.40万元，主要包括：办公费、印刷费、" in six and six.rstrip().endswith("办公设备购置。")


def test_sangong_statistics(shanghai):
    seven = section(shanghai, "七")
    # budget 79.00, actual 70.53: 89.278…% ; 9.86/12 = 82.17% ; 57.47/63 = 91.22% ; 3.20/4 = 80.00%
    assert ("“三公”经费财政拨款支出年初预算为79.00万元，支出决算为70.53万元，完成预算的89.28%，其中：因公出国（境）费决算为9.86万元，"
            "完成预算的82.17%；公务用车购置及运行维护费支出决算为57.47万元，完成预算的91.22%；公务接待费支出决算为3.20万元，完成预算的80.00%。") in seven
    assert "2024年度“三公”经费支出决算数小于预算数的主要原因：严格执行中央八项规定精神" in seven
    # prior 73.34: −2.81, −3.831…% ; abroad 6.40 → 9.86: +3.46, +54.0625% ; car 63.74 → 57.47: −6.27, −9.836…%
    assert "2024年度“三公”经费财政拨款支出决算数比2023年度减少2.81万元，下降3.83%，其中：" in seven
    assert "因公出国（境）费支出决算增加3.46万元，增长54.06%；公务用车购置及运行维护费支出决算减少6.27万元，下降9.84%；公务接待费支出决算与2023年度持平。" in seven
    assert "因公出国（境）费支出增加的主要原因是恢复开展与境外司法机构的交流考察。" in seven
    assert "公务接待费支出增加的主要原因" not in seven and "公务接待费支出减少的主要原因" not in seven  # 持平
    # shares of 70.53: 13.980…%, 81.482…%, 4.537…%
    assert "因公出国（境）费支出决算9.86万元，占13.98%；公务用车购置及运行维护费支出决算57.47万元，占81.48%；公务接待费支出决算3.20万元，占4.54%。" in seven
    assert "全年安排因公出国（境）团组2个、累计7人次。开支内容包括：" in seven
    assert "公务用车购置支出为24.35万元。主要用于更新一辆已达报废年限的执法执勤用车，共购置公务用车1辆。" in seven
    assert "公务用车保有量为14辆。" in seven
    assert "国内公务接待支出3.20万元（含外宾接待支出0.85万元）。" in seven
    assert "共接待46批次、398人次，其中：接待外宾3批次、21人次。" in seven


def test_fund_and_capital_item_by_item(shanghai):
    eight = section(shanghai, "八")
    assert "政府性基金预算财政拨款收入60.50万元，支出60.50万元，支出具体情况如下：" in eight
    assert ("2、其他支出（类）彩票公益金安排的支出（款）用于法律援助的彩票公益金支出（项）。主要用于：中央专项彩票公益金法律援助项目案件补贴。"
            "年初预算为45.00万元，支出决算为48.00万元。决算数大于预算数的主要原因：年中追加") in eight
    assert ("1、其他支出（类）彩票公益金安排的支出（款）用于社会福利的彩票公益金支出（项）。主要用于：安置帮教对象临时救助。"
            "年初预算为12.50万元，支出决算为12.50万元。决算数与预算数持平。\n") in eight
    nine = section(shanghai, "九")
    assert "国有资本经营预算财政拨款收入8.20万元，支出8.20万元，支出具体情况如下：" in nine
    assert "年初预算为10.00万元，支出决算为8.20万元。决算数小于预算数的主要原因：退休人员人数减少。" in nine


def test_performance_counts_score_and_grades(shanghai):
    ten = section(shanghai, "十")
    assert "本部门建立了如下预算绩效管理制度：《上海市申江区司法局预算绩效管理实施办法》" in ten
    assert "的预算绩效管理工作机制；全过程绩效管理实施情况：编报绩效目标的2024年度项目18个，涉及预算金额1,452.55万元；" in ten
    assert "绩效自评的2024年度项目18个，涉及预算金额1,452.55万元，平均得分92.36分（其中，绩效评级为“优”的项目12个；" in ten
    assert "绩效评级为“合格”的项目1个；绩效评级为“不合格”的项目0个。绩效自评中共发现问题6个，已经完成整改的4个，正在整改的2个）。" in ten


def test_other_matters(shanghai):
    eleven = section(shanghai, "十一")
    # 612.40 − 645.82 = −33.42 ; / 645.82 = −5.1748…%
    assert "机关运行经费支出612.40万元，比2023年度减少33.42万元，下降5.17%。主要原因是严格落实过紧日子要求" in eleven
    assert "政府采购金额（以合同签订为准）为958.75万元，其中：货物采购金额186.40万元、工程采购金额52.00万元、服务采购金额720.35万元。" in eleven
    assert "面向中小企业预留政府采购项目预算金额480.00万元，面向小微企业预留政府采购项目预算金额260.00万元。" in eleven
    assert "由中小企业供应商中标或成交的，采购金额452.30万元；" in eleven and "采购金额210.15万元。" in eleven
    assert ("共有车辆14辆，其中：部级领导干部用车0辆、主要领导干部用车1辆、机要通信用车1辆、应急保障用车2辆、执法执勤用车6辆、"
            "特种专业技术用车1辆、离退休干部用车1辆、其他用车2辆。单价100万元（含）以上设备（不含车辆）1台（套）。") in eleven


def test_units_without_fund_capital_sangong_or_running_cost(shanghai):
    """无…的部门，作下述说明: one sentence each, nothing else, no residue."""
    p = shanghai.model_copy(deep=True)
    p.unit.kind = "事业单位"
    p.t07.rows, p.t07.total.income, p.t07.total.expense = [], D(0), D(0)
    p.t08.rows, p.t08.total.total = [], D(0)
    p.t04.income.pop("政府性基金预算财政拨款")
    p.t04.income.pop("国有资本经营预算财政拨款")
    for side in (p.t09.actual, p.t09.budget, p.prior.sangong):
        for name in ("abroad", "car_purchase", "car_running", "reception", "car_subtotal", "total"):
            setattr(side, name, D(0))
    text = text_of(p)
    assert_clean(text)
    assert "上海市申江区司法局2024年度无“三公”经费财政拨款支出。" in text
    assert "上海市申江区司法局2024年度无政府性基金预算财政拨款收入和支出。" in text
    assert "上海市申江区司法局2024年度无国有资本经营预算财政拨款收入和支出。" in text
    assert "上海市申江区司法局2024年度无机关运行经费支出。" in text
    assert "团组" not in text  # the 三公 details are not written for a unit without 三公


def test_same_as_last_year_is_said_as_such_without_a_reason(shanghai):
    p = shanghai.model_copy(deep=True)
    p.prior.grand_income = p.prior.grand_expense = D("5887.48")
    p.t10.running_cost = D("645.82")
    one, eleven = section(p, "一"), section(p, "十一")
    assert "收入支出总计与2023年度持平。" in one and "主要原因" not in one
    assert "机关运行经费支出645.82万元，与2023年度持平。" in eleven
    assert "0.00%" not in one + eleven


def test_no_reason_given_leaves_no_dangling_words(shanghai):
    p = shanghai.model_copy(deep=True)
    p.notes.clear()
    text = text_of(p)
    assert_clean(text)
    assert "主要原因：。" not in text and "主要用于：。" not in text and "开支内容包括：。" not in text
    assert "主要原因是。" not in text and "主要用于，" not in text


def test_glossary_is_the_templates_part_four():
    g = load_style("shanghai").settings.glossary
    assert len(g) == 11
    assert g[0].startswith("财政拨款收入：指单位本年度从本级财政部门取得的财政拨款")
    assert g[-1].startswith("机关运行经费：指行政单位和参照公务员法管理的事业单位")
    assert all("XX" not in x for x in g)


def test_the_sample_is_consistent(shanghai):
    """01 = 02 = 03 totals; 04 = 05 + 07 + 08; 06 = 05 基本支出; 三公 合计 = its items."""
    p = shanghai
    assert p.t01.income_sum() == p.t01.expense_sum() == p.t02.total.total == p.t03.total.total
    assert p.t04.expense_total.sum() == p.t05.total.sum() + p.t07.total.expense + p.t08.total.total
    assert p.t06.personnel_sum() + p.t06.public_sum() == p.t05.total.basic
    assert p.t09.actual.sum() == p.t09.actual.abroad + p.t09.actual.car_purchase + p.t09.actual.car_running + p.t09.actual.reception
    assert p.t10.vehicles_sum() == sum(p.t10.vehicles.values()) == p.sangong.cars_kept
    assert len(p.t10.vehicles) == 8
    for rows in (p.t05.rows, p.t03.rows):
        for r in (r for r in rows if r.level == 1):
            kids = [c for c in rows if c.level == 3 and c.code.startswith(r.code)]
            assert sum((c.sum() if hasattr(c, "sum") else c.total) for c in kids) == (r.sum() if hasattr(r, "sum") else r.total)


amounts = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(current=amounts, prior=amounts, budget=amounts)
def test_any_amounts_give_clean_sentences(current, prior, budget):
    """Whatever the 机关运行经费, 三公 接待费 and 项 figures, no residue, no rate of a zero base, and
    the direction word follows the sign."""
    p = api.load(SAMPLE)
    p.t10.running_cost, p.prior.running_cost = current, prior
    p.t09.actual.reception, p.prior.sangong.reception, p.t09.budget.reception = current, prior, budget
    p.t09.actual.total = p.t09.budget.total = p.prior.sangong.total = None  # recomputed from items
    p.budget.by_func["2040604 基层司法业务"] = budget
    text = text_of(p)
    assert_clean(text)
    eleven = text.split("十一、")[1]
    if current > prior > 0:
        assert "比2023年度增加" in eleven
    elif prior > current:
        assert "比2023年度减少" in eleven
    elif current == prior and current > 0:
        assert "与2023年度持平" in eleven
    assert "增长100.00%" not in eleven or prior > 0


@pytest.mark.parametrize("cur, prior, word", [
    ("9.86", "6.40", "增加"), ("57.47", "63.74", "减少"), ("3.20", "3.20", ""), ("0", "0", ""),
    ("5", "0", "增加"), ("0", "5", "减少"),
])
def test_change_word_is_the_direction_alone(cur, prior, word):
    from narratives.compute import change
    from narratives.wording import Words, change_word
    assert change_word(change(D(cur), D(prior)), Words()) == word
    assert change_word(change(D(cur), D(prior)), Words(up="上升", down="降低")) == \
        {"增加": "上升", "减少": "降低", "": ""}[word]


@pytest.mark.parametrize("sample, sangong", [
    ("yangquan-legal-aid-2024", "因公出国（境）费本年度无此项支出"),  # only 公务用车运行维护费
    ("wendeng-legal-aid-2024", "威海市文登区法律援助中心2024年度无“三公”经费财政拨款支出。"),
])
def test_the_other_samples_render_clean_in_the_shanghai_style(sample, sangong):
    """Units with no 三公 abroad/reception, no fund, no capital, counts left empty: no residue,
    no rate where budget and 决算 are both 0, no "0个" written for a count nobody entered."""
    project = api.load(ROOT / "samples" / f"{sample}.toml")
    text = text_of(project, style="shanghai")
    assert_clean(text)
    assert "无预算" not in text.split("七、")[1].split("八、")[0]
    assert "编报绩效目标" not in text and "发现问题" not in text  # not entered in these samples
    assert sangong in text


def test_a_unit_without_reception_gets_one_short_line(shanghai):
    p = shanghai.model_copy(deep=True)
    p.t09.actual.reception = p.t09.budget.reception = p.prior.sangong.reception = D(0)
    p.t09.actual.total = p.t09.budget.total = None
    p.sangong.domestic.amount = p.sangong.foreign_guests.amount = D(0)
    p.sangong.domestic.batches = p.sangong.domestic.persons = 0
    seven = section(p, "七")
    assert_clean(seven)
    assert "3、公务接待费支出0.00万元。\n" in seven
    assert "公务接待费支出决算为0.00万元。" in seven and "公务接待费本年度无此项支出" in seven
