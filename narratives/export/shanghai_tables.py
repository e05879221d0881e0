"""The nine tables 上海 publishes in 第二部分 (``table_form = "shanghai"``), on portrait pages:
功能分类 codes in 类 / 款 / 项 columns (2040601 → 204 | 06 | 01), no 行次 or 栏次 rows, 三公 as
rows of 预算数 and 决算数.  The figures are the same stated amounts as the national 公开01–09表.
"""
from __future__ import annotations

from ..compute import total
from ..model.tables import INCOME_SOURCES
from ..wording import chinese_numeral
from .layout import Cell, Table, TableBlock
from .whole import NOTES, Tables

TITLES = {
    1: "收入支出决算总表", 2: "收入决算表", 3: "支出决算表", 4: "财政拨款收入支出决算总表",
    5: "一般公共预算财政拨款支出决算表", 6: "一般公共预算财政拨款基本支出决算表",
    7: "政府性基金预算财政拨款收入支出决算表", 8: "国有资本经营预算财政拨款收入支出决算表",
    9: "财政拨款“三公”经费支出决算表",
}


def split_code(code: str) -> list[Cell]:
    """2040601 → 类 204, 款 06, 项 01 (a 类 row fills only 类)."""
    parts = [code[:3], code[3:5], code[5:7]]
    return [Cell(p, align="center") for p in parts]


def func_header(cols: list[str]) -> list[list]:
    """功能分类科目编码 over 类 / 款 / 项, 科目名称, then the amount columns spanning both rows."""
    return [[Cell("功能分类科目编码", cols=3), Cell("科目名称", rows=2), *[Cell(c, rows=2) for c in cols]],
            ["类", "款", "项"]]


