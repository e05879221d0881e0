"""Every rule with its formula, for ``juesuan check --list-rules`` and docs/checks.md.  The declared
rules give their own formulas; the rules written in code are described here, next to their ids."""
from __future__ import annotations

from dataclasses import dataclass

from .declared import BUILTIN, Declared

# checks.md's headings for rules 1–34, and the lint rules
TITLES = {
    "R01": "01表 本年收入合计", "R02": "01表 本年支出合计", "R03": "01表 收入总计", "R04": "01表 支出总计",
    "R05": "01表 收支总计相等", "R06": "02表 每行收入", "R07": "02表 每列层级", "R08": "02表与01表",
    "R09": "03表 每行支出", "R10": "03表 层级及与01表", "R11": "04表 收入", "R12": "04表 每个支出行",
    "R13": "04表 结转和结余", "R14": "04表 各资金收支平衡", "R15": "04表与03表", "R16": "05表 每行及层级",
    "R17": "05表与04表", "R18": "05表与06表", "R19": "06表 人员经费", "R20": "06表 公用经费",
    "R21": "06表 款与项", "R22": "06表与09表", "R23": "07/08表 每行", "R24": "07/08表与04表",
    "R25": "09表 合计", "R26": "09表 公务用车小计", "R27": "10表 机关运行经费", "R28": "10表 政府采购",
    "R29": "10表 车辆", "R30": "上年 收支总计", "R31": "年初预算 合计", "R32": "三公 数量与金额",
    "R33": "预算绩效", "R34": "变动和预算偏差须说明原因", "R35": "06表 人员经费与基本支出", "R36": "功能分类 缺少上级科目",
    "L01": "类的主要用途", "L02": "模板残留", "L03": "变动原因的方向", "L04": "沿用上年的文字",
    "L05": "未填", "L06": "说明的科目不存在",
}


@dataclass(frozen=True)
class RuleInfo:
    id: str
    table: str
    formula: str
    severity: str = "错误（超出尾差）/ 提示（尾差内）"


CODE_RULES: tuple[RuleInfo, ...] = (
    RuleInfo("R06", "公开02表", "每行（含合计行）：本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入"),
    RuleInfo("R07", "公开02表", "每列：类 = Σ 其下各款，款 = Σ 其下各项，合计 = Σ 各类；科目代码不重复"),
    RuleInfo("R09", "公开03表", "每行（含合计行）：本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出"),
    RuleInfo("R10", "公开03表", "每列：类 = Σ 款 = Σ 项，合计 = Σ 各类；每个类 = 公开01表同名类的支出"),
    RuleInfo("R10", "公开03表", "本年支出合计一栏空着时：类（基本支出 + 项目支出 + … 相加）= Σ 其下各款（同样相加），款 = Σ 其下各项"),
    RuleInfo("R12", "公开04表", "每个支出行及本年支出合计：合计 = 一般公共预算 + 政府性基金 + 国有资本经营；本年支出合计每列 = Σ 各类"),
    RuleInfo("R13", "公开04表", "年初、年末财政拨款结转和结余：合计 = 一般公共预算 + 政府性基金 + 国有资本经营"),
    RuleInfo("R14", "公开04表", "支出总计：合计 = 一般公共预算 + 政府性基金 + 国有资本经营"),
    RuleInfo("R16", "公开05表", "每行（含合计行）：小计 = 基本支出 + 项目支出；每列：类 = Σ 款 = Σ 项，合计 = Σ 各类"),
    RuleInfo("R16", "公开05表", "小计一栏空着时：类（基本支出 + 项目支出）= Σ 其下各款（同样相加），款 = Σ 其下各项"),
    RuleInfo("R17", "公开05表", "每个类的小计 = 公开04表同名类的一般公共预算财政拨款"),
    RuleInfo("R21", "公开06表", "每个款（3 位代码）= Σ 其下各项（5 位代码）"),
    RuleInfo("R23", "公开07/08表", "07表每行：年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余；本年支出 = 基本支出 + 项目支出；08表每行：合计 = 基本支出 + 项目支出"),
    RuleInfo("R24", "公开07/08表", "04表该项资金（政府性基金 / 国有资本经营）收支和结转结余均为 0 时，07/08表应为空表（本表无数据）"),
    RuleInfo("R27", "公开10表", "事业单位不公开机关运行经费：填了机关运行经费则提示", "提示"),
    RuleInfo("R27", "公开10表", "部门含事业单位（单位构成）：机关运行经费 ≤ 06表公用经费合计；填了“行政参公单位公用经费”时，机关运行经费 = 行政参公单位公用经费", "错误"),
    RuleInfo("R31", "年初预算", "Σ 项（无项时 Σ 款、Σ 类）年初预算 = 一般公共预算财政拨款支出年初预算；类 = Σ 其下各款（项）。有预算无支出的项也要列出"),
    RuleInfo("R32", "三公明细", "购置车辆数 > 0 ⇔ 公务用车购置费 > 0；出国团组数 > 0 ⇔ 因公出国（境）费 > 0；出国人次 ≥ 团组数；各类接待 人次 ≥ 批次，批次 > 0 ⇔ 金额 > 0", "错误"),
    RuleInfo("R32", "三公明细", "公务用车保有量填 0 而09表公务用车运行维护费决算数 > 0", "错误"),
    RuleInfo("R36", "公开02/03/05/07/08表", "款、项的上级科目（类、款）行须在表中：缺了则该行不属于任何类（情况说明仍按上级科目计入）", "错误"),
    RuleInfo("R35", "公开06表", "人员经费合计填 0（或各款相加为 0）而05表基本支出 > 0", "错误（公用经费也不等于基本支出）/ 提示（基本支出全是公用经费）"),
    RuleInfo("R33", "预算绩效", "自评项目数 = 优 + 良 + 中（合格）+ 差（不合格）；指标得分 ≤ 分值；预算执行分值 + Σ 分值 = 100；自评得分 = 预算执行得分 + Σ 指标得分；等级与得分相符（优 ≥ 90，良 80–90，中 60–80，差 < 60）；自评结论中的等级与得分相符；重点评价等级与得分相符", "错误"),
    RuleInfo("R33", "预算绩效", "全年预算 > 0 而执行数为 0（执行率 0%）", "提示"),
    RuleInfo("R34", "说明", "样式要求说明的变动（|变动率| ≥ 样式的 reason_threshold，0 = 除持平外都要；上年为 0 的新增也要）有变动原因；决算 ≠ 预算（偏差率 ≥ 阈值，或年初无预算）有预算偏差原因。哪些科目要说明由样式的 [extra.checks] reason_for / deviation_for 决定", "提示"),
    RuleInfo("L01", "说明", "样式写明用途的科目（[extra.checks] usage_for，如 类）本年有支出而未填“主要用于”", "提示"),
    RuleInfo("L02", "说明、预算绩效、概况", "文字中有模板残留：XX、××、□、（增加）（减少）、大小于、增加/减少", "提示"),
    RuleInfo("L04", "说明、预算绩效", "文字中有“【上年】”：由 juesuan new --from 沿用上年，尚未复核", "提示"),
    RuleInfo("L05", "各表、上年、年初预算、三公明细", "文中要用而未填的数字（本年、上年数、年初预算、数量）：文中写作“【待填：…】”，每项一条", "错误"),
    RuleInfo("L06", "说明", "说明的科目既不是情况说明用到的数字名称（收支总计、公务接待费……），也不是本项目表中的功能分类代码：这段文字不会写进情况说明；提示最接近的有效科目", "提示"),
    RuleInfo("L03", "说明", "变动原因以“增加/减少”等开头（或写“较上年…增加”），方向与本年、上年数相反", "提示"),
)


