"""What a check reports: a ``Finding`` (one problem, worded for the clerk) and the tolerance for
尾差 (a sum of n rounded terms may differ from its stated total by n × 0.005 万元)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Iterable

ERROR = "错误"   # the tables contradict each other
HINT = "提示"    # the text will be weak or incomplete
SEVERITIES = (ERROR, HINT)
# a difference within the rounding tolerance: still a 提示 by severity (checks.md: "within tolerance
# is 提示 at most"), but a tier of its own below 提示 — a published table carries a dozen of them
# (the same 0.01 echoing up the 类/款/合计 rows) and none asks the clerk to change anything
TAIL = "尾差"
TIERS = (ERROR, HINT, TAIL)
TAIL_NOTE = "因四舍五入，合计数与分项之和可能存在尾数差异"

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
    tail: bool = False  # a difference within 尾差 (see TAIL); ``judge`` says so

    def __post_init__(self) -> None:
        # the rules pass on what judge() returned: TAIL is kept as a 提示 marked ``tail``, so code
        # that reads ``severity`` (errors vs the rest) goes on working and ``tier`` tells the three apart
        if self.severity == TAIL:
            object.__setattr__(self, "severity", HINT)
            object.__setattr__(self, "tail", True)
        elif self.severity == ERROR and self.tail:
            object.__setattr__(self, "tail", False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_tail(self) -> bool:
        return self.tail

    @property
    def tier(self) -> str:
        """错误, 提示 or 尾差: what the clerk is shown, in this order."""
        return TAIL if self.tail else self.severity

    def to_dict(self) -> dict[str, str]:
        return {**asdict(self), "tier": self.tier}

    def gap(self) -> str:
        """The difference of ``found`` and ``expected`` as text ("0.01"), "" when they are not amounts."""
        try:
            return amount_text(abs(Decimal(self.found) - Decimal(self.expected)))
        except (InvalidOperation, ValueError):
            return ""


@dataclass(frozen=True)
class Summary:
    """Counts by tier: ``hints`` are the 提示 that are not 尾差, ``tails`` the 尾差."""
    errors: int
    hints: int
    by_table: dict[str, dict[str, int]] = field(default_factory=dict)
    tails: int = 0

    @property
    def ok(self) -> bool:
        """No 错误 (提示 and 尾差 may remain)."""
        return self.errors == 0

    def text(self) -> str:
        if not self.errors and not self.hints and not self.tails:
            return "审核通过：未发现问题"
        return f"错误 {self.errors} 条，提示 {self.hints} 条" + tails_text(self.tails)

    def to_dict(self) -> dict:
        return {ERROR: self.errors, HINT: self.hints, TAIL: self.tails, "按表": self.by_table}


def tails_text(n: int) -> str:
    """"，尾差 21 处（在允许范围内…）" for a count line; "" for none."""
    return f"，尾差 {n} 处（在允许范围内，可在表下注明“{TAIL_NOTE}”）" if n else ""


def summary(findings: Iterable[Finding]) -> Summary:
    counted = {ERROR: 0, HINT: 0, TAIL: 0}
    by_table: dict[str, dict[str, int]] = {}
    for f in findings:
        counts = by_table.setdefault(f.table, {t: 0 for t in TIERS})
        counts[f.tier] += 1
        counted[f.tier] += 1
    return Summary(counted[ERROR], counted[HINT], by_table, counted[TAIL])


def sort_key(f: Finding) -> tuple:
    t = TABLE_ORDER.index(f.table) if f.table in TABLE_ORDER else len(TABLE_ORDER)
    return (t, f.table, TIERS.index(f.tier), f.rule)


def tolerance(terms: Iterable[Decimal | int]) -> Decimal:
    """n × 0.005 万元 for the n amounts compared; counts (int) are exact and add nothing."""
    return HALF_CENT * sum(1 for t in terms if isinstance(t, Decimal))


def judge(diff: Decimal, tol: Decimal) -> str | None:
    """None when equal, 尾差 (TAIL) within the tolerance, 错误 beyond it."""
    if diff == 0:
        return None
    return TAIL if abs(diff) <= tol else ERROR


def amount_text(value: Decimal | int | None) -> str:
    """An amount as the clerk entered it: 2 decimals at least, more only if entered (11.9448)."""
    if value is None:
        return "（空）"
    if isinstance(value, int):
        return str(value)
    if value == value.quantize(Decimal("0.01")):
        return f"{value.quantize(Decimal('0.01')):f}"
    return f"{value.normalize():f}"
