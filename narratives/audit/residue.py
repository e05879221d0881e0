"""Template residue (XX, （增加）（减少）, 大小于) and 年 tokens that are neither the year of the
accounts nor the year before: the marks of a template or of last year's text not fully updated."""
from __future__ import annotations

from . import patterns as P
from .figures import sentence_at
from .findings import NOTE, SURE, Finding
from .outline import Paragraph


def check_residue(para: Paragraph) -> list[Finding]:
    out = []
    for name, pattern in P.RESIDUE:
        for m in pattern.finditer(para.text):
            out.append(Finding("模板残留", SURE, para.section, sentence_at(para.text, m.start()), m.group(0),
                               "填写实际内容、删去不适用的选项", f"{name}：模板中的占位或选项没有替换"))
    return out


def check_years(para: Paragraph, year: int | None) -> list[Finding]:
    if year is None:
        return []
    out = []
    for m in P.YEAR.finditer(para.text):
        y = int(m.group("year"))
        if y in (year, year - 1):
            continue
        # the year after may be a date of the report ("2025年4月"); anything else is stale text
        sure = NOTE if y == year + 1 else SURE
        out.append(Finding("年份", sure, para.section, sentence_at(para.text, m.start()), m.group(0),
                           f"{year}年或{year - 1}年",
                           f"本文是{year}年度决算：情况说明中只应出现本年（{year}）和上年（{year - 1}）",
                           "可能是报告日期，请确认" if sure == NOTE else "可能是沿用往年文本未改的年份"))
    return out
