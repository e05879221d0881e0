"""Rendering: a sandboxed Jinja2 environment per style, the helpers templates call, and the
render of a project into the neutral document.

Templates run in ``SandboxedEnvironment``: a template from elsewhere cannot reach files, modules or
Python internals.  The helpers mark each figure with its source (see ``document``) so the writers
and the app know where every number came from.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import jinja2
import pydantic
from jinja2.sandbox import SandboxedEnvironment, modifies_known_mutable

from ..compute import Change, Completion, Share
from .. import pending
from ..errors import JuesuanError
from ..facts import Facts, Item
from ..model import Project
from ..styles import Style, StyleSettings
from ..wording import (Words, change_kind, change_phrase, change_word, chinese_numeral,
                       completion_phrase, deviation_words, join_reason, rate_word, with_suffix)
from .document import Document, Section, mark, parse
from .model_helpers import MODEL_HELPER_NAMES, ModelHelpers
from .pending_once import once_per_clause


class TemplateError(JuesuanError):
    pass


@dataclass(frozen=True)
class Formatter:
    """Numbers as the style writes them, each marked with its source.  Every kind of number
    (金额, 占比, 变动率, 完成率, 评分) has its own CLDR pattern and rounding (``[number]``);
    ``group`` is the project's own 千位分隔符 setting (None: the style's)."""

    settings: StyleSettings
    marks: bool = True
    group: bool | None = None
    _formats: dict = field(default_factory=dict, compare=False, repr=False)

    def layout(self, value, kind: str = "amount") -> str:
        """The figure alone, rounded and laid out as the style writes this kind of number."""
        fmt = self._formats.get(kind)
        if fmt is None:
            fmt = self._formats[kind] = self.settings.number.format(kind, self.group)
        return fmt(value)

    def money(self, value: Decimal, source: str | None = None, unit: str = "万元",
              kind: str = "amount") -> str:
        n = self.settings.number
        if value == 0 and n.zero is not None:
            text = n.zero + unit
        else:
            text = self.layout(value, kind) + unit
        return mark(text, source) if self.marks else text

    def pct(self, rate: Decimal, source: str | None = None, kind: str = "share") -> str:
        text = self.layout(rate, kind) + "%"
        return mark(text, source) if self.marks else text

    def rate(self, rate: Decimal, source: str | None, kind: str) -> str:
        """A rate of a given kind ("share", "change_rate", "completion_rate"): wording calls this."""
        return self.pct(rate, source, kind)


class Numbering:
    """Heading numbers per level, as the style writes them (``[headings] levels``): level 1 numbers
    the sections, ``num(2)`` in a template gives the next （一）, and a number resets the levels below it."""

    def __init__(self, levels: list[str]):
        self.levels = levels
        self.counts = [0] * (len(levels) + 1)

    def next(self, level: int) -> str:
        if not 1 <= level <= len(self.levels):
            raise TemplateError(f"编号级别 {level} 不存在（样式的 [headings] levels 有 {len(self.levels)} 级）")
        self.counts[level] += 1
        for deeper in range(level + 1, len(self.counts)):
            self.counts[deeper] = 0
        n = self.counts[level]
        return self.levels[level - 1].format(n=chinese_numeral(n), i=n)

    def start_section(self, index: int) -> str:
        self.counts = [0] * (len(self.levels) + 1)
        self.counts[1] = index - 1
        return self.next(1)


class Helpers(ModelHelpers):
    """What a template can call.  Each accepts an ``Item`` (preferred: it knows its source) or a
    bare Decimal.

    Unknown is not zero: where a figure the sentence needs was not entered (None), a helper writes
    the visible 待填 marker (``pending``) naming the input, never a 0, a rate or a 持平/无此项 word
    made from the blank; ``reason`` drops a "主要原因" slot whose comparison is unknown."""

    def __init__(self, facts: Facts, fmt: Formatter, words: Words, numbering: Numbering | None = None):
        self.f, self.fmt, self.words = facts, fmt, words
        self.numbering = numbering or Numbering(fmt.settings.headings.levels)

    def pending(self, label: str, source: str | None = None) -> str:
        """The visible 待填 marker for a figure the clerk has not entered (never a 0 in its place);
        marked with the source the figure would have had, so the app can point at the field."""
        return mark(pending.marker(pending.readable(label)), source)

    @staticmethod
    def _prior_label(x: Item) -> str:
        return f"{x.code_name if x.code else x.name} 上年数"

    @staticmethod
    def _budget_label(x: Item) -> str:
        return f"{x.code_name if x.code else x.name} 年初预算"

    # ---- numbers
    def money(self, x, source: str | None = None) -> str:
        _defined(x)
        if isinstance(x, Item):
            if x.value is None:
                return self.pending(x.field_label, source or x.source)
            return self.fmt.money(x.value, source or x.source)
        if x is None:
            return self.pending(_source_label(source, "金额"), source)
        return self.fmt.money(Decimal(x), source)

    def prior(self, x: Item) -> str:
        if x.prior is None:
            return self.pending(self._prior_label(x), f"上年.{x.key}")
        return self.fmt.money(x.prior, f"上年.{x.key}")

    def budget(self, x: Item) -> str:
        if x.budget is None:
            return self.pending(self._budget_label(x), f"年初预算.{x.key}")
        return self.fmt.money(x.budget, f"年初预算.{x.key}")

    def pct(self, rate: Decimal | None, source: str | None = None) -> str:
        return "" if rate is None else self.fmt.pct(rate, source)

    def count(self, n: int | None, unit: str = "", label: str = "") -> str:
        """A count with its unit ("6辆"); not entered: the marker naming ``label`` (the input)."""
        _defined(n)
        if n is None:
            return self.pending(label or unit or "数量")
        return f"{n}{unit}"

    def known_sum(self, *values):
        """The sum of counts or amounts where every one is known, else None (for count/money)."""
        if any(v is None for v in values):
            return None
        return sum(values[1:], values[0]) if values else None

    def score(self, x, source: str | None = None) -> str:
        """A 绩效 score (Decimal like money, 92.36分), in the style's number format."""
        _defined(x)
        if isinstance(x, Item):
            if x.value is None:
                return self.pending(x.field_label, source or x.source)
            return self.fmt.money(x.value, source or x.source, unit="分", kind="score")
        if x is None:
            return self.pending(_source_label(source, "得分"), source)
        return self.fmt.money(Decimal(x), source, unit="分", kind="score")

    def share(self, x: Item | Share) -> str:
        if isinstance(x, Item):
            if x.value is None:
                return self.pending(x.field_label, x.key + ".占比")
            if x.whole is None:
                return self.pending(x.whole_name or "合计", x.key + ".占比")
            return self.pct(x.share.rate, x.key + ".占比")
        return self.pct(x.rate)

    def ratio(self, part, whole, source: str | None = None) -> str:
        from ..compute import known_share
        for y in (part, whole):
            if isinstance(y, Item) and y.value is None:
                return self.pending(y.field_label, source)
            if y is None:
                return self.pending(_source_label(source, "比例"), source)
        p = part.value if isinstance(part, Item) else part
        w = whole.value if isinstance(whole, Item) else whole
        return self.pct(known_share(p, w).rate, source)

    # ---- wording (the decisions live in narratives.wording)
    def change(self, x: Item | Change, subject: str = "", lead: str | None = None,
               what: str | None = None, same: str | None = None) -> str:
        """The comparison with 上年 as one clause (see wording.change_phrase); with 本年 or 上年
        not entered, the marker of the missing input in place of the comparison."""
        if isinstance(x, Item):
            missing = self._change_missing(x) if x.change.kind == "unknown" else None
            return change_phrase(x.change, self.fmt, self.words, subject=subject, lead=lead, what=what,
                                 same=same, source=x.key, missing=missing)
        return change_phrase(x, self.fmt, self.words, subject=subject, lead=lead, what=what, same=same,
                             missing=self.pending("上年数") if x.kind == "unknown" else None)

    def _change_missing(self, x: Item | Change) -> str:
        """The markers of every input a comparison waits for (本年 and/or 上年)."""
        if not isinstance(x, Item):
            return self.pending("上年数")
        return "".join(
            ([self.pending(x.field_label, x.source)] if x.value is None else []) +
            ([self.pending(self._prior_label(x), f"上年.{x.key}")] if x.prior is None else []))

    def change_kind(self, x: Item | Change) -> str:
        return change_kind(x.change if isinstance(x, Item) else x, self.fmt)

    def change_word(self, x: Item | Change) -> str:
        """增加 / 减少 alone ("" when 持平, both 0 or unknown), for "…减少的主要原因是"."""
        return change_word(x.change if isinstance(x, Item) else x, self.words, self.fmt)

    def completion(self, x: Item | Completion, basis: str = "年初预算") -> str:
        if isinstance(x, Item):
            if x.budget is None or x.value is None:
                # "年初无预算" would be false: the rate waits for the input, visibly
                missing = "".join(
                    ([self.pending(x.field_label, x.source)] if x.value is None else []) +
                    ([self.pending(self._budget_label(x), f"年初预算.{x.key}")] if x.budget is None else []))
                return self.words.completion.format(basis=basis, rate=missing)
            return completion_phrase(x.completion, self.fmt, self.words, basis, x.key)
        if x.kind == "unknown":
            return self.words.completion.format(basis=basis, rate=self.pending(basis))
        return completion_phrase(x, self.fmt, self.words, basis)

    def completion_kind(self, x: Item | Completion) -> str:
        return (x.completion if isinstance(x, Item) else x).kind

    def deviation(self, x: Item | Completion, basis: str = "年初预算") -> str:
        return deviation_words(x.completion if isinstance(x, Item) else x, self.words, basis)

    # ---- the clerk's words
    def note(self, subject, kind: str = "reason") -> str:
        key = subject.key if isinstance(subject, Item) else str(subject)
        text = self.f.note(key, kind)
        return mark(text, f"说明.{key}.{_KIND_LABEL[kind]}", "note") if text else ""

    def has_note(self, subject, kind: str = "reason") -> bool:
        key = subject.key if isinstance(subject, Item) else str(subject)
        return bool(self.f.note(key, kind))

    def _unknown_basis(self, subject, kind: str) -> bool:
        """The reason explains a comparison that cannot be made yet (an input not entered)."""
        items = [subject] if isinstance(subject, Item) else self.f.subject_items(str(subject))
        if kind == "reason":
            return any(i.change.kind == "unknown" for i in items)
        if kind == "deviation":
            return any(i.completion.kind == "unknown" for i in items)
        return False

    def reason(self, subject, prefix: str = "主要原因是", end: str = "。", kind: str = "reason") -> str:
        """prefix + the clerk's reason + end, or "" when there is none — or when the comparison it
        explains is unknown (a reason after a change nobody knows would read as a fact)."""
        key = subject.key if isinstance(subject, Item) else str(subject)
        text = self.f.note(key, kind)
        if not text or self._unknown_basis(subject, kind):
            return ""
        body = join_reason("", text, "")
        return prefix + mark(body, f"说明.{key}.{_KIND_LABEL[kind]}", "note") + end

    def numeral(self, n: int) -> str:
        return chinese_numeral(n)

    def suffixed(self, text, word: str) -> str:
        """text + word unless text already ends with it ("X经费" → "X经费项目", "X项目" stays)."""
        return with_suffix(text, word)

    # ---- parts of a phrase, for sentences the whole-clause helpers do not write
    def amount_word(self, x: Item | Change) -> str:
        """增加 / 减少 alone (as change_word): "" when 持平, both 0 or unknown."""
        return change_word(x.change if isinstance(x, Item) else x, self.words, self.fmt)

    def rate_word(self, x: Item | Change) -> str:
        """增长 / 下降 alone: "" when no rate is written (持平, both 0, 新增)."""
        if self.change_kind(x) not in ("up", "down"):  # 持平 as printed, 新增, unknown: no rate
            return ""
        return rate_word(x.change if isinstance(x, Item) else x, self.words)

    def change_amount(self, x: Item | Change, unit: str = "万元") -> str:
        """The size of the change against 上年, without sign: "12.30万元" (unit="" for "A、B万元")."""
        ch, src = (x.change, x.key + ".变动额") if isinstance(x, Item) else (x, None)
        if ch.kind == "unknown":
            return self._change_missing(x)
        return self.fmt.money(abs(ch.amount), src, unit=unit)

    def change_rate(self, x: Item | Change) -> str:
        """The change rate without sign, as the style writes 变动率: "8.50%" ("" when there is none)."""
        ch, src = (x.change, x.key + ".变动率") if isinstance(x, Item) else (x, None)
        return "" if ch.rate is None else self.fmt.rate(abs(ch.rate), src, "change_rate")

    def number(self, x, kind: str = "amount") -> str:
        """A figure without its unit ("1,289.23"), for "A、B万元"; kind as in [number]."""
        _defined(x)
        if isinstance(x, Item):
            if x.value is None:
                return self.pending(x.field_label, x.source)
            return mark(self.fmt.layout(x.value, kind), x.source) if self.fmt.marks else self.fmt.layout(x.value, kind)
        if x is None:
            return self.pending("数")
        return self.fmt.layout(Decimal(x), kind)

    def sentence(self, text, prefix: str = "", end: str = "。") -> str:
        """prefix + text + end, without doubling the text's own final punctuation ("…空间。。");
        "" when the text is empty."""
        return join_reason(prefix, "" if text is None else str(text), end)

    def num(self, level: int = 2) -> str:
        """The next heading number of ``level`` (2 → （一）, 3 → 1.), as the style's [headings] say."""
        return self.numbering.next(level)

    def as_globals(self) -> dict:
        return {n: getattr(self, n) for n in HELPER_NAMES}


