"""The figures a paragraph states, each with its role (本年, 上年, change, budget; rate, share,
completion) and the subject the words before it give it.

The role comes from the words just before the figure in its own clause (patterns.AMOUNT_ROLES):
"减少24.07万元" is a change, "年初预算142.83万元" a budget, "较上年0.32万元" a 上年 figure, anything
else 本年 ("actual").  A figure's precision is kept: a published 2-decimal amount stands for any
amount within ±0.005万元, which is what the rounding (尾差) judgement works from.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..money import AmountError, parse_amount
from . import patterns as P


@dataclass(frozen=True)
class Figure:
    value: Decimal
    places: int           # decimals as printed ("36" → 0, "12.1" → 1)
    kind: str             # "amount" (万元) | "percent"
    role: str             # amount: actual|change|new|budget|prior|threshold; percent: rate|share|completion|other
    start: int            # offsets in the paragraph text
    end: int
    text: str             # as printed: "24.07万元", "15.85%"
    subject: str          # normalized words before it in its clause: "收入总计"
    clause_prefix: str    # the raw words before it in its clause
    sentence: int         # index of its sentence in the paragraph
    whole: str = ""       # a share's named whole: "本年支出合计"
    word: str = ""        # the direction word of a change or rate: "减少", "下降"


@lru_cache(maxsize=64)
def _spans(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """The sentence spans of a paragraph and their starts, computed once per paragraph (the
    checks ask for the sentence of every figure: a scan each time was quadratic)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans), tuple(s for s, _ in spans)


_SENTENCE_END = re.compile(f"[{re.escape(P.SENTENCE_END)}]")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; the end includes its 。"""
    return list(_spans(text)[0])


def _span_at(text: str, pos: int) -> tuple[int, int] | None:
    spans, starts = _spans(text)
    k = bisect_right(starts, pos) - 1
    if 0 <= k < len(spans) and spans[k][0] <= pos < spans[k][1]:
        return spans[k]
    return None


def sentence_at(text: str, pos: int) -> str:
    span = _span_at(text, pos)
    return text[span[0]:span[1]].strip() if span else text.strip()


def sentence_start(text: str, pos: int) -> int:
    span = _span_at(text, pos)
    return span[0] if span else 0


def sentence_end(text: str, pos: int) -> int:
    span = _span_at(text, pos)
    return span[1] if span else len(text)


# a clause longer than this (a text without punctuation) is read from its last characters only:
# the words that give a figure its role and subject stand just before it
MAX_PREFIX = 120


@lru_cache(maxsize=64)
def _clause_ends(text: str) -> tuple[int, ...]:
    return tuple(m.end() for m in _CLAUSE_END.finditer(text))


_CLAUSE_END = re.compile(f"[{re.escape(P.CLAUSE_END)}]")


def _clause_start(text: str, pos: int) -> int:
    ends = _clause_ends(text)
    k = bisect_right(ends, pos) - 1
    start = ends[k] if k >= 0 else 0
    return max(start, pos - MAX_PREFIX)


def normalize_subject(words: str) -> str:
    s = "".join(words.split())  # "与 2023 年度相比" (PDF text) is "与2023年度相比"
    s = P.AMOUNT.sub("", s)       # "较上年0.32万元减少…": a figure is no part of a subject
    for _ in range(3):  # noise can nest ("1、2024年度其中…")
        s = P.SUBJECT_NOISE.sub("", s).strip()
    return s.strip("“”\"' 　")


def _places(num: str) -> int:
    return len(num.split(".")[1]) if "." in num else 0


def sentence_index(text: str, pos: int) -> int:
    spans, starts = _spans(text)
    k = bisect_right(starts, pos) - 1
    if 0 <= k < len(spans) and spans[k][0] <= pos < spans[k][1]:
        return k
    return len(spans) - 1


def _direction_word(prefix: str) -> str:
    m = P.DIRECTION_BEFORE_RATE.search(prefix)
    return m.group("word") if m else ""


def extract(text: str, year: int | None = None) -> list[Figure]:
    """Every 万元 amount and every percentage of a paragraph, in order."""
    text = P.normalize(text)  # one character for one: offsets still point into the caller's text
    found: list[Figure] = []
    for kind, pattern in (("amount", P.AMOUNT), ("percent", P.PERCENT)):
        for m in pattern.finditer(text):
            try:
                value = parse_amount(m.group("num"))
            except AmountError:
                continue
            if value is None:
                continue
            cstart = _clause_start(text, m.start())
            prefix = text[cstart:m.start()]
            role, whole, word = _role(kind, prefix, year)
            subject_words = prefix
            direction = P.DIRECTION_BEFORE_RATE.search(prefix.rstrip()) if role == "change" else None
            if direction:
                subject_words = prefix[:direction.start()]
            found.append(Figure(
                value=value, places=_places(m.group("num")), kind=kind, role=role,
                start=m.start(), end=m.end(), text=m.group(0), subject=normalize_subject(subject_words),
                clause_prefix=prefix, sentence=sentence_index(text, m.start()), whole=whole, word=word))
    found.sort(key=lambda f: f.start)
    return found


def _role(kind: str, prefix: str, year: int | None) -> tuple[str, str, str]:
    """(role, named whole, direction word) from the words before a figure."""
    tail = prefix.rstrip()
    if kind == "amount":
        for role, pattern in P.AMOUNT_ROLES:
            m = pattern.search(tail)
            if not m:
                continue
            if role == "prior_year":
                # "2023年度…X万元" is 上年 only when 2023 is the year before; "2024年X万元" is 本年
                if year is not None and int(m.group("year")) == year - 1:
                    return "prior", "", ""
                continue
            return role, "", (_direction_word(tail) if role == "change" else "")
        return "actual", "", ""
    for role, pattern in P.PERCENT_ROLES:
        m = pattern.search(tail)
        if m:
            whole = (m.groupdict().get("whole") or "") if role == "share" else ""
            return role, whole.strip(), (_direction_word(tail) if role == "rate" else "")
    return "other", "", ""
