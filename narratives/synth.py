"""Synthetic units: realistic, internally consistent projects for benchmarks and tests.

``generate(seed, func_rows, econ_rows, style)`` builds one unit's year: tables 01–10 that satisfy the
勾稽关系 of /work/shared/spec/checks.md exactly (T01 = Σ 类; T02/T03/T05 类 = Σ 款 = Σ 项; T04 = T05 for
一般公共预算; T05 基本支出 = T06 人员 + 公用; 三公 of T06 within T09; 机关运行经费 = 公用经费 for
行政/参公 units …), a plausible 上年 (each row ±30%) and 年初预算 (by 类 and 项, Σ 项 = total), the
clerk's reasons, 三公 counts that agree with the amounts, and 绩效 self-evaluations whose grades agree
with their scores.

Why integers: every amount is drawn as a whole number of 元 and only turned into 万元 text at the end
(12 345 元 → "1.2345"), so every sum is exact by construction and no float ever touches money.
Deterministic: the same arguments give the same unit (``random.Random(seed)``, no set iteration).
"""
from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .model import CLASS_ROWS_2024, UNIT_KINDS, Project
from .model.performance import Evaluation
from .money import quantize
from .performance import grade_for, total_score

# 功能分类 类 codes, in the order of CLASS_ROWS_2024 (公开01/04表's rows)
CLASS_CODES = ("201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
               "215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234")
CLASS_NAMES = dict(zip(CLASS_CODES, CLASS_ROWS_2024))

# 款 of the usual 类 (2024 政府收支分类科目); other 类 get "<类>事务" 款 made up below
KUAN = {
    "201": {"20101": "人大事务", "20102": "政协事务", "20103": "政府办公厅（室）及相关机构事务",
            "20104": "发展与改革事务", "20105": "统计信息事务", "20106": "财政事务", "20107": "税收事务",
            "20108": "审计事务", "20111": "纪检监察事务", "20113": "商贸事务", "20126": "档案事务",
            "20129": "群众团体事务", "20131": "党委办公厅（室）及相关机构事务", "20132": "组织事务",
            "20133": "宣传事务", "20134": "统战事务", "20199": "其他一般公共服务支出"},
    "204": {"20402": "公安", "20404": "检察", "20405": "法院", "20406": "司法", "20408": "强制隔离戒毒",
            "20499": "其他公共安全支出"},
    "205": {"20501": "教育管理事务", "20502": "普通教育", "20503": "职业教育", "20508": "进修及培训",
            "20599": "其他教育支出"},
    "206": {"20601": "科学技术管理事务", "20604": "技术研究与开发", "20607": "科学技术普及"},
    "207": {"20701": "文化和旅游", "20702": "文物", "20703": "体育", "20708": "广播电视"},
    "208": {"20805": "行政事业单位养老支出", "20801": "人力资源和社会保障管理事务", "20802": "民政管理事务",
            "20808": "抚恤", "20810": "社会福利", "20811": "残疾人事业", "20899": "其他社会保障和就业支出"},
    "210": {"21011": "行政事业单位医疗", "21001": "卫生健康管理事务", "21003": "基层医疗卫生机构",
            "21004": "公共卫生", "21007": "计划生育事务", "21099": "其他卫生健康支出"},
    "211": {"21101": "环境保护管理事务", "21103": "污染防治", "21104": "自然生态保护"},
    "212": {"21201": "城乡社区管理事务", "21203": "城乡社区公共设施", "21205": "城乡社区环境卫生"},
    "213": {"21301": "农业农村", "21302": "林业和草原", "21303": "水利", "21305": "巩固脱贫攻坚成果衔接乡村振兴"},
    "214": {"21401": "公路水路运输"},
    "220": {"22001": "自然资源事务"},
    "221": {"22102": "住房改革支出", "22101": "保障性安居工程支出"},
    "224": {"22401": "应急管理事务", "22402": "消防救援事务"},
}
# 项 with fixed lists (personnel-linked 款); their rows are all 基本支出
FIXED_ITEMS = {
    "20805": (("05", "机关事业单位基本养老保险缴费支出"), ("06", "机关事业单位职业年金缴费支出"),
              ("01", "行政单位离退休"), ("02", "事业单位离退休"), ("99", "其他行政事业单位养老支出")),
    "21011": (("01", "行政单位医疗"), ("02", "事业单位医疗"), ("03", "公务员医疗补助"),
              ("99", "其他行政事业单位医疗支出")),
    "22102": (("01", "住房公积金"), ("02", "提租补贴"), ("03", "购房补贴")),
}
PERSONNEL_KUAN = tuple(FIXED_ITEMS)
# share of the running 项 that each personnel-linked 项 costs (养老 ≈ 16% of 工资 …)
PERSONNEL_RATE = {"2080505": (8, 12), "2080506": (4, 6), "2080501": (1, 4), "2080502": (1, 4),
                  "2080599": (0, 1), "2101101": (3, 5), "2101102": (3, 5), "2101103": (1, 2),
                  "2101199": (0, 1), "2210201": (6, 9), "2210202": (0, 2), "2210203": (0, 2)}
# words for made-up project 项 (04–49) of a 款
PROJECT_WORDS = ("专项业务", "信息化建设", "宣传培训", "监督检查", "执法办案", "设施维护", "课题研究",
                 "应急处置", "项目管理", "业务协调", "标准化建设", "档案整理", "数据治理", "服务保障")


def _joined(name: str, word: str) -> str:
    """A 项 name from its 款 and a word, the overlap said once: 公共设施 + 设施维护 → 公共设施维护
    (not 公共设施设施维护, which the audit would flag as 重复用字)."""
    for n in range(min(len(name), len(word)), 1, -1):
        if name.endswith(word[:n]):
            return name + word[n:]
    return name + word


# 类 a unit's main business may sit in, and the ones added at random (no 外交, 国防, 债务, 抗疫,
# 国有资本经营; 229 其他支出 is kept for 政府性基金 rows)
MAIN_CLASSES = ("201", "204", "205", "206", "207", "211", "212", "213", "224")
EXTRA_CLASSES = ("201", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215",
                 "216", "217", "219", "220", "221", "222", "224")
FUND_ROWS = (("229", "其他支出"), ("22960", "彩票公益金安排的支出"), ("2296002", "用于社会福利的彩票公益金支出"))

