"""A lock file beside a project while a window edits it, so a second window opening the same
file is told at once ("已被另一个窗口打开") instead of finding out at its first save.

The lock is ``.<name>.juesuan-lock`` in the project's (real) folder, created with
O_CREAT|O_EXCL (only one creator can win) and holding who holds it: process id, computer,
window instance, since when.  A lock whose process is gone (a crash, kill -9) is stale and taken
over without a question; one held on another computer (a shared folder) cannot be checked and
counts as held.  The lock is advice for the clerk: the save still compares the file with what
this window read (``Session.save``), so a window that was told and took over anyway, or a program
that ignores the lock, can never silently erase another's saved work.  The window whose file was
taken over finds out from its own lock (``Lock.state``: checked on a timer and at each save) and
turns read-only (``Session.check_lock``).

A folder where no lock can be made (read-only, no permission) gives no lock and no error: saving
there fails anyway, with its own message.
"""
from __future__ import annotations

import datetime as _dt
import os
import socket
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path

from .errors import JuesuanError

SUFFIX = ".juesuan-lock"
FRESH = 10.0  # seconds: an unreadable lock younger than this is being written by its creator

# instance ids of the locks this process holds (two windows in one process: tests, one app
# reopening a file): a lock naming this process is alive only while its window has not let go
_HELD: set[tuple[str, str]] = set()  # (lock file, instance)
_HELD_GUARD = threading.Lock()


class ProjectLocked(JuesuanError):
    """Another window holds the project.  The app asks: 只读打开 (``read_only=True``) or 接管编辑
    (``take_over=True``); ``holder`` says who."""

    def __init__(self, message: str, holder: "Holder | None" = None):
        super().__init__(message)
        self.holder = holder


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    instance: str
    since: str = ""

    def alive(self, lock: Path | None = None) -> bool:
        """Whether the window holding ``lock`` may still be open."""
        if self.host != _host():
            return True  # another computer: its processes cannot be seen from here
        if self.pid == os.getpid():
            with _HELD_GUARD:
                return (str(lock), self.instance) in _HELD
        return pid_alive(self.pid)

    def describe(self) -> str:
        when = self.since
        today = _dt.date.today().isoformat()
        if when.startswith(today + " "):
            when = "今天 " + when[len(today) + 1:]
        since = f"，自 {when} 起" if when else ""
        if self.host != _host():
            return f"计算机 {self.host} 上的窗口{since}"
        if self.pid == os.getpid():
            return f"本程序的另一个窗口{since}"
        return f"本机进程 {self.pid} 的窗口{since}"


def pid_alive(pid: int) -> bool:
    """Whether a process of this computer is running.  Never os.kill(pid, 0) on Windows: there
    any signal but Ctrl-C/Break terminates the process."""
    if pid <= 0:
        return False
    if os.name == "nt":
        try:
            import ctypes
            kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
            handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
            if not handle:
                return False
            code = ctypes.c_ulong()
            ok = kernel.GetExitCodeProcess(handle, ctypes.byref(code))
            kernel.CloseHandle(handle)
            return bool(ok) and code.value == 259  # STILL_ACTIVE
        except Exception:  # noqa: BLE001 - cannot tell: count it as running (the clerk may take over)
            return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):
        return False  # gone, or no pid a process can have (a lock edited by hand)
    except OSError:
        return True  # exists, another user's
    return True


def _host() -> str:
    try:
        return socket.gethostname() or "?"
    except OSError:
        return "?"


def lock_path(project: str | os.PathLike) -> Path:
    """The lock of a project: beside its real file (a symlink and its target share one)."""
    real = Path(os.path.realpath(os.fspath(project)))
    return real.with_name(f".{real.name}{SUFFIX}")


def _content(instance: str) -> str:
    since = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    host = _host().replace("\\", "\\\\").replace('"', '\\"')
    return ("# juesuan：此项目正在一个窗口中编辑；窗口关闭时本文件自动删除。\n"
            "# 若确定没有窗口在编辑（如电脑曾断电），可以删除本文件。\n"
            f'pid = {os.getpid()}\nhost = "{host}"\ninstance = "{instance}"\nsince = "{since}"\n')