class ShanghaiTables(Tables):
    """上海 2024 部门决算公开 第二部分: 9 portrait tables."""

    def _func_body(self, stated, rows, attrs: tuple[str, ...], value=None) -> list[list]:
        body = [[Cell("合计", cols=4, align="center")]
                + [self.amt(getattr(stated, a) if getattr(stated, a) is not None else self._rows_sum(rows, a))
                   for a in attrs]]
        for r in rows:
            body.append(split_code(r.code) + [r.name] + [self.amt(getattr(r, a)) for a in attrs])
        return body

    def t01(self) -> Table:
        t = self.p.t01
        left = [(f"{chinese_numeral(i)}、{name}", t.income.get(name)) for i, name in enumerate(INCOME_SOURCES, 1)]
        # 上海 lists the 类 the unit has, numbered in turn; the national form prints every 类 row
        spent = [name for name in self.classes if t.expense.get(name)] or list(self.classes[:1])
        right = [(f"{chinese_numeral(i)}、{name}", t.expense.get(name)) for i, name in enumerate(spent, 1)]
        left += [("", None)] * (len(right) - len(left))
        right += [("", None)] * (len(left) - len(right))
        left += [("本年收入合计", t.income_sum()), ("使用非财政拨款结余", t.use_of_balance),
                 ("年初结转和结余", t.opening_balance), ("收入总计", t.grand_income_sum())]
        right += [("本年支出合计", t.expense_sum()), ("结余分配", t.distribution),
                  ("年末结转和结余", t.closing_balance), ("支出总计", t.grand_expense_sum())]
        body = [[ll, self.amt(lv) if ll else "", rl, self.amt(rv) if rl else ""]
                for (ll, lv), (rl, rv) in zip(left, right)]
        header = [[Cell("收入", cols=2), Cell("支出", cols=2)], ["项目", "金额", "项目", "金额"]]
        return Table(header, body)

    def t02(self) -> Table:
        cols = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
        attrs = ("total", "fiscal", "superior", "business", "operating", "affiliated", "other")
        return Table(func_header(cols), self._func_body(self.p.t02.total, self.p.t02.rows, attrs))

    def t03(self) -> Table:
        cols = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
        attrs = ("total", "basic", "project", "to_superior", "operating", "to_affiliated")
        return Table(func_header(cols), self._func_body(self.p.t03.total, self.p.t03.rows, attrs))

    def t04(self) -> Table:
        t = self.p.t04
        funds = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
        left = [(f"{chinese_numeral(i)}、{f}", t.income.get(f)) for i, f in enumerate(funds, 1)]

        def split(fs):
            return [None] * 4 if fs is None else [fs.sum(), fs.general, fs.fund, fs.capital]

        spent = [name for name in self.classes if t.expense.get(name) is not None and t.expense.get(name).sum()]
        right = [(f"{chinese_numeral(i)}、{name}", split(t.expense.get(name))) for i, name in enumerate(spent, 1)]
        n = max(len(left), len(right))
        left += [("", None)] * (n - len(left))
        right += [("", None)] * (n - len(right))
        grand = split(t.grand_expense)
        grand[0] = t.grand_expense_sum()
        left += [("本年收入合计", t.income_sum()), ("年初财政拨款结转和结余", t.opening.sum()),
                 ("收入总计", t.grand_income_sum())]
        right += [("本年支出合计", split(t.expense_total)), ("年末财政拨款结转和结余", split(t.closing)),
                  ("支出总计", grand)]
        body = []
        for (ll, lv), (rl, rv) in zip(left, right):
            amounts = [self.amt(v) for v in rv] if rl else [""] * 4
            body.append([ll, self.amt(lv) if ll else "", rl, *amounts])
        header = [[Cell("收入", cols=2), Cell("支出", cols=5)],
                  ["项目", "金额", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                   "国有资本经营预算财政拨款"]]
        return Table(header, body)

    def t05(self) -> Table:
        t = self.p.t05
        header = [[Cell("功能分类科目编码", cols=3), Cell("科目名称", rows=2), Cell("本年支出", cols=3)],
                  ["类", "款", "项", "小计", "基本支出", "项目支出"]]
        tot = t.total
        body = [[Cell("合计", cols=4, align="center"),
                 self.amt(tot.total if tot.total is not None else total(r.sum() for r in t.rows if r.level == 1)),
                 self.amt(tot.basic if tot.basic is not None else self._rows_sum(t.rows, "basic")),
                 self.amt(tot.project if tot.project is not None else self._rows_sum(t.rows, "project"))]]
        body += [split_code(r.code) + [r.name, self.amt(r.sum()), self.amt(r.basic), self.amt(r.project)]
                 for r in t.rows]
        return Table(header, body)

    def t06(self) -> Table:
        """经济分类 in 类 / 款 columns; 人员经费 and 公用经费 as columns, as 上海 prints them."""
        t = self.p.t06
        header = [[Cell("经济分类科目编码", cols=2), Cell("科目名称", rows=2), Cell("合计", rows=2),
                   Cell("人员经费", rows=2), Cell("公用经费", rows=2)], ["类", "款"]]
        body = [[Cell("合计", cols=3, align="center"), self.amt(t.personnel_sum() + t.public_sum()),
                 self.amt(t.personnel_sum()), self.amt(t.public_sum())]]
        for rows, personnel in ((t.personnel, True), (t.public, False)):
            for r in rows:
                if not r.amount:
                    continue  # 上海 lists the items the unit spent on
                code = [Cell(r.code[:3], align="center"), Cell(r.code[3:5], align="center")]
                amount = self.amt(r.amount)
                body.append(code + [r.name, amount, amount if personnel else "", "" if personnel else amount])
        return Table(header, body)

    def t07(self) -> Table:
        t = self.p.t07
        header = [[Cell("功能分类科目编码", cols=3), Cell("科目名称", rows=2), Cell("年初结转和结余", rows=2),
                   Cell("本年收入", rows=2), Cell("本年支出", cols=3), Cell("年末结转和结余", rows=2)],
                  ["类", "款", "项", "小计", "基本支出", "项目支出"]]
        attrs = ("opening", "income", "expense", "basic", "project", "closing")
        return Table(header, self._func_body(t.total, t.rows, attrs))

    def t08(self) -> Table:
        t = self.p.t08
        header = [[Cell("功能分类科目编码", cols=3), Cell("科目名称", rows=2), Cell("本年支出", cols=3)],
                  ["类", "款", "项", "合计", "基本支出", "项目支出"]]
        return Table(header, self._func_body(t.total, t.rows, ("total", "basic", "project")))

    def t09(self) -> Table:
        t = self.p.t09
        b, a = t.budget, t.actual
        rows = [("合计", b.sum(), a.sum()), ("1、因公出国（境）费", b.abroad, a.abroad),
                ("2、公务用车购置及运行维护费", b.car_sum(), a.car_sum()),
                ("其中：公务用车购置费", b.car_purchase, a.car_purchase),
                ("公务用车运行维护费", b.car_running, a.car_running),
                ("3、公务接待费", b.reception, a.reception)]
        body = [[Cell(name, align="center" if name == "合计" else "left"), self.amt(x), self.amt(y)]
                for name, x, y in rows]
        return Table([["项目", "预算数", "决算数"]], body)

    def block(self, number: int) -> TableBlock:
        table = getattr(self, f"t{number:02d}")()
        unit = self.p.unit
        notes = [NOTES[number].format(who=self.who())]
        return TableBlock("", f"{chinese_numeral(number)}、{TITLES[number]}",
                          (f"{self.w.unit_label}{unit.name}", f"{unit.year}年度", self.w.amount_unit),
                          table, notes, self.empty_note(number))
