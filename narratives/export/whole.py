"""The whole disclosure (``--whole``): 第一部分 概况, 第二部分 the tables 公开01–10表 laid out as
published (titles, 公开0X表, 金额单位, the columns with their spans and 栏次), 第三部分 the rendered
text, 第四部分 the style's 名词解释, 第五部分 附件 (the 项目支出绩效自评表).

Amounts in the tables are the stated figures, rounded half up to 2 decimals for display only.
"""
from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from ..compute import total
from ..facts import Evaluated
from ..model import Project
from ..model.tables import CLASS_ROWS_2024, INCOME_SOURCES, VEHICLE_KINDS
from ..money import format_number
from ..styles import Style
from ..wording import chinese_numeral
from .layout import Block, Cell, Cover, Heading, Para, Part3, PartHeading, Table, TableBlock, Toc
from .settings import DocxSettings, WholeSettings

TITLES = {
    1: "收入支出决算总表", 2: "收入决算表", 3: "支出决算表", 4: "财政拨款收入支出决算总表",
    5: "一般公共预算财政拨款支出决算表", 6: "一般公共预算财政拨款基本支出决算明细表",
    7: "政府性基金预算财政拨款收入支出决算表", 8: "国有资本经营预算财政拨款支出决算表",
    9: "财政拨款“三公”经费支出决算表", 10: "部门决算公开相关信息统计表",
}
# the notes the national template prints under each table ({who}: 部门 or 单位)
NOTES = {
    1: "注：本表反映{who}本年度的总收支和年末结转结余情况。本套报表金额单位转换时可能存在尾数误差。",
    2: "注：本表反映{who}本年度取得的各项收入情况。",
    3: "注：本表反映{who}本年度各项支出情况。",
    4: "注：本表反映{who}本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。",
    5: "注：本表反映{who}本年度一般公共预算财政拨款支出情况。",
    6: "注：本表反映{who}本年度一般公共预算财政拨款基本支出明细情况。",
    7: "注：本表反映{who}本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
    8: "注：本表反映{who}本年度国有资本经营预算财政拨款支出情况。",
    9: "注：本表反映{who}本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。",
    10: "注：本表反映{who}本年度政府采购、机关运行经费和国有资产占用情况。",
}
# one sentence instead of the note when a table holds no figure, as publications write it
EMPTY_NOTES = {
    1: "注：本{who}本年度无收支，故本表无数据。",
    2: "注：本{who}本年度无收入，故本表无数据。",
    3: "注：本{who}本年度无支出，故本表无数据。",
    4: "注：本{who}本年度无财政拨款收支，故本表无数据。",
    5: "注：本{who}本年度无一般公共预算财政拨款支出，故本表无数据。",
    6: "注：本{who}本年度无一般公共预算财政拨款基本支出，故本表无数据。",
    7: "注：本{who}没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。",
    8: "注：本{who}没有使用国有资本经营预算安排的支出，故本表无数据。",
    9: "注：本{who}无财政拨款安排的“三公”经费支出，故本表无数据。",
    10: "注：本{who}本年度无政府采购、机关运行经费和国有资产占用，故本表无数据。",
}
ZERO = Decimal(0)


def _all_zero(value) -> bool:
    """Every amount or count in a table is 0 or missing (names and codes do not count).  The model
    is walked, not dumped: a dump turns amounts into their stored text."""
    if isinstance(value, BaseModel):
        return all(_all_zero(getattr(value, name)) for name in type(value).model_fields)
    if isinstance(value, dict):
        return all(_all_zero(v) for v in value.values())
    if isinstance(value, list):
        return all(_all_zero(v) for v in value)
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return value == 0
    return True


def _centred(n: int) -> Cell:
    """A 行次 number: centred, not right-aligned like an amount."""
    return Cell(str(n), align="center")


