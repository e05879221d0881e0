"""A window whose file another window takes over (接管编辑) is told, turns read-only and keeps what
the clerk typed (the recovery file; Save As still open) — found from its own lock file on a timer
and at each save, before the save-time hash check would (which only sees a file the other window
has already saved).  Two sessions in one process, a real second process, and two Pilot apps."""
from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from narratives import api, project_lock
from narratives.project_lock import lock_path
from narratives.session import ReadOnlyProject, Session, TakenOver

ROOT = Path(__file__).resolve().parents[2]
TOLD = "已被另一个窗口接管编辑"


def test_the_window_taken_over_is_told_once_read_only_and_its_work_kept(project_copy, tmp_path):
    a = Session.open(project_copy)
    a.set_text("公开01表.收入总计", "300")
    assert a.check_lock() == ""  # still its own
    b = Session.open(project_copy, take_over=True)
    said = a.check_lock()
    assert said.startswith(f"p.toml {TOLD}（本程序的另一个窗口") and "本窗口改为只读" in said
    assert f"你的修改已保存在恢复文件 {a.recovery_file}" in said and "另存为" in said and "\n" not in said
    assert 'grand_income' not in said and "300" in a.recovery_file.read_text(encoding="utf-8")
    assert a.read_only and a.check_lock() == ""  # said once
    before = project_copy.read_bytes()
    with pytest.raises(ReadOnlyProject, match="本窗口已改为只读"):
        a.save()
    assert project_copy.read_bytes() == before
    a.save_as(tmp_path / "mine.toml")  # the clerk's way out: nothing typed is lost
    assert api.load(tmp_path / "mine.toml").t01.grand_income == Decimal("300")
    assert not a.read_only and a._lock.held() and a.check_lock() == ""
    a.set_text("公开01表.收入总计", "301")
    a.save()  # its own file now
    a.close()
    assert b._lock.held()  # A's letting go did not touch B's lock
    b.set_text("公开01表.收入总计", "200")
    b.save()
    assert api.load(project_copy).t01.grand_income == Decimal("200")


def test_a_save_right_after_a_take_over_is_refused_not_a_silent_overwrite(project_copy):
    """B took over and has not saved yet: the hash check alone would let A's save through,
    and B's later save would then be the one refused."""
    a = Session.open(project_copy)
    b = Session.open(project_copy, take_over=True)
    a.set_text("公开01表.收入总计", "300")
    before = project_copy.read_bytes()
    with pytest.raises(TakenOver, match=TOLD) as exc:
        a.save()
    assert "恢复文件" in str(exc.value) and a.read_only
    assert project_copy.read_bytes() == before
    b.set_text("公开01表.收入总计", "200")
    b.save()  # B's save goes through: A did not write in between
    assert api.load(project_copy).t01.grand_income == Decimal("200")


def test_a_clean_window_is_told_it_may_go_on_looking(project_copy):
    a = Session.open(project_copy)
    b = Session.open(project_copy, take_over=True)  # kept: a window dropped lets go of its lock
    said = a.check_lock()
    assert TOLD in said and "可以继续查看" in said and "恢复文件" not in said
    assert not a.recovery_file.exists() and b._lock.held()


def test_a_lock_file_deleted_by_hand_is_made_again_quietly(project_copy):
    a = Session.open(project_copy)
    lock_path(project_copy).unlink()
    assert a.check_lock() == "" and not a.read_only
    assert a._lock.held()
    a.close()  # the remade lock is let go of as usual
    assert not lock_path(project_copy).exists()


def test_the_timer_check_reads_the_lock_only_when_it_changed(project_copy, monkeypatch):
    a = Session.open(project_copy)
    assert a.check_lock() == ""
    reads = []
    real = project_lock.read_holder
    mine = lock_path(project_copy)
    monkeypatch.setattr(project_lock, "read_holder", lambda p: (p == mine and reads.append(p)) or real(p))
    for _ in range(5):
        assert a.check_lock() == ""
    assert reads == []  # a stat each time, nothing read while the file is unchanged
    b = Session.open(project_copy, take_over=True)
    assert TOLD in a.check_lock() and len(reads) == 1 and b._lock.held()


TAKE_OVER = """
import sys
from narratives.session import Session
s = Session.open(sys.argv[1], take_over=True)
print("open", flush=True)
sys.stdin.readline()
"""


def test_a_second_process_taking_over_is_noticed(project_copy):
    a = Session.open(project_copy)
    a.set_text("说明.收支总计.变动原因", "A 的说明")
    child = subprocess.Popen([sys.executable, "-c", TAKE_OVER, str(project_copy)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert child.stdout.readline().strip() == "open"
        said = a.check_lock()
        assert TOLD in said and f"本机进程 {child.pid} 的窗口" in said
        assert "A 的说明" in a.recovery_file.read_text(encoding="utf-8")
        with pytest.raises(ReadOnlyProject):
            a.save()
    finally:
        child.communicate("\n", timeout=60)
    assert child.returncode == 0 and not lock_path(project_copy).exists()  # the other let go normally
    assert a.read_only  # this window stays read-only: the clerk saves as, or opens the file again


@pytest.mark.asyncio
async def test_the_app_window_taken_over_says_so_and_keeps_the_work(project_copy):
    """The other window is a session here: two apps in one process would offer each other's
    recovery files as orphans (this process's other windows count as gone)."""
    from tests.faults.test_two_windows import SIZE
    from tests.tui.helpers import field, retype, settle
    from tui.app import JuesuanApp
    from tui.screens.dialogs import AskScreen

    app = JuesuanApp(str(project_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        editor = app.screen
        await retype(pilot, app, field(app, "公开01表.收入总计"), "300")
        other = Session.open(project_copy, take_over=True)
        editor.autosave()  # what the two-second timer does (it may have come first: told once)
        await settle(pilot, app)
        assert isinstance(app.screen, AskScreen)
        text = str(app.screen.query_one(".dialog-text").content)
        assert TOLD in text and "本窗口改为只读" in text and "恢复文件" in text
        assert "只读" in str(editor.query_one("#editor-status").content)
        assert "300" in editor.session.recovery_file.read_text(encoding="utf-8")
        await pilot.click("#ok")
        await settle(pilot, app)
        before = project_copy.read_bytes()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert project_copy.read_bytes() == before and app.is_running
        assert any("只读" in n.message and "另存为" in n.message for n in app._notifications)
        assert other._lock.held()


@pytest.mark.asyncio
async def test_the_app_save_after_a_take_over_asks_and_offers_save_as(project_copy):
    from tests.tui.helpers import field, retype, settle
    from tui.app import JuesuanApp
    from tui.screens.dialogs import AskScreen

    app = JuesuanApp(str(project_copy))
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot, app)
        await retype(pilot, app, field(app, "公开01表.收入总计"), "300")
        other = Session.open(project_copy, take_over=True)
        before = project_copy.read_bytes()
        await pilot.press("ctrl+s")  # before the timer noticed
        await settle(pilot, app)
        assert isinstance(app.screen, AskScreen) and TOLD in str(app.screen.query_one(".dialog-text").content)
        assert project_copy.read_bytes() == before
        await pilot.click("#save_as")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "FileScreen"  # the Save As dialog, one key from the work
        other.close()
