"""绩效 scores against the grades stated with them (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60, as
``narratives.performance.grade_for``), over the whole file: the 自评表 in 附件 are where a 总分
of 80 is called 优 (yangquan).  Three ways a score and its grade are stated together:

- one sentence: "绩效评价得分为97.59分，等级为优"
- one table row: "1	法律援助经费	89.32	良" (the last number before a grade cell)
- a 总分 row, and the 自评结论 a few lines below it: "总分 … 80" … "自评结果为优"
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..performance import grade_for, normal_grade
from . import patterns as P
from .findings import NOTE, SURE, Finding

# "得分为97.59分" / "评价得分95.48分" / "得分为 97.59 分"
SCORE_IN_SENTENCE = re.compile(r"得分(?:为|是)?\s*(?P<score>\d{1,3}(?:\.\d+)?)\s*分")
# "等级为优" / "自评结果为优" / "评价等级为“良”"
GRADE_IN_SENTENCE = re.compile(r"(?:等级|结果|结论)(?:为|是)[“\"]?(?P<grade>优秀|良好|不合格|合格|优|良|中|差)")
GRADE_CELL = re.compile(r"优秀|良好|不合格|合格|优|良|中|差")
NUMBER_CELL = re.compile(r"\d{1,3}(?:\.\d+)?")
# how many lines below a 总分 row its 自评结论 may be
CONCLUSION_WINDOW = 8
OUTSIDE = "第三部分以外（附件、表格）"


def _finding(where: str, quote: str, score: Decimal, grade: str, how: str) -> Finding:
    expected = grade_for(score)
    return Finding("绩效等级", SURE, where, quote, f"{format(score, 'f')}分，{grade}", expected,
                   f"{format(score, 'f')}分按“90（含）以上为优、80（含）–90为良、60（含）–80为中、60以下为差”应为“{expected}”；{how}")


def _check(score: Decimal, grade: str) -> bool:
    """True when the grade agrees with the score."""
    return normal_grade(grade) == grade_for(score)


def check_grades(text: str, section_of: dict[str, str]) -> list[Finding]:
    """``section_of`` maps each 第三部分 paragraph to its section, to label a finding in it."""
    text = P.normalize(text)
    out: list[Finding] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        cells = [c.strip() for c in line.split("\t")]
        where = OUTSIDE
        # one sentence with both
        for sentence in re.split(r"[。；;\n]", line):
            s, g = SCORE_IN_SENTENCE.search(sentence), GRADE_IN_SENTENCE.search(sentence)
            if s and g and s.start() < g.start() and not _check(Decimal(s.group("score")), g.group("grade")):
                where = next((sec for key, sec in section_of.items() if sentence.strip() and sentence.strip() in key), OUTSIDE)
                out.append(_finding(where, sentence.strip(), Decimal(s.group("score")), g.group("grade"),
                                    "分数和等级写在同一句中"))
        if len(cells) > 1:
            # a row with a score cell followed by a grade cell
            for k, cell in enumerate(cells):
                if GRADE_CELL.fullmatch(cell):
                    numbers = [c for c in cells[:k] if NUMBER_CELL.fullmatch(c)]
                    if numbers and not _check(Decimal(numbers[-1]), cell):
                        out.append(_finding(where, "\t".join(c for c in cells if c), Decimal(numbers[-1]), cell,
                                            "表中同一行的得分与等级"))
            # a 总分 row and the conclusion below it
            if cells[0] == "总分" or (not cells[0] and "总分" in cells[:2]):
                numbers = [c for c in cells if NUMBER_CELL.fullmatch(c)]
                if not numbers:
                    continue
                score = Decimal(numbers[-1])
                for below in lines[i + 1:i + 1 + CONCLUSION_WINDOW]:
                    if below.split("\t")[0].strip() == "总分":
                        break  # the next table's 总分
                    g = GRADE_IN_SENTENCE.search(below)
                    if g:
                        if not _check(score, g.group("grade")):
                            quote = next((s for s in re.split(r"[。；;]", below) if g.group(0) in s), below).strip()
                            out.append(_finding(where, quote.split("\t")[-1], score, g.group("grade"),
                                                f"表中“总分”为 {numbers[-1]}，其下的自评结论写“{g.group(0)}”"))
                        break
    return out


# --------------------------------------------------------------------------- 总分 across tables
WHOLE_UNIT = re.compile(r"部门整体|单位整体")
SCORE_CELL = re.compile(r"\d{1,3}(?:\.\d+)?")


@dataclass(frozen=True)
class TableSum:
    """A 自评表's rows added up: the 预算执行 row's 得分 (the row with its 执行率) and the indicators'."""

    executed: Decimal    # 预算执行 得分
    indicators: Decimal  # Σ 指标 得分
    weights: Decimal     # Σ 分值 (100 when every row was read)

    @property
    def total(self) -> Decimal:
        return self.executed + self.indicators

    def shown(self) -> str:
        return (f"预算执行得分 {_num(self.executed)} + 指标得分 {_num(self.indicators)} = "
                f"{_num(self.total)}（分值合计 {_num(self.weights)}）")


