"""The editor's layout with the text kept from the last launch (tui/first_screen.py), shown on the
first frame while the project is read and the core imported; the real editor replaces it.

It is read-only: the core is not loaded yet, so a key typed here is refused visibly (a toast
saying the editor is loading) rather than silently lost.  Ctrl+Q still quits (an app binding).
"""
from __future__ import annotations

import time
from types import SimpleNamespace

from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static

from ..widgets.outline import Outline
from ..widgets.preview import Preview
from .start import OpeningScreen


class CachedScreen(OpeningScreen):
    """An OpeningScreen (the app's open/failure/lock routing treats it as one) that looks like the editor."""

    CSS_PATH = None  # its rules are below: the editor's sheet is parsed when the editor comes
    AUTO_FOCUS = None  # nothing to type into yet: keys come to the screen and are refused visibly
    DEFAULT_CSS = """
    CachedScreen #editor-body { height: 1fr; }
    CachedScreen #editor-outline { width: 28; }
    CachedScreen #editor-center { width: 5fr; height: 1fr; border: round $primary; }
    CachedScreen #editor-preview { width: 4fr; }
    CachedScreen #editor-status { height: 1; background: $panel; color: $text; }
    CachedScreen.-narrow #editor-body { layout: grid; grid-size: 2 2; grid-columns: 24 1fr; grid-rows: 3fr 2fr; }
    CachedScreen.-narrow #editor-outline { width: 24; row-span: 2; }
    CachedScreen.-narrow #editor-center { width: 1fr; }
    CachedScreen.-narrow #editor-preview { width: 1fr; }
    CachedScreen #cached-loading { color: $text-muted; padding: 1 2; }
    """

    def __init__(self, path: str, cached=None) -> None:
        super().__init__(path)
        # None: the text is still being rendered by the launch's helper (tui/first_render.py),
        # which ``fill`` gives it; the editor's frame is up meanwhile
        self.section, self.blocks, self.entries = None, [], []
        if cached is not None:
            self._take(cached)
        self._told = 0.0

    def _take(self, cached) -> None:
        self.section, self.blocks, entries = cached
        self.entries = [SimpleNamespace(missing=0, findings=0, pending=0, **e) for e in entries]

    def compose(self):
        with Horizontal(id="editor-body"):
            yield Outline(id="editor-outline")
            with Vertical(id="editor-center"):
                yield Static("正在载入项目，马上就可以编辑……" if self.blocks else f"正在打开 {self.path} …",
                             id="cached-loading", markup=False)
            yield Preview(id="editor-preview")
        yield Static(" 载入中（只读）", id="editor-status", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < 110, "-narrow")
        self.query_one("#editor-outline", Outline).border_title = "目录"
        self.query_one("#editor-preview", Preview).border_title = "预览"
        if self.blocks:
            self._show()

    def _show(self) -> None:
        self.query_one(Outline).load(self.entries)
        self.query_one(Outline).highlighted = 0
        self.query_one(Preview).show(self.blocks, 0)

    @property
    def shown(self) -> bool:
        """The text is on this screen (kept, or the helper's)."""
        return bool(self.blocks)

    def fill(self, cached) -> None:
        """The helper's first screen, rendered while this frame was painted."""
        if self.blocks:
            return
        self._take(cached)
        self.query_one("#cached-loading", Static).update("正在载入项目，马上就可以编辑……")
        self._show()

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < 110, "-narrow")

    def on_key(self, event) -> None:
        # the core is still loading: nothing can take the key; say so (once a second at most)
        event.stop()
        event.prevent_default()
        now = time.monotonic()
        if now - self._told > 1.0:
            self._told = now
            self.notify("正在载入项目，请稍候再输入（刚才的按键未生效）", severity="warning", timeout=2)
