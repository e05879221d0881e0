"""Pieces → Jinja2 template text, and lists over rows → loops.

A run of paragraphs (or of clauses inside one paragraph) that each state one row of the same list
(the 类, the 项, the 三公 items …) becomes one loop over the rows that exist next year; which rows
the document listed (all, those with an amount, those with an amount or a budget) decides the
loop's filter.
"""
from __future__ import annotations

import re

from ..facts import Item
from .catalogue import Catalogue, Subject
from .generalise import Learned, Slot

LOOP_VARS = ("r", "r2", "r3")


def q(s: str) -> str:
    """A Jinja string literal."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def literal(text: str) -> str:
    """The document's words, safe inside a template (and not starting a special line)."""
    text = text.replace("{", "{{ '{' }}").replace("}", "{{ '}' }}") if ("{" in text or "}" in text) else text
    return text


class Emitter:
    def __init__(self, cat: Catalogue, facts):
        self.cat, self.facts = cat, facts

    def expr(self, s: Subject, vars: dict) -> str:
        if id(s) in vars and not s.row:
            return vars[id(s)]
        row = vars.get("_row")
        if row and s.coll == row[0] and s.index == row[1]:
            return s.expr.replace(s.row, row[2]) if s.row else row[2]
        return s.expr

    def slot(self, slot: Slot, vars: dict) -> str:
        k = slot.kind
        if k == "year":
            return "{{ year }}"
        if k == "prior_year":
            return "{{ prior_year }}"
        if k == "unit":
            return "{{ unit.name }}"
        if k == "rowname":
            renames = "".join(f" | replace({q(a)}, {q(b)})" for a, b in slot.args.get("renames", ()))
            if renames:  # the document shortens some names ("对个人和家庭补助"): so does the loop
                return f"{{{{ {vars['_row'][2]}.{slot.args['attr']}{renames} }}}}"
            return f"{{{{ {vars['_row'][2]}.{slot.args['attr']} }}}}"
        if k == "index":
            return "{{ loop.index }}"
        if k == "fig":
            s = slot.subject
            x = self.expr(s, vars)
            if slot.role == "count":
                return f"{{{{ count({x}, {q(slot.args['unit'])}) }}}}"
            if s.item is None:
                fn = {"score": "score", "pct": "pct"}.get(slot.role if slot.role in ("score", "pct") else "", "money")
                return f"{{{{ {fn}({x}, {q(s.source)}) }}}}"
            if slot.role == "change":  # an amount of change on its own ("减少原因为…减少24.07万元")
                return f"{{{{ money(({x}.change.amount | abs) if {x}.change.known else none) }}}}"
            if slot.role == "rate":
                return f"{{{{ pct({x}.change.rate | abs) if {x}.change.rate is not none else '' }}}}"
            if slot.role == "completion":
                return f"{{{{ pct({x}.completion.rate) }}}}"
            fn = {"value": "money", "budget": "budget", "prior": "prior", "share": "share"}[slot.role]
            return f"{{{{ {fn}({x}) }}}}"
        if k == "change":
            x = self.expr(slot.subject, vars)
            a = slot.args
            lead = self._years(a.get("lead", ""))
            words = a.get("subject", "")
            parts = [x, self._names_row(words, slot.subject, vars) or self._years(words), f"lead={lead}"]
            if a.get("same"):
                parts.append(f"same={self._years(a['same'])}")
            what = a.get("what") or ("收入" if slot.subject.item is not None and slot.subject.item.name.endswith("收入")
                                      else "")
            if what:
                parts.append(f"what={q(what)}")
            return f"{{{{ change({', '.join(parts)}) }}}}"
        if k == "completion":
            x = self.expr(slot.subject, vars)
            return f"{{{{ completion({x}, {q(slot.args['basis'])}) }}}}"
        if k == "note":
            return self._note(slot, vars)
        if k == "vehicles":
            return (f'{{% for k, n in f.vehicles if n %}}{{{{ k }}}}{{{{ count(n, "辆") }}}}'
                    f'{{{{ {q(slot.args["sep"])} if not loop.last }}}}{{% endfor %}}')
        if k == "grades":
            a = slot.args
            return (f'{{% for g, n in f.performance.grade_list() %}}{{{{ count(n, "个") }}}}{a["mid"]}{a["q1"]}'
                    f'{{{{ g }}}}{a["q2"]}{{{{ {q(a["sep"])} if not loop.last }}}}{{% endfor %}}')
        if k == "text":
            expr = slot.args["expr"]
            row = vars.get("_row")
            if row:  # the same words may be several rows' own: take this row's
                mine = f"{row[0]}[{row[1]}]"
                expr = next((e for e in slot.args.get("exprs", [expr]) if e.startswith(mine)), expr)
                if expr.startswith(mine):
                    expr = row[2] + expr[len(mine):]
            if "label" in slot.args:
                return f"{{{{ sentence({expr}, {q(slot.args['label'])}, {q(slot.args.get('end', ''))}) }}}}"
            return f"{{{{ ({expr} or '') | trim | trim('。；;') }}}}"
        if k == "deviation":
            return f"{{{{ deviation({self.expr(slot.subject, vars)}, {q(slot.args['basis'])}) }}}}"
        raise ValueError(k)

    def _years(self, text: str) -> str:
        """A string argument with the years as variables: "比2023年" → "比" ~ prior_year ~ "年"."""
        y, py = str(self.facts.year), str(self.facts.prior_year)
        parts = re.split(rf"({y}|{py})(?=年)", text)
        out = []
        for p in parts:
            if p == y:
                out.append("year")
            elif p == py:
                out.append("prior_year")
            elif p:
                out.append(q(p))
        if not out:
            return '""'
        return " ~ ".join(out)

    def _names_row(self, words: str, s: Subject, vars: dict) -> str:
        """The subject words of a row as the row's name: "公共安全支出" → r.name."""
        if id(s) not in vars or s.item is None or not words:
            return ""
        var = vars[id(s)]
        for attr in ("full_name", "name"):
            name = getattr(s.item, attr)
            if name and words.startswith(name):
                rest = words[len(name):]
                return f"{var}.{attr}" + (f" ~ {q(rest)}" if rest else "")
        return ""

    def _note(self, slot: Slot, vars: dict) -> str:
        a = slot.args
        key = a["key"]
        subj = next((s for s in self._row_subjects(vars) if s.item is not None and s.note_key == key), None)
        x = vars[id(subj)] if subj is not None else q(key)
        wrap = x.startswith('"') and re.search(r"\[\d+\]", self._item_expr(key))
        if wrap:  # a row's 说明 outside a loop over its list: the row found by its code, not its place
            x = "nx"
        prefix = self._prefix(a["prefix"], key, x, vars)
        kind = a["kind"]
        call = f"reason({x}, {prefix}, {q(a['end'])}" + (f", {q(kind)})" if kind != "reason" else ")")
        if a["fallback"]:
            call = f"{call} or {q(a['fallback'])}"
        if wrap:
            return (f"{{% for nx in f.subject_items({q(key)})[:1] %}}{{{{ {call} }}}}"
                    f"{{% else %}}{literal(a['fallback'])}{{% endfor %}}")
        return f"{{{{ {call} }}}}"

    def _prefix(self, prefix: str, key: str, x: str, vars: dict) -> str:
        """A lead-in with words that depend on the figures made into helpers: "决算数小于年初预算数的
        主要原因是" → deviation(x, "年初预算") ~ "的主要原因是"; "…支出减少的主要原因是" → change_word."""
        item_x = x if not x.startswith('"') else self._item_expr(key)
        m = re.search(r"决算数?(?:大于|小于|与)(?P<basis>年初预算|全年预算|预算)数?(?:基本)?(?:持平)?", prefix)
        if m and item_x:
            return " ~ ".join(p for p in (q(prefix[:m.start()]) if m.start() else "",
                                          f"deviation({item_x}, {q(m.group('basis'))})",
                                          q(prefix[m.end():]) if prefix[m.end():] else "") if p)
        m = re.search(r"(增加|减少)(?=的?主要原因)", prefix)
        if m and item_x:
            return " ~ ".join(p for p in (q(prefix[:m.start()]) if m.start() else "", f"change_word({item_x})",
                                          q(prefix[m.end():]) if prefix[m.end():] else "") if p)
        return self._years(prefix)

    def _item_expr(self, key: str) -> str:
        for s in self.cat.subjects:
            if s.item is not None and s.note_key == key:
                return s.expr
        return ""

    def _row_subjects(self, vars: dict) -> list[Subject]:
        return vars.get("_subjects", [])

    def pieces(self, pieces: list, vars: dict) -> str:
        out = []
        for k, p in enumerate(pieces):
            if isinstance(p, str):
                out.append(literal(p))
                continue
            text = self.slot(p, vars)
            prev = pieces[k - 1] if k else None
            if p.kind in ("grades", "vehicles") and out and out[-1][-1:] in ("，", ",", "；", ";") \
                    and isinstance(prev, str):
                # "…，1个项目自评等级为“良”。": the comma only before a first grade (none: no "，。")
                lead, out[-1] = out[-1][-1], out[-1][:-1]
                text = text.replace("%}", f"%}}{{{{ {q(lead)} if loop.first }}}}", 1)
            if p.kind == "note" and p.args.get("fallback") and isinstance(prev, Slot) and prev.kind == "deviation" \
                    and text.endswith(f" or {q(p.args['fallback'])} }}}}"):
                # the end of "决算数小于年初预算数。": none where the deviation is not written (unknown)
                dev = self.slot(prev, vars)[3:-3]
                text = text[:-len(f" {q(p.args['fallback'])} }}}}")] + f" ({q(p.args['fallback'])} if {dev} else '') }}}}"
            if p.kind == "fig" and p.role == "pct" and p.subject is not None and p.subject.item is None \
                    and out and isinstance(prev, str):
                # "，占单位预算项目支出总额的X%": a ratio that cannot be computed (None) is left out
                # with its clause, not written as "…总额的。"
                cut = max(out[-1].rfind(ch) for ch in "，,；;")
                if cut >= 0:
                    x = self.expr(p.subject, vars)
                    head, clause = out[-1][:cut], out[-1][cut:]
                    out[-1] = head + f"{{% if {x} is not none %}}" + clause
                    text += "{% endif %}"
            out.append(text)
        return "".join(out)


