"""预算绩效: the unit's evaluation counts, its evaluated projects with their indicator rows, and
the 部门整体 / 重点 evaluations.  Scores are Decimal like money (得分 4.44, 89.32)."""
from __future__ import annotations

from pydantic import Field

from .base import Amount, Count, Model, Text


class Indicator(Model):
    level1: Text = Field("", alias="一级指标")
    level2: Text = Field("", alias="二级指标")
    level3: Text = Field("", alias="三级指标")
    target: Text = Field("", alias="年度指标值")
    achieved: Text = Field("", alias="实际完成值")
    weight: Amount = Field(None, alias="分值")
    score: Amount = Field(None, alias="得分")
    note: Text = Field("", alias="偏差原因")


class Evaluation(Model):
    """One 自评表 (a project, or the unit as a whole)."""

    name: Text = Field(alias="项目名称")
    tier: Text = Field("", alias="级次")
    department: Text = Field("", alias="主管部门")
    initial_budget: Amount = Field(None, alias="年初预算数")
    full_budget: Amount = Field(None, alias="全年预算数")
    executed: Amount = Field(None, alias="全年执行数")
    execution_weight: Amount = Field(None, alias="预算执行分值")
    indicators: list[Indicator] = Field(default_factory=list, alias="指标")
    stated_score: Amount = Field(None, alias="自评得分")
    stated_grade: Text | None = Field(None, alias="自评等级")
    conclusion: Text = Field("", alias="自评结论")
    goal: Text = Field("", alias="年度目标")
    achievement: Text = Field("", alias="目标完成情况")
    problems: Text = Field("", alias="存在问题")
    measures: Text = Field("", alias="改进措施")


class KeyEvaluation(Model):
    """重点绩效评价 (部门评价) of a project."""

    name: Text = Field(alias="项目名称")
    amount: Amount = Field(None, alias="涉及资金")
    score: Amount = Field(None, alias="得分")
    grade: Text | None = Field(None, alias="等级")
    # for a project graded 中 or 差: what the 部门 does about it (the text prints it after the grade)
    measures: Text = Field("", alias="整改措施")

    @property
    def needs_measures(self) -> bool:
        """中 / 差 (合格 / 不合格) call for 整改措施 in the text."""
        return (self.grade or "").strip() in ("中", "差", "合格", "不合格")


class Tier(Model):
    """The projects of one 级次 evaluated this year: "一级项目2个，二级项目5个，共涉及资金X万元"."""

    tier: Text = Field(alias="级次", min_length=1)          # 一级项目 / 二级项目
    count: Count = Field(None, alias="项目数", ge=0)
    amount: Amount = Field(None, alias="涉及资金")
    fund: Text = Field("", alias="资金性质")                 # e.g. 一般公共预算


class Performance(Model):
    """The figures the 预算绩效情况说明 reports.  Counts left empty are derived from the
    evaluated projects where those are entered."""

    tier: Text = Field("", alias="项目级次")
    # 一级项目 / 二级项目 with their counts and amounts, where the text gives them by 级次
    tiers: list[Tier] = Field(default_factory=list, alias="分级项目")
    target_projects: Count = Field(None, alias="编报绩效目标项目数")
    target_amount: Amount = Field(None, alias="编报绩效目标金额")
    tracked_projects: Count = Field(None, alias="绩效跟踪项目数")
    tracked_amount: Amount = Field(None, alias="绩效跟踪金额")
    self_projects: Count = Field(None, alias="自评项目数")
    self_amount: Amount = Field(None, alias="自评金额")
    project_budget_total: Amount = Field(None, alias="预算项目支出总额")
    average_score: Amount = Field(None, alias="平均得分")
    grades: dict[str, Count] = Field(default_factory=dict, alias="等级")
    problems_found: Count = Field(None, alias="发现问题数")
    problems_fixed: Count = Field(None, alias="已整改问题数")
    problems_fixing: Count = Field(None, alias="正在整改问题数")
    systems: Text = Field("", alias="管理制度")
    mechanism: Text = Field("", alias="工作机制")
    summary: Text = Field("", alias="自评综述")
    projects: list[Evaluation] = Field(default_factory=list, alias="项目")
    unit: Evaluation | None = Field(None, alias="部门整体")
    key: list[KeyEvaluation] = Field(default_factory=list, alias="重点评价")
