"""The computed view of a project that templates read: every figure the text states, with its
上年 and 年初预算 where the text compares them, and the source it comes from.

Nothing here formats or words anything (that is ``wording`` and the renderer's helpers); an
``Item`` only knows its amounts, so a template can ask for its change, share or completion.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from .compute import (Change, Completion, Share, known_change, known_completion, known_share,
                      determined, known_total, share, total)
from .model import (EXPENSE_KINDS, FISCAL_SOURCES, SANGONG_ITEMS, T02_SOURCES, VEHICLE_KINDS,
                    Project, code_map, name_map)
from .model.performance import Evaluation

ZERO = Decimal(0)


@dataclass
class Item:
    """One stated figure.  ``key`` names the subject of the clerk's notes ("204", "收入总计").

    Unknown is not zero: ``value``, ``prior``, ``budget`` and ``whole`` are None where the clerk has
    not entered them (or a part of the sum they are derived from); the change, share and completion
    of an unknown are of kind "unknown" and the text writes a 待填 marker in their place.
    ``whole_name`` names the whole a share is taken of (for the marker when it is unknown)."""

    key: str
    name: str
    value: Decimal | None
    source: str
    prior: Decimal | None = None
    budget: Decimal | None = None
    whole: Decimal | None = None
    code: str = ""
    full_name: str = ""
    children: list["Item"] = field(default_factory=list)
    whole_name: str = ""
    label: str = ""

    @property
    def field_label(self) -> str:
        """What the 待填 marker of its value says, as a clerk says it (``pending.readable``): the row
        and its table ("公共安全支出（公开05表）"; a 款 or 项 by its 科目代码, since names such as
        行政运行 recur: "2040501 行政运行（公开05表）"), or the input's path ("公务接待费决算数（公开09表）")."""
        from .pending import readable
        if self.label:
            return readable(self.label)
        table = self.source.split(".", 1)[0]
        if self.code:
            return readable(f"{table} {self.code_name}")
        return readable(self.source.replace(".", " "))

    @property
    def code_name(self) -> str:
        """The row as a clerk names it unambiguously: a 类 by its name, a 款 or 项 with its code."""
        return f"{self.code} {self.name}" if len(self.code) > 3 else self.name

    @property
    def change(self) -> Change:
        return known_change(self.value, self.prior)

    @property
    def share(self) -> Share:
        return known_share(self.value, self.whole)

    @property
    def completion(self) -> Completion:
        return known_completion(self.value, self.budget)

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def nonzero(self) -> bool:
        """To be listed where lists leave out 0: entered and not 0, or not entered (its row shows the
        marker, never silently vanishes).  Templates use ``selectattr("nonzero")``."""
        return self.value is None or self.value != 0

    @property
    def is_zero(self) -> bool:
        """Entered as 0 (and no 上年 to compare with): a row the lists leave out.  An unknown
        value is not zero."""
        return self.value is not None and self.value == 0 and not self.prior

    def __str__(self) -> str:  # a template that prints an Item by mistake shows its name
        return self.name


def _v(x: Decimal | None) -> Decimal:
    return x if x is not None else ZERO


def _entered(*values) -> bool:
    return any(v is not None for v in values)


def _stated_or(stated: Decimal | None, parts) -> Decimal | None:
    """A stated total, else the sum of its parts where every part is known."""
    return stated if stated is not None else known_total(parts)


def top_level(codes) -> list[str]:
    """The codes no other code of the list contains (a 项 whose 类 and 款 rows are missing is still
    counted, once, at its own level: an orphan row must not vanish from a sum)."""
    codes = list(dict.fromkeys(codes))
    present = set(codes)
    return [c for c in codes if not any(c[:n] in present for n in range(1, len(c)) if c[:n] != c)]


def _tree(entered: dict[str, Decimal | None]) -> dict[str, Decimal | None]:
    """Every 类/款/项 code of a table: the entered rows, plus each 类 or 款 whose own row is
    missing above an entered row, summed from the top rows below it (deepest first)."""
    out = dict(entered)
    missing = {c[:n] for c in entered for n in (3, 5) if len(c) > n and c[:n] not in entered}
    # a 类/款 row listed with nothing entered is the sum of its rows too (the grid shows it Σ;
    # the app adds these rows with a typed 项)
    missing |= {c for c, v in entered.items() if v is None and len(c) in (3, 5)
                and any(len(k) > len(c) and k.startswith(c) for k in entered)}
    for code in sorted(missing, key=len, reverse=True):
        below = [c for c in out if len(c) > len(code) and c.startswith(code)]
        out[code] = known_total(out[c] for c in top_level(below))
    return out