def _order(rule_id: str) -> tuple[str, int]:
    return rule_id[0] != "R", int(rule_id[1:])


def rules_markdown(extra: tuple[Declared, ...] = ()) -> str:
    """docs/checks.md: every rule, by id, with its formula."""
    infos: dict[str, list[tuple[str, str, str]]] = {}
    for d in (*BUILTIN, *extra):
        infos.setdefault(d.id, []).append((d.table, f"`{d.formula}`" + (f"（仅当{d.when}）" if d.when else ""),
                                           d.description))
    for r in CODE_RULES:
        infos.setdefault(r.id, []).append((r.table, r.formula, f"（代码实现）严重程度：{r.severity}"))
    lines = [
        "# 审核规则（勾稽关系与情况说明的输入）",
        "",
        "本文件由 `juesuan check --list-rules` 生成，请勿手工修改。编号 R01–R34 对应 `shared/spec/checks.md`",
        "的 1–34 条；L01–L03 是对情况说明文字的检查。",
        "",
        "- **错误**：表与表、行与行相互矛盾（差额超出尾差）；`juesuan check` 有错误时退出码为 1。",
        "- **提示**：差额在尾差之内（n 个两位小数的数相加，允许相差 n × 0.005 万元），或文字会不完整、不准确。",
        "- 公式中的名称是项目文件的键；`Σ` 表示对一组金额求和；`?` 表示该格为空时按 0 计（不带 `?` 的格为空时跳过此条）。",
        "- 省份可以在样式的 `style.toml` 中用 `[[extra.checks.rules]]` 增加同样写法的规则（id、table、left、op、right、description），无需改代码。",
        "",
    ]
    for rid in sorted(infos, key=_order):
        lines.append(f"## {rid} {TITLES.get(rid, '')}".rstrip())
        lines.append("")
        for table, formula, desc in infos[rid]:
            lines.append(f"- {table}：{formula} — {desc}")
        lines.append("")
    from .lint import SUBJECT_KINDS
    lines += [
        "## 样式中的审核设置",
        "",
        "`reason_threshold`（%）：变动率达到多少须说明原因，0 表示除持平外都要说明。`[extra.checks]` 中：",
        "",
        "- `reason_for`：须说明变动原因的科目种类；`deviation_for`：须说明预算偏差原因的；`usage_for`：须写“主要用于”的。",
        f"- 科目种类：{'、'.join(SUBJECT_KINDS)}。",
        "- `[[extra.checks.rules]]`：本省的规则，例如",
        "",
        "```toml",
        "[[extra.checks.rules]]",
        'id = "SX01"',
        'table = "公开10表"',
        'left = "公开10表.政府采购.合计"',
        'op = "<="',
        'right = "公开03表.合计.本年支出合计"',
        'description = "政府采购合计不大于本年支出合计"',
        "```",
        "",
    ]
    return "\n".join(lines)
