"""Rules as data: "left op right" over figures named by their keys in the project file.

A rule such as ``公开02表.合计.本年收入合计 = 公开01表.本年收入合计`` is declared once here (or in a
style's ``[extra.checks]`` — a province adds its own rules without new code) and evaluated by
``evaluate``.  An expression is terms joined by `` + `` / `` - `` (spaces around the sign):

- a path of file keys: ``公开04表.本年支出合计.一般公共预算财政拨款``; a 功能分类 row by its code:
  ``公开05表.行.204.小计``; an 经济分类 row of 公开06表 by its code: ``公开06表.30231``;
- ``Σ`` before a path sums a table (dict) of amounts: ``Σ公开01表.收入``;
- ``?`` after a term: an empty cell counts as 0.  Without it an empty cell means the figure was not
  entered and the rule is skipped (a rule whose every term is empty is always skipped).

Tolerance: n × 0.005 万元 for the n amounts compared (counts are exact): within it 提示, beyond 错误.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from pydantic import BaseModel

from ..errors import JuesuanError
from ..model import FISCAL_SOURCES, Project
from .finding import ERROR, TAIL, Finding, amount_text, tolerance

OPS = {"=": "=", "<=": "≤", ">=": "≥"}


class RuleDataError(JuesuanError):
    """A declared rule that names nothing (a province's rule with a typo): says which rule and key."""


@dataclass(frozen=True)
class Term:
    path: str
    sign: int = 1
    optional: bool = False
    summed: bool = False

    def text(self) -> str:
        return ("Σ" if self.summed else "") + self.path + ("?" if self.optional else "")


def parse_expr(text: str, rule_id: str = "") -> tuple[Term, ...]:
    parts = re.split(r"\s+([+-])\s+", text.strip())
    if not parts or not parts[0]:
        raise RuleDataError(f"审核规则 {rule_id}：表达式为空")
    terms, sign = [], 1
    for i, part in enumerate(parts):
        if i % 2:
            sign = 1 if part == "+" else -1
            continue
        p = part.strip()
        summed = p.startswith("Σ")
        optional = p.endswith("?") or p.endswith("？")
        p = p.lstrip("Σ").rstrip("?？").strip()
        if not p or " " in p:
            raise RuleDataError(f"审核规则 {rule_id}：“{text}”不是有效的表达式（项之间用“ + ”或“ - ”连接，两边留空格）")
        terms.append(Term(p, sign, optional, summed))
    return tuple(terms)


@dataclass(frozen=True)
class Declared:
    id: str
    table: str
    left: str
    op: str
    right: str
    description: str
    when: str | None = None
    section: str = ""

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise RuleDataError(f"审核规则 {self.id}：比较符“{self.op}”无效（应为 =、<= 或 >=）")
        if self.when is not None and self.when not in WHEN:
            raise RuleDataError(f"审核规则 {self.id}：条件“{self.when}”无效（可用：{'、'.join(WHEN)}）")
        parse_expr(self.left, self.id)
        parse_expr(self.right, self.id)

    @property
    def formula(self) -> str:
        return f"{self.left} {OPS[self.op]} {self.right}"


# conditions a rule may be limited to
WHEN: dict[str, Callable[[Project], bool]] = {
    "机关运行经费适用": lambda p: p.unit.has_running_cost,
    # a single 行政/参公 unit, or a 部门 of such units only: 机关运行经费 is all its 公用经费
    "机关运行经费即公用经费": lambda p: p.unit.has_running_cost and not p.unit.mixed,
    "事业单位": lambda p: not p.unit.has_running_cost,
}


def D(id, table, left, op, right, description, when=None, section=""):  # noqa: N802 - reads as a table
    return Declared(id, table, left, op, right, description, when, section)


_FUNDS = (("一般公共预算财政拨款", "一般公共预算"), ("政府性基金预算财政拨款", "政府性基金"),
          ("国有资本经营预算财政拨款", "国有资本经营"))
_T01_SOURCES = ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")


def _t09(col: str) -> list[Declared]:
    p = f"公开09表.{col}."
    return [
        D("R25", "公开09表", p + "合计", "=",
          f"{p}因公出国（境）费? + {p}公务用车购置费? + {p}公务用车运行维护费? + {p}公务接待费?",
          f"“三公”经费{col}合计等于因公出国（境）费、公务用车购置及运行维护费、公务接待费之和"),
        D("R26", "公开09表", p + "公务用车购置及运行维护费", "=", f"{p}公务用车购置费? + {p}公务用车运行维护费?",
          f"{col}公务用车购置及运行维护费等于公务用车购置费与公务用车运行维护费之和"),
    ]


BUILTIN: tuple[Declared, ...] = tuple([
    # ---------------------------------------------------------------- 公开01表
    D("R01", "公开01表", "公开01表.本年收入合计", "=", "Σ公开01表.收入", "本年收入合计等于各项收入之和"),
    D("R02", "公开01表", "公开01表.本年支出合计", "=", "Σ公开01表.支出", "本年支出合计等于各类（功能分类）支出之和"),
    D("R03", "公开01表", "公开01表.收入总计", "=",
      "公开01表.本年收入合计 + 公开01表.使用非财政拨款结余? + 公开01表.年初结转和结余?",
      "收入总计等于本年收入合计、使用非财政拨款结余与年初结转和结余之和"),
    D("R04", "公开01表", "公开01表.支出总计", "=",
      "公开01表.本年支出合计 + 公开01表.结余分配? + 公开01表.年末结转和结余?",
      "支出总计等于本年支出合计、结余分配与年末结转和结余之和"),
    D("R05", "公开01表", "公开01表.收入总计", "=", "公开01表.支出总计", "收入总计等于支出总计"),
    # ---------------------------------------------------------------- 公开02表
    D("R08", "公开02表", "公开02表.合计.本年收入合计", "=", "公开01表.本年收入合计",
      "02表本年收入合计等于01表本年收入合计"),
    D("R08", "公开02表", "公开02表.合计.财政拨款收入", "=", "公开01表.财政拨款收入",
      "02表财政拨款收入合计等于01表三项财政拨款收入之和"),
    *[D("R08", "公开02表", f"公开02表.合计.{s}?", "=", f"公开01表.收入.{s}?", f"02表{s}合计等于01表{s}")
      for s in _T01_SOURCES],
    # ---------------------------------------------------------------- 公开03表
    D("R10", "公开03表", "公开03表.合计.本年支出合计", "=", "公开01表.本年支出合计",
      "03表本年支出合计等于01表本年支出合计"),
    # ---------------------------------------------------------------- 公开04表
    D("R11", "公开04表", "公开04表.本年收入合计", "=", "Σ公开04表.收入",
      "04表本年收入合计等于三项财政拨款收入之和"),
    *[D("R11", "公开04表", f"公开04表.收入.{f}?", "=", f"公开01表.收入.{f}收入?",
        f"04表{short}财政拨款收入等于01表{f}收入") for f, short in _FUNDS],
    *[D("R14", "公开04表", f"公开04表.收入.{f}? + 公开04表.年初财政拨款结转和结余.{f}?", "=",
        f"公开04表.本年支出合计.{f}? + 公开04表.年末财政拨款结转和结余.{f}?",
        f"{short}财政拨款：本年收入加年初结转和结余等于本年支出加年末结转和结余") for f, short in _FUNDS],
    D("R14", "公开04表", "公开04表.收入总计", "=",
      "公开04表.本年收入合计 + 公开04表.年初财政拨款结转和结余.合计?", "04表收入总计等于本年收入合计加年初财政拨款结转和结余"),
    D("R14", "公开04表", "公开04表.支出总计.合计", "=",
      "公开04表.本年支出合计.合计 + 公开04表.年末财政拨款结转和结余.合计?", "04表支出总计等于本年支出合计加年末财政拨款结转和结余"),
    D("R14", "公开04表", "公开04表.收入总计", "=", "公开04表.支出总计.合计", "04表收入总计等于支出总计"),
    D("R15", "公开04表", "公开04表.本年支出合计.合计", "<=", "公开03表.合计.本年支出合计",
      "财政拨款本年支出合计不大于03表本年支出合计"),
    # ---------------------------------------------------------------- 公开05/06表
    D("R17", "公开05表", "公开05表.合计.小计", "=", "公开04表.本年支出合计.一般公共预算财政拨款",
      "05表合计等于04表本年支出合计的一般公共预算财政拨款"),
    D("R18", "公开05表", "公开05表.合计.基本支出", "=", "公开06表.人员经费合计 + 公开06表.公用经费合计",
      "05表基本支出合计等于06表人员经费合计与公用经费合计之和"),
    D("R19", "公开06表", "公开06表.人员经费合计", "=", "公开06表.人员经费各款合计",
      "人员经费合计等于各款（301 工资福利支出、303 对个人和家庭的补助）之和"),
    D("R20", "公开06表", "公开06表.公用经费合计", "=", "公开06表.公用经费各款合计",
      "公用经费合计等于各款（302 商品和服务支出、307、309、310、399）之和"),
    D("R22", "公开06表", "公开06表.30212", "<=", "公开09表.决算数.因公出国（境）费?",
      "06表 30212 因公出国（境）费用不大于09表因公出国（境）费决算数"),
    D("R22", "公开06表", "公开06表.30217", "<=", "公开09表.决算数.公务接待费?",
      "06表 30217 公务接待费不大于09表公务接待费决算数"),
    D("R22", "公开06表", "公开06表.30231", "<=", "公开09表.决算数.公务用车运行维护费?",
      "06表 30231 公务用车运行维护费不大于09表公务用车运行维护费决算数"),
    D("R22", "公开06表", "公开06表.31013? + 公开06表.30913?", "<=", "公开09表.决算数.公务用车购置费?",
      "06表 31013（及 30913）公务用车购置不大于09表公务用车购置费决算数"),
    # ---------------------------------------------------------------- 公开07/08表
    D("R24", "公开07表", "公开07表.合计.本年收入?", "=", "公开04表.收入.政府性基金预算财政拨款?",
      "07表本年收入合计等于04表政府性基金预算财政拨款收入"),
    D("R24", "公开07表", "公开07表.合计.本年支出?", "=", "公开04表.本年支出合计.政府性基金预算财政拨款?",
      "07表本年支出合计等于04表政府性基金预算财政拨款支出"),
    D("R24", "公开07表", "公开07表.合计.年初结转和结余?", "=", "公开04表.年初财政拨款结转和结余.政府性基金预算财政拨款?",
      "07表年初结转和结余等于04表政府性基金的年初结转和结余"),
    D("R24", "公开07表", "公开07表.合计.年末结转和结余?", "=", "公开04表.年末财政拨款结转和结余.政府性基金预算财政拨款?",
      "07表年末结转和结余等于04表政府性基金的年末结转和结余"),
    D("R24", "公开08表", "公开08表.合计.合计?", "=", "公开04表.本年支出合计.国有资本经营预算财政拨款?",
      "08表合计等于04表国有资本经营预算财政拨款支出"),
    # ---------------------------------------------------------------- 公开09表
    *_t09("预算数"), *_t09("决算数"),
    # ---------------------------------------------------------------- 公开10表
    D("R27", "公开10表", "公开10表.机关运行经费?", "=", "公开06表.公用经费合计",
      "机关运行经费等于06表公用经费合计（行政单位、参公事业单位；部门含事业单位的，请在单位信息中填写单位构成）",
      when="机关运行经费即公用经费",
      section="running_cost"),
    D("R28", "公开10表", "公开10表.政府采购.合计", "=",
      "公开10表.政府采购.货物? + 公开10表.政府采购.工程? + 公开10表.政府采购.服务?",
      "政府采购合计等于货物、工程、服务之和", section="procurement"),
    D("R28", "公开10表", "政府采购明细.授予中小企业合同金额", "<=", "公开10表.政府采购.合计",
      "授予中小企业合同金额不大于政府采购合计", section="procurement"),
    D("R28", "公开10表", "政府采购明细.授予小微企业合同金额", "<=", "政府采购明细.授予中小企业合同金额",
      "授予小微企业合同金额不大于授予中小企业合同金额", section="procurement"),
    D("R29", "公开10表", "公开10表.车辆数合计", "=", "Σ公开10表.车辆?", "车辆数合计等于各用途车辆数之和",
      section="assets"),
    D("R29", "公开10表", "三公明细.公务用车保有量", "<=", "公开10表.车辆数合计",
      "“三公”公务用车保有量不大于车辆数合计", section="assets"),
    # ---------------------------------------------------------------- the narrative's inputs
    D("R30", "上年", "上年.收入总计", "=", "上年.支出总计", "上年收入总计等于上年支出总计", section="overall"),
    D("R30", "上年", "上年.财政拨款收入总计", "=", "上年.财政拨款支出总计", "上年财政拨款收入总计等于支出总计",
      section="fiscal"),
    D("R32", "三公明细", "三公明细.国内接待.金额? + 三公明细.国（境）外接待.金额?", "=",
      "公开09表.决算数.公务接待费", "国内接待费与国（境）外接待费之和等于09表公务接待费决算数"),
    D("R32", "三公明细", "三公明细.外事接待.金额", "<=", "三公明细.国内接待.金额",
      "外事接待费（含在国内接待中）不大于国内接待费"),
    D("R32", "三公明细", "三公明细.外事接待.批次", "<=", "三公明细.国内接待.批次", "外事接待批次不大于国内接待批次"),
    D("R32", "三公明细", "三公明细.外事接待.人次", "<=", "三公明细.国内接待.人次", "外事接待人次不大于国内接待人次"),
])


# ---------------------------------------------------------------- figures by path
class Index:
    """Per-check caches: 功能分类 rows by code (built once per table, so rules stay linear)."""

    def __init__(self) -> None:
        self._rows: dict[int, dict[str, Any]] = {}

    def row(self, rows: list, code: str) -> Any:
        key = id(rows)
        if key not in self._rows:
            self._rows[key] = {getattr(r, "code", None): r for r in rows}
        return self._rows[key].get(code)


def _econ(rows: list, level_len: int | None = None, code: str | None = None) -> list[Decimal]:
    return [r.amount for r in rows if r.amount is not None
            and (level_len is None or len(r.code) == level_len) and (code is None or r.code == code)]


# figures that are not one cell of the file
DERIVED: dict[str, Callable[[Project], list[Decimal]]] = {
    "公开01表.财政拨款收入": lambda p: [v for k in FISCAL_SOURCES if (v := p.t01.income.get(k)) is not None],
    "公开06表.人员经费各款合计": lambda p: _econ(p.t06.personnel, 3),
    "公开06表.公用经费各款合计": lambda p: _econ(p.t06.public, 3),
}
_ECON_CODE = re.compile(r"^公开06表\.(\d{3}(?:\d{2})?)$")
_FUNC_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")


def _fields(cls: type[BaseModel]) -> dict[str, str]:
    out = {}
    for name, info in cls.model_fields.items():
        out[name] = name
        if info.alias:
            out[info.alias] = name
    return out


def resolve(project: Project, term: Term, index: Index, rule_id: str = "") -> list[Decimal | int] | None:
    """The amounts a term stands for (one, or a table's for Σ), None when not entered."""
    path = term.path
    if path in DERIVED:
        vals = DERIVED[path](project)
        return vals or None
    if m := _ECON_CODE.match(path):
        vals = _econ(project.t06.personnel + project.t06.public, code=m.group(1))
        return vals or None
    obj: Any = project
    for seg in path.split("."):
        if obj is None:
            return None
        if isinstance(obj, BaseModel):
            names = _fields(type(obj))
            if seg not in names:
                raise RuleDataError(f"审核规则 {rule_id}：“{path}”中没有“{seg}”这一项（请核对项目文件中的键名）")
            obj = getattr(obj, names[seg])
        elif isinstance(obj, dict):
            obj = obj.get(seg)
        elif isinstance(obj, list) and _FUNC_CODE.match(seg):
            obj = index.row(obj, seg)
        else:
            raise RuleDataError(f"审核规则 {rule_id}：“{path}”在“{seg}”处无法继续（行用科目代码表示）")
    if term.summed:
        if not isinstance(obj, dict):
            raise RuleDataError(f"审核规则 {rule_id}：Σ 只能用于一组金额（表），“{path}”不是")
        vals = [v for v in obj.values() if v is not None]
        return vals or None
    if obj is None:
        return None
    if isinstance(obj, (Decimal, int)) and not isinstance(obj, bool):
        return [obj]
    raise RuleDataError(f"审核规则 {rule_id}：“{path}”不是一个金额或数量")


def _side(project: Project, terms: tuple[Term, ...], index: Index, rule_id: str):
    """(value, amounts used, skip): skip when a required term is empty."""
    value: Decimal | int = 0
    used: list[Decimal | int] = []
    present = False
    for t in terms:
        vals = resolve(project, t, index, rule_id)
        if vals is None:
            if not t.optional:
                return None, used, True, present
            continue
        present = True
        used += vals
        value += t.sign * sum(vals)
    return value, used, False, present


def label(path_expr: str) -> str:
    """“公开01表.收入总计 + 公开01表.年初结转和结余?” → “公开01表 收入总计 + 公开01表 年初结转和结余”"""
    text = re.sub(r"Σ(\S+)", r"\1各项之和", path_expr)
    return text.replace("?", "").replace("？", "").replace(".", " ")


def evaluate(rule: Declared, project: Project, index: Index | None = None) -> Finding | None:
    if rule.when and not WHEN[rule.when](project):
        return None
    index = index or Index()
    left, lused, lskip, lpresent = _side(project, parse_expr(rule.left, rule.id), index, rule.id)
    right, rused, rskip, rpresent = _side(project, parse_expr(rule.right, rule.id), index, rule.id)
    if lskip or rskip or not (lpresent or rpresent):
        return None
    diff = left - right
    tol = tolerance(lused + rused)
    if rule.op == "=":
        bad = diff != 0
    elif rule.op == "<=":
        bad = diff > 0
    else:
        bad = diff < 0
    if not bad:
        return None
    severity = TAIL if abs(diff) <= tol else ERROR
    counts = all(isinstance(v, int) for v in lused + rused)
    unit = "" if counts else "万元"
    relation = {"=": "应等于", "<=": "应不大于", ">=": "应不小于"}[rule.op]
    msg = (f"{rule.table}：{rule.description}。{label(rule.left)}为{amount_text(left)}{unit}，"
           f"{relation}{label(rule.right)}（{amount_text(right)}{unit}），相差{amount_text(abs(diff))}{unit}")
    if severity == TAIL:
        msg += f"，在尾差范围内（不超过{amount_text(tol)}万元）：可在表下注明“因四舍五入，合计数与分项之和可能存在尾数差异”"
    else:
        msg += "。请核对这几处数字，改正填错的一处"
    location = label(rule.left.split(" ")[0]).split(" ", 1)[-1]
    return Finding(rule.id, severity, rule.table, location, msg + "。", expected=amount_text(right),
                   found=amount_text(left), section=rule.section or _SECTION.get(rule.table, ""))


_SECTION = {"公开01表": "overall", "公开02表": "income", "公开03表": "expense", "公开04表": "fiscal",
            "公开05表": "general", "公开06表": "basic", "公开07表": "fund", "公开08表": "capital",
            "公开09表": "sangong", "公开10表": "running_cost", "上年": "overall", "年初预算": "general",
            "三公明细": "sangong", "政府采购明细": "procurement", "预算绩效": "performance"}


def from_settings(items: Any, where: str) -> list[Declared]:
    """A style's extra rules: ``[[extra.checks.rules]]`` tables with id, table, left, op, right,
    description (and optionally when, section)."""
    if not items:
        return []
    if not isinstance(items, list):
        raise RuleDataError(f"{where}：extra.checks.rules 应为规则列表（[[extra.checks.rules]]）")
    out = []
    keys = ("id", "table", "left", "op", "right", "description", "when", "section")
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise RuleDataError(f"{where}：第 {n} 条审核规则应为一组键值")
        unknown = set(item) - set(keys)
        missing = [k for k in keys[:6] if not item.get(k)]
        name = f"第 {n} 条审核规则" + (f"（{item['id']}）" if item.get("id") else "")
        if unknown or missing:
            what = "；".join(x for x in (f"缺少 {'、'.join(missing)}" if missing else "",
                                         f"未知的键 {'、'.join(sorted(unknown))}" if unknown else "") if x)
            raise RuleDataError(f"{where}：{name}有误：{what}")
        values = {k: str(v) for k, v in item.items()}
        # a clerk may type the signs as printed: ≤ ≥ ＝
        values["op"] = {"≤": "<=", "≥": ">=", "＝": "=", "==": "="}.get(values["op"].strip(), values["op"].strip())
        try:
            out.append(Declared(**values))
        except RuleDataError as exc:
            raise RuleDataError(f"{where}：{exc}") from None
    return out
