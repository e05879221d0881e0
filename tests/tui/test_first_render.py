"""The launch's helper on a miss (tui/first_render.py): a separate process renders the first
section while the app starts, so a file launched for the first time (or changed since) shows its
text before the core is imported in the app.  It must show the same words as the live editor,
never a stale text, leave no process behind, fall back to the normal open on any failure, and
never disturb another window holding the file (no lock, no recovery file, no recent list)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tui import first_render
from tui.first_render import Launch

ROOT = Path(__file__).resolve().parents[2]


def words(blocks_or_texts) -> list[str]:
    """The text, not its layout: a paragraph drawn before its width is known is not wrapped yet."""
    out = []
    for b in blocks_or_texts:
        text = b[1] if isinstance(b, (tuple, list)) else b
        out.append(text.replace("\n", ""))
    return out


def shown_texts(screen) -> list[str]:
    return words(str(w.render()) for w in screen.query("PreviewPara"))


def live_blocks(path: Path):
    """What the live editor shows first for ``path``, computed in this process."""
    from narratives.session import Session
    from tui.blocks import document_blocks
    s = Session.open(path, read_only=True, recent=False)
    entries = s.outline(marks=False)
    return entries, document_blocks(s.render(entries[0].key), whole=False)


def helper(path: Path) -> Launch:
    launch = Launch(str(path))
    assert launch.spawn(path.read_bytes())  # the real helper command, whatever the machine's load
    return launch


async def until(pilot, condition, limit: float = 60.0) -> None:
    for _ in range(int(limit / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app did not get there")


def gone(pid: int) -> bool:
    """The process is reaped (no zombie left either)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_helpers_text_is_the_live_editors(yangquan_copy):
    launch = helper(yangquan_copy)
    got = launch.result(timeout=60)
    assert got is not None
    section, blocks, entries = got
    live_entries, live = live_blocks(yangquan_copy)
    assert section == live_entries[0].key
    assert blocks == live  # the same blocks: text, kinds and sources (Enter on a sentence jumps)
    assert [(e["key"], e["label"], e["kind"]) for e in entries] == [(e.key, e.label, e.kind) for e in live_entries]
    assert gone(launch.proc.pid) and launch.proc.returncode == 0


