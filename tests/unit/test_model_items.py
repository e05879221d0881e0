"""What real documents say that the model could not (issue 13, item 3): golden sentences, written
from the seeds' own wording where they have it (阳泉 shanxi, 文登 shandong; copied here so the tests
need no ../shared) and from the 上海 2024 official template otherwise."""
from __future__ import annotations

import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from narratives import api
from narratives.model import SanGong
from narratives.styles import bundled_dir

ROOT = Path(__file__).resolve().parents[2]
Z = D(0)
_cache: dict = {}


def sample(name: str):
    if name not in _cache:
        _cache[name] = api.load(ROOT / "samples" / f"{name}.toml")
    return _cache[name].model_copy(deep=True)


def text(p, section, style=None, templates=()):
    return api.to_text(api.render(p, style=style, section=section, templates=templates))


def style_with(tmp_path: Path, base: str, settings: str) -> tuple[str, tuple[str, ...]]:
    """A copy of a bundled style with top-level settings replaced/added (``key = value`` lines)."""
    d = tmp_path / "styles" / f"{base}-test"
    shutil.copytree(bundled_dir() / base, d)
    toml = (d / "style.toml").read_text(encoding="utf-8")
    lines = toml.splitlines()
    for line in settings.strip().splitlines():
        key = line.split("=")[0].strip()
        lines = [ln for ln in lines if ln.split("=")[0].strip() != key]
        lines.insert(next(i for i, ln in enumerate(lines) if ln.startswith("glossary")), line)
    toml = "\n".join(lines).replace('name = "' + base + '"', f'name = "{base}-test"')
    (d / "style.toml").write_text(toml + "\n", encoding="utf-8")
    return f"{base}-test", (str(tmp_path / "styles"),)


# ---------------------------------------------------------------- zero rows in 收入/支出 lists
def test_shanxi_honours_list_zero_rows(tmp_path):
    p = sample("yangquan-legal-aid-2024")
    # as published (list_zero_rows = false): "财政拨款收入127.80万元，占比100.00%。" alone
    two = text(p, "二")
    assert "财政拨款收入127.80万元，占比100.00%。" in two and "事业收入" not in two
    style, folders = style_with(tmp_path, "shanxi", "list_zero_rows = true")
    two, three = text(p, "二", style, folders), text(p, "三", style, folders)
    assert "财政拨款收入127.80万元，占比100.00%；" in two
    assert "上级补助收入0万元，占比0.00%；" in two and "其他收入0万元，占比0.00%。" in two
    assert "上缴上级支出0万元，占比0.00%；" in three and "对附属单位补助支出0万元，占比0.00%。" in three


def test_shanghai_honours_list_zero_rows(tmp_path):
    p = sample("shanghai-sample-2024")
    assert "经营收入" not in text(p, "二")  # （不涉及的不列）
    style, folders = style_with(tmp_path, "shanghai", "list_zero_rows = true")
    assert "经营收入0.00万元，占0.00%" in text(p, "二", style, folders)


def test_shandong_lists_zero_rows_as_wendeng_publishes():
    # 文登: "3、事业收入0万元。" — with the 持平 words instead of its published slip "增加0万元，增长0.00%"
    two = text(sample("wendeng-legal-aid-2024"), "二")
    assert "3、事业收入0万元。" in two and "增长0.00%" not in two


# ---------------------------------------------------------------- 三公 edge wording
def _no_spending_but_budget(p):
    p.t09.actual = SanGong(abroad=Z, car_purchase=Z, car_running=Z, reception=Z, car_subtotal=Z, total=Z)
    p.prior.sangong = SanGong(abroad=Z, car_purchase=Z, car_running=Z, reception=Z, car_subtotal=Z, total=Z)
    p.sangong.cars_kept = p.sangong.cars_bought = p.sangong.groups = p.sangong.travellers = 0
    return p


