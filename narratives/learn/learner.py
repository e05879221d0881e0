"""Learning a style: the published sections, paragraph by paragraph, into templates.

    learn_style(published, project, base) → LearnedStyle (settings + one template per section + report)
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from ..facts import Facts
from ..styles import Style
from . import catalogue
from .generalise import Learned, ParagraphLearner, Residue, Slot, note_bodies
from .matching import Matcher, topic_of
from .numbers import detect_numbers
from .reading import Published
from .templating import Emitter, filter_for, loop_head, q

_NUMBERING = re.compile(r"^(\d+)、")
# paragraphs of one list read alike: the share of their words (figures and names aside) in common
ALIKE = 0.6


@dataclass
class SectionOut:
    id: str
    title: str
    template: str
    text: str
    residue: list[Residue] = field(default_factory=list)
    grafted: bool = False   # the base style's template, its words edited to the document's (grafting.py)


@dataclass
class LearnedStyle:
    sections: list[SectionOut]
    number: dict
    part_title: str
    words: dict = field(default_factory=dict)

    @property
    def residue(self) -> list[tuple[str, Residue]]:
        return [(f"{_numeral(i)}、{s.title}", r) for i, s in enumerate(self.sections, 1) for r in s.residue]


def _numeral(n: int) -> str:
    from ..wording import chinese_numeral
    return chinese_numeral(n)


def learn_style(pub: Published, project, base: Style | None) -> LearnedStyle:
    facts = Facts(project)
    cat = catalogue.build(facts)
    number = detect_numbers(pub, base.settings.number.model_dump() if base else None)
    matcher = Matcher(cat, number["places"], number["percent_places"])
    learner = ParagraphLearner(facts, cat, matcher, note_bodies(project))
    learner.base_words = base.settings.word_set() if base else None
    emitter = Emitter(cat, facts)
    base_ids = {s.title: s.id for s in base.settings.sections} if base else {}
    out, used = [], set()
    for n, sec in enumerate(pub.sections, 1):
        topic = topic_of(sec.title)
        sid = base_ids.get(sec.title) or f"section{n}"
        if sid in used:
            sid = f"section{n}"
        used.add(sid)
        lines, residue = _section(sec.blocks, learner, emitter, cat, topic)
        out.append(SectionOut(sid, sec.title, f"{n:02d}_{sid}.j2", "\n".join(lines) + "\n", residue))
    return LearnedStyle(out, number, pub.part_title, learner.words)


def _section(blocks, learner: ParagraphLearner, emitter: Emitter, cat, topic: str):
    lines: list[str] = []
    residue: list[Residue] = []
    learned: list[tuple[str, Learned | str]] = []
    for b in blocks:
        if b.kind == "heading":
            learned.append(("heading", b.text))
        else:
            lp = learner.learn(b.text, topic)
            residue += lp.residue
            learned.append(("para", lp))
    i = 0
    while i < len(learned):
        kind, item = learned[i]
        if kind == "heading":
            lines.append("## " + emitter.pieces(learner._literal(item), {}))
            i += 1
            continue
        row = _row_paragraph(item)
        if row is not None:
            run = [item]
            j = i + 1
            while j < len(learned) and learned[j][0] == "para":
                nxt = _row_paragraph(learned[j][1])
                if nxt is None or nxt.coll != row.coll or nxt.index <= _row_paragraph(run[-1]).index \
                        or not _alike(run[0], learned[j][1]):
                    break
                run.append(learned[j][1])
                j += 1
            announced = i > 0 and learned[i - 1][0] == "para" and learned[i - 1][1].text.endswith(("：", ":"))
            if len(run) > 1 or announced or len(cat.rows(row.coll)) == 1:  # one row alone is a list only where "其中：" announces it
                lines += _paragraph_loop(run, emitter, cat)
                i = j
                continue
        one = _record_row(item, cat)
        if one is not None:  # a paragraph about last year's one 重点评价 (自评 project): one for each next year
            vars = {id(one): "r", "_subjects": [one], "_row": (one.coll, one.index, "r")}
            lines += [loop_head(one.coll, "r", ""), emitter.pieces(_row_name(item.pieces, one), vars), "{% endfor %}"]
            i += 1
            continue
        lines += guarded(_clause_loops(item, emitter, cat))
        i += 1
    return lines, residue


_INDEX = re.compile(r"\[(\d+)\]")
_PATH_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.[]")


def guarded(line: str) -> list[str]:
    """A paragraph that names a row by its place (f.classes[3]) is written only when that row
    exists: next year's list may be shorter (or empty, in a project just started)."""
    conds = []
    for m in _INDEX.finditer(line):
        k = m.start()
        while k > 0 and line[k - 1] in _PATH_CHARS:
            k -= 1
        prefix = line[k:m.start()]
        if prefix and prefix[0].isalpha():
            cond = f"{prefix} | length > {m.group(1)}"
            if cond not in conds:
                conds.append(cond)
    if not conds:
        return [line]
    conds.sort(key=len)
    return ["{% if " + " and ".join(conds) + " %}", line, "{% endif %}"]


