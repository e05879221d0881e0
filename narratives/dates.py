"""Dates as a Chinese publication writes them, through babel's zh_CN formats: the 落款 "2025年9月",
"2025年9月30日".  The export asks here rather than formatting dates itself, so a style may name
its own CLDR date pattern (e.g. "y年M月d日") and every writer agrees."""
from __future__ import annotations

import datetime as _dt

# CLDR date patterns: y year, M month (no leading zero), d day
MONTH = "y年M月"
DAY = "y年M月d日"


def format_date(day: _dt.date, pattern: str = MONTH) -> str:
    """``format_date(date(2025, 9, 1))`` → "2025年9月"; ``pattern`` is a CLDR pattern or one of
    babel's named zh_CN formats ("long" → "2025年9月1日")."""
    try:
        from babel.dates import format_date as babel_format
    except ImportError:  # an old .venv without babel: the two patterns the export uses
        return pattern.replace("y", str(day.year)).replace("M", str(day.month)).replace("d", str(day.day)) \
            if pattern in (MONTH, DAY) else day.isoformat()
    return babel_format(day, pattern, locale="zh_CN")


def signature_date(day: _dt.date | None = None, pattern: str = MONTH) -> str:
    """The date under the 落款: today (or ``day``) as "2025年9月"."""
    return format_date(day or _dt.date.today(), pattern)
