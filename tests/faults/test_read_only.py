"""Every command that writes, on a read-only folder (issue 19, "Read-only folder"): one Chinese line
naming the path and the reason (只读), exit status 2, no traceback, no English system message, and
nothing written.  The folder is really read-only: a read-only bind mount in a private mount
namespace (``unshare``), gone when the command ends; where that cannot be made, a folder without
write permission (not root); else the test is skipped, saying why.  A full disk is a small tmpfs,
made the same way."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures import hostile

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "yangquan-legal-aid-2024.toml"
SEED = ROOT / "tests" / "fixtures" / "seeds" / "yangquan-legal-aid-2024.txt"

# run the command with DIR made read-only for it alone ($1 is DIR, the rest the command)
RO_MOUNT = 'd="$1"; shift; mount --bind "$d" "$d" && mount -o remount,bind,ro "$d" && exec "$@"'
FULL_MOUNT = 'd="$1"; shift; mount -t tmpfs -o size=256k tmpfs "$d" && head -c 262144 /dev/zero > "$d/fill" 2>/dev/null; exec "$@"'


def _can_unshare() -> bool:
    if not shutil.which("unshare"):
        return False
    try:
        done = subprocess.run(["unshare", "-rm", "sh", "-c", 'mount -t tmpfs tmpfs "$1"', "sh", "/tmp"],
                              capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


UNSHARE = _can_unshare()
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0
if not UNSHARE and ROOT_USER:
    pytestmark = pytest.mark.skip(reason="no private mount namespace (unshare) here, and as root a folder "
                                         "without write permission is still writable")


def juesuan_in(folder: Path, mount: str, *argv: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_STATE_HOME": str(cwd / "state"),
           "XDG_CONFIG_HOME": str(cwd / "config"), "XDG_DATA_HOME": str(cwd / "data")}
    cmd = [sys.executable, "-m", "narratives.cli", *argv]
    if UNSHARE:
        cmd = ["unshare", "-rm", "sh", "-c", mount, "sh", str(folder), *cmd]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)


@pytest.fixture
def ro(tmp_path):
    """A folder holding a project (for the commands that write beside their input), read-only
    for the command under test."""
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "p.toml")
    before = sorted(p.name for p in folder.iterdir())
    if not UNSHARE:
        folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written, no temp left


def _commands(ro: Path, tmp: Path) -> dict[str, tuple[list[str], str]]:
    """Name → (arguments, the path the message must name)."""
    audited = tmp / "published.txt"
    audited.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    book = hostile.FIXTURES / "yangquan-2024-sheets.xls"
    return {
        "new": (["new", "--name", "测试中心", "--year", "2024", "-o", str(ro / "n.toml")], str(ro / "n.toml")),
        "new --from": (["new", "--from", str(SAMPLE), "-o", str(ro / "n.toml")], str(ro / "n.toml")),
        "import": (["import", str(book), "-o", str(ro / "n.toml")], str(ro / "n.toml")),
        "render -o": (["render", str(SAMPLE), "-o", str(ro / "x.md")], str(ro / "x.md")),
        "check -o": (["check", str(SAMPLE), "-o", str(ro / "x.txt")], str(ro / "x.txt")),
        "export docx": (["export", str(SAMPLE), "-o", str(ro / "x.docx")], str(ro / "x.docx")),
        "export md": (["export", str(SAMPLE), "--format", "md", "-o", str(ro / "x.md")], str(ro / "x.md")),
        "export beside": (["export", str(ro / "p.toml"), "--no-charts"], str(ro)),
        "audit -o xlsx": (["audit", str(audited), "-o", str(ro / "r.xlsx")], str(ro / "r.xlsx")),
        "audit -o csv": (["audit", str(audited), "-o", str(ro / "r.csv")], str(ro / "r.csv")),
        "batch": (["batch", str(SAMPLE), "-o", str(ro), "-q"], str(ro)),
        "batch new folder": (["batch", str(SAMPLE), "-o", str(ro / "out"), "-q"], str(ro / "out")),
        "styles new": (["styles", "new", "mine", "--from", "shanxi", "--to", str(ro)], str(ro)),
        "styles learn": (["styles", "learn", str(SEED), "--project", str(SAMPLE), "-o", str(ro), "--name", "yq"],
                         str(ro / "yq")),
        "styles learn --fill-notes": (["styles", "learn", str(SEED), "--project", str(ro / "p.toml"),
                                       "-o", str(tmp / "learned"), "--name", "yq", "--fill-notes"], str(ro / "p.toml")),
    }


NAMES = list(_commands(Path("/ro"), Path("/tmp")).keys())


@pytest.mark.parametrize("name", NAMES)
def test_every_writing_command_on_a_read_only_folder(name, ro, tmp_path):
    argv, named = _commands(ro, tmp_path)[name]
    done = juesuan_in(ro, RO_MOUNT, *argv, cwd=tmp_path)
    err = done.stderr
    assert done.returncode == 2, (done.returncode, err)
    assert "Traceback" not in err and "内部错误" not in err, err
    assert "Read-only" not in err and "Permission denied" not in err and "Errno" not in err, err
    last = err.strip().splitlines()[-1]
    assert last.startswith("juesuan：") and named in last, last
    assert ("只读" if UNSHARE else "没有写入权限") in last, last


@pytest.mark.skipif(not UNSHARE, reason="a full disk is a small tmpfs, made in a private mount namespace")
@pytest.mark.parametrize("name", ["export docx", "styles new", "audit -o csv", "render -o"])
def test_a_full_disk_is_said_in_chinese(name, tmp_path):
    full = tmp_path / "ro"
    full.mkdir()
    argv, named = _commands(full, tmp_path)[name]
    done = juesuan_in(full, FULL_MOUNT, *argv, cwd=tmp_path)
    err = done.stderr
    assert done.returncode == 2 and "Traceback" not in err and "No space" not in err, err
    last = err.strip().splitlines()[-1]
    assert last.startswith("juesuan：") and named in last and "磁盘已满" in last, last


def test_an_unforeseen_os_error_is_still_one_chinese_line(tmp_path, capsys, monkeypatch):
    """The command line's last guard: an OSError no command words itself (here an I/O error from
    the disk while rendering) is a Chinese line with the path, exit 2, not 内部错误 (70)."""
    import errno
    from narratives import cli
    from narratives.commands import render as render_cmd

    def broken(*a, **k):
        raise OSError(errno.EIO, "Input/output error", str(tmp_path / "x.md"))
    monkeypatch.setattr(render_cmd, "write_output", broken)
    assert cli.main(["render", str(SAMPLE), "-o", str(tmp_path / "x.md")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("juesuan：") and str(tmp_path / "x.md") in err and "磁盘读写出错" in err, err


APP_SAVE = """
import asyncio, json, sys
async def main(path):
    from tests.tui.helpers import field, retype, settle
    from tui.app import JuesuanApp
    app = JuesuanApp(path)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot, app)
        await retype(pilot, app, field(app, "公开01表.收入总计"), "250")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        s = app.screen.session
        out = {"running": app.is_running, "messages": [n.message for n in app._notifications],
               "dirty": s.dirty, "value": str(s.project.t01.grand_income),
               "recovery": s.recovery_file.read_text(encoding="utf-8") if s.recovery_file.is_file() else ""}
    print("RESULT", json.dumps(out, ensure_ascii=False))