def _record_row(lp: Learned, cat):
    """The one row a paragraph states, where that row is a record (an evaluation, not an amount of
    a list of 类) and last year's list held only it."""
    rows = lp.row_subjects()
    if not rows or len({(r.coll, r.index) for r in rows}) != 1:
        return None
    s = rows[0]
    if s.item is not None or not s.row or len(cat.rows(s.coll)) != 1:
        return None
    return s


# ---------------------------------------------------------------------- a row per paragraph
def _row_paragraph(lp: Learned):
    """The row a paragraph is about: it opens with the row's name (after a "1、") and states figures
    of that row only (of its list)."""
    rows = lp.row_subjects()
    if not rows:
        return None
    first = rows[0]
    if any(s.coll == first.coll and s.index != first.index for s in rows):
        return None
    head = _NUMBERING.sub("", lp.text)
    if not any(head.startswith(n) for n in first.names):
        return None
    return first


def _skeleton(lp: Learned) -> tuple[str, list[str]]:
    """The words of a paragraph without its figures, its row's name and its clerk's words; and the
    other subjects it states: paragraphs of one list read alike."""
    row = _row_paragraph(lp)
    words, others = [], []
    for p in lp.pieces:
        if isinstance(p, str):
            words.append(p)
        elif p.subject is not None and p.subject is not row and not p.subject.coll:
            others.append(p.subject.expr)
    text = _NUMBERING.sub("", "".join(words))
    if row is not None and row.item is not None:
        for name in (row.item.full_name, row.item.name):
            if name:
                text = text.replace(name, "")
    return text, others


def _alike(a: Learned, b: Learned) -> bool:
    from difflib import SequenceMatcher
    (ta, oa), (tb, ob) = _skeleton(a), _skeleton(b)
    if oa != ob:
        return False
    # the same opening words ("年初预算，支出决算，") make a list even where a clerk's words after
    # them (kept as written: not in the project's 说明) differ from row to row
    common = len(os.path.commonprefix([ta, tb]))
    return common >= 8 or SequenceMatcher(None, ta, tb).ratio() >= ALIKE


def _row_name(pieces: list, s, var_attr=True, alias: str = "", renames: list | None = None) -> list:
    """Replace the row's name (the first string piece that opens with it) by a name slot, and a
    leading "1、" by the loop index; ``alias``: the document's own shorter name of the row (the
    slot writes each row's name shortened the same way)."""
    out = list(pieces)
    if out and isinstance(out[0], str):
        m = _NUMBERING.match(out[0])
        if m:
            out[0:1] = [Slot("index"), "、", out[0][m.end():]]
    for k, p in enumerate(out):
        if not isinstance(p, str):
            continue
        pairs = [(a, getattr(s.item, a, "")) for a in ("full_name", "name")] if s.item is not None else [s.row_name]
        if alias and s.item is not None:
            pairs = [("name", alias)] + pairs
        for attr, name in pairs:
            if name and name in p:
                at = p.index(name)
                args = {"attr": attr if name != alias else "name"}
                if renames:
                    args["renames"] = renames
                out[k:k + 1] = [p[:at], Slot("rowname", s, args=args), p[at + len(name):]]
                return [x for x in out if x != ""]
    return [x for x in out if x != ""]


def _richest(run: list[Learned]) -> Learned:
    return max(run, key=lambda lp: (sum(isinstance(p, Slot) for p in lp.pieces), len(lp.text)))