def _num(d: Decimal) -> str:
    """87.0 → 87, 8.48 → 8.48 (scores added from cells of different places)."""
    return format(d.normalize(), "f")


def _rows(lines: list[str]) -> list[list[str]]:
    """The rows of a table as text: one row per line ("a\tb\tc"), or — a document converted cell
    by cell — a cell per line ("\t10"), a wrapped cell going on without a tab, rows parted by an
    empty line (a line of a lone tab is an empty cell, not a parting)."""
    rows: list[list[str]] = []
    block: list[str] = []

    def flush() -> None:
        if len(block) > 1 and all(line.count("\t") <= 1 for line in block):
            cells: list[str] = []
            for line in block:
                if line.startswith("\t") or not cells:
                    cells.append(line.strip())
                else:
                    cells[-1] += line.strip()
            rows.append(cells)
        else:
            rows.extend([c.strip() for c in line.split("\t")] for line in block)
        block.clear()

    for line in lines:
        if not line.strip(" \r"):
            flush()
        else:
            block.append(line)
    flush()
    return rows


def _score_pair(cells: list[str]) -> tuple[Decimal, Decimal, bool] | None:
    """(分值, 得分, is the 预算执行 row) of a row that ends with them (a 偏差原因 text may follow;
    percentages — 执行率, "≥95%" — are no scores)."""
    executed = any(c.endswith("%") and SCORE_CELL.fullmatch(c[:-1]) for c in cells)
    kept = [c for c in cells if c and c != "\u3000" and not c.endswith("%")]
    if kept and not SCORE_CELL.fullmatch(kept[-1]):
        kept = kept[:-1]
    if len(kept) < 2 or not (SCORE_CELL.fullmatch(kept[-1]) and SCORE_CELL.fullmatch(kept[-2])):
        return None
    weight, score = Decimal(kept[-2]), Decimal(kept[-1])
    if not (0 <= score <= weight <= 100):
        return None
    return weight, score, executed


def table_sum(lines: list[str]) -> TableSum | None:
    """The rows of one 自评表 (its lines between the title and the 总分 row) added up; None unless
    the 分值 read add to 100 and one 预算执行 row was found (else a row was missed or misread)."""
    executed, indicators, weights, runs = Decimal(0), Decimal(0), Decimal(0), 0
    for cells in _rows(lines):
        pair = _score_pair(cells)
        if pair is None:
            continue
        weight, score, is_run = pair
        weights += weight
        if is_run:
            executed += score
            runs += 1
        else:
            indicators += score
    if weights != 100 or runs != 1:
        return None
    return TableSum(executed, indicators, weights)