def test_the_helper_never_imports_textual_and_the_launch_side_imports_no_core(yangquan_copy):
    code = ("import sys, json\n"
            "from tui import first_render\n"
            "launch = first_render.start(sys.argv[1])\n"
            "launch_side = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'pydantic', 'jinja2')"
            " or m.startswith('narratives.session') or m.startswith('narratives.model'))\n"
            "launch.close()\n"
            "first_render.render_first(sys.argv[1], open(sys.argv[1], 'rb').read())\n"
            "helper_side = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            "print(json.dumps([launch_side, helper_side, 'narratives.session' in sys.modules]))\n")
    proc = subprocess.run([sys.executable, "-c", code, str(yangquan_copy)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    launch_side, helper_side, core = json.loads(proc.stdout.splitlines()[-1])
    assert launch_side == [] and helper_side == [] and core  # the helper's side did import the core


def test_the_forked_helper_of_a_fresh_launch_gives_the_live_editors_blocks_and_is_reaped(yangquan_copy):
    """``juesuan edit`` starts single-threaded: the helper is forked (no new interpreter)."""
    code = ("import sys, json, os\n"
            "from tui import first_render\n"
            "first_render.worth_it = lambda: True  # whatever the machine's load now\n"
            "launch = first_render.start(sys.argv[1])\n"
            "forked = type(launch.proc).__name__\n"
            "section, blocks, entries = launch.result(timeout=60)\n"
            "launch.close()\n"
            "try:\n"
            "    os.kill(launch.proc.pid, 0); gone = False\n"
            "except ProcessLookupError:\n"
            "    gone = True\n"
            "print(json.dumps([forked, section, [[k, t, sorted(s)] for k, t, s in blocks], gone, launch.proc.returncode]))\n")
    proc = subprocess.run([sys.executable, "-c", code, str(yangquan_copy)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.stderr == ""
    forked, section, blocks, was_gone, code = json.loads(proc.stdout.splitlines()[-1])
    entries, live = live_blocks(yangquan_copy)
    assert forked == "_Forked" and section == entries[0].key
    assert blocks == [[k, t, sorted(s)] for k, t, s in live]
    assert was_gone and code == 0


def test_a_helper_for_bytes_that_changed_meanwhile_is_not_used(yangquan_copy):
    # the helper as a new interpreter reads the file itself (a forked one renders the very bytes
    # the launch read): saved again in between, its text is of other bytes and never shown
    launch = Launch(str(yangquan_copy))
    launch.spawn(b"# the bytes the app read at launch, before the file was saved again\n",
                 command=[sys.executable, "-c", first_render._CODE, str(ROOT), str(yangquan_copy)])
    assert launch.result(timeout=60) is None
    assert launch.proc.returncode == 0  # it did render (the file as it is now)


@pytest.mark.parametrize("code", [
    "import sys; sys.exit(3)",                                     # fails
    "print('not json')",                                           # garbles
    "import json; print(json.dumps({'sha': 'x', 'section': 'a', 'blocks': [], 'entries': []}))",
    "import sys; sys.stdout.write('{\"sha\": 1'); sys.stdout.flush(); import os; os._exit(0)",
])
def test_a_failing_helper_is_only_a_miss(yangquan_copy, code):
    launch = Launch(str(yangquan_copy))
    launch.spawn(yangquan_copy.read_bytes(), command=[sys.executable, "-c", code])
    assert launch.result(timeout=60) is None
    assert gone(launch.proc.pid)


@pytest.mark.asyncio
async def test_a_miss_shows_the_helpers_text_then_the_live_editor_with_the_same_words(yangquan_copy, monkeypatch):
    """The order is made certain: the live open waits until the helper's text is on screen."""
    from narratives.session import Session
    from tui.app import JuesuanApp
    from tui.screens.cached import CachedScreen
    from tui.screens.editor import EditorScreen
    from tui.widgets.preview import Preview

    go = threading.Event()
    real_open = Session.open.__func__

    def held_open(cls, *args, **kwargs):
        go.wait(60)
        return real_open(cls, *args, **kwargs)
    monkeypatch.setattr(Session, "open", classmethod(held_open))

    launch = helper(yangquan_copy)
    app = JuesuanApp(str(yangquan_copy), launch)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CachedScreen) and app.screen.shown)
        await pilot.pause()
        first = shown_texts(app.screen)
        await pilot.press("1")  # read-only until the live editor: refused visibly, not lost silently
        await pilot.pause()
        assert any("正在载入" in n.message for n in app._notifications)
        go.set()
        await until(pilot, lambda: isinstance(app.screen, EditorScreen)
                    and app.screen.query(Preview) and app.screen.query_one(Preview).revision >= 0)
        await pilot.pause()
        live = shown_texts(app.screen)
        assert first and first == live
        assert any("万元" in t for t in live)
        assert launch.proc.returncode is not None  # ended and reaped once the live editor is on
    assert gone(launch.proc.pid)


@pytest.mark.asyncio
async def test_a_helper_done_before_the_app_shows_its_text_on_the_first_frame(yangquan_copy):
    from tui.app import JuesuanApp
    from tui.screens.cached import CachedScreen
    from tui.screens.editor import EditorScreen
    from tui.widgets.preview import Preview

    launch = helper(yangquan_copy)
    assert launch.result(timeout=60) is not None
    app = JuesuanApp(str(yangquan_copy), launch)
    screens = []
    async with app.run_test(size=(120, 40)) as pilot:
        screens.append(type(app.screen))
        await until(pilot, lambda: isinstance(app.screen, EditorScreen)
                    and app.screen.query(Preview) and app.screen.query_one(Preview).revision >= 0)
        await pilot.pause()
        live = shown_texts(app.screen)
    assert screens == [CachedScreen]
    _entries, blocks = live_blocks(yangquan_copy)
    assert live == words(blocks)


@pytest.mark.asyncio
@pytest.mark.parametrize("code", ["import sys; sys.exit(3)", "import time; time.sleep(60)"])
async def test_a_failed_or_stuck_helper_falls_back_to_the_normal_open_and_is_not_left_behind(yangquan_copy, code):
    from tui.app import JuesuanApp
    from tui.screens.editor import EditorScreen
    from tui.widgets.preview import Preview

    launch = Launch(str(yangquan_copy))
    launch.spawn(yangquan_copy.read_bytes(), command=[sys.executable, "-c", code])
    app = JuesuanApp(str(yangquan_copy), launch)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EditorScreen)
                    and app.screen.query(Preview) and app.screen.query_one(Preview).revision >= 0)
        await pilot.pause()
        assert shown_texts(app.screen)  # the live editor's text, as without a helper
        assert not [n for n in app._notifications if n.severity == "error"]
        # the live editor is on: a helper still running is killed and reaped at once
        assert launch.proc.returncode is not None
    assert gone(launch.proc.pid)


@pytest.mark.asyncio
async def test_the_helper_does_not_disturb_a_window_holding_the_file(yangquan_copy, tmp_path):
    from narratives.recent import recent_projects, recovery_files
    from narratives.session import ProjectLocked, Session
    from tui.app import JuesuanApp
    from tui.screens.dialogs import AskScreen

    first = Session.open(yangquan_copy, recent=False)  # the first window, editing
    try:
        locks = sorted(p.name for p in yangquan_copy.parent.iterdir() if p.name.endswith(".juesuan-lock"))
        lock = yangquan_copy.parent / locks[0]
        held = lock.read_bytes()
        launch = helper(yangquan_copy)
        assert launch.result(timeout=60) is not None  # it rendered the locked file: reading only
        assert lock.read_bytes() == held  # the first window's lock, untouched
        assert recovery_files(yangquan_copy) == [] and list(recent_projects()) == []
        with pytest.raises(ProjectLocked):
            Session.open(yangquan_copy)  # still held by the first window

        # the second window: asked 已被另一个窗口打开, the helper's text not put over the question
        launch = helper(yangquan_copy)
        app = JuesuanApp(str(yangquan_copy), launch)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, AskScreen))
            await pilot.pause(0.5)
            assert isinstance(app.screen, AskScreen)
            assert launch.proc.returncode is not None  # the question came: the helper is ended
        assert gone(launch.proc.pid)
        assert lock.read_bytes() == held
    finally:
        first.close()