def test_sangong_budget_without_spending_shanghai():
    t = text(_no_spending_but_budget(sample("shanghai-sample-2024")), "七")
    # 上海 template: "上海市 XX 局 2024 年度无“三公”经费财政拨款支出。" and the budget sentence
    assert "上海市申江区司法局2024年度无“三公”经费财政拨款支出。“三公”经费财政拨款支出年初预算为79.00万元，" \
           "决算数小于预算数的主要原因：" in t
    assert "占；" not in t and "支出决算为0.00万元" not in t and "本年度无此项支出" not in t


def test_sangong_budget_without_spending_shanxi_and_shandong():
    p = _no_spending_but_budget(sample("shanghai-sample-2024"))
    sx = text(p, "九", "shanxi")
    assert "2024年度无“三公”经费财政拨款支出，全年预算79.00万元。" in sx
    assert "完成全年预算的0.00%" not in sx
    sd = text(p, "九", "shandong")
    assert "完成预算的0%" not in sd and "“三公”经费支出本年度无此项支出" not in sd


def _new_reception(p):
    p.prior.sangong.reception = Z
    p.prior.sangong.abroad = Z
    p.prior.sangong.total = D("63.74")
    p.t09.actual.abroad = Z
    p.t09.actual.total = D("60.67")
    del p.notes["因公出国(境)费"]
    return p


def test_sangong_new_item_and_both_zero_shanghai():
    t = text(_new_reception(sample("shanghai-sample-2024")), "七")
    assert "2024年度“三公”经费财政拨款支出决算数比2023年度减少3.07万元，下降4.82%，其中：" \
           "因公出国（境）费本年度无此项支出；公务用车购置及运行维护费支出决算减少6.27万元，下降9.84%；" \
           "公务接待费上年无此项支出，本年新增3.20万元。" in t
    assert "支出决算上年无此项" not in t and "支出决算本年度无此项" not in t


def test_sangong_new_item_shanxi():
    t = text(_new_reception(sample("shanghai-sample-2024")), "九", "shanxi")
    assert "公务接待费支出3.20万元，完成全年预算的80.00%，上年无此项支出，本年新增3.20万元。" in t
    assert "因公出国（境）费支出0万元，完成全年预算的0.00%，本年度无此项支出；" in t


def test_sangong_total_both_years_zero_never_reads_on_the_label():
    p = _no_spending_but_budget(sample("shanghai-sample-2024"))
    p.t09.budget = SanGong(abroad=Z, car_purchase=Z, car_running=Z, reception=Z, car_subtotal=Z, total=Z)
    t = text(p, "七")
    assert t.strip().endswith("上海市申江区司法局2024年度无“三公”经费财政拨款支出。")
    assert "支出决算数本年度无此项支出" not in t


# ---------------------------------------------------------------- a reason where the figure is 持平
def test_shanxi_gives_the_reason_for_no_spending_as_yangquan_does():
    # 阳泉: "因公出国（境）费支出0万元，与上年相同，主要原因是：2024年度本单位无因公出国（境）支出；"
    p = sample("yangquan-legal-aid-2024")
    from narratives.model import Explanation
    p.notes["因公出国(境)费"] = Explanation(reason="2024年度本单位无因公出国（境）支出")
    t = text(p, "九")
    assert "因公出国（境）费支出0万元，本年度无此项支出，主要原因是：2024年度本单位无因公出国（境）支出；" in t


def test_shanghai_does_not_explain_a_same_figure():
    # 上海 template: "（如持平作持平表述）" — no reason after 持平
    p = sample("shanghai-sample-2024")
    p.prior.grand_income = p.prior.grand_expense = p.t01.grand_income_sum()
    one = text(p, "一")
    assert "收入支出总计与2023年度持平。" in one and "主要原因" not in one