# 经济分类 (公开06表): 款 and their 项, 2024 list
ECON = {
    "301": ("工资福利支出", (("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"),
                             ("30106", "伙食补助费"), ("30107", "绩效工资"),
                             ("30108", "机关事业单位基本养老保险缴费"), ("30109", "职业年金缴费"),
                             ("30110", "职工基本医疗保险缴费"), ("30111", "公务员医疗补助缴费"),
                             ("30112", "其他社会保障缴费"), ("30113", "住房公积金"), ("30114", "医疗费"),
                             ("30199", "其他工资福利支出"))),
    "303": ("对个人和家庭的补助", (("30301", "离休费"), ("30302", "退休费"), ("30303", "退职（役）费"),
                                   ("30304", "抚恤金"), ("30305", "生活补助"), ("30306", "救济费"),
                                   ("30307", "医疗费补助"), ("30308", "助学金"), ("30309", "奖励金"),
                                   ("30310", "个人农业生产补贴"), ("30311", "代缴社会保险费"),
                                   ("30399", "其他对个人和家庭的补助"))),
    "302": ("商品和服务支出", (("30201", "办公费"), ("30202", "印刷费"), ("30203", "咨询费"),
                               ("30204", "手续费"), ("30205", "水费"), ("30206", "电费"), ("30207", "邮电费"),
                               ("30208", "取暖费"), ("30209", "物业管理费"), ("30211", "差旅费"),
                               ("30212", "因公出国（境）费用"), ("30213", "维修（护）费"), ("30214", "租赁费"),
                               ("30215", "会议费"), ("30216", "培训费"), ("30217", "公务接待费"),
                               ("30218", "专用材料费"), ("30224", "被装购置费"), ("30225", "专用燃料费"),
                               ("30226", "劳务费"), ("30227", "委托业务费"), ("30228", "工会经费"),
                               ("30229", "福利费"), ("30231", "公务用车运行维护费"), ("30239", "其他交通费用"),
                               ("30240", "税金及附加费用"), ("30299", "其他商品和服务支出"))),
    "310": ("资本性支出", (("31002", "办公设备购置"), ("31003", "专用设备购置"),
                           ("31007", "信息网络及软件购置更新"), ("31013", "公务用车购置"),
                           ("31099", "其他资本性支出"))),
}
ECON_MAX_ROWS = len(ECON) + sum(len(items) for _, items in ECON.values())  # 61
# 三公 items of T06 and the T09 item they count towards (checks.md rule 22)
SANGONG_ECON = {"30212": "因公出国（境）费", "30217": "公务接待费", "30231": "公务用车运行维护费",
                "31013": "公务用车购置费"}

PLACES = ("阳泉市", "晋中市", "威海市文登区", "沅江市", "岳阳市", "大同市", "烟台市福山区", "益阳市赫山区",
          "长治市", "临汾市尧都区", "潍坊市", "常德市武陵区")
ORGS = ("法律援助中心", "司法局", "档案馆", "统计局", "疾病预防控制中心", "农业综合执法支队", "图书馆",
        "社会保险事业中心", "自然资源和规划局", "应急管理局", "城市管理局", "审计局")

UP_REASONS = ("人员工资标准调整，相应人员经费增加", "新增专项工作任务，相应支出增加", "业务量增加，相关支出相应增加",
              "上级追加专项资金，支出增加", "新进人员，人员经费增加")
DOWN_REASONS = ("落实过紧日子要求，压减一般性支出", "人员退休、调出，人员经费减少", "上年一次性项目本年不再安排",
                "项目按进度结算，支出减少", "厉行节约，严格控制非刚性支出")
OVER_REASONS = ("年中追加预算", "上级专项资金年中下达，追加预算并按规定支出", "人员工资调整，追加人员经费预算")
UNDER_REASONS = ("认真落实过紧日子要求，压减非刚性支出", "项目按实际进度结算，部分资金未支出",
                 "人员变动，人员经费支出减少", "财政资金支付进度调控，部分支出未执行")
USAGES = ("保障机构正常运转及人员工资福利", "开展相关业务工作", "人员养老保险及职业年金缴费",
          "人员医疗保险缴费", "住房公积金缴存", "开展专项业务工作和宣传培训")


class SynthError(ValueError):
    """Parameters the generator cannot honour (too few rows, too many 经济分类 rows)."""


def wan(yuan: int) -> str:
    """A whole number of 元 as exact 万元 text: 1 278 000 → "127.80", 119 448 → "11.9448"."""
    sign = "-" if yuan < 0 else ""
    whole, frac = divmod(abs(yuan), 10000)
    digits = f"{frac:04d}"
    while len(digits) > 2 and digits.endswith("0"):
        digits = digits[:-1]
    return f"{sign}{whole}.{digits}"


