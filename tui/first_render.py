"""A head start for a launch that kept no first screen: the first section rendered by a helper process.

``juesuan edit FILE`` on a file not shown before (or changed since, or after an update) must
import the core (~140 ms: pydantic, jinja2, our modules) and render before any text can show,
and Textual's own import takes about as long; in one process that is ~3× a bare Textual app's
first paint.  So on such a miss, before Textual is imported, ``start`` starts a helper that
never imports Textual: forked on Linux (``_Forked``: no interpreter start-up, the command line's
modules already loaded; it renders the very bytes the launch read), else a new interpreter
(``main``, which reads the file itself).  It renders the first section and the outline's titles
and writes them as one JSON line to a pipe.  On a machine with a second core it runs while the
app imports Textual and paints the editor's frame; the app fills that frame with the helper's
text, read-only (tui/screens/cached.py, as for a kept first screen), until the live editor,
opened in the app's own thread as always, replaces it.  The live text always wins.

The helper is only a head start, never a second window:
- it reads the file and nothing else of the user's: no project lock, no recovery file, no recent
  list, no cache entry (the app keeps the first screen after its own open, as before);
- its stdout/stderr go nowhere (a forked one's descriptors 0–2 are /dev/null; it leaves through
  os._exit, never back into the launch's code) and a failure of any kind is only a miss;
- its text is used only if it is of the same bytes the app read at launch (a sha256 check);
- it is not started with only one core or on a busy machine (tasks running at that moment; it
  would only take the CPU the app's own open needs), runs at a lower priority, ends itself after ``DEADLINE``
  seconds, and the app kills and reaps it once the live editor is on, and on exit.

The parent's side imports only the standard library (and tui.first_screen); the helper's side
imports the core when it runs.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import sys
import threading
from pathlib import Path

DEADLINE = 10   # seconds: the helper ends itself after this, whatever happens to the app
NICE = 5        # below the app: on a busy machine the app's own open must not wait for it
_ROOT = Path(__file__).resolve().parent.parent  # the folder holding tui/ and narratives/

# the helper's command: this checkout's (or installation's) tui and narratives, first on its path
_CODE = ("import sys; sys.path.insert(0, sys.argv.pop(1)); "
         "from tui.first_render import main; sys.exit(main())")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _running_now() -> int | None:
    """Tasks running or runnable at this moment, this one included (Linux: /proc/loadavg's
    fourth field, "2/345"); None where it cannot be read."""
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            return int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return None


def worth_it() -> bool:
    """A core to spare: at least two, and either no more than cores − 1 tasks running at this
    moment (this one included; a launch lasts a fraction of a second, and the load average lags
    a minute behind) or a 1-minute load average under cores − 0.5 (another task now and then
    still leaves most of a core; the helper's lower priority yields it).  A helper on a busy
    machine would take the CPU the app's own open needs, and come too late to help."""
    cores = _cores()
    if cores < 2:
        return False
    now = _running_now()
    if now is not None and now <= cores - 1:
        return True
    try:
        return os.getloadavg()[0] < cores - 0.5
    except (AttributeError, OSError):  # no load average (Windows): the priority still yields
        return now is None


class Launch:
    """What the launch knows of the first screen before Textual is imported: the kept screen
    (``cached``, a hit), or a helper rendering it (``pending``), or neither."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.cached = None          # (section, blocks, entries) kept by first_screen, or None
        self.proc = None  # a subprocess.Popen, or a _Forked with the same few methods
        self._sha: str | None = None
        self._result = None
        self._done = threading.Event()
        self._lock = threading.Lock()

    @property
    def pending(self) -> bool:
        """A helper was started and has not answered yet."""
        return self.proc is not None and not self._done.is_set()

    def spawn(self, data: bytes, command: list[str] | None = None) -> bool:
        """Start the helper for ``data`` (the file's bytes read at launch).  ``command`` replaces
        the helper's (tests use it to make one fail)."""
        self._sha = hashlib.sha256(data).hexdigest()
        try:
            if command is None and _can_fork():
                self.proc = _Forked(self.path, data)
            else:
                import subprocess  # here: the launch on one core or a busy machine never needs it
                cmd = command or [sys.executable, "-c", _CODE, str(_ROOT), os.fspath(self.path)]
                self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL, close_fds=True)
        except Exception:  # no interpreter, no fork, no pipe: only the head start is lost
            self.proc = None
            self._done.set()
            return False
        atexit.register(self.close)  # even if the app never gets to close it
        threading.Thread(target=self._read, name="first-render", daemon=True).start()
        return True

    def _read(self) -> None:
        proc = self.proc
        result = None
        try:
            out = proc.stdout.read()  # until the helper exits (or is killed)
            if proc.wait() == 0:
                stored = json.loads(out.decode("utf-8"))
                if stored.get("sha") == self._sha:  # the text of the bytes the app read
                    blocks = [(str(k), str(t), set(s)) for k, t, s in stored["blocks"]]
                    entries = [{"key": str(e["key"]), "label": str(e["label"]), "kind": str(e["kind"])}
                               for e in stored["entries"]]
                    if blocks and entries:
                        result = (str(stored["section"]), blocks, entries)
        except Exception:
            result = None  # killed, garbled, foreign: a miss as before
        finally:
            try:
                proc.stdout.close()
            except Exception:
                pass
        with self._lock:
            self._result = result
        self._done.set()

    def result(self, timeout: float | None = 0):
        """The helper's (section, blocks, entries), waiting at most ``timeout`` seconds (None:
        until it answers); None when it failed, is not done, or none was started."""
        if self.proc is None:
            return None
        self._done.wait(timeout)
        with self._lock:
            return self._result

    def close(self) -> None:
        """The helper is not needed any more (the live editor is on, or the app ends): kill it if
        it still runs and reap it, so no process outlives the app."""
        proc = self.proc
        if proc is None:
            return
        try:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=2)
        except Exception:
            pass


