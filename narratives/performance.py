"""预算绩效 arithmetic: 执行率, the 预算执行 score, total score and grade of a 自评表, and the
counts the 预算绩效情况说明 reports (derived from the evaluated projects where not entered)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .compute import share, total
from .model import Project
from .model.performance import Evaluation
from .money import quantize

GRADES = ("优", "良", "中", "差")
# the usual scale: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60 (lower bounds included)
SCALE = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))
GRADE_ALIASES = {"合格": "中", "不合格": "差", "优秀": "优", "良好": "良"}


def grade_for(score: Decimal) -> str:
    for bound, name in SCALE:
        if score >= bound:
            return name
    return "差"


def execution_rate(ev: Evaluation) -> Decimal | None:
    """执行数 / 全年预算数 (unrounded %), None without a budget."""
    return share(ev.executed, ev.full_budget).rate


def execution_score(ev: Evaluation) -> Decimal | None:
    """分值 × 执行率, capped at 分值, rounded half-up to 2 decimals as the forms print it
    (yueyang: 10 × 84.78% = 8.48)."""
    if ev.execution_weight is None:
        return None
    rate = execution_rate(ev)
    if rate is None:
        return None
    score = ev.execution_weight * rate / 100
    return quantize(min(score, ev.execution_weight), 2)


def total_score(ev: Evaluation) -> Decimal | None:
    """The 预算执行 score plus every indicator's 得分; None where no score is entered."""
    parts = [i.score for i in ev.indicators if i.score is not None]
    if not parts:
        # without indicator scores the 预算执行 score alone is not a total: keep the stated one
        return ev.stated_score
    return total(parts) + (execution_score(ev) or Decimal(0))


def normal_grade(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip()
    return GRADE_ALIASES.get(text, text)


@dataclass
class PerformanceSummary:
    projects: int
    amount: Decimal
    grades: dict[str, int] = field(default_factory=dict)
    average: Decimal | None = None
    project_share: Decimal | None = None  # 自评金额 / 预算项目支出总额, %

    def grade_list(self) -> list[tuple[str, int]]:
        return [(g, n) for g, n in ((g, self.grades.get(g, 0)) for g in GRADES) if n]


def summary(project: Project) -> PerformanceSummary:
    perf = project.performance
    evs = perf.projects
    n = perf.self_projects if perf.self_projects is not None else len(evs)
    amount = perf.self_amount
    if amount is None:
        amount = total(e.full_budget if e.full_budget is not None else e.initial_budget for e in evs)
    if perf.grades:
        grades = {normal_grade(k) or k: v or 0 for k, v in perf.grades.items()}
    else:
        grades = {}
        for e in evs:
            g = normal_grade(e.stated_grade) or (grade_for(s) if (s := total_score(e)) is not None else None)
            if g:
                grades[g] = grades.get(g, 0) + 1
    average = perf.average_score
    if average is None and evs:
        scores = [s for e in evs if (s := (e.stated_score if e.stated_score is not None else total_score(e))) is not None]
        if scores:
            average = total(scores) / len(scores)
    base = perf.project_budget_total
    return PerformanceSummary(n, amount, grades, average, share(amount, base).rate if base else None)


def evaluation_rows(ev: Evaluation) -> list[list[str]]:
    """A 项目支出绩效自评表 as rows of text cells (the docx 附件 and Markdown share it).

    Scores and amounts are the entered figures; 执行率, the 预算执行 score, the total and the grade are
    computed here, so the table agrees with itself whatever the clerk typed in the summary."""
    from .money import format_number

    def num(x: Decimal | None) -> str:
        return "" if x is None else format_number(x, 2, False, True)

    rate = execution_rate(ev)
    score = total_score(ev)
    rows = [
        ["项目名称", ev.name, "主管部门", ev.department, "", "", "", ""],
        ["预算执行情况（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
        ["年度资金总额", num(ev.initial_budget), num(ev.full_budget), num(ev.executed), num(ev.execution_weight),
         "" if rate is None else format_number(rate, 2, False, False) + "%", num(execution_score(ev)), ""],
        ["年度总体目标", ev.goal, "目标实际完成情况", ev.achievement, "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ]
    rows += [[i.level1, i.level2, i.level3, i.target, i.achieved, num(i.weight), num(i.score), i.note]
             for i in ev.indicators]
    weights = [i.weight for i in ev.indicators if i.weight is not None]
    total_weight = total(weights) + (ev.execution_weight or Decimal(0)) if weights else None
    rows.append(["总分", "", "", "", "", num(total_weight), num(score),
                 f"自评等级：{grade_for(score)}" if score is not None else ""])
    if ev.conclusion:
        rows.append(["自评结论", ev.conclusion, "", "", "", "", "", ""])
    return rows
