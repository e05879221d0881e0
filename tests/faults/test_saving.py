"""Saving that cannot destroy (issue 19, "Output over its own input", "Atomic save replaces
whatever the path is", "Read-only folder"): real files, symlinks, a FIFO, /dev/null, a folder
that cannot be written (tests run as root, so read-only is simulated: a file where the folder
should be, or the file system's EROFS/ENOSPC injected into os.replace)."""
from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from narratives import api
from narratives.cli import main
from narratives.io.projectfile import ProjectFileError, atomic_write
from narratives.session import Session


def _juesuan(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    """The command as the clerk runs it: a separate process (a traceback or abort would show)."""
    return subprocess.run([sys.executable, "-m", "narratives.cli", *argv], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


# ---------------------------------------------------------------- -o over its own input
@pytest.mark.parametrize("argv", [
    ["export", "p.toml", "-o", "p.toml"],
    ["export", "p.toml", "--format", "md", "-o", "p.toml"],
    ["render", "p.toml", "-o", "p.toml"],
    ["check", "p.toml", "-o", "p.toml"],
    ["audit", "p.toml", "-o", "p.toml"],
    ["render", "p.toml", "-o", "./sub/../p.toml"],
])
def test_output_onto_its_own_input_is_refused(project_copy, argv, capsys, monkeypatch):
    monkeypatch.chdir(project_copy.parent)
    (project_copy.parent / "sub").mkdir()
    before = project_copy.read_bytes()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "就是输入文件" in err and "--force" in err
    assert project_copy.read_bytes() == before


def test_output_through_a_symlink_to_the_input_is_refused(project_copy, capsys, monkeypatch):
    monkeypatch.chdir(project_copy.parent)
    os.symlink("p.toml", "alias.toml")
    before = project_copy.read_bytes()
    assert main(["render", "p.toml", "-o", "alias.toml"]) == 2
    assert "就是输入文件" in capsys.readouterr().err
    assert project_copy.read_bytes() == before


def test_output_onto_another_project_file_is_refused_unless_force(project_copy, tmp_path, capsys):
    other = tmp_path / "other.toml"
    other.write_bytes(project_copy.read_bytes())
    assert main(["render", str(project_copy), "-o", str(other)]) == 2
    assert "是一个项目文件" in capsys.readouterr().err
    assert api.load(other)  # still a project
    assert main(["render", str(project_copy), "-o", str(other), "--force"]) == 0
    assert other.read_text(encoding="utf-8").startswith("## 第三部分")


def test_output_over_an_ordinary_report_is_still_fine(project_copy, tmp_path):
    out = tmp_path / "report.md"
    out.write_text("old report", encoding="utf-8")
    assert main(["render", str(project_copy), "-o", str(out)]) == 0
    assert "第三部分" in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------- symlinks
def test_a_symlinked_project_stays_a_link_and_its_target_is_saved(project_copy, tmp_path):
    link = tmp_path / "link.toml"
    link.symlink_to(project_copy)
    s = Session.open(link)
    s.set_text("说明.收支总计.变动原因", "经链接保存的原因")
    s.save()
    assert link.is_symlink() and os.readlink(link) == str(project_copy)
    assert api.load(project_copy).note("收支总计") == "经链接保存的原因"


def test_a_dangling_symlink_as_output_creates_its_target(tmp_path, project_copy):
    target = tmp_path / "real.md"
    link = tmp_path / "out.md"
    link.symlink_to(target)
    assert main(["render", str(project_copy), "-o", str(link)]) == 0
    assert link.is_symlink() and "第三部分" in target.read_text(encoding="utf-8")


def test_a_relative_symlink_in_another_folder_is_followed(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "real.txt").write_text("old", encoding="utf-8")
    (tmp_path / "b" / "link.txt").symlink_to("../a/real.txt")
    atomic_write(tmp_path / "b" / "link.txt", "new")
    assert (tmp_path / "b" / "link.txt").is_symlink()
    assert (tmp_path / "a" / "real.txt").read_text(encoding="utf-8") == "new"


# ---------------------------------------------------------------- special files
def _null_device(tmp_path: Path) -> str:
    """A private twin of /dev/null (same device numbers) where we may make one (as root, as the
    tests run here): a regression then replaces the twin, not the system's /dev/null.  Elsewhere
    /dev/null itself, which a user cannot replace anyway."""
    twin = tmp_path / "null"
    try:
        os.mknod(twin, stat.S_IFCHR | 0o666, os.stat("/dev/null").st_rdev)
        with open(twin, "wb") as fh:  # a folder mounted nodev refuses devices: use /dev/null then
            fh.write(b"x")
        return str(twin)
    except (PermissionError, OSError, AttributeError):
        return "/dev/null"


def test_dev_null_stays_a_device(project_copy, tmp_path):
    null = _null_device(tmp_path)
    result = _juesuan("render", str(project_copy), "-o", null, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode)
    result = _juesuan("export", str(project_copy), "--format", "md", "-o", null, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert main(["check", str(project_copy), "-o", null]) in (0, 1)
    assert stat.S_ISCHR(os.stat(null).st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_output_is_written_through_not_replaced(project_copy, tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def reader():
        with open(fifo, "rb") as fh:
            got.append(fh.read())
    t = threading.Thread(target=reader)
    t.start()
    try:
        import time
        for _ in range(100):  # the reader must have opened its end before we write
            time.sleep(0.02)
            if got or t.is_alive():
                break
        rc = None
        for _ in range(50):
            try:
                atomic_write(fifo, "经管道写出")
                rc = 0
                break
            except ProjectFileError as exc:
                assert "没有程序在读取" in str(exc)
                time.sleep(0.05)
        assert rc == 0
    finally:
        t.join(timeout=10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got == ["经管道写出".encode("utf-8")]


def test_a_fifo_nobody_reads_is_refused_not_waited_on(tmp_path, project_copy, capsys):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    assert main(["render", str(project_copy), "-o", str(fifo)]) == 2
    assert "没有程序在读取" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_folder_as_output_is_refused_in_chinese(tmp_path, project_copy, capsys):
    (tmp_path / "out.md").mkdir()
    assert main(["render", str(project_copy), "-o", str(tmp_path / "out.md")]) == 2
    assert "文件夹" in capsys.readouterr().err


def test_a_fifo_as_project_file_is_refused_not_waited_on(tmp_path, capsys):
    fifo = tmp_path / "p.toml"
    os.mkfifo(fifo)
    assert main(["render", str(fifo)]) == 2
    assert "不是普通文件" in capsys.readouterr().err


# ---------------------------------------------------------------- read-only and full disks
def _fail_replace(monkeypatch, code: int, folder: Path | None = None) -> None:
    """os.replace fails as on a read-only or full disk (only inside ``folder`` when given: the
    project's disk, not the state folder's)."""
    real = os.replace

    def replace(src, dst):
        if folder is None or Path(dst).parent == folder:
            raise OSError(code, os.strerror(code))
        return real(src, dst)
    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("code, words", [(errno.EROFS, "只读"), (errno.ENOSPC, "磁盘已满"),
                                         (errno.EACCES, "没有写入权限")])
def test_commands_on_a_read_only_or_full_disk_say_so_in_chinese(project_copy, tmp_path, monkeypatch,
                                                               capsys, code, words):
    _fail_replace(monkeypatch, code)
    for argv in (["render", str(project_copy), "-o", str(tmp_path / "x.md")],
                 ["check", str(project_copy), "-o", str(tmp_path / "x.txt")],
                 ["export", str(project_copy), "--format", "md", "-o", str(tmp_path / "x2.md")],
                 ["export", str(project_copy), "-o", str(tmp_path / "x.docx"), "--no-charts"],
                 ["new", "--name", "某单位", "--year", "2024", "-o", str(tmp_path / "n.toml")],
                 ["new", "--from", str(project_copy), "-o", str(tmp_path / "n2.toml")],
                 ["import", str(_book(tmp_path)), "-o", str(tmp_path / "i.toml")],
                 ["audit", str(_rendered(project_copy, tmp_path)), "-o", str(tmp_path / "a.txt")]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert words in err and "内部错误" not in err and "Traceback" not in err, (argv, err)
    # the style copy says it in its own words, but never as an internal error
    assert main(["styles", "new", "mine", "--from", "shanxi", "--to", str(tmp_path / "styles")]) == 2
    assert "内部错误" not in capsys.readouterr().err
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def _book(tmp_path: Path) -> Path:
    from tests.fixtures import hostile
    book = tmp_path / "book.xlsx"
    if not book.exists():
        hostile.workbook().save(book)
    return book


def _rendered(project_copy: Path, tmp_path: Path) -> Path:
    out = tmp_path / "published.md"
    if not out.exists():
        out.write_text(api.to_markdown(api.render(api.load(project_copy))), encoding="utf-8")
    return out


def test_mkstemp_on_a_read_only_folder_is_a_chinese_message(tmp_path, monkeypatch):
    import tempfile

    def mkstemp(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(ProjectFileError, match="只读"):
        atomic_write(tmp_path / "x.toml", "x")


def test_save_on_a_read_only_disk_keeps_the_work_in_memory_and_in_recovery(project_copy, monkeypatch):
    s = Session.open(project_copy)
    s.set_text("说明.收支总计.变动原因", "只读盘上的修改")
    before = project_copy.read_bytes()
    with monkeypatch.context() as m:
        _fail_replace(m, errno.EROFS, project_copy.parent)
        with pytest.raises(ProjectFileError) as exc:
            s.save()
    message = str(exc.value)
    assert "只读" in message and "恢复文件" in message and str(s.recovery_file) in message
    assert s.dirty and s.project.note("收支总计") == "只读盘上的修改"
    assert project_copy.read_bytes() == before
    # the recovery file holds the work: a new window (once this one is gone) offers it
    s.close()
    again = Session.open(project_copy)
    assert again.has_recovery()
    again.recover()
    assert again.project.note("收支总计") == "只读盘上的修改"


def test_recovery_falls_back_when_its_folder_cannot_be_made(project_copy, tmp_path, monkeypatch,
                                                          _fallbacks_in_tmp):
    state = Path(os.environ["XDG_STATE_HOME"])
    state.mkdir(parents=True, exist_ok=True)
    (state / "juesuan").write_text("a file where the folder should be", encoding="utf-8")
    s = Session.open(project_copy)
    s.set_text("说明.收支总计.变动原因", "无处可存的修改")
    assert s.autosave()  # no exception, no lost work
    assert s.recovery_file.parent == _fallbacks_in_tmp[0]
    assert "已改存到" in s.recovery_note and str(_fallbacks_in_tmp[0]) in s.recovery_note
    s.close()
    again = Session.open(project_copy)
    assert again.has_recovery()
    again.recover()
    assert again.project.note("收支总计") == "无处可存的修改"


def test_autosave_with_no_folder_at_all_reports_and_does_not_raise(project_copy, tmp_path, monkeypatch,
                                                                  _fallbacks_in_tmp):
    for folder in [Path(os.environ["XDG_STATE_HOME"]) / "juesuan", *_fallbacks_in_tmp]:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.write_text("x", encoding="utf-8")
    s = Session.open(project_copy)
    s.set_text("说明.收支总计.变动原因", "x")
    assert s.autosave() is False
    assert "无法创建恢复文件" in s.recovery_problem
    s.save()  # saving itself still works
    assert api.load(project_copy).note("收支总计") == "x"


def test_no_temporary_file_is_left_after_a_failed_replace(tmp_path, monkeypatch):
    target = tmp_path / "p.toml"
    target.write_text("old", encoding="utf-8")
    with monkeypatch.context() as m:
        _fail_replace(m, errno.ENOSPC)
        with pytest.raises(ProjectFileError, match="磁盘已满"):
            atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.toml"]


def test_the_file_keeps_its_mode(tmp_path):
    target = tmp_path / "p.toml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    atomic_write(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_both_disks_failing_still_keeps_the_work_in_memory(project_copy, monkeypatch):
    s = Session.open(project_copy)
    s.set_text("说明.收支总计.变动原因", "两处都写不了")
    with monkeypatch.context() as m:
        _fail_replace(m, errno.EROFS)
        with pytest.raises(ProjectFileError) as exc:
            s.save()
    assert "修改仍在本窗口中" in str(exc.value) and "恢复文件也无法写入" in str(exc.value)
    assert s.dirty and s.project.note("收支总计") == "两处都写不了"
    s.save()  # the disk is back: the same window saves
    assert api.load(project_copy).note("收支总计") == "两处都写不了"
