"""Every wording decision in one place: direction words, 持平, 上年无此项, 年初无预算, the change
phrase and the budget phrases.  Templates call these; they never decide wording with their own
``if``s, so a new province changes words in its settings, not logic in its templates.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from .compute import Change, Completion


class Fmt(Protocol):
    def money(self, value: Decimal, source: str | None = None) -> str: ...
    def pct(self, rate: Decimal, source: str | None = None) -> str: ...


class Words(BaseModel):
    """The style's words for the edge cases: the ``[words]`` table of style.toml (each key optional).
    ``{what}``, ``{amount}``, ``{basis}``, ``{rate}`` are filled in by the phrases below; ``lead`` and
    ``same`` may use ``{year}`` and ``{prior_year}``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    up: str = "增加"
    down: str = "减少"
    up_rate: str = "增长"
    down_rate: str = "下降"
    same: str = "与上年持平"
    lead: str = "与上年相比，"
    missing_prior: str = "（上年数未填）"
    both_zero: str = "本年度无此项{what}"
    new: str = "上年无此项{what}，本年新增{amount}"
    # budget
    completion: str = "完成{basis}的{rate}"
    no_budget: str = "{basis}无预算"
    over: str = "决算数大于{basis}数"
    under: str = "决算数小于{basis}数"
    equal: str = "决算数与{basis}数持平"
    what: str = "支出"


def direction(ch: Change, words: Words) -> tuple[str, str]:
    """(amount word, rate word) for a change: 增加/增长 or 减少/下降."""
    if ch.amount >= 0:
        return words.up, words.up_rate
    return words.down, words.down_rate


def _shows_zero(fmt: Fmt, value: Decimal) -> bool:
    """The amount as the style prints it has no non-zero digit (0.004 → "0.00万元")."""
    return not _NONZERO.search(fmt.money(abs(value)))


_NONZERO = re.compile("[1-9]")


def change_kind(ch: Change, fmt: Fmt | None = None) -> str:
    """The kind of a change as the reader will see it: a change that prints as 0.00 is 持平
    ("same", never "增加0.00万元，增长0.00%"), and a 上年 that prints as 0.00 is no base for a
    rate ("new").  Without ``fmt``, the exact kind."""
    kind = ch.kind
    if fmt is None or kind not in ("up", "down"):
        return kind
    if _shows_zero(fmt, ch.amount):
        return "same"
    if _shows_zero(fmt, ch.prior):
        return "new"
    return kind


def change_word(ch: Change, words: Words, fmt: Fmt | None = None) -> str:
    """The direction word alone, for "…支出减少的主要原因是": 增加/减少 (新增 counts as 增加);
    "" where there is no change to explain (持平, both 0, not known)."""
    if change_kind(ch, fmt) in ("same", "both_zero", "unknown"):
        return ""
    return direction(ch, words)[0]


def change_phrase(ch: Change, fmt: Fmt, words: Words, *, subject: str = "", lead: str | None = None,
                  what: str | None = None, same: str | None = None, source: str | None = None,
                  prior_known: bool = True, missing: str | None = None) -> str:
    """The comparison with 上年, as one clause:

    up/down     "{lead}{subject}增加29.78万元，增长22.68%" (减少…下降… for a fall)
    same        "{subject}与上年持平"                (never "增加0.00万元，增长0.00%": also for a
                                                      change that prints as 0.00)
    new         "{subject}上年无此项支出，本年新增X万元" (never "增长100%" from a zero base)
    both_zero   "{subject}本年度无此项支出"
    unknown     "{lead}{subject}" + ``missing`` (the 待填 marker of the input not entered) when
                本年 or 上年 is not entered (``prior_known`` False: 上年 is not) — never 持平 or
                上年无此项 from a blank
    """
    kind = change_kind(ch, fmt)
    w = what or words.what
    if kind == "unknown" or (not prior_known and ch.current != 0):
        if missing is None:  # no marker given: the style's words for a missing 上年数
            return subject + words.missing_prior
        return f"{words.lead if lead is None else lead}{subject}{missing}"
    if kind == "both_zero":
        return subject + words.both_zero.format(what=w)
    if kind == "new":
        return subject + words.new.format(what=w, amount=fmt.money(ch.current, source and source + ".本年"))
    if kind == "same":
        return subject + (same if same is not None else words.same)
    amount_word, rate_word = direction(ch, words)
    assert ch.rate is not None
    return (f"{words.lead if lead is None else lead}{subject}{amount_word}"
            f"{fmt.money(abs(ch.amount), source and source + '.变动额')}，"
            f"{rate_word}{fmt.pct(abs(ch.rate), source and source + '.变动率')}")


def completion_phrase(c: Completion, fmt: Fmt, words: Words, basis: str = "年初预算",
                      source: str | None = None) -> str:
    """"完成年初预算的89.48%" or, with no budget, "年初无预算" (never a rate of a zero budget)."""
    if c.kind == "unknown":
        return ""  # the caller writes the marker of the input that is missing
    if c.rate is None:
        return words.no_budget.format(basis=basis.removesuffix("预算"))
    return words.completion.format(basis=basis, rate=fmt.pct(c.rate, source and source + ".完成率"))


def deviation_words(c: Completion, words: Words, basis: str = "年初预算") -> str:
    """决算数大于/小于年初预算数, or 持平; "" where both are 0."""
    kind = c.kind
    if kind in ("none", "unknown"):
        return ""
    if kind == "equal":
        return words.equal.format(basis=basis)
    if kind in ("over", "no_budget"):
        return words.over.format(basis=basis)
    return words.under.format(basis=basis)


def join_reason(prefix: str, text: str, end: str = "。") -> str:
    """prefix + the clerk's text + end, without doubling the clerk's own final punctuation."""
    text = (text or "").strip()
    if not text:
        return ""
    if text[-1] in "。；;，,.!！":
        text = text[:-1]
    return f"{prefix}{text}{end}"


_CN = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 21 → 二十一 (section numbers)."""
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")
