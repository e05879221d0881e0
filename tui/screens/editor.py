"""The editing screen: outline | fields of the selected item | preview of the text.

Every change goes to the session (the core) as typed text; the preview is re-rendered by the core
in an exclusive thread worker.  Rendering is throttled, not only debounced: the first keystroke
after a pause renders at once (the clerk sees it follow), keystrokes within 120 ms of a render
are folded into one more render, and a render finishing for an older revision than the one on
screen is dropped.
"""
from __future__ import annotations

import time
from pathlib import Path

from textual import work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static, TextArea
from textual.worker import get_current_worker

from narratives.errors import JuesuanError
from narratives.session import FieldError, Session

from ..blocks import SECTION_MARK, document_blocks  # noqa: F401  (pure layout, shared with the launch's helper)
from ..widgets.money_input import FieldInput
from ..widgets.outline import Outline
from ..widgets.preview import Preview
from ..widgets.section_form import FigureBlock, NoteArea, SectionFormView
from ..widgets.table_grid import RowsChanged, TableGrid
from .dialogs import AskScreen

THROTTLE = 0.12  # seconds between two renders while the clerk types


class EditorScreen(Screen):
    CSS_PATH = "editor.tcss"
    # priority: the app's keys reach it from any widget, the TextArea's own F6/F7/Ctrl+Z included
    # (it keeps only the editing keys); the footer shows the few a clerk needs, F1 lists them all
    BINDINGS = [
        Binding("ctrl+s", "save", "保存", tooltip="保存（原子替换）", priority=True),
        Binding("f1", "help", "帮助", priority=True),
        Binding("f2", "save", "保存", show=False, priority=True),
        Binding("f3", "save_as", "另存为", show=False, priority=True),
        Binding("f4", "pending", "待填", show=False, priority=True),
        Binding("f5", "check", "审核", priority=True),
        Binding("f6", "toggle_scope", "本节/全文", priority=True),
        Binding("f7", "app.open_sample", "打开示例", show=False, priority=True),
        Binding("f8", "switch_style", "样式", show=False, priority=True),
        Binding("f10", "export", "导出", priority=True),
        Binding("ctrl+z", "undo", "撤销", show=False, priority=True),
        Binding("ctrl+y", "redo", "重做", show=False, priority=True),
        Binding("f9", "focus_outline", "目录", show=False, priority=True),
        Binding("ctrl+pagedown", "step_item(1)", "下一节", show=False, priority=True),
        Binding("ctrl+pageup", "step_item(-1)", "上一节", show=False, priority=True),
        # Enter in a form's input moves on before the next key is dispatched: a figure typed
        # right after Enter (quickly, or queued while the machine was busy) went into the field
        # Enter left (12⏎5 stored 125); elsewhere Enter does what it does there
        Binding("enter", "form_enter", show=False, priority=True),
    ]

    def __init__(self, session: Session, first=None) -> None:
        super().__init__()
        self.session = session
        self._first = first  # (section key, preview blocks, revision) rendered while opening
        self._first_shown: tuple | None = None
        self._checked_once = False
        self.checked_revision = -1  # the session revision the status line's counts are for
        self.current: str | None = None       # outline key shown in the middle
        self.whole = False                    # preview: the whole 第三部分, or the section
        self.findings: list = []
        self.pending: list = []               # 【待填：…】 of the whole text (narratives.locate)
        self._focus_after: str | None = None  # a field to focus once the item it is on shows
        self._focused_label = ""
        self.entries: list = []
        self._switching = False
        self._outline_revision = -1
        self._timer = None
        self._last_render = 0.0
        self._focus_sources: frozenset[str] = frozenset()

    # ---------------------------------------------------------------- layout
    def compose(self):
        with Horizontal(id="editor-body"):
            yield Outline(id="editor-outline")
            yield Vertical(id="editor-center")
            yield Preview(id="editor-preview")
        yield Static("", id="editor-status", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#editor-outline", Outline).border_title = "目录"
        self.query_one("#editor-preview", Preview).border_title = "预览"
        first, self._first = self._first, None
        quick = None
        if first is not None and first[2] == self.session.revision:
            self.query_one(Preview).show(first[1], first[2])  # the text at once, no render wait
            self._first_shown = (first[0], first[2])  # so showing that section renders it not again
            quick = first[3] if len(first) > 3 else None
        self.apply_size(self.app.size.width)
        if quick:
            # the titles now; the marks (⚠ 缺 待: the whole text rendered) with the first checks,
            # which wait until the text is painted
            self._load_outline(quick, -1)
        else:
            self.reload_outline()
        first = self.entries[0].key
        if quick:
            # the launch: the outline and the text are painted first, the section's form a frame later
            self.current = first  # (the outline's highlight below must not start it earlier)
            self.call_after_refresh(self.show_item, first)
        else:
            self.show_item(first)
        self.query_one(Outline).highlighted = 0
        self.query_one(Outline).focus()
        self.set_interval(2.0, self.autosave)
        self.update_status()
        if self.session.read_only:  # another window edits the file (rel)
            self.notify(f"只读打开：{self.session.path.name} 正在另一个窗口中编辑，本窗口的修改请用“另存为”（F3）保存",
                        severity="warning", timeout=10)
        if self.session.has_recovery():
            self.app.push_screen(
                AskScreen(f"发现 {self.session.path.name} 上次未保存的修改（程序异常退出时留下的恢复文件）。"
                          "要恢复这些修改吗？",
                          [("recover", "恢复", "primary"), ("discard", "丢弃", "error")]),
                self._recovery_answer)

    def on_unmount(self) -> None:
        # the window lets go of the file: another window may open it without being asked (rel)
        self.session.close()

    def _recovery_answer(self, answer: str | None) -> None:
        if answer == "recover":
            try:
                self.session.recover()
            except JuesuanError as exc:
                self.notify(str(exc), severity="error", timeout=8)
                return
            self.show_item(self.current or self.entries[0].key)
            self.after_change()
            self.notify("已恢复上次未保存的修改（尚未保存到文件）")
        elif answer == "discard":
            self.session.discard_offered_recovery()

    def on_resize(self, event) -> None:
        self.apply_size(event.size.width)

    def apply_size(self, width: int) -> None:
        # below 110 columns the preview goes under the fields: three panes do not fit 80 columns
        self.set_class(width < 110, "-narrow")

    # ---------------------------------------------------------------- outline → middle
    def reload_outline(self) -> None:
        # the outline costs a form per section: computed here, on open, on save, every autosave
        # tick after changes and after a style switch, never per keystroke
        self._load_outline(self.session.outline(self.findings), self.session.revision)

    def _load_outline(self, entries, revision: int) -> None:
        from dataclasses import asdict
        from types import SimpleNamespace
        counts: dict[str, int] = {}
        for item in self.pending:
            counts[item.section] = counts.get(item.section, 0) + 1
        self.entries = [SimpleNamespace(**{**asdict(e), "pending": counts.get(e.key, 0)}) for e in entries]
        self._outline_revision = revision
        self.query_one(Outline).load(self.entries)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter in the outline: into the form, on its first input
        if event.option_list.id == "editor-outline" and event.option.id:
            if event.option.id != self.current or self._switching:
                self._focus_after = ""
                self.show_item(event.option.id)
            else:
                self.focus_path("")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "editor-outline" and event.option.id and event.option.id != self.current:
            self.show_item(event.option.id)

    def show_item(self, key: str) -> None:
        # one switch at a time, never cancelled half-way (a half-removed form would leave two);
        # keys pressed meanwhile only move ``current``, and the loop catches up with it
        self.current = key
        if not self._switching:
            self._switching = True
            self.run_worker(self._switch_loop(), group="show")

    async def _switch_loop(self) -> None:
        try:
            while True:
                key = self.current
                await self._show_item(key)
                if self.current == key:
                    break
        finally:
            self._switching = False

    async def _show_item(self, key: str) -> None:
        center = self.query_one("#editor-center", Vertical)
        await center.remove_children()  # the old form must be gone before the new one mounts
        entry = next((e for e in self.entries if e.key == key), None)
        if entry is None:
            return
        self.set_class(entry.kind == "page", "-page")  # a table page takes more width
        if entry.kind == "section":
            await center.mount(SectionFormView(entry.label, self.session.form(key), self.session))
        else:
            await center.mount(TableGrid(key, entry.label, self.session))
        self._focus_sources = frozenset()
        self.query_one(Preview).highlight(frozenset())
        shown, self._first_shown = self._first_shown, None
        if shown == (key, self.session.revision) and not self.whole:
            # the launch's text is on screen already: no second render competing with the first
            # paint; the first checks follow as they would after a render
            if not self._checked_once:
                self._checked_once = True
                self.set_timer(0.3, self._checks_later)
        else:
            self.request_preview()
        if self._focus_after is not None:
            path, self._focus_after = self._focus_after, None
            self.call_after_refresh(self.focus_path, path)
        elif entry.kind == "section":
            # the first input, not an invisible container: typing can start at once
            first = self.query("#editor-center FieldInput, #editor-center NoteArea")
            if first and not isinstance(self.focused, Outline):
                first.first().focus()

    # ---------------------------------------------------------------- jump to a field
    def field_index(self) -> list:
        """Every field for the palette's search (rebuilt when the project has changed)."""
        if getattr(self, "_index_revision", None) != self.session.revision:
            from narratives.field_index import build
            try:
                self._index = build(self.session)
            except Exception:
                self._index = []
            self._index_revision = self.session.revision
        return self._index

    def on_preview_jump(self, event: Preview.Jump) -> None:
        """Enter on a sentence of the preview: the field that feeds it."""
        from narratives.locate import Target, field_for_sources
        section = next((s[len(SECTION_MARK):] for s in event.sources if s.startswith(SECTION_MARK)),
                       self.section_id)
        if section is None:
            return
        sources = {s for s in event.sources if not s.startswith(SECTION_MARK)}
        try:
            path = field_for_sources(self.session.project, section, sources)
        except Exception:
            path = None
        self.jump(Target(section, path))

    def jump(self, target) -> None:
        """Show the item ``target.key`` and focus its field ``target.path`` (scrolled into view)."""
        if target is None:
            return
        key, path = target.key, target.path
        if not any(e.key == key for e in self.entries):
            self.notify("找不到该处的输入框", severity="warning")
            return
        if key == self.current and not self._switching:
            if path:
                self.focus_path(path)
            return
        self._focus_after = path or ""
        outline = self.query_one(Outline)
        index = next((i for i in range(outline.option_count)
                      if outline.get_option_at_index(i).id == key), None)
        with outline.prevent(OptionList.OptionHighlighted):
            if index is not None:
                outline.highlighted = index
        self.show_item(key)

    def focus_path(self, path: str) -> bool:
        """Focus the input, reason box or table cell of ``path`` on the item shown."""
        if not path:
            # the first input the text waits for, else the first input or table — never a table
            # page's edit line (docked first, shown last; Tab there commits instead of moving on)
            first = [w for w in self.query("#editor-center FieldInput, #editor-center NoteArea, "
                                           "#editor-center GridTable") if w.id != "cell-edit"]
            if first:
                target = self._first_wanted() or first[0]
                target.focus()
                target.scroll_visible(animate=False)
            return bool(first)
        for w in self.query(FieldInput):
            if w.path == path and w.id != "cell-edit":
                w.focus()
                w.scroll_visible(animate=False)
                return True
        for a in self.query(NoteArea):
            if a.path == path:
                a.focus()
                a.scroll_visible(animate=False)
                return True
        for grid in self.query(TableGrid):
            if grid.focus_cell(path):
                return True
        return False

    @property
    def section_id(self) -> str | None:
        if self.current and any(e.key == self.current and e.kind == "section" for e in self.entries):
            return self.current
        return None

    # ---------------------------------------------------------------- edits
    def on_input_changed(self, event: Input.Changed) -> None:
        field = event.input
        if not isinstance(field, FieldInput) or field.id == "cell-edit" or not field.path:
            return
        self.apply_text(field, field.path, event.value, typing=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter in a form moves on to the next figure the text still waits for (Tab and ↓ go to
        # the very next input): the blank inputs the text does not need are passed at once
        if isinstance(event.input, FieldInput) and event.input.id != "cell-edit":
            event.stop()
            self.focus_next_wanted(event.input)

    def _wanted(self) -> set[str] | None:
        section = self.section_id
        if section is None:
            return None
        try:
            from narratives import api
            from narratives.entry import wanted_inputs
            return set(wanted_inputs(self.session.project, section, api.style_for(self.session.project)))
        except Exception:  # a template the clerk is still writing: plain order
            return None

    def _first_wanted(self) -> FieldInput | None:
        """A form just opened: its first input the text waits for (None: nothing waits)."""
        wanted = self._wanted()
        if not wanted:
            return None
        return next((w for w in self.query("#editor-center FieldInput")
                     if w.path in wanted and not w.value), None)

    def action_step_item(self, delta: int) -> None:
        """Ctrl+PgDn / Ctrl+PgUp: the next (previous) section or page of the outline, on its first
        input the text waits for — one key instead of F9, arrows and Enter."""
        keys = [e.key for e in self.entries]
        if not keys:
            return
        i = keys.index(self.current) if self.current in keys else -1
        j = max(0, min(len(keys) - 1, i + delta))
        if j == i:
            return
        outline = self.query_one(Outline)
        at = next((n for n in range(outline.option_count) if outline.get_option_at_index(n).id == keys[j]), None)
        if at is not None:
            with outline.prevent(OptionList.OptionHighlighted):
                outline.highlighted = at
        self._focus_after = ""
        self.show_item(keys[j])

    def action_form_enter(self) -> None:
        from textual.actions import SkipAction
        field = self.focused
        if not isinstance(field, FieldInput) or field.id == "cell-edit":
            raise SkipAction()
        self.focus_next_wanted(field)

    def focus_next_wanted(self, field: FieldInput) -> None:
        """After ``field``: the next blank input of the form the text marks 待填, else the form's
        first reason box, else simply the next widget."""
        form = next((a for a in field.ancestors if isinstance(a, SectionFormView)), None)
        wanted = self._wanted() if form is not None else None
        if wanted is None:
            self.focus_next()
            return
        inputs = list(form.query(FieldInput))
        after = inputs[inputs.index(field) + 1:] if field in inputs else []
        target = next((w for w in after if w.path in wanted and not w.value), None)
        if target is None:
            notes = list(form.query(NoteArea))
            target = notes[0] if notes else None
        if target is None:
            self.focus_next()
            return
        self.set_focus(target)  # at once: the next key typed goes there, not into this field
        target.scroll_visible(animate=False)

    def on_table_grid_commit(self, event: TableGrid.Commit) -> None:
        """A grid cell's edit confirmed (Enter/Tab/arrow): into the project, then the grid moves."""
        grid = event.grid
        edit = grid.query_one("#cell-edit", FieldInput)
        if not event.path:
            return
        self.session_seal()
        if not self.apply_text(edit, event.path, event.text):
            return  # refused: the edit line stays open with the message under it
        filled = self._fill_name(event.path)
        self.session_seal()
        grid.reload()
        grid.after_commit(event.move)
        if filled:
            self.notify(f"科目名称已按编码填入：{filled}", timeout=4)

    def _fill_name(self, path: str) -> str | None:
        """科目代码 typed into a row whose 科目名称 is blank: the name from the codes known
        (this project, the samples)."""
        if not path.endswith(".科目代码"):
            return None
        name_path = path[: -len("科目代码")] + "科目名称"
        try:
            if self.session.text(name_path):
                return None
            from narratives.codes import name_of
            name = name_of(self.session.project, self.session.text(path))
            if name and self.session.set_text(name_path, name):
                self.after_change()
                return name
        except JuesuanError:
            return None
        return None

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        if isinstance(area, NoteArea):
            self.apply_text(area, area.path, area.text, typing=True)

    def apply_text(self, widget, path: str, text: str, typing: bool = False) -> bool:
        """Hand typed text to the core; show its refusal in place.  True when accepted."""
        setter = self.session.set_text
        if typing and hasattr(self.session, "type_text"):
            setter = self.session.type_text  # keystrokes into one field: one undo step
        try:
            changed = setter(path, text)
        except (FieldError, JuesuanError) as exc:
            self._show_error(widget, str(exc))
            return False
        self._show_error(widget, None)
        if changed:
            self.after_change()
        return True

    def _show_error(self, widget, message: str | None) -> None:
        widget.set_class(bool(message), "-invalid")
        block = next((a for a in widget.ancestors if isinstance(a, FigureBlock)), None)
        if block is not None:
            block.show_error(message)
            return
        grid = next((a for a in widget.ancestors if isinstance(a, TableGrid)), None)
        if grid is not None:
            grid.show_error(message)
        elif message:
            self.notify(message, severity="error")

    def on_rows_changed(self, event: RowsChanged) -> None:
        self.query_one(TableGrid).reload()
        self.after_change()

    def on_table_grid_add_row_requested(self, event: TableGrid.AddRowRequested) -> None:
        from .dialogs import PromptScreen

        def done(text: str | None) -> None:
            if not text:
                return
            code, _, name = text.replace("\u3000", " ").strip().partition(" ")
            if not name.strip():  # only the code typed: the name from the codes known
                from narratives.codes import name_of
                name = name_of(self.session.project, code) or ""
                if not name:
                    self.notify(f"不认识科目代码 {code}：请在代码后空一格写上科目名称", severity="warning",
                                timeout=8)
                    return
            try:
                # its 类/款 rows come with it when missing (names from the codes known): the clerk
                # types the 项 and the grid sums each parent (Σ)
                from narratives.codes import name_of
                from narratives.entry import missing_parents
                rows = self.session.get(event.list_path) or []
                codes = [getattr(r, "code", None) for r in rows]
                index = event.index
                parents = missing_parents(codes, code, lambda c: name_of(self.session.project, c))
                for parent, parent_name in parents:
                    self.session.add_row(event.list_path, {"科目代码": parent, "科目名称": parent_name}, index)
                    index += 1
                i = self.session.add_row(event.list_path, {"科目代码": code, "科目名称": name.strip()}, index)
            except JuesuanError as exc:
                self.notify(str(exc), severity="error", timeout=8)
                return
            grid = self.query_one(TableGrid)
            grid.reload()
            grid.focus_row(event.list_path, i)  # on the new row's first amount: type it at once
            self.after_change()

        self.app.push_screen(PromptScreen("新行的科目代码（认识的代码会自动填名称；否则空一格写名称）：",
                                            placeholder="2040601 或 2040601 行政运行"), done)

    def after_change(self) -> None:
        form = self.query(SectionFormView)
        if form and self.section_id:
            form.first().refresh_values(self.session.form(self.section_id))
        self.update_status()
        self.request_preview()

    # ---------------------------------------------------------------- focus → highlight
    def on_field_input_focused(self, event: FieldInput.Focused) -> None:
        self.session_seal()
        self._focused_label = getattr(event.field, "label", "") or ""
        self.highlight(event.field.sources)
        self.update_status()

    def on_note_area_focused(self, event: NoteArea.Focused) -> None:
        self.session_seal()
        self._focused_label = getattr(event.field, "label", "") or ""
        self.highlight(event.field.sources)
        self.update_status()

    def on_table_grid_cell_shown(self, event: TableGrid.CellShown) -> None:
        # a grid focused (a jump, Tab, Enter in the outline): the status line names its cell
        self.session_seal()
        self._focused_label = event.label
        self.highlight(event.sources)
        self.update_status()

    def session_seal(self) -> None:
        """A new field: the next typing is a new undo step (undo goes by edit, not by key)."""
        seal = getattr(self.session, "seal", None)
        if seal is not None:
            seal()

    def highlight(self, sources: frozenset[str]) -> None:
        self._focus_sources = sources
        self.query_one(Preview).highlight(sources)

    # ---------------------------------------------------------------- preview
    def request_preview(self) -> None:
        if self._timer is not None:
            return  # a render is already due: it will read the newest revision
        wait = THROTTLE - (time.monotonic() - self._last_render)
        if wait <= 0:
            self._start_render()
        else:
            self._timer = self.set_timer(wait, self._start_render)

    def _start_render(self) -> None:
        self._timer = None
        self._last_render = time.monotonic()
        self.render_preview(self.session.revision, None if self.whole else self.section_id)

    @work(exclusive=True, group="preview", thread=True)
    def render_preview(self, revision: int, section: str | None) -> None:
        doc = None
        try:
            doc = self.session.render(section)
            blocks = document_blocks(doc, whole=section is None)
        except JuesuanError as exc:
            blocks = [("body", f"预览出错：{exc}", set())]
        except Exception as exc:  # a bug must not kill the editor: say so in the preview
            blocks = [("body", f"预览出错（内部错误 {type(exc).__name__}：{exc}）", set())]
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._show_preview, blocks, revision)
        if not self._checked_once:
            # the first checks (and the whole text's 待填) wait until the editor is painted:
            # they hold the interpreter for a few hundred ms the first time (templates compile)
            self._checked_once = True
            self.app.call_from_thread(self.set_timer, 0.3, self._checks_later)
            return
        self._checks(doc if section is None else None)

    def _checks_later(self) -> None:
        self.run_worker(lambda: self._checks(None), thread=True, exclusive=True, group="checks")

    def _checks(self, doc) -> None:
        """Findings and 待填 (a few ms once warm), then the status line and the outline marks."""
        revision = self.session.revision
        try:
            findings = self.session.check()  # a few ms: the count follows the typing
        except Exception:
            findings = None  # the checks failing must not stop the preview; F5 shows the error
        try:  # the 待填 of the whole text (a few ms), for the status line and the outline
            from narratives.locate import pending_items
            pending = pending_items(doc if doc is not None else self.session.render(None))
        except Exception:
            pending = None
        if findings is not None and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_findings, findings, pending, revision)

    def _show_findings(self, findings: list, pending: list | None = None, revision: int | None = None) -> None:
        if revision is not None:
            self.checked_revision = revision  # tests wait for it: the status line is complete
        first = self._outline_revision == -1  # the launch showed the titles only
        if len(findings) != len(self.findings) or (pending is not None and len(pending) != len(self.pending)):
            self._outline_revision = -1  # the outline's marks follow at the next tick
        self.findings = findings
        if pending is not None:
            self.pending = pending
        self.update_status()
        if first:
            self.reload_outline()  # the templates are compiled by now: a few ms

    def _show_preview(self, blocks, revision: int) -> None:
        preview = self.query_one(Preview)
        if revision < preview.revision:
            return  # an older render finishing late
        preview.show(blocks, revision)
        preview.highlight(self._focus_sources) if self._focus_sources else None
        if revision != self.session.revision:
            self.request_preview()

    # ---------------------------------------------------------------- status, save, quit
    def update_status(self) -> None:
        s = self.session
        state = "● 未保存" if s.dirty else "✓ 已保存"
        if s.read_only:
            state = "只读 " + state
        from .findings import status_text  # 尾差 counted apart from 提示 (core's findings.py)
        findings = status_text(self.findings)
        pending = f"待填 {len(self.pending)}" if self.pending else "无待填"
        where = f"   ▸ {self._focused_label}" if self._focused_label else ""
        self.query_one("#editor-status", Static).update(
            f" {state}  {findings}  {pending}  {s.project.unit.entry_unit}{where}")
        self.sub_title = str(s.path)

    def autosave(self) -> None:
        said = self.session.check_lock()  # another window took the file over (core: Session.check_lock)
        if said:
            self._told_taken_over(said)
        if self._outline_revision != self.session.revision:
            self.reload_outline()  # the 缺 marks follow the edits, at most every two seconds
        try:
            self.session.autosave()
        except JuesuanError:
            pass  # no recovery file is better than an interrupted clerk; saving still works
        # a recovery file in a fallback folder, or none at all, is said once (rel)
        for said in (self.session.recovery_note, self.session.recovery_problem):
            if said and said not in self._recovery_said:
                self._recovery_said.add(said)
                self.notify(said, severity="warning", timeout=10)

    def _told_taken_over(self, said: str) -> None:
        """Read-only now (the work is in the recovery file): told in a dialog, not a toast that may
        pass unseen, with 另存为 one key away."""
        self.update_status()
        self.app.push_screen(AskScreen(said, [("save_as", "另存为…", "primary"), ("ok", "知道了", "default")]),
                             lambda answer: self.action_save_as() if answer == "save_as" else None)

    @property
    def _recovery_said(self) -> set:
        if not hasattr(self, "_recovery_said_set"):
            self._recovery_said_set: set = set()
        return self._recovery_said_set

    def action_save(self, overwrite: bool = False) -> bool:
        from narratives.session import SaveConflict, TakenOver
        try:
            self.session.save(overwrite=overwrite)
        except TakenOver as exc:
            self._told_taken_over(str(exc))
            return False
        except SaveConflict as exc:
            self.app.push_screen(AskScreen(str(exc), [
                ("reload", "重新载入", "primary"), ("save_as", "另存为", "default"),
                ("overwrite", "覆盖", "error"), ("cancel", "取消", "default")]), self._conflict_answer)
            return False
        except JuesuanError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return False
        self.update_status()
        self.reload_outline()
        self._keep_first_screen()
        self.notify(f"已保存：{self.session.path.name}")
        return True

    def _keep_first_screen(self) -> None:
        """Keep the saved file's first screen for the next launch (tui/first_screen.py), as an open
        does: a clerk's day ends edit → save → quit, and without this the next morning's launch of
        the same file would always miss.  Only for bytes that are this window's saved state."""
        try:
            data = self.session.path.read_bytes()
            if not self.session.is_saved_state(data):
                return  # another window wrote in between: its text is not ours to keep
            entries = self.session.outline(marks=False)
            key = entries[0].key
            blocks = document_blocks(self.session.render(key), whole=False)
            from ..first_screen import store
            store(self.session.path, data, key, blocks, entries)
        except Exception:  # a cache only saves the next launch time; failing it must not touch the save
            pass

    def _conflict_answer(self, answer: str | None) -> None:
        """The file changed under this window: take the other version, save elsewhere, or overwrite."""
        if answer == "reload":
            try:
                self.session.reload()
            except JuesuanError as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return
            self.show_item(self.current or self.entries[0].key)
            self.after_change()
            self.notify(f"已重新载入 {self.session.path.name}（本窗口未保存的修改已放弃）")
        elif answer == "save_as":
            self.action_save_as()
        elif answer == "overwrite":
            self.action_save(overwrite=True)

    def action_save_as(self) -> None:
        from .dialogs import PromptScreen

        from narratives.session import TargetExists

        def done(path: str | None, overwrite: bool = False) -> None:
            if path:
                try:
                    self.session.save_as(path, overwrite=overwrite)
                except TargetExists as exc:  # ask before replacing another file (rel)
                    self.app.push_screen(
                        AskScreen(str(exc), [("overwrite", "覆盖", "error"), ("cancel", "取消", "default")]),
                        lambda answer: done(path, True) if answer == "overwrite" else None)
                    return
                except JuesuanError as exc:
                    self.notify(str(exc), severity="error", timeout=10)
                    return
                self.update_status()
                self.notify(f"已另存为：{self.session.path}")

        from .files import FileScreen
        self.app.push_screen(FileScreen("另存为（.toml）", str(self.session.path), save=True), done)

    def action_export(self) -> None:
        """F10: the export dialog, warning about what is still 错误 or 待填."""
        from narratives.locate import pending_items
        from .export import ExportScreen
        try:
            findings = self.session.check()
            self.pending = pending_items(self.session.render(None))
        except JuesuanError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.findings = findings
        self.update_status()
        wrong = [f for f in findings if getattr(f, "severity", "") == "错误"]
        errors = [getattr(f, "message", str(f)) for f in wrong]
        pending = list(dict.fromkeys(p.label for p in self.pending))
        # each 错误 and 待填 a line of its own, one Enter from its field (as in 审核 and 待填)
        lines = [("错误", text, target) for text, target in zip(errors, self._finding_targets(wrong))]
        lines += self._pending_lines()

        def done(choice: dict | None) -> None:
            if choice and "jump" in choice:
                self.jump(choice["jump"])
            elif choice:
                self.start_export(choice["path"], choice["whole"], choice["charts"])

        self.app.push_screen(ExportScreen(self.session, errors, pending, lines), done)

    def _finding_targets(self, findings: list) -> list:
        """Where each finding's field is (None for one we cannot place: still listed)."""
        from narratives.locate import Target, locate_finding, locate_pending
        ids = [e.key for e in self.entries if e.kind == "section"]
        # a 未填 (L05) is the 【待填】 of the same label: its blank input, as F4 finds it (the
        # finding alone led to the figure's reason box, or only to its section)
        blanks = self._pending_by_label() if any(getattr(f, "rule", "") == "L05" for f in findings) else {}
        targets = []
        for f in findings:
            try:
                item = blanks.get(getattr(f, "location", "")) if getattr(f, "rule", "") == "L05" else None
                target = locate_pending(self.session.project, item) if item is not None else None
                if item is not None and item.source and (target is None or not target.path):
                    page = item.source.split(".", 1)[0]  # a figure entered on a page, not the form
                    if any(e.key == page for e in self.entries):
                        target = Target(page, item.source)
                if target is None or not target.path:
                    target = locate_finding(self.session.project, f, ids)
                targets.append(target)
            except Exception:
                targets.append(None)
        return targets

    def _pending_by_label(self) -> dict:
        """The first 【待填】 of each label (a figure's 占比 carries the same label after it)."""
        from narratives.locate import pending_items
        try:
            items = pending_items(self.session.render(None))
        except Exception:
            items = self.pending
        out: dict = {}
        for item in items:
            out.setdefault(item.label, item)
        return out

    def _pending_lines(self) -> list[tuple[str, str, object]]:
        """("待填", "section title：label", target) for each 【待填】 of ``self.pending``."""
        from narratives.locate import locate_pending
        titles = {e.key: e.label for e in self.entries}
        items = []
        for item in self.pending:
            try:
                target = locate_pending(self.session.project, item)
            except Exception:
                target = None
            items.append(("待填", f"{titles.get(item.section, item.section)}：{item.label}", target))
        return items

    def start_export(self, path: str, whole: bool = False, charts: bool = True) -> None:
        from .export import ExportProgressScreen
        self._progress = ExportProgressScreen(path)
        self.app.push_screen(self._progress)
        self.export_in_thread(path, whole, charts)

    @work(thread=True, exclusive=True, group="export")
    def export_in_thread(self, path: str, whole: bool = False, charts: bool = True) -> None:
        try:
            result = self.session.export(path, whole=whole, charts=charts)
        except JuesuanError as exc:
            self.app.call_from_thread(self._export_done, f"导出失败：{exc}", None)
            return
        except Exception as exc:  # a bug in export must not close the editor with the work
            self.app.call_from_thread(self._export_done, f"导出失败（内部错误 {type(exc).__name__}：{exc}）", None)
            return
        notes = "；".join(getattr(result, "notices", []) or [])
        self.app.call_from_thread(self._export_done, f"已导出：{result.path}" + (f"\n（{notes}）" if notes else ""),
                                  Path(result.path))

    def _export_done(self, message: str, path) -> None:
        progress = getattr(self, "_progress", None)
        if progress is not None and progress.is_attached:
            progress.finish(message, path)
        self.notify(message, severity="information" if path else "error", timeout=8)

    def on_table_grid_paste_rows(self, event: TableGrid.PasteRows) -> None:
        try:
            n = self.session.paste_rows(event.list_path, event.text, event.index)
        except JuesuanError as exc:
            self.query_one(TableGrid).show_error(str(exc))
            return
        self.query_one(TableGrid).reload()
        self.notify(f"已粘贴 {n} 行")
        self.after_change()

    def on_table_grid_paste_values(self, event: TableGrid.PasteValues) -> None:
        """A table's values pasted from Excel: each row found by its label gets its value."""
        from narratives.entry import match_pasted_values
        # 上年 / 年初预算 take 功能分类 rows (科目代码 | 科目名称 | amount) as pasted from a 05表
        code_table = f"{event.page}.功能分类" if event.page in ("上年", "年初预算") else None
        values, unmatched = match_pasted_values(event.labels, event.text, code_table)
        done, refused = 0, []
        self.session_seal()
        for path, text in values:
            try:
                if self.session.set_text(path, text):
                    done += 1
            except (FieldError, JuesuanError) as exc:
                refused.append(str(exc))
        self.session_seal()
        grid = self.query_one(TableGrid)
        grid.reload()
        grid.show_error("；".join(refused[:3]) if refused else None)
        extra = f"；未认出的行：{'、'.join(unmatched[:5])}{'…' if len(unmatched) > 5 else ''}" if unmatched else ""
        self.notify(f"已粘贴 {done} 个数{extra}", severity="warning" if unmatched or refused else "information",
                    timeout=8)
        if done:
            self.after_change()

    def action_undo(self) -> None:
        self._undo_redo(self.session.undo())

    def action_redo(self) -> None:
        self._undo_redo(self.session.redo())

    def _undo_redo(self, path: str | None) -> None:
        if path is None:
            self.notify("没有可撤销/重做的修改")
            return
        for w in self.query(FieldInput):
            if w.path == path:
                with w.prevent(Input.Changed):
                    w.value = self.session.text(path)
        for a in self.query(NoteArea):
            if a.path == path:
                with a.prevent(TextArea.Changed):
                    a.text = self.session.text(path)
        if self.query(TableGrid):
            self.query_one(TableGrid).reload()
        self.after_change()

    def action_toggle_scope(self) -> None:
        self.whole = not self.whole
        self.query_one(Preview).border_title = "预览（全文）" if self.whole else "预览"
        self.request_preview()

    def action_focus_outline(self) -> None:
        self.query_one(Outline).focus()

    def action_check(self) -> None:
        try:
            self.findings = self.session.check()
        except JuesuanError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.reload_outline()
        self.update_status()
        from .findings import FindingsScreen
        self.app.push_screen(FindingsScreen(self.findings, self._finding_targets(self.findings)), self.jump)

    def action_pending(self) -> None:
        """F4: what the text still needs, each line one Enter from its field."""
        from narratives.locate import pending_items
        from .findings import JumpListScreen
        try:
            self.pending = pending_items(self.session.render(None))
        except JuesuanError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        items = self._pending_lines()
        self.update_status()
        self.app.push_screen(JumpListScreen(f"待填：{len(items)} 处", items,
                                            "文字需要的数字和说明都已填写。"), self.jump)

    def action_help(self) -> None:
        from .help import HelpScreen
        self.app.push_screen(HelpScreen())

    def action_switch_style(self) -> None:
        from .dialogs import ChoiceScreen
        from narratives.styles import load

        choices = []
        for name in self.session.styles():
            try:
                choices.append((name, f"{load(name).label}（{name}）"))
            except JuesuanError:
                continue

        def done(name: str | None) -> None:
            if not name:
                return
            try:
                self.session.set_style(name)
            except JuesuanError as exc:
                self.notify(str(exc), severity="error", timeout=8)
                return
            self.reload_outline()
            self.show_item(self.entries[0].key)
            self.query_one(Outline).highlighted = 0
            self.after_change()

        self.app.push_screen(ChoiceScreen("切换样式：", choices), done)

    def confirm_quit(self, then=None) -> None:
        """Quit (or run ``then``) — asking first when there are unsaved changes."""
        proceed = then or self.app.exit
        if not self.session.dirty:
            self.session.discard_recovery()
            proceed()
            return

        def done(answer: str | None) -> None:
            if answer == "save":
                if self.action_save():
                    proceed()
            elif answer == "discard":
                self.session.discard_recovery()
                proceed()

        self.app.push_screen(AskScreen("有未保存的修改。退出前要保存吗？",
                                       [("save", "保存并退出", "primary"), ("discard", "不保存", "error"),
                                        ("cancel", "取消", "default")]), done)
