"""What the narrative needs besides the tables: 上年数, 年初预算, 三公 counts, 政府采购 details,
预算绩效, and the clerk's words (说明)."""
from __future__ import annotations

import re
from decimal import Decimal

from pydantic import Field, field_validator

from .base import Amount, Count, Model, Text, clean_key
from .tables import SanGong

_FUNC_KEY = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?:\s+(.+))?$")


def split_func_key(key: str) -> tuple[str, str]:
    """"2040601 行政运行" -> ("2040601", "行政运行"); "204" -> ("204", "")."""
    m = _FUNC_KEY.match(clean_key(key))
    if not m:
        raise ValueError(f"“{key}”不是功能分类科目（应为“科目代码 科目名称”，如“2040601 行政运行”）")
    return m.group(1), (m.group(2) or "").strip()


def _func_map(value: dict) -> dict:
    for key in value:
        split_func_key(key)
    return value


def code_map(value: dict[str, Decimal | None]) -> dict[str, Decimal | None]:
    return {split_func_key(k)[0]: v for k, v in value.items()}


def name_map(value: dict[str, object]) -> dict[str, str]:
    out = {}
    for k in value:
        code, name = split_func_key(k)
        if name:
            out[code] = name
    return out


class Prior(Model):
    """上年数: every figure the text compares with last year."""

    grand_income: Amount = Field(None, alias="收入总计")
    grand_expense: Amount = Field(None, alias="支出总计")
    income_total: Amount = Field(None, alias="本年收入合计")
    expense_total: Amount = Field(None, alias="本年支出合计")
    income: dict[str, Amount] = Field(default_factory=dict, alias="收入")
    expense: dict[str, Amount] = Field(default_factory=dict, alias="支出")
    fiscal_grand_income: Amount = Field(None, alias="财政拨款收入总计")
    fiscal_grand_expense: Amount = Field(None, alias="财政拨款支出总计")
    general_expense: Amount = Field(None, alias="一般公共预算财政拨款支出")
    general_basic: Amount = Field(None, alias="一般公共预算财政拨款基本支出")
    personnel: Amount = Field(None, alias="人员经费")
    public: Amount = Field(None, alias="公用经费")
    by_func: dict[str, Amount] = Field(default_factory=dict, alias="功能分类")
    sangong: SanGong = Field(default_factory=SanGong, alias="三公经费")
    running_cost: Amount = Field(None, alias="机关运行经费")
    purchase_total: Amount = Field(None, alias="政府采购")

    _func = field_validator("by_func")(_func_map)


class Budget(Model):
    """年初预算 of 一般公共预算财政拨款支出, in total and by 类/款/项."""

    general_expense: Amount = Field(None, alias="一般公共预算财政拨款支出")
    by_func: dict[str, Amount] = Field(default_factory=dict, alias="功能分类")
    # some regions compare with 全年预算 (调整后预算): the text says which
    basis: Text = Field("年初预算", alias="口径")
    # 年初预算 of 政府性基金 / 国有资本经营 支出 by 项: kept apart so that they never count as
    # 一般公共预算 项 (五（三） lists every 项 of 功能分类 above, spent or not)
    fund_by_func: dict[str, Amount] = Field(default_factory=dict, alias="政府性基金功能分类")
    capital_by_func: dict[str, Amount] = Field(default_factory=dict, alias="国有资本经营功能分类")

    _func = field_validator("by_func", "fund_by_func", "capital_by_func")(_func_map)


class Reception(Model):
    amount: Amount = Field(None, alias="金额")
    batches: Count = Field(None, alias="批次")
    persons: Count = Field(None, alias="人次")


class SanGongDetail(Model):
    """三公 counts and the split of 公务接待费."""

    groups: Count = Field(None, alias="出国团组数")
    travellers: Count = Field(None, alias="出国人次")
    cars_bought: Count = Field(None, alias="购置车辆数")
    cars_kept: Count = Field(None, alias="公务用车保有量")
    domestic: Reception = Field(default_factory=Reception, alias="国内接待")
    foreign_guests: Reception = Field(default_factory=Reception, alias="外事接待")
    abroad: Reception = Field(default_factory=Reception, alias="国（境）外接待")


class ProcurementDetail(Model):
    sme: Amount = Field(None, alias="授予中小企业合同金额")
    micro: Amount = Field(None, alias="授予小微企业合同金额")
    reserved_sme: Amount = Field(None, alias="面向中小企业预留预算金额")
    reserved_micro: Amount = Field(None, alias="面向小微企业预留预算金额")
    reserved_sme_won: Amount = Field(None, alias="预留项目中小企业中标金额")
    reserved_micro_won: Amount = Field(None, alias="预留项目小微企业中标金额")
    other_sme_won: Amount = Field(None, alias="其他项目中小企业中标金额")


class Explanation(Model):
    """The clerk's words about one subject (a figure, a 类/项, a section)."""

    reason: Text | None = Field(None, alias="变动原因")
    usage: Text | None = Field(None, alias="主要用于")
    deviation: Text | None = Field(None, alias="预算偏差原因")
    text: Text | None = Field(None, alias="内容")


EXPLANATION_KINDS = {"变动原因": "reason", "主要用于": "usage", "预算偏差原因": "deviation", "内容": "text"}


class Overview(Model):
    """第一部分 概况, for the whole disclosure."""

    duties: Text | None = Field(None, alias="职责")
    organisation: Text | None = Field(None, alias="机构设置")


def normalise_explanations(value: dict) -> dict:
    return {clean_key(k): v for k, v in value.items()}
