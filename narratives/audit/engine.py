"""Audit a published 情况说明: outline → figures → recomputations → findings."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .convention import RateSeen, settle
from .crosscheck import TOTALS, check_change_pairs, check_tables, check_totals, collect_totals, resolve_whole
from .figures import Figure, extract, sentences
from .grades import check_grades, check_scores
from .findings import (NOTE, ROUNDING, SURE, SURENESS_ORDER, Finding, amount_places, pct_places,
                       with_document_places)
from .outline import Paragraph, outline
from .patterns import LIST_ITEM
from .reading import AuditReadError, check_length, read_document
from .recompute import (Group, item_segments, check_budget_words, check_changes, check_completion, check_group, group_holds, check_rates_from_amounts,
                        check_same_words, check_shares, inline_groups, paragraph_lead, part_figures)
from .residue import check_residue, check_years
from .tables import read_tables
from .words import check_words


@dataclass
class Report:
    source: str
    year: int | None
    found_part3: bool
    tables_read: bool
    sections: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)           # the 公开表 read ("公开01表", …)
    tables_not_read: list[str] = field(default_factory=list)  # found by title, cells unreadable

    def count(self, sureness: str) -> int:
        return sum(1 for f in self.findings if f.sureness == sureness)

    @property
    def exit_status(self) -> int:
        """1 when any finding is sure (确定), else 0."""
        return 1 if self.count(SURE) else 0

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "year": self.year,
            "found_part3": self.found_part3,
            "tables_read": self.tables_read,
            "tables": self.tables,
            "tables_not_read": self.tables_not_read,
            "summary": {SURE: self.count(SURE), ROUNDING: self.count(ROUNDING), NOTE: self.count(NOTE)},
            "findings": [f.to_dict() for f in self.findings],
        }


def audit_file(path: str | Path) -> Report:
    p = Path(path)
    return audit_text(read_document(p), source=p.name)


def audit_text(text: str, source: str = "") -> Report:
    check_length(text, source)
    ol = outline(text)
    if not ol.paragraphs:
        raise AuditReadError(f"{source or '文本'}：没有找到第三部分 情况说明的文字（文件是空的，或不是决算公开文本？）")
    paras: list[tuple[Paragraph, list[Figure]]] = [(p, extract(p.text, ol.year)) for p in ol.paragraphs]
    every = [f for _, figs in paras for f in figs]
    places = pct_places(every)
    money_places = amount_places(every)
    paras = [(p, with_document_places(figs, money_places, places)) for p, figs in paras]
    tables = read_tables(ol.before if ol.found_part3 else text)
    totals = collect_totals(paras)

    def resolve(name: str):
        return resolve_whole(name, totals, tables)

    def stated_total(subject: str, topic: str):
        """The first statement of the total ``subject`` names, in a section of ``topic``."""
        for key, key_topic, pattern, role in TOTALS:
            if role == "actual" and key_topic == topic and pattern.search(subject) and totals.get(key):
                return totals[key][0].figure
        return None

    def budget_of(subject: str):
        """The 公开09表 budget of a 三公 item named by ``subject`` (None: not known)."""
        for key, topic, pattern, _ in TOTALS:
            if topic == "三公" and f"T09.预算.{key}" in tables.cells and pattern.search(subject):
                return tables.get(f"T09.预算.{key}")
        return None

    findings: list[Finding] = []
    holding: set[int] = set()  # wholes whose listed parts add up: witnesses in check_totals
    basis: dict[int, Figure] = {}  # a rate finding → the 本年 figure it was computed from
    seen: list[RateSeen] = []  # every percentage recomputed: the document's convention
    group: Group | None = None
    context_whole: Figure | None = None

    def close() -> None:
        nonlocal group
        if group is not None and group.parts:
            findings.extend(check_group(group, across_paragraphs=True))
            if group_holds(group):
                holding.add(id(group.whole))
        group = None

    previous: tuple[Paragraph, list[Figure]] | None = None
    for para, figs in paras:
        if para.starts_group:
            close()
            context_whole = None
            previous = None
        if group is not None and group.item and LIST_ITEM.match(para.text):
            close()  # "3、…" after "2、…其中：" is the next item, not a part of item 2
        if group is not None:
            parts = [part_figures(seg) for seg in item_segments(para, figs)]
            parts = [(a, b) for a, b in parts if a is not None or b is not None]
            if not parts:
                close()
            else:
                # one part per item: a list run together in one paragraph ("一般公共服务…0.21万元；
                # 公共安全…100.79万元；…", as a PDF's lines join) counts each of its items
                for actual, budget in parts:
                    group.parts.append(actual)
                    group.part_budgets.append(budget)
        findings += check_changes(para, figs, places, previous, stated_total, basis, seen)
        findings += check_shares(para, figs, places, context_whole, resolve, seen)
        findings += check_completion(para, figs, places, budget_of, seen)
        findings += check_rates_from_amounts(para, figs, places, seen)
        findings += check_budget_words(para, figs)
        findings += check_same_words(para, figs)
        for g in inline_groups(para, figs):
            findings += check_group(g, across_paragraphs=False)
            if group_holds(g):
                holding.add(id(g.whole))
        findings += check_residue(para)
        findings += check_words(para, figs)
        findings += check_years(para, ol.year)
        previous = (para, figs)
        lead = paragraph_lead(para, figs)
        if lead is not None:
            close()
            group, context_whole = lead, lead.whole
    close()
    findings += [Finding("表间不符", SURE, "第二部分 决算表", e.message, e.found or e.location, e.expected or "",
                         f"{e.table}：{e.location}（勾稽关系 {e.rule}）", "决算表之间不一致：表中数字有误，文中引用它的也须一并核对")
                 for e in tables.errors]
    blamed: set[int] = set()
    findings += check_totals(totals, tables, frozenset(holding), blamed)
    # a rate computed from a figure the evidence names wrong is that figure's slip, not its own
    findings = [f for f in findings if id(f) not in basis or id(basis[id(f)]) not in blamed]
    # a rate off its stated figures by less than rounding is a slip where the document's other
    # rates show it computes from those figures (else it stays 可能为尾差)
    findings = settle(findings, [s for s in seen if s.finding is None or id(s.finding) not in basis
                                 or id(basis[id(s.finding)]) not in blamed])
    findings += check_change_pairs(paras)
    findings += check_tables(tables, paras)
    section_of = {p.text: p.section for p, _ in paras}
    findings += check_grades(text, section_of)
    findings += check_scores(text, section_of)

    sections = list(dict.fromkeys(p.section for p, _ in paras))
    order = {s: i for i, s in enumerate(sections)}
    unique: dict[tuple, Finding] = {}
    for f in findings:
        unique.setdefault((f.kind, f.section, f.sentence, f.stated, f.expected), f)
    ordered = sorted(unique.values(), key=lambda f: order.get(f.section, len(order)))
    if any(p.page is not None for p, _ in paras):
        ordered = _with_pages(ordered, [p for p, _ in paras])
    return Report(source, ol.year, ol.found_part3, bool(tables), sections, ordered, tables.read, tables.not_read)


def _with_pages(findings: list[Finding], paragraphs: list[Paragraph]) -> list[Finding]:
    """Each finding with the page of the sentence it quotes (looked up by sentence: linear)."""
    page_of: dict[str, int] = {}
    for p in paragraphs:
        if p.page is None:
            continue
        for s, e in sentences(p.text):
            page_of.setdefault(p.text[s:e].strip(), p.page)
        page_of.setdefault(p.text.strip(), p.page)
    out = []
    for f in findings:
        page = page_of.get(f.sentence)
        if page is None:
            # a quote of two sentences (the figure stated, then its change): the first one's page
            first = f.sentence[:sentences(f.sentence)[0][1]].strip() if f.sentence else ""
            page = page_of.get(first)
        out.append(replace(f, page=page) if page is not None and f.page is None else f)
    return out


__all__ = ["Report", "audit_file", "audit_text", "SURENESS_ORDER"]