def filter_for(coll: str, rows: list[Subject], shown: list[Subject], var: str, budgety: bool) -> str | None:
    """The loop condition that lists exactly the rows shown (None: no simple rule does)."""
    shown_ids = [s.index for s in shown]
    tests = {
        "nonzero": (lambda it: not it.is_zero, f"not {var}.is_zero"),
        "all": (lambda it: True, ""),
        "value": (lambda it: it.value != 0, f"{var}.value"),
        "value_or_budget": (lambda it: bool(it.value or it.budget), f"{var}.value or {var}.budget"),
    }
    # fixed short lists (货物/工程/服务, the four 三公 items) are listed whole unless a row is left out
    fixed = coll in ("f.purchase.children", "f.sangong.children")
    order = ["all", "value_or_budget", "nonzero", "value"] if budgety or fixed else \
        ["nonzero", "all", "value", "value_or_budget"]
    for name in order:
        ok, cond = tests[name]
        if [s.index for s in rows if (ok(s.item) if isinstance(s.item, Item) else name == "all")] == shown_ids:
            return cond
    return None


def loop_head(coll: str, var: str, cond: str) -> str:
    return f"{{% for {var} in {coll}{' if ' + cond if cond else ''} %}}"


def row_of(learned: Learned) -> Subject | None:
    """The one row a paragraph states, if it states exactly one (rows of other lists aside)."""
    rows = learned.row_subjects()
    colls = {s.coll for s in rows}
    if len(rows) == 1:
        return rows[0]
    if len(colls) == 1 and len({s.index for s in rows}) == 1:
        return rows[0]
    return None
