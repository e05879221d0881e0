"""juesuan's Textual app: the screens, the app-wide actions, the theme.  Screens hold the work;
this file only routes (open, new, quit) and talks to the core through ``narratives.session``."""
from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding

from narratives.errors import JuesuanError

from .commands import JuesuanCommands


class JuesuanApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "决算公开 情况说明"
    COMMANDS = App.COMMANDS | {JuesuanCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        Binding("ctrl+q", "quit", "退出", priority=True),
        Binding("ctrl+p", "command_palette", "命令", show=False, priority=True),
        Binding("ctrl+o", "open_project", "打开", show=False),
        Binding("ctrl+n", "new_project", "新建", show=False),
    ]

    def __init__(self, path: str | None = None, launch=None) -> None:
        super().__init__()
        self.start_path = path
        # what `juesuan edit` learned of the first screen before Textual was imported: the kept
        # screen, or a helper process rendering it (tui/first_render.py); None: look it up here
        self.launch = launch

    # ---------------------------------------------------------------- Textual's own texts, in Chinese
    def get_system_commands(self, screen):
        yield SystemCommand("主题（配色）", "切换界面配色 zhuti theme", self.action_change_theme)
        yield SystemCommand("帮助", "按键和标记的说明（F1） bangzhu help", self._help)
        yield SystemCommand("截图", "把当前界面存为 SVG 图片 jietu screenshot",
                            lambda: self.set_timer(0.1, self.deliver_screenshot))
        yield SystemCommand("退出", "退出程序（Ctrl+Q） tuichu quit", self.action_quit)

    def _help(self) -> None:
        from .screens.help import HelpScreen
        self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder="搜索命令或字段（名称、科目编码、拼音首字母）…"))

    def notify(self, message: str, *, title: str = "", severity="information", timeout=None,
               markup: bool = True) -> None:
        # laid out here for the toast's width: a path broken only after "/", Chinese where Chinese
        # breaks (the toast broke file names mid-word); our messages are plain text, Textual's
        # own (with [b] markup) pass as they are
        from .widgets.paths import looks_like_markup, toast_layout
        if not (markup and looks_like_markup(str(message))):
            message, markup = toast_layout(str(message), self.size.width), False
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def action_help_quit(self) -> None:
        # Ctrl+C (a reflex to quit): say how, in Chinese
        self.notify("按 Ctrl+Q 退出（会先问是否保存）", title="要退出吗？")

    def on_mount(self) -> None:
        from .screens.start import OpeningScreen, StartScreen
        if not self.start_path:
            self.push_screen(StartScreen())
            return
        # paint at once; read the project (and import the core) once the first frame is out;
        # the text kept from the last launch of this very file (same bytes, styles, code) is
        # shown on that first frame, read-only until the real open replaces it
        launch = self.launch
        if launch is None:
            from .first_screen import load
            cached = load(self.start_path)
        else:  # kept from the last launch, or the helper's text if it is ready already
            cached = launch.cached or launch.result()
        if cached is not None:
            from .screens.cached import CachedScreen
            self.push_screen(CachedScreen(self.start_path, cached))
        elif launch is not None and launch.pending:
            # the helper is rendering the text: the editor's frame now, its text when it comes
            from .screens.cached import CachedScreen
            self.push_screen(CachedScreen(self.start_path))
            self._await_first(launch)
        else:
            self.push_screen(OpeningScreen(self.start_path))
        self.call_after_refresh(self._open_in_thread, self.start_path)
        import gc
        if not gc.isenabled():  # a launch that never gets to open: the collector back on anyway
            self.set_timer(10.0, gc.enable)

    @work(thread=True, group="first-render")
    def _await_first(self, launch) -> None:
        # the helper's first screen, when it comes before the live editor (a thread that only
        # waits on a pipe: it holds no lock the paint needs)
        try:
            from .first_render import DEADLINE
            first = launch.result(timeout=DEADLINE + 1)
            if first is not None:
                self.call_from_thread(self._show_first, first)
        except Exception:  # the app is closing, or anything else: only the head start is lost
            pass

    def _show_first(self, first) -> None:
        """The helper's text on the opening frame, read-only, until the live editor comes; never
        over the editor, a dialog (已被另一个窗口打开) or the start screen."""
        from .screens.cached import CachedScreen
        try:
            screen = self.screen
        except Exception:  # no screen any more: the app is closing
            return
        if isinstance(screen, CachedScreen) and screen.path == self.start_path:
            screen.fill(first)

    def _end_launch(self) -> None:
        if self.launch is not None:
            self.launch.close()  # the helper, if it still runs, is not needed any more
        import gc
        if not gc.isenabled():  # off for the launch (narratives/commands/edit.py): on again
            self.call_after_refresh(gc.enable)  # once the editor has painted

    @work(thread=True, exclusive=True, group="open")
    def _open_in_thread(self, path: str, read_only: bool = False, take_over: bool = False) -> None:
        from narratives.session import ProjectLocked, Session
        try:
            data = Path(path).read_bytes()  # the bytes the kept first screen is keyed by
        except OSError:
            data = None  # Session.open says what is wrong, in Chinese
        try:
            # remembered in the recent list once the editor is on screen
            session = Session.open(path, read_only=read_only, take_over=take_over, recent=False)
        except ProjectLocked as exc:  # another window has it open: the clerk chooses (rel)
            self.call_from_thread(self.ask_locked, path, str(exc))
            return
        except JuesuanError as exc:
            self.call_from_thread(self._open_failed, str(exc))
            return
        # while the opening screen is up: the editor's imports and the first section's text, so
        # the editor shows the text as it mounts (launch → text was 3.5× a bare app's paint)
        # (the outline's titles only: its marks need the whole text rendered, after the first paint)
        first = None
        try:
            from .blocks import document_blocks
            from .screens import editor  # noqa: F401  (its imports here, not on the main thread)
            entries = session.outline(marks=False)
            key = entries[0].key
            first = (key, document_blocks(session.render(key), whole=False), session.revision, entries)
        except Exception:
            first = None  # the editor renders it itself, as after any change
        self.call_from_thread(self._opened, session, first)
        if first is not None and data is not None:
            # kept for the next launch once the editor has painted (not competing with its mount)
            import threading
            painted = threading.Event()
            try:
                self.call_from_thread(self.call_after_refresh, painted.set)
            except Exception:  # the app is closing: keep it now
                painted.set()
            painted.wait(2.0)
        if first is not None and data is not None and not session.dirty:
            try:
                same = Path(path).read_bytes() == data  # the text is of these bytes, not newer ones
            except OSError:
                same = False
            if same:
                from .first_screen import store
                store(path, data, first[0], first[1], first[3])

    def _open_failed(self, message: str) -> None:
        from .screens.start import OpeningScreen, StartScreen
        self._end_launch()
        if isinstance(self.screen, OpeningScreen):
            self.switch_screen(StartScreen())
        self.notify(message, severity="error", timeout=10)

    def _opened(self, session, first=None) -> None:
        from .screens.editor import EditorScreen
        from .screens.start import OpeningScreen
        self._end_launch()
        if isinstance(self.screen, OpeningScreen):
            self.switch_screen(EditorScreen(session, first))
        else:
            self._show_session(session)
        self.call_after_refresh(self._remember, session.path)

    def _remember(self, path) -> None:
        from narratives.recent import remember
        self.run_worker(lambda: remember(path), thread=True, group="recent")

    # ---------------------------------------------------------------- routing
    @property
    def editor(self):
        from .screens.editor import EditorScreen
        for screen in reversed(self.screen_stack):
            if isinstance(screen, EditorScreen):
                return screen
        return None

    def ask_locked(self, path: str | Path, message: str) -> None:
        """The project is open in another window: read-only, take over, or not at all (rel)."""
        self._end_launch()  # the question comes first: a helper's text would only go under it
        from .screens.dialogs import AskScreen
        from .screens.start import OpeningScreen, StartScreen

        def answer(choice: str | None) -> None:
            if choice in ("readonly", "takeover"):
                if isinstance(self.screen, OpeningScreen):
                    self._open_in_thread(str(path), read_only=choice == "readonly",
                                         take_over=choice == "takeover")
                else:
                    self.open_path(path, read_only=choice == "readonly", take_over=choice == "takeover")
            elif isinstance(self.screen, OpeningScreen):
                self.switch_screen(StartScreen())

        self.push_screen(AskScreen(message, [("readonly", "只读打开", "primary"), ("takeover", "接管编辑", "error"),
                                             ("cancel", "取消", "default")]), answer)

    def open_path(self, path: str | Path, read_only: bool = False, take_over: bool = False) -> bool:
        from narratives.session import ProjectLocked, Session
        try:
            session = Session.open(path, read_only=read_only, take_over=take_over)
        except ProjectLocked as exc:
            self.ask_locked(path, str(exc))
            return False
        except JuesuanError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return False
        self._show_session(session)
        return True

    def _show_session(self, session) -> None:
        from .screens.editor import EditorScreen

        def go() -> None:
            if self.editor is not None:
                self.switch_screen(EditorScreen(session))
            else:
                self.push_screen(EditorScreen(session))

        if self.editor is not None and self.screen is self.editor:
            self.editor.confirm_quit(then=go)
        else:
            go()

    async def action_cmd(self, action: str) -> None:
        """A palette command: the editor's own action when a project is open."""
        if action in ("open_project", "new_project", "open_sample", "import_workbook"):
            await self.run_action(action)
            return
        editor = self.editor
        if editor is None:
            self.notify("请先打开或新建一个项目。", severity="warning")
            return
        await editor.run_action(action)

    def action_open_project(self) -> None:
        from .screens.files import FileScreen
        self.push_screen(FileScreen("打开项目文件（.toml）", save=False),
                         lambda p: p and self.open_path(p))

    def action_open_sample(self) -> None:
        from narratives.recent import copy_sample, samples
        from .screens.dialogs import ChoiceScreen

        def done(choice: str | None) -> None:
            if not choice:
                return
            try:
                # always the sample as bundled: an edited earlier copy is kept under its name
                self.open_path(copy_sample(choice, fresh=True))
            except JuesuanError as exc:
                self.notify(str(exc), severity="error", timeout=10)

        try:
            found = samples()
        except JuesuanError as exc:
            self.notify(str(exc), severity="error")
            return
        from .screens.start import sample_choices  # unit, year and style in Chinese, not file names
        self.push_screen(ChoiceScreen("打开示例（每次复制一份新的到你的文件夹，原示例不变）：",
                                      sample_choices(found)), done)

    def action_import_workbook(self) -> None:
        """导入: a 公开表 workbook (and, optionally, last year's project for 上年) → a new project."""
        from .screens.dialogs import PromptScreen
        from .screens.files import FileScreen

        def ask_prior(book: str | None) -> None:
            if book:
                self.push_screen(PromptScreen("上年的项目文件或工作簿（用于填上年数；没有就留空回车）：",
                                              placeholder="~/决算/某某中心2023.toml", allow_empty=True),
                                 lambda prior: prior is not None and self._import(book, prior))
        self.push_screen(FileScreen("导入公开表工作簿（.xlsx / .xls）", save=False,
                                    suffixes=(".xlsx", ".xls")), ask_prior)

    def _import(self, book: str, prior: str | None) -> None:
        from narratives.session import Session

        def work():
            try:
                session, notes = Session.import_workbook(book, prior or None)
            except JuesuanError as exc:
                self.call_from_thread(self.notify, str(exc), severity="error", timeout=12)
                return
            self.call_from_thread(self._imported, session, notes)
        self.notify("正在导入……", timeout=3)
        self.run_worker(work, thread=True, exclusive=True, group="import")

    def _imported(self, session, notes: list[str]) -> None:
        self.notify(f"已导入并保存为 {session.path}" + ("；" + "；".join(notes[:3]) if notes else ""),
                    timeout=10)
        self._show_session(session)

    def action_new_project(self) -> None:
        from narratives.styles import available, load
        from .screens.start import NewProjectScreen
        styles = []
        for name in sorted(available()):
            try:
                styles.append((name, load(name).label))
            except JuesuanError:
                continue
        self.push_screen(NewProjectScreen(styles))

    def create_project(self, values: dict, dialog, make_folder: bool = False) -> None:
        from narratives.session import Session
        from .screens.files import expand
        path = expand(values["path"])  # ~/决算/… as the placeholder suggests
        if path.suffix.lower() != ".toml":
            path = path.with_suffix(".toml")
        values = {**values, "path": str(path)}
        if not path.parent.is_dir():
            if not make_folder:
                from .screens.dialogs import AskScreen
                self.push_screen(AskScreen(f"文件夹 {path.parent} 不存在。要创建它吗？",
                                           [("create", "创建文件夹", "primary"), ("cancel", "取消", "default")]),
                                 lambda a: a == "create" and self.create_project(values, dialog, True))
                return
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                from narratives.io.projectfile import os_reason
                dialog.show_error(f"无法创建文件夹 {path.parent}：{os_reason(exc, path.parent.parent)}")
                return
        try:
            session = Session.new(values["path"], values["name"], values["year"], values["kind"],
                                  values["style"])
        except JuesuanError as exc:
            dialog.show_error(str(exc))
            return
        dialog.dismiss(None)
        self._show_session(session)

    async def action_quit(self) -> None:
        editor = self.editor
        if editor is not None:
            editor.confirm_quit()
        else:
            self.exit()


def run_app(path: str | None = None, launch=None) -> int:
    try:
        JuesuanApp(path, launch).run()
    finally:
        if launch is not None:
            launch.close()  # no helper outlives the app
        import gc
        gc.enable()
    return 0
