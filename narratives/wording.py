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


def _rate(fmt: Fmt, rate: Decimal, source: str | None, kind: str) -> str:
    """A rate in the style's format for its kind (变动率, 完成率 may differ from 占比); a plain
    ``Fmt`` without kinds writes every rate with ``pct``."""
    by_kind = getattr(fmt, "rate", None)
    return by_kind(rate, source, kind) if by_kind is not None else fmt.pct(rate, source)


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
    # spent with no budget: never "决算数大于预算数" right after "年初无预算"
    no_budget_deviation: str = "支出未列入{basis}"
    what: str = "支出"
    # the change clause with its named parts; sep goes between the amount and the rate
    change: str = "{lead}{subject}{amount_word}{amount}{sep}{rate_word}{rate}"
    sep: str = "，"


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
    return words.change.format(
        lead=words.lead if lead is None else lead, subject=subject, amount_word=amount_word,
        amount=fmt.money(abs(ch.amount), source and source + '.变动额'), sep=words.sep,
        rate_word=rate_word, rate=_rate(fmt, abs(ch.rate), source and source + '.变动率', "change_rate"))


def rate_word(ch: Change, words: Words) -> str:
    """增长 / 下降 alone ("" where no rate is written: 持平, both 0, 新增, 上年未填)."""
    if ch.kind in ("same", "both_zero", "new", "unknown") or ch.rate is None:
        return ""
    return direction(ch, words)[1]


def completion_phrase(c: Completion, fmt: Fmt, words: Words, basis: str = "年初预算",
                      source: str | None = None) -> str:
    """"完成年初预算的89.48%" or, with no budget, "年初无预算" (never a rate of a zero budget)."""
    if c.kind == "unknown":
        return ""  # the caller writes the marker of the input that is missing
    if c.rate is None:
        return words.no_budget.format(basis=basis.removesuffix("预算"))
    return words.completion.format(basis=basis, rate=_rate(fmt, c.rate, source and source + ".完成率",
                                                          "completion_rate"))


def deviation_words(c: Completion, words: Words, basis: str = "年初预算") -> str:
    """决算数大于/小于年初预算数, or 持平; "" where both are 0."""
    kind = c.kind
    if kind in ("none", "unknown"):
        return ""
    if kind == "equal":
        return words.equal.format(basis=basis)
    if kind == "no_budget":
        return words.no_budget_deviation.format(basis=basis)
    if kind == "over":
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


def with_suffix(text, word: str) -> str:
    """text + word, unless the text already ends with word: a clerk's project may be named
    "法律援助经费" or "法律援助经费项目", and "{{ name }}项目" must not read "…项目项目"."""
    text = "" if text is None else str(text).strip()
    return text if not word or text.endswith(word) else text + word


_CN = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 21 → 二十一, 105 → 一百零五, 110 → 一百一十 (heading numbers:
    a list of 项 may pass a hundred)."""
    if n < 10:
        return _CN[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")
    if n >= 10000:
        return str(n)
    out, zero = "", False
    for value, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if zero and out else "") + _CN[digit] + word
            zero = False
        else:
            zero = True
    return out


# ---------------------------------------------------------------- added with issue 13, item 3
def listed(items: list, list_zero_rows: bool, current: bool = False) -> list:
    """The rows a 收入/支出 list names: every row where the style lists zero rows (文登 lists
    上级补助收入0万元 …), else only those with an amount this year or last ("不涉及的不列"), or
    this year only (``current``: a structure list of this year's shares)."""
    if list_zero_rows:
        return list(items)
    if current:
        return [i for i in items if i.value != 0]
    return [i for i in items if not (i.value == 0 and not i.prior)]


def change_subject(ch: Change, label: str, noun: str) -> tuple[str, bool]:
    """Which subject a 三公-style comparison takes, and whether it keeps its lead ("比2023年度"):
    a real change or 持平 reads on the label ("公务接待费支出决算减少…", "…与上年持平"); 上年无此项
    and 本年度无此项 read on the bare noun, without the lead — "公务接待费上年无此项支出，本年新增X万元",
    never "公务接待费支出决算上年无此项支出" or "支出决算数本年度无此项支出"."""
    if ch.kind in ("new", "both_zero"):
        return noun, False
    return label, True


def explains(ch: Change, has_reason: bool, kind: str | None = None) -> bool:
    """Whether the clerk's reason is printed after a comparison: always for a change; for 持平 or
    本年度无此项 when the clerk gave one (publications do: "与上年相同，主要原因是：…"); never for a
    comparison that is unknown.  ``kind``: the kind as printed (``change_kind`` with the format)."""
    kind = kind or ch.kind
    if kind == "unknown":
        return False
    return kind in ("up", "down", "new") or has_reason


def reason_verb(ch: Change, words: Words, kind: str | None = None) -> str:
    """The word before "的主要原因是" in a per-item reason: 增加/减少, or for 持平 the style's 持平
    word without its lead ("持平"); "" where there is nothing to explain (or it is unknown)."""
    kind = kind or ch.kind
    if kind in ("up", "down", "new"):
        return direction(ch, words)[0]
    if kind == "same":
        return "持平"
    return ""


def grade_counts(grades: dict[str, int | None], order: tuple[str, ...] = ("优", "良", "中", "差"),
                 labels: dict[str, str] | None = None, zero: bool = True) -> list[tuple[str, int]]:
    """(label, count) for each grade in order — with the grades of 0 个 when ``zero`` (the
    publications that say "0个项目为差" print every grade), else only those above 0.  A grade
    not entered is left out (unknown is not 0)."""
    labels = labels or {}
    out = []
    for g in order:
        n = grades.get(g)
        if n is None or (n == 0 and not zero):
            continue
        out.append((labels.get(g, g), n))
    return out
