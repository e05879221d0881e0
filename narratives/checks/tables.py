"""Per-row rules of the tables, in code: each row's total against its columns, 类 = Σ 款 = Σ 项 per
column, 合计 = Σ 类, a 类 row against the same 类 in another table, 06表's 款 = Σ 项.

Rows are indexed by code once (children grouped by their parent's code), so a table of 5 000
功能分类 rows is checked in linear time.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Iterable, Sequence

from ..money import normalize_text
from ..model import FUNDS, Project
from .finding import ERROR, Finding, amount_text, judge, tolerance

LEVEL = {3: "类", 5: "款", 7: "项"}

T02_COLS = (("total", "本年收入合计"), ("fiscal", "财政拨款收入"), ("superior", "上级补助收入"),
            ("business", "事业收入"), ("operating", "经营收入"), ("affiliated", "附属单位上缴收入"),
            ("other", "其他收入"))
T03_COLS = (("total", "本年支出合计"), ("basic", "基本支出"), ("project", "项目支出"),
            ("to_superior", "上缴上级支出"), ("operating", "经营支出"), ("to_affiliated", "对附属单位补助支出"))
T05_COLS = (("total", "小计"), ("basic", "基本支出"), ("project", "项目支出"))
FUND_COLS = (("general", FUNDS[0]), ("fund", FUNDS[1]), ("capital", FUNDS[2]))


def sum_finding(rule: str, table: str, location: str, stated: Decimal | None,
                parts: Sequence[Decimal | None], what: str, section: str, hint: str = "") -> Finding | None:
    """``stated`` against the sum of ``parts``; nothing when either is wholly empty."""
    if stated is None:
        return None
    vals = [p for p in parts if p is not None]
    if not vals:
        return None
    s = sum(vals, Decimal(0))
    diff = stated - s
    if not diff:  # the common case, kept cheap: 5 000 rows × 7 columns
        return None
    severity = judge(diff, tolerance([stated, *vals]))
    msg = (f"{table} {location}：{amount_text(stated)}万元，应等于{what}之和 {amount_text(s)}万元，"
           f"相差{amount_text(abs(diff))}万元")
    if severity == ERROR:
        msg += "。" + (hint or "请核对该行（列）的数字") + "。"
    else:
        msg += f"，在尾差范围内（不超过{amount_text(tolerance([stated, *vals]))}万元）。"
    return Finding(rule, severity, table, location, msg, amount_text(s), amount_text(stated), section=section)


def _off(stated: Decimal | None, parts: Iterable[Decimal | None]) -> bool:
    """Cheap pre-test: does ``stated`` differ from the sum of the entered parts?  Most rows agree,
    so the worded finding (and its location text) is built only for those that do not."""
    if stated is None:
        return False
    s, n = Decimal(0), 0
    for v in parts:
        if v is not None:
            s += v
            n += 1
    return n > 0 and s != stated


def _row_name(r) -> str:
    return f"{r.code} {r.name}"


def row_sums(rule: str, table: str, rows: Iterable, total_row, total_col: tuple[str, str],
             parts: Sequence[tuple[str, str]], section: str) -> list[Finding]:
    """Each row (and the 合计 row): the total column equals the sum of the part columns."""
    out = []
    what = "、".join(label for _, label in parts)
    for r in [*rows, total_row]:
        if r is None:
            continue
        stated, vals = getattr(r, total_col[0]), [getattr(r, a) for a, _ in parts]
        if not _off(stated, vals):
            continue
        name = "合计" if r is total_row else _row_name(r)
        f = sum_finding(rule, table, f"{name} · {total_col[1]}", stated, vals, what, section)
        if f:
            out.append(f)
    return out


def hierarchy(rule: str, table: str, rows: list, total_row, cols: Sequence[tuple[str, str]],
              section: str) -> list[Finding]:
    """类 = Σ its 款, 款 = Σ its 项, per column; 合计 = Σ 类.  A repeated code is an error."""
    out: list[Finding] = []
    children: dict[str, list] = defaultdict(list)
    seen: set[str] = set()
    classes = []
    for r in rows:
        if r.code in seen:
            out.append(Finding(rule, ERROR, table, _row_name(r),
                               f"{table}：科目代码 {r.code} 出现了不止一次。请删去重复的行或改正代码。",
                               section=section))
        seen.add(r.code)
        if len(r.code) == 3:
            classes.append(r)
        else:
            children[r.code[:-2]].append(r)
    for attr, label in cols:
        for r in rows:
            kids = children.get(r.code)
            if not kids:
                continue
            stated, vals = getattr(r, attr), [getattr(k, attr) for k in kids]
            if not _off(stated, vals):
                continue
            kid = LEVEL.get(len(r.code) + 2, "下级科目")
            f = sum_finding(rule, table, f"{_row_name(r)}（{LEVEL.get(len(r.code), '')}） · {label}",
                            stated, vals, f"其下各{kid}", section,
                            f"请核对该{LEVEL.get(len(r.code), '科目')}及其下各{kid}的{label}")
            if f:
                out.append(f)
        if total_row is not None and classes:
            f = sum_finding(rule, table, f"合计 · {label}", getattr(total_row, attr),
                            [getattr(c, attr) for c in classes], "各类", section,
                            f"请核对合计行及各类的{label}")
            if f:
                out.append(f)
    return out


def _t03_sum(r) -> Decimal | None:
    if r.total is not None:
        return r.total
    vals = [getattr(r, a) for a, _ in T03_COLS[1:]]
    return sum((v for v in vals if v is not None), Decimal(0)) if any(v is not None for v in vals) else None


def _t05_sum(r) -> Decimal | None:
    if r.total is not None:
        return r.total
    vals = [r.basic, r.project]
    return sum((v for v in vals if v is not None), Decimal(0)) if any(v is not None for v in vals) else None


def derived_hierarchy(rule: str, table: str, rows: list, total_col: tuple[str, str], amount,
                      section: str) -> list[Finding]:
    """类 = Σ 款, 款 = Σ 项 by the amount the text uses — the stated total column, or else the sum
    of the row's other columns — where ``hierarchy`` cannot see it: the parent's or a child's total
    cell is blank (a 类 entered by 基本支出 and 项目支出 only, its 款 by 小计 only).  Without this a
    blank 合计 row lets the text add up 类 that contradict their 款."""
    attr, label = total_col
    children: dict[str, list] = defaultdict(list)
    codes = {r.code for r in rows}
    for r in rows:
        if len(r.code) > 3:
            children[r.code[:-2]].append(r)
    for r in rows:  # 项 listed under a 类 without their 款 row: the 类 is compared with them
        if len(r.code) == 7 and r.code[:5] not in codes and r.code[:3] in codes:
            children.setdefault("skip:" + r.code[:3], []).append(r)
    out: list[Finding] = []
    for r in rows:
        kids, skipped = children.get(r.code), False
        if not kids and ("skip:" + r.code) in children:
            kids, skipped = children["skip:" + r.code], True
        if not kids:
            continue
        if not skipped and getattr(r, attr) is not None and all(getattr(k, attr) is not None for k in kids):
            continue  # both sides stated: hierarchy() compares them
        mine, theirs = amount(r), [amount(k) for k in kids]
        if mine is None or any(v is None for v in theirs):
            continue
        s = sum(theirs, Decimal(0))
        severity = judge(mine - s, tolerance([mine, *theirs]))
        if not severity:
            continue
        lv = LEVEL.get(len(r.code), "科目")
        kid = "项" if skipped else LEVEL.get(len(r.code) + 2, "下级科目")
        msg = (f"{table} {_row_name(r)}（{lv}）：{label}（空格按其余各列相加）{amount_text(mine)}万元，"
               f"应等于其下各{kid}之和 {amount_text(s)}万元，相差{amount_text(abs(mine - s))}万元")
        msg += (f"。请核对该{lv}及其下各{kid}（{label}一栏空着时，情况说明按各列相加计算）。"
                if severity == ERROR else "，在尾差范围内。")
        out.append(Finding(rule, severity, table, f"{_row_name(r)}（{lv}） · {label}", msg,
                           amount_text(s), amount_text(mine), section=section))
    return out


def _key(name: str) -> str:
    return normalize_text(name).strip()


def classes_match(rule: str, table: str, rows: list, col: str, other: dict[str, Decimal | None],
                  other_label: str, section: str, amount=None) -> list[Finding]:
    """Each 类 row of ``table`` (column ``col``) equals the same 类 (by name) of another table.
    ``amount``: the row's figure when its ``col`` cell is blank (the other columns added up), so
    a blank 合计 cell is not compared as 0; a row with no figure at all is left to 未填."""
    if not other:
        return []
    out = []
    mine = {_key(r.name): (r, getattr(r, col) if getattr(r, col) is not None or amount is None else amount(r))
            for r in rows if len(r.code) == 3}
    theirs = {_key(k): v for k, v in other.items()}
    for name in dict.fromkeys([*mine, *theirs]):
        row, a = mine.get(name, (None, None))
        b = theirs.get(name)
        if a is None and (b is None or (row is not None and amount is not None)):
            continue
        a0, b0 = a or Decimal(0), b or Decimal(0)
        diff = a0 - b0
        tol = tolerance([a0, b0])
        severity = judge(diff, tol)
        if severity is None:
            continue
        where = _row_name(row) if row is not None else name
        msg = (f"{table} {where}（类）：{amount_text(a0)}万元，应等于{other_label}的“{name}” "
               f"{amount_text(b0)}万元，相差{amount_text(abs(diff))}万元")
        msg += "。请核对两表中该类的数字（或类名是否写法一致）。" if severity == ERROR else "，在尾差范围内。"
        out.append(Finding(rule, severity, table, where, msg, amount_text(b0), amount_text(a0), section=section))
    return out


def fund_splits(p: Project) -> list[Finding]:
    """04表: each row's 合计 = 一般公共预算 + 政府性基金 + 国有资本经营 (R12 for expense rows, R13 for
    年初/年末结转和结余, R14 for 支出总计); 本年支出合计 per column = Σ expense rows (R12)."""
    t04 = p.t04
    out = []
    rows = [("R12", f"{k}", v) for k, v in t04.expense.items()] + [
        ("R12", "本年支出合计", t04.expense_total), ("R13", "年初财政拨款结转和结余", t04.opening),
        ("R13", "年末财政拨款结转和结余", t04.closing), ("R14", "支出总计", t04.grand_expense)]
    what = "、".join(label for _, label in FUND_COLS)
    for rule, name, split in rows:
        f = sum_finding(rule, "公开04表", f"{name} · 合计", split.total,
                        [getattr(split, a) for a, _ in FUND_COLS], what, "fiscal")
        if f:
            out.append(f)
    if t04.expense:
        for attr, label in (("total", "合计"), *FUND_COLS):
            f = sum_finding("R12", "公开04表", f"本年支出合计 · {label}", getattr(t04.expense_total, attr),
                            [getattr(s, attr) for s in t04.expense.values()], "各类支出", "fiscal")
            if f:
                out.append(f)
    return out


def econ_items(p: Project) -> list[Finding]:
    """06表: each 款 (3 digits) = Σ its 项 (5 digits) (R21)."""
    out = []
    for group, rows in (("人员经费", p.t06.personnel), ("公用经费", p.t06.public)):
        kids: dict[str, list] = defaultdict(list)
        for r in rows:
            if len(r.code) == 5:
                kids[r.code[:3]].append(r.amount)
        for r in rows:
            if len(r.code) == 3 and kids.get(r.code):
                f = sum_finding("R21", "公开06表", f"{group} {r.code} {r.name}", r.amount, kids[r.code],
                                "其下各项", "basic")
                if f:
                    out.append(f)
    return out


def fund_rows(p: Project) -> list[Finding]:
    """07表 each row: 年初 + 本年收入 − 本年支出 = 年末, 本年支出 = 基本 + 项目; 08表 合计 = 基本 + 项目 (R23)."""
    out = []
    t07 = p.t07
    for r, name in [*((r, _row_name(r)) for r in t07.rows), (t07.total, "合计")]:
        if r.closing is not None and any(v is not None for v in (r.opening, r.income, r.expense)):
            expected = (r.opening or 0) + (r.income or 0) - (r.expense or 0)
            vals = [v for v in (r.opening, r.income, r.expense, r.closing) if v is not None]
            diff = r.closing - expected
            severity = judge(diff, tolerance(vals))
            if severity:
                out.append(Finding("R23", severity, "公开07表", f"{name} · 年末结转和结余",
                                   f"公开07表 {name}：年末结转和结余 {amount_text(r.closing)}万元，应等于年初结转和结余"
                                   f"加本年收入减本年支出 {amount_text(expected)}万元，相差{amount_text(abs(diff))}万元。"
                                   "请核对该行。", amount_text(expected), amount_text(r.closing), section="fund"))
        f = sum_finding("R23", "公开07表", f"{name} · 本年支出", r.expense, [r.basic, r.project],
                        "基本支出、项目支出", "fund")
        if f:
            out.append(f)
    t08 = p.t08
    for r, name in [*((r, _row_name(r)) for r in t08.rows), (t08.total, "合计")]:
        f = sum_finding("R23", "公开08表", f"{name} · 合计", r.total, [r.basic, r.project],
                        "基本支出、项目支出", "capital")
        if f:
            out.append(f)
    return out


def empty_fund_tables(p: Project) -> list[Finding]:
    """R24: a fund with no money in 04表 has an empty 07/08表 (its 本表无数据 note): rows there
    with amounts mean one of the two tables is wrong."""
    out = []
    t04 = p.t04
    for table, rows, fund, label, section, attrs in (
            ("公开07表", p.t07.rows, "fund", "政府性基金预算财政拨款", "fund", ("opening", "income", "expense", "closing")),
            ("公开08表", p.t08.rows, "capital", "国有资本经营预算财政拨款", "capital", ("total",))):
        in_t04 = [t04.income.get(label), getattr(t04.expense_total, fund), getattr(t04.opening, fund),
                  getattr(t04.closing, fund)]
        if any(v for v in in_t04):
            continue
        filled = [r for r in rows if any(getattr(r, a) for a in attrs)]
        if filled:
            r = filled[0]
            out.append(Finding("R24", ERROR, table, _row_name(r),
                               f"{table}：公开04表没有{label}的收支和结转结余，{table}却有数（如 {_row_name(r)}）。"
                               f"请核对：04表漏填了{label}，或{table}应为空表（本表无数据）。",
                               "空表", _row_name(r), section=section))
    return out


def run(p: Project) -> list[Finding]:
    out: list[Finding] = []
    t02, t03, t05 = p.t02, p.t03, p.t05
    out += row_sums("R06", "公开02表", t02.rows, t02.total, T02_COLS[0], T02_COLS[1:], "income")
    out += hierarchy("R07", "公开02表", t02.rows, t02.total, T02_COLS, "income")
    out += row_sums("R09", "公开03表", t03.rows, t03.total, T03_COLS[0], T03_COLS[1:], "expense")
    out += hierarchy("R10", "公开03表", t03.rows, t03.total, T03_COLS, "expense")
    out += classes_match("R10", "公开03表", t03.rows, "total", p.t01.expense, "公开01表", "expense", _t03_sum)
    out += fund_splits(p)
    out += row_sums("R16", "公开05表", t05.rows, t05.total, T05_COLS[0], T05_COLS[1:], "general")
    out += hierarchy("R16", "公开05表", t05.rows, t05.total, T05_COLS, "general")
    out += derived_hierarchy("R10", "公开03表", t03.rows, T03_COLS[0], _t03_sum, "expense")
    out += derived_hierarchy("R16", "公开05表", t05.rows, T05_COLS[0], _t05_sum, "general")
    out += classes_match("R17", "公开05表", t05.rows, "total",
                         {k: v.general for k, v in p.t04.expense.items()}, "公开04表一般公共预算财政拨款", "general",
                         _t05_sum)
    out += econ_items(p)
    out += fund_rows(p)
    out += empty_fund_tables(p)
    return out
