"""公开01表 … 公开10表 as published.  Stated totals are kept as stated (the checks compare them with
the sums); where a total is left empty, the narrative uses the sum of its parts."""
from __future__ import annotations

from decimal import Decimal

from pydantic import Field, field_validator

from ..compute import total
from .base import Amount, Count, Model, Text

INCOME_SOURCES = (
    "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入",
    "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
)
FISCAL_SOURCES = INCOME_SOURCES[:3]
# 02表's columns: the three fiscal sources are one column there
T02_SOURCES = ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
EXPENSE_KINDS = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
FUNDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")

# 功能分类 类 rows of 公开01/04表 (2024 list; 2020 added 抗疫, 2024 added 债务还本/付息).
CLASS_ROWS_2024 = (
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
    "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出",
    "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "商业服务业等支出", "金融支出",
    "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出",
    "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出", "债务还本支出", "债务付息支出",
    "抗疫特别国债安排的支出",
)

def class_rows(year: int) -> tuple[str, ...]:
    """The 类 rows of 公开01/04表 for a year: 抗疫特别国债安排的支出 from 2020, 债务还本/付息支出 from 2024."""
    rows = list(CLASS_ROWS_2024)
    if year < 2024:
        rows = [r for r in rows if r not in ("债务还本支出", "债务付息支出")]
    if year < 2020:
        rows = [r for r in rows if r != "抗疫特别国债安排的支出"]
    return tuple(rows)


SANGONG_ITEMS = ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
VEHICLE_KINDS = (
    "副部（省）级及以上领导用车", "主要负责人用车", "机要通信用车", "应急保障用车", "执法执勤用车",
    "特种专业技术用车", "离退休干部服务用车", "其他用车",
)


def _check_keys(value: dict, allowed: tuple[str, ...], what: str) -> dict:
    for key in value:
        if key not in allowed:
            raise ValueError(f"“{key}”不是{what}（应为：{'、'.join(allowed)}）")
    return value


def level(code: str) -> int:
    """类 1, 款 2, 项 3 by the length of the 功能分类 code (3, 5, 7 digits)."""
    return {3: 1, 5: 2, 7: 3}.get(len(code), 0)


class FuncRow(Model):
    """A 功能分类 row: 类 (3 digits), 款 (5) or 项 (7)."""

    code: Text = Field(alias="科目代码", pattern=r"^\d{3}(\d{2}){0,2}$")
    name: Text = Field(alias="科目名称", min_length=1)

    @property
    def level(self) -> int:
        return level(self.code)


# ---------------------------------------------------------------- 公开01表
class T01(Model):
    income: dict[str, Amount] = Field(default_factory=dict, alias="收入")
    expense: dict[str, Amount] = Field(default_factory=dict, alias="支出")
    income_total: Amount = Field(None, alias="本年收入合计")
    use_of_balance: Amount = Field(None, alias="使用非财政拨款结余")
    opening_balance: Amount = Field(None, alias="年初结转和结余")
    grand_income: Amount = Field(None, alias="收入总计")
    expense_total: Amount = Field(None, alias="本年支出合计")
    distribution: Amount = Field(None, alias="结余分配")
    closing_balance: Amount = Field(None, alias="年末结转和结余")
    grand_expense: Amount = Field(None, alias="支出总计")

    _income_keys = field_validator("income")(lambda v: _check_keys(v, INCOME_SOURCES, "公开01表的收入项目"))

    def income_sum(self) -> Decimal:
        return self.income_total if self.income_total is not None else total(self.income.values())

    def expense_sum(self) -> Decimal:
        return self.expense_total if self.expense_total is not None else total(self.expense.values())

    def grand_income_sum(self) -> Decimal:
        if self.grand_income is not None:
            return self.grand_income
        return total([self.income_sum(), self.use_of_balance, self.opening_balance])

    def grand_expense_sum(self) -> Decimal:
        if self.grand_expense is not None:
            return self.grand_expense
        return total([self.expense_sum(), self.distribution, self.closing_balance])

    def fiscal_income(self) -> Decimal:
        return total(self.income.get(k) for k in FISCAL_SOURCES)