def _paragraph_loop(run: list[Learned], emitter: Emitter, cat) -> list[str]:
    rows = [_row_paragraph(lp) for lp in run]
    coll = rows[0].coll
    rep = _richest(run)
    s = _row_paragraph(rep)
    var = "r"
    budgety = any(isinstance(p, Slot) and p.kind in ("completion",) or (isinstance(p, Slot) and p.role == "budget")
                  for p in rep.pieces)
    cond = filter_for(coll, cat.rows(coll), rows, var, budgety)
    if cond is None:  # no simple rule lists these rows: keep them one by one (each if it exists)
        return [line for lp in run for line in guarded(emitter.pieces(lp.pieces, {}))]
    pieces = _row_name(rep.pieces, s)
    same = next((p.args["same"] for lp in run for p in lp.pieces if isinstance(p, Slot) and p.kind == "change"
                 and p.args.get("same") and p.subject is _row_paragraph(lp)), None)
    if same:
        pieces = [Slot(p.kind, p.subject, p.role, dict(p.args, same=same), p.text)
                  if isinstance(p, Slot) and p.kind == "change" and p.subject is s else p for p in pieces]
    ends = [lp.text[-1:] for lp in run]
    mid = next((e for e in ends[:-1] if e in "；;，,"), "；")
    last = ends[-1]
    if pieces and isinstance(pieces[-1], str) and pieces[-1][-1:] in "。；;，," and (len(run) == 1 or mid != last):
        pieces[-1] = pieces[-1][:-1]
        tail = f"{{{{ {q(mid)} if not loop.last else {q(last)} }}}}"
    else:
        tail = ""
    vars = {id(s): var, "_subjects": [s], "_row": (s.coll, s.index, var)}
    body = emitter.pieces(pieces, vars) + tail
    return [loop_head(coll, var, cond), body, "{% endfor %}"]


