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
