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
    return budget_total(p) + counts(p) + running_cost_kind(p) + run_added(p)


# ---------------------------------------------------------------- rules added with issue 13
def running_cost_mixed(p: Project) -> list[Finding]:
    """R27 for a 部门 that includes 事业单位 (单位构成): 机关运行经费 is the 公用经费 of its 行政 and
    参公 units only, so it is at most 06表's 公用经费合计, and equals 行政参公单位公用经费 where
    that is entered."""
    if not p.unit.mixed:
        return []
    rc, basis = p.t10.running_cost, p.t10.running_cost_basis
    public = p.t06.public_sum() if (p.t06.public_total is not None or p.t06.public) else None
    out: list[Finding] = []
    if rc is not None and basis is not None:
        severity = judge(rc - basis, tolerance([rc, basis]))
        if severity:
            out.append(Finding("R27", severity, "公开10表", "机关运行经费",
                               f"公开10表：机关运行经费 {amount_text(rc)}万元，应等于行政、参公单位的公用经费 "
                               f"{amount_text(basis)}万元，相差{amount_text(abs(rc - basis))}万元。请核对。",
                               amount_text(basis), amount_text(rc), section="running_cost"))
    for label, v in (("机关运行经费", rc), ("行政参公单位公用经费", basis)):
        if v is None or public is None:
            continue
        over = v - public
        if over > tolerance([v, public]):
            out.append(Finding("R27", ERROR, "公开10表", label,
                               f"公开10表：{label} {amount_text(v)}万元，大于公开06表公用经费合计 {amount_text(public)}万元"
                               f"（部门含事业单位，机关运行经费只是行政、参公单位的公用经费，不能超过全部公用经费）。请核对。",
                               f"≤ {amount_text(public)}", amount_text(v), section="running_cost"))
    return out


def cars_kept(p: Project) -> list[Finding]:
    """R32: 公务用车运行维护费 > 0 needs cars to run: 保有量 entered as 0 contradicts it."""
    kept, running = p.sangong.cars_kept, p.t09.actual.car_running
    if kept != 0 or not running or running <= 0:
        return []
    return [Finding("R32", ERROR, "三公明细", "公务用车保有量",
                    f"三公明细：公务用车保有量为 0，09表公务用车运行维护费决算数却有 {amount_text(running)}万元。"
                    "有运行维护费就有车辆：请填写财政拨款开支运行维护费的公务用车保有量，或核对运行维护费。",
                    "≥ 1", "0", section="sangong")]


def personnel_zero(p: Project) -> list[Finding]:
    """R35: 人员经费 entered as 0 (合计 0, or rows that add to 0) while 05表 has 基本支出: almost
    always 06表's 人员经费 left out.  错误 when 公用经费 does not make up the 基本支出 either."""
    t06 = p.t06
    if t06.personnel_total is None and not any(r.amount is not None for r in t06.personnel):
        return []  # not entered: the 未填 findings say so
    if t06.personnel_sum() != 0:
        return []
    t05 = p.t05.total
    basic = t05.basic if t05.basic is not None else None
    if basic is None and p.t05.rows:
        vals = [r.basic for r in p.t05.rows if len(r.code) == 3 and r.basic is not None]
        basic = sum(vals, Decimal(0)) if vals else None
    if not basic or basic <= 0:
        return []
    public = t06.public_sum() if (t06.public_total is not None or t06.public) else Decimal(0)
    gap = basic - public
    severity = ERROR if judge(gap, tolerance([basic, public])) == ERROR else HINT
    msg = (f"公开06表：人员经费为 0，公开05表基本支出却有 {amount_text(basic)}万元"
           + (f"，公用经费只有 {amount_text(public)}万元。请补填06表的人员经费（301 工资福利支出、303 对个人和家庭的补助）。"
              if severity == ERROR else
              "，且全部是公用经费。若本单位确无财政拨款负担的人员经费，可不理会；否则请补填06表的人员经费。"))
    return [Finding("R35", severity, "公开06表", "人员经费合计", msg, f"{amount_text(gap)}（基本支出 − 公用经费）", "0",
                    section="basic")]


def measures_missing(p: Project) -> list[Finding]:
    """R33: a 部门评价 graded 中 or 差 without its 整改措施 (the text says what is done about it)."""
    return [Finding("R33", HINT, "预算绩效", f"重点评价“{k.name}” 整改措施",
                    f"预算绩效 重点评价“{k.name}”：等级为“{k.grade}”，未填整改措施，情况说明只写等级。"
                    "请填写针对评价发现问题的整改措施。", "整改措施", "（空）", section="performance")
            for k in p.performance.key if k.needs_measures and not k.measures.strip()]


def run_added(p: Project) -> list[Finding]:
    return running_cost_mixed(p) + cars_kept(p) + personnel_zero(p) + measures_missing(p)
