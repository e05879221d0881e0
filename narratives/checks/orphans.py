"""R36: a 款 or 项 row whose 类 (or 款) row is missing from its table.  Such a row belongs to no 类:
the per-类 rules never see it and 合计 = Σ 各类 cannot hold, so it would silently vanish from the
审核 (the text still counts it: ``facts`` sums a missing 类 from its rows)."""
from __future__ import annotations

from ..model import Project
from .finding import ERROR, Finding

_TABLES = (("公开02表", "t02", "income"), ("公开03表", "t03", "expense"), ("公开05表", "t05", "general"),
           ("公开07表", "t07", "fund"), ("公开08表", "t08", "capital"))
_LEVEL = {3: "类", 5: "款"}


def run(p: Project) -> list[Finding]:
    out = []
    for table, attr, section in _TABLES:
        rows = getattr(p, attr).rows
        codes = {r.code for r in rows}
        for r in rows:
            missing = [c for c in (r.code[:3], r.code[:5]) if len(c) < len(r.code) and c not in codes]
            if not missing:
                continue
            what = "、".join(f"{_LEVEL[len(c)]} {c}" for c in dict.fromkeys(missing))
            out.append(Finding(
                "R36", ERROR, table, f"{r.code} {r.name}",
                f"{table} {r.code} {r.name}：缺少上级科目行（{what}）。这一行不属于任何类，"
                f"各类之和与合计对不上；情况说明已按其上级科目计入。请补上{what}的行。",
                "上级科目行", "（缺）", subject=r.code[:3], section=section))
    return out