def _t08_sum(row) -> Decimal | None:
    """A row of 公开08表: its 合计, else 基本 + 项目 where both are known."""
    return determined(row.total, [row.basic, row.project])[0]


def _t05_row(row) -> tuple[Decimal | None, Decimal | None]:
    """(小计, 基本支出) of a 公开05表 row (or its 合计 row), each as far as the entered cells tell."""
    value, (basic, _) = determined(row.total, [row.basic, row.project])
    return value, basic


def _class_name(code: str) -> str:
    from .synth import CLASS_NAMES  # the 2024 类 list by code (data, not synthetic)
    return CLASS_NAMES.get(code[:3], code) if len(code) == 3 else code


def sangong_view(sg) -> dict[str, Decimal | None]:
    """The 三公 figures of one row of 公开09表 (or 上年) as the text reads them: each as entered or as
    the entered cells determine it (``compute.determined``: a blank is the total less the others,
    0 where the others already make the total), else unknown — e.g. only the 公务用车 subtotal
    entered: its two parts are unknown, not 0."""
    car, (buy, run) = determined(sg.car_subtotal, [sg.car_purchase, sg.car_running])
    tot, (abroad, car, reception) = determined(sg.total, [sg.abroad, car, sg.reception])
    if sg.car_subtotal is None and car is not None:
        car, (buy, run) = determined(car, [buy, run])
    if tot is not None and None in (abroad, buy, run, reception) and car is None:
        # the four items themselves make the 合计 (the 公务用车 subtotal blank): entered items that
        # already make it leave the others 0 — 合计 0.31 and 运行维护费 0.31 say the rest is 0
        _, (abroad, buy, run, reception) = determined(tot, [abroad, buy, run, reception])
        car = known_total([buy, run])
    return {"因公出国（境）费": abroad, "公务用车购置费": buy, "公务用车运行维护费": run,
            "公务接待费": reception, "公务用车购置及运行维护费": car, "合计": tot}


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
    def _grand_sides(self) -> tuple[Decimal | None, Decimal | None]:
        """收入总计 and 支出总计 of 公开01表 as their own cells tell (stated, or the sum of known parts)."""
        t = self.p.t01
        return (_stated_or(t.grand_income, [self.income_total.value, t.use_of_balance, t.opening_balance]),
                _stated_or(t.grand_expense, [self.expense_total.value, t.distribution, t.closing_balance]))

    # 收支决算总表 (01表) and 财政拨款收支决算总表 (04表) always balance: 收入总计 = 支出总计, so a
    # side left blank is the other side (the clerk types the figure once; a stated one still wins)
    @cached_property
    def grand_income(self) -> Item:
        pr = self.p.prior
        income, expense = self._grand_sides()
        return Item("收入总计", "收入总计", income if income is not None else expense, "公开01表.收入总计",
                    pr.grand_income if pr.grand_income is not None else pr.grand_expense)

    @cached_property
    def grand_expense(self) -> Item:
        pr = self.p.prior
        income, expense = self._grand_sides()
        return Item("支出总计", "支出总计", expense if expense is not None else income, "公开01表.支出总计",
                    pr.grand_expense if pr.grand_expense is not None else pr.grand_income)

    @property
    def grand_equal(self) -> bool:
        return self.grand_income.value == self.grand_expense.value and \
            self.grand_income.prior == self.grand_expense.prior

    # ------------------------------------------------------------ 二 收入
    @cached_property
    def income_total(self) -> Item:
        t, pr = self.p.t01, self.p.prior
        return Item("本年收入合计", "本年收入合计", _stated_or(t.income_total, t.income.values()),
                    "公开01表.本年收入合计", pr.income_total)

    @cached_property
    def income_sources(self) -> list[Item]:
        """财政拨款收入 (the three fiscal sources together, as 公开02表) and the other sources.
        Sources are read as the table is: once any source is entered, a source left out is 0;
        with none entered (and a total that is not 0) every source is unknown."""
        t01, pr = self.p.t01, self.p.prior.income
        whole = self.income_total.value
        known = bool(t01.income) or whole == 0
        out = []
        for name in T02_SOURCES:
            if name == "财政拨款收入":
                # a source left out of an entered table is 0; one present but blank is unknown
                value = known_total([t01.income[k] for k in FISCAL_SOURCES if k in t01.income] or [ZERO]) \
                    if known else None
                prior = pr.get("财政拨款收入")
                if prior is None and any(k in pr for k in FISCAL_SOURCES):
                    prior = total(pr.get(k) for k in FISCAL_SOURCES)
            else:
                value, prior = (t01.income.get(name, ZERO) if known else None), pr.get(name)
            out.append(Item(name, name, value, f"公开01表.{name}", prior, whole=whole,
                            whole_name="本年收入合计"))
        return out

    @cached_property
    def income_by_fund(self) -> list[Item]:
        t01, pr = self.p.t01, self.p.prior.income
        whole = self.income_total.value
        return [Item(k, k, t01.income.get(k), f"公开01表.{k}", pr.get(k), whole=whole,
                     whole_name="本年收入合计") for k in t01.income]

    # ------------------------------------------------------------ 三 支出
    @cached_property
    def expense_total(self) -> Item:
        t, pr = self.p.t01, self.p.prior
        return Item("本年支出合计", "本年支出合计", _stated_or(t.expense_total, t.expense.values()),
                    "公开01表.本年支出合计", pr.expense_total)

    @staticmethod
    def _t03_row(row) -> dict[str, Decimal | None]:
        _, kinds = determined(row.total, [row.kind(k) for k in EXPENSE_KINDS])
        return dict(zip(EXPENSE_KINDS, kinds))

    def _t03_kind(self, name: str) -> Decimal | None:
        t03 = self.p.t03
        if _entered(t03.total.total, *(t03.total.kind(k) for k in EXPENSE_KINDS)):
            row = t03.total
            if row.total is None and self.p.t01.expense_total is not None:
                # 03表's 合计 is 01表's 本年支出合计 (both: all funds): a kind left blank beside
                # the entered ones is then determined (0 where they already make the total)
                _, kinds = determined(self.p.t01.expense_total, [row.kind(k) for k in EXPENSE_KINDS])
                return dict(zip(EXPENSE_KINDS, kinds))[name]
            return self._t03_row(row)[name]
        if t03.rows:  # the 合计 row blank: the sum of the top rows
            by_code = {r.code: r for r in t03.rows}
            return known_total(self._t03_row(by_code[c])[name] for c in top_level(by_code))
        return ZERO if self.expense_total.value == 0 else None

    @cached_property
    def expense_kinds(self) -> list[Item]:
        pr = self.p.prior.expense
        whole = self.expense_total.value
        return [Item(k, k, self._t03_kind(k), f"公开03表.合计.{k}", pr.get(k), whole=whole,
                     whole_name="本年支出合计") for k in EXPENSE_KINDS]

    def expense_kind(self, name: str) -> Item:
        return next(i for i in self.expense_kinds if i.name == name)

    # ------------------------------------------------------------ 四 财政拨款总体
    def _fiscal_sides(self) -> tuple[Decimal | None, Decimal | None]:
        t04 = self.p.t04
        income = _stated_or(t04.grand_income, [_stated_or(t04.income_total, t04.income.values()),
                                               self._split(t04.opening, None)])
        expense = self._split(t04.grand_expense, None)
        if expense is None:
            expense = known_total([self._split(t04.expense_total, None), self._split(t04.closing, None)])
        return income, expense

    @cached_property
    def fiscal_income(self) -> Item:
        pr = self.p.prior
        income, expense = self._fiscal_sides()
        prior = pr.fiscal_grand_income if pr.fiscal_grand_income is not None else pr.fiscal_grand_expense
        return Item("财政拨款收入总计", "财政拨款收入总计", income if income is not None else expense,
                    "公开04表.收入总计", prior)

    @cached_property
    def fiscal_expense(self) -> Item:
        pr = self.p.prior
        income, expense = self._fiscal_sides()
        prior = pr.fiscal_grand_expense if pr.fiscal_grand_expense is not None else pr.fiscal_grand_income
        return Item("财政拨款支出总计", "财政拨款支出总计", expense if expense is not None else income,
                    "公开04表.支出总计", prior)

    @staticmethod
    def _split(row, column: str | None) -> Decimal | None:
        """One row of 公开04表 split by fund (合计, 一般公共预算, 政府性基金, 国有资本经营): its 合计
        (column None) or one column; blanks beside entered cells are 0, nothing entered is unknown."""
        cells = (row.total, row.general, row.fund, row.capital)
        if not _entered(*cells):
            return None
        value, (general, fund, capital) = determined(row.total, [row.general, row.fund, row.capital])
        return value if column is None else {"general": general, "fund": fund, "capital": capital}[column]

    @property
    def fiscal_equal(self) -> bool:
        return self.fiscal_income.value == self.fiscal_expense.value and \
            self.fiscal_income.prior == self.fiscal_expense.prior

    # ------------------------------------------------------------ 五 一般公共预算
    @cached_property
    def _t05_values(self) -> dict[str, Decimal | None]:
        """Every 类/款/项 of 公开05表: as entered, or, for a 类 or 款 whose row is missing, the sum
        of the rows below it (so an orphan 项 is still counted)."""
        return _tree({r.code: _t05_row(r)[0] for r in self.p.t05.rows})

    @cached_property
    def general(self) -> Item:
        t05, pr, b = self.p.t05, self.p.prior, self.p.budget
        value = None
        if _entered(t05.total.total, t05.total.basic, t05.total.project):
            value = _t05_row(t05.total)[0]
        if value is None and t05.rows:  # (a 合计 row with only its 基本支出 entered says no 小计)
            values = self._t05_values
            value = known_total(values[c] for c in top_level(values))
        elif value is None:
            value = self._split(self.p.t04.expense_total, "general")
        budget = b.general_expense
        if budget is None and self._budget_func:
            # the total from the 类, each entered or rolled up from its 款/项 (as the 类 rows are)
            budget = known_total(self._rollup(self._budget_func, c)
                                 for c in sorted({c[:3] for c in self._budget_func}))
        prior = pr.general_expense
        if prior is None and self._prior_func:  # likewise 上年: the sum of its 类 (as the text takes them)
            prior = known_total(self._rollup(self._prior_func, c)
                                for c in sorted({c[:3] for c in self._prior_func}))
        return Item("一般公共预算财政拨款支出", "一般公共预算财政拨款支出", value, "公开05表.合计",
                    prior, budget, whole=self.expense_total.value, whole_name="本年支出合计")

    @cached_property
    def _row_names(self) -> dict[str, str]:
        """Code → name from the tables, built once (a scan per lookup is quadratic on big tables).
        Earlier tables in the list win, as the lookup order was: 05, 03, 02, 07, 08, then the keys."""
        names = dict(self._names)
        for rows in (self.p.t08.rows, self.p.t07.rows, self.p.t02.rows, self.p.t03.rows, self.p.t05.rows):
            names.update((r.code, r.name) for r in rows)
        return names

    def _func_name(self, code: str) -> str:
        return self._row_names.get(code) or _class_name(code)

    def _full_name(self, code: str) -> str:
        parts = []
        for n, tag in ((3, "类"), (5, "款"), (7, "项")):
            if len(code) >= n:
                parts.append(f"{self._func_name(code[:n])}（{tag}）")
        return "".join(parts)

    @staticmethod
    def _rollup(mapping: dict[str, Decimal | None], code: str) -> Decimal | None:
        """The amount of ``code``: as entered, or else the sum of the next level below it (款 for a
        类, 项 for a 款), recursively — a budget entered by 项 still gives each 类 its budget.
        Unknown (None) when it is not entered and nothing below it is, or a part is unknown."""
        if code in mapping:
            return mapping[code]
        step = 2 if len(code) >= 3 else 0
        children = sorted({c[:len(code) + step] for c in mapping
                           if len(c) > len(code) and c.startswith(code)})
        if not step or not children:
            return None
        return known_total(Facts._rollup(mapping, c) for c in children)

    def _func_item(self, code: str, name: str, value: Decimal | None, whole: Decimal | None) -> Item:
        return Item(code, name, value, f"公开05表.{code}", self._rollup(self._prior_func, code),
                    self._rollup(self._budget_func, code), whole=whole, code=code,
                    full_name=self._full_name(code), whole_name="一般公共预算财政拨款支出")

    def _level(self, length: int) -> list[Item]:
        """05表 rows of one level (3 类, 5 款, 7 项) — a level whose row is missing above an entered
        row is summed from below — plus codes of that level with 年初预算 but no spending (they
        still count: checks.md rule 31; unknown while 05表 has no rows at all)."""
        whole = self.general.value
        seen = {}
        for code, value in self._t05_values.items():
            if len(code) == length:
                seen[code] = self._func_item(code, self._func_name(code), value, whole)
        nothing = ZERO if self.p.t05.rows or self.general.value == 0 else None
        for code in self._budget_func:
            if len(code) == length and code not in seen:
                seen[code] = self._func_item(code, self._func_name(code), nothing, whole)
        return [seen[c] for c in sorted(seen)]

    @cached_property
    def classes(self) -> list[Item]:
        """一般公共预算财政拨款支出 by 类, with 上年 and 年初预算 by 类 (entered, or summed from below)."""
        return self._level(3)

    def kuan_of(self, code: str) -> list[Item]:
        """The 款 rows of 公开05表 under the 类 ``code``, with their 上年 and 年初预算 (a 类
        paragraph may name one: "其中：抚恤X万元，主要用于死亡抚恤")."""
        whole = self.general.value
        return [self._func_item(r.code, r.name, self._t05_values.get(r.code), whole) for r in self.p.t05.rows
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
        t05 = self.p.t05
        value = _t05_row(t05.total)[1] if _entered(t05.total.total, t05.total.basic, t05.total.project) \
            else None
        if value is None and t05.rows:
            by_code = {r.code: r for r in t05.rows}
            value = known_total(_t05_row(by_code[c])[1] for c in top_level(by_code))
        return Item("一般公共预算财政拨款基本支出", "基本支出", value, "公开05表.合计.基本支出",
                    self.p.prior.general_basic)

    def _econ(self, rows, stated, key: str, name: str, prior) -> Item:
        by_code = {r.code: r for r in rows}
        amount = _stated_or(stated, [by_code[c].amount for c in top_level(by_code)])
        groups = [Item(r.code, r.name, r.amount, f"公开06表.{r.code}", whole=amount, code=r.code)
                  for r in rows if len(r.code) == 3 and (r.amount is None or r.amount)]  # blank: a marker
        for g in groups:
            g.children = [Item(r.code, r.name, r.amount, f"公开06表.{r.code}", code=r.code)
                          for r in rows if len(r.code) == 5 and r.code.startswith(g.code)
                          and (r.amount is None or r.amount)]
        return Item(key, name, amount, f"公开06表.{name}合计", prior, children=groups)

    @cached_property
    def personnel(self) -> Item:
        t06 = self.p.t06
        return self._econ(t06.personnel, t06.personnel_total, "人员经费", "人员经费", self.p.prior.personnel)

    @cached_property
    def public(self) -> Item:
        t06 = self.p.t06
        return self._econ(t06.public, t06.public_total, "公用经费", "公用经费", self.p.prior.public)

    # ------------------------------------------------------------ 七 八 政府性基金 / 国有资本
    def _fund_col(self, rows, stated, column, cells) -> Decimal | None:
        """A column of 公开07/08表's 合计: stated, or the sum of the top rows where each is known,
        or (no rows) unknown."""
        if stated is not None:
            return stated
        by_code = {r.code: r for r in rows}
        if not by_code:
            return None
        return known_total(column(by_code[c]) for c in top_level(by_code))

    def _t04_income(self, fund: str) -> Decimal | None:
        t04 = self.p.t04
        if t04.income:
            return t04.income.get(fund, ZERO)  # left out: 0; present but blank: unknown
        if t04.income_total == 0:
            return ZERO
        t01 = self.p.t01.income
        if any(k in t01 for k in FISCAL_SOURCES):
            # 04表's 本年收入 by fund is 01表's 财政拨款收入 by fund ("一般公共预算财政拨款收入" ↔
            # "一般公共预算财政拨款"): read as 01表 is, a fiscal source left out is 0
            return t01.get(f"{fund}收入", ZERO)
        return None

    @cached_property
    def fund(self) -> Item:
        t07 = self.p.t07
        cells = lambda r: (r.opening, r.income, r.expense, r.basic, r.project, r.closing)  # noqa: E731
        spent = lambda r: determined(r.expense, [r.basic, r.project])[0]  # noqa: E731
        income = self._fund_col(t07.rows, t07.total.income, lambda r: r.income, cells)
        expense = self._fund_col(t07.rows, spent(t07.total), spent, cells)
        # 公开04表 has a 政府性基金 column: an entered 04表 with it blank says there was none
        if income is None:
            income = self._t04_income("政府性基金预算财政拨款")
        if expense is None:
            expense = self._split(self.p.t04.expense_total, "fund")
        it = Item("政府性基金", "政府性基金预算财政拨款", expense, "公开07表.合计.本年支出",
                  whole=income, whole_name="政府性基金预算财政拨款收入")
        it.children = [Item(r.code, r.name, spent(r), f"公开07表.{r.code}", code=r.code,
                            budget=self._budget_fund.get(r.code), full_name=self._full_name(r.code))
                       for r in t07.rows if r.level == 3]
        return it

    @property
    def fund_income(self) -> Decimal | None:
        return self.fund.whole

    @property
    def has_fund(self) -> bool:
        """False only where both are entered (or read from 公开04表) as 0 and no row is listed."""
        return not (self.fund.value == 0 and self.fund_income == 0 and not self.p.t07.rows)

    @cached_property
    def capital(self) -> Item:
        t08 = self.p.t08
        cells = lambda r: (r.total, r.basic, r.project)  # noqa: E731
        value = self._fund_col(t08.rows, _t08_sum(t08.total), _t08_sum, cells)
        if value is None:
            value = self._split(self.p.t04.expense_total, "capital")
        it = Item("国有资本经营", "国有资本经营预算财政拨款", value, "公开08表.合计")
        it.children = [Item(r.code, r.name, _t08_sum(r), f"公开08表.{r.code}",
                            code=r.code, budget=self._budget_capital.get(r.code),
                            full_name=self._full_name(r.code))
                       for r in t08.rows if r.level == 3]
        return it

    @property
    def capital_income(self) -> Decimal | None:
        return self._t04_income("国有资本经营预算财政拨款")

    @property
    def has_capital(self) -> bool:
        return not (self.capital.value == 0 and self.capital_income in (0, None) and not self.p.t08.rows) \
            or (self.capital.value is None)

    # ------------------------------------------------------------ 九 三公
    @cached_property
    def _sangong_views(self):
        t09 = self.p.t09
        return sangong_view(t09.actual), sangong_view(self.p.prior.sangong), sangong_view(t09.budget)

    @cached_property
    def sangong(self) -> Item:
        a, pr, b = self._sangong_views
        it = Item("三公经费", "“三公”经费", a["合计"], "公开09表.决算数.合计", pr["合计"], b["合计"],
                  whole=a["合计"], whole_name="“三公”经费合计")
        it.children = [Item(k, k, a[k], f"公开09表.决算数.{k}", pr[k], b[k], whole=a["合计"],
                            whole_name="“三公”经费合计")
                       for k in SANGONG_ITEMS]
        return it

    def sangong_item(self, name: str) -> Item:
        if name == "公务用车购置及运行维护费":
            a, pr, b = self._sangong_views
            return Item(name, name, a[name], f"公开09表.决算数.{name}", pr[name], b[name],
                        whole=a["合计"], whole_name="“三公”经费合计")
        return next(i for i in self.sangong.children if i.name == name)

    @cached_property
    def sangong_detail(self):
        """三公明细 with the counts its entered amounts determine (审核 R32: 团组 > 0 ⇔ 出国费 > 0,
        购置车辆 > 0 ⇔ 购置费 > 0, 批次 > 0 ⇔ 金额 > 0): a count left blank beside an amount of 0
        is 0; any other blank stays unknown (its 待填 marker)."""
        d = self.p.sangong.model_copy(deep=True)
        a = self._sangong_views[0]
        if a["因公出国（境）费"] == 0:
            d.groups = 0 if d.groups is None else d.groups
            d.travellers = 0 if d.travellers is None else d.travellers
        if a["公务用车购置费"] == 0 and d.cars_bought is None:
            d.cars_bought = 0
        _, (home, abroad) = determined(a["公务接待费"], [d.domestic.amount, d.abroad.amount])
        if d.domestic.amount is None:
            d.domestic.amount = home
        if d.abroad.amount is None:
            d.abroad.amount = abroad
        if d.domestic.amount == 0 and d.foreign_guests.amount is None:
            d.foreign_guests.amount = Decimal(0)
        for r in (d.domestic, d.foreign_guests, d.abroad):
            if r.amount == 0:
                r.batches = 0 if r.batches is None else r.batches
                r.persons = 0 if r.persons is None else r.persons
        return d

    # ------------------------------------------------------------ 十 其他
    @cached_property
    def running_cost(self) -> Item:
        return Item("机关运行经费", "机关运行经费", self.p.t10.running_cost, "公开10表.机关运行经费",
                    self.p.prior.running_cost)

    @property
    def has_running_cost(self) -> bool:
        """A 行政/参公 unit with 机关运行经费 to state: not entered counts (the text shows it is
        still to fill), only an entered 0 with no 上年 is "无"."""
        rc = self.running_cost
        return self.p.unit.has_running_cost and (rc.value is None or rc.value != 0 or bool(rc.prior))

    @cached_property
    def purchase(self) -> Item:
        pu = self.p.t10.purchase
        whole, kids = determined(pu.total, [pu.goods, pu.works, pu.services])
        it = Item("政府采购", "政府采购", whole, "公开10表.政府采购.合计", self.p.prior.purchase_total)
        it.children = [Item(k, k, v, f"公开10表.政府采购.{k}", whole=whole, whole_name="政府采购支出总额")
                       for k, v in zip(("货物", "工程", "服务"), kids)]
        return it

    @cached_property
    def procurement(self) -> dict[str, Item]:
        d = self.p.procurement
        fields = {"中小企业": d.sme, "小微企业": d.micro, "面向中小企业预留": d.reserved_sme,
                  "面向小微企业预留": d.reserved_micro, "预留中小企业中标": d.reserved_sme_won,
                  "预留小微企业中标": d.reserved_micro_won, "其他中小企业中标": d.other_sme_won}
        labels = {"中小企业": "授予中小企业合同金额", "小微企业": "授予小微企业合同金额",
                  "面向中小企业预留": "面向中小企业预留预算金额", "面向小微企业预留": "面向小微企业预留预算金额",
                  "预留中小企业中标": "预留项目中小企业中标金额", "预留小微企业中标": "预留项目小微企业中标金额",
                  "其他中小企业中标": "其他项目中小企业中标金额"}
        return {k: Item(k, k, v, f"政府采购明细.{k}", whole=self.purchase.value,
                        whole_name="政府采购支出总额", label=f"政府采购明细 {labels[k]}")
                for k, v in fields.items()}

    @property
    def vehicles(self) -> list[tuple[str, int | None]]:
        """(kind, count) for every kind: once any kind (or a total of 0) is entered, a kind left out
        is 0; with none entered every kind is unknown."""
        t10 = self.p.t10
        v = t10.vehicles
        known = bool(v) or t10.vehicles_total == 0
        return [(k, v.get(k, 0) if known else None) for k in VEHICLE_KINDS]

    @property
    def vehicles_total(self) -> int | None:
        t10 = self.p.t10
        if t10.vehicles_total is not None:
            return t10.vehicles_total
        if not t10.vehicles or any(n is None for n in t10.vehicles.values()):
            return None
        return sum(t10.vehicles.values())

    @property
    def equipment(self) -> int | None:
        return self.p.t10.equipment

    # ------------------------------------------------------------ 预算绩效
    @cached_property
    def evaluations(self) -> list[Evaluated]:
        return [Evaluated(e) for e in self.p.performance.projects]

    @cached_property
    def performance(self):
        from .performance import summary
        return summary(self.p)

    # ------------------------------------------------------------ notes
    def subject_items(self, key: str) -> list[Item]:
        """The figures a 说明 subject explains ("收支总计" → 收入总计 and 支出总计, "204" → the 类),
        so that a reason is only written where its comparison is known."""
        named = {"收支总计": lambda: [self.grand_income, self.grand_expense],
                 "收入总计": lambda: [self.grand_income], "支出总计": lambda: [self.grand_expense],
                 "财政拨款收支总计": lambda: [self.fiscal_income, self.fiscal_expense],
                 "本年收入合计": lambda: [self.income_total], "本年支出合计": lambda: [self.expense_total],
                 "一般公共预算财政拨款支出": lambda: [self.general], "基本支出": lambda: [self.basic],
                 "一般公共预算财政拨款基本支出": lambda: [self.basic],
                 "人员经费": lambda: [self.personnel], "公用经费": lambda: [self.public],
                 "三公经费": lambda: [self.sangong], "机关运行经费": lambda: [self.running_cost],
                 "政府采购": lambda: [self.purchase]}
        if key in named:
            return named[key]()
        if key.isdigit():
            return [i for i in self._level(len(key)) if i.code == key]
        return [i for i in [*self.sangong.children, *self.expense_kinds, *self.income_sources]
                if i.key == key]

    def note(self, subject: str, kind: str = "reason") -> str:
        return self.p.note(subject, kind)
