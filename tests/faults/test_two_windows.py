"""Two windows on one project file (issue 19): the second window is told at open time that the
file is "已被另一个窗口打开" (a lock file beside the project) and opens it read-only or takes
over (the first is then told: test_taken_over.py); a save that finds the file changed since this
window read it (another window saved and closed, a program wrote it) sees "已被另一个窗口修改" and
the clerk chooses (reload / save as / overwrite); each window keeps its own recovery file; Save As
asks before replacing a file.  At the session level, with a second real process, and with Pilot
app instances."""
from __future__ import annotations

from decimal import Decimal

import pytest

from narratives import api
from narratives.recent import recovery_files
from narratives.session import SaveConflict, Session, TargetExists


# ---------------------------------------------------------------- the session
def _other_window_saves(path, income: str) -> None:
    """Another window takes the file over, saves and closes (its lock goes with it): a window
    still open on the file meets that save only at its own, as a changed file.  (While the other
    window still holds the file, this one is told it was taken over: test_taken_over.py.)"""
    other = Session.open(path, take_over=True)
    other.set_text("公开01表.收入总计", income)
    other.save()
    other.close()


def test_the_second_save_is_a_conflict_not_a_silent_loss(project_copy):
    b = Session.open(project_copy)
    _other_window_saves(project_copy, "200")
    b.set_text("说明.收支总计.变动原因", "B 的说明")
    with pytest.raises(SaveConflict, match="已被另一个窗口修改"):
        b.save()
    assert api.load(project_copy).t01.grand_income == Decimal("200")  # A's figures kept
    assert b.dirty


def test_reload_takes_the_other_windows_version(project_copy):
    b = Session.open(project_copy)
    _other_window_saves(project_copy, "200")
    b.set_text("公开01表.收入总计", "300")
    b.reload()
    assert b.project.t01.grand_income == Decimal("200") and not b.dirty
    b.set_text("说明.收支总计.变动原因", "在 A 的基础上")
    b.save()  # no conflict now
    again = api.load(project_copy)
    assert again.t01.grand_income == Decimal("200") and again.note("收支总计") == "在 A 的基础上"


def test_overwrite_is_the_clerks_explicit_choice(project_copy):
    b = Session.open(project_copy)
    _other_window_saves(project_copy, "200")
    b.set_text("公开01表.收入总计", "300")
    b.save(overwrite=True)
    assert api.load(project_copy).t01.grand_income == Decimal("300")
    # and when another window saves again, B is the one behind again
    _other_window_saves(project_copy, "400")
    b.set_text("说明.收支总计.变动原因", "B again")
    with pytest.raises(SaveConflict):
        b.save()


def test_save_as_after_a_conflict_keeps_both(project_copy, tmp_path):
    b = Session.open(project_copy)
    _other_window_saves(project_copy, "200")
    b.set_text("公开01表.收入总计", "300")
    b.save_as(tmp_path / "b.toml")
    assert api.load(project_copy).t01.grand_income == Decimal("200")
    assert api.load(tmp_path / "b.toml").t01.grand_income == Decimal("300")


