"""What the app's forms show, as data: for a section of the text, every figure it states (the
paths of 本年, 上年 and 年初预算 in the project, their current values and the computed 变动额,
变动率, 占比, 完成率, already formatted) and the clerk's note fields; for a data page, its rows.

The app lays these out and sends typed text back through ``Session``; it computes nothing.
The ``sources`` of a field are the document runs it feeds (see ``render.document``), so the
preview can light up the sentence the focused field changes.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from .facts import Facts, Item
from .model import FISCAL_SOURCES, SANGONG_ITEMS, T02_SOURCES, Project
from .money import format_number

KIND_LABEL = {"reason": "变动原因", "usage": "主要用于", "deviation": "预算偏差原因", "text": "内容"}


@dataclass(frozen=True)
class Figure:
    """One figure a section states, with the places the clerk types its inputs."""

    key: str                      # the subject of its notes ("收入总计", "204")
    label: str
    path: str | None              # 本年 in the project; None when the text uses a sum of other cells
    prior_path: str | None = None
    budget_path: str | None = None
    value: Decimal | None = None  # the figure the text states (a stated total or the sum)
    computed: tuple[tuple[str, str], ...] = ()  # ("变动额", "+12.34"), ("变动率", "8.50%"), …
    sources: frozenset[str] = frozenset()
    missing_prior: bool = False
    prior_value: Decimal | None = None   # the 上年 the text takes (entered, or what the tables give)
    budget_value: Decimal | None = None  # likewise 年初预算 / 全年预算
    summed: frozenset[str] = frozenset()  # inputs the text sums from the rows below in this form


@dataclass(frozen=True)
class NoteField:
    path: str                     # "说明.204.变动原因"
    label: str                    # "公共安全支出 变动原因"
    sources: frozenset[str] = frozenset()


@dataclass
class SectionForm:
    section_id: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[NoteField] = field(default_factory=list)

    @property
    def missing(self) -> int:
        """Inputs the text needs and the clerk has not given (上年 of a figure that has one)."""
        return sum(1 for f in self.figures if f.missing_prior)


def _pct(rate: Decimal | None) -> str:
    return "—" if rate is None else format_number(rate, 2, False) + "%"


def _signed(amount: Decimal | None) -> str:
    if amount is None:  # 本年 or 上年 not entered
        return "—"
    text = format_number(amount, 2, True)
    return text if text.startswith("-") or amount == 0 else "+" + text


def _computed(item: Item, prior: bool, budget: bool, share: bool) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    if prior and item.prior is None:
        out.append(("变动", "上年数未填"))  # as the text says: no change against a blank 上年
    elif prior:
        ch = item.change
        out += [("变动额", _signed(ch.amount)), ("变动率", _pct(ch.rate))]
    if share and item.whole is not None:
        out.append(("占比", _pct(item.share.rate)))
    if budget:
        out.append(("完成率", _pct(item.completion.rate)))
    return tuple(out)


def _figure(item: Item, path: str | None, prior_path: str | None = None,
            budget_path: str | None = None, share: bool = False, label: str | None = None) -> Figure:
    key = item.key
    sources = {item.source, f"{key}.变动率", f"{key}.变动额", f"{key}.占比", f"{key}.完成率",
               f"上年.{key}", f"年初预算.{key}"}
    if path:
        sources.add(path)
    return Figure(key=key, label=label or item.full_name or item.name, path=path, prior_path=prior_path,
                  budget_path=budget_path, value=item.value,
                  computed=_computed(item, prior_path is not None, budget_path is not None, share),
                  sources=frozenset(sources),
                  missing_prior=prior_path is not None and item.prior is None and item.value != 0,
                  prior_value=item.prior if prior_path else None,
                  budget_value=item.budget if budget_path else None)


def _notes(form: SectionForm, subjects: list[tuple[str, str, tuple[str, ...]]]) -> None:
    for key, label, kinds in subjects:
        for kind in kinds:
            src = f"说明.{key}.{KIND_LABEL[kind]}"
            form.notes.append(NoteField(src, f"{label} {KIND_LABEL[kind]}", frozenset({src})))


def _row_index(rows, code: str) -> int | None:
    for i, r in enumerate(rows):
        if r.code == code:
            return i
    return None


def section_form(project: Project, section_id: str, style=None) -> SectionForm:
    """The figures and note fields of a section.  A section id every bundled style shares
    (overall, income, …) has its fixed form; any other id — a style's own 概况, or 收入 and 支出
    merged into one section — gets the forms of the facts its template reads (``style`` given)."""
    f = Facts(project)
    form = SectionForm(section_id)
    build = _BUILDERS.get(section_id)
    if build is not None:
        build(f, form)
        if style is not None:  # a note the style's template names beyond the usual ones
            _template_notes(style, section_id, form)  # (山西 10: 其他用车 主要用于)
    elif style is not None:
        for sec in style.settings.sections:
            if sec.id == section_id:
                _derived(f, form, reads(style, sec.template))
                break
    return form


# the facts (f.<name>) a template may read → the form that shows their inputs
FACT_FORMS = {
    "grand_income": "overall", "grand_expense": "overall", "grand_equal": "overall",
    "income_total": "income", "income_sources": "income", "income_by_fund": "income",
    "expense_total": "expense", "expense_kinds": "expense", "expense_kind": "expense",
    "fiscal_income": "fiscal", "fiscal_expense": "fiscal", "fiscal_equal": "fiscal",
    "general": "general", "classes": "general", "items": "general", "budget_items": "general",
    "basic": "basic", "personnel": "basic", "public": "basic",
    "fund": "fund", "fund_income": "fund", "has_fund": "fund",
    "capital": "capital", "capital_income": "capital", "has_capital": "capital",
    "sangong": "sangong", "sangong_item": "sangong", "sangong_detail": "sangong",
    "running_cost": "running_cost", "has_running_cost": "running_cost",
    "purchase": "procurement", "procurement": "procurement",
}


@dataclass(frozen=True)
class Reads:
    """What a template reads: the facts (``f.general``) and the notes named by a constant
    (``note("其他需要说明的事项", "text")``: subject, kind)."""

    facts: frozenset[str]
    notes: tuple[tuple[str, str], ...]


def reads(style, template: str) -> Reads:
    """Static analysis of a section's template (and the templates it includes or imports): the
    attribute names of ``f`` it reads and the notes it names.  Nothing is rendered."""
    import jinja2
    from jinja2 import nodes

    from .render.engine import environment
    env = environment(style.search_path)
    facts: set[str] = set()
    notes: dict[tuple[str, str], None] = {}
    seen: set[str] = set()
    todo = [template]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source = env.loader.get_source(env, name)[0]
            tree = env.parse(source)
        except (jinja2.TemplateError, OSError):
            continue  # styles check reports it; a form is not the place
        for node in tree.find_all(nodes.Getattr):
            if isinstance(node.node, nodes.Name) and node.node.name == "f":
                facts.add(node.attr)
        for node in tree.find_all(nodes.Call):
            if isinstance(node.node, nodes.Name) and node.node.name in ("note", "reason", "has_note") \
                    and node.args and isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str):
                kind = "reason"
                pos = 3 if node.node.name == "reason" else 1
                if len(node.args) > pos and isinstance(node.args[pos], nodes.Const):
                    kind = node.args[pos].value
                for kw in node.kwargs:
                    if kw.key == "kind" and isinstance(kw.value, nodes.Const):
                        kind = kw.value.value
                if kind in KIND_LABEL:
                    notes[(node.args[0].value, kind)] = None
        for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport)):
            if isinstance(node.template, nodes.Const) and isinstance(node.template.value, str):
                todo.append(node.template.value)
    return Reads(frozenset(facts), tuple(notes))


_READS: dict[tuple, Reads] = {}  # (style folders, template) → what it reads: parsed once


def _template_notes(style, section_id: str, form: SectionForm) -> None:
    sec = next((x for x in style.settings.sections if x.id == section_id), None)
    if sec is None:
        return
    key = (tuple(str(p) for p in style.search_path), sec.template)
    if key not in _READS:
        _READS[key] = reads(style, sec.template)
    have = {n.path for n in form.notes}
    for subject, kind in _READS[key].notes:
        path = f"说明.{subject}.{KIND_LABEL[kind]}"
        if path not in have:
            have.add(path)
            form.notes.append(NoteField(path, f"{subject} {KIND_LABEL[kind]}", frozenset({path})))


def _derived(f: Facts, form: SectionForm, r: Reads) -> None:
    wanted = {FACT_FORMS[a] for a in r.facts if a in FACT_FORMS}
    for key, build in _BUILDERS.items():
        if key in wanted and key != "other":
            build(f, form)
    seen_fig: set[tuple[str, str | None]] = set()
    figures = []
    for fig in form.figures:
        if (fig.key, fig.path) not in seen_fig:
            seen_fig.add((fig.key, fig.path))
            figures.append(fig)
    form.figures = figures
    _notes(form, [(subject, subject, (kind,)) for subject, kind in r.notes])
    seen_note: set[str] = set()
    form.notes = [n for n in form.notes if not (n.path in seen_note or seen_note.add(n.path))]


def _overall(f: Facts, form: SectionForm) -> None:
    form.figures += [_figure(f.grand_income, "公开01表.收入总计", "上年.收入总计"),
                     _figure(f.grand_expense, "公开01表.支出总计", "上年.支出总计")]
    _notes(form, [("收支总计", "收支总计", ("reason",))])


def _income(f: Facts, form: SectionForm) -> None:
    total = _figure(f.income_total, "公开01表.本年收入合计", "上年.本年收入合计")
    form.figures.append(replace(total, summed=frozenset({"公开01表.本年收入合计"})))  # Σ the sources
    for item in f.income_sources:
        path = None if item.name == "财政拨款收入" else f"公开01表.收入.{item.name}"
        form.figures.append(_figure(item, path, f"上年.收入.{item.name}", share=True))
        if item.name != "财政拨款收入":
            continue
        # its parts right under it (the text states them as one sum): typed there, the other
        # sources left blank are 0 and Enter passes them
        for name in FISCAL_SOURCES:
            form.figures.append(Figure(key=name, label=f"其中：{name}", path=f"公开01表.收入.{name}",
                                       value=f.p.t01.income.get(name),
                                       sources=frozenset({"公开01表.财政拨款收入"})))
    _notes(form, [(n, n, ("reason",)) for n in T02_SOURCES])


def _expense(f: Facts, form: SectionForm) -> None:
    form.figures.append(_figure(f.expense_total, "公开01表.本年支出合计", "上年.本年支出合计"))
    for item in f.expense_kinds:
        form.figures.append(_figure(item, f"公开03表.合计.{item.name}", f"上年.支出.{item.name}", share=True))
    _notes(form, [(i.name, i.name, ("reason",)) for i in f.expense_kinds])


def _fiscal(f: Facts, form: SectionForm) -> None:
    form.figures += [_figure(f.fiscal_income, "公开04表.收入总计", "上年.财政拨款收入总计"),
                     _figure(f.fiscal_expense, "公开04表.支出总计.合计", "上年.财政拨款支出总计")]
    _notes(form, [("财政拨款收支总计", "财政拨款收支总计", ("reason",))])


def _general(f: Facts, form: SectionForm) -> None:
    g = f.general
    total = _figure(g, "公开05表.合计.小计", "上年.一般公共预算财政拨款支出",
                    "年初预算.一般公共预算财政拨款支出", share=True)
    if f.classes:  # 上年 and 年初预算 of the total: the sum of the 类 below, which the text needs anyway
        total = replace(total, summed=frozenset({"上年.一般公共预算财政拨款支出", "年初预算.一般公共预算财政拨款支出"}))
    form.figures.append(total)
    subjects = [(g.key, g.name, ("reason", "deviation"))]
    rows = f.p.t05.rows
    for item in f.classes:
        i = _row_index(rows, item.code)
        form.figures.append(_figure(item, f"公开05表.行.{i}.小计" if i is not None else None,
                                    f"上年.功能分类.{item.code}", f"年初预算.功能分类.{item.code}",
                                    share=True, label=f"{item.code} {item.name}"))
        subjects.append((item.code, f"{item.code} {item.name}", ("reason", "usage")))
        # its 款: a 主要用于 given here is named inside the 类 paragraph ("其中：抚恤X万元，主要用于…")
        subjects += [(k.code, f"{k.code} {k.name}", ("usage",)) for k in f.kuan_of(item.code)]
    for item in f.items:
        i = _row_index(rows, item.code)
        form.figures.append(_figure(item, f"公开05表.行.{i}.小计" if i is not None else None,
                                    None, f"年初预算.功能分类.{item.code}",
                                    label=f"{item.code} {item.name}"))
        subjects.append((item.code, f"{item.code} {item.name}", ("deviation", "usage")))
    _notes(form, subjects)


def _basic(f: Facts, form: SectionForm) -> None:
    form.figures += [_figure(f.basic, "公开05表.合计.基本支出", "上年.一般公共预算财政拨款基本支出"),
                     _figure(f.personnel, "公开06表.人员经费合计", "上年.人员经费"),
                     _figure(f.public, "公开06表.公用经费合计", "上年.公用经费")]
    _notes(form, [("人员经费", "人员经费", ("usage",)), ("公用经费", "公用经费", ("usage",))])


def _fund(f: Facts, form: SectionForm) -> None:
    form.figures.append(_figure(f.fund, "公开07表.合计.本年支出"))
    form.figures.append(Figure(key="政府性基金收入", label="政府性基金预算财政拨款收入",
                               path="公开07表.合计.本年收入", value=f.fund_income,
                               sources=frozenset({"公开07表.合计.本年收入"})))
    _notes(form, [("政府性基金", "政府性基金", ("reason",))])


def _capital(f: Facts, form: SectionForm) -> None:
    form.figures.append(_figure(f.capital, "公开08表.合计.合计"))
    _notes(form, [("国有资本经营", "国有资本经营", ("reason",))])


def _sangong(f: Facts, form: SectionForm) -> None:
    s = f.sangong
    form.figures.append(_figure(s, "公开09表.决算数.合计", "上年.三公经费.合计", "公开09表.预算数.合计",
                                label="“三公”经费合计"))
    subjects = [(s.key, "“三公”经费", ("reason", "deviation"))]
    for name in SANGONG_ITEMS:
        item = f.sangong_item(name)
        form.figures.append(_figure(item, f"公开09表.决算数.{name}", f"上年.三公经费.{name}",
                                    f"公开09表.预算数.{name}"))
        subjects.append((name, name, ("reason", "usage")))
    _notes(form, subjects)


def _running_cost(f: Facts, form: SectionForm) -> None:
    form.figures.append(_figure(f.running_cost, "公开10表.机关运行经费", "上年.机关运行经费"))
    if f.p.unit.mixed:  # a 部门 with 事业单位: the 公用经费 its 机关运行经费 is checked against
        basis = f.p.t10.running_cost_basis
        form.figures.append(Figure(key="行政参公单位公用经费", label="行政参公单位公用经费（审核用）",
                                   path="公开10表.行政参公单位公用经费", value=basis,
                                   sources=frozenset({"公开10表.机关运行经费"})))
    _notes(form, [("机关运行经费", "机关运行经费", ("reason",))])


def _procurement(f: Facts, form: SectionForm) -> None:
    p = f.purchase
    form.figures.append(_figure(p, "公开10表.政府采购.合计", "上年.政府采购"))
    for item in p.children:
        form.figures.append(_figure(item, f"公开10表.政府采购.{item.name}", share=True))


def _other(f: Facts, form: SectionForm) -> None:
    _running_cost(f, form)
    _procurement(f, form)
    _notes(form, [("其他需要说明的事项", "其他需要说明的事项", ("text",))])


_BUILDERS = {
    "overall": _overall, "income": _income, "expense": _expense, "fiscal": _fiscal,
    "general": _general, "basic": _basic, "fund": _fund, "capital": _capital, "sangong": _sangong,
    "running_cost": _running_cost, "procurement": _procurement, "other": _other,
}
