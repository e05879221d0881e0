"""One published paragraph → pieces: the document's own words, and slots that a template fills
from the facts (a figure, a change against 上年, a completion rate, the clerk's words, the year).

Generalising is what makes the learned text right next year: a "减少…，下降…" becomes the change
helper (which writes 增加/增长, 持平, 上年无此项 as the case is), "完成年初预算的89.48%" the
completion helper (年初无预算 when there is none), "主要原因是…" the clerk's 说明 slot.
"""
from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass, field

from ..facts import Facts
from ..wording import join_reason
from .catalogue import Catalogue, Subject
from .matching import Figure, Matcher, figures, role_of

CLAUSE_BREAK = "，,；;。：:！？!?"


@dataclass
class Slot:
    kind: str                    # fig | change | completion | note | year | prior_year | unit
    subject: Subject | None = None
    role: str = "value"          # for fig: value | budget | prior | share
    args: dict = field(default_factory=dict)
    text: str = ""               # the published text it stands for

    def subjects(self):
        return [self.subject] if self.subject is not None else []


Piece = "str | Slot"


@dataclass
class Residue:
    sentence: str
    figure: str
    why: str = "未能对应到数据（模板中保留原文）"


@dataclass
class Learned:
    pieces: list           # str | Slot
    residue: list[Residue]
    text: str

    def row_subjects(self) -> list[Subject]:
        """One subject per row (list, index) the paragraph states, in order."""
        out, seen = [], set()
        for p in self.pieces:
            if isinstance(p, Slot) and p.subject is not None and p.subject.coll \
                    and (p.subject.coll, p.subject.index) not in seen:
                seen.add((p.subject.coll, p.subject.index))
                out.append(p.subject)
        return out


_SAME = re.compile(r"与(?:上年|上年度|20\d\d年度?)(?:相比)?(?:基本)?(?:持平|相同|一致)|无增减变化|较上年无变化|(?:基本)?持平")
_BOTH_ZERO = re.compile(r"本年度无此项(?P<what>支出|收入|收支)(?P<tail>，较上年无变化|，上年亦无此项\w{0,2})?")
_NEW = re.compile(r"上年无此项(?P<what>[^，。；]{0,4})，本年新增$")
_NO_BUDGET = re.compile(r"(?P<basis>年初|全年)无预算")
_GRADE_ONE = r"(?P<n>\d+)个(?P<mid>项目(?:自评)?(?:等级|评级)为)(?P<q1>“?)(?P<g>优|良|中|差|合格|不合格)(?P<q2>”?)"
_GRADE = re.compile(_GRADE_ONE)
_GRADES = re.compile(rf"{_GRADE_ONE}(?:[，、；,;]\d+个项目(?:自评)?(?:等级|评级)为“?(?:优|良|中|差|合格|不合格)”?)*")
_DEVIATION = re.compile(r"决算数?(?:大于|小于|与)(?P<basis>年初预算|全年预算|预算)数?(?:基本)?(?:持平)?"
                        r"|支出未列入(?P<basis2>年初预算|全年预算|预算)")
_CLERK = re.compile(r"(?P<pre>[，,；;]?(?:主要原因(?:是|为)?[：:]?|主要是))(?P<body>[^。；;]{4,})(?P<end>[。；;]?)")
_LEAD_CLAUSE = re.compile(r"(?:与|较|比)[^，。；]{0,10}相比$")