HELPER_NAMES = ("pending", "money", "prior", "budget", "pct", "count", "known_sum", "score", "share",
                 "ratio", "change",
                 "change_kind", "change_word",
                 "completion", "completion_kind", "deviation", "note", "has_note", "reason", "numeral",
                 "suffixed",
                 "amount_word", "rate_word", "change_amount", "change_rate", "number", "sentence", "num",
                 *MODEL_HELPER_NAMES)
# the variables every template reads besides the helpers (see render_project's context)
TEMPLATE_VARIABLES = ("f", "p", "unit", "year", "prior_year", "short_name", "style")


def _defined(x) -> None:
    """A template's undefined name is its mistake, not an unknown figure: let StrictUndefined say so."""
    if isinstance(x, jinja2.Undefined):
        str(x)


def _source_label(source: str | None, fallback: str) -> str:
    """A marker's label from a figure's source path ("三公明细.国内接待.金额" → "三公明细 国内接待 金额")."""
    return source.replace(".", " ") if source else fallback


_KIND_LABEL = {"reason": "变动原因", "usage": "主要用于", "deviation": "预算偏差原因", "text": "内容"}


# per render (one section): a template may not run longer or write more than this (rel, issue 19)
RENDER_SECONDS = 5.0
RENDER_CHARS = 1_000_000