def test_the_launch_spawns_no_helper_on_one_core_or_a_busy_machine(yangquan_copy, monkeypatch):
    monkeypatch.setattr(first_render, "_cores", lambda: 1)
    launch = first_render.start(yangquan_copy)
    assert launch.cached is None and launch.proc is None and not launch.pending
    monkeypatch.setattr(first_render, "_cores", lambda: 2)
    monkeypatch.setattr(first_render, "_running_now", lambda: 2)  # this launch and one other task
    monkeypatch.setattr(os, "getloadavg", lambda: (1.6, 1.5, 1.0))  # and more than one on average
    assert first_render.start(yangquan_copy).proc is None
    monkeypatch.setattr(first_render, "_running_now", lambda: None)  # no /proc: the load average
    monkeypatch.setattr(os, "getloadavg", lambda: (3.0, 2.0, 1.0))
    assert first_render.start(yangquan_copy).proc is None
    monkeypatch.setattr(os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    launch = first_render.start(yangquan_copy)
    try:
        assert launch.proc is not None
    finally:
        launch.close()
    assert gone(launch.proc.pid)
    monkeypatch.setattr(first_render, "_running_now", lambda: 1)  # only this launch runs
    monkeypatch.setattr(os, "getloadavg", lambda: (3.0, 2.0, 1.0))  # busy a minute ago
    launch = first_render.start(yangquan_copy)
    try:
        assert launch.proc is not None
    finally:
        launch.close()
    assert gone(launch.proc.pid)
    monkeypatch.setattr(first_render, "_running_now", lambda: 2)  # another task just now
    monkeypatch.setattr(os, "getloadavg", lambda: (1.1, 0.9, 0.8))  # about one on average
    launch = first_render.start(yangquan_copy)
    try:
        assert launch.proc is not None
    finally:
        launch.close()
    # not a regular file: nothing read (a pipe would block), the app's open says what is wrong
    assert first_render.start(yangquan_copy.parent).proc is None
    assert first_render.start(yangquan_copy.with_name("nowhere.toml")).proc is None


def test_a_kept_first_screen_needs_no_helper(yangquan_copy, monkeypatch):
    from tui import first_screen
    entries, blocks = live_blocks(yangquan_copy)
    assert first_screen.store(yangquan_copy, yangquan_copy.read_bytes(), entries[0].key, blocks, entries)
    monkeypatch.setattr(first_render, "worth_it", lambda: True)
    launch = first_render.start(yangquan_copy)
    assert launch.cached is not None and launch.proc is None


def test_the_helper_ends_itself_when_the_app_is_gone(yangquan_copy):
    """The app killed with no chance to clean up: the helper still ends (its write to a closed
    pipe fails quietly), and prints nothing on the terminal."""
    code = ("import sys, os\n"
            "from tui import first_render\n"
            "launch = first_render.Launch(sys.argv[1])\n"
            "launch.spawn(open(sys.argv[1], 'rb').read())\n"
            "print(launch.proc.pid, flush=True)\n"
            "os._exit(0)\n")  # no atexit, no close: as after kill -9
    proc = subprocess.run([sys.executable, "-c", code, str(yangquan_copy)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    pid = int(proc.stdout.split()[0])
    assert proc.stderr == ""
    for _ in range(200):  # its deadline is 10 s; it normally ends within a second
        if gone(pid) or _zombie(pid):  # an orphan is reaped by init; a zombie has ended
            break
        time.sleep(0.1)
    assert gone(pid) or _zombie(pid)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


@pytest.mark.asyncio
async def test_a_broken_file_with_a_helper_ends_on_the_start_screen_with_the_message(tmp_path):
    from tui.app import JuesuanApp
    from tui.screens.start import StartScreen

    broken = tmp_path / "broken.toml"
    broken.write_text('[单位\n名称 = "某中心"\n', encoding="utf-8")
    launch = helper(broken)
    app = JuesuanApp(str(broken), launch)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("不是有效的 TOML" in m for m in said), said
        assert launch.result(timeout=60) is None  # the helper failed too, silently
    assert gone(launch.proc.pid)


def test_the_collector_is_on_again_once_the_launch_is_over(yangquan_copy, tmp_path):
    """`juesuan edit` turns the cyclic garbage collector off for the launch: it must be on again
    while the clerk works (and after the app ends)."""
    code = ("import gc, json, sys\n"
            "import narratives.cli\n"
            "import tui.app\n"
            "from tui.app import JuesuanApp\n"
            "states = []\n"
            "from pathlib import Path\n"
            "class Probe(JuesuanApp):\n"
            "    CSS_PATH = str(Path(tui.app.__file__).parent / 'app.tcss')  # relative paths need a source file\n"
            "    def on_ready(self):\n"
            "        states.append(gc.isenabled())  # the first paint: still off\n"
            "        self.set_interval(0.05, self._check)\n"
            "    def _check(self):\n"
            "        if type(self.screen).__name__ == 'EditorScreen' and gc.isenabled():\n"
            "            states.append(True)\n"
            "            self.exit()\n"
            "def run_app(path=None, launch=None):\n"
            "    try:\n"
            "        Probe(path, launch).run(headless=True, size=(120, 40))\n"
            "    finally:\n"
            "        launch.close()\n"
            "    return 0\n"
            "tui.app.run_app = run_app\n"
            "narratives.cli.main(['edit', sys.argv[1]])\n"
            "print(json.dumps([states, gc.isenabled()]))\n")
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-c", code, str(yangquan_copy)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)
    states, after = json.loads(proc.stdout.splitlines()[-1])
    assert states == [False, True] and after