class Tables:
    """公开01–10表 of one project as layout tables."""

    def __init__(self, project: Project, style: Style, whole: WholeSettings):
        self.p, self.w = project, whole
        self.classes = list(style.settings.class_rows or CLASS_ROWS_2024)

    # ---------------------------------------------------------------- cells
    def amt(self, v: Decimal | None) -> str:
        if v is None or v == 0:
            return self.w.table_zero
        return format_number(v, 2, True, False)

    def count(self, n: int | None) -> str:
        if not n:
            return "0" if self.w.table_zero else ""
        return str(n)

    @staticmethod
    def _rows_sum(rows, attr: str) -> Decimal:
        return total(getattr(r, attr) for r in rows if r.level == 1)

    def _total_row(self, stated, rows, attrs: tuple[str, ...]) -> list:
        cells: list = [Cell("合计", cols=2, align="center")]
        for a in attrs:
            v = getattr(stated, a)
            cells.append(self.amt(v if v is not None else self._rows_sum(rows, a)))
        return cells

    def _func_rows(self, rows, attrs: tuple[str, ...], value=None) -> list[list]:
        out = []
        for r in rows:
            vals = [value(r) if (value and a == "*") else getattr(r, a) for a in attrs]
            out.append([Cell(r.code, align="left"), r.name, *[self.amt(v) for v in vals]])
        return out

    @staticmethod
    def _stub(labels: tuple[str, ...]) -> list[list]:
        return [[Cell("栏次", cols=2), *[str(i) for i in range(1, len(labels) + 1)]]]

    # ---------------------------------------------------------------- 01
    def t01(self) -> Table:
        t = self.p.t01
        n = len(self.classes)
        left = [(f"{chinese_numeral(i)}、{name}", t.income.get(name)) for i, name in enumerate(INCOME_SOURCES, 1)]
        left += [("", None)] * (n - len(left))
        left += [("本年收入合计", t.income_sum()), ("使用非财政拨款结余", t.use_of_balance),
                 ("年初结转和结余", t.opening_balance), ("", None), ("总计", t.grand_income_sum())]
        right = [(f"{chinese_numeral(i)}、{name}", t.expense.get(name)) for i, name in enumerate(self.classes, 1)]
        right += [("本年支出合计", t.expense_sum()), ("结余分配", t.distribution),
                  ("年末结转和结余", t.closing_balance), ("", None), ("总计", t.grand_expense_sum())]
        body = []
        for k, ((ll, lv), (rl, rv)) in enumerate(zip(left, right)):
            body.append([ll, _centred(k + 1), self.amt(lv) if ll else "",
                         rl, _centred(k + 1 + len(left)), self.amt(rv) if rl else ""])
        header = [[Cell("收入", cols=3), Cell("支出", cols=3)],
                  ["项目", "行次", "金额", "项目", "行次", "金额"],
                  ["栏次", "", "1", "栏次", "", "2"]]
        return Table(header, body, [5, 1, 2, 5, 1, 2])

    # ---------------------------------------------------------------- 02 03 05 07 08
    def t02(self) -> Table:
        cols = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
        attrs = ("total", "fiscal", "superior", "business", "operating", "affiliated", "other")
        header = [[Cell("项目", cols=2), *[Cell(c, rows=2) for c in cols]], ["科目代码", "科目名称"]]
        header += self._stub(cols)
        body = [self._total_row(self.p.t02.total, self.p.t02.rows, attrs)]
        body += self._func_rows(self.p.t02.rows, attrs)
        return Table(header, body, [1.6, 4.4] + [1.5] * len(cols))

    def t03(self) -> Table:
        cols = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
        attrs = ("total", "basic", "project", "to_superior", "operating", "to_affiliated")
        header = [[Cell("项目", cols=2), *[Cell(c, rows=2) for c in cols]], ["科目代码", "科目名称"]]
        header += self._stub(cols)
        body = [self._total_row(self.p.t03.total, self.p.t03.rows, attrs)]
        body += self._func_rows(self.p.t03.rows, attrs)
        return Table(header, body, [1.6, 4.4] + [1.6] * len(cols))

    def t05(self) -> Table:
        t = self.p.t05
        header = [[Cell("项目", cols=2), Cell("本年支出", cols=3)],
                  ["科目代码", "科目名称", "小计", "基本支出", "项目支出"]] + self._stub(("1", "2", "3"))
        tot = t.total
        body = [[Cell("合计", cols=2, align="center"),
                 self.amt(tot.total if tot.total is not None else self._rows_sum(t.rows, "total")
                          if any(r.total is not None for r in t.rows) else total([tot.basic, tot.project])),
                 self.amt(tot.basic if tot.basic is not None else self._rows_sum(t.rows, "basic")),
                 self.amt(tot.project if tot.project is not None else self._rows_sum(t.rows, "project"))]]
        body += [[Cell(r.code, align="left"), r.name, self.amt(r.sum()), self.amt(r.basic), self.amt(r.project)]
                 for r in t.rows]
        return Table(header, body, [1.6, 5, 2, 2, 2])

    def t07(self) -> Table:
        t = self.p.t07
        header = [[Cell("项目", cols=2), Cell("年初结转和结余", rows=2), Cell("本年收入", rows=2),
                   Cell("本年支出", cols=3), Cell("年末结转和结余", rows=2)],
                  ["科目代码", "科目名称", "小计", "基本支出", "项目支出"]] + self._stub(tuple("123456"))
        attrs = ("opening", "income", "expense", "basic", "project", "closing")
        body = [self._total_row(t.total, t.rows, attrs)] + self._func_rows(t.rows, attrs)
        return Table(header, body, [1.6, 4.4] + [1.6] * 6)

    def t08(self) -> Table:
        t = self.p.t08
        header = [[Cell("项目", cols=2), Cell("本年支出", cols=3)],
                  ["科目代码", "科目名称", "合计", "基本支出", "项目支出"]] + self._stub(("1", "2", "3"))
        attrs = ("total", "basic", "project")
        body = [self._total_row(t.total, t.rows, attrs)] + self._func_rows(t.rows, attrs)
        return Table(header, body, [1.6, 5, 2, 2, 2])

    # ---------------------------------------------------------------- 04
    def t04(self) -> Table:
        t = self.p.t04
        n = len(self.classes)
        funds = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
        left = [(f"{chinese_numeral(i)}、{f}", t.income.get(f)) for i, f in enumerate(funds, 1)]
        left += [("", None)] * (n - len(left))
        left += [("本年收入合计", t.income_sum()), ("年初财政拨款结转和结余", t.opening.sum()),
                 ("一般公共预算财政拨款", t.opening.general), ("政府性基金预算财政拨款", t.opening.fund),
                 ("国有资本经营预算财政拨款", t.opening.capital), ("总计", t.grand_income_sum())]

        def split(fs):
            if fs is None:
                return [None] * 4
            return [fs.sum(), fs.general, fs.fund, fs.capital]

        right = [(f"{chinese_numeral(i)}、{name}", split(t.expense.get(name))) for i, name in enumerate(self.classes, 1)]
        grand = split(t.grand_expense)
        grand[0] = t.grand_expense_sum()
        right += [("本年支出合计", split(t.expense_total)), ("年末财政拨款结转和结余", split(t.closing)),
                  ("", None), ("", None), ("", None), ("总计", grand)]
        body = []
        for k, ((ll, lv), (rl, rv)) in enumerate(zip(left, right)):
            amounts = [self.amt(v) for v in rv] if rl else [""] * 4
            body.append([ll, _centred(k + 1), self.amt(lv) if ll else "", rl, _centred(k + 1 + len(left)), *amounts])
        header = [[Cell("收入", cols=3), Cell("支出", cols=6)],
                  ["项目", "行次", "金额", "项目", "行次", "合计", *funds],
                  ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"]]
        return Table(header, body, [4.6, 0.8, 1.5, 4.9, 0.8, 1.5, 1.7, 1.7, 1.7])

    # ---------------------------------------------------------------- 06
    def t06(self) -> Table:
        t = self.p.t06
        g = self.w.t06_groups
        per = list(t.personnel)
        pub = list(t.public)
        n = max(len(per), -(-len(pub) // g), 1)
        label = self.w.t06_amount
        header = [[Cell("人员经费", cols=3), Cell("公用经费", cols=3 * g)],
                  ["科目代码", "科目名称", label] * (1 + g)]
        body = []
        for i in range(n):
            row: list = []
            for col in [per] + [pub[k * n:(k + 1) * n] for k in range(g)]:
                if i < len(col):
                    r = col[i]
                    row += [Cell(r.code, align="left"), r.name, self.amt(r.amount)]
                else:
                    row += ["", "", ""]
            body.append(row)
        body.append([Cell("人员经费合计", cols=2, align="center"), self.amt(t.personnel_sum()),
                     Cell("公用经费合计", cols=3 * g - 1, align="center"), self.amt(t.public_sum())])
        return Table(header, body, [1.9, 2.9, 1.3] * (1 + g))

    # ---------------------------------------------------------------- 09
    def t09(self) -> Table:
        t = self.p.t09
        group = [Cell("合计", rows=2), Cell("因公出国（境）费", rows=2), Cell("公务用车购置及运行维护费", cols=3),
                 Cell("公务接待费", rows=2)]
        header = [[Cell("预算数", cols=6), Cell("决算数", cols=6)], group + [Cell(c.text, c.cols, c.rows) for c in group],
                  ["小计", "公务用车购置费", "公务用车运行维护费"] * 2, [str(i) for i in range(1, 13)]]
        row = []
        for s in (t.budget, t.actual):
            row += [self.amt(s.sum()), self.amt(s.abroad), self.amt(s.car_sum()), self.amt(s.car_purchase),
                    self.amt(s.car_running), self.amt(s.reception)]
        return Table(header, [row])

    # ---------------------------------------------------------------- 10
    def t10(self) -> Table:
        t = self.p.t10
        kind = self.p.unit.kind
        rc = t.running_cost

        def section(text: str) -> list:
            return [Cell(text, cols=3, align="left", bold=True)]

        body = [section("一、政府采购情况"),
                ["合计", _centred(1), self.amt(t.purchase.sum())], ["货物", _centred(2), self.amt(t.purchase.goods)],
                ["工程", _centred(3), self.amt(t.purchase.works)], ["服务", _centred(4), self.amt(t.purchase.services)],
                section("二、机关运行经费"),
                ["（一）行政单位", _centred(5), self.amt(rc) if kind == "行政单位" else ""],
                ["（二）参照公务员法管理事业单位", _centred(6), self.amt(rc) if kind == "参照公务员法管理事业单位" else ""],
                section("三、国有资产占用情况"),
                ["（一）车辆数合计（辆）", _centred(7), self.count(t.vehicles_sum())]]
        for i, k in enumerate(VEHICLE_KINDS, 1):
            body.append([f"{i}. {k}", _centred(7 + i), self.count(t.vehicles.get(k))])
        body.append(["（二）单价100万元（含）以上设备（不含车辆）（台、套）", _centred(8 + len(VEHICLE_KINDS)),
                     self.count(t.equipment)])
        return Table([["项目", "行次", "统计数"]], body, [8, 1.5, 3])

    # ---------------------------------------------------------------- emptiness
    def is_empty(self, number: int) -> bool:
        """No figure other than 0 anywhere in the table (07/08 mostly; any table of a new project)."""
        return _all_zero(getattr(self.p, f"t{number:02d}"))

    def who(self) -> str:
        return "部门" if "部门" in self.w.unit_label else "单位"

    def empty_note(self, number: int) -> str:
        """The sentence an empty table prints instead of its note ("" when it holds figures)."""
        if not self.is_empty(number):
            return ""
        if self.w.empty:  # the older two-line way: the note, then 说明：…
            return ""
        text = self.w.empty_notes.get(number) or EMPTY_NOTES.get(number, "注：本{who}无此表数据。")
        return text.format(who=self.who())

    def block(self, number: int) -> TableBlock:
        table = getattr(self, f"t{number:02d}")()
        unit = self.p.unit
        notes = [NOTES[number].format(who=self.who())]
        if self.w.empty and self.is_empty(number):
            notes.append(f"说明：{self.w.empty}")
        return TableBlock(f"公开{number:02d}表", TITLES[number],
                          (f"{self.w.unit_label}{unit.name}", f"{unit.year}年度", self.w.amount_unit),
                          table, notes, self.empty_note(number))


# ---------------------------------------------------------------- 第五部分
def _pct(rate: Decimal | None) -> str:
    return "" if rate is None else format_number(rate, 2, False, True) + "%"


def _num(v: Decimal | None) -> str:
    return "" if v is None else format_number(v, 2, False, True)


def evaluation_table(ev: Evaluated) -> Table:
    """项目支出绩效自评表: the figures as the clerk entered them (自评得分/等级 as stated; the
    checks compare them with the computed ones)."""
    e = ev.source
    score = e.stated_score if e.stated_score is not None else ev.score
    grade = e.stated_grade or ev.grade or ""
    weights = total([i.weight for i in e.indicators] + [e.execution_weight])
    rows: list[list] = [
        [Cell("项目名称", bold=True), Cell(e.name, cols=4, align="left"), Cell("主管部门", bold=True),
         Cell(e.department, cols=2, align="left")],
        [Cell("预算执行情况（万元）", cols=2, bold=True), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [Cell("年度资金总额", cols=2), *[_c(x) for x in (_num(e.initial_budget), _num(e.full_budget),
                                                         _num(e.executed), _num(e.execution_weight),
                                                         _pct(ev.execution_rate), _num(ev.execution_score))]],
    ]
    if e.goal or e.achievement:
        rows += [[Cell("年度总体目标", rows=2, bold=True), Cell("年初预期目标", cols=3, bold=True),
                  Cell("目标实际完成情况", cols=4, bold=True)],
                 [Cell(e.goal, cols=3, align="left"), Cell(e.achievement, cols=4, align="left")]]
    if e.indicators:
        rows.append([Cell(t, bold=True) for t in
                     ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析")])
        rows += indicator_rows(e.indicators)
    # 分值 and 得分 of the total stand in the 分值 and 得分 columns of the indicators above
    if e.indicators:
        rows.append([Cell("总分", cols=5, bold=True), _c(_num(weights) if weights else ""), _c(_num(score)), ""])
    else:  # no indicator rows: under the 分值 and 得分 of the 预算执行 row above
        rows.append([Cell("总分", cols=5, bold=True), _c(_num(weights) if weights else ""), "", _c(_num(score))])
    rows.append([Cell("自评等级", cols=2, bold=True), Cell(grade, cols=6, align="left")])
    for label, text in (("自评结论", e.conclusion), ("存在问题", e.problems), ("改进措施", e.measures)):
        if text:
            rows.append([Cell(label, cols=2, bold=True), Cell(text, cols=6, align="left")])
    return Table(rows[:1], rows[1:], [2.2, 2.2, 4, 2, 2, 1.2, 1.2, 3.2], repeat_header=False)


def _c(text: str) -> Cell:
    """A figure of the 自评表, centred as the official form prints them."""
    return Cell(text, align="center")


def indicator_rows(indicators) -> list[list]:
    """The indicator rows, 一级 and 二级指标 as merged cells over the rows they head (the form's
    layout), consecutive equal names forming one cell."""
    out: list[list] = []
    n = len(indicators)
    span1 = span2 = 0
    for k, i in enumerate(indicators):
        row: list = []
        if span1 == 0:
            span1 = 1
            while k + span1 < n and indicators[k + span1].level1 == i.level1:
                span1 += 1
            row.append(Cell(i.level1, rows=span1, align="center"))
        if span2 == 0:
            span2 = 1
            while k + span2 < n and (indicators[k + span2].level1, indicators[k + span2].level2) == \
                    (i.level1, i.level2) and k + span2 < k + span1:
                span2 += 1
            row.append(Cell(i.level2, rows=span2, align="center"))
        span1 -= 1
        span2 -= 1
        row += [Cell(i.level3, align="left"), _c(i.target), _c(i.achieved), _c(_num(i.weight)),
                _c(_num(i.score)), Cell(i.note, align="left")]
        out.append(row)
    return out


def summary_table(evs: list[Evaluated]) -> Table:
    body = []
    for k, ev in enumerate(evs, 1):
        e = ev.source
        score = e.stated_score if e.stated_score is not None else ev.score
        body.append([_c(str(k)), Cell(e.name, align="left"), _c(_num(score)), _c(e.stated_grade or ev.grade or "")])
    return Table([["序号", "项目名称", "自评得分", "自评等级"]], body, [1, 6, 2, 2])


# ---------------------------------------------------------------- the parts
def whole_blocks(project: Project, style: Style, settings: DocxSettings, part3: Part3) -> list[Block]:
    """The cover, the 目录 and the style's parts in its order (``[[parts]]`` in style.toml)."""
    w = settings.whole
    unit = project.unit
    from ..dates import signature_date
    fill = {"unit": unit.name, "year": unit.year, "date": signature_date()}
    blocks: list[Block] = [Cover(w.cover.replace("\\n", "\n").format(**fill),
                                 w.cover_foot.replace("\\n", "\n").format(**fill))]
    if w.toc:
        blocks.append(Toc(w.toc, w.toc_levels))
    defaults = {"overview": w.part1, "tables": w.part2, "glossary": w.part4, "attachments": w.part5}
    for part in style.settings.parts:
        title = (part.title or defaults.get(part.kind, "")).format(**fill)
        if part.kind == "explanation":
            part3.whole = True
            if part.title:
                part3.document.title = title
            blocks.append(part3)
            continue
        body = PARTS[part.kind](project, style, w)
        if not body and part.omit_empty:
            continue
        blocks.append(PartHeading(title))
        blocks += body or [Para("无")]
    return blocks


def overview_blocks(project: Project, style: Style, w: WholeSettings) -> list[Block]:
    out: list[Block] = []
    ov = project.overview
    for heading, text in ((w.duties, ov.duties), (w.organisation, ov.organisation)):
        out.append(Heading(heading, 1))
        paras = [t.strip() for t in (text or "").splitlines() if t.strip()]
        out += [Para(t) for t in paras] or [Para("（未填写：项目文件“概况”中尚无此项）")]
    return out


def table_blocks(project: Project, style: Style, w: WholeSettings) -> list[Block]:
    if w.table_form == "shanghai":
        from .shanghai_tables import ShanghaiTables
        tables: Tables = ShanghaiTables(project, style, w)
    else:
        tables = Tables(project, style, w)
    blocks = [tables.block(n) for n in w.tables]
    for k, b in enumerate(blocks, 1):  # the 目录 numbers the tables as publications list them
        if not b.title.startswith(f"{chinese_numeral(k)}、"):
            b.toc_title = f"{chinese_numeral(k)}、{b.title}"
    return blocks


def glossary_blocks(project: Project, style: Style, w: WholeSettings) -> list[Block]:
    glossary = style.settings.glossary
    return [Para(f"{chinese_numeral(i)}、{text}") for i, text in enumerate(glossary, 1)] \
        or [Para("（本样式未提供名词解释）")]


def attachment_blocks(project: Project, style: Style, w: WholeSettings) -> list[Block]:
    unit = project.unit
    evs = [Evaluated(e) for e in project.performance.projects]
    if not evs:
        return []
    out: list[Block] = [TableBlock("附件1", f"{unit.year}年度项目支出绩效自评情况汇总表",
                                   (f"单位：{unit.name}", "", ""), summary_table(evs), landscape=False,
                                   outline=False, label_first=True, keep_whole=True)]
    for k, ev in enumerate(evs, 2):
        out.append(TableBlock(f"附件{k}", f"{unit.year}年度项目支出绩效自评表",
                              (f"单位：{unit.name}", ev.source.name, ""), evaluation_table(ev),
                              landscape=False, outline=False, new_page=False, label_first=True,
                              keep_whole=True))
    return out


PARTS = {"overview": overview_blocks, "tables": table_blocks, "glossary": glossary_blocks,
         "attachments": attachment_blocks}