def _table_scores(lines: list[str]) -> list[tuple[str, Decimal, int, TableSum | None]]:
    """(title of the 自评表, its 总分, line, its rows added up) for every 总分 row: "总分\t100\t95.48"
    on one line, or a cell per line as text pulled from a PDF ("\t总分" / "\t100" / "\t95.48")."""
    out = []
    for i, line in enumerate(lines):
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if not cells or cells[0] != "总分":
            continue
        numbers = [c for c in cells[1:] if SCORE_CELL.fullmatch(c)]
        if not numbers:
            for below in lines[i + 1:i + 5]:
                cell = below.strip()
                if SCORE_CELL.fullmatch(cell):
                    numbers.append(cell)
                elif cell and cell != "\u3000":
                    break
        if not numbers:
            continue
        at = next((j for j in range(i, max(-1, i - 400), -1) if "自评表" in lines[j]), None)
        title = lines[at].strip() if at is not None else ""
        out.append((title, Decimal(numbers[-1]), i, table_sum(lines[at + 1:i]) if at is not None else None))
    return out


def check_scores(text: str, section_of: dict[str, str]) -> list[Finding]:
    """The 总分 of the 自评表 against each other and against the score the 自评报告 states.  The
    部门整体 score stated in the report must be its table's 总分 (确定 when not); a project table
    whose 总分 differs from the 部门整体 one, which the report repeats, is named as a 提示: a
    project may score otherwise, but a reviewer compares them."""
    text = P.normalize(text)
    lines = text.split("\n")
    tables = _table_scores(lines)
    stated = []
    for line in lines:
        for sentence in re.split(r"[。；;\n]", line):
            s = SCORE_IN_SENTENCE.search(sentence)
            if s and WHOLE_UNIT.search(sentence) and "\t" not in sentence:
                stated.append((Decimal(s.group("score")), sentence.strip()))
    out: list[Finding] = []
    # a 总分 its own rows contradict: the rows (each 得分 read, 分值 adding to 100) outnumber it
    for title, total, _, summed in tables:
        if summed is not None and summed.total != total:
            out.append(Finding(
                "绩效得分", SURE, OUTSIDE, f"{title} 总分 {format(total, 'f')}", f"总分{format(total, 'f')}分",
                f"{_num(summed.total)}分（各行得分之和）", f"“{title}”：{summed.shown()}，总分写 {format(total, 'f')}",
                "表中各行得分之和与总分不符"))
    sums = {title: summed for title, _, _, summed in tables}
    whole = [(t, v) for t, v, _, _ in tables if WHOLE_UNIT.search(t)]
    projects = [(t, v) for t, v, _, _ in tables if not WHOLE_UNIT.search(t)]
    for value, sentence in stated:
        where = next((sec for key, sec in section_of.items() if sentence and sentence in key), OUTSIDE)
        for title, total in whole:
            if total != value:
                out.append(Finding(
                    "绩效得分", SURE, where, sentence, f"部门整体得分{format(value, 'f')}分", f"{format(total, 'f')}分",
                    f"“{title}”的总分为 {format(total, 'f')}，报告写 {format(value, 'f')}：同一评价的两个得分不一致"))
    if whole and stated:
        agreed = {v for _, v in whole} & {v for v, _ in stated}
        for title, total in projects:
            if agreed and total not in agreed:
                shown = "、".join(format(v, "f") for v in sorted(agreed))
                how = f"部门整体自评表和自评报告都写 {shown}分，只有“{title}”为 {format(total, 'f')}分"
                note = "项目的得分可以与部门整体不同；如本应是同一得分，则此处为笔误"
                added = [(t, sums.get(t)) for t, _ in whole] + [(title, sums.get(title))]
                if all(s is not None for _, s in added):
                    how = "；".join(f"“{t}”总分 = {s.shown()}" for t, s in added) + f"；自评报告写 {shown}分"
                    if all(sums[t].total == v for t, v in whole + [(title, total)]):
                        note = ("两表各自相加无误，报告与部门整体表一致：这是两张表的两个得分，不是一个得分写成两样；"
                                "项目的得分可以与部门整体不同，请确认项目表的得分")
                out.append(Finding(
                    "绩效得分", NOTE, OUTSIDE, f"{title} 总分 {format(total, 'f')}", f"总分{format(total, 'f')}分",
                    f"核对（部门整体自评表与自评报告均为 {shown}分）", how, note))
    return out
