"""The one façade the app uses: a project being edited.

Open, create, save (atomic), set a value by path from what the clerk typed (parsed by the core,
in the project's entry unit, refused in Chinese with the project unchanged), undo/redo, render
the preview, run the checks, keep a recovery file against a crash, remember recent projects.
Everything here is headless: no textual, no rich.
"""
from __future__ import annotations

import hashlib
import os
import secrets
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


class SaveConflict(JuesuanError):
    """The project file changed on disk since this window opened or last saved it (another
    window, another program).  The app asks: 重新载入 (``reload``), 另存为 (``save_as``) or
    覆盖 (``save(overwrite=True)``)."""


class TargetExists(JuesuanError):
    """Save As onto a file that exists: the app asks before ``save_as(path, overwrite=True)``."""


class ReadOnlyProject(JuesuanError):
    """This window opened the project read-only (another window edits it): Save As only."""


class TakenOver(ReadOnlyProject):
    """Another window took the file over while this one edited it: this window is read-only
    now, its work in the recovery file (the message says where), Save As still open."""


from .project_lock import ProjectLocked  # noqa: E402,F401  (the app catches it from here)


from .recent import (copy_sample, fallback_recovery_dirs, instance_alive, instance_of,  # noqa: F401
                     recent_projects, recovery_dir, recovery_files, recovery_path, remember, samples,
                     samples_dir)


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
        self._typing: str | None = None  # the field being typed into (one undo step)
        # this window's own recovery file (two windows on one file must not share one)
        self.instance = f"{os.getpid()}-{secrets.token_hex(3)}"
        self._recovery_folder: Path | None = None
        self._recovered_from: list[Path] = []
        self.recovery_note = ""  # where the recovery file went when its usual folder failed
        self.recovery_problem = ""  # why the last autosave could not be written
        # what the file held when this window last read or wrote it: a save over something else
        # (another window's save) is a SaveConflict, never a silent loss
        self._disk = _fingerprint(self.path)
        self._lock = None        # the project_lock.Lock this window holds, if any
        self.read_only = False   # opened while another window edits the file: Save As only
        self._taken_over_by = None  # the window that took the file over from this one (check_lock)

    @classmethod
    def open(cls, path: str | os.PathLike, *, read_only: bool = False, take_over: bool = False,
             recent: bool = True) -> "Session":
        """Open for editing.  ProjectLocked when another open window holds the file; the clerk
        then chooses ``read_only`` (look, Save As elsewhere) or ``take_over`` (edit here; the
        other window's next save is then told the file changed).  ``recent=False``: the caller
        adds it to the recent list itself (the app's launch does, after the first screen: the
        list is written with an fsync)."""
        session = cls(api.load(path), path)
        if read_only:
            session.read_only = True
        else:
            session._take_lock(take_over)
        if recent:
            remember(path)
        return session

    def _take_lock(self, take_over: bool = False) -> None:
        from . import project_lock
        self._lock = project_lock.acquire(self.path, self.instance, take_over=take_over)

    def check_lock(self) -> str:
        """Whether another window has taken this file over (接管编辑) since this one took it: then
        this window turns read-only, what the clerk typed goes into the recovery file, and the
        words to tell the clerk are returned (one Chinese line), once; "" otherwise.  Cheap (a
        stat while nothing changed): the app asks on a timer, ``save`` before writing.  A lock
        file deleted by hand is quietly made again."""
        if self._lock is None or self.read_only:
            return ""
        state = self._lock.state()
        if state == "gone":
            return self._relock()
        if state != "taken":
            return ""
        return self._taken_over(self._lock.taken_by)

    def _relock(self) -> str:
        from . import project_lock
        old = self._lock
        old.forget()  # the new Lock below is this window's again: the old one must not remove it
        try:
            self._lock = project_lock.acquire(self.path, self.instance)
        except project_lock.ProjectLocked as exc:  # another window made it meanwhile
            self._lock = None
            return self._taken_over(exc.holder)
        return ""

    def _taken_over(self, holder) -> str:
        if self._lock is not None:
            self._lock.forget()
            self._lock = None
        self.read_only = True
        self._taken_over_by = holder or True
        who = f"（{holder.describe()}）" if holder is not None else ""
        head = f"{self.path.name} 已被另一个窗口接管编辑{who}。本窗口改为只读"
        if not self.dirty:
            return head + "：可以继续查看，要修改请用“另存为”（F3）存到另一个文件。"
        if self.autosave(force=True):
            return f"{head}；你的修改已保存在恢复文件 {self.recovery_file}，可用“另存为”（F3）存到另一个文件。"
        return f"{head}；你的修改仍在本窗口中（恢复文件无法写入：{self.recovery_problem}），请用“另存为”（F3）存到另一个文件。"

    def close(self) -> None:
        """The window lets go of the file (its lock); the session stays readable."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

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
        session._take_lock()
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
        session._take_lock()
        session.save()
        return session, list(result.notes)

    @property
    def dirty(self) -> bool:
        return self.revision != self.saved_revision

    @property
    def title(self) -> str:
        u = self.project.unit
        return f"{u.name} {u.year}年度"

    def is_saved_state(self, data: bytes) -> bool:
        """``data`` (a file's bytes) is exactly what this window last read or wrote, and nothing has
        been edited since: what the window shows is the text of those bytes."""
        return not self.dirty and self._disk is not None and hashlib.sha256(data).hexdigest() == self._disk

    def changed_on_disk(self) -> bool:
        """The project file is no longer what this window read or last wrote."""
        return _fingerprint(self.path) != self._disk

    def save(self, overwrite: bool = False) -> None:
        """Save atomically.  SaveConflict when the file changed on disk since this window read
        it (unless ``overwrite``); on any failure (read-only or full disk) the work stays here
        and in the recovery file, and the message says where.  TakenOver when another window
        took the file over meanwhile (see ``check_lock``)."""
        said = self.check_lock()
        if said:
            raise TakenOver(said)
        if self.read_only:
            kept = self._keep_in_recovery()
            how = "已改为只读" if self._taken_over_by else "是只读打开的"
            raise ReadOnlyProject(f"本窗口{how}（{self.path.name} 正在另一个窗口中编辑），不能保存到该文件。"
                                  f"请用“另存为”（F3）保存到另一个文件{kept}")
        if not overwrite and self.changed_on_disk():
            kept = self._keep_in_recovery()
            raise SaveConflict(f"{self.path.name} 已被另一个窗口修改（在本窗口打开或上次保存之后）。"
                               f"请选择：重新载入、另存为或覆盖{kept}")
        try:
            save_project(self.project, self.path)  # atomic, keeps the file's header comments
        except JuesuanError as exc:
            raise ProjectFileError(f"{exc}{self._keep_in_recovery()}") from None
        self._disk = _fingerprint(self.path)
        self.saved_revision = self.revision
        self.discard_recovery()
        remember(self.path)
        if self._lock is None:  # a file made by this save (learn, a folder that was read-only)
            try:
                self._take_lock()
            except JuesuanError:
                pass  # held by a window that opened it meanwhile: the hash check still guards

    def _keep_in_recovery(self) -> str:
        """After a failed save: the work into the recovery file; the words saying where."""
        if self.dirty and self.autosave(force=True):
            return f"。修改仍在本窗口中，并已存入恢复文件 {self.recovery_file}"
        if self.dirty:
            return f"。修改仍在本窗口中（恢复文件也无法写入：{self.recovery_problem}）"
        return ""

    def reload(self) -> None:
        """Read the project file again, dropping this window's unsaved changes (the clerk chose
        the other window's version); undo history goes with them."""
        self.project = api.load(self.path)
        self._disk = _fingerprint(self.path)
        self._undo.clear()
        self._redo.clear()
        self.revision += 1
        self.saved_revision = self.revision
        self.discard_recovery()

    def save_as(self, path: str | os.PathLike, overwrite: bool = False) -> None:
        """Save to another file and go on editing that one.  TargetExists when ``path`` is an
        existing file other than this project's (unless ``overwrite``: the clerk said yes)."""
        p = Path(path)
        if p.suffix.lower() != ".toml":
            p = p.with_suffix(".toml")
        if _same_file(p, self.path):
            self.save(overwrite=overwrite)
            return
        if p.exists() and not overwrite:
            raise TargetExists(f"{p} 已存在。要覆盖它吗？（其中的数字和说明将被本项目替换）")
        from . import project_lock
        # a file another window has open is not replaced under it, even when the clerk said yes
        new_lock = project_lock.acquire(p, self.instance)
        old, old_disk, old_recovery = self.path, self._disk, self.recovery_file
        old_lock, old_read_only = self._lock, self.read_only
        self.path, self._lock, self.read_only = p, new_lock, False
        self._disk = _fingerprint(p)  # the clerk agreed to replace what is there
        try:
            self.save(overwrite=True)
        except JuesuanError:
            if self._lock is not None:
                self._lock.release()
            self.path, self._disk, self._lock, self.read_only = old, old_disk, old_lock, old_read_only
            raise
        if old_lock is not None:
            old_lock.release()
        self._taken_over_by = None  # the new file is this window's own
        _unlink(old_recovery)

    # ---------------------------------------------------------- recovery
    @property
    def recovery_file(self) -> Path:
        return recovery_path(self.path, self.instance, self._recovery_folder)

    def _recovery_target(self) -> Path:
        """This window's recovery file in a folder that can be made: the state folder, else a
        fallback (recovery_note says where)."""
        if self._recovery_folder is not None:
            return self.recovery_file
        preferred = recovery_dir()
        problems = []
        for folder in [preferred, *fallback_recovery_dirs()]:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                if not os.access(folder, os.W_OK):
                    raise PermissionError(13, "没有写入权限")
            except OSError as exc:
                from .io.projectfile import os_reason
                problems.append(f"{folder}（{os_reason(exc)}）")
                continue
            self._recovery_folder = folder
            if folder != preferred:
                self.recovery_note = (f"恢复文件无法存放在 {preferred}（{problems[0]}），"
                                      f"已改存到 {folder}")
            return self.recovery_file
        raise ProjectFileError("无法创建恢复文件：" + "；".join(problems))

    def autosave(self, force: bool = False) -> bool:
        """Write the recovery file if there are changes not yet in it.  True when written.
        Never raises: a recovery file that cannot be written is said in ``recovery_problem``
        (the app shows it) and must not interrupt the clerk."""
        if not self.dirty:
            return False
        if not force and self._autosaved_revision == self.revision and self.recovery_file.is_file():
            return False
        header = f"# juesuan 恢复文件：{self.path.resolve()}\n"
        try:
            f = self._recovery_target()
            try:
                atomic_write(f, header + dumps(self.project))
            except ProjectFileError:
                # the folder went away or became read-only since: try the fallbacks once
                self._recovery_folder = None
                preferred_failed = recovery_dir()
                f = self._recovery_target()
                if self._recovery_folder == preferred_failed:
                    raise
                atomic_write(f, header + dumps(self.project))
        except (JuesuanError, OSError) as exc:
            self.recovery_problem = str(exc)
            return False
        self.recovery_problem = ""
        self._autosaved_revision = self.revision
        return True

    def _orphans(self) -> list[Path]:
        """Recovery files of this project left by a window that is gone (not this one's own)."""
        own = self.recovery_file
        return [f for f in recovery_files(self.path)
                if f != own and not instance_alive(instance_of(f))]

    def has_recovery(self) -> bool:
        """A recovery file with work the project file does not have."""
        for f in self._orphans():
            try:
                text = f.read_text(encoding="utf-8")
            except OSError:
                continue
            body = text.split("\n", 1)[1] if text.startswith("#") else text
            if body != dumps(self.project):
                return True
            _unlink(f)  # an orphan holding nothing the file lacks: no need to keep it
        return False

    def recover(self) -> None:
        """Take the newest recovery file's project as the current one (unsaved until the clerk
        saves; the file is removed then)."""
        files = self._orphans()
        if not files:
            raise ProjectFileError("没有可恢复的修改")
        f = files[0]
        try:
            text = f.read_text(encoding="utf-8")
        except OSError as exc:
            from .io.projectfile import read_reason
            raise ProjectFileError(f"无法读取恢复文件 {f}：{read_reason(exc)}") from None
        self.project = loads(text, f"恢复文件 {f}")
        self._recovered_from = files
        self._undo.clear()
        self._redo.clear()
        self.revision += 1

    def discard_recovery(self) -> None:
        """Remove this window's recovery file and those it recovered from or was offered."""
        _unlink(self.recovery_file)
        for f in self._recovered_from:
            _unlink(f)
        self._recovered_from = []

    def discard_offered_recovery(self) -> None:
        """The clerk declined the recovery offered on opening: remove those files."""
        for f in self._orphans():
            _unlink(f)
        self.discard_recovery()

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

    def type_text(self, path: str, text: str) -> bool:
        """``set_text`` for typing: the keystrokes into one field, until ``seal()`` (the clerk
        leaves the field), are one undo step: undo goes back by edit, not by key."""
        value = self.parse(path, text)
        last = self._undo[-1] if self._undo else None
        merging = getattr(self, "_typing", None) == path and last is not None and last.path == path
        if not self.set_value(path, value):
            return False
        if merging:
            self._undo.pop()  # the one just recorded
            self._undo[-1] = Change(path, last.old, value)
            if _same(last.old, value):
                self._undo.pop()  # typed back to what it was: no step at all
        self._typing = path
        return True

    def seal(self) -> None:
        """End the current typing edit (see ``type_text``)."""
        self._typing = None

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
        self._typing = None
        if not self._undo:
            return None
        ch = self._undo.pop()
        self.set_value(ch.path, ch.old, _record=False)
        self._redo.append(ch)
        return ch.path

    def redo(self) -> str | None:
        self._typing = None
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

    def export(self, path: str | os.PathLike, whole: bool = False, charts: bool = True):
        """Word (.docx) or Markdown (.md) by the file's suffix; returns the core's ExportResult."""
        p = Path(path)
        try:
            if p.suffix.lower() == ".md":
                return api.export_markdown(self.project, p, whole=whole, charts=charts)
            if p.suffix.lower() != ".docx":
                p = p.with_suffix(".docx")
            return api.export_docx(self.project, p, whole=whole, charts=charts)
        except OSError as exc:  # a chart folder on a read-only disk…: a message, not a crash
            from .io.projectfile import write_failure
            raise ProjectFileError(write_failure(p, exc, p.parent)) from None

    def _set_rows(self, list_path: str, rows: list) -> None:
        old = self.get(list_path)
        try:
            set_value(self.project, list_path, rows)
        except PathError as exc:
            raise FieldError(str(exc)) from None
        self._undo.append(Change(list_path, old, rows))
        self._redo.clear()
        self._typing = None
        self.revision += 1

    # ---------------------------------------------------------- style, outline, forms
    def styles(self) -> list[str]:
        from .styles import available
        return sorted(available())

    def set_style(self, name: str) -> None:
        from .styles import load
        load(name)  # unknown → StyleError (a JuesuanError) before anything changes
        self.set_value("单位.样式", name)

    def outline(self, findings: list | None = None, doc: Document | None = None,
                marks: bool = True) -> list[OutlineEntry]:
        """The sections and pages, each with its missing form inputs, findings, and the count of 待填
        inputs its text shows (``pending``; from ``doc`` when the caller has just rendered it).
        ``marks=False``: the titles only, without rendering the whole text (the app's launch shows
        them at once and the marks a moment later)."""
        style = api.style_for(self.project)
        counts = _finding_counts(findings or [])
        waiting = self._pending_by_section(doc) if marks else {}
        out = []
        from .render.engine import section_headings  # numbering and {short_name} as the style says
        for sec, heading in zip(style.settings.sections, section_headings(self.project, style)):
            missing = section_form(self.project, sec.id, style).missing if marks else 0
            out.append(OutlineEntry(sec.id, heading, "section", missing, counts.get(sec.id, 0),
                                    waiting.get(sec.id, 0)))
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
        if getattr(f, "tail", False):
            continue  # a 尾差 is within the rounding tolerance: nothing there to look at (no ⚠)
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


def _fingerprint(p: Path) -> str | None:
    """A hash of the file's bytes (None when there is none): changes whenever anyone saves it,
    even within the file system's time resolution."""
    try:
        if not p.is_file():
            return None
        return hashlib.sha256(p.read_bytes()).hexdigest()
    except OSError:
        return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(os.path.abspath(a)) == Path(os.path.abspath(b))


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except OSError:
        pass