class RenderLimit(Exception):
    """A template ran past RENDER_SECONDS or wrote more than RENDER_CHARS (raised inside the
    render, turned into a TemplateError naming the style and section)."""


class _Guard(threading.local):
    """The render under way in this thread: its deadline and the containers it must not change."""
    deadline: float = 0.0
    frozen: frozenset = frozenset()


_guard = _Guard()


def _check_deadline() -> None:
    if _guard.deadline and time.monotonic() > _guard.deadline:
        raise RenderLimit("time")


def _checked(iterable):
    """An iterator that looks at the clock every 1 024 items: nested loops over range() with no
    output would otherwise run for ever without a chance to stop."""
    for i, item in enumerate(iterable):
        if not i & 1023:
            _check_deadline()
        yield item


class _GuardedEnvironment(SandboxedEnvironment):
    """The sandbox, plus: the project a template reads is frozen (a list or dict of the project
    cannot be changed by ``p.notes.clear()``, a model's ``model_*`` methods are out of reach),
    and every call, range and product is held to the render's time and size limits.  Lists a
    template makes itself (``parts.append``) stay changeable."""

    intercepted_binops = frozenset(["*", "**"])

    def is_safe_attribute(self, obj, attr, value) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if id(obj) in _guard.frozen and modifies_known_mutable(obj, attr):
            return False
        if isinstance(obj, pydantic.BaseModel) and attr.startswith("model_"):
            return False
        return True

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (jinja's own signature)
        _check_deadline()
        result = SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)
        if isinstance(result, range) and len(result) > 1024:
            return _checked(result)
        return result

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > RENDER_CHARS:
                    raise RenderLimit("size")
        if operator == "**" and isinstance(right, int) and abs(right) > 1000:
            raise RenderLimit("size")
        return super().call_binop(context, operator, left, right)


