"""Last year's project → this year's: 本年 figures become 上年, the tables start empty, the clerk's
words are kept as a draft.

Why "【上年】": a 变动原因 or 预算偏差原因 explains last year's change; it may still hold this year
(人员调出 again) or be wrong.  Copied as it was, it would pass into the published text unread.  The
mark is visible in every preview and export, so an unreviewed reason cannot slip through; the
clerk deletes the mark once the sentence is right.  主要用于 (what a 类 is spent on) rarely changes
and is kept unmarked.
"""
from __future__ import annotations

from decimal import Decimal

from ..compute import total
from ..model import (EXPENSE_KINDS, FISCAL_SOURCES, INCOME_SOURCES, Budget, Explanation, Performance,
                     Prior, Project, SanGong)

DRAFT_MARK = "【上年】"


def _any(*values) -> bool:
    return any(v is not None for v in values)


def _or_none(value: Decimal, *inputs) -> Decimal | None:
    """A derived figure only where some input was there: an empty table gives no 上年, not 0."""
    return value if _any(*inputs) else None


def prior_from(last: Project) -> Prior:
    """The 上年 block of next year's project: last year's 本年 figures, stated totals where the
    tables state them, otherwise the sums of their parts."""
    t01, t03, t04, t05, t06, t09, t10 = last.t01, last.t03, last.t04, last.t05, last.t06, last.t09, last.t10
    income = {k: v for k in INCOME_SOURCES if (v := t01.income.get(k)) is not None}
    if any(k in income for k in FISCAL_SOURCES):
        # 公开02表 and the 二 收入 section speak of 财政拨款收入 as one figure
        income["财政拨款收入"] = total(income.get(k) for k in FISCAL_SOURCES)
    expense = {k: v for k in EXPENSE_KINDS if (v := t03.total.kind(k)) is not None}
    if not expense and t03.rows:
        for k in EXPENSE_KINDS:
            s = [r.kind(k) for r in t03.rows if r.level == 1]
            if _any(*s):
                expense[k] = total(s)
    by_func = {}
    for r in t05.rows:
        if _any(r.total, r.basic, r.project):
            by_func[f"{r.code} {r.name}"] = r.sum()
    level1 = [r for r in t05.rows if r.level == 1]
    if _any(t05.total.total, t05.total.basic, t05.total.project):
        general = t05.total.sum()
    elif level1:
        general = total(r.sum() for r in level1)
    else:
        general = t04.expense_total.general
    basic = t05.total.basic if t05.total.basic is not None else \
        _or_none(total(r.basic for r in level1), *(r.basic for r in level1))
    actual = t09.actual
    sangong = SanGong.model_validate(actual.model_dump(by_alias=True)) if _any(
        actual.abroad, actual.car_purchase, actual.car_running, actual.reception, actual.total) else SanGong()
    return Prior(
        grand_income=_or_none(t01.grand_income_sum(), t01.grand_income, *t01.income.values(),
                              t01.income_total, t01.use_of_balance, t01.opening_balance),
        grand_expense=_or_none(t01.grand_expense_sum(), t01.grand_expense, *t01.expense.values(),
                               t01.expense_total, t01.distribution, t01.closing_balance),
        income_total=_or_none(t01.income_sum(), t01.income_total, *t01.income.values()),
        expense_total=_or_none(t01.expense_sum(), t01.expense_total, *t01.expense.values()),
        income=income,
        expense=expense,
        fiscal_grand_income=_or_none(t04.grand_income_sum(), t04.grand_income, t04.income_total,
                                     *t04.income.values(), t04.opening.total, t04.opening.general),
        fiscal_grand_expense=_or_none(t04.grand_expense_sum(), t04.grand_expense.total,
                                      t04.expense_total.total, t04.expense_total.general, t04.closing.total),
        general_expense=general,
        general_basic=basic,
        personnel=_or_none(t06.personnel_sum(), t06.personnel_total, *(r.amount for r in t06.personnel)),
        public=_or_none(t06.public_sum(), t06.public_total, *(r.amount for r in t06.public)),
        by_func=by_func,
        sangong=sangong,
        running_cost=t10.running_cost,
        purchase_total=_or_none(t10.purchase.sum(), t10.purchase.total, t10.purchase.goods,
                                t10.purchase.works, t10.purchase.services),
    )


def _draft(text: str | None) -> str | None:
    if not text or not text.strip():
        return text
    return text if text.startswith(DRAFT_MARK) else DRAFT_MARK + text


def draft_notes(notes: dict[str, Explanation]) -> dict[str, Explanation]:
    """The clerk's words for next year: 主要用于 kept, the rest marked 【上年】 for review."""
    out = {}
    for subject, exp in notes.items():
        out[subject] = Explanation(reason=_draft(exp.reason), usage=exp.usage,
                                   deviation=_draft(exp.deviation), text=_draft(exp.text))
    return out


def next_year(last: Project) -> Project:
    """A new project for the year after ``last``: same unit, 上年 filled, tables empty."""
    unit = last.unit.model_copy(update={"year": last.unit.year + 1})
    perf = Performance(tier=last.performance.tier, systems=_draft(last.performance.systems) or "",
                       mechanism=_draft(last.performance.mechanism) or "")
    return Project(unit=unit, overview=last.overview.model_copy(deep=True), prior=prior_from(last),
                   budget=Budget(basis=last.budget.basis), performance=perf,
                   notes=draft_notes(last.notes))