def read_holder(path: Path) -> Holder | None:
    """Who a lock file names; None when it is missing, empty or not a lock."""
    import tomllib
    try:
        with open(path, "rb") as fh:
            data = tomllib.loads(fh.read(4096).decode("utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["instance"]), str(data.get("since", "")))
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def _age(path: Path) -> float:
    import time
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


class Lock:
    """A held lock; ``release`` (idempotent) removes the file if it still names this window."""

    def __init__(self, path: Path, instance: str):
        self.path = path
        self.instance = instance
        self.taken_by: Holder | None = None  # who took the file over (``state`` found it)
        self._seen: tuple | None = None  # the lock file's stat when it last named this window
        with _HELD_GUARD:
            _HELD.add((str(path), instance))
        # a window dropped without close() (garbage-collected, interpreter exit) lets go too
        self._finalizer = weakref.finalize(self, _release, path, instance)

    def held(self) -> bool:
        """Whether the lock file still names this window (another may have taken over)."""
        holder = read_holder(self.path)
        return holder is not None and holder.instance == self.instance

    def state(self) -> str:
        """"held" (the file names this window), "taken" (it names another window: ``taken_by``),
        "gone" (no lock file) or "unknown" (being written, unreadable).  Cheap enough for a timer:
        a stat, and the file read only when it changed since it last named this window (a take
        over replaces it: os.replace gives a new inode)."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return "gone"
        except OSError:
            return "unknown"
        seen = (st.st_ino, st.st_mtime_ns, st.st_size)
        if seen == self._seen:
            return "held"
        holder = read_holder(self.path)
        if holder is None:
            return "unknown"
        if holder.instance == self.instance:
            self._seen = seen
            return "held"
        self.taken_by = holder
        return "taken"

    def forget(self) -> None:
        """Stop holding without touching the file (another window's now, or about to be ours
        again through a new Lock): the finalizer must not remove it later."""
        self._finalizer.detach()
        with _HELD_GUARD:
            _HELD.discard((str(self.path), self.instance))

    def release(self) -> None:
        self._finalizer()


def _release(path: Path, instance: str) -> None:
    with _HELD_GUARD:
        _HELD.discard((str(path), instance))
    holder = read_holder(path)
    if holder is not None and holder.instance == instance:
        try:
            path.unlink()
        except OSError:
            pass


def acquire(project: str | os.PathLike, instance: str, take_over: bool = False) -> Lock | None:
    """The lock of ``project`` for window ``instance``.  ProjectLocked when another window that
    may still be open holds it (unless ``take_over``: the clerk chose to); a stale lock is taken
    over.  None when no lock file can be made there (read-only folder…)."""
    path = lock_path(project)
    for _ in range(8):
        if take_over:
            return _replace(path, instance)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = read_holder(path)
            if holder is None:
                if _age(path) < FRESH:  # its creator is writing it right now
                    raise ProjectLocked(_locked_message(project, None))
                _remove_stale(path, None)
                continue
            if holder.instance == instance:
                return Lock(path, instance)
            if holder.alive(path):
                raise ProjectLocked(_locked_message(project, holder), holder)
            _remove_stale(path, holder)
            continue
        except OSError:
            return None  # read-only folder, no permission, a name too long: work without a lock
        try:
            os.write(fd, _content(instance).encode("utf-8"))
        except OSError:
            os.close(fd)
            try:
                path.unlink()
            except OSError:
                pass
            return None
        os.close(fd)
        return Lock(path, instance)
    return None  # a lock that keeps changing under us: the save's check still protects the file


def _replace(path: Path, instance: str) -> Lock | None:
    """Take the lock whoever holds it (the clerk said 接管): write ours over it atomically."""
    tmp = path.with_name(f"{path.name}.{instance}.tmp")
    try:
        tmp.write_text(_content(instance), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return None
    return Lock(path, instance)


def _remove_stale(path: Path, judged: Holder | None) -> None:
    """Remove a stale lock, but only the one judged stale: moved aside first (only one window
    can move a given file), then put back if it turns out to be a fresh lock someone made
    meanwhile."""
    aside = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.stale")
    try:
        os.rename(path, aside)
    except OSError:
        return
    moved = read_holder(aside)
    if moved != judged:
        try:
            os.link(aside, path)  # fails if yet another lock is there: that one stands
        except OSError:
            pass
    try:
        aside.unlink()
    except OSError:
        pass


def _locked_message(project: str | os.PathLike, holder: Holder | None) -> str:
    who = holder.describe() if holder is not None else "另一个窗口（正在打开）"
    return (f"{Path(project).name} 已被另一个窗口打开（{who}）。"
            "可以只读打开（不能保存，可另存为），或接管编辑（另一个窗口会被告知并改为只读，其未保存的修改存入恢复文件）")
