"""The computed view of a project that templates read: every figure the text states, with its
上年 and 年初预算 where the text compares them, and the source it comes from.

Nothing here formats or words anything (that is ``wording`` and the renderer's helpers); an
``Item`` only knows its amounts, so a template can ask for its change, share or completion.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from .compute import Change, Completion, Share, change, completion, share, total
from .model import (EXPENSE_KINDS, FISCAL_SOURCES, SANGONG_ITEMS, T02_SOURCES, VEHICLE_KINDS,
                    Project, code_map, name_map)
from .model.performance import Evaluation

ZERO = Decimal(0)


@dataclass
class Item:
    """One stated figure.  ``key`` names the subject of the clerk's notes ("204", "收入总计")."""

    key: str
    name: str
    value: Decimal
    source: str
    prior: Decimal | None = None
    budget: Decimal | None = None
    whole: Decimal | None = None
    code: str = ""
    full_name: str = ""
    children: list["Item"] = field(default_factory=list)

    @property
    def change(self) -> Change:
        return change(self.value, self.prior)

    @property
    def share(self) -> Share:
        return share(self.value, self.whole)

    @property
    def completion(self) -> Completion:
        return completion(self.value, self.budget)

    @property
    def is_zero(self) -> bool:
        return self.value == 0 and not self.prior

    def __str__(self) -> str:  # a template that prints an Item by mistake shows its name
        return self.name


def _v(x: Decimal | None) -> Decimal:
    return x if x is not None else ZERO


@dataclass
class Evaluated:
    """One 自评表 with its computed 执行率, 预算执行 score, total score and grade."""

    source: Evaluation

    @property
    def execution_rate(self) -> Decimal | None:
        return share(self.source.executed, self.source.full_budget).rate

    @property
    def execution_score(self) -> Decimal | None:
        from .performance import execution_score
        return execution_score(self.source)

    @property
    def score(self) -> Decimal | None:
        from .performance import total_score
        return total_score(self.source)

    @property
    def grade(self) -> str | None:
        from .performance import grade_for
        s = self.score
        return grade_for(s) if s is not None else self.source.stated_grade


