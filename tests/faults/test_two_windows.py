"""Two windows on one project file (issue 19): the second save sees "已被另一个窗口修改" and the
clerk chooses (reload / save as / overwrite); each window keeps its own recovery file; Save As
asks before replacing a file.  At the session level and with two Pilot app instances."""
from __future__ import annotations

from decimal import Decimal

import pytest

from narratives import api
from narratives.recent import recovery_files
from narratives.session import SaveConflict, Session, TargetExists


# ---------------------------------------------------------------- the session
def test_the_second_save_is_a_conflict_not_a_silent_loss(project_copy):
    a, b = Session.open(project_copy), Session.open(project_copy)
    a.set_text("公开01表.收入总计", "200")
    a.save()
    b.set_text("说明.收支总计.变动原因", "B 的说明")
    with pytest.raises(SaveConflict, match="已被另一个窗口修改"):
        b.save()
    assert api.load(project_copy).t01.grand_income == Decimal("200")  # A's figures kept
    assert b.dirty


def test_reload_takes_the_other_windows_version(project_copy):
    a, b = Session.open(project_copy), Session.open(project_copy)
    a.set_text("公开01表.收入总计", "200")
    a.save()
    b.set_text("公开01表.收入总计", "300")
    b.reload()
    assert b.project.t01.grand_income == Decimal("200") and not b.dirty
    b.set_text("说明.收支总计.变动原因", "在 A 的基础上")
    b.save()  # no conflict now
    again = api.load(project_copy)
    assert again.t01.grand_income == Decimal("200") and again.note("收支总计") == "在 A 的基础上"


def test_overwrite_is_the_clerks_explicit_choice(project_copy):
    a, b = Session.open(project_copy), Session.open(project_copy)
    a.set_text("公开01表.收入总计", "200")
    a.save()
    b.set_text("公开01表.收入总计", "300")
    b.save(overwrite=True)
    assert api.load(project_copy).t01.grand_income == Decimal("300")
    # and now A is the one behind
    a.set_text("说明.收支总计.变动原因", "A again")
    with pytest.raises(SaveConflict):
        a.save()


def test_save_as_after_a_conflict_keeps_both(project_copy, tmp_path):
    a, b = Session.open(project_copy), Session.open(project_copy)
    a.set_text("公开01表.收入总计", "200")
    a.save()
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
    a, b = Session.open(project_copy), Session.open(project_copy)
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


@pytest.mark.asyncio
async def test_two_app_windows_the_second_save_asks_and_can_reload(project_copy):
    from tests.tui.helpers import field, retype, settle
    from tui.app import JuesuanApp
    from tui.screens.dialogs import AskScreen
    from tui.screens.editor import EditorScreen

    app_a, app_b = JuesuanApp(str(project_copy)), JuesuanApp(str(project_copy))
    async with app_a.run_test(size=SIZE) as pa, app_b.run_test(size=SIZE) as pb:
        await settle(pa, app_a)
        await settle(pb, app_b)
        assert isinstance(app_a.screen, EditorScreen) and isinstance(app_b.screen, EditorScreen)
        await retype(pa, app_a, field(app_a, "公开01表.收入总计"), "200")
        await pa.press("ctrl+s")
        await settle(pa, app_a)
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

    app_a, app_b = JuesuanApp(str(project_copy)), JuesuanApp(str(project_copy))
    async with app_a.run_test(size=SIZE) as pa, app_b.run_test(size=SIZE) as pb:
        await settle(pa, app_a)
        await settle(pb, app_b)
        await retype(pa, app_a, field(app_a, "公开01表.收入总计"), "200")
        await pa.press("ctrl+s")
        await settle(pa, app_a)
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
        messages = [n.message for n in app._notifications]
        assert any("已改存到" in m and str(_fallbacks_in_tmp[0]) in m for m in messages), messages
