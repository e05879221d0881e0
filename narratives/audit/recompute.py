"""The recomputations inside one paragraph (or one list of paragraphs): change rates, shares,
completion, direction words, 持平 / zero base / zero budget, and the sum of listed parts.

Each check reads the figures ``figures.extract`` found, recomputes with the core's exact
arithmetic (``narratives.compute``) and half-up rounding, and returns ``Finding``s that quote the
sentence and show the computation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal
from typing import Callable

from ..compute import change as compute_change
from ..compute import completion as compute_completion
from ..compute import share as compute_share
from . import patterns as P
from .figures import Figure, sentence_index, sentence_at, sentence_end, sentence_start
from .findings import (NOTE, ROUNDING, SURE, Finding, exact_pct, half_unit, judge_pct, money, pct,
                       range_note, ratio, ratio_range)
from .convention import RateSeen
from .outline import Paragraph

ZERO = Decimal(0)
CURRENT_ROLES = ("actual", "new")

# subject endings that do not change what a subject names
_SUBJECT_TAIL = re.compile(r"(?:支出|决算|数|金额|费用)+$")


def _is_up(word: str) -> bool:
    return word in P.DIRECTION_UP


def _rate_word(up: bool) -> str:
    return "增长" if up else "下降"


def _core(subject: str) -> str:
    """"因公出国（境）费支出" and "因公出国（境）费" name the same thing."""
    return _SUBJECT_TAIL.sub("", subject) or subject


def _subject_match(a: str, b: str) -> bool:
    """The same subject: equal once 支出/决算 endings are dropped, or one containing the other
    when the shorter is specific enough (4 characters: "支出" alone names nothing)."""
    if not a or not b:
        return False
    ca, cb = _core(a), _core(b)
    if ca == cb:
        return True
    short, long_ = sorted((ca, cb), key=len)
    return len(short) >= 4 and short in long_


# ----------------------------------------------------------------------------- changes
def find_current(figs: list[Figure], i: int, subject: str, exclude: Figure | None = None) -> Figure | None:
    """The 本年 figure a change at index i refers to.  A change that names its subject
    ("收入总计减少…") takes the latest earlier 本年 figure of that subject ("收入总计127.80万元")
    and nothing else: a wrong guess would be a false finding.  A change that names none
    ("较上年决算减少…") takes the latest earlier 本年 figure."""
    earlier = [g for g in figs[:i] if g.kind == "amount" and g.role in CURRENT_ROLES and g is not exclude]
    if subject:
        same = [g for g in earlier if _subject_match(g.subject, subject)]
        return same[-1] if same else None
    return earlier[-1] if earlier else None


def check_changes(para: Paragraph, figs: list[Figure], places: int,
                  previous: tuple[Paragraph, list[Figure]] | None = None,
                  stated_total: Callable[[str, str], Figure | None] | None = None,
                  basis: dict[int, Figure] | None = None,
                  seen: list[RateSeen] | None = None) -> list[Finding]:
    """``previous``: the paragraph before in the same subsection, for a paragraph that opens with
    "与上年相比，…" about the figure stated just before (a PDF's lines come out as paragraphs).
    ``stated_total(subject, topic)``: a total the section states elsewhere, named by the subject.
    ``basis`` receives, for each rate finding, the 本年 figure it was computed from (so a rate that
    is only wrong because that figure is, is not blamed as well).  ``seen`` receives every rate
    recomputed, agreeing or not (the document's convention is read from them: convention.py)."""
    out: list[Finding] = []
    text = para.text
    for i, f in enumerate(figs):
        if f.kind != "amount" or f.role != "change" or not f.word:
            continue
        quote = sentence_at(text, f.start)
        rate = None
        if i + 1 < len(figs):
            g = figs[i + 1]
            if (g.kind == "percent" and g.role == "rate" and g.sentence == f.sentence
                    and P.CHANGE_TO_RATE.fullmatch(text[f.end:g.start])):
                rate = g
        prior = None
        if i > 0:
            g = figs[i - 1]
            if g.kind == "amount" and g.role == "prior" and P.PRIOR_TO_CHANGE.fullmatch(text[g.end:f.start]):
                prior = g
        current = find_current(figs, i, f.subject, exclude=prior)
        if current is None and previous is not None:
            prev_para, prev_figs = previous
            current = find_current(prev_figs, len(prev_figs), f.subject)
            if current is not None:
                quote = sentence_at(prev_para.text, current.start) + quote
        if current is None and stated_total is not None and f.subject and prior is None:
            # "“三公”经费财政拨款支出决算数比2023年度减少2.81万元": the total it names, stated in
            # another paragraph of the section ("…支出决算为70.53万元")
            current = stated_total(f.subject, para.topic)
        elif current is not None and current.sentence != f.sentence:
            # "上级补助收入0万元。与2023年度相比，增加0万元…": quote from the sentence naming it
            quote = text[sentence_start(text, current.start):sentence_end(text, f.start)].strip()
        up = _is_up(f.word)
        stated = f"{f.word}{f.text}" + (f"，{rate.word}{rate.text}" if rate else "")

        def finding(kind, sureness, expected, computation, note=""):
            out.append(Finding(kind, sureness, para.section, quote, stated, expected, computation, note))
            if basis is not None and current is not None and kind in ("变动率", "变动率基数", "变动额"):
                basis[id(out[-1])] = current

        # 增加 … 下降 (or 减少 … 增长): the two words of one change disagree
        if rate is not None and rate.word and _is_up(rate.word) != up:
            finding("方向词", SURE, f"{f.word}{f.text}，{_rate_word(up)}{rate.text}",
                    f"变动额写“{f.word}”，变动率写“{rate.word}”，两者方向相反")
        if current is None:
            continue
        c, d = current.value, f.value
        signed = d if up else -d
        if prior is not None:
            p = prior.value
            actual_change = c - p
            if actual_change != 0 and (actual_change > 0) != up:
                finding("方向词", SURE, f"{'增加' if actual_change > 0 else '减少'}{money(abs(actual_change))}",
                        f"本年 {money(c)} − 上年 {money(p)} = {money(actual_change)}，方向与“{f.word}”相反")
            elif abs(actual_change) != d:
                gap = abs(abs(actual_change) - d)
                sure = SURE if gap > half_unit(current) + half_unit(prior) + half_unit(f) else ROUNDING
                finding("变动额", sure, f"{f.word}{money(abs(actual_change))}",
                        f"本年 {money(c)} − 上年 {money(p)} = {money(actual_change)}",
                        "" if sure == SURE else "相差在三个四舍五入金额的尾差之内")
        else:
            p = c - signed
        ch = compute_change(c, p)
        if d == 0:
            # odd but true: nothing contradicts the figures, the words are the template's
            if c == 0:
                finding("持平与零基数", NOTE, "本年度无此项（较上年无变化），不写增减额和增长率",
                        f"本年 {money(c)}，变动额 0，上年也为 0：没有可比的基数",
                        "数字无误，但上年和本年都为 0 时写增减额和增长率是模板用语，宜改写")
            else:
                finding("持平与零基数", NOTE, "与上年持平（或：与上年相同／无增减变化）",
                        f"本年 {money(c)}，变动额 0：本年等于上年",
                        "数字无误，但“增加0万元，增长0.00%”宜写作“与上年持平”")
            continue
        if p < 0:
            finding("变动额", SURE, f"变动额不超过本年数 {money(c)}",
                    f"上年 = 本年 {money(c)} − 变动额 {money(signed)} = {money(p)}，为负数")
            continue
        if ch.kind == "new":
            if rate is not None:
                finding("持平与零基数", SURE, f"上年无此项，本年新增{money(c)}（增长率无可比性）",
                        f"上年 = 本年 {money(c)} − 增加额 {money(d)} = 0：以 0 为基数不能计算增长率",
                        "从零基数写“增长100%”或任何增长率都是错的")
            continue
        if rate is None or p == 0:
            continue
        exact = ratio(d, p)  # the text's own change over 上年 (a wrong 变动额 is reported above)
        base_h = half_unit(prior) if prior is not None else half_unit(current) + half_unit(f)
        rng = ratio_range(d, half_unit(f), p, base_h)
        verdict = judge_pct(rate, exact, rng, places)
        record = RateSeen("变动率", (d, p), rate.value, exact, rng, rate.places, verdict)
        if seen is not None:
            seen.append(record)
        if verdict is None:
            continue
        if verdict == SURE and c > 0:
            # the change ÷ 本年 instead of ÷ 上年: a wrong base, said as such
            wrong = ratio(d, c)
            if judge_pct(rate, wrong, ratio_range(d, half_unit(f), c, half_unit(current)), places) is None:
                finding("变动率基数", SURE, f"{rate.word}{pct(exact, places)}",
                        f"所写 {rate.text} = 变动额 {money(d)} ÷ 本年 {money(c)}；变动率应以上年为基数："
                        f"{money(d)} ÷ 上年 {money(p)} × 100% = {exact_pct(exact)} → 四舍五入 {pct(exact, places)}",
                        "用本年数作了分母")
                continue
        base = "原文所写" if prior is not None else f"本年 {money(c)} {'−' if up else '+'} 变动额 {money(d)}"
        how = (f"上年 = {money(p)}（{base}）；"
               f"{money(d)} ÷ {money(p)} × 100% = {exact_pct(exact)} → 四舍五入 {pct(exact, places)}")
        finding("变动率", verdict, f"{rate.word}{pct(exact, places)}", how,
                range_note(rng, places) if verdict == ROUNDING else "")
        record.finding = out[-1]
    return out


def check_same_words(para: Paragraph, figs: list[Figure]) -> list[Finding]:
    """"较上年0.32万元持平" where 本年 is 0.31: 持平/相同/无变化 said of two different figures."""
    out: list[Finding] = []
    text = para.text
    for m in P.SAME_WORDS.finditer(text):
        here = sentence_start(text, m.start())
        before = [g for g in figs if g.kind == "amount" and g.start < m.start()]
        priors = [g for g in before if g.role == "prior" and sentence_start(text, g.start) == here]
        if not priors:
            continue
        prior = priors[-1]
        currents = [g for g in before if g.role in CURRENT_ROLES and g.start < prior.start]
        if not currents or currents[-1].value == prior.value:
            continue
        c, p = currents[-1].value, prior.value
        word = "增加" if c > p else "减少"
        out.append(Finding("方向词", SURE, para.section, sentence_at(text, m.start()), m.group(0),
                           f"{word}{money(abs(c - p))}", f"本年 {money(c)}，上年 {money(p)}：并不持平"))
    return out


# ----------------------------------------------------------------------------- shares
def inline_wholes(para: Paragraph, figs: list[Figure]) -> list[tuple[int, Figure]]:
    """(position of the lead word, the whole stated before it) for every lead inside the paragraph."""
    out = []
    for m in P.LEAD.finditer(para.text):
        before = [g for g in figs if g.end <= m.start() and g.kind == "amount" and g.role in CURRENT_ROLES]
        if before:
            out.append((m.end(), before[-1]))
    return out


def check_shares(para: Paragraph, figs: list[Figure], places: int, context_whole: Figure | None,
                 resolve: Callable[[str], tuple[Decimal, str] | None],
                 seen: list[RateSeen] | None = None) -> list[Finding]:
    out: list[Finding] = []
    wholes = inline_wholes(para, figs)
    for i, f in enumerate(figs):
        if f.kind != "percent" or f.role != "share":
            continue
        parts = [g for g in figs[:i] if g.kind == "amount" and g.role in CURRENT_ROLES and g.sentence == f.sentence]
        if not parts:
            continue
        part = parts[-1]
        whole_value: Decimal | None = None
        whole_h = Decimal("0.005")
        if f.whole:
            named = resolve(f.whole)
            if named is None:
                continue  # a whole the document does not state ("占单位预算项目支出总额的…")
            whole_value = named[0]
        else:
            inline = [w for pos, w in wholes if pos <= part.start]
            whole_fig = inline[-1] if inline else context_whole
            if whole_fig is None or whole_fig is part:
                continue
            whole_value, whole_h = whole_fig.value, half_unit(whole_fig)
        sh = compute_share(part.value, whole_value)
        if sh.rate is None:
            continue
        rng = ratio_range(part.value, half_unit(part), whole_value, whole_h)
        verdict = judge_pct(f, sh.rate, rng, places)
        if seen is not None:
            seen.append(RateSeen("占比", (part.value, whole_value), f.value, sh.rate, rng, f.places, verdict))
        if verdict is None:
            continue
        out.append(Finding(
            "占比", verdict, para.section, sentence_at(para.text, f.start), f"{part.text}，占{f.text}",
            f"占{pct(sh.rate, places)}",
            f"{money(part.value)} ÷ {f.whole or '合计'} {money(whole_value)} × 100% = {exact_pct(sh.rate)}"
            f" → 四舍五入 {pct(sh.rate, places)}",
            range_note(rng, places) if verdict == ROUNDING else ""))
    return out


# ----------------------------------------------------------------------------- completion
def check_completion(para: Paragraph, figs: list[Figure], places: int,
                     budget_of: Callable[[str], Decimal | None] | None = None,
                     seen: list[RateSeen] | None = None) -> list[Finding]:
    """``budget_of``: the budget the tables give for a subject (公开09表's 三公 items), or None."""
    out: list[Finding] = []
    text = para.text
    for i, f in enumerate(figs):
        if f.kind != "percent" or f.role != "completion":
            continue
        # the budget and 决算 of this completion: after the previous completion of the sentence
        # ("…预算为10万元，决算为8万元，完成预算的80%，其中：因公出国（境）费决算为2万元，完成预算的50%"
        # states no budget for the item; the 10万元 belongs to the total)
        previous = [g for g in figs[:i] if g.kind == "percent" and g.role == "completion" and g.sentence == f.sentence]
        after = previous[-1].end if previous else -1
        same = [g for g in figs[:i] if g.kind == "amount" and g.sentence == f.sentence and g.start > after]
        budgets = [g for g in same if g.role == "budget"]
        actuals = [g for g in same if g.role in CURRENT_ROLES]
        if not budgets:
            # no budget stated for it: a completion rate of an item that had none is wrong
            segment = text[max(after, sentence_start(text, f.start)):f.start]
            known = budget_of(actuals[-1].subject) if actuals and budget_of else None
            no_budget = P.NO_BUDGET_WORDS.search(segment)
            if no_budget or (known is not None and known == 0):
                why = (f"文中写“{no_budget.group(0)}”" if no_budget else
                       f"决算表中{actuals[-1].subject}的预算数为 0")
                out.append(Finding("零预算", SURE, para.section, sentence_at(text, f.start),
                                   f"{text[sentence_start(text, f.start):f.end].strip()[-20:]}",
                                   "年初无预算（不写完成率）", f"{why}：没有预算就没有完成率，0 ÷ 0 无意义"))
            continue
        if not actuals:
            continue
        budget, actual = budgets[-1], actuals[-1]
        quote = sentence_at(text, f.start)
        stated = f"预算{budget.text}，决算{actual.text}，完成{f.text}"
        c = compute_completion(actual.value, budget.value)
        if c.rate is None:
            if c.kind == "no_budget":
                out.append(Finding("零预算", SURE, para.section, quote, stated, "年初无预算（不写完成率）",
                                   f"预算为 0：决算 {money(actual.value)} ÷ 0 无意义"))
            continue
        rng = ratio_range(actual.value, half_unit(actual), budget.value, half_unit(budget))
        verdict = judge_pct(f, c.rate, rng, places)
        record = RateSeen("完成率", (actual.value, budget.value), f.value, c.rate, rng, f.places, verdict)
        if seen is not None:
            seen.append(record)
        if verdict is not None:
            out.append(Finding(
                "完成率", verdict, para.section, quote, stated, f"完成{pct(c.rate, places)}",
                f"决算 {money(actual.value)} ÷ 预算 {money(budget.value)} × 100% = {exact_pct(c.rate)}"
                f" → 四舍五入 {pct(c.rate, places)}", range_note(rng, places) if verdict == ROUNDING else ""))
            record.finding = out[-1]
        if actual.value == 0 and budget.value > 0:
            out.append(Finding(
                "预算未执行", NOTE, para.section, quote, stated, "说明有预算而未支出的原因",
                f"预算 {money(budget.value)}，执行 0：执行率 0%",
                "数字自洽，但安排了预算而全年未支出，值得在说明中交代原因"))
    return out


def check_budget_words(para: Paragraph, figs: list[Figure]) -> list[Finding]:
    """决算数大于/小于/持平 年初预算数, and 年初无预算, against the paragraph's budget and 决算."""
    out: list[Finding] = []
    text = para.text
    budgets = [g for g in figs if g.kind == "amount" and g.role == "budget"]
    actuals = [g for g in figs if g.kind == "amount" and g.role in CURRENT_ROLES]
    for m in P.NO_BUDGET.finditer(text):
        stated_budget = [b for b in budgets if b.start < m.start()]
        if stated_budget and stated_budget[-1].value > 0:
            b = stated_budget[-1]
            out.append(Finding("零预算", SURE, para.section, sentence_at(text, m.start()), m.group(0),
                               f"完成年初预算的…%（年初预算为 {money(b.value)}，并非无预算）",
                               f"所写年初预算 {money(b.value)} 不为 0"))
    completions = [g for g in figs if g.kind == "percent" and g.role == "completion"]
    for m in P.DEVIATION.finditer(text):
        bs = [b for b in budgets if b.start < m.start()]
        as_ = [a for a in actuals if a.start < m.start() and (not bs or a.start > bs[-1].start)]
        if not bs or not as_:
            out += _completion_against_deviation(para, figs, completions, budgets, m)
            continue
        # the 决算 stated with that budget: the first one after it ("预算为0.31万元，支出决算为0.31万元，
        # …其中：…公务接待费支出决算为0.00万元。…决算数与预算数持平" compares 0.31 with 0.31)
        b, a = bs[-1].value, as_[0].value
        # the published figures are rounded: 3.56 and 3.56 may be 3.5604 and 3.5596 (a stated
        # completion of 100.02% says so) — a word is contradicted only beyond what rounding allows
        slack = half_unit(bs[-1]) + half_unit(as_[0])
        word, same = m.group("word"), m.group("same")
        truth = "大于" if a > b else "小于" if a < b else "等于"
        how = f"决算 {money(a)}，预算 {money(b)}：决算{truth}预算"
        quote = sentence_at(text, m.start())
        if word in _ABOVE and a - b < -slack or word in _BELOW and a - b > slack:
            out.append(Finding("预算偏差用词", SURE, para.section, quote, m.group(0),
                               "决算数与年初预算数持平" if a == b else f"决算数{truth}年初预算数", how))
        elif (word in _ABOVE and a <= b or word in _BELOW and a >= b) and not _rate_says(completions, m, word):
            out.append(Finding("预算偏差用词", NOTE, para.section, quote, m.group(0),
                               f"决算数{truth}年初预算数（按公布的数字）", how,
                               "公布的数字相差在四舍五入之内，按元计的金额可能确如所写；请核对"))
        elif word == "与" and same and a != b:
            sure = NOTE if same == "基本持平" or abs(a - b) <= slack else SURE
            out.append(Finding("预算偏差用词", sure, para.section, quote, m.group(0),
                               f"决算数{truth}年初预算数", how,
                               "“基本持平”用于相差很小的情形，请确认" if sure == NOTE else ""))
        else:
            # the words agree with the amounts: the completion rate and the deviation amount may not
            out += _completion_against_deviation(para, figs, completions, budgets, m)
    return out


_ABOVE = ("大于", "高于", "超过", "多于")
_BELOW = ("小于", "低于", "少于")


def _completion_against_deviation(para: Paragraph, figs: list[Figure], completions: list[Figure],
                                  budgets: list[Figure], m) -> list[Finding]:
    """"完成年初预算的100%，决算数大于预算数5万元": the rate and the words (and the amount) must
    tell the same story — above the budget is over 100%."""
    text = para.text
    word = m.group("word")
    if word not in _ABOVE + _BELOW:
        return []
    here = sentence_index(text, m.start())
    before = [c for c in completions if c.start < m.start() and c.sentence >= here - 1]
    if not before:
        return []
    # the headline completion of the window (an item's, listed after "其中", is not what the
    # sentence about the whole is compared with)
    comp = before[0]
    gap = next((g for g in figs if g.kind == "amount" and m.end() <= g.start <= m.end() + 3), None)
    stated = f"完成年初预算的{comp.text}，{m.group(0)}" + (gap.text if gap else "")
    quote = text[sentence_start(text, comp.start):sentence_end(text, m.start())].strip()
    h = half_unit(comp)
    if word in _ABOVE and comp.value + h <= 100 or word in _BELOW and comp.value - h >= 100:
        return [Finding("预算偏差用词", SURE, para.section, quote, stated,
                        f"完成率{'大于' if word in _ABOVE else '小于'} 100%，或改写偏差用词",
                        f"决算数{word}预算数，完成率就{'超过' if word in _ABOVE else '不到'} 100%；所写完成率为 {comp.text}")]
    bs = [b for b in budgets if b.start < comp.start]
    if gap is None or not bs or bs[-1].value <= 0:
        if gap is not None and gap.value > 0 and comp.value == 100:
            return [Finding("预算偏差用词", NOTE, para.section, quote, stated, "核对完成率与偏差金额",
                            f"完成率写 {comp.text}，又写决算数{word}预算数 {gap.text}", "未写预算数，无法复算")]
        return []
    b = bs[-1].value
    implied = ratio(b + gap.value if word in _ABOVE else b - gap.value, b)
    lo, hi = ratio_range(b + gap.value if word in _ABOVE else b - gap.value, half_unit(gap) + half_unit(bs[-1]),
                         b, half_unit(bs[-1]))
    verdict = judge_pct(comp, implied, (lo, hi), comp.places)
    if verdict is None:
        return []
    return [Finding("预算偏差用词", verdict, para.section, quote, stated, f"完成{pct(implied, comp.places)}",
                    f"预算 {money(b)} {'+' if word in _ABOVE else '−'} 偏差 {money(gap.value)} = 决算 "
                    f"{money(b + gap.value if word in _ABOVE else b - gap.value)}；÷ 预算 × 100% = {exact_pct(implied)}",
                    "完成率与“决算数大于/小于预算数”的金额不符")]


def _rate_says(completions: list[Figure], m, word: str) -> bool:
    """A completion rate stated before the words says which way the unrounded figures go."""
    before = [c for c in completions if c.start < m.start()]
    if not before:
        return False
    v = before[-1].value
    return v > 100 if word in _ABOVE else v < 100


# ----------------------------------------------------------------------------- rates from amounts
def check_rates_from_amounts(para: Paragraph, figs: list[Figure], places: int,
                             seen: list[RateSeen] | None = None) -> list[Finding]:
    """"本年11.9448万元，上年决算数为12.5000万元，下降4.52%": a rate with no change amount before
    it follows from the 本年 and 上年 its sentence states."""
    out: list[Finding] = []
    text = para.text
    for i, f in enumerate(figs):
        if f.kind != "percent" or f.role != "rate":
            continue
        same = [g for g in figs[:i] if g.sentence == f.sentence and g.kind == "amount"]
        priors = [g for g in same if g.role == "prior"]
        if not priors:
            continue
        prior = priors[-1]
        if any(g.role == "change" and g.start > prior.start for g in same):
            continue  # a change stands between: check_changes reads it
        currents = [g for g in same if g.role in CURRENT_ROLES and g.start < prior.start]
        if not currents:
            continue
        current = currents[-1]
        c, p = current.value, prior.value
        if p <= 0 or c == p:
            continue
        up = c > p
        exact = ratio(abs(c - p), p)
        lo, hi = ratio_range(c, half_unit(current), p, half_unit(prior))
        rng = (max(lo - 100, ZERO), hi - 100) if up else (max(100 - hi, ZERO), 100 - lo)
        quote = sentence_at(text, f.start)
        if f.word and _is_up(f.word) != up:
            out.append(Finding("方向词", SURE, para.section, quote, f"{f.word}{f.text}",
                               f"{_rate_word(up)}{pct(exact, places)}",
                               f"本年 {money(c)}，上年 {money(p)}：{'增长' if up else '下降'}，不是“{f.word}”"))
            continue
        verdict = judge_pct(f, exact, rng, places)
        record = RateSeen("变动率", (abs(c - p), p), f.value, exact, rng, f.places, verdict)
        if seen is not None:
            seen.append(record)
        if verdict is None:
            continue
        out.append(Finding("变动率", verdict, para.section, quote, f"{f.word}{f.text}",
                           f"{f.word or _rate_word(up)}{pct(exact, places)}",
                           f"（本年 {money(c)} − 上年 {money(p)}）÷ 上年 {money(p)} × 100% = "
                           f"{'' if up else '−'}{exact_pct(exact)} → 四舍五入 {pct(exact, places)}",
                           range_note(rng, places) if verdict == ROUNDING else ""))
        record.finding = out[-1]
    return out


# ----------------------------------------------------------------------------- sums of parts
@dataclass
class Group:
    """A whole stated before a lead ("…127.80万元，其中：") and the parts listed after it."""

    paragraph: Paragraph
    lead_text: str
    exhaustive: bool
    whole: Figure | None
    whole_budget: Figure | None
    parts: list[Figure] = field(default_factory=list)
    part_budgets: list[Figure | None] = field(default_factory=list)
    item: bool = False  # the lead is a numbered item ("2、…57.47万元。其中："): the next item ends it
    whole_completion: Figure | None = None  # "完成年初预算数的107.81%" stated with the wholes


def paragraph_lead(para: Paragraph, figs: list[Figure]) -> Group | None:
    """The paragraph ends with a lead: its parts are the following paragraphs."""
    text = para.text.rstrip()
    leads = list(P.LEAD.finditer(text))
    if not leads or text[leads[-1].end():].strip():
        return None
    m = leads[-1]
    start = sentence_start(text, m.start())
    amounts = [g for g in figs if g.end <= m.start() and g.kind == "amount"]
    in_sentence = [g for g in amounts if g.start >= start]
    if in_sentence:
        # "2024年度收入合计127.80万元，其中：": the whole is in the lead's own sentence
        whole = [g for g in in_sentence if g.role in CURRENT_ROLES][-1:]
        budget = [g for g in in_sentence if g.role == "budget"][-1:]
        completion = [g for g in figs if g.start >= start and g.end <= m.start() and g.role == "completion"][-1:]
    elif m.group("exhaustive"):
        # "…完成年初预算的89.48%。其中：": the paragraph's headline figures (its first ones)
        whole = [g for g in amounts if g.role in CURRENT_ROLES][:1]
        budget = [g for g in amounts if g.role == "budget"][:1]
        completion = [g for g in figs if g.end <= m.start() and g.role == "completion"][:1]
    else:
        return None  # "…占4.54%。具体情况如下：" announces details, not the parts of a sum
    if not whole:
        return None
    exhaustive = bool(m.group("exhaustive"))
    return Group(para, sentence_at(text, whole[0].start), exhaustive, whole[0], budget[0] if budget else None,
                 item=bool(P.LIST_ITEM.match(text)), whole_completion=completion[0] if completion else None)


@lru_cache(maxsize=16)
def _depths(text: str) -> bytes:
    """The bracket depth before each character (capped at 255), computed once per paragraph."""
    out = bytearray(len(text) + 1)
    depth = 0
    for i, ch in enumerate(text):
        out[i] = min(depth, 255)
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    out[len(text)] = min(depth, 255)
    return bytes(out)


def _in_parentheses(text: str, pos: int) -> bool:
    """"国内接待费3.20万元（含外宾接待费0.85万元）": an aside, no part of the list."""
    return _depths(text)[pos] > 0


def inline_groups(para: Paragraph, figs: list[Figure]) -> list[Group]:
    """"其中：A…、B…。" inside a paragraph; "其中X…" (no colon) is one part to the end of its clause."""
    out = []
    text = para.text
    for m in P.LEAD.finditer(text):
        if not text[m.end():].strip():
            continue  # a paragraph lead, handled across paragraphs
        before = [g for g in figs if g.end <= m.start() and g.kind == "amount" and g.role in CURRENT_ROLES]
        if not before:
            continue
        whole = before[-1]
        # the list runs to the end of the sentence after a colon, to the end of the clause without
        stops = P.SENTENCE_END if (m.group("colon") or m.group("main")) else P.CLAUSE_END
        end = m.end()
        while end < len(text) and text[end] not in stops:
            end += 1
        parts = [g for g in figs if m.end() <= g.start < end and g.kind == "amount" and g.role in CURRENT_ROLES
                 and not _in_parentheses(text, g.start)]
        if not parts:
            continue
        g = Group(para, sentence_at(text, whole.start), bool(m.group("exhaustive")), whole, None, parts)
        g.exhaustive = g.exhaustive and len(parts) > 1
        out.append(g)
    return out


def check_group(g: Group, *, across_paragraphs: bool) -> list[Finding]:
    out: list[Finding] = []
    for label, whole, parts in (("决算", g.whole, g.parts), ("年初预算", g.whole_budget, g.part_budgets)):
        if whole is None or not parts or any(p is None for p in parts):
            continue
        total = sum((p.value for p in parts), ZERO)
        n = len(parts)
        tolerance = max(n, 2) * Decimal("0.005")
        diff = total - whole.value
        listing = " + ".join(format(p.value, "f") for p in parts)
        how = f"所列 {n} 项{label}之和 {listing} = {money(total)}，所写合计 {money(whole.value)}，相差 {money(diff)}"
        stated = f"{label}合计{whole.text}"
        if abs(diff) <= tolerance:
            continue
        if n == 1:
            if diff > 0:  # one part larger than its whole
                out.append(Finding("分项之和", SURE, g.paragraph.section, g.lead_text,
                                   f"其中{parts[0].text}", f"不超过{whole.text}", how))
            continue
        if label == "年初预算" and (diff > 0 or g.exhaustive and across_paragraphs):
            witnessed = _budget_total_witnessed(g, total)
            if witnessed is not None:
                out.append(_parts_are_the_culprit(g, n, total, diff, how, witnessed))
                continue
        if diff > 0 or (g.exhaustive and across_paragraphs):
            sure = SURE
            note = ("分项之和超过合计" if diff > 0 else
                    f"超出尾差容许（{n} 项 × 0.005万元）；可能漏列了某项（如有{label}而无支出的项）")
        elif g.exhaustive:
            sure, note = NOTE, "所列分项之和小于合计，可能未列全"
        else:
            sure, note = NOTE, "“主要用于/包括”所列分项之和小于合计，可能未列全"
        out.append(Finding("分项之和", sure, g.paragraph.section, g.lead_text, stated,
                           f"{money(total)}（所列分项之和）", how, note))
    return out


def _budget_total_witnessed(g: Group, total: Decimal) -> str | None:
    """How the stated budget total is borne out against the sum of its listed parts: the completion
    rate stated with it is 决算 ÷ that total (and not ÷ the sum).  None: nothing tells which is right."""
    comp, actual, budget = g.whole_completion, g.whole, g.whole_budget
    if comp is None or actual is None or budget is None or budget.value <= 0 or total <= 0:
        return None
    def verdict(base: Decimal, base_h: Decimal):
        rng = ratio_range(actual.value, half_unit(actual), base, base_h)
        return judge_pct(comp, ratio(actual.value, base), rng, comp.places)
    if verdict(budget.value, half_unit(budget)) is None and verdict(total, Decimal("0.005") * len(g.part_budgets)) == SURE:
        return (f"合计有旁证：所写完成率 {comp.text} = 决算 {money(actual.value)} ÷ 合计 {money(budget.value)}"
                f"（按分项之和 {money(total)} 计算应为 {pct(ratio(actual.value, total), comp.places)}）")
    return None


def _parts_are_the_culprit(g: Group, n: int, total: Decimal, diff: Decimal, how: str, witnessed: str) -> Finding:
    """The listed budgets miss their total, and the total is borne out: the list is wrong."""
    whole = g.whole_budget
    assert whole is not None
    if diff < 0:
        spent = g.whole is not None and g.parts and all(p is not None for p in g.parts) and group_holds(g)
        note = (f"所列分项少 {money(-diff)}：" +
                ("决算分项之和已与决算合计相符，漏列的应是有年初预算而无支出的项（或某项预算写错）"
                 if spent else "漏列了某项，或某项预算写错"))
    else:
        note = f"所列分项多 {money(diff)}：某项预算写错，或列入了不属于此合计的项"
    return Finding("分项之和", SURE, g.paragraph.section, g.lead_text, f"所列 {n} 项年初预算之和{money(total)}",
                   f"等于年初预算合计{money(whole.value)}（{'补列' if diff < 0 else '核减'}{money(abs(diff))}）",
                   f"{how}；{witnessed}", note)


def group_holds(g: Group) -> bool:
    """Two or more listed parts that add up to their whole (within 尾差): one more witness of it."""
    parts = [p for p in g.parts if p is not None]
    if g.whole is None or len(parts) < 2 or len(parts) != len(g.parts):
        return False
    total = sum((p.value for p in parts), ZERO)
    return abs(total - g.whole.value) <= len(parts) * Decimal("0.005")


_ITEM_END = re.compile(r"[；;]")


def _class_start_pattern() -> re.Pattern[str]:
    from ..model.tables import CLASS_ROWS_2024
    names = sorted({n.removesuffix("支出") for n in CLASS_ROWS_2024 if len(n.removesuffix("支出")) >= 2}, key=len, reverse=True)
    # a 类 named at the start of a clause: "公共安全支出年初预算…", "2、住房保障支出(类)…"
    return re.compile(r"(?:^|(?<=[，,；;。：:]))\s*(?:\d+[、.．]\s*)?(?:" + "|".join(map(re.escape, names)) +
                      r")(?:支出|[（(]类[）)])")


_CLASS_START = _class_start_pattern()


def item_segments(para: Paragraph, figs: list[Figure]) -> list[list[Figure]]:
    """The figures of each item of a paragraph listed as parts.  Items run together in one
    paragraph (a PDF's lines joined) are cut where a 类 is named at the start of a clause
    ("一般公共服务支出…0.21万元，公共安全支出…100.79万元，…"), else at "；"; a paragraph of one
    item is one segment."""
    by_class = [m.start() for m in _CLASS_START.finditer(para.text)]
    if len(by_class) >= 2:
        cuts = by_class[1:]
    else:
        cuts = [m.end() for m in _ITEM_END.finditer(para.text.rstrip("；;。 "))]
    if not cuts:
        return [figs]
    out: list[list[Figure]] = [[] for _ in range(len(cuts) + 1)]
    k = 0
    for f in figs:
        while k < len(cuts) and f.start >= cuts[k]:
            k += 1
        out[k].append(f)
    return out


def part_figures(figs: list[Figure]) -> tuple[Figure | None, Figure | None]:
    """(first 本年 amount, first budget amount) of a paragraph listed as a part."""
    actual = next((g for g in figs if g.kind == "amount" and g.role in CURRENT_ROLES), None)
    budget = next((g for g in figs if g.kind == "amount" and g.role == "budget"), None)
    return actual, budget

