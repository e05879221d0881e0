"""Figures of a published sentence, and the candidate each one is.

A figure's value narrows the candidates (rounded half up as the document rounds); the words decide
among equal values: the role read from the words just before it (增加/减少 → change, 预算 → budget,
占 → share, 完成…的 → completion), the section's topic, and the subject named nearest before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..audit import patterns as P
from ..money import quantize
from .catalogue import Candidate, Catalogue, Subject

COUNT_UNITS = ("台（套）", "人次", "批次", "个", "辆", "件", "分")
FIGURE = re.compile(rf"(?<![\d.])(?P<num>{P.NUMBER})\s*(?P<unit>万元|元|%|{'|'.join(COUNT_UNITS)})")


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    value: Decimal
    unit: str       # 万元 | 元 | % | a count unit
    places: int
    text: str

    @property
    def kind(self) -> str:
        return "money" if self.unit == "万元" else "pct" if self.unit == "%" else \
            "yuan" if self.unit == "元" else "score" if self.unit == "分" else "count"


def figures(text: str) -> list[Figure]:
    out = []
    for m in FIGURE.finditer(text):
        num = m.group("num")
        out.append(Figure(m.start(), m.end(), Decimal(num.replace(",", "")), m.group("unit"),
                          len(num.split(".")[1]) if "." in num else 0, m.group(0)))
    return out


# the section topics (audit.patterns.TOPICS) and the subjects each is about
TOPIC_SUBJECTS = {
    "收支总体": ("f.grand_",),
    "财政拨款总体": ("f.fiscal_",),
    "收入": ("f.income_",),
    "支出": ("f.expense_",),
    "一般公共预算": ("f.general", "f.classes", "f.items", "f.budget_items"),
    "基本支出": ("f.basic", "f.personnel", "f.public"),
    "三公": ("f.sangong",),
}


def topic_of(title: str) -> str:
    return next((name for name, pattern in P.TOPICS if pattern.search(title)), "")


def role_of(fig: Figure, before: str) -> str:
    """The role the words just before a figure give it (in its own clause)."""
    tail = before[-14:]
    if fig.kind == "pct":
        if re.search(r"(?:增长|下降|增加|减少|上升|降低)(?:了|率)?(?:为)?$", tail):
            return "rate"
        if re.search(r"完成[^，,；;。%]{0,12}的$|(?:执行|完成)率(?:为)?$", tail):
            return "completion"
        if re.search(r"占(?:比)?(?:为)?$|占[^，,；;。%]{1,30}?的?(?:比重|比例)?(?:为)?$", tail):
            return "share"
        return "other"
    if fig.kind == "money":
        if re.search(r"(?:增加|减少|增长|下降)了?$", tail):
            return "change"
        if re.search(r"预算(?:数|金额)?(?:为|是|共)?$", tail):
            return "budget"
        if re.search(r"(?:上年|上年度|去年)(?:决算)?(?:数)?(?:为|是)?$", tail):
            return "prior"
    return "value"


def matches(c: Candidate, fig: Figure, places: int, pct_places: int) -> bool:
    if fig.kind == "count":
        return c.kind == "count" and c.subject.count_unit == fig.unit and Decimal(c.value) == fig.value
    if fig.kind == "money":
        return c.kind == "money" and quantize(c.value, places) == fig.value
    if fig.kind == "pct":
        return c.kind == "pct" and quantize(c.value, pct_places) == fig.value
    if fig.kind == "score":
        return c.kind == "score" and quantize(c.value, places) == fig.value
    return False


class Matcher:
    def __init__(self, cat: Catalogue, places: int = 2, pct_places: int = 2):
        self.cat, self.places, self.pct_places = cat, places, pct_places
        self.order = {id(s): i for i, s in enumerate(cat.subjects)}

    def _by_value(self) -> dict:
        """(kind, value as written) → the candidates in catalogue order: a figure is looked up, not
        compared with every candidate (a 20-page document states hundreds of figures)."""
        if getattr(self, "_index", None) is None:
            index: dict = {}
            for c in self.cat.candidates:
                if c.kind == "count":
                    key = ("count", c.subject.count_unit, Decimal(c.value))
                elif c.kind in ("money", "score"):
                    key = (c.kind, quantize(c.value, self.places))
                elif c.kind == "pct":
                    key = ("pct", quantize(c.value, self.pct_places))
                else:
                    continue
                index.setdefault(key, []).append(c)
            self._index = index
        return self._index

    def candidates(self, fig: Figure, role: str) -> list[Candidate]:
        key = ("count", fig.unit, fig.value) if fig.kind == "count" else (fig.kind, fig.value)
        found = [c for c in self._by_value().get(key, ()) if matches(c, fig, self.places, self.pct_places)]
        if fig.kind == "money":
            wanted = {"value": ("value",), "change": ("change",), "budget": ("budget",), "prior": ("prior",)}[role]
            exact = [c for c in found if c.role in wanted]
            if role in ("budget", "prior"):  # "预留…预算金额480万元" is an amount of its own: the
                # amounts of subjects named there compete (choose() prefers the one named nearest)
                field = "budget" if role == "budget" else "prior"
                exact = exact + [c for c in found if c.role == "value" and (
                    c.subject.item is None or getattr(c.subject.item, field) is None)]
            # "较上年0.32万元" may also be written without the role word: fall back to any amount
            return exact or ([c for c in found if c.role in ("value", "prior", "budget")] if role == "value" else [])
        if fig.kind == "pct":
            bare = [c for c in found if c.subject.item is None]
            if bare:
                return bare + [c for c in found if c.role == role]
            if role == "other":
                return [c for c in found if c.role in ("share", "completion")]
            return [c for c in found if c.role == role]
        return found

    def choose(self, cands: list[Candidate], text: str, pos: int, topic: str,
               prefer: Subject | None = None, row: tuple | None = None) -> Candidate | None:
        if not cands:
            return None
        prefixes = TOPIC_SUBJECTS.get(topic, ())
        sent_start = max(text.rfind(ch, 0, pos) for ch in "。；;") + 1

        def score(c: Candidate):
            s = c.subject
            in_topic = any(s.expr.lstrip("(").startswith(p) for p in prefixes)
            best = (-10 ** 9, 0)
            for name in s.names + s.keywords:
                at = text.rfind(name, 0, pos)
                if at < 0:
                    continue
                dist = pos - (at + len(name))
                key = (-dist if at >= sent_start else -10000 - dist, len(name))
                best = max(best, key)
            same_row = row is not None and (s.coll, s.index) == row
            return (s is prefer, in_topic, best, same_row, -self.order.get(id(s), 0))

        return max(cands, key=score)