# ---------------------------------------------------------------- a 款 inside a 类 paragraph
def test_a_kuan_with_its_usage_is_named_in_its_lei_paragraph():
    from narratives.model import Explanation, T05Row
    p = sample("yangquan-legal-aid-2024")
    # 208 社会保障和就业支出 (14.59) gets a 款 20808 抚恤 of 2.00 beside 20805 (12.59)
    rows = p.t05.rows
    i = next(n for n, r in enumerate(rows) if r.code == "20805")
    rows[i].total = D("12.59")
    rows.insert(i + 1, T05Row(code="20808", name="抚恤", total=D("2.00"), basic=D("2.00")))
    p.notes["20808"] = Explanation(usage="死亡抚恤")
    t = text(p, "五")
    assert ("社会保障和就业支出年初预算18.43万元，支出决算14.59万元，完成年初预算的79.16%，"
            "用于人员养老保险缴费支出和职业年金缴费支出，其中：抚恤2.00万元，主要用于死亡抚恤。") in t
    # a 款 without a 主要用于 is not named (the 类 paragraph stays as published)
    del p.notes["20808"]
    assert "抚恤2.00万元" not in text(p, "五")


# ---------------------------------------------------------------- 预算绩效 in tiers, 部门评价
def _tiers(p):
    from narratives.model import KeyEvaluation, Tier
    perf = p.performance
    perf.tiers = [Tier(tier="一级项目", count=1, amount=D("11.9448"), fund="一般公共预算"),
                  Tier(tier="二级项目", count=2, amount=D("11.9448"), fund="一般公共预算")]
    perf.grades = {"优": 0, "良": 2, "中": 0, "差": 0}
    perf.key = [KeyEvaluation(name="法律援助业务经费", amount=D("11.9448"), score=D("78"), grade="中",
                              measures="加强宣传力度，提高培训质量，开展监督检查。")]
    return p


def test_shanxi_prints_tiers_zero_grades_and_the_department_evaluation():
    t = text(_tiers(sample("yangquan-legal-aid-2024")), "十")
    assert ("2024年一级项目绩效自评个数1个，涉及一般公共预算资金11.94万元；二级项目绩效自评个数2个，"
            "涉及一般公共预算资金11.94万元，0个项目自评等级为“优”，2个项目自评等级为“良”，"
            "0个项目自评等级为“中”，0个项目自评等级为“差”。") in t
    assert ("2024年开展部门评价项目1个：法律援助业务经费，涉及资金11.94万元，评价等级为“中”，"
            "整改措施：加强宣传力度，提高培训质量，开展监督检查。") in t


def test_shanxi_as_published_without_tiers():
    # 阳泉: "2024年二级项目绩效自评个数1个，涉及资金11.94万元，1个项目自评等级为“良”。"
    t = text(sample("yangquan-legal-aid-2024"), "十")
    assert "2024年二级项目绩效自评个数1个，涉及资金11.94万元，1个项目自评等级为“良”。" in t
    assert "部门评价" not in t


def test_a_good_grade_prints_no_measures():
    p = _tiers(sample("yangquan-legal-aid-2024"))
    p.performance.key[0].grade = "优"
    t = text(p, "十")
    assert "评价等级为“优”。" in t and "整改措施" not in t


def test_shandong_department_evaluation_with_measures():
    # 文登: "（三）重点绩效评价结果。法律援助经费项目，绩效评价得分为97.59分，等级为优。"
    p = sample("wendeng-legal-aid-2024")
    t = text(p, "十三")
    assert "（三）重点绩效评价结果。法律援助经费项目，绩效评价得分为97.59分，等级为优。" in t
    assert "整改措施" not in t
    k = p.performance.key[0]
    k.grade, k.measures = "差", "下一年度编制预算时合理设定年度指标值"
    assert "等级为差。整改措施：下一年度编制预算时合理设定年度指标值。" in text(p, "十三")


# ---------------------------------------------------------------- vehicles, 政府采购 shares
def test_shanxi_lists_other_vehicles_even_at_zero_as_yangquan_does():
    # 阳泉: "其中：机要通信用车1辆，其他用车0辆" — its 10表 leaves 其他用车 blank beside 车辆数合计 1
    p = sample("yangquan-legal-aid-2024")
    assert "其他用车" not in p.t10.vehicles
    assert "其中：机要通信用车1辆，其他用车0辆。" in text(p, "十")
    p.t10.vehicles, p.t10.vehicles_total = {}, None     # nothing entered: not known to be 0
    assert "其他用车【待填：其他用车数（公开10表）】。" in text(p, "十")
    p.t10.vehicles = {"机要通信用车": 1}
    p.t10.vehicles["执法执勤用车"] = 0   # an entered 0 of a kind the style does not list: left out
    assert "执法执勤用车" not in text(p, "十")