# ---------------------------------------------------------------------- rows inside a paragraph
def _clause_loops(lp: Learned, emitter: Emitter, cat) -> str:
    """"A X万元，占Y%；B X万元，占Y%。" inside one paragraph → a loop over the rows."""
    pieces = lp.pieces
    slots = [(k, p) for k, p in enumerate(pieces) if isinstance(p, Slot) and p.subject is not None and p.subject.coll]
    if not slots:
        return emitter.pieces(pieces, {})
    coll = slots[0][1].subject.coll
    groups: list[list[int]] = []   # piece indexes of each row's slots
    rows = []
    for k, p in slots:
        if p.subject.coll != coll:
            return emitter.pieces(pieces, {})
        if rows and rows[-1].index == p.subject.index:
            groups[-1].append(k)
        else:
            if rows and p.subject.index <= rows[-1].index:
                return emitter.pieces(pieces, {})
            rows.append(p.subject)
            groups.append([k])
    # each row starts at its name in the string piece before its first slot
    starts, aliases = [], {}
    for r, (s, g) in enumerate(zip(rows, groups)):
        k = g[0] - 1
        found = None
        while k >= 0 and found is None:
            p = pieces[k]
            if isinstance(p, str):
                for name in (s.item.full_name, s.item.name) if s.item is not None else (s.row_name[1],):
                    if name and name in p:
                        at = p.rindex(name)
                        cut = max(p.rfind(ch, 0, at) for ch in "，,；;、：:。") + 1
                        found = (k, cut if cut > 0 or k > 0 else at, at)
                        break
                if found is None and k == g[0] - 1 and s.item is not None:
                    # the document's own shorter name ("对个人和家庭补助" for 对个人和家庭的补助)
                    alias = _alias(p, s.item.name)
                    if alias:
                        at = len(p) - len(alias)
                        cut = max(p.rfind(ch, 0, at) for ch in "，,；;、：:。") + 1
                        found = (k, cut if cut > 0 or k > 0 else at, at)
                        aliases[r] = alias
            k -= 1
            if found is None and (starts and k < groups[len(starts) - 1][-1]):
                break
        if found is None:
            return emitter.pieces(pieces, {})
        starts.append(found)
    # "主要包括A x，B y": the words before the first row's name that the other rows do not repeat
    # lead the list in (they stay before the loop)
    pre = [pieces[k][cut:at] for k, cut, at in starts]
    if len(rows) > 1 and len(set(pre[1:])) == 1 and pre[0] != pre[1] and pre[0].endswith(pre[1]):
        k, cut, at = starts[0]
        starts[0] = (k, at - len(pre[1]), at)
    starts = [(k, cut) for k, cut, _at in starts]
    # split the string pieces at the row starts
    flat: list = []
    marks = {}
    for k, p in enumerate(pieces):
        hits = [(at, r) for r, (kk, at) in enumerate(starts) if kk == k]
        if not hits:
            flat.append(p)
            continue
        pos = 0
        for at, r in sorted(hits):
            if at > pos:
                flat.append(p[pos:at])
            marks[r] = len(flat)
            pos = at
        flat.append(p[pos:])
    order = [marks[r] for r in range(len(rows))]
    if len(rows) == 1:
        before = "".join(p for p in flat[:order[0]] if isinstance(p, str))
        if not re.search(r"(?:[：:]|包括|其中[，,]?)$", before):
            return emitter.pieces(pieces, {})  # one row alone is a list only after a lead-in
    last_slot = max(k for k, p in enumerate(flat) if isinstance(p, Slot) and p.subject is not None
                    and p.subject.coll == coll and p.subject.index == rows[-1].index)
    head, tail = flat[:order[0]], flat[last_slot + 1:]
    segs = [flat[order[r]:order[r + 1]] for r in range(len(rows) - 1)] + [flat[order[-1]:last_slot + 1]]
    seps = []
    for seg in segs[:-1]:
        if seg and isinstance(seg[-1], str) and seg[-1] and seg[-1][-1] in "；;，,、":
            seps.append(seg[-1][-1])
            seg[-1] = seg[-1][:-1]
        else:
            seps.append("")
    sep = next((x for x in seps if x), "；")
    if not _segments_alike(segs, coll, rows, aliases):
        return emitter.pieces(pieces, {})  # two rows said differently are two sentences, not a list
    budgety = False
    cond = filter_for(coll, cat.rows(coll), rows, "r", budgety)
    if cond is None:
        return emitter.pieces(pieces, {})
    rep_i = max(range(len(segs)), key=lambda r: sum(isinstance(p, Slot) for p in segs[r]))
    s = rows[rep_i]
    seg = _row_name([p for p in segs[rep_i] if p != ""], s, alias=aliases.get(rep_i, ""),
                    renames=[(rows[r].item.name, a) for r, a in sorted(aliases.items())])
    vars = {id(s): "r", "_subjects": [s], "_row": (s.coll, s.index, "r")}
    body = emitter.pieces(seg, vars) + f"{{{{ {q(sep)} if not loop.last }}}}"
    head = [p for p in head if p != ""]
    if head and isinstance(head[-1], str) and head[-1].endswith(("：", ":")):
        # "，主要用于以下方面：" is written with the first row: no rows next year, no "以下方面：。"
        cut = max(head[-1].rfind(ch) for ch in "，,；;。")
        if cut >= 0 and "{" not in head[-1][cut:]:
            body = f"{{{{ {q(head[-1][cut:])} if loop.first }}}}" + body
            head[-1] = head[-1][:cut]
    return (emitter.pieces(head, {}) + loop_head(coll, "r", cond) + body + "{% endfor %}"
            + emitter.pieces(tail, {}))


def _alias(text: str, name: str) -> str:
    """The end of ``text`` if it is ``name`` as a document shortens it (a character or two left
    out, nothing added): "…，对个人和家庭补助" for 对个人和家庭的补助."""
    from difflib import SequenceMatcher
    for n in range(len(name) - 1, max(len(name) - 3, 3), -1):
        tail = text[-n:]
        if len(tail) == n and not any(ch in "，,；;、：:。" for ch in tail):
            sm = SequenceMatcher(None, tail, name, autojunk=False)
            if sum(b.size for b in sm.get_matching_blocks()) == n and tail[0] == name[0] and tail[-1] == name[-1]:
                return tail
    return ""


def _segments_alike(segs: list[list], coll: str, rows: list, aliases: dict | None = None) -> bool:
    from difflib import SequenceMatcher

    def shape(seg, row):
        words = "".join(p for p in seg if isinstance(p, str))
        names = (row.item.full_name, row.item.name) if row.item is not None else (row.row_name[1],)
        names += tuple(a for r, a in (aliases or {}).items() if rows[r] is row)
        for name in names:
            if name:
                words = words.replace(name, "")
        others = [p.subject.expr for p in seg if isinstance(p, Slot) and p.subject is not None
                  and p.subject.coll != coll]
        return words, others
    first = shape(segs[0], rows[0])
    for seg, row in zip(segs[1:], rows[1:]):
        w, o = shape(seg, row)
        if o != first[1] or SequenceMatcher(None, first[0], w).ratio() < 0.6:
            return False
    return True