def _containers(obj, ids: set, depth: int = 0) -> None:
    """Ids of every list, dict and set inside the project (what a template must not change)."""
    if depth > 50:
        return
    if isinstance(obj, pydantic.BaseModel):
        ids.add(id(obj))
        for v in obj.__dict__.values():
            _containers(v, ids, depth + 1)
    elif isinstance(obj, dict):
        ids.add(id(obj))
        for v in obj.values():
            _containers(v, ids, depth + 1)
    elif isinstance(obj, (list, set, tuple)):
        ids.add(id(obj))
        for v in obj:
            _containers(v, ids, depth + 1)


@lru_cache(maxsize=16)
def environment(search_path: tuple[Path, ...]) -> SandboxedEnvironment:
    """One compiled environment per style folder set: templates compile once, render many times."""
    env = _GuardedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path], encoding="utf-8"),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        undefined=jinja2.StrictUndefined,
        auto_reload=True,
    )
    env.filters["numeral"] = chinese_numeral
    env.filters["suffixed"] = with_suffix
    env.bytecode_cache = _bytecode_cache(env)
    return env


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates kept between runs (a first render costs ~18 ms of compiling, a
    launch's first screen included); an unreadable, unwritable or damaged cache only means
    compiling again.  Jinja keys an entry by the template's name and file and checks its source's
    checksum, so an edited template is compiled anew."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except Exception:
            pass


def _bytecode_cache(env: SandboxedEnvironment):
    """One folder per way of compiling: the generated code depends on Jinja's version and the
    environment's syntax options (not on the source, which Jinja checks itself)."""
    import hashlib
    import os
    try:
        from platformdirs import user_cache_dir
        how = repr((jinja2.__version__, type(env).__qualname__, env.block_start_string, env.block_end_string,
                    env.variable_start_string, env.variable_end_string, env.comment_start_string,
                    env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                    env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
                    env.autoescape, env.optimized, sorted(env.extensions)))
        folder = Path(user_cache_dir("juesuan", appauthor=False)) / (
            "templates-" + hashlib.sha256(how.encode()).hexdigest()[:16])
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not os.access(folder, os.W_OK | os.X_OK):
            return None
        return _QuietBytecodeCache(str(folder))
    except Exception:  # no cache folder to be had: templates compile in memory, as before
        return None


def _render_limited(template, context: dict) -> str:
    """Render, stopping at the time limit or the size limit (checked as the text streams out)."""
    out, size = [], 0
    for chunk in template.generate(context):
        size += len(chunk)
        if size > RENDER_CHARS:
            raise RenderLimit("size")
        _check_deadline()
        out.append(chunk)
    return "".join(out)


def _where(exc: jinja2.TemplateError, fallback: str) -> str:
    name = getattr(exc, "filename", None) or getattr(exc, "name", None) or fallback
    line = getattr(exc, "lineno", None)
    return f"{name} 第{line}行" if line else str(name)


def _template_frames(exc: Exception) -> list[tuple[str, int]]:
    """The template frames of a runtime error, outermost first: (template file, line).  Jinja
    rewrites the traceback so that template frames carry the template's file name and line."""
    tb, found = exc.__traceback__, []
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja", ".txt")):
            found.append((filename, tb.tb_lineno))
        tb = tb.tb_next
    return found


def _template_error(exc: Exception, template: str) -> TemplateError:
    """A Chinese message that names the template file and line (the innermost template: an error
    inside a macro of macros.j2 names macros.j2)."""
    from ..style_messages import runtime_message, syntax_message
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(f"模板语法错误（{_where(exc, template)}）：{syntax_message(exc.message)}")
    frames = _template_frames(exc)
    where = f"{frames[-1][0]} 第{frames[-1][1]}行" if frames else template
    if frames and frames[0][0] != frames[-1][0]:  # inside a macro: say where it was called from
        where += f"（由 {frames[0][0]} 第{frames[0][1]}行调用）"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return TemplateError(f"模板 {where} 试图访问不允许的内容（已被沙箱阻止）：{exc}")
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(f"模板 {where} 用到了不存在的数据：{runtime_message(exc, HELPER_NAMES + TEMPLATE_VARIABLES)}")
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"找不到模板 {exc.name}（在模板 {where} 引用；"
                             "只能引用本样式文件夹和 _shared 文件夹中的模板）")
    return TemplateError(f"模板 {where} 出错：{runtime_message(exc, HELPER_NAMES + TEMPLATE_VARIABLES)}")