asyncio.run(main(sys.argv[1]))
"""


def test_ctrl_s_in_the_app_on_a_read_only_folder_keeps_the_work(ro, tmp_path):
    """The app (Pilot) in a child for which the project's folder is really read-only: Ctrl+S
    says so in Chinese, the app keeps running, the edit stays in the window and in the recovery
    file (in the state folder, which is writable)."""
    import json
    project = ro / "p.toml"
    before = project.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    cmd = [sys.executable, "-c", APP_SAVE, str(project)]
    if UNSHARE:
        cmd = ["unshare", "-rm", "sh", "-c", RO_MOUNT, "sh", str(ro), *cmd]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    got = json.loads(line[len("RESULT "):])
    assert got["running"] and got["dirty"] and got["value"] == "250"
    said = [m for m in got["messages"] if str(project) in m or project.name in m]
    assert any(("只读" if UNSHARE else "没有写入权限") in m and "恢复文件" in m for m in said), got["messages"]
    assert "250" in got["recovery"]
    assert project.read_bytes() == before


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_a_full_standard_output_is_a_chinese_line():
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "narratives.cli", "render", str(SAMPLE)], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith("juesuan：无法写出结果（标准输出）：磁盘已满"), done.stderr


def test_an_unreadable_project_is_a_chinese_line(tmp_path, capsys, monkeypatch):
    """Reading, too: "Permission denied" never reaches the clerk."""
    import errno
    from narratives.cli import main
    p = tmp_path / "p.toml"
    shutil.copy(SAMPLE, p)
    p.chmod(0)
    if ROOT_USER:  # root reads whatever the mode: the refusal comes from the file system instead
        real = Path.read_text

        def refuse(self, *a, **k):
            if self == p:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real(self, *a, **k)
        monkeypatch.setattr(Path, "read_text", refuse)
    try:
        assert main(["render", str(p)]) == 2
    finally:
        p.chmod(0o644)
    err = capsys.readouterr().err
    assert err.startswith(f"juesuan：无法读取 {p}：没有读取权限") and "Permission" not in err, err