class Facts:
    """Built once per render from the project; attributes are computed on first use."""

    def __init__(self, project: Project):
        self.p = project
        self.year = project.unit.year
        self.prior_year = project.unit.year - 1
        self.name = project.unit.name
        self._prior_func = code_map(project.prior.by_func)
        self._budget_func = code_map(project.budget.by_func)
        # 政府性基金 / 国有资本 项 budgets: their own maps first, the general map as before
        self._budget_fund = {**self._budget_func, **code_map(project.budget.fund_by_func)}
        self._budget_capital = {**self._budget_func, **code_map(project.budget.capital_by_func)}
        self._names = {**name_map(project.budget.by_func), **name_map(project.prior.by_func)}

    # ------------------------------------------------------------ 一 收支总体
    @cached_property
    def grand_income(self) -> Item:
        t, pr = self.p.t01, self.p.prior
        return Item("收入总计", "收入总计", t.grand_income_sum(), "公开01表.收入总计", pr.grand_income)

    @cached_property
    def grand_expense(self) -> Item:
        t, pr = self.p.t01, self.p.prior
        return Item("支出总计", "支出总计", t.grand_expense_sum(), "公开01表.支出总计",
                    pr.grand_expense if pr.grand_expense is not None else pr.grand_income)

    @property
    def grand_equal(self) -> bool:
        return self.grand_income.value == self.grand_expense.value and \
            self.grand_income.prior == self.grand_expense.prior

    # ------------------------------------------------------------ 二 收入
    @cached_property
    def income_total(self) -> Item:
        pr = self.p.prior
        return Item("本年收入合计", "本年收入合计", self.p.t01.income_sum(), "公开01表.本年收入合计",
                    pr.income_total)

    @cached_property
    def income_sources(self) -> list[Item]:
        """财政拨款收入 (the three fiscal sources together, as 公开02表) and the other sources."""
        t01, pr = self.p.t01, self.p.prior.income
        whole = self.income_total.value
        out = []
        for name in T02_SOURCES:
            if name == "财政拨款收入":
                value = total(t01.income.get(k) for k in FISCAL_SOURCES)
                prior = pr.get("财政拨款收入")
                if prior is None and any(k in pr for k in FISCAL_SOURCES):
                    prior = total(pr.get(k) for k in FISCAL_SOURCES)
            else:
                value, prior = _v(t01.income.get(name)), pr.get(name)
            out.append(Item(name, name, value, f"公开01表.{name}", prior, whole=whole))
        return out

    @cached_property
    def income_by_fund(self) -> list[Item]:
        t01, pr = self.p.t01, self.p.prior.income
        whole = self.income_total.value
        return [Item(k, k, _v(t01.income.get(k)), f"公开01表.{k}", pr.get(k), whole=whole)
                for k in t01.income]

    # ------------------------------------------------------------ 三 支出
    @cached_property
    def expense_total(self) -> Item:
        pr = self.p.prior
        return Item("本年支出合计", "本年支出合计", self.p.t01.expense_sum(), "公开01表.本年支出合计",
                    pr.expense_total)

    @cached_property
    def expense_kinds(self) -> list[Item]:
        t03, pr = self.p.t03.total, self.p.prior.expense
        whole = self.expense_total.value
        return [Item(k, k, _v(t03.kind(k)), f"公开03表.合计.{k}", pr.get(k), whole=whole)
                for k in EXPENSE_KINDS]

    def expense_kind(self, name: str) -> Item:
        return next(i for i in self.expense_kinds if i.name == name)

    # ------------------------------------------------------------ 四 财政拨款总体
    @cached_property
    def fiscal_income(self) -> Item:
        t04, pr = self.p.t04, self.p.prior
        return Item("财政拨款收入总计", "财政拨款收入总计", t04.grand_income_sum(), "公开04表.收入总计",
                    pr.fiscal_grand_income)

    @cached_property
    def fiscal_expense(self) -> Item:
        t04, pr = self.p.t04, self.p.prior
        prior = pr.fiscal_grand_expense if pr.fiscal_grand_expense is not None else pr.fiscal_grand_income
        return Item("财政拨款支出总计", "财政拨款支出总计", t04.grand_expense_sum(), "公开04表.支出总计", prior)

    @property
    def fiscal_equal(self) -> bool:
        return self.fiscal_income.value == self.fiscal_expense.value and \
            self.fiscal_income.prior == self.fiscal_expense.prior

    # ------------------------------------------------------------ 五 一般公共预算
    @cached_property
    def general(self) -> Item:
        t05, pr, b = self.p.t05, self.p.prior, self.p.budget
        value = t05.total.sum() if (t05.total.total is not None or t05.rows) else \
            _v(self.p.t04.expense_total.general)
        budget = b.general_expense
        if budget is None and self._budget_func:
            # the total from the 类, each entered or rolled up from its 款/项 (as the 类 rows are)
            budget = total(self._rollup(self._budget_func, c)
                           for c in sorted({c[:3] for c in self._budget_func})) or None
        return Item("一般公共预算财政拨款支出", "一般公共预算财政拨款支出", value, "公开05表.合计",
                    pr.general_expense, budget, whole=self.expense_total.value)

    @cached_property
    def _row_names(self) -> dict[str, str]:
        """Code → name from the tables, built once (a scan per lookup is quadratic on big tables).
        Earlier tables in the list win, as the lookup order was: 05, 03, 02, 07, 08, then the keys."""
        names = dict(self._names)
        for rows in (self.p.t08.rows, self.p.t07.rows, self.p.t02.rows, self.p.t03.rows, self.p.t05.rows):
            names.update((r.code, r.name) for r in rows)
        return names

    def _func_name(self, code: str) -> str:
        return self._row_names.get(code, code)

    def _full_name(self, code: str) -> str:
        parts = []
        for n, tag in ((3, "类"), (5, "款"), (7, "项")):
            if len(code) >= n:
                parts.append(f"{self._func_name(code[:n])}（{tag}）")
        return "".join(parts)

    @staticmethod
    def _rollup(mapping: dict[str, Decimal | None], code: str) -> Decimal | None:
        """The amount of ``code``: as entered, or else the sum of the next level below it (款 for a
        类, 项 for a 款), recursively — a budget entered by 项 still gives each 类 its budget."""
        if code in mapping:
            return mapping[code]
        step = 2 if len(code) >= 3 else 0
        children = sorted({c[:len(code) + step] for c in mapping
                           if len(c) > len(code) and c.startswith(code)})
        if not step or not children:
            return None
        return total(Facts._rollup(mapping, c) for c in children)

    def _func_item(self, code: str, name: str, value: Decimal, whole: Decimal) -> Item:
        return Item(code, name, value, f"公开05表.{code}", self._rollup(self._prior_func, code),
                    self._rollup(self._budget_func, code), whole=whole, code=code,
                    full_name=self._full_name(code))

    def _level(self, length: int) -> list[Item]:
        """05表 rows of one level (3 类, 5 款, 7 项), plus codes of that level with 年初预算 but no
        spending (they still count: checks.md rule 31)."""
        whole = self.general.value
        seen = {}
        for r in self.p.t05.rows:
            if len(r.code) == length:
                seen[r.code] = self._func_item(r.code, r.name, r.sum(), whole)
        for code in self._budget_func:
            if len(code) == length and code not in seen:
                seen[code] = self._func_item(code, self._func_name(code), ZERO, whole)
        return [seen[c] for c in sorted(seen)]

    @cached_property
    def classes(self) -> list[Item]:
        """一般公共预算财政拨款支出 by 类, with 上年 and 年初预算 by 类 (entered, or summed from below)."""
        return self._level(3)

    def kuan_of(self, code: str) -> list[Item]:
        """The 款 rows of 公开05表 under the 类 ``code``, with their 上年 and 年初预算 (a 类
        paragraph may name one: "其中：抚恤X万元，主要用于死亡抚恤")."""
        whole = self.general.value
        return [self._func_item(r.code, r.name, r.sum(), whole) for r in self.p.t05.rows
                if len(r.code) == 5 and r.code.startswith(code)]

    @cached_property
    def items(self) -> list[Item]:
        """项 rows of 公开05表, plus any 项 with 年初预算 but no spending."""
        return self._level(7)

    @cached_property
    def budget_items(self) -> list[Item]:
        """The rows a "具体情况" list goes through: 项 where the budget is entered by 项 (or not at all),
        else the level it is entered at — a budget entered by 类 must not print 年初预算0万元 for each 项."""
        lengths = {len(c) for c in self._budget_func}
        if not lengths or 7 in lengths:
            return self.items
        return self._level(5 if 5 in lengths else 3)

    # ------------------------------------------------------------ 六 基本支出
    @cached_property
    def basic(self) -> Item:
        t05 = self.p.t05.total
        value = t05.basic if t05.basic is not None else total(r.basic for r in self.p.t05.rows if r.level == 1)
        return Item("一般公共预算财政拨款基本支出", "基本支出", _v(value), "公开05表.合计.基本支出",
                    self.p.prior.general_basic)

    def _econ(self, rows, key: str, name: str, amount: Decimal, prior) -> Item:
        groups = [Item(r.code, r.name, _v(r.amount), f"公开06表.{r.code}", whole=amount, code=r.code)
                  for r in rows if len(r.code) == 3 and r.amount]
        for g in groups:
            g.children = [Item(r.code, r.name, _v(r.amount), f"公开06表.{r.code}", code=r.code)
                          for r in rows if len(r.code) == 5 and r.code.startswith(g.code) and r.amount]
        return Item(key, name, amount, f"公开06表.{name}合计", prior, children=groups)

    @cached_property
    def personnel(self) -> Item:
        t06 = self.p.t06
        return self._econ(t06.personnel, "人员经费", "人员经费", t06.personnel_sum(), self.p.prior.personnel)

    @cached_property
    def public(self) -> Item:
        t06 = self.p.t06
        return self._econ(t06.public, "公用经费", "公用经费", t06.public_sum(), self.p.prior.public)

    # ------------------------------------------------------------ 七 八 政府性基金 / 国有资本
    @cached_property
    def fund(self) -> Item:
        t07 = self.p.t07
        income = t07.total.income if t07.total.income is not None else total(r.income for r in t07.rows if r.level == 1)
        expense = t07.total.expense if t07.total.expense is not None else total(r.expense for r in t07.rows if r.level == 1)
        it = Item("政府性基金", "政府性基金预算财政拨款", _v(expense), "公开07表.合计.本年支出",
                  whole=_v(income))  # whole: the year's fund income, which the text states beside it
        it.children = [Item(r.code, r.name, _v(r.expense), f"公开07表.{r.code}", code=r.code,
                            budget=self._budget_fund.get(r.code), full_name=self._full_name(r.code))
                       for r in t07.rows if r.level == 3]
        return it

    @property
    def fund_income(self) -> Decimal:
        return _v(self.fund.whole)

    @property
    def has_fund(self) -> bool:
        return bool(self.fund.value or self.fund_income or self.p.t07.rows)

    @cached_property
    def capital(self) -> Item:
        t08 = self.p.t08
        value = t08.total.total if t08.total.total is not None else total(r.total for r in t08.rows if r.level == 1)
        it = Item("国有资本经营", "国有资本经营预算财政拨款", _v(value), "公开08表.合计")
        it.children = [Item(r.code, r.name, _v(r.total), f"公开08表.{r.code}", code=r.code,
                            budget=self._budget_capital.get(r.code), full_name=self._full_name(r.code))
                       for r in t08.rows if r.level == 3]
        return it

    @property
    def capital_income(self) -> Decimal:
        return _v(self.p.t04.income.get("国有资本经营预算财政拨款"))

    @property
    def has_capital(self) -> bool:
        return bool(self.capital.value or self.capital_income or self.p.t08.rows)

    # ------------------------------------------------------------ 九 三公
    @cached_property
    def sangong(self) -> Item:
        t09, pr = self.p.t09, self.p.prior.sangong
        actual, budget = t09.actual, t09.budget
        has_prior = any(v is not None for v in (pr.total, pr.abroad, pr.car_purchase, pr.car_running, pr.reception))
        it = Item("三公经费", "“三公”经费", actual.sum(), "公开09表.决算数.合计",
                  pr.sum() if has_prior else None, budget.sum(), whole=actual.sum())
        it.children = [Item(k, k, _v(actual.item(k)), f"公开09表.决算数.{k}",
                            _v(pr.item(k)) if has_prior else None, _v(budget.item(k)), whole=actual.sum())
                       for k in SANGONG_ITEMS]
        return it

    def sangong_item(self, name: str) -> Item:
        if name == "公务用车购置及运行维护费":
            t09, pr = self.p.t09, self.p.prior.sangong
            return Item(name, name, t09.actual.car_sum(), f"公开09表.决算数.{name}",
                        pr.car_sum() if self.sangong.prior is not None else None, t09.budget.car_sum(),
                        whole=self.sangong.value)
        return next(i for i in self.sangong.children if i.name == name)

    @property
    def sangong_detail(self):
        return self.p.sangong

    # ------------------------------------------------------------ 十 其他
    @cached_property
    def running_cost(self) -> Item:
        return Item("机关运行经费", "机关运行经费", _v(self.p.t10.running_cost), "公开10表.机关运行经费",
                    self.p.prior.running_cost)

    @property
    def has_running_cost(self) -> bool:
        return self.p.unit.has_running_cost and (self.running_cost.value != 0 or bool(self.running_cost.prior))

    @cached_property
    def purchase(self) -> Item:
        pu = self.p.t10.purchase
        whole = pu.sum()
        it = Item("政府采购", "政府采购", whole, "公开10表.政府采购.合计", self.p.prior.purchase_total)
        it.children = [Item(k, k, _v(v), f"公开10表.政府采购.{k}", whole=whole)
                       for k, v in (("货物", pu.goods), ("工程", pu.works), ("服务", pu.services))]
        return it

    @cached_property
    def procurement(self) -> dict[str, Item]:
        d = self.p.procurement
        fields = {"中小企业": d.sme, "小微企业": d.micro, "面向中小企业预留": d.reserved_sme,
                  "面向小微企业预留": d.reserved_micro, "预留中小企业中标": d.reserved_sme_won,
                  "预留小微企业中标": d.reserved_micro_won, "其他中小企业中标": d.other_sme_won}
        return {k: Item(k, k, _v(v), f"政府采购明细.{k}", whole=self.purchase.value) for k, v in fields.items()}

    @property
    def vehicles(self) -> list[tuple[str, int]]:
        v = self.p.t10.vehicles
        return [(k, v.get(k) or 0) for k in VEHICLE_KINDS]

    @property
    def vehicles_total(self) -> int:
        return self.p.t10.vehicles_sum()

    @property
    def equipment(self) -> int:
        return self.p.t10.equipment or 0

    # ------------------------------------------------------------ 预算绩效
    @cached_property
    def evaluations(self) -> list[Evaluated]:
        return [Evaluated(e) for e in self.p.performance.projects]

    @cached_property
    def performance(self):
        from .performance import summary
        return summary(self.p)

    # ------------------------------------------------------------ notes
    def note(self, subject: str, kind: str = "reason") -> str:
        return self.p.note(subject, kind)