def render_project(project: Project, style: Style, only: str | None = None) -> Document:
    """Render the 第三部分 of ``project`` in ``style`` (or one section, ``only``: id, 一, or title)."""
    settings = style.settings
    env = environment(style.search_path)
    facts = Facts(project)
    fmt = Formatter(settings, group=project.unit.group)
    words = settings.word_set()
    words = words.model_copy(update={"lead": words.lead.format(year=facts.year, prior_year=facts.prior_year),
                                     "same": words.same.format(year=facts.year, prior_year=facts.prior_year)})
    numbering = Numbering(settings.headings.levels)
    helpers = Helpers(facts, fmt, words, numbering)
    names = title_names(project)
    context = {"f": facts, "p": project, "unit": project.unit, "year": facts.year,
               "prior_year": facts.prior_year, "short_name": names["short_name"], "style": settings,
               **helpers.as_globals()}
    sections = []
    frozen: set = set()
    _containers(project, frozen)
    for i, sec in enumerate(settings.sections, start=1):
        number = chinese_numeral(i)
        sec_title = sec.title.format_map(names)
        if only and only not in (sec.id, number, sec.title, sec_title, f"{number}、{sec_title}"):
            continue
        prefix = numbering.start_section(i)
        saved = _guard.deadline, _guard.frozen
        _guard.deadline, _guard.frozen = time.monotonic() + RENDER_SECONDS, frozenset(frozen)
        try:
            text = _render_limited(env.get_template(sec.template), context)
        except RenderLimit as exc:
            what = (f"超过 {RENDER_SECONDS:g} 秒仍未完成" if str(exc) == "time"
                    else f"输出超过 {RENDER_CHARS:,} 字")
            raise TemplateError(f"样式 {style.name} 的“{number}、{sec_title}”（{sec.template}）{what}，"
                                "已停止：模板中可能有过多的循环或重复") from None
        except RecursionError:
            raise TemplateError(f"样式 {style.name} 的“{number}、{sec_title}”（{sec.template}）"
                                "递归过深（宏调用自身？），已停止") from None
        except jinja2.TemplateError as exc:
            raise _template_error(exc, sec.template) from None
        except JuesuanError:
            raise
        except Exception as exc:  # a template bug must not reach the user as a traceback
            raise _template_error(exc, sec.template) from None
        finally:
            _guard.deadline, _guard.frozen = saved
        # one 待填 marker per missing input per clause (a comparison repeats its figure's)
        sections.append(Section(sec.id, number, sec_title, once_per_clause(parse(text)),
                                None if prefix == f"{number}、" else prefix))
    if only and not sections:
        ids = "、".join(f"{chinese_numeral(i)}({s.id})" for i, s in enumerate(settings.sections, 1))
        raise TemplateError(f"样式 {style.name} 没有章节“{only}”（有：{ids}）")
    title = settings.part_title.format_map(names)
    return Document(title, sections, style.name)


# what a section title or the part title may name: {unit} {short_name} {year} {prior_year}
TITLE_NAMES = {"unit": "单位名称", "short_name": "单位简称（[单位] 简称；未填时为全称）",
               "year": "年度", "prior_year": "上年"}


def title_names(project: Project) -> dict[str, object]:
    u = project.unit
    return {"unit": u.name, "short_name": u.short_name or u.name, "year": u.year, "prior_year": u.year - 1}


def section_headings(project: Project, style: Style) -> list[str]:
    """Each section's heading as the render writes it ("一、收入决算情况说明", "1.阳泉法援收支情况"):
    the style's level-1 numbering and the title with {unit}/{short_name}/{year} filled in, without
    rendering (the app's outline)."""
    names, numbering = title_names(project), Numbering(style.settings.headings.levels)
    return [numbering.start_section(i) + sec.title.format_map(names)
            for i, sec in enumerate(style.settings.sections, start=1)]