def _can_fork() -> bool:
    # a fork (Linux) starts the helper ~50 ms sooner than a new interpreter: no start-up, and the
    # standard library the command line has loaded is there already; only while this process has
    # one thread (a fork copies no other thread, and a lock one held would stay held)
    return sys.platform == "linux" and hasattr(os, "fork") and threading.active_count() == 1


class _Forked:
    """The helper as a forked child of the launch, with the few Popen methods Launch uses."""

    def __init__(self, path: str, data: bytes) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the helper: never returns into the launch's code
            code = 1
            try:
                os.close(read)
                code = _helper(path, data, write)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        self.pid = pid
        self.returncode: int | None = None
        self.stdout = os.fdopen(read, "rb")
        self._reap = threading.Lock()  # the reader thread and close() may both ask

    def poll(self) -> int | None:
        with self._reap:
            if self.returncode is None:
                try:
                    pid, status = os.waitpid(self.pid, os.WNOHANG)
                except ChildProcessError:  # reaped elsewhere: ended
                    self.returncode = -1
                    return self.returncode
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
            return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        import time
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                import subprocess
                raise subprocess.TimeoutExpired(["juesuan first render"], timeout)
            time.sleep(0.005)
        return self.returncode

    def kill(self) -> None:
        with self._reap:  # not reaped under it meanwhile: the pid is still this helper's
            if self.returncode is None:
                try:
                    pid, status = os.waitpid(self.pid, os.WNOHANG)
                    if pid == 0:
                        os.kill(self.pid, 9)
                    else:
                        self.returncode = os.waitstatus_to_exitcode(status)
                except (ChildProcessError, ProcessLookupError):
                    pass


def start(path: str | os.PathLike | None) -> Launch | None:
    """At the very start of ``juesuan edit FILE``: the kept first screen if there is one, else a
    helper rendering it (when a second core can run it).  Never raises."""
    if not path:
        return None
    launch = Launch(os.fspath(path))
    try:
        p = Path(path)
        if not p.is_file():  # missing, a folder, a pipe: the app's open says what is wrong
            return launch
        data = p.read_bytes()
        from .first_screen import lookup
        launch.cached = lookup(path, data)
        if launch.cached is None and worth_it():
            launch.spawn(data)
    except Exception:
        pass
    return launch


# ---------------------------------------------------------------- the helper process
def render_first(path: str, data: bytes) -> dict:
    """The first section's preview blocks and the outline's titles for the project ``data``, as
    the app's editor would show them (same Session methods, same layout function)."""
    from narratives.io.projectfile import loads
    from narratives.session import Session

    from .blocks import document_blocks
    # as io.projectfile.load reads the file: BOM dropped, universal newlines
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    session = Session(loads(text, path), path)  # no lock, no recovery, no recent list: only reads
    entries = session.outline(marks=False)
    key = entries[0].key
    blocks = document_blocks(session.render(key), whole=False)
    return {"sha": hashlib.sha256(data).hexdigest(), "section": key,
            "blocks": [[k, t, sorted(s)] for k, t, s in blocks],
            "entries": [{"key": e.key, "label": e.label, "kind": e.kind} for e in entries]}


def _settle_in() -> None:
    import gc
    gc.disable()  # a short-lived process: the collector's passes over the imports cost ~7%
    try:
        import signal
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(DEADLINE)  # the default action ends the process: never a lingering helper
    except Exception:
        pass
    try:
        os.nice(NICE)
    except Exception:
        pass


def _helper(path: str, data: bytes, out: int) -> int:
    """The forked helper: nothing on the terminal (its descriptors go to /dev/null), the JSON
    line to the pipe ``out``."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    _settle_in()
    payload = json.dumps(render_first(path, data)).encode("ascii") + b"\n"
    view = memoryview(payload)
    while view:
        view = view[os.write(out, view):]
    return 0


def main(argv: list[str] | None = None) -> int:
    """The helper as a new interpreter (where there is no fork): the JSON line on stdout."""
    argv = sys.argv[1:] if argv is None else argv
    _settle_in()
    try:
        path = argv[0]
        out = render_first(path, Path(path).read_bytes())
        sys.stdout.buffer.write(json.dumps(out).encode("ascii") + b"\n")
        sys.stdout.buffer.flush()
        return 0
    except BaseException:  # anything: the app opens as it would have without the helper
        return 1