# ---------------------------------------------------------------- 公开02表
class T02Total(Model):
    total: Amount = Field(None, alias="本年收入合计")
    fiscal: Amount = Field(None, alias="财政拨款收入")
    superior: Amount = Field(None, alias="上级补助收入")
    business: Amount = Field(None, alias="事业收入")
    operating: Amount = Field(None, alias="经营收入")
    affiliated: Amount = Field(None, alias="附属单位上缴收入")
    other: Amount = Field(None, alias="其他收入")


class T02Row(T02Total, FuncRow):
    pass


class T02(Model):
    total: T02Total = Field(default_factory=T02Total, alias="合计")
    rows: list[T02Row] = Field(default_factory=list, alias="行")


# ---------------------------------------------------------------- 公开03表
class T03Cols(Model):
    total: Amount = Field(None, alias="本年支出合计")
    basic: Amount = Field(None, alias="基本支出")
    project: Amount = Field(None, alias="项目支出")
    to_superior: Amount = Field(None, alias="上缴上级支出")
    operating: Amount = Field(None, alias="经营支出")
    to_affiliated: Amount = Field(None, alias="对附属单位补助支出")

    def kind(self, name: str) -> Decimal | None:
        return {"基本支出": self.basic, "项目支出": self.project, "上缴上级支出": self.to_superior,
                "经营支出": self.operating, "对附属单位补助支出": self.to_affiliated}[name]


class T03Row(T03Cols, FuncRow):
    pass


class T03(Model):
    total: T03Cols = Field(default_factory=T03Cols, alias="合计")
    rows: list[T03Row] = Field(default_factory=list, alias="行")


# ---------------------------------------------------------------- 公开04表
class FundSplit(Model):
    total: Amount = Field(None, alias="合计")
    general: Amount = Field(None, alias="一般公共预算财政拨款")
    fund: Amount = Field(None, alias="政府性基金预算财政拨款")
    capital: Amount = Field(None, alias="国有资本经营预算财政拨款")

    def sum(self) -> Decimal:
        if self.total is not None:
            return self.total
        return total([self.general, self.fund, self.capital])


class T04(Model):
    income: dict[str, Amount] = Field(default_factory=dict, alias="收入")
    expense: dict[str, FundSplit] = Field(default_factory=dict, alias="支出")
    income_total: Amount = Field(None, alias="本年收入合计")
    expense_total: FundSplit = Field(default_factory=FundSplit, alias="本年支出合计")
    opening: FundSplit = Field(default_factory=FundSplit, alias="年初财政拨款结转和结余")
    closing: FundSplit = Field(default_factory=FundSplit, alias="年末财政拨款结转和结余")
    grand_income: Amount = Field(None, alias="收入总计")
    grand_expense: FundSplit = Field(default_factory=FundSplit, alias="支出总计")

    _income_keys = field_validator("income")(lambda v: _check_keys(v, FUNDS, "公开04表的收入项目"))

    def income_sum(self) -> Decimal:
        return self.income_total if self.income_total is not None else total(self.income.values())

    def grand_income_sum(self) -> Decimal:
        if self.grand_income is not None:
            return self.grand_income
        return total([self.income_sum(), self.opening.sum()])

    def grand_expense_sum(self) -> Decimal:
        if self.grand_expense.total is not None:
            return self.grand_expense.total
        return total([self.expense_total.sum(), self.closing.sum()])


# ---------------------------------------------------------------- 公开05表
class T05Cols(Model):
    total: Amount = Field(None, alias="小计")
    basic: Amount = Field(None, alias="基本支出")
    project: Amount = Field(None, alias="项目支出")

    def sum(self) -> Decimal:
        return self.total if self.total is not None else total([self.basic, self.project])


class T05Row(T05Cols, FuncRow):
    pass


class T05(Model):
    total: T05Cols = Field(default_factory=T05Cols, alias="合计")
    rows: list[T05Row] = Field(default_factory=list, alias="行")


# ---------------------------------------------------------------- 公开06表
class EconRow(Model):
    """经济分类: 款 3 digits (301), 项 5 digits (30101)."""

    code: Text = Field(alias="科目代码", pattern=r"^\d{3}(\d{2})?$")
    name: Text = Field(alias="科目名称", min_length=1)
    amount: Amount = Field(None, alias="决算数")


