"""Rules on the narrative's own inputs that are not one equation: 年初预算 by 类/项 adding up to the
total (R31), counts agreeing with amounts (R32), 机关运行经费 of a 事业单位 (R27)."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..model import Project, code_map
from .finding import ERROR, HINT, Finding, amount_text, judge, tolerance


def budget_total(p: Project) -> list[Finding]:
    """R31: Σ 项 (or Σ 类) 年初预算 = the total 年初预算 of 一般公共预算财政拨款支出; each 类 = Σ its 项
    where both are given.  A 项 with budget and no spending still counts (wendeng left one out)."""
    out: list[Finding] = []
    b = p.budget
    codes = code_map(b.by_func)
    by_len: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for code, v in codes.items():
        if v is not None:
            by_len[len(code)][code] = v
    basis = b.basis or "年初预算"
    if b.general_expense is not None:
        for n, level in ((7, "项"), (5, "款"), (3, "类")):
            vals = by_len.get(n)
            if not vals:
                continue
            s = sum(vals.values(), Decimal(0))
            diff = s - b.general_expense
            tol = tolerance([b.general_expense, *vals.values()])
            severity = judge(diff, tol)
            if severity:
                msg = (f"年初预算：各{level}{basis}之和 {amount_text(s)}万元，应等于一般公共预算财政拨款支出{basis} "
                       f"{amount_text(b.general_expense)}万元，相差{amount_text(abs(diff))}万元")
                if severity == ERROR:
                    msg += (f"。请补列漏掉的{level}（年初有预算但全年未支出的{level}也要列出，预算数照填、决算数为 0），"
                            "或改正总数。" if diff < 0 else f"。请核对各{level}的预算数或总数。")
                else:
                    msg += "，在尾差范围内。"
                out.append(Finding("R31", severity, "年初预算", f"功能分类（{level}）",
                                   msg, amount_text(b.general_expense), amount_text(s), section="general"))
            break  # the finest level given is the one the text lists
    for parent_len, child_len, pl, cl in ((3, 5, "类", "款"), (5, 7, "款", "项"), (3, 7, "类", "项")):
        parents, kids = by_len.get(parent_len, {}), by_len.get(child_len, {})
        if not parents or not kids:
            continue
        if parent_len == 3 and child_len == 7 and by_len.get(5):
            continue  # checked through the 款
        grouped: dict[str, list[Decimal]] = defaultdict(list)
        for code, v in kids.items():
            grouped[code[:parent_len]].append(v)
        for code, v in parents.items():
            if code not in grouped:
                continue
            s = sum(grouped[code], Decimal(0))
            severity = judge(v - s, tolerance([v, *grouped[code]]))
            if severity:
                out.append(Finding("R31", severity, "年初预算", f"功能分类 {code}（{pl}）",
                                   f"年初预算：{code}（{pl}）{amount_text(v)}万元，应等于其下各{cl}之和 "
                                   f"{amount_text(s)}万元，相差{amount_text(abs(v - s))}万元。请核对。",
                                   amount_text(s), amount_text(v), subject=code, section="general"))
    return out


def _iff(out: list, count: int | None, amount: Decimal | None, what_n: str, what_a: str, where: str) -> None:
    if count is None or amount is None:
        return
    if (count > 0) != (amount > 0):
        out.append(Finding("R32", ERROR, "三公明细", where,
                           f"三公明细 {where}：{what_n}为 {count}，{what_a}为 {amount_text(amount)}万元，两者应同时为 0 "
                           f"或同时大于 0。请核对{what_n}或{what_a}。",
                           expected=f"{what_n}与{what_a}同为 0 或同大于 0", found=f"{count}；{amount_text(amount)}",
                           section="sangong"))


def counts(p: Project) -> list[Finding]:
    """R32: 购置辆数 > 0 ⇔ 购置费 > 0; 出国团组 > 0 ⇔ 出国费 > 0; 人次 ≥ 批次 (团组); 批次 > 0 ⇔ 接待费 > 0."""
    out: list[Finding] = []
    d, actual = p.sangong, p.t09.actual
    # an empty cell of a 09表 that has a 合计 is a 0 (published tables leave zeros blank)
    filled = actual.total is not None
    _iff(out, d.cars_bought, actual.car_purchase if actual.car_purchase is not None or not filled else Decimal(0),
         "购置车辆数", "09表公务用车购置费决算数", "购置车辆数")
    _iff(out, d.groups, actual.abroad if actual.abroad is not None or not filled else Decimal(0),
         "出国团组数", "09表因公出国（境）费决算数", "出国团组数")
    if d.groups is not None and d.travellers is not None and d.travellers < d.groups:
        out.append(Finding("R32", ERROR, "三公明细", "出国人次",
                           f"三公明细：出国人次 {d.travellers} 少于出国团组数 {d.groups}（每个团组至少 1 人次）。请核对。",
                           f"≥ {d.groups}", str(d.travellers), section="sangong"))
    for label, r in (("国内接待", d.domestic), ("外事接待", d.foreign_guests), ("国（境）外接待", d.abroad)):
        if r.batches is not None and r.persons is not None and r.persons < r.batches:
            out.append(Finding("R32", ERROR, "三公明细", f"{label} 人次",
                               f"三公明细 {label}：人次 {r.persons} 少于批次 {r.batches}（每批次至少 1 人次）。请核对。",
                               f"≥ {r.batches}", str(r.persons), section="sangong"))
        _iff(out, r.batches, r.amount, f"{label}批次", f"{label}金额", f"{label} 批次")
    return out


def running_cost_kind(p: Project) -> list[Finding]:
    """R27: a 事业单位 publishes no 机关运行经费."""
    v = p.t10.running_cost
    if p.unit.has_running_cost or not v:
        return []
    return [Finding("R27", HINT, "公开10表", "机关运行经费",
                    f"公开10表：单位性质为事业单位，不公开机关运行经费，但填了 {amount_text(v)}万元，情况说明不会提到它。"
                    "请核对单位性质（行政单位、参照公务员法管理事业单位才有机关运行经费），或删去该数。",
                    "（空）", amount_text(v), section="running_cost")]


def run(p: Project) -> list[Finding]:
    return budget_total(p) + counts(p) + running_cost_kind(p)
