"""The official terms of a 决算公开 (收支 names, table titles, fund types, 三公 items, 功能分类
类 names) and the near-misses of them a careless edit leaves ("国有资产经营预算" for
国有资本经营预算, "政府基金预算" for 政府性基金预算).

A near-miss is a run of text one edit away from an official term (one character changed, added,
dropped, or two neighbours swapped) that is not itself part of an official term where it
stands.  It is a 提示: the words may be meant, but a reviewer should look.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..io.tables_layout import TITLES
from ..model.tables import CLASS_ROWS_2024, EXPENSE_KINDS, FUNDS, INCOME_SOURCES, SANGONG_ITEMS, T02_SOURCES

OTHER_TERMS = (
    "一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金预算",
    "一般公共预算财政拨款支出", "政府性基金预算财政拨款", "国有资本经营预算财政拨款",
    "财政拨款收入", "财政拨款支出", "财政拨款收入支出决算总表", "收入支出决算总表",
    "本年收入合计", "本年支出合计", "收入总计", "支出总计",
    "使用非财政拨款结余", "年初结转和结余", "年末结转和结余", "结余分配",
    "人员经费", "公用经费", "机关运行经费", "工资福利支出", "商品和服务支出", "对个人和家庭的补助",
    "公务用车购置及运行维护费", "公务用车保有量", "因公出国（境）团组",
    "政府采购", "中小企业", "小微企业", "国有资产占用", "国有资产", "预算绩效管理", "绩效自评",
    "项目支出绩效自评表", "部门整体支出绩效自评表", "三公经费", "“三公”经费",
    "年初预算", "全年预算", "调整预算", "决算数", "预算数",
)
# words that sit one edit away from a term and are ordinary Chinese of these texts
ALLOWED = frozenset({
    "财政拨款", "一般公共服务", "国有资本", "国有资产", "政府性基金", "预算数为", "决算数为",
    "公用经费支出", "人员经费支出", "年初预算数", "全年预算数", "收入合计", "支出合计",
    "本年收入", "本年支出", "国有资产占有", "国有资产占用情况", "财政拨款收入总计", "财政拨款支出总计",
    "对个人和家庭补助",
})
MIN_LENGTH = 5


def official_terms() -> tuple[str, ...]:
    terms = {*INCOME_SOURCES, *FUNDS, *EXPENSE_KINDS, *T02_SOURCES, *SANGONG_ITEMS, *CLASS_ROWS_2024,
             *TITLES.values(), *OTHER_TERMS}
    return tuple(sorted(terms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _probes() -> tuple[tuple[str, str, str, re.Pattern[str], re.Pattern[str]], ...]:
    """(term, first half, second half, their patterns) of every term long enough to have near-misses."""
    out = []
    titles = set(TITLES.values())
    for t in official_terms():
        # a table's title is said in the text as "…决算情况": its near-misses are the normal words
        if len(t) >= MIN_LENGTH and t not in titles and not any(ch in t for ch in "“”（）"):
            half = len(t) // 2
            out.append((t, t[:half], t[half:], re.compile(re.escape(t[:half])), re.compile(re.escape(t[half:]))))
    return tuple(out)


def one_edit(a: str, b: str) -> bool:
    """a and b differ by exactly one substitution, insertion, deletion or adjacent swap."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if la < lb else (b, a)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1:] == short:
            return True
    return False


def near_misses(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, the words written, the official term) of each near-miss in ``text``."""
    official = []
    for t in official_terms():  # every occurrence of every term, overlapping ones too
        at = text.find(t)
        while at >= 0:
            official.append((at, at + len(t)))
            at = text.find(t, at + 1)
    out: list[tuple[int, int, str, str]] = []
    taken: set[tuple[int, int]] = set()
    for term, first, second, first_re, second_re in _probes():
        if first not in text and second not in text:
            continue
        n = len(term)
        starts: set[tuple[int, int]] = set()
        for m in first_re.finditer(text):
            starts.update((m.start(), m.start() + k) for k in (n - 1, n, n + 1))
        for m in second_re.finditer(text):
            starts.update((m.end() - k, m.end()) for k in (n - 1, n, n + 1))
        for s, e in sorted(starts):
            if s < 0 or e > len(text) or (s, e) in taken:
                continue
            words = text[s:e]
            if words[0] != term[0] or words[-1] != term[-1]:
                continue  # a term cut short or run on ("财政拨款收、支") is how texts abbreviate
            if words in ALLOWED or not one_edit(words, term):
                continue
            if not all("\u4e00" <= ch <= "\u9fff" for ch in words):
                continue  # a figure or punctuation inside: not words at all
            if any(os_ < s < oe or os_ < e < oe for os_, oe in official):
                continue  # starts or ends inside another term ("基本支出合计" is no 本年支出合计)
            # an official term where it stands, give or take a character of its neighbours
            if any(min(e, oe) - max(s, os_) >= len(words) - 1 for os_, oe in official):
                continue
            taken.add((s, e))
            out.append((s, e, words, term))
    return out