class T06(Model):
    personnel: list[EconRow] = Field(default_factory=list, alias="人员经费")
    public: list[EconRow] = Field(default_factory=list, alias="公用经费")
    personnel_total: Amount = Field(None, alias="人员经费合计")
    public_total: Amount = Field(None, alias="公用经费合计")

    def personnel_sum(self) -> Decimal:
        if self.personnel_total is not None:
            return self.personnel_total
        return total(r.amount for r in self.personnel if len(r.code) == 3)

    def public_sum(self) -> Decimal:
        if self.public_total is not None:
            return self.public_total
        return total(r.amount for r in self.public if len(r.code) == 3)


# ---------------------------------------------------------------- 公开07/08表
class T07Cols(Model):
    opening: Amount = Field(None, alias="年初结转和结余")
    income: Amount = Field(None, alias="本年收入")
    expense: Amount = Field(None, alias="本年支出")
    basic: Amount = Field(None, alias="基本支出")
    project: Amount = Field(None, alias="项目支出")
    closing: Amount = Field(None, alias="年末结转和结余")


class T07Row(T07Cols, FuncRow):
    pass


class T07(Model):
    total: T07Cols = Field(default_factory=T07Cols, alias="合计")
    rows: list[T07Row] = Field(default_factory=list, alias="行")


class T08Cols(Model):
    total: Amount = Field(None, alias="合计")
    basic: Amount = Field(None, alias="基本支出")
    project: Amount = Field(None, alias="项目支出")


class T08Row(T08Cols, FuncRow):
    pass


class T08(Model):
    total: T08Cols = Field(default_factory=T08Cols, alias="合计")
    rows: list[T08Row] = Field(default_factory=list, alias="行")


# ---------------------------------------------------------------- 公开09表
class SanGong(Model):
    abroad: Amount = Field(None, alias="因公出国（境）费")
    car_purchase: Amount = Field(None, alias="公务用车购置费")
    car_running: Amount = Field(None, alias="公务用车运行维护费")
    reception: Amount = Field(None, alias="公务接待费")
    car_subtotal: Amount = Field(None, alias="公务用车购置及运行维护费")
    total: Amount = Field(None, alias="合计")

    def item(self, name: str) -> Decimal | None:
        return {"因公出国（境）费": self.abroad, "公务用车购置费": self.car_purchase,
                "公务用车运行维护费": self.car_running, "公务接待费": self.reception,
                "公务用车购置及运行维护费": self.car_sum(), "合计": self.sum()}[name]

    def car_sum(self) -> Decimal:
        if self.car_subtotal is not None:
            return self.car_subtotal
        return total([self.car_purchase, self.car_running])

    def sum(self) -> Decimal:
        if self.total is not None:
            return self.total
        return total([self.abroad, self.car_sum(), self.reception])


class T09(Model):
    budget: SanGong = Field(default_factory=SanGong, alias="预算数")
    actual: SanGong = Field(default_factory=SanGong, alias="决算数")


# ---------------------------------------------------------------- 公开10表
class Purchase(Model):
    goods: Amount = Field(None, alias="货物")
    works: Amount = Field(None, alias="工程")
    services: Amount = Field(None, alias="服务")
    total: Amount = Field(None, alias="合计")

    def sum(self) -> Decimal:
        return self.total if self.total is not None else total([self.goods, self.works, self.services])


class T10(Model):
    purchase: Purchase = Field(default_factory=Purchase, alias="政府采购")
    running_cost: Amount = Field(None, alias="机关运行经费")
    # the 公用经费 of the 行政 and 参公 units of a 部门 that includes 事业单位: what 机关运行经费
    # must equal there (公开06表 adds the 事业单位's 公用经费 too)
    running_cost_basis: Amount = Field(None, alias="行政参公单位公用经费")
    vehicles: dict[str, Count] = Field(default_factory=dict, alias="车辆")
    vehicles_total: Count = Field(None, alias="车辆数合计")
    equipment: Count = Field(None, alias="单价100万元以上设备")

    _vehicle_keys = field_validator("vehicles")(lambda v: _check_keys(v, VEHICLE_KINDS, "车辆用途"))

    def vehicles_sum(self) -> int:
        if self.vehicles_total is not None:
            return self.vehicles_total
        return sum(v or 0 for v in self.vehicles.values())
