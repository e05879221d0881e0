"""R33 预算绩效: the counts add up, each 自评表 agrees with itself (得分 ≤ 分值, weights add to 100,
the total is the sum of the scores, the grade is the score's, the 结论 names the same grade), and
money budgeted but not spent is pointed out."""
from __future__ import annotations

import re
from decimal import Decimal

from ..compute import total
from ..model import Project
from ..model.performance import Evaluation
from ..money import normalize_text
from ..performance import GRADES, execution_rate, execution_score, grade_for, normal_grade, total_score
from .finding import ERROR, HINT, Finding, amount_text, judge, tolerance

T = "预算绩效"
HUNDRED = Decimal(100)

# "自评结果为优", "评价等级：良好", "自评得分85分，等级为“良”" — a grade word right after 为/是/：
_GRADE_WORD = re.compile(
    r"(?:等级|等次|结果|结论|评价|评定|评为|定为|级别)\s*(?:为|是|：|:)?\s*[“\"'‘「『]?"
    r"(不合格|合格|优秀|良好|优|良|中|差)"
    r"(?=[”\"'’」』）)\s，。；;,.、！!级等档]|$)")


def conclusion_grade(text: str) -> str | None:
    """The grade a 结论 states, normalised (优秀 → 优, 合格 → 中), or None when it states none."""
    m = _GRADE_WORD.search(normalize_text(text or ""))
    return normal_grade(m.group(1)) if m else None


def _one(ev: Evaluation, where: str) -> list[Finding]:
    out: list[Finding] = []
    loc = f"{where}“{ev.name}”"
    for i in ev.indicators:
        if i.weight is not None and i.score is not None and i.score > i.weight:
            out.append(Finding("R33", ERROR, T, f"{loc} 指标“{i.level3}”",
                               f"预算绩效 {loc}：指标“{i.level3}”得分 {amount_text(i.score)} 超过分值 {amount_text(i.weight)}。"
                               "请改正得分（不能超过分值）。", f"≤ {amount_text(i.weight)}", amount_text(i.score),
                               section="performance"))
    weights = [i.weight for i in ev.indicators if i.weight is not None]
    if weights:
        w = total(weights) + (ev.execution_weight or 0)
        if w != HUNDRED:
            out.append(Finding("R33", ERROR, T, f"{loc} 分值",
                               f"预算绩效 {loc}：预算执行分值与各指标分值合计为 {amount_text(w)}，应为 100。"
                               "请核对各指标的分值。", "100", amount_text(w), section="performance"))
    # without indicator scores total_score is the 预算执行 score alone (yangquan: 7.96 of a stated
    # 80): only a 自评表 with its indicator rows has a total to compare
    computed = total_score(ev) if any(i.score is not None for i in ev.indicators) else None
    if ev.indicators and computed is not None and ev.stated_score is not None:
        diff = ev.stated_score - computed
        severity = judge(diff, tolerance([ev.stated_score, *[i.score for i in ev.indicators if i.score is not None]]))
        if severity:
            ex = execution_score(ev)
            out.append(Finding("R33", severity, T, f"{loc} 自评得分",
                               f"预算绩效 {loc}：自评得分 {amount_text(ev.stated_score)}，而预算执行得分"
                               f"（{amount_text(ex) if ex is not None else '无'}）加各指标得分为 {amount_text(computed)}，"
                               f"相差{amount_text(abs(diff))}。请核对得分。", amount_text(computed),
                               amount_text(ev.stated_score), section="performance"))
    score = ev.stated_score if ev.stated_score is not None else computed
    grade = grade_for(score) if score is not None else None
    stated = normal_grade(ev.stated_grade)
    if grade and stated and stated != grade:
        out.append(Finding("R33", ERROR, T, f"{loc} 自评等级",
                           f"预算绩效 {loc}：自评得分 {amount_text(score)} 按评分标准（优 ≥ 90，良 80–90，中 60–80，差 < 60）"
                           f"为“{grade}”，自评等级却填“{ev.stated_grade}”。请改正等级或得分。", grade,
                           ev.stated_grade or "", section="performance"))
    said = conclusion_grade(ev.conclusion)
    expected = grade or stated
    if said and expected and said != expected:
        out.append(Finding("R33", ERROR, T, f"{loc} 自评结论",
                           f"预算绩效 {loc}：自评结论说等级为“{said}”，但"
                           + (f"自评得分 {amount_text(score)} 对应“{expected}”" if grade else f"自评等级为“{expected}”")
                           + "。请改正结论中的等级。", expected, said, section="performance"))
    rate = execution_rate(ev)
    if rate == 0 and ev.full_budget and ev.full_budget > 0:
        out.append(Finding("R33", HINT, T, f"{loc} 执行率",
                           f"预算绩效 {loc}：全年预算 {amount_text(ev.full_budget)}万元，执行数为 0（执行率 0%），"
                           "预算执行得分为 0。请在自评中说明未执行的原因和改进措施。", "执行率 > 0", "0%",
                           section="performance"))
    return out


def run(p: Project) -> list[Finding]:
    perf = p.performance
    out: list[Finding] = []
    if perf.grades and perf.self_projects is not None:
        n = sum(v or 0 for v in perf.grades.values())
        if n != perf.self_projects:
            parts = "、".join(f"{k} {v or 0} 个" for k, v in perf.grades.items())
            out.append(Finding("R33", ERROR, T, "等级",
                               f"预算绩效：自评项目数为 {perf.self_projects}，各等级项目数（{parts}）合计 {n}，两者应相等。"
                               "请核对。", str(perf.self_projects), str(n), section="performance"))
    unknown = [k for k in perf.grades if normal_grade(k) not in GRADES]
    if unknown:
        out.append(Finding("R33", ERROR, T, "等级",
                           f"预算绩效：等级“{'、'.join(unknown)}”不认识（应为 优、良、中（合格）、差（不合格））。",
                           "优、良、中、差", "、".join(unknown), section="performance"))
    if perf.projects and perf.grades:
        counted: dict[str, int] = {}
        for ev in perf.projects:
            s = ev.stated_score if ev.stated_score is not None else total_score(ev)
            g = normal_grade(ev.stated_grade) or (grade_for(s) if s is not None else None)
            if g:
                counted[g] = counted.get(g, 0) + 1
        given = {normal_grade(k): v or 0 for k, v in perf.grades.items()}
        if len(perf.projects) == (perf.self_projects or len(perf.projects)) and counted != \
                {k: v for k, v in given.items() if v}:
            out.append(Finding("R33", ERROR, T, "等级",
                               f"预算绩效：各等级项目数（{'、'.join(f'{k} {v} 个' for k, v in given.items() if v)}）"
                               f"与所列自评表的等级（{'、'.join(f'{k} {v} 个' for k, v in counted.items())}）不一致。请核对。",
                               str(counted), str(given), section="performance"))
    for ev in perf.projects:
        out += _one(ev, "项目")
    if perf.unit is not None:
        out += _one(perf.unit, "部门整体")
    for k in perf.key:
        if k.score is not None and k.grade and normal_grade(k.grade) != grade_for(k.score):
            out.append(Finding("R33", ERROR, T, f"重点评价“{k.name}”",
                               f"预算绩效 重点评价“{k.name}”：得分 {amount_text(k.score)} 对应“{grade_for(k.score)}”，"
                               f"等级却填“{k.grade}”。请改正。", grade_for(k.score), k.grade, section="performance"))
    return out