def _partition(rng: random.Random, amount: int, weights: list[int]) -> list[int]:
    """Split ``amount`` 元 in proportion to ``weights``, exactly (the remainder goes to the largest)."""
    if not weights:
        return []
    w = sum(weights)
    parts = [amount * x // w for x in weights]
    parts[max(range(len(weights)), key=weights.__getitem__)] += amount - sum(parts)
    return parts


@dataclass
class _Row:
    """One 项 and what funds it, in 元."""

    code: str
    name: str
    basic: int = 0           # 基本支出
    project: int = 0         # 项目支出
    business: int = 0        # 事业收入 (funds part of 基本支出)
    other: int = 0           # 其他收入 (funds part of 项目支出)
    fund: int = 0            # 政府性基金 (the whole row)
    factor: int = 100        # 上年 = 本年 × factor / 100

    @property
    def total(self) -> int:
        return self.basic + self.project

    @property
    def general_basic(self) -> int:
        return 0 if self.fund else self.basic - self.business

    @property
    def general_project(self) -> int:
        return 0 if self.fund else self.project - self.other

    @property
    def general(self) -> int:
        return self.general_basic + self.general_project


@dataclass
class _Tree:
    classes: dict[str, str] = field(default_factory=dict)   # code → name
    kuan: dict[str, str] = field(default_factory=dict)
    items: dict[str, _Row] = field(default_factory=dict)
    next_item: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # 款 → 项 still free

    def rows(self) -> int:
        return len(self.classes) + len(self.kuan) + len(self.items)


class _Gen:
    def __init__(self, seed: int, func_rows: int, econ_rows: int, style: str, year: int, kind: str | None,
                 fund: bool | None):
        if func_rows < 3:
            raise SynthError(f"功能分类行数至少为 3（类、款、项各一行），现为 {func_rows}")
        if not 6 <= econ_rows <= ECON_MAX_ROWS:
            raise SynthError(f"经济分类行数应在 6 到 {ECON_MAX_ROWS} 之间，现为 {econ_rows}")
        self.rng = random.Random(seed)
        self.func_rows, self.econ_rows = func_rows, econ_rows
        self.style, self.year = style, year
        self.kind = kind or self.rng.choice(UNIT_KINDS)
        self.fund = (self.rng.random() < 0.2) if fund is None else fund
        self.fund = self.fund and func_rows >= 9
        self.tree = _Tree()

    # ------------------------------------------------------------ amounts
    def money(self, low: int, high: int) -> int:
        """A random amount in 元; most are whole hundreds (2 decimals in 万元), some exact to the 元."""
        v = self.rng.randint(low, high)
        return v - v % 100 if self.rng.random() < 0.7 else v

    def scaled(self, base: int, pct_low: float, pct_high: float) -> int:
        # percentages as whole per-mille to stay in integers
        per_mille = self.rng.randint(int(pct_low * 10), int(pct_high * 10))
        v = base * per_mille // 1000
        return v - v % 100 if self.rng.random() < 0.7 else v

    # ------------------------------------------------------------ 功能分类 tree
    def _kuan_name(self, cls: str, n: int) -> str:
        stem = CLASS_NAMES[cls].removesuffix("支出").removesuffix("等")
        return f"{stem}事务" if n == 1 else f"{stem}其他事务{n}"

    def _free_kuan(self, cls: str) -> list[tuple[str, str]]:
        """款 not used yet: the real ones first, then made-up codes (only very large units need them)."""
        known = KUAN.get(cls, {})
        free = [(c, n) for c, n in known.items() if c not in self.tree.kuan]
        if free:
            return free
        return [(f"{cls}{i:02d}", self._kuan_name(cls, i)) for i in range(1, 100)
                if f"{cls}{i:02d}" not in self.tree.kuan and f"{cls}{i:02d}" not in known][:5]

    def _item_queue(self, kuan: str, name: str, running: bool) -> list[tuple[str, str]]:
        if kuan in FIXED_ITEMS:
            fixed = list(FIXED_ITEMS[kuan])
            if kuan == "21011" and self.kind == "事业单位":  # 事业单位医疗 before 行政单位医疗
                fixed[0], fixed[1] = fixed[1], fixed[0]
            return [(kuan + s, n) for s, n in fixed]
        run = "50" if self.kind == "事业单位" else "01"
        head = [(run, "事业运行" if run == "50" else "行政运行")] if running else []
        # the 款 "其他公共安全支出" has its own 99 项 of the same name, not "其他其他公共安全支出"
        stem = name.removesuffix("支出")
        other = name if stem.startswith("其他") else f"其他{stem}支出"
        head += [("02", "一般行政管理事务"), ("99", other), ("03", "机关服务")]
        words = list(PROJECT_WORDS)
        self.rng.shuffle(words)
        rest = [(f"{i:02d}", _joined(name, words[(i - 4) % len(words)]) + ("" if i - 4 < len(words) else str(i)))
                for i in range(4, 50)]
        return [(kuan + s, n) for s, n in head + rest]

    def _business_kuan(self, cls: str) -> list[tuple[str, str]]:
        return [k for k in self._free_kuan(cls) if k[0] not in PERSONNEL_KUAN]

    def _add_class(self, cls: str) -> None:
        self.tree.classes[cls] = CLASS_NAMES[cls]

    def _add_kuan(self, cls: str, kuan: str, name: str, running: bool = False) -> None:
        self.tree.kuan[kuan] = name
        self.tree.next_item[kuan] = self._item_queue(kuan, name, running)

    def _add_item(self, kuan: str) -> _Row:
        code, name = self.tree.next_item[kuan].pop(0)
        row = _Row(code, name)
        self.tree.items[code] = row
        return row

    def build_tree(self) -> None:
        rng, t = self.rng, self.tree
        room = self.func_rows - (3 if self.fund else 0)
        main = rng.choice(MAIN_CLASSES)
        self._add_class(main)
        kuan, name = rng.choice(self._free_kuan(main))
        self._add_kuan(main, kuan, name, running=True)
        self.main_kuan = kuan
        self.running = self._add_item(kuan)
        # the personnel-linked 类 almost every unit has, while there is room
        for cls, kuan in (("208", "20805"), ("210", "21011"), ("221", "22102")):
            if room - t.rows() >= 3 and cls not in t.classes:
                self._add_class(cls)
                self._add_kuan(cls, kuan, KUAN[cls][kuan])
                self._add_item(kuan)
        while t.rows() < room:
            left = room - t.rows()
            r = rng.random()
            if left >= 3 and r < 0.08:
                free = [c for c in EXTRA_CLASSES if c not in t.classes]
                if free:
                    cls = rng.choice(free)
                    self._add_class(cls)
                    self._add_kuan(cls, *rng.choice(self._business_kuan(cls)))
                    self._add_item(t_last(t.kuan))
                    continue
            if left >= 2 and r < 0.3:
                cls = rng.choice(sorted(t.classes))
                choices = self._business_kuan(cls)
                if choices:
                    self._add_kuan(cls, *rng.choice(choices))
                    self._add_item(t_last(t.kuan))
                    continue
            open_kuan = [k for k in sorted(t.kuan) if t.next_item[k]]
            # a new 项 goes mostly to business 款 (the personnel lists are short and fixed)
            business = [k for k in open_kuan if k not in PERSONNEL_KUAN] or open_kuan
            if not business:  # every 款 full: open another (cannot happen below ~10 000 rows)
                raise SynthError(f"功能分类行数 {self.func_rows} 太多，科目表不够用")
            self._add_item(rng.choice(business if rng.random() < 0.9 else open_kuan))
        if self.fund:
            (c, cn), (k, kn), (i, iname) = FUND_ROWS
            t.classes[c], t.kuan[k] = cn, kn
            t.items[i] = _Row(i, iname)

    # ------------------------------------------------------------ amounts per 项
    def fill_amounts(self) -> None:
        rng, items = self.rng, self.tree.items
        running = self.running
        # a unit with more rows is a bigger unit: its running costs grow with it
        running.basic = self.money(800_000, 6_000_000) * max(1, self.func_rows // 30)
        for code, row in items.items():
            if row is running:
                continue
            if code in PERSONNEL_RATE:
                lo, hi = PERSONNEL_RATE[code]
                row.basic = max(self.scaled(running.basic, lo, hi), 100)
            elif code.endswith("03") and not code.startswith(PERSONNEL_KUAN):
                row.basic = self.money(50_000, 400_000)
            elif code == FUND_ROWS[2][0]:
                row.project = self.money(20_000, 800_000)
                row.fund = row.project
            else:
                row.project = self.money(5_000, 1_500_000)
                if rng.random() < 0.2:  # some project 项 also pay a share of 基本支出
                    row.basic = self.money(1_000, 100_000)
        if self.kind == "事业单位" and rng.random() < 0.4:
            running.business = self.scaled(running.basic, 10, 40)
        for row in items.values():
            if row.project and not row.fund and rng.random() < 0.05:
                row.other = self.scaled(row.project, 5, 30)
        for row in items.values():
            r = rng.random()
            # 上年: mostly ±30%; a few rows new this year, a few exactly as last year
            row.factor = 0 if r < 0.04 else 100 if r < 0.08 else rng.randint(70, 130)

    # ------------------------------------------------------------ helpers over the tree
    def _subtrees(self) -> dict[str, list[_Row]]:
        """Each 类/款/项 code → the 项 rows under it (one pass: 5 000-row units stay fast)."""
        out: dict[str, list[_Row]] = {}
        for code, row in sorted(self.tree.items.items()):
            for n in (3, 5, 7):
                out.setdefault(code[:n], []).append(row)
        return out

    def _ordered_codes(self) -> list[str]:
        t = self.tree
        return sorted([*t.classes, *t.kuan, *t.items])

    def _name(self, code: str) -> str:
        t = self.tree
        return t.classes.get(code) or t.kuan.get(code) or t.items[code].name

    @staticmethod
    def _prior(row: _Row, value: int) -> int:
        v = value * row.factor // 100
        return (v + 50) // 100 * 100  # 上年 as published: to the nearest 百元 (2 decimals in 万元)

    # ------------------------------------------------------------ the project data
    def build(self) -> dict[str, Any]:
        self.build_tree()
        self.fill_amounts()
        rng, t = self.rng, self.tree
        rows = list(t.items.values())
        s = lambda f, rs=rows: sum(f(r) for r in rs)  # noqa: E731 - a sum over 项 rows, in 元
        codes = self._ordered_codes()
        by_code = self._subtrees()

        basic, project = s(lambda r: r.basic), s(lambda r: r.project)
        expense = basic + project
        general = s(lambda r: r.general)
        g_basic, g_project = s(lambda r: r.general_basic), s(lambda r: r.general_project)
        fund = s(lambda r: r.fund)
        business, other = s(lambda r: r.business), s(lambda r: r.other)
        opening_fiscal = 0 if rng.random() < 0.5 else self.money(10_000, max(20_000, general // 20))
        opening_other = 0 if not (business or other) or rng.random() < 0.5 else self.money(1_000, 200_000)
        opening = opening_fiscal + opening_other

        # ---- 公开01表
        income = {"一般公共预算财政拨款收入": general}
        if fund:
            income["政府性基金预算财政拨款收入"] = fund
        if business:
            income["事业收入"] = business
        if other:
            income["其他收入"] = other
        t01 = {
            "本年收入合计": wan(expense), "使用非财政拨款结余": "0.00", "年初结转和结余": wan(opening),
            "收入总计": wan(expense + opening), "本年支出合计": wan(expense), "结余分配": "0.00",
            "年末结转和结余": wan(opening), "支出总计": wan(expense + opening),
            "收入": {k: wan(v) for k, v in income.items()},
            "支出": {CLASS_NAMES[c]: wan(s(lambda r: r.total, by_code[c])) for c in sorted(t.classes)},
        }

        # ---- 公开02/03表: every row, 类 = Σ 款 = Σ 项 by construction
        def t02_row(code: str) -> dict:
            rs = by_code[code]
            d = {"科目代码": code, "科目名称": self._name(code), "本年收入合计": wan(s(lambda r: r.total, rs)),
                 "财政拨款收入": wan(s(lambda r: r.general + r.fund, rs))}
            if s(lambda r: r.business, rs):
                d["事业收入"] = wan(s(lambda r: r.business, rs))
            if s(lambda r: r.other, rs):
                d["其他收入"] = wan(s(lambda r: r.other, rs))
            return d

        def t03_cols(rs: list[_Row], total_key: str = "本年支出合计") -> dict:
            d = {total_key: wan(s(lambda r: r.total, rs))}
            if s(lambda r: r.basic, rs):
                d["基本支出"] = wan(s(lambda r: r.basic, rs))
            if s(lambda r: r.project, rs):
                d["项目支出"] = wan(s(lambda r: r.project, rs))
            return d

        t02_total = {"本年收入合计": wan(expense), "财政拨款收入": wan(general + fund)}
        if business:
            t02_total["事业收入"] = wan(business)
        if other:
            t02_total["其他收入"] = wan(other)
        t02 = {"合计": t02_total, "行": [t02_row(c) for c in codes]}
        t03 = {"合计": t03_cols(rows), "行": [{"科目代码": c, "科目名称": self._name(c), **t03_cols(by_code[c])}
                                            for c in codes]}

        # ---- 公开04表
        def split(g: int, f: int) -> dict:
            d = {"合计": wan(g + f)}
            if g:
                d["一般公共预算财政拨款"] = wan(g)
            if f:
                d["政府性基金预算财政拨款"] = wan(f)
            return d

        t04_income = {"一般公共预算财政拨款": wan(general)}
        if fund:
            t04_income["政府性基金预算财政拨款"] = wan(fund)
        t04 = {
            "本年收入合计": wan(general + fund), "收入总计": wan(general + fund + opening_fiscal),
            "收入": t04_income,
            "支出": {CLASS_NAMES[c]: split(s(lambda r: r.general, by_code[c]), s(lambda r: r.fund, by_code[c]))
                     for c in sorted(t.classes) if s(lambda r: r.general + r.fund, by_code[c])},
            "本年支出合计": split(general, fund),
            "年初财政拨款结转和结余": split(opening_fiscal, 0),
            "年末财政拨款结转和结余": split(opening_fiscal, 0),
            "支出总计": split(general + opening_fiscal, fund),
        }

        # ---- 公开05表: the 一般公共预算 part of each row
        def t05_cols(rs: list[_Row]) -> dict:
            d = {"小计": wan(s(lambda r: r.general, rs))}
            if s(lambda r: r.general_basic, rs):
                d["基本支出"] = wan(s(lambda r: r.general_basic, rs))
            if s(lambda r: r.general_project, rs):
                d["项目支出"] = wan(s(lambda r: r.general_project, rs))
            return d

        general_codes = [c for c in codes if s(lambda r: r.general, by_code[c])]
        t05 = {"合计": t05_cols(rows),
               "行": [{"科目代码": c, "科目名称": self._name(c), **t05_cols(by_code[c])} for c in general_codes]}

        # ---- 公开06/09表 and 三公
        t06, sangong_actual, sangong_budget, public = self.basic_detail(g_basic)
        t09 = {"预算数": sangong_budget, "决算数": sangong_actual}

        # ---- 公开07/08表
        fund_codes = [c for c in codes if s(lambda r: r.fund, by_code[c])]

        def t07_cols(rs: list[_Row]) -> dict:
            f = s(lambda r: r.fund, rs)
            return {"年初结转和结余": "0.00", "本年收入": wan(f), "本年支出": wan(f), "项目支出": wan(f),
                    "年末结转和结余": "0.00"}

        t07 = {"行": [{"科目代码": c, "科目名称": self._name(c), **t07_cols(by_code[c])} for c in fund_codes]}
        if fund_codes:
            t07["合计"] = t07_cols(rows)

        # ---- 公开10表
        vehicles, t10 = self.assets(public, sangong_actual)

        data: dict[str, Any] = {
            "版本": 1,
            "单位": self.unit(),
            "概况": {"职责": "负责本领域相关政策的组织实施和业务管理工作。", "机构设置": "本单位内设综合科、业务科。"},
            "公开01表": t01, "公开02表": t02, "公开03表": t03, "公开04表": t04, "公开05表": t05,
            "公开06表": t06, "公开07表": t07, "公开08表": {"行": []}, "公开09表": t09, "公开10表": t10,
        }
        data["上年"] = self.prior(data, rows, codes, by_code, opening, opening_fiscal, public, sangong_actual)
        data["年初预算"] = self.budget(general_codes, by_code)
        # 政府性基金 项 budgets (the 上海 template states them): as spent, so a complete unit has every
        # figure its text needs (no rng draw: the other figures stay as they were)
        fund_items = {f"{r['科目代码']} {r['科目名称']}": r.get("本年支出", "0")
                      for r in t07.get("行", []) if len(r["科目代码"]) == 7}
        if fund_items:
            data["年初预算"]["政府性基金功能分类"] = fund_items
        data["三公明细"] = self.sangong_counts(sangong_actual, vehicles)
        data["政府采购明细"] = self.procurement_detail(t10)
        data["预算绩效"] = self.performance(rows, data["年初预算"])
        data["说明"] = self.notes(data)
        return data

    def unit(self) -> dict:
        rng = self.rng
        place, org = rng.choice(PLACES), rng.choice(ORGS)
        return {"名称": f"{place}{org}（合成）", "年度": self.year, "性质": self.kind, "样式": self.style,
                "主管部门": f"{place}{'司法局' if org != '司法局' else '人民政府'}", "录入单位": "万元"}

    # ------------------------------------------------------------ 公开06表 and 三公
    def basic_detail(self, g_basic: int) -> tuple[dict, dict, dict, int]:
        rng = self.rng
        personnel = g_basic * rng.randint(780, 930) // 1000
        public = g_basic - personnel
        # which 三公 items this unit has, sized from its 公用经费
        wanted = self.econ_rows
        groups = ["301", "302"] + (["303"] if wanted >= 8 else []) + (["310"] if wanted >= 20 else [])
        slots = wanted - len(groups)  # rows left for 项 once each 款 has its row
        has = {"30231": rng.random() < 0.6, "30217": rng.random() < 0.6, "30212": rng.random() < 0.1,
               "31013": "310" in groups and rng.random() < 0.1}
        # a tiny table keeps one free 项 per 款: drop the rarer 三公 items that would not fit
        room = slots - len(groups)
        for code in ("31013", "30212", "30217", "30231"):
            if sum(has.values()) > room:
                has[code] = False
        t06_part = {"30231": public * rng.randint(20, 80) // 1000 if has["30231"] else 0,
                    "30217": public * rng.randint(5, 30) // 1000 if has["30217"] else 0,
                    "30212": public * rng.randint(10, 50) // 1000 if has["30212"] else 0,
                    "31013": public * rng.randint(100, 300) // 1000 if has["31013"] else 0}
        t06_part = {k: v for k, v in t06_part.items() if v > 0}

        # choose the rows: one free 项 per 款 (it takes the rest of the 款's amount), the 三公 items,
        # the items every unit has, then at random — exactly ``econ_rows`` rows in all
        first = {"301": "30101", "302": "30201", "303": "30302", "310": "31002"}
        must = [first[g] for g in groups] + sorted(t06_part)
        must += [c for c in ("30102", "30108", "30113", "30299") if c not in must]
        pool = [c for g in groups for c, _ in ECON[g][1] if c not in must and c not in SANGONG_ECON]
        rng.shuffle(pool)
        # a 三公 item this unit does not have is listed (at 0) only when the table needs every row
        unused = [c for g in groups for c, _ in ECON[g][1] if c in SANGONG_ECON and c not in t06_part]
        chosen = set((must + pool + unused)[:slots])
        t06_part.update({c: 0 for c in unused if c in chosen})

        def rows_of(group_codes: list[str], amount: int, fixed: dict[str, int]) -> tuple[list[dict], int]:
            items = [(c, n) for g in group_codes for c, n in ECON[g][1] if c in chosen]
            free = [c for c, _ in items if c not in fixed]
            weights = [rng.randint(1, 100) * (8 if c in ("30101", "30102", "30107") else 1) for c in free]
            rest = amount - sum(fixed.values())
            parts = dict(zip(free, _partition(rng, rest, weights))) if free else {}
            parts.update(fixed)
            out = []
            for g in group_codes:
                members = [(c, n) for c, n in ECON[g][1] if c in chosen]
                if not members:
                    continue
                out.append({"科目代码": g, "科目名称": ECON[g][0], "决算数": wan(sum(parts[c] for c, _ in members))})
                out += [{"科目代码": c, "科目名称": n, "决算数": wan(parts[c])} for c, n in members]
            return out, amount

        p_groups = [g for g in ("301", "303") if g in groups]
        u_groups = [g for g in ("302", "310") if g in groups]
        personnel_rows, _ = rows_of(p_groups, personnel, {})
        public_rows, _ = rows_of(u_groups, public, t06_part)
        t06 = {"人员经费": personnel_rows, "公用经费": public_rows,
               "人员经费合计": wan(personnel), "公用经费合计": wan(public)}

        # T09 决算 ≥ the 基本支出 part (项目支出 may pay 三公 too); 预算 around 决算
        actual: dict[str, int] = {}
        for code, item in SANGONG_ECON.items():
            part = t06_part.get(code, 0)
            extra = 0 if not part or rng.random() < 0.6 else part * rng.randint(0, 500) // 1000
            actual[item] = part + extra
        budget = {k: (v * rng.randint(900, 1400) // 1000 // 100 * 100 if v else
                      (self.money(5_000, 50_000) if rng.random() < 0.05 else 0)) for k, v in actual.items()}

        def sangong(d: dict[str, int]) -> dict:
            car = d["公务用车购置费"] + d["公务用车运行维护费"]
            out = {k: wan(v) for k, v in d.items()}
            out["公务用车购置及运行维护费"] = wan(car)
            out["合计"] = wan(d["因公出国（境）费"] + car + d["公务接待费"])
            return out

        self._sangong_actual = actual
        return t06, sangong(actual), sangong(budget), public

    def assets(self, public: int, sangong: dict) -> tuple[dict[str, int], dict]:
        rng = self.rng
        from .model import VEHICLE_KINDS
        vehicles: dict[str, int] = {}
        if self._sangong_actual["公务用车运行维护费"] or self._sangong_actual["公务用车购置费"]:
            for kind in rng.sample(VEHICLE_KINDS[1:], rng.randint(1, 3)):
                vehicles[kind] = rng.randint(1, 4)
        goods, works, services = (self.money(0, 300_000) if rng.random() < 0.6 else 0,
                                  self.money(0, 2_000_000) if rng.random() < 0.1 else 0,
                                  self.money(0, 500_000) if rng.random() < 0.6 else 0)
        t10 = {"政府采购": {"货物": wan(goods), "工程": wan(works), "服务": wan(services),
                            "合计": wan(goods + works + services)},
               "车辆": {k: vehicles[k] for k in VEHICLE_KINDS if k in vehicles},
               "车辆数合计": sum(vehicles.values()),
               "单价100万元以上设备": 1 if rng.random() < 0.05 else 0}
        if self.kind != "事业单位":
            t10["机关运行经费"] = wan(public)
        self._purchase = goods + works + services
        return vehicles, t10

    def sangong_counts(self, actual: dict, vehicles: dict[str, int]) -> dict:
        rng, a = self.rng, self._sangong_actual
        groups = rng.randint(1, 3) if a["因公出国（境）费"] else 0
        reception = a["公务接待费"]
        batches = rng.randint(1, 40) if reception else 0
        foreign = reception * rng.randint(10, 40) // 100 if reception and rng.random() < 0.1 else 0
        f_batches = 1 if foreign else 0
        persons = batches * rng.randint(2, 8)
        return {
            "出国团组数": groups, "出国人次": groups * rng.randint(1, 5),
            "购置车辆数": rng.randint(1, 2) if a["公务用车购置费"] else 0,
            "公务用车保有量": sum(vehicles.values()),
            "国内接待": {"金额": wan(reception), "批次": batches, "人次": persons},
            # 外事 is part of 国内接待: never more batches, persons or money than it
            "外事接待": {"金额": wan(foreign), "批次": f_batches, "人次": min(persons, f_batches * rng.randint(2, 6))},
            "国（境）外接待": {"金额": "0", "批次": 0, "人次": 0},
        }

    def procurement_detail(self, t10: dict) -> dict:
        total = self._purchase
        sme = total * self.rng.randint(600, 1000) // 1000
        micro = sme * self.rng.randint(300, 1000) // 1000
        # 预留 figures (the 上海 template states them): fixed parts of the awards, without a draw
        reserved_sme, reserved_micro = sme // 200 * 100, micro // 200 * 100
        return {"授予中小企业合同金额": wan(sme), "授予小微企业合同金额": wan(micro),
                "面向中小企业预留预算金额": wan(reserved_sme), "面向小微企业预留预算金额": wan(reserved_micro),
                "预留项目中小企业中标金额": wan(reserved_sme), "预留项目小微企业中标金额": wan(reserved_micro),
                "其他项目中小企业中标金额": wan(sme - reserved_sme)}

    # ------------------------------------------------------------ 上年
    def prior(self, data: dict, rows: list[_Row], codes: list[str], by_code: dict[str, list[_Row]],
              opening: int, opening_fiscal: int, public: int, sangong: dict) -> dict:
        rng = self.rng
        p = self._prior
        ps = lambda f, rs=rows: sum(p(r, f(r)) for r in rs)  # noqa: E731 - Σ of rows' 上年, in 元
        expense = ps(lambda r: r.total)
        general = ps(lambda r: r.general)
        fund = ps(lambda r: r.fund)
        g_basic = ps(lambda r: r.general_basic)
        open_prior = opening * rng.randint(70, 130) // 100 // 100 * 100
        open_fiscal_prior = min(open_prior, opening_fiscal * rng.randint(70, 130) // 100 // 100 * 100)
        personnel = g_basic * rng.randint(780, 930) // 1000 // 100 * 100
        income = {"财政拨款收入": general + fund, "上级补助收入": 0, "事业收入": ps(lambda r: r.business),
                  "经营收入": 0, "附属单位上缴收入": 0, "其他收入": ps(lambda r: r.other)}
        out = {
            "收入总计": wan(expense + open_prior), "支出总计": wan(expense + open_prior),
            "本年收入合计": wan(expense), "本年支出合计": wan(expense),
            "财政拨款收入总计": wan(general + fund + open_fiscal_prior),
            "财政拨款支出总计": wan(general + fund + open_fiscal_prior),
            "一般公共预算财政拨款支出": wan(general), "一般公共预算财政拨款基本支出": wan(g_basic),
            "人员经费": wan(personnel), "公用经费": wan(g_basic - personnel),
            "收入": {k: wan(v) for k, v in income.items()},
            "支出": {"基本支出": wan(ps(lambda r: r.basic)), "项目支出": wan(ps(lambda r: r.project)),
                     "上缴上级支出": "0", "经营支出": "0", "对附属单位补助支出": "0"},
            # shanxi compares by 类, shandong by 项: give both, as the clerk's workbook would
            "功能分类": {f"{c} {self._name(c)}": wan(ps(lambda r: r.general, by_code[c]))
                         for c in codes if len(c) in (3, 7) and any(r.general for r in by_code[c])},
            "三公经费": self._prior_sangong(),
            "政府采购": wan(self._purchase * rng.randint(70, 130) // 100 // 100 * 100),
        }
        if self.kind != "事业单位":
            out["机关运行经费"] = wan(public * rng.randint(70, 130) // 100 // 100 * 100)
        return out

    def _prior_sangong(self) -> dict:
        rng, a = self.rng, self._sangong_actual
        d = {k: (v * rng.randint(70, 130) // 100 // 100 * 100 if v else 0) for k, v in a.items()}
        out = {k: wan(v) for k, v in d.items()}
        out["合计"] = wan(sum(d.values()))
        return out

    # ------------------------------------------------------------ 年初预算
    def budget(self, general_codes: list[str], by_code: dict[str, list[_Row]]) -> dict:
        rng = self.rng
        items: dict[str, tuple[str, int]] = {}
        for c in general_codes:
            if len(c) != 7:
                continue
            g = sum(r.general for r in by_code[c])
            r = rng.random()
            # a few 项 without 年初预算 (追加), most within ±15%
            items[c] = (self._name(c), 0 if r < 0.04 else g * rng.randint(85, 115) // 100 // 100 * 100)
        # a budgeted 项 with no spending still counts towards the total (checks.md rule 31)
        free = self.tree.next_item.get(self.main_kuan) or []
        if free and rng.random() < 0.3:
            code, name = free[0]
            items[code] = (name, self.money(10_000, 300_000))
        classes: dict[str, int] = {}
        for c, (_, v) in items.items():
            classes[c[:3]] = classes.get(c[:3], 0) + v
        func = {f"{c} {self.tree.classes[c]}": wan(v) for c, v in sorted(classes.items())}
        func.update({f"{c} {n}": wan(v) for c, (n, v) in sorted(items.items())})
        return {"一般公共预算财政拨款支出": wan(sum(classes.values())), "口径": "年初预算", "功能分类": func}

    # ------------------------------------------------------------ 绩效
    def performance(self, rows: list[_Row], budget: dict) -> dict:
        rng = self.rng
        candidates = [r for r in rows if r.general_project > 0]
        n = min(len(candidates), rng.randint(1, 6))
        picked = sorted(rng.sample(candidates, n), key=lambda r: r.code) if n else []
        indicators = (("产出指标", "数量指标", "完成工作任务数", "≥100件", 20),
                      ("产出指标", "质量指标", "工作合格率", "=100%", 15),
                      ("产出指标", "时效指标", "按时完成率", "=100%", 10),
                      ("成本指标", "经济成本指标", "成本控制在预算内", "≤预算数", 10),
                      ("效益指标", "社会效益指标", "服务群众效果", "效果显著", 15),
                      ("效益指标", "可持续影响指标", "长效机制建设", "持续完善", 10),
                      ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%", 10))
        projects, grades, amount = [], {}, 0
        for r in picked:
            executed = r.general_project
            full = executed * rng.randint(100, 125) // 100 // 100 * 100 or executed
            inds = []
            for l1, l2, l3, target, weight in indicators:
                w = Decimal(weight)
                got = quantize(w * Decimal(rng.randint(80, 100)) / 100)
                inds.append({"一级指标": l1, "二级指标": l2, "三级指标": l3, "年度指标值": target,
                             "实际完成值": target.lstrip("≥≤="), "分值": str(w), "得分": str(got)})
            ev = {"项目名称": f"{r.name}项目", "级次": "本级", "主管部门": "", "年初预算数": wan(full),
                  "全年预算数": wan(full), "全年执行数": wan(executed), "预算执行分值": "10", "指标": inds}
            # the score and grade as the core computes them (预算执行 from 执行率), so they agree
            score = total_score(Evaluation.model_validate(ev))
            grade = grade_for(score)
            grades[grade] = grades.get(grade, 0) + 1
            amount += full
            projects.append({
                **ev, "自评得分": format(score, "f"), "自评等级": grade,
                "自评结论": f"项目总体完成年度绩效目标，自评等级为{grade}。",
                "存在问题": "个别指标完成值与目标存在差距。", "改进措施": "加强预算执行管理，合理设定绩效目标。",
            })
        out: dict[str, Any] = {"项目级次": "本级", "自评项目数": n, "自评金额": wan(amount),
                               "预算项目支出总额": wan(amount + sum(r.general_project for r in candidates
                                                                      if r not in picked)),
                               "等级": grades, "项目": projects}
        return out

    # ------------------------------------------------------------ 说明
    def notes(self, data: dict) -> dict:
        rng = self.rng
        notes: dict[str, dict[str, str]] = {}

        def say(key: str, **kinds: str) -> None:
            notes.setdefault(key, {}).update(kinds)

        def change_reason(key: str, now: str | None, before: str | None) -> None:
            # a reason only where the text states a change, and one that fits its direction
            a, b = Decimal(now or "0"), Decimal(before or "0")
            if a != b:
                say(key, 变动原因=rng.choice(UP_REASONS if a > b else DOWN_REASONS))

        pr, t09 = data["上年"], data["公开09表"]["决算数"]
        change_reason("收支总计", data["公开01表"]["收入总计"], pr["收入总计"])
        change_reason("财政拨款收支总计", data["公开04表"]["收入总计"], pr["财政拨款收入总计"])
        change_reason("一般公共预算财政拨款支出", data["公开05表"]["合计"]["小计"], pr["一般公共预算财政拨款支出"])
        for key, value in data["公开02表"]["合计"].items():
            if key != "本年收入合计":
                change_reason(key, value, pr["收入"].get(key))
        for key in ("基本支出", "项目支出"):
            change_reason(key, data["公开03表"]["合计"].get(key), pr["支出"][key])
        change_reason("人员经费", data["公开06表"]["人员经费合计"], pr["人员经费"])
        change_reason("公用经费", data["公开06表"]["公用经费合计"], pr["公用经费"])
        change_reason("三公经费", t09["合计"], pr["三公经费"]["合计"])
        if "机关运行经费" in data["公开10表"]:
            change_reason("机关运行经费", data["公开10表"]["机关运行经费"], pr["机关运行经费"])
        general, budget_total = Decimal(data["公开05表"]["合计"]["小计"]), Decimal(data["年初预算"]["一般公共预算财政拨款支出"])
        if general != budget_total:
            say("一般公共预算财政拨款支出",
                预算偏差原因=rng.choice(OVER_REASONS if general > budget_total else UNDER_REASONS))
        prior = {k.split(" ")[0]: v for k, v in data["上年"]["功能分类"].items()}
        budget = {k.split(" ")[0]: v for k, v in data["年初预算"]["功能分类"].items()}
        for row in data["公开05表"]["行"]:
            code, value = row["科目代码"], Decimal(row["小计"])
            if len(code) == 5:
                continue
            before = Decimal(prior.get(code, "0"))
            if value != before:
                say(code, 变动原因=rng.choice(UP_REASONS if value > before else DOWN_REASONS))
            b = Decimal(budget.get(code, "0"))
            if value != b:
                say(code, 预算偏差原因=rng.choice(OVER_REASONS if value > b else UNDER_REASONS))
            if len(code) == 3:
                say(code, 主要用于=rng.choice(USAGES))
        spent = {r["科目代码"] for r in data["公开05表"]["行"]}
        for code, b in budget.items():  # a budgeted 项 with nothing spent says why
            if code not in spent and Decimal(b):
                say(code, 预算偏差原因=rng.choice(UNDER_REASONS))
        t09_budget = data["公开09表"]["预算数"]
        for item, amount in self._sangong_actual.items():
            if amount:
                say(item, 主要用于="保障公务活动正常开展")
            change_reason(item, t09[item], pr["三公经费"][item])
        for key, item in (("三公经费", "合计"), *((i, i) for i in self._sangong_actual)):
            a, b = Decimal(t09[item]), Decimal(t09_budget[item])
            if a != b:
                say(key, 预算偏差原因=rng.choice(OVER_REASONS if a > b else UNDER_REASONS))
        say("其他需要说明的事项", 内容="无")
        return notes


def t_last(d: dict) -> str:
    """The key added last to a dict (dicts keep insertion order)."""
    return next(reversed(d))


def generate_data(seed: int = 0, func_rows: int = 30, econ_rows: int = 30, style: str = "shanxi",
                  year: int = 2024, kind: str | None = None, fund: bool | None = None) -> dict[str, Any]:
    """One synthetic unit as the project file's data (Chinese keys, amounts as exact 万元 text).

    ``func_rows``: 功能分类 rows of 公开02/03表 (类 + 款 + 项, ≥ 3); ``econ_rows``: 经济分类 rows of
    公开06表 (款 + 项, 6–61); ``kind``: one of UNIT_KINDS (random if None); ``fund``: whether the unit
    has 政府性基金 rows (random if None, needs ≥ 9 rows).
    """
    return _Gen(seed, func_rows, econ_rows, style, year, kind, fund).build()


def generate(seed: int = 0, func_rows: int = 30, econ_rows: int = 30, style: str = "shanxi",
             year: int = 2024, kind: str | None = None, fund: bool | None = None) -> Project:
    """One synthetic unit as a validated ``Project`` (see ``generate_data``)."""
    from .io.projectfile import from_dict
    return from_dict(generate_data(seed, func_rows, econ_rows, style, year, kind, fund), f"合成单位（种子 {seed}）")


def write_units(folder: str | os.PathLike, count: int, seed: int = 0, func_rows: int = 30,
                econ_rows: int = 30, style: str | None = None) -> list[Path]:
    """Write ``count`` synthetic project files (unit-00000.toml …) into ``folder``, seeds seed, seed+1, ….
    ``style`` None alternates shanxi and shandong."""
    import tomli_w

    from .io.projectfile import atomic_write
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        st = style or ("shanxi", "shandong")[i % 2]
        data = generate_data(seed + i, func_rows, econ_rows, st)
        path = out / f"unit-{i:05d}.toml"
        atomic_write(path, tomli_w.dumps(data, multiline_strings=True))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """python -m narratives.synth OUTDIR [-n COUNT] [--seed S] [--rows 20] [--econ 24] [--style S]:
    write synthetic project files (to try ``juesuan batch``, or to time things)."""
    import argparse
    ap = argparse.ArgumentParser(prog="python -m narratives.synth", description="生成合成单位的项目文件（测试、基准用）")
    ap.add_argument("outdir")
    ap.add_argument("-n", "--count", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rows", type=int, default=20, help="功能分类行数（类+款+项）")
    ap.add_argument("--econ", type=int, default=24, help="经济分类行数（款+项，6–61）")
    ap.add_argument("--style", help="样式（默认 shanxi、shandong 交替）")
    args = ap.parse_args(argv)
    from .errors import JuesuanError
    try:
        paths = write_units(args.outdir, args.count, args.seed, args.rows, args.econ, args.style)
    except OSError as exc:
        print(f"synth：无法写入 {args.outdir}：{exc.strerror}", file=__import__("sys").stderr)
        return 2
    except (SynthError, JuesuanError) as exc:
        print(f"synth：{exc}", file=__import__("sys").stderr)
        return 2
    print(f"已写入 {len(paths)} 个项目文件到 {args.outdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# ------------------------------------------------------------------ edge units for `styles check`
def _zero_prior(project: Project) -> None:
    """上年 all 0 (every figure "上年无此项，本年新增")."""
    from .model.inputs import Prior
    from .model.tables import SanGong
    prior = Prior()
    for name, info in Prior.model_fields.items():
        current = getattr(project.prior, name)
        if isinstance(current, dict):
            setattr(prior, name, {k: Decimal(0) for k in current})
        elif isinstance(current, SanGong):
            setattr(prior, name, SanGong(**{k: Decimal(0) for k in SanGong.model_fields}))
        elif current is not None:
            setattr(prior, name, Decimal(0))
    project.prior = prior


def edge_projects(seed: int = 7) -> list[tuple[str, Project]]:
    """Units that exercise a style's edges: everything 0, every item new, 上年 not entered, rises and
    falls, many rows, few rows, no 三公, a 事业单位 and a 行政单位 — (name, project) each."""
    from .model import Unit
    from .model.inputs import Prior, SanGongDetail
    from .model.tables import T09, SanGong
    out: list[tuple[str, Project]] = []
    empty = Project(unit=Unit(name="合成单位（全为0）", year=2024))
    out.append(("合成：全为0", empty))
    base = generate(seed, func_rows=30, econ_rows=30, kind="行政单位")
    base.unit.name = "合成单位（升降）"
    out.append(("合成：有升有降", base))
    new = generate(seed + 1, func_rows=24, econ_rows=24, kind="参照公务员法管理事业单位")
    _zero_prior(new)
    out.append(("合成：上年为0（新增）", new))
    missing = generate(seed + 2, func_rows=24, econ_rows=24)
    missing.prior = Prior()
    out.append(("合成：上年未填", missing))
    out.append(("合成：行很多", generate(seed + 3, func_rows=150, econ_rows=61, kind="行政单位", fund=True)))
    out.append(("合成：行很少", generate(seed + 4, func_rows=3, econ_rows=6, kind="事业单位", fund=False)))
    no3 = generate(seed + 5, func_rows=20, econ_rows=20, kind="事业单位")
    no3.t09 = T09()
    no3.prior.sangong = SanGong()
    no3.sangong = SanGongDetail()
    out.append(("合成：无三公", no3))
    return out
