"""Rendering: a sandboxed Jinja2 environment per style, the helpers templates call, and the
render of a project into the neutral document.

Templates run in ``SandboxedEnvironment``: a template from elsewhere cannot reach files, modules or
Python internals.  The helpers mark each figure with its source (see ``document``) so the writers
and the app know where every number came from.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..compute import Change, Completion, Share
from .. import pending
from ..errors import JuesuanError
from ..facts import Facts, Item
from ..model import Project
from ..money import format_number
from ..styles import Style, StyleSettings
from ..wording import (Words, change_phrase, change_word, chinese_numeral, completion_phrase,
                       deviation_words, join_reason)
from .document import Document, Section, mark, parse


class TemplateError(JuesuanError):
    pass


@dataclass(frozen=True)
class Formatter:
    """Numbers as the style writes them, each marked with its source."""

    settings: StyleSettings
    marks: bool = True

    def money(self, value: Decimal, source: str | None = None, unit: str = "万元") -> str:
        n = self.settings.number
        if value == 0 and n.zero is not None:
            text = n.zero + unit
        else:
            text = format_number(value, n.places, n.group, n.trim) + unit
        return mark(text, source) if self.marks else text

    def pct(self, rate: Decimal, source: str | None = None) -> str:
        n = self.settings.number
        text = format_number(rate, n.percent_places, False, n.percent_trim) + "%"
        return mark(text, source) if self.marks else text


class Helpers:
    """What a template can call.  Each accepts an ``Item`` (preferred: it knows its source) or a
    bare Decimal."""

    def __init__(self, facts: Facts, fmt: Formatter, words: Words):
        self.f, self.fmt, self.words = facts, fmt, words

    # ---- numbers
    def money(self, x, source: str | None = None) -> str:
        if isinstance(x, Item):
            return self.fmt.money(x.value, source or x.source)
        return self.fmt.money(Decimal(x or 0), source)

    def pending(self, label: str, source: str | None = None) -> str:
        """The visible 待填 marker for a figure the clerk has not entered (never a 0 in its place);
        marked with the source the figure would have had, so the app can point at the field."""
        return mark(pending.marker(label), source)

    def prior(self, x: Item) -> str:
        if x.prior is None:
            return self.pending(f"{x.name} 上年数", f"上年.{x.key}")
        return self.fmt.money(x.prior, f"上年.{x.key}")

    def budget(self, x: Item) -> str:
        if x.budget is None:
            return self.pending(f"{x.name} 年初预算", f"年初预算.{x.key}")
        return self.fmt.money(x.budget, f"年初预算.{x.key}")

    def pct(self, rate: Decimal | None, source: str | None = None) -> str:
        return "" if rate is None else self.fmt.pct(rate, source)

    def count(self, n: int | None, unit: str = "") -> str:
        return f"{n or 0}{unit}"

    def score(self, x, source: str | None = None) -> str:
        """A 绩效 score (Decimal like money, 92.36分), in the style's number format."""
        if isinstance(x, Item):
            return self.fmt.money(x.value, source or x.source, unit="分")
        return self.fmt.money(Decimal(x or 0), source, unit="分")

    def share(self, x: Item | Share) -> str:
        if isinstance(x, Item):
            return self.pct(x.share.rate, x.key + ".占比")
        return self.pct(x.rate)

    def ratio(self, part, whole, source: str | None = None) -> str:
        from ..compute import share
        p = part.value if isinstance(part, Item) else part
        w = whole.value if isinstance(whole, Item) else whole
        return self.pct(share(p, w).rate, source)

    # ---- wording (the decisions live in narratives.wording)
    def change(self, x: Item | Change, subject: str = "", lead: str | None = None,
               what: str | None = None, same: str | None = None) -> str:
        """The comparison with 上年 as one clause (see wording.change_phrase)."""
        ch, src = (x.change, x.key) if isinstance(x, Item) else (x, None)
        return change_phrase(ch, self.fmt, self.words, subject=subject, lead=lead, what=what,
                             same=same, source=src, prior_known=not isinstance(x, Item) or x.prior is not None)

    def change_kind(self, x: Item | Change) -> str:
        return (x.change if isinstance(x, Item) else x).kind

    def change_word(self, x: Item | Change) -> str:
        """增加 / 减少 alone ("" when 持平 or both 0), for "…减少的主要原因是"."""
        return change_word(x.change if isinstance(x, Item) else x, self.words)

    def completion(self, x: Item | Completion, basis: str = "年初预算") -> str:
        if isinstance(x, Item) and x.budget is None:
            # "年初无预算" would be false: the rate waits for the budget, visibly
            return self.words.completion.format(
                basis=basis, rate=self.pending(f"{x.name} 年初预算", f"年初预算.{x.key}"))
        if isinstance(x, Item):
            return completion_phrase(x.completion, self.fmt, self.words, basis, x.key)
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

    def reason(self, subject, prefix: str = "主要原因是", end: str = "。", kind: str = "reason") -> str:
        """prefix + the clerk's reason + end, or "" when there is none."""
        key = subject.key if isinstance(subject, Item) else str(subject)
        text = self.f.note(key, kind)
        if not text:
            return ""
        body = join_reason("", text, "")
        return prefix + mark(body, f"说明.{key}.{_KIND_LABEL[kind]}", "note") + end

    def numeral(self, n: int) -> str:
        return chinese_numeral(n)

    def as_globals(self) -> dict:
        names = ("pending", "money", "prior", "budget", "pct", "count", "score", "share", "ratio", "change",
                 "change_kind", "change_word",
                 "completion", "completion_kind", "deviation", "note", "has_note", "reason", "numeral")
        return {n: getattr(self, n) for n in names}


