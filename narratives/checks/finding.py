"""What a check reports: a ``Finding`` (one problem, worded for the clerk) and the tolerance for
尾差 (a sum of n rounded terms may differ from its stated total by n × 0.005 万元)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Iterable

ERROR = "错误"   # the tables contradict each other
HINT = "提示"    # the text will be weak or incomplete, or a difference within 尾差
SEVERITIES = (ERROR, HINT)

# one rounded amount (万元, 2 decimals) may be off by half a cent of 万元
HALF_CENT = Decimal("0.005")

# the order findings are listed in: the tables, then the narrative's own inputs
TABLE_ORDER = ("公开01表", "公开02表", "公开03表", "公开04表", "公开05表", "公开06表", "公开07表",
               "公开08表", "公开09表", "公开10表", "上年", "年初预算", "三公明细", "政府采购明细",
               "预算绩效", "说明", "概况")


@dataclass(frozen=True)
class Finding:
    """One problem.  ``message`` is complete on its own (table, row, column, expected, found, what
    to do); the other fields let the app place it: ``section`` is the generic section id of the
    text it affects (overall, income, … performance; the style's own id once ``check`` knows the
    style), ``subject`` the note subject of 说明 (e.g. "204", "收支总计") where there is one."""

    rule: str
    severity: str
    table: str
    location: str
    message: str
    expected: str = ""
    found: str = ""
    subject: str = ""
    section: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Summary:
    errors: int
    hints: int
    by_table: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """No 错误 (提示 may remain)."""
        return self.errors == 0

    def text(self) -> str:
        if not self.errors and not self.hints:
            return "审核通过：未发现问题"
        return f"共 {self.errors + self.hints} 条：错误 {self.errors} 条，提示 {self.hints} 条"

    def to_dict(self) -> dict:
        return {"错误": self.errors, "提示": self.hints, "按表": self.by_table}


def summary(findings: Iterable[Finding]) -> Summary:
    errors = hints = 0
    by_table: dict[str, dict[str, int]] = {}
    for f in findings:
        counts = by_table.setdefault(f.table, {ERROR: 0, HINT: 0})
        counts[f.severity] += 1
        if f.severity == ERROR:
            errors += 1
        else:
            hints += 1
    return Summary(errors, hints, by_table)


def sort_key(f: Finding) -> tuple:
    t = TABLE_ORDER.index(f.table) if f.table in TABLE_ORDER else len(TABLE_ORDER)
    return (t, f.table, 0 if f.severity == ERROR else 1, f.rule)


def tolerance(terms: Iterable[Decimal | int]) -> Decimal:
    """n × 0.005 万元 for the n amounts compared; counts (int) are exact and add nothing."""
    return HALF_CENT * sum(1 for t in terms if isinstance(t, Decimal))


def judge(diff: Decimal, tol: Decimal) -> str | None:
    """None when equal, 提示 within 尾差, 错误 beyond it."""
    if diff == 0:
        return None
    return HINT if abs(diff) <= tol else ERROR


def amount_text(value: Decimal | int | None) -> str:
    """An amount as the clerk entered it: 2 decimals at least, more only if entered (11.9448)."""
    if value is None:
        return "（空）"
    if isinstance(value, int):
        return str(value)
    if value == value.quantize(Decimal("0.01")):
        return f"{value.quantize(Decimal('0.01')):f}"
    return f"{value.normalize():f}"