class ParagraphLearner:
    def __init__(self, facts: Facts, cat: Catalogue, matcher: Matcher, notes: list[tuple[str, str, str]]):
        self.facts, self.cat, self.m = facts, cat, matcher
        self.texts = project_texts(facts.p)
        self.words: dict[str, str] = {}   # the style's [words] as the document writes them
        self.base_words = None            # the base style's (words the document shares need no learning)
        # (subject key, kind, body as rendered), longest first so a note inside a note loses
        self.notes = sorted(notes, key=lambda n: -len(n[2]))
        self.by_note_key: dict[str, list[Subject]] = {}
        for s in cat.subjects:
            if s.note_key:
                self.by_note_key.setdefault(s.note_key, []).append(s)

    # ------------------------------------------------------------------ the whole paragraph
    def learn(self, text: str, topic: str) -> Learned:
        spans: list[tuple[int, int, Slot]] = []
        residue: list[Residue] = []
        self.slips = residue
        self._notes(text, spans)
        self._texts(text, spans)
        self._grades(text, spans)
        self._vehicles(text, spans)
        figs = [f for f in figures(text) if not _inside(spans, f.start)]
        self._figures(text, figs, topic, spans, residue)
        self._deviation(text, spans)   # first: "决算数与年初预算数基本持平" is no 持平 against 上年
        self._words(text, spans)
        self._clerk_words(text, spans)
        self._note_owners(spans)
        spans.sort(key=lambda s: s[0])
        pieces: list = []
        pos = 0
        for start, end, slot in spans:
            if start < pos:
                continue
            if start > pos:
                pieces += self._literal(text[pos:start])
            slot.text = text[start:end]
            pieces.append(slot)
            pos = end
        if pos < len(text):
            pieces += self._literal(text[pos:])
        return Learned(pieces, residue, text)

    # ------------------------------------------------------------------ the clerk's words
    def _notes(self, text: str, spans: list) -> None:
        for key, kind, body in self.notes:
            if len(body) < 2 and text.strip("。") != body:
                continue
            start = 0
            while (at := text.find(body, start)) >= 0:
                end = at + len(body)
                start = end
                if _overlaps(spans, at, end):
                    continue
                # the end punctuation the helper adds; the lead-in words before the note
                stop = end + 1 if end < len(text) and text[end] in "。；;" else end
                pre = _lead_in(text, at)
                prefix = text[pre:at]
                end_text = text[end:stop]
                fallback = end_text if prefix[:1] in "，,；;" else ""
                if kind == "text" and pre == 0 and stop == len(text):
                    fallback = "无"
                keys = [k for k, kd, b in self.notes if b == body and kd == kind]
                spans.append((pre, stop, Slot("note", None, args={
                    "key": key, "keys": keys, "kind": kind, "prefix": prefix, "end": end_text,
                    "fallback": fallback})))

    def kind(self, it) -> str:
        """The kind of a change as the text shows it (wording.change_kind): a change that prints as
        0.00 is 持平, a 上年 that prints as 0.00 is 上年无此项."""
        from ..money import quantize
        k = it.change.kind
        if k in ("up", "down"):
            if quantize(abs(it.change.amount), self.m.places) == 0:
                return "same"
            if quantize(abs(it.prior), self.m.places) == 0:
                return "new"
        return k

    def _grades(self, text: str, spans: list) -> None:
        """"1个项目自评等级为“良”，2个项目自评等级为“优”": a loop over the grades there are."""
        for m in _GRADES.finditer(text):
            if _overlaps(spans, m.start(), m.end()):
                continue
            one = _GRADE.match(text, m.start())
            seps = re.findall(r"”?([，、；,;])\d", m.group(0))
            spans.append((m.start(), m.end(), Slot("grades", None, args={
                "mid": one.group("mid"), "q1": one.group("q1"), "q2": one.group("q2"),
                "sep": seps[0] if seps else "，"})))

    def _vehicles(self, text: str, spans: list) -> None:
        """"机要通信用车1辆、执法执勤用车2辆": the kinds a unit has, as a loop (only where the list
        names exactly the kinds with cars; a list of every kind with its 0 stays as written)."""
        kinds = [k for k, n in self.facts.vehicles if n]
        if not kinds:
            return
        names = "|".join(re.escape(k) for k, _ in self.facts.vehicles)
        one = rf"(?:{names})\d+辆"
        for m in re.finditer(rf"{one}(?:[，、；,;]{one})*", text):
            found = re.findall(rf"({names})(\d+)辆", m.group(0))
            if [k for k, _ in found] != kinds or _overlaps(spans, m.start(), m.end()):
                continue
            seps = re.findall(rf"辆([，、；,;])", m.group(0))
            spans.append((m.start(), m.end(), Slot("vehicles", None, args={"sep": seps[0] if seps else "，"})))

    def _texts(self, text: str, spans: list) -> None:
        """Other words the project holds (a 自评表's 完成情况, 问题, 措施; the 绩效 summary)."""
        for expr, body in self.texts:
            at = text.find(body)
            if at >= 0 and not _overlaps(spans, at, at + len(body)):
                same = [e for e, b in self.texts if b == body]
                args = {"expr": expr, "exprs": same}
                start, end = at, at + len(body)
                # "项目绩效目标完成情况：…。" — the label and the end go with the words: where they
                # are not entered next year, no "完成情况：。" is left
                m = re.search(r"(?:^|(?<=[。；;]))([^，,。；;：:]{2,20}[：:])$", text[:at])
                if m and not _overlaps(spans, m.start(1), at):
                    start, args["label"] = m.start(1), m.group(1)
                elif at == 0 or text[at - 1] in "。；;":
                    args["label"] = ""   # a sentence of its own: none when not entered
                if "label" in args and end < len(text) and text[end] in "。；;":
                    args["end"] = text[end]
                    end += 1
                spans.append((start, end, Slot("text", None, args=args)))

    def _deviation(self, text: str, spans: list) -> None:
        """"决算数小于年初预算数": the deviation words of the budget stated nearest before."""
        for m in _DEVIATION.finditer(text):
            if _overlaps(spans, m.start(), m.end()):
                continue
            before = sorted((s for s in spans if s[1] <= m.start() and s[2].subject is not None
                             and s[2].subject.item is not None and s[2].subject.item.budget is not None),
                            key=lambda s: -s[1])
            if before:
                it = before[0][2].subject.item
                kind = it.completion.kind if it is not None else ""
                base = getattr(self.base_words, "no_budget_deviation" if kind == "no_budget" else kind, None) \
                    if self.base_words is not None and m.group("basis") else None
                if isinstance(base, str) and base.format(basis=m.group("basis")) == m.group(0):
                    pass  # the base words it so: nothing to learn
                elif kind == "no_budget" and m.group("basis"):
                    # how this document words spending without a budget ("决算数大于年初预算数")
                    self.words.setdefault("no_budget_deviation", m.group(0).replace(m.group("basis"), "{basis}"))
                elif m.group("basis") and {"over": "大于", "under": "小于", "equal": "持平"}.get(kind, "\0") in m.group(0):
                    # "决算数与年初预算数基本持平": the document's own words for each deviation
                    self.words.setdefault(kind, m.group(0).replace(m.group("basis"), "{basis}", 1))
                spans.append((m.start(), m.end(), Slot("deviation", before[0][2].subject,
                                                       args={"basis": m.group("basis") or m.group("basis2")})))

    def _clerk_words(self, text: str, spans: list) -> None:
        """"，主要原因是…。" the project's 说明 does not hold (the clerk wrote otherwise last year):
        still the clerk's words, so a 说明 slot of the change (or row) it follows — never a reason
        copied into next year's text.  --fill-notes puts these words into the project."""
        for m in _CLERK.finditer(text):
            if _overlaps(spans, m.start(), m.end()):
                continue
            before = sorted((s for s in spans if s[1] <= m.start()), key=lambda s: -s[1])
            # only a reason that follows a comparison (变动, 完成预算, 决算数大于…) is the clerk's 说明
            if not before or before[0][2].kind not in ("change", "completion", "deviation") \
                    or before[0][2].subject is None or not before[0][2].subject.note_key:
                continue
            slot = before[0][2]
            kind = "deviation" if slot.kind in ("completion", "deviation") else "reason"
            pre, end = m.group("pre"), m.group("end")
            spans.append((m.start(), m.end(), Slot("note", None, args={
                "key": slot.subject.note_key, "keys": [slot.subject.note_key], "kind": kind, "prefix": pre,
                "end": end, "fallback": end if pre[:1] in "，,；;" else ""})))

    def _note_owners(self, spans: list) -> None:
        """The same words may be the reason of several subjects (收支总计 and 财政拨款收支总计 often
        share one): the note belongs to the subject whose figures stand nearest before it."""
        for start, _end, slot in spans:
            if slot.kind != "note" or len(slot.args["keys"]) < 2:
                continue
            # the words that lead the note in may name its subject ("因公出国（境）费支出减少的主要原因是")
            prefix = slot.args.get("prefix", "")
            named = [k for k in slot.args["keys"] for s in self.by_note_key.get(k, [])
                     if any(n and len(n) >= 2 and n in prefix for n in s.names)]
            if named:
                slot.args["key"] = named[0]
                continue
            before = sorted((s for s in spans if s[1] <= start and s[2].subject is not None), key=lambda s: -s[1])
            for _s, _e, other in before:
                owner = next((k for k in slot.args["keys"] if other.subject.note_key == k), None)
                if owner:
                    slot.args["key"] = owner
                    break

    # ------------------------------------------------------------------ figures
    def _figures(self, text: str, figs: list[Figure], topic: str, spans: list, residue: list) -> None:
        i = 0
        while i < len(figs):
            fig = figs[i]
            before = text[_clause_start(text, fig.start):fig.start]
            role = role_of(fig, before)
            if fig.kind == "money" and role == "change" and i + 1 < len(figs) and figs[i + 1].kind == "pct":
                rate = figs[i + 1]
                between = text[fig.end:rate.start]
                if re.fullmatch(r"[，,]?(?:增长|下降|增加|减少)(?:了|率为)?", between):
                    if self._change(text, fig, rate, topic, spans):
                        i += 2
                        continue
            if fig.kind == "money" and role == "change" and fig.value == 0 and i + 1 < len(figs) \
                    and figs[i + 1].kind == "pct" and figs[i + 1].value == 0 \
                    and re.fullmatch(r"[，,]?(?:增长|下降)", text[fig.end:figs[i + 1].start]):
                # "增加0万元，增长0.00%": no change, written as one; the helper writes 持平 / 无此项
                word = re.search(r"(增加|减少)了?$", text[:fig.start])
                s = self._named_before(text, word.start(), lambda it: self.kind(it) in ("same", "both_zero"), spans)
                if s is not None:
                    start, lead, subject = self._lead(text, word.start(), s)
                    spans.append((start, figs[i + 1].end, Slot("change", s, args={"lead": lead, "subject": subject})))
                    i += 2
                    continue
            if fig.kind == "money" and _NEW.search(text[:fig.start]):
                if self._new(text, fig, topic, spans):
                    i += 1
                    continue
            if fig.kind == "money" and re.search(r"单价$", before):
                i += 1  # "单价100万元（含）以上设备": a threshold, the document's own words
                continue
            cands = self.m.candidates(fig, role)
            c = self.m.choose(cands, text, fig.start, topic, row=self._row(spans, text, fig.start))
            if c is None:
                residue.append(Residue(_sentence(text, fig.start), fig.text))
                i += 1
                continue
            if c.role == "completion":
                m = re.search(r"完成(?P<basis>[^，,；;。%]{0,12})的$", text[:fig.start])
                if m:
                    spans.append((m.start(), fig.end, Slot("completion", c.subject, args={"basis": m.group("basis")})))
                    i += 1
                    continue
            if c.kind == "count":
                spans.append((fig.start, fig.end, Slot("fig", c.subject, "count", {"unit": fig.unit})))
            elif c.subject.item is None and c.kind in ("score", "pct"):
                spans.append((fig.start, fig.end, Slot("fig", c.subject, c.kind)))
            else:
                spans.append((fig.start, fig.end, Slot("fig", c.subject, c.role)))
            i += 1

    def _row(self, spans: list, text: str, pos: int) -> tuple | None:
        """The row the figures so far belong to (equal values are this row's first) — unless the
        name of another row of its list stands between (a list of rows inside one sentence)."""
        for _s, end, slot in sorted(spans, key=lambda x: -x[0]):
            s = slot.subject
            if s is not None and s.coll:
                between = text[end:pos]
                for other in self.cat.rows(s.coll):
                    if other.index != s.index and any(n and n in between for n in other.names):
                        return None
                return (s.coll, s.index)
        return None

    def _change(self, text, amount: Figure, rate: Figure, topic: str, spans: list) -> bool:
        word = re.search(r"(增加|减少|增长|下降)了?$", text[:amount.start])
        direction = "up" if word.group(1) in ("增加", "增长") else "down"
        pairs = []
        for c in self.m.candidates(amount, "change"):
            it = c.subject.item
            if it is None or self.kind(it) != direction:
                continue
            if any(r.subject is c.subject for r in self.m.candidates(rate, "rate")):
                pairs.append(c)
        c = self.m.choose(pairs, text, word.start(), topic)
        if c is None:
            # the amount is a change but the rate is not its rate: a slip of the publication (the
            # rate from rounded figures).  The helper writes the right rate; the report names the slip.
            close = [x for x in self.m.candidates(amount, "change") if x.subject.item is not None
                     and self.kind(x.subject.item) == direction and x.subject.item.change.rate is not None
                     and abs(abs(x.subject.item.change.rate) - rate.value) <= Decimal("0.05")]
            c = self.m.choose(close, text, word.start(), topic)
            if c is None:
                return False
            self.slips.append(Residue(_sentence(text, amount.start), rate.text,
                                      "与按数据计算的变动率不符（模板按计算值写）"))
        start, lead, subject = self._lead(text, word.start(), c.subject)
        spans.append((start, rate.end, Slot("change", c.subject, args={"lead": lead, "subject": subject})))
        return True

    def _new(self, text, fig: Figure, topic: str, spans: list) -> bool:
        m = _NEW.search(text[:fig.start])
        cands = [c for c in self.m.candidates(fig, "value")
                 if c.subject.item is not None and self.kind(c.subject.item) == "new"]
        c = self.m.choose(cands, text, m.start(), topic)
        if c is None:
            return False
        start, lead, subject = self._lead(text, m.start(), c.subject)
        args = {"lead": lead, "subject": subject}
        if m.group("what") and m.group("what") != "支出":
            args["what"] = m.group("what")
        spans.append((start, fig.end, Slot("change", c.subject, args=args)))
        return True

    def _lead(self, text: str, at: int, subject: Subject) -> tuple[int, str, str]:
        """Where the change clause starts, and its lead-in and subject words."""
        start = _clause_start(text, at)
        if start >= 2 and text[start - 1] in "，," and _LEAD_CLAUSE.search(text[_clause_start(text, start - 1):start - 1]):
            start = _clause_start(text, start - 1)
        words = text[start:at]
        for name in subject.names:
            k = words.rfind(name)
            if k >= 0:
                return start, words[:k], words[k:]
        return start, words, ""

    # ------------------------------------------------------------------ words without figures
    def _words(self, text: str, spans: list) -> None:
        """持平 / 本年度无此项 / 年初无预算: a change or completion with no figure, whose subject is the
        one named before it (or the row the paragraph is about)."""
        for pattern, kind in ((_BOTH_ZERO, "both_zero"), (_SAME, "same")):
            for m in pattern.finditer(text):
                if _overlaps(spans, m.start(), m.end()):
                    continue
                s = self._named_before(text, m.start(), lambda it: self.kind(it) == kind, spans)
                if s is None:
                    continue
                start, lead, subject = self._lead(text, m.start(), s)
                args = {"lead": lead, "subject": subject}
                if kind == "same":
                    args["same"] = m.group(0) if subject else lead + m.group(0)
                else:
                    if m.group("what") != "支出":
                        args["what"] = m.group("what")
                    # the style's words for "both years 0", as this document writes them
                    self.words.setdefault("both_zero", "本年度无此项{what}" + (m.group("tail") or ""))
                spans.append((start, m.end(), Slot("change", s, args=args)))
        for m in _NO_BUDGET.finditer(text):
            if _overlaps(spans, m.start(), m.end()):
                continue
            s = self._named_before(text, m.start(), lambda it: it.completion.kind == "no_budget", spans)
            if s is not None:
                spans.append((m.start(), m.end(), Slot("completion", s, args={"basis": m.group("basis") + "预算"})))

    def _named_before(self, text: str, pos: int, ok, spans: list | None = None) -> Subject | None:
        row = self._row(spans, text, pos) if spans else None
        if row is not None:  # the row the sentence is about comes first
            rows = self.cat.rows(row[0])
            s = rows[row[1]] if row[1] < len(rows) else None
            if s is not None and s.item is not None and ok(s.item):
                return s
        best, best_at = None, -1
        for s in self.cat.subjects:
            if s.item is None or not ok(s.item):
                continue
            for name in s.names:
                at = text.rfind(name, 0, pos)
                if at > best_at:
                    best, best_at = s, at
        return best

    # ------------------------------------------------------------------ plain words
    def _literal(self, text: str) -> list:
        """The document's words, with the years and the unit's name as variables."""
        out: list = []
        pattern = re.compile(rf"(?P<y>(?:19|20)\d\d)(?=年)|{re.escape(self.facts.name)}")
        pos = 0
        for m in pattern.finditer(text):
            if m.start() > pos:
                out.append(text[pos:m.start()])
            if m.group("y"):
                y = int(m.group("y"))
                if y == self.facts.year:
                    out.append(Slot("year", text=m.group(0)))
                elif y == self.facts.prior_year:
                    out.append(Slot("prior_year", text=m.group(0)))
                else:
                    out.append(m.group(0))
            else:
                out.append(Slot("unit", text=m.group(0)))
            pos = m.end()
        if pos < len(text):
            out.append(text[pos:])
        return out


