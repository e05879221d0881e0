"""The one façade the app uses: a project being edited.

Open, create, save (atomic), set a value by path from what the clerk typed (parsed by the core,
in the project's entry unit, refused in Chinese with the project unchanged), undo/redo, render
the preview, run the checks, keep a recovery file against a crash, remember recent projects.
Everything here is headless: no textual, no rich.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import api
from .errors import JuesuanError
from .fields import SectionForm, section_form
from .io.projectfile import ProjectFileError, atomic_write, dumps, loads
from .io.projectfile import save as save_project
from .model import Project, Unit
from .money import AmountError, normalize_text, parse_amount, parse_count
from .pages import PAGES, Grid, cell_text, page
from .paths import PathError, field_kind, get_value, item_type, set_value
from .render.document import Document

class FieldError(JuesuanError):
    """What the clerk typed cannot go into this field; the message says why, in Chinese."""


from .recent import (copy_sample, recent_projects, recovery_dir, recovery_path,  # noqa: F401
                     remember, samples, samples_dir)


# ------------------------------------------------------------------ outline
@dataclass(frozen=True)
class OutlineEntry:
    key: str          # section id ("overall") or page key ("公开05表")
    label: str        # "一、收入支出决算总体情况说明" or "公开05表"
    kind: str         # "section" | "page"
    missing: int = 0  # inputs the text needs and the clerk has not given
    findings: int = 0
    pending: int = 0  # 【待填：…】 markers its text shows (distinct inputs): what still blocks publication


@dataclass(frozen=True)
class Change:
    path: str
    old: Any
    new: Any


class Session:
    """A project open for editing.  ``revision`` grows with every change (the app's preview
    compares it to drop stale renders); ``dirty`` says whether the file on disk is behind."""

    def __init__(self, project: Project, path: str | os.PathLike):
        self.project = project
        self.path = Path(path)
        self.revision = 0
        self.saved_revision = 0
        self._autosaved_revision = 0
        self._undo: list[Change] = []
        self._redo: list[Change] = []

    # ---------------------------------------------------------- open / new / save
    @classmethod
    def open(cls, path: str | os.PathLike) -> "Session":
        session = cls(api.load(path), path)
        remember(path)
        return session

    @classmethod
    def new(cls, path: str | os.PathLike, name: str, year: int | str, kind: str = "事业单位",
            style: str = "shanxi") -> "Session":
        """A new project, saved at once to ``path`` (which must not exist yet)."""
        p = Path(path)
        if p.suffix.lower() != ".toml":
            p = p.with_suffix(".toml")
        if p.exists():
            raise JuesuanError(f"{p} 已存在，请换一个文件名（或用“打开”）")
        try:
            y = int(normalize_text(str(year)).strip())
        except ValueError:
            raise FieldError(f"年度“{year}”应为四位数字，如 2024") from None
        from pydantic import ValidationError
        from .io.projectfile import describe
        try:
            unit = Unit(名称=name.strip(), 年度=y, 性质=kind, 样式=style)
        except ValidationError as exc:
            raise FieldError(describe(exc, "新建项目")) from None
        api.style_for(Project(单位=unit))  # an unknown style is refused now, not at first render
        session = cls(Project(单位=unit), p)
        session.save()
        return session

    @classmethod
    def import_workbook(cls, book: str | os.PathLike, prior: str | os.PathLike | None = None
                        ) -> tuple["Session", list[str]]:
        """A new project from a 公开表 workbook (and last year's project or workbook for 上年),
        saved beside the workbook under a name not yet taken; returns it with the import's notes.
        Nothing is written when the import fails."""
        src = Path(os.path.expanduser(str(book)))
        result = api.import_workbook(src, prior=os.path.expanduser(str(prior)) if prior else None)
        target = src.with_suffix(".toml")
        n = 2
        while target.exists():
            target = src.with_name(f"{src.stem}-{n}.toml")
            n += 1
        session = cls(result.project, target)
        session.save()
        return session, list(result.notes)

    @property
    def dirty(self) -> bool:
        return self.revision != self.saved_revision

    @property
    def title(self) -> str:
        u = self.project.unit
        return f"{u.name} {u.year}年度"

    def save(self) -> None:
        save_project(self.project, self.path)  # atomic, keeps the file's header comments
        self.saved_revision = self.revision
        self.discard_recovery()
        remember(self.path)

    def save_as(self, path: str | os.PathLike) -> None:
        p = Path(path)
        if p.suffix.lower() != ".toml":
            p = p.with_suffix(".toml")
        old = self.path
        self.path = p
        try:
            self.save()
        except JuesuanError:
            self.path = old
            raise
        if old != p:
            _unlink(recovery_path(old))

    # ---------------------------------------------------------- recovery
    @property
    def recovery_file(self) -> Path:
        return recovery_path(self.path)

    def autosave(self) -> bool:
        """Write the recovery file if there are changes not yet in it.  True when written."""
        if not self.dirty:
            return False
        if self._autosaved_revision == self.revision and self.recovery_file.is_file():
            return False
        f = self.recovery_file
        f.parent.mkdir(parents=True, exist_ok=True)
        header = f"# juesuan 恢复文件：{self.path.resolve()}\n"
        atomic_write(f, header + dumps(self.project))
        self._autosaved_revision = self.revision
        return True

    def has_recovery(self) -> bool:
        """A recovery file with work the project file does not have."""
        f = self.recovery_file
        if not f.is_file():
            return False
        try:
            text = f.read_text(encoding="utf-8")
        except OSError:
            return False
        body = text.split("\n", 1)[1] if text.startswith("#") else text
        return body != dumps(self.project)

    def recover(self) -> None:
        """Take the recovery file's project as the current one (unsaved until the clerk saves)."""
        f = self.recovery_file
        try:
            text = f.read_text(encoding="utf-8")
        except OSError as exc:
            raise ProjectFileError(f"无法读取恢复文件 {f}：{exc.strerror}") from None
        self.project = loads(text, f"恢复文件 {f}")
        self._undo.clear()
        self._redo.clear()
        self.revision += 1

    def discard_recovery(self) -> None:
        _unlink(self.recovery_file)

    # ---------------------------------------------------------- values
    def get(self, path: str) -> Any:
        return get_value(self.project, path)

    def text(self, path: str) -> str:
        """The value at ``path`` as the clerk would type it (amounts in the entry unit)."""
        return cell_text(self.project, path)

    def text_of_value(self, value: Decimal | None) -> str:
        """An amount as the clerk types it, in the project's entry unit."""
        from .pages import amount_text
        return amount_text(value, self.project.unit.entry_unit)

    def kind(self, path: str) -> str:
        return field_kind(self.project, path)

    def parse(self, path: str, text: str) -> Any:
        """What the clerk typed → the value for ``path``; FieldError (Chinese) if it is not one."""
        kind = self.kind(path)
        try:
            if kind == "amount":
                return parse_amount(text, self.project.unit.entry_unit)
            if kind == "count":
                return parse_count(text)
            if kind == "int":
                t = normalize_text(text).strip()
                if not t.lstrip("-").isdigit():
                    raise FieldError(f"“{text}”应为整数")
                return int(t)
        except AmountError as exc:
            raise FieldError(str(exc)) from None
        return text if text.strip() else None

    def set_text(self, path: str, text: str) -> bool:
        """Set from typed text.  True if the project changed; FieldError leaves it unchanged."""
        return self.set_value(path, self.parse(path, text))

    def set_value(self, path: str, value: Any, _record: bool = True) -> bool:
        old = self.get(path)
        if _same(old, value):
            return False
        try:
            set_value(self.project, path, value)
        except PathError as exc:
            raise FieldError(str(exc)) from None
        if _record:
            self._undo.append(Change(path, old, value))
            self._redo.clear()
        self.revision += 1
        return True

    def undo(self) -> str | None:
        """Undo the last change; the path it touched, or None when there is nothing to undo."""
        if not self._undo:
            return None
        ch = self._undo.pop()
        self.set_value(ch.path, ch.old, _record=False)
        self._redo.append(ch)
        return ch.path

    def redo(self) -> str | None:
        if not self._redo:
            return None
        ch = self._redo.pop()
        self.set_value(ch.path, ch.new, _record=False)
        self._undo.append(ch)
        return ch.path

    # ---------------------------------------------------------- rows of a table page
    def add_row(self, list_path: str, values: dict[str, str], index: int | None = None) -> int:
        """Insert a row (values by Chinese key, typed text) at ``index`` (end by default)."""
        model = item_type(self.project, list_path)
        if model is None:
            raise FieldError(f"{list_path} 不是行列表")
        from pydantic import ValidationError
        from .io.projectfile import describe
        try:
            row = model.model_validate({k: v for k, v in values.items() if v not in (None, "")})
        except ValidationError as exc:
            raise FieldError(describe(exc, "新行")) from None
        rows = list(self.get(list_path) or [])
        i = len(rows) if index is None else max(0, min(index, len(rows)))
        rows.insert(i, row)
        self._set_rows(list_path, rows)
        return i

    def delete_row(self, list_path: str, index: int) -> None:
        rows = list(self.get(list_path) or [])
        if not 0 <= index < len(rows):
            raise FieldError(f"{list_path}：没有第{index + 1}行")
        del rows[index]
        self._set_rows(list_path, rows)

    def move_row(self, list_path: str, index: int, delta: int) -> int:
        rows = list(self.get(list_path) or [])
        j = index + delta
        if not (0 <= index < len(rows) and 0 <= j < len(rows)):
            return index
        rows[index], rows[j] = rows[j], rows[index]
        self._set_rows(list_path, rows)
        return j

    def paste_rows(self, list_path: str, text: str, index: int | None = None) -> int:
        """Rows pasted from a spreadsheet (tab-separated) into a table, inserted at ``index``
        (end by default) as one change; the number added.  Parsing is ``narratives.io.paste``'s:
        every bad cell is named, and nothing is added unless all rows are good."""
        model = item_type(self.project, list_path)
        if model is None:
            raise FieldError(f"{list_path} 不是行列表")
        parsed = api.parse_rows(text, model, unit=self.project.unit.entry_unit)
        from pydantic import ValidationError
        from .io.projectfile import describe
        new_rows = []
        for n, values in enumerate(parsed, start=1):
            try:
                new_rows.append(model.model_validate({k: v for k, v in values.items() if v not in (None, "")}))
            except ValidationError as exc:
                raise FieldError(describe(exc, f"粘贴的第{n}行")) from None
        if not new_rows:
            return 0
        rows = list(self.get(list_path) or [])
        i = len(rows) if index is None else max(0, min(index, len(rows)))
        rows[i:i] = new_rows
        self._set_rows(list_path, rows)
        return len(new_rows)

    # ---------------------------------------------------------- export
    def default_export_path(self, fmt: str = "docx", whole: bool = False) -> Path:
        from .export.exporting import default_output
        return default_output(self.project, self.path, fmt, whole)

    def export(self, path: str | os.PathLike, whole: bool = False):
        """Word (.docx) or Markdown (.md) by the file's suffix; returns the core's ExportResult."""
        p = Path(path)
        if p.suffix.lower() == ".md":
            return api.export_markdown(self.project, p, whole=whole)
        if p.suffix.lower() != ".docx":
            p = p.with_suffix(".docx")
        return api.export_docx(self.project, p, whole=whole)

    def _set_rows(self, list_path: str, rows: list) -> None:
        old = self.get(list_path)
        try:
            set_value(self.project, list_path, rows)
        except PathError as exc:
            raise FieldError(str(exc)) from None
        self._undo.append(Change(list_path, old, rows))
        self._redo.clear()
        self.revision += 1

    # ---------------------------------------------------------- style, outline, forms
    def styles(self) -> list[str]:
        from .styles import available
        return sorted(available())

    def set_style(self, name: str) -> None:
        from .styles import load
        load(name)  # unknown → StyleError (a JuesuanError) before anything changes
        self.set_value("单位.样式", name)

    def outline(self, findings: list | None = None, doc: Document | None = None) -> list[OutlineEntry]:
        """The sections and pages, each with its missing form inputs, findings, and the count of 待填
        inputs its text shows (``pending``; from ``doc`` when the caller has just rendered it)."""
        style = api.style_for(self.project)
        counts = _finding_counts(findings or [])
        waiting = self._pending_by_section(doc)
        out = []
        for i, sec in enumerate(style.settings.sections, start=1):
            from .wording import chinese_numeral
            form = section_form(self.project, sec.id, style)
            out.append(OutlineEntry(sec.id, f"{chinese_numeral(i)}、{sec.title}", "section",
                                    form.missing, counts.get(sec.id, 0), waiting.get(sec.id, 0)))
        for key, label in PAGES:
            out.append(OutlineEntry(key, label, "page", 0, counts.get(key, 0)))
        return out

    def form(self, section_id: str) -> SectionForm:
        # the style: a section id of its own gets the form of the facts its template reads
        return section_form(self.project, section_id, api.style_for(self.project))

    def page(self, key: str) -> list[Grid]:
        return page(self.project, key)

    # ---------------------------------------------------------- render, check
    def render(self, section: str | None = None) -> Document:
        return api.render(self.project, section=section)

    def check(self) -> list:
        """The checks' findings (``narratives.checks.Finding``), for the project's style."""
        return list(api.check(self.project))

    # ---------------------------------------------------------- 待填
    def _waiting(self, doc: Document | None) -> dict[str, list[str]]:
        """Section id → the labels of its 待填 markers, from ``doc`` or one render per revision
        (the outline and the status line ask after every edit)."""
        from . import pending
        key = (self.revision, self.project.unit.style)
        if doc is None:
            cached = getattr(self, "_waiting_cache", None)
            if cached and cached[0] == key:
                return cached[1]
            try:
                doc = self.render()
            except JuesuanError:
                return {}
        by_section = {sec.id: pending.in_document(Document(doc.title, [sec], doc.style))
                      for sec in doc.sections}
        self._waiting_cache = (key, by_section)
        return by_section

    def pending(self, doc: Document | None = None) -> list[str]:
        """The labels of the inputs the text still waits for (each 【待填：…】 marker, once per
        input, in the order of the text): the app's status line shows how many."""
        return list(dict.fromkeys(x for labels in self._waiting(doc).values() for x in labels))

    def _pending_by_section(self, doc: Document | None) -> dict[str, int]:
        return {k: len(set(v)) for k, v in self._waiting(doc).items()}

    def pending_text(self, doc: Document | None = None) -> str:
        """"待填 12 项" for the status line ("" when nothing is waiting)."""
        n = len(self.pending(doc))
        return f"待填 {n} 项" if n else ""


def _finding_counts(findings: list) -> dict[str, int]:
    """Findings per outline key, reading whatever the checks give (section id or table key)."""
    counts: dict[str, int] = {}
    for f in findings:
        # a finding marks the section of text it affects and the table it is about
        keys = {getattr(f, attr, None) for attr in ("section", "table")}
        for key in keys:
            if isinstance(key, str) and key:
                counts[key] = counts.get(key, 0) + 1
    return counts


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        # 12.1 and 12.10 are the same amount but not the same text in the file: keep the clerk's
        return a == b and a.as_tuple().exponent == b.as_tuple().exponent
    return a == b and type(a) is type(b)


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except OSError:
        pass