def test_shanghai_lists_all_eight_kinds_with_its_labels():
    t = text(sample("shanghai-sample-2024"), "十一")
    assert "其中：部级领导干部用车0辆、主要领导干部用车1辆、机要通信用车1辆" in t and "其他用车2辆" in t


def test_procurement_shares_where_the_style_prints_them(tmp_path):
    p = sample("shanghai-sample-2024")
    p.procurement.sme, p.procurement.micro = D("100"), D("40")
    whole = p.t10.purchase.sum()
    assert "占政府采购支出总额" not in text(p, "十", "shanxi")   # 阳泉 does not print it
    d = tmp_path / "styles" / "shanxi-shares"
    shutil.copytree(bundled_dir() / "shanxi", d)
    toml = (d / "style.toml").read_text(encoding="utf-8")
    toml = toml.replace('name = "shanxi"', 'name = "shanxi-shares"').replace(
        "procurement_shares = false", "procurement_shares = true")
    (d / "style.toml").write_text(toml, encoding="utf-8")
    t = text(p, "十", "shanxi-shares", (str(tmp_path / "styles"),))
    from narratives.compute import share
    r1 = share(D("100"), whole).rate.quantize(D("0.01"), rounding="ROUND_HALF_UP")
    r2 = share(D("40"), whole).rate.quantize(D("0.01"), rounding="ROUND_HALF_UP")
    assert (f"政府采购授予中小企业合同金额100.00万元，占政府采购支出总额的{r1}%，"
            f"其中：授予小微企业合同金额40.00万元，占政府采购支出总额的{r2}%。") in t


def test_shanxi_gives_a_reason_for_a_class_that_is_level_with_last_year():
    # 阳泉: "…用于其他事务组织、党建工作等支出，较2023年支出决算无增减变化。与上年财政拨款支出相同。"
    from narratives.model import Explanation
    p = sample("yangquan-legal-aid-2024")
    p.notes["201"] = Explanation(usage=p.note("201", "usage"), reason="与上年财政拨款支出相同")
    assert "较上年决算无增减变化，主要原因是与上年财政拨款支出相同。" in text(p, "五")


# ---------------------------------------------------------------- the wording functions, by table
@pytest.mark.parametrize("cur, prior, subject, lead, verb, explained_without_reason", [
    ("5", "3", "公务接待费支出决算", True, "增加", True),
    ("3", "5", "公务接待费支出决算", True, "减少", True),
    ("5", "5", "公务接待费支出决算", True, "持平", False),
    ("5", "0", "公务接待费", False, "增加", True),
    ("0", "0", "公务接待费", False, "", False),
])
def test_change_subject_verb_and_explains(cur, prior, subject, lead, verb, explained_without_reason):
    from narratives.compute import change
    from narratives.wording import Words, change_subject, explains, reason_verb
    ch = change(D(cur), D(prior))
    assert change_subject(ch, "公务接待费支出决算", "公务接待费") == (subject, lead)
    assert reason_verb(ch, Words()) == verb
    assert explains(ch, False) is explained_without_reason
    assert explains(ch, True) is True


def test_grade_counts_and_listed():
    from narratives.facts import Item
    from narratives.wording import grade_counts, listed
    grades = {"优": 1, "良": 0, "差": 0}            # 中 not entered: never printed as 0
    assert grade_counts(grades) == [("优", 1), ("良", 0), ("差", 0)]
    assert grade_counts(grades, zero=False) == [("优", 1)]
    assert grade_counts(grades, labels={"差": "不合格"})[-1] == ("不合格", 0)
    rows = [Item("a", "a", D(1), "s", D(1)), Item("b", "b", D(0), "s", D(2)), Item("c", "c", D(0), "s", D(0))]
    assert [i.key for i in listed(rows, True)] == ["a", "b", "c"]
    assert [i.key for i in listed(rows, False)] == ["a", "b"]
    assert [i.key for i in listed(rows, False, current=True)] == ["a"]