def test_a_program_editing_the_file_is_noticed_too(project_copy):
    s = Session.open(project_copy)
    s.set_text("公开01表.收入总计", "200")
    project_copy.write_text(project_copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(SaveConflict):
        s.save()


def test_each_window_has_its_own_recovery_file_and_a_save_keeps_the_others(project_copy):
    a, b = Session.open(project_copy), Session.open(project_copy, take_over=True)
    a.set_text("说明.收支总计.变动原因", "A 未保存")
    b.set_text("说明.收支总计.变动原因", "B 未保存")
    assert a.autosave() and b.autosave()
    assert a.recovery_file != b.recovery_file
    assert len(recovery_files(project_copy)) == 2
    b.save()
    assert a.recovery_file.is_file() and not b.recovery_file.exists()
    assert "A 未保存" in a.recovery_file.read_text(encoding="utf-8")


def test_save_as_onto_an_existing_file_asks(project_copy, tmp_path):
    other = tmp_path / "other.toml"
    other.write_bytes(project_copy.read_bytes())
    s = Session.open(project_copy)
    s.set_text("公开01表.收入总计", "250")
    with pytest.raises(TargetExists, match="已存在"):
        s.save_as(other)
    assert api.load(other).t01.grand_income == Decimal("161.09") and s.path == project_copy
    s.save_as(other, overwrite=True)
    assert api.load(other).t01.grand_income == Decimal("250") and s.path == other


def test_save_as_onto_itself_is_a_plain_save(project_copy):
    s = Session.open(project_copy)
    s.set_text("公开01表.收入总计", "250")
    s.save_as(str(project_copy))
    assert api.load(project_copy).t01.grand_income == Decimal("250")


# ---------------------------------------------------------------- the app: two Pilot instances
SIZE = (140, 44)


async def _take_over(pilot, app) -> None:
    """The second window is asked at open time; the clerk takes over (the save-time check is
    what the tests below then exercise)."""
    from tests.tui.helpers import settle
    from tui.screens.dialogs import AskScreen
    assert isinstance(app.screen, AskScreen)
    assert "已被另一个窗口打开" in str(app.screen.query_one(".dialog-text").content)
    await pilot.click("#takeover")
    await settle(pilot, app)


@pytest.mark.asyncio
async def test_two_app_windows_the_second_save_asks_and_can_reload(project_copy):
    """Another window took over, saved and closed (in one step: the window's two-second check
    cannot come between): this window's save finds the file changed and asks."""
    from tests.tui.helpers import field, retype, settle
    from tui.app import JuesuanApp
    from tui.screens.dialogs import AskScreen
    from tui.screens.editor import EditorScreen

    app_b = JuesuanApp(str(project_copy))
    async with app_b.run_test(size=SIZE) as pb:
        await settle(pb, app_b)
        _other_window_saves(project_copy, "200")
        assert api.load(project_copy).t01.grand_income == Decimal("200")
        await retype(pb, app_b, field(app_b, "公开01表.收入总计"), "300")
        await pb.press("ctrl+s")
        await settle(pb, app_b)
        assert isinstance(app_b.screen, AskScreen)
        assert "已被另一个窗口修改" in str(app_b.screen.query_one(".dialog-text").content)
        assert api.load(project_copy).t01.grand_income == Decimal("200")  # A's save not erased
        await pb.click("#reload")
        await settle(pb, app_b)
        assert isinstance(app_b.screen, EditorScreen)
        assert app_b.screen.session.project.t01.grand_income == Decimal("200")
        assert not app_b.screen.session.dirty


@pytest.mark.asyncio
async def test_two_app_windows_overwrite_when_the_clerk_says_so(project_copy):
    from tests.tui.helpers import field, retype, settle
    from tui.app import JuesuanApp
    from tui.screens.dialogs import AskScreen

    app_b = JuesuanApp(str(project_copy))
    async with app_b.run_test(size=SIZE) as pb:
        await settle(pb, app_b)
        _other_window_saves(project_copy, "200")
        await retype(pb, app_b, field(app_b, "公开01表.收入总计"), "300")
        await pb.press("ctrl+s")
        await settle(pb, app_b)
        assert isinstance(app_b.screen, AskScreen)
        await pb.click("#overwrite")
        await settle(pb, app_b)
        assert api.load(project_copy).t01.grand_income == Decimal("300")


@pytest.mark.asyncio
async def test_save_as_in_the_app_asks_before_overwriting(project_copy, tmp_path):
    from tests.tui.helpers import field, retype, settle
    from tui.app import JuesuanApp
    from tui.screens.dialogs import AskScreen
    from tui.screens.files import FileScreen

    other = tmp_path / "other.toml"
    other.write_bytes(project_copy.read_bytes())
    app = JuesuanApp(str(project_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await retype(pilot, app, field(app, "公开01表.收入总计"), "250")
        await pilot.press("f3")
        await settle(pilot, app)
        assert isinstance(app.screen, FileScreen)
        from textual.widgets import Input
        app.screen.query_one("#file-input", Input).value = str(other)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, AskScreen) and "已存在" in str(app.screen.query_one(".dialog-text").content)
        await pilot.click("#cancel")
        await settle(pilot, app)
        assert api.load(other).t01.grand_income == Decimal("161.09")
        await pilot.press("f3")
        await settle(pilot, app)
        app.screen.query_one("#file-input", Input).value = str(other)
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.click("#overwrite")
        await settle(pilot, app)
        assert api.load(other).t01.grand_income == Decimal("250")


@pytest.mark.asyncio
async def test_the_app_on_a_read_only_disk_says_so_and_keeps_the_work(project_copy, monkeypatch):
    import errno
    import os
    from tests.tui.helpers import field, retype, settle
    from tui.app import JuesuanApp
    from tui.screens.editor import EditorScreen

    real = os.replace

    def replace(src, dst):  # the project's disk is read-only; the state folder is not
        if os.path.dirname(os.path.abspath(dst)) == str(project_copy.parent):
            raise OSError(errno.EROFS, "Read-only file system")
        return real(src, dst)
    before = project_copy.read_bytes()
    app = JuesuanApp(str(project_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await retype(pilot, app, field(app, "公开01表.收入总计"), "250")
        monkeypatch.setattr(os, "replace", replace)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.is_running and isinstance(app.screen, EditorScreen)
        messages = [n.message for n in app._notifications]
        assert any("只读" in m and "恢复文件" in m for m in messages), messages
        session = app.screen.session
        assert session.dirty and session.project.t01.grand_income == Decimal("250")
        assert "250" in session.recovery_file.read_text(encoding="utf-8")
    assert project_copy.read_bytes() == before


@pytest.mark.asyncio
async def test_the_app_says_where_the_recovery_file_went(project_copy, _fallbacks_in_tmp):
    import os
    from pathlib import Path
    from tests.tui.helpers import field, retype, settle
    from tui.app import JuesuanApp

    state = Path(os.environ["XDG_STATE_HOME"])
    state.mkdir(parents=True, exist_ok=True)
    (state / "juesuan").write_text("a file where the folder should be", encoding="utf-8")
    app = JuesuanApp(str(project_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await retype(pilot, app, field(app, "公开01表.收入总计"), "250")
        app.screen.autosave()  # what the 2-second timer does
        await settle(pilot, app)
        assert app.is_running
        # (a toast breaks a long path after a "/": the words are the same without the line breaks)
        messages = [n.message.replace("\n", "") for n in app._notifications]
        assert any("已改存到" in m and str(_fallbacks_in_tmp[0]) in m for m in messages), messages


# ---------------------------------------------------------------- the lock: told at open time
def test_the_second_window_is_told_at_open_time(project_copy):
    from narratives.session import ProjectLocked
    a = Session.open(project_copy)
    with pytest.raises(ProjectLocked, match="已被另一个窗口打开"):
        Session.open(project_copy)
    a.close()
    b = Session.open(project_copy)  # A let go: no question
    assert b._lock is not None and b._lock.held()


def test_read_only_cannot_save_over_the_file_but_can_save_as(project_copy, tmp_path):
    from narratives.session import ReadOnlyProject
    a = Session.open(project_copy)
    b = Session.open(project_copy, read_only=True)
    before = project_copy.read_bytes()
    b.set_text("公开01表.收入总计", "300")
    with pytest.raises(ReadOnlyProject, match="只读"):
        b.save()
    assert project_copy.read_bytes() == before
    assert "300" in b.recovery_file.read_text(encoding="utf-8")  # the work kept meanwhile
    b.save_as(tmp_path / "mine.toml")
    assert api.load(tmp_path / "mine.toml").t01.grand_income == Decimal("300")
    assert not b.read_only and b._lock.held()
    a.set_text("公开01表.收入总计", "200")
    a.save()  # A's lock was never touched
    assert api.load(project_copy).t01.grand_income == Decimal("200")


def test_take_over_then_the_save_time_check_still_guards(project_copy):
    """B takes over, saves and closes before A looks: A's save still finds the file changed
    (while B held it, A's save was refused as taken over: test_taken_over.py)."""
    a = Session.open(project_copy)
    b = Session.open(project_copy, take_over=True)
    assert b._lock.held() and not a._lock.held()
    b.set_text("公开01表.收入总计", "300")
    b.save()
    b.close()
    a.set_text("说明.收支总计.变动原因", "A 的说明")
    with pytest.raises(SaveConflict, match="已被另一个窗口修改"):
        a.save()
    assert api.load(project_copy).t01.grand_income == Decimal("300")
    assert a._lock.held()  # the lock B left with was made again for A
    a.close()


def test_save_as_onto_a_file_open_in_another_window_is_refused(project_copy, tmp_path):
    from narratives.session import ProjectLocked
    other = tmp_path / "other.toml"
    other.write_bytes(project_copy.read_bytes())
    held = Session.open(other)
    s = Session.open(project_copy)
    s.set_text("公开01表.收入总计", "250")
    with pytest.raises(ProjectLocked):
        s.save_as(other, overwrite=True)
    assert api.load(other).t01.grand_income == Decimal("161.09") and s.path == project_copy
    held.close()


HOLD = """
import sys
from narratives.session import Session
s = Session.open(sys.argv[1])
print("open", flush=True)
sys.stdin.readline()
"""


def _holder_process(path):
    import os
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, cwd=root,
                             env={**os.environ, "PYTHONPATH": str(root)})
    assert child.stdout.readline().strip() == "open"
    return child


def test_a_window_in_another_process_holds_the_file_until_it_dies(project_copy):
    """A real second process: its window is named by process id; once it is killed (no chance
    to remove its lock), the lock is stale and the next open takes it without a question."""
    import signal
    from narratives.session import ProjectLocked
    child = _holder_process(project_copy)
    try:
        with pytest.raises(ProjectLocked, match=f"本机进程 {child.pid}"):
            Session.open(project_copy)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    s = Session.open(project_copy)
    assert s._lock is not None and s._lock.held()


def test_a_window_that_closes_normally_removes_its_lock(project_copy):
    from narratives.project_lock import lock_path
    child = _holder_process(project_copy)
    assert lock_path(project_copy).is_file()
    child.communicate("\n", timeout=30)
    assert not lock_path(project_copy).exists()
    Session.open(project_copy).close()


def test_a_lock_from_another_computer_counts_as_held(project_copy):
    from narratives.project_lock import lock_path
    from narratives.session import ProjectLocked
    lock_path(project_copy).write_text('pid = 1\nhost = "财务室-PC"\ninstance = "1-abc"\nsince = "2026-11-30 09:00"\n',
                                       encoding="utf-8")
    with pytest.raises(ProjectLocked, match="计算机 财务室-PC"):
        Session.open(project_copy)


def test_a_garbage_lock_left_long_ago_is_stale(project_copy):
    import os
    from narratives.project_lock import lock_path
    lock = lock_path(project_copy)
    lock.write_bytes(b"\x00\xff not a lock")
    os.utime(lock, (1, 1))
    s = Session.open(project_copy)
    assert s._lock.held()


def test_a_symlink_and_its_target_share_one_lock(project_copy, tmp_path):
    from narratives.session import ProjectLocked
    link = tmp_path / "link.toml"
    link.symlink_to(project_copy)
    a = Session.open(project_copy)
    with pytest.raises(ProjectLocked):
        Session.open(link)
    a.close()


def test_a_read_only_folder_opens_without_a_lock(project_copy, monkeypatch):
    import errno
    import os
    real = os.open

    def refuse(path, flags, *args):
        if str(path).endswith(".juesuan-lock"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real(path, flags, *args)
    monkeypatch.setattr(os, "open", refuse)
    s = Session.open(project_copy)
    assert s._lock is None and not s.read_only


@pytest.mark.asyncio
async def test_two_app_windows_the_second_is_asked_at_open_and_can_open_read_only(project_copy):
    from tests.tui.helpers import field, retype, settle
    from tui.app import JuesuanApp
    from tui.screens.dialogs import AskScreen
    from tui.screens.editor import EditorScreen

    app_a, app_b = JuesuanApp(str(project_copy)), JuesuanApp(str(project_copy))
    async with app_a.run_test(size=SIZE) as pa:
        await settle(pa, app_a)  # the first window holds the file before the second opens it
        async with app_b.run_test(size=SIZE) as pb:
            await settle(pb, app_b)
            assert isinstance(app_a.screen, EditorScreen)
            assert isinstance(app_b.screen, AskScreen)
            assert "已被另一个窗口打开" in str(app_b.screen.query_one(".dialog-text").content)
            await pb.click("#readonly")
            await settle(pb, app_b)
            assert isinstance(app_b.screen, EditorScreen) and app_b.screen.session.read_only
            assert "只读" in str(app_b.screen.query_one("#editor-status").content)
            await retype(pb, app_b, field(app_b, "公开01表.收入总计"), "300")
            await pb.press("ctrl+s")
            await settle(pb, app_b)
            assert app_b.is_running
            assert any("只读" in n.message and "另存为" in n.message for n in app_b._notifications)
            assert api.load(project_copy).t01.grand_income == Decimal("161.09")
            await retype(pa, app_a, field(app_a, "公开01表.收入总计"), "200")
            await pa.press("ctrl+s")
            await settle(pa, app_a)
            assert api.load(project_copy).t01.grand_income == Decimal("200")  # A saves as usual


@pytest.mark.asyncio
async def test_the_second_app_window_can_cancel_and_a_closed_window_lets_go(project_copy):
    from tests.tui.helpers import settle
    from tui.app import JuesuanApp
    from tui.screens.editor import EditorScreen
    from tui.screens.start import StartScreen

    app_a = JuesuanApp(str(project_copy))
    async with app_a.run_test(size=SIZE) as pa:
        await settle(pa, app_a)
        app_b = JuesuanApp(str(project_copy))
        async with app_b.run_test(size=SIZE) as pb:
            await settle(pb, app_b)
            await pb.click("#cancel")
            await settle(pb, app_b)
            assert isinstance(app_b.screen, StartScreen)
    # A has closed: the next window opens the file without a question
    app_c = JuesuanApp(str(project_copy))
    async with app_c.run_test(size=SIZE) as pc:
        await settle(pc, app_c)
        assert isinstance(app_c.screen, EditorScreen) and not app_c.screen.session.read_only


def test_after_save_as_the_new_file_is_held_and_the_old_one_free(project_copy, tmp_path):
    from narratives.session import ProjectLocked
    s = Session.open(project_copy)
    s.save_as(tmp_path / "new.toml")
    with pytest.raises(ProjectLocked):
        Session.open(tmp_path / "new.toml")
    Session.open(project_copy).close()  # the old file was let go


@pytest.mark.asyncio
async def test_opening_from_the_start_screen_asks_too_and_can_take_over(project_copy):
    """The recent list and 打开 go through open_path, not the opening screen: same question."""
    from tests.tui.helpers import settle
    from tui.app import JuesuanApp
    from tui.screens.dialogs import AskScreen
    from tui.screens.editor import EditorScreen

    other = Session.open(project_copy)  # the other window
    app = JuesuanApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.open_path(project_copy)
        await settle(pilot, app)
        assert isinstance(app.screen, AskScreen)
        assert "已被另一个窗口打开" in str(app.screen.query_one(".dialog-text").content)
        await pilot.click("#takeover")
        await settle(pilot, app)
        assert isinstance(app.screen, EditorScreen) and not app.screen.session.read_only
        assert app.screen.session._lock.held() and not other._lock.held()


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import socket  # noqa: E402
_THIS_HOST = socket.gethostname()
_LOCK_TEXT = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda pid, host, inst: f'pid = {pid}\nhost = "{host}"\ninstance = "{inst}"\n'.encode(),
              st.one_of(st.integers(-2 ** 70, 2 ** 70), st.sampled_from(['"x"', "1.5", "[]", "0", str(2 ** 31), str(2 ** 64)])),
              st.sampled_from([_THIS_HOST, "", "another-pc"]), st.text(max_size=10).filter(lambda t: '"' not in t and "\\" not in t)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=_LOCK_TEXT, old=st.booleans())
def test_whatever_a_lock_file_holds_opening_gives_a_window_or_the_question(tmp_path_factory, data, old):
    """A lock file damaged, hand-edited or from a far-off pid: never a traceback."""
    import os
    from narratives.project_lock import lock_path
    from narratives.session import ProjectLocked
    from tests.conftest import SAMPLES
    folder = tmp_path_factory.mktemp("lockfuzz")
    project = folder / "p.toml"
    project.write_bytes((SAMPLES / "wendeng-legal-aid-2024.toml").read_bytes())
    lock = lock_path(project)
    lock.write_bytes(data)
    if old:
        os.utime(lock, (1, 1))
    try:
        s = Session.open(project)
    except ProjectLocked as exc:
        assert "已被另一个窗口打开" in str(exc)
    else:
        s.close()