def project_texts(project) -> list[tuple[str, str]]:
    """(template expression, text) of the words a project holds outside its 说明."""
    out = []
    perf = project.performance
    if perf.summary and len(perf.summary) >= 6:
        out.append(("p.performance.summary", join_reason("", perf.summary, "")))
    for i, ev in enumerate(perf.projects):
        for attr in ("achievement", "problems", "measures"):
            v = getattr(ev, attr, None)
            if v and len(v.strip()) >= 6:
                out.append((f"f.evaluations[{i}].source.{attr}", join_reason("", v, "")))
    return sorted(out, key=lambda t: -len(t[1]))


def note_bodies(project) -> list[tuple[str, str, str]]:
    out = []
    for key, exp in project.notes.items():
        for kind in ("reason", "usage", "deviation", "text"):
            raw = getattr(exp, kind)
            if raw and raw.strip():
                out.append((key, kind, join_reason("", raw, "")))
    return out


def _lead_in(text: str, at: int) -> int:
    """Where the words that introduce a note start: "，主要原因是" (with its comma), "主要原因是：";
    none when a figure stands right before the note."""
    pre = at
    while pre > 0 and at - pre < 30 and text[pre - 1] not in "，,；;。" and not text[pre - 1].isdigit() \
            and text[pre - 1] not in "%元":
        pre -= 1
    if pre > 0 and (text[pre - 1].isdigit() or text[pre - 1] in "%元") or at - pre >= 30:
        return at
    if pre > 0 and text[pre - 1] in "，,；;":
        pre -= 1
    return pre


def _clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in CLAUSE_BREAK:
        i -= 1
    return i


def _inside(spans, pos: int) -> bool:
    return any(s <= pos < e for s, e, _ in spans)


def _overlaps(spans, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e, _ in spans)


def _sentence(text: str, pos: int) -> str:
    s = max(text.rfind(ch, 0, pos) for ch in "。；;") + 1
    e = min([i for i in (text.find(ch, pos) for ch in "。；;") if i >= 0] or [len(text) - 1]) + 1
    return text[s:e].strip()
