"""What a published figure may be: every figure last year's facts can state, each with the template
expression that states it.

A ``Subject`` is one thing the text talks about (收入总计, the 类 204, 公务接待费, the 公务用车保有量)
with the expression a template reaches it by and the words a text names it with.  A ``Candidate``
is one number of a subject in one role (its amount, 上年, 年初预算, change, change rate, share,
completion rate, or a count).  The matcher ties each published figure to one candidate.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..facts import Facts, Item


@dataclass(eq=False)
class Subject:
    expr: str                      # template expression: f.grand_income, f.sangong_item("公务接待费")
    names: tuple[str, ...]         # how a text names it (longest first)
    item: Item | None = None
    coll: str = ""                 # a row of this list expression (f.classes), or ""
    index: int = -1
    note_key: str = ""             # the subject of the clerk's notes about it ("204", "收支总计")
    count_unit: str = ""           # for a count: 辆, 个, 人次 …
    value: Decimal | int | None = None  # a bare figure (not an Item)
    source: str = ""               # its source label, for money(x, source)
    keywords: tuple[str, ...] = ()  # other words that point at it (保有量, 团组)
    row: str = ""                  # a field of a row that is not an Item: the row's expression
    row_name: tuple[str, str] = ("", "")  # (attribute, text) of such a row's name

    def __repr__(self) -> str:
        return f"Subject({self.expr})"


@dataclass(frozen=True, eq=False)
class Candidate:
    value: Decimal
    kind: str      # money | pct | count
    role: str      # value | budget | prior | change | rate | share | completion
    subject: Subject


@dataclass
class Catalogue:
    subjects: list[Subject] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    collections: dict[str, list[Subject]] = field(default_factory=dict)

    def rows(self, coll: str) -> list[Subject]:
        return self.collections.get(coll, [])


_ALIASES = {
    "收入总计": ("收、支总计", "收支总计", "收入总计"),
    "支出总计": ("支出总计",),
    "本年收入合计": ("本年收入合计", "收入合计"),
    "本年支出合计": ("本年支出合计", "支出合计"),
    "财政拨款收入总计": ("财政拨款收、支总计", "财政拨款收支总计", "财政拨款收入总计", "财政拨款收入", "收入总计"),
    "财政拨款支出总计": ("财政拨款支出总计", "财政拨款支出", "支出总计"),
    "一般公共预算财政拨款支出": ("一般公共预算财政拨款决算支出", "一般公共预算财政拨款支出", "一般公共预算"),
    "一般公共预算财政拨款基本支出": ("财政拨款基本支出", "基本支出决算", "基本支出"),
    "三公经费": ("“三公”经费", "三公经费", "三公"),
    "机关运行经费": ("机关运行经费",),
    "政府采购": ("政府采购支出总额", "政府采购"),
}
_NOTE_KEYS = {"收入总计": "收支总计", "支出总计": "收支总计", "财政拨款收入总计": "财政拨款收支总计",
              "财政拨款支出总计": "财政拨款收支总计"}


def _names(item: Item) -> tuple[str, ...]:
    names = list(_ALIASES.get(item.key, ()))
    for n in (item.full_name, item.name):
        if n and n not in names:
            names.append(n)
        # "一般公共服务支出" is also written "一般公共服务"; "因公出国（境）费" as "因公出国（境）"
        if n and n.endswith(("支出", "费")) and len(n) > 3:
            short = n[:-2] if n.endswith("支出") else n[:-1]
            if short not in names:
                names.append(short)
    return tuple(sorted(names, key=len, reverse=True))


def build(facts: Facts) -> Catalogue:
    cat = Catalogue()

    def add(expr: str, item: Item, coll: str = "", index: int = -1, note_key: str | None = None) -> Subject:
        s = Subject(expr, _names(item), item, coll, index, note_key if note_key is not None else
                    _NOTE_KEYS.get(item.key, item.key))
        cat.subjects.append(s)
        _item_candidates(cat, s, item)
        return s

    def add_list(coll: str, items: list[Item], named=None) -> None:
        rows = []
        for i, it in enumerate(items):
            expr = named(it) if named else f"{coll}[{i}]"
            rows.append(add(expr, it, coll, i))
        cat.collections[coll] = rows

    add("f.grand_income", facts.grand_income)
    add("f.grand_expense", facts.grand_expense)
    add("f.income_total", facts.income_total)
    add_list("f.income_sources", facts.income_sources)
    add("f.expense_total", facts.expense_total)
    add_list("f.expense_kinds", facts.expense_kinds, lambda it: f'f.expense_kind("{it.name}")')
    add("f.fiscal_income", facts.fiscal_income)
    add("f.fiscal_expense", facts.fiscal_expense)
    add("f.general", facts.general)
    add_list("f.classes", facts.classes)
    add_list("f.items", facts.items)
    if [i.key for i in facts.budget_items] != [i.key for i in facts.items]:
        add_list("f.budget_items", facts.budget_items)
    add("f.basic", facts.basic)
    add("f.personnel", facts.personnel)
    add("f.public", facts.public)
    for gname, group in (("f.personnel", facts.personnel), ("f.public", facts.public)):
        add_list(f"{gname}.children", group.children)
        for gi, g in enumerate(group.children):
            add_list(f"{gname}.children[{gi}].children", g.children)
    add("f.fund", facts.fund)
    add_list("f.fund.children", facts.fund.children)
    add("f.capital", facts.capital)
    add_list("f.capital.children", facts.capital.children)
    add("f.sangong", facts.sangong)
    add_list("f.sangong.children", facts.sangong.children, lambda it: f'f.sangong_item("{it.name}")')
    add('f.sangong_item("公务用车购置及运行维护费")', facts.sangong_item("公务用车购置及运行维护费"))
    add("f.running_cost", facts.running_cost)
    add("f.purchase", facts.purchase)
    add_list("f.purchase.children", facts.purchase.children)
    for k, it in facts.procurement.items():
        add(f'f.procurement["{k}"]', it)
    _bare_figures(cat, facts)
    return cat


def _item_candidates(cat: Catalogue, s: Subject, it: Item) -> None:
    c = cat.candidates
    if it.value is None:  # not entered (unknown, never 0): nothing a published figure can match
        return
    c.append(Candidate(it.value, "money", "value", s))
    if it.budget is not None:
        c.append(Candidate(it.budget, "money", "budget", s))
        rate = it.completion.rate
        if rate is not None:
            c.append(Candidate(rate, "pct", "completion", s))
    if it.prior is not None:
        c.append(Candidate(it.prior, "money", "prior", s))
        ch = it.change
        if ch.kind in ("up", "down"):
            c.append(Candidate(abs(ch.amount), "money", "change", s))
            if ch.rate is not None:
                c.append(Candidate(abs(ch.rate), "pct", "rate", s))
    if it.whole:
        rate = it.share.rate
        if rate is not None:
            c.append(Candidate(rate, "pct", "share", s))


def _bare(cat: Catalogue, expr: str, value, kind: str, names: tuple[str, ...], keywords: tuple[str, ...] = (),
          unit: str = "", source: str = "") -> None:
    if value is None and kind != "count":
        return
    s = Subject(expr, names, None, count_unit=unit, value=value, source=source, keywords=keywords)
    cat.subjects.append(s)
    v = Decimal(value or 0)
    cat.candidates.append(Candidate(v, kind, "value", s))


def _bare_figures(cat: Catalogue, facts: Facts) -> None:
    """Figures that are not an Item: the 三公 counts, 接待 amounts, vehicles, 绩效 counts."""
    d = facts.sangong_detail
    words = {"优": ("“优”", "优"), "良": ("“良”", "良"), "中": ("“中”", "“合格”"), "差": ("“差”", "“不合格”")}
    _bare(cat, "f.fund_income", facts.fund_income, "money", ("政府性基金预算财政拨款收入",), ("基金",),
          source="公开07表.合计.本年收入")
    count = [
        ("f.sangong_detail.groups", d.groups, ("团组",), "个"),
        ("f.sangong_detail.travellers", d.travellers, ("团组", "出国"), "人次"),
        ("f.sangong_detail.cars_bought", d.cars_bought, ("购置公务用车", "购置"), "辆"),
        ("f.sangong_detail.cars_kept", d.cars_kept, ("保有量",), "辆"),
        ("f.sangong_detail.domestic.batches", d.domestic.batches, ("国内接待",), "批次"),
        ("f.sangong_detail.domestic.persons", d.domestic.persons, ("国内接待",), "人次"),
        ("f.sangong_detail.foreign_guests.batches", d.foreign_guests.batches, ("外事接待",), "批次"),
        ("f.sangong_detail.foreign_guests.persons", d.foreign_guests.persons, ("外事接待",), "人次"),
        ("f.sangong_detail.abroad.batches", d.abroad.batches, ("国（境）外接待", "国（境）外"), "批次"),
        ("f.sangong_detail.abroad.persons", d.abroad.persons, ("国（境）外接待", "国（境）外"), "人次"),
        ("(f.sangong_detail.domestic.batches or 0) + (f.sangong_detail.abroad.batches or 0)",
         (d.domestic.batches or 0) + (d.abroad.batches or 0), ("公务接待费",), "批次"),
        ("(f.sangong_detail.domestic.persons or 0) + (f.sangong_detail.abroad.persons or 0)",
         (d.domestic.persons or 0) + (d.abroad.persons or 0), ("公务接待费",), "人次"),
        ("f.vehicles_total", facts.vehicles_total, ("共有车辆",), "辆"),
        ("f.equipment", facts.equipment, ("设备",), "台（套）"),
        ("f.performance.projects", facts.performance.projects, ("自评个数", "涵盖项目", "项目中"), "个"),
    ]
    for expr, value, kw, unit in count:
        _bare(cat, expr, value, "count", (), kw, unit)
    perf = facts.p.performance
    for expr, value, kw, unit in (
            ("p.performance.target_projects", perf.target_projects, ("编报绩效目标",), "个"),
            ("p.performance.tracked_projects", perf.tracked_projects, ("绩效跟踪",), "个"),
            ("p.performance.problems_found", perf.problems_found, ("发现问题",), "个"),
            ("p.performance.problems_fixed", perf.problems_fixed, ("完成整改",), "个"),
            ("p.performance.problems_fixing", perf.problems_fixing, ("正在整改",), "个")):
        if value is not None:
            _bare(cat, expr, value, "count", (), kw, unit)
    for g in ("优", "良", "中", "差"):
        if g not in dict(facts.performance.grade_list()):
            _bare(cat, f'f.performance.grades.get("{g}", 0)', 0, "count", (), words[g], "个")
    for expr, value, kw, src in (
            ("p.performance.target_amount", perf.target_amount, ("编报绩效目标",), "预算绩效.编报绩效目标金额"),
            ("p.performance.tracked_amount", perf.tracked_amount, ("绩效跟踪",), "预算绩效.绩效跟踪金额")):
        if value is not None:
            _bare(cat, expr, value, "money", (), kw, source=src)
    ps = facts.performance
    if ps.average is not None:
        _bare(cat, "f.performance.average", ps.average, "score", (), ("平均得分",), source="预算绩效.平均得分")
    if ps.project_share is not None:
        _bare(cat, "f.performance.project_share", ps.project_share, "pct", (), ("项目支出总额", "预算项目支出"),
              source="预算绩效.占比")
    rows = []
    for i, e in enumerate(facts.evaluations):
        ev, row = e.source, f"f.evaluations[{i}]"
        value = ev.stated_score if ev.stated_score is not None else e.score
        first = len(cat.subjects)
        for expr, v, kind, kw, src in (
                (f"({row}.source.stated_score if {row}.source.stated_score is not none else {row}.score)", value,
                 "score", ("自评得分",), "得分"),
                (f"{row}.source.full_budget", ev.full_budget, "money", ("全年预算数",), "全年预算数"),
                (f"{row}.source.executed", ev.executed, "money", ("执行数",), "执行数"),
                (f"{row}.execution_rate", e.execution_rate, "pct", ("完成预算的", "执行率"), "执行率")):
            if v is None:
                continue
            subj = Subject(expr, (ev.name,), None, "f.evaluations", i, value=v, source=f"预算绩效.自评.{src}",
                           keywords=kw, row=row, row_name=("source.name", ev.name))
            cat.subjects.append(subj)
            cat.candidates.append(Candidate(Decimal(v), kind, "value", subj))
        if len(cat.subjects) > first:
            rows.append(cat.subjects[first])
    cat.collections["f.evaluations"] = rows
    # the 重点绩效评价 are a list too: a paragraph about last year's one becomes a loop over next year's
    keys = []
    for i, k in enumerate(facts.p.performance.key):
        row, first = f"p.performance.key[{i}]", len(cat.subjects)
        for expr, v, kind, kw, src in ((f"{row}.score", k.score, "score", ("评价得分", "绩效评价得分"), "得分"),
                                       (f"{row}.amount", k.amount, "money", ("重点绩效评价",), "涉及资金")):
            if v is None:
                continue
            subj = Subject(expr, (k.name,), None, "p.performance.key", i, value=v, source=f"预算绩效.重点评价.{src}",
                           keywords=kw, row=row, row_name=("name", k.name))
            cat.subjects.append(subj)
            cat.candidates.append(Candidate(Decimal(v), kind, "value", subj))
        if len(cat.subjects) > first:
            keys.append(cat.subjects[first])
    cat.collections["p.performance.key"] = keys
    v = dict(facts.vehicles)
    if "主要负责人用车" in v and "副部（省）级及以上领导用车" in v:
        _bare(cat, '(dict(f.vehicles)["副部（省）级及以上领导用车"] or 0) + (dict(f.vehicles)["主要负责人用车"] or 0)',
              (v["副部（省）级及以上领导用车"] or 0) + (v["主要负责人用车"] or 0), "count", (),
              ("领导干部用车", "领导用车"), "辆")
    for kind, n in facts.vehicles:
        _bare(cat, f'dict(f.vehicles)["{kind}"]', n, "count", (kind,), (kind,), "辆")
    for g, n in facts.performance.grade_list():
        _bare(cat, f'f.performance.grades.get("{g}", 0)', n, "count", (), words.get(g, (g,)), "个")
    for label, expr, value, src in (
            ("国内接待", "f.sangong_detail.domestic.amount", d.domestic.amount, "三公明细.国内接待.金额"),
            ("外事接待", "f.sangong_detail.foreign_guests.amount", d.foreign_guests.amount, "三公明细.外事接待.金额"),
            ("国（境）外接待", "f.sangong_detail.abroad.amount", d.abroad.amount, "三公明细.国（境）外接待.金额"),
            ("自评", "f.performance.amount", facts.performance.amount, "预算绩效.自评金额")):
        _bare(cat, expr, value if value is not None else Decimal(0), "money", (label,), (label,), source=src)
