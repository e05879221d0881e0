"""预算绩效 arithmetic: 执行率, the 预算执行 score, total score and grade of a 自评表, and the
counts the 预算绩效情况说明 reports (derived from the evaluated projects where not entered)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .compute import known_total, share, total
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
    amount: Decimal | None  # None: a project's budget not entered
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
        # a project without its budget leaves the sum unknown (its marker shows), never short
        amount = known_total(e.full_budget if e.full_budget is not None else e.initial_budget for e in evs)
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
    return PerformanceSummary(n, amount, grades, average,
                              share(amount, base).rate if base and amount is not None else None)