_KIND_LABEL = {"reason": "变动原因", "usage": "主要用于", "deviation": "预算偏差原因", "text": "内容"}


@lru_cache(maxsize=16)
def environment(search_path: tuple[Path, ...]) -> SandboxedEnvironment:
    """One compiled environment per style folder set: templates compile once, render many times."""
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path], encoding="utf-8"),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        undefined=jinja2.StrictUndefined,
        auto_reload=True,
    )
    env.filters["numeral"] = chinese_numeral
    return env


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
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(f"模板语法错误（{_where(exc, template)}）：{exc.message}")
    frames = _template_frames(exc)
    where = f"{frames[-1][0]} 第{frames[-1][1]}行" if frames else template
    if frames and frames[0][0] != frames[-1][0]:  # inside a macro: say where it was called from
        where += f"（由 {frames[0][0]} 第{frames[0][1]}行调用）"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return TemplateError(f"模板 {where} 试图访问不允许的内容（已被沙箱阻止）：{exc}")
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(f"模板 {where} 用到了不存在的数据：{exc.message}")
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"找不到模板 {exc.name}（在模板 {where} 引用；"
                             "只能引用本样式文件夹和 _shared 文件夹中的模板）")
    return TemplateError(f"模板 {where} 出错：{exc}")


def render_project(project: Project, style: Style, only: str | None = None) -> Document:
    """Render the 第三部分 of ``project`` in ``style`` (or one section, ``only``: id, 一, or title)."""
    settings = style.settings
    env = environment(style.search_path)
    facts = Facts(project)
    fmt = Formatter(settings)
    words = settings.word_set()
    words = words.model_copy(update={"lead": words.lead.format(year=facts.year, prior_year=facts.prior_year),
                                     "same": words.same.format(year=facts.year, prior_year=facts.prior_year)})
    helpers = Helpers(facts, fmt, words)
    context = {"f": facts, "p": project, "unit": project.unit, "year": facts.year,
               "prior_year": facts.prior_year, "style": settings, **helpers.as_globals()}
    sections = []
    for i, sec in enumerate(settings.sections, start=1):
        number = chinese_numeral(i)
        if only and only not in (sec.id, number, sec.title, f"{number}、{sec.title}"):
            continue
        try:
            text = env.get_template(sec.template).render(context)
        except jinja2.TemplateError as exc:
            raise _template_error(exc, sec.template) from None
        except JuesuanError:
            raise
        except Exception as exc:  # a template bug must not reach the user as a traceback
            raise _template_error(exc, sec.template) from None
        sections.append(Section(sec.id, number, sec.title, parse(text)))
    if only and not sections:
        ids = "、".join(f"{chinese_numeral(i)}({s.id})" for i, s in enumerate(settings.sections, 1))
        raise TemplateError(f"样式 {style.name} 没有章节“{only}”（有：{ids}）")
    title = settings.part_title.format(unit=project.unit.name, year=project.unit.year)
    return Document(title, sections, style.name)
