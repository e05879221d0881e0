"""The launch's first screen, kept from the last time the same project was shown.

``juesuan edit FILE`` spends ~190 ms importing the core (pydantic, jinja2, our modules) and
rendering before the editor can show the text.  When the project was shown before, the first
section's preview and the outline's titles are kept in the user's cache folder, under a key of
everything that text depends on: the project file's bytes, every style folder's files, juesuan's
version and a fingerprint of its sources (narratives/, tui/, templates/: path, size, mtime_ns).
On launch the key is computed WITHOUT importing the core; a hit shows that text on the first
frame while the real open runs, which then replaces it (the live text always wins).

Never a traceback, never a block: any error reading or writing the cache is a miss.
This module imports only the standard library and platformdirs (no pydantic, jinja2, core).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

FORMAT = 1  # bump when the stored layout changes
_HERE = Path(__file__).resolve().parent          # tui/
_CODE = _HERE.parent / "narratives"              # the core's sources (a checkout or site-packages)


def cache_dir() -> Path:
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("juesuan", appauthor=False)) / "first-screen"


def _style_roots() -> list[Path]:
    # as narratives.styles finds them (user folder first, then bundled), without importing it
    from platformdirs import user_config_dir
    roots = [Path(p) for p in os.environ.get("JUESUAN_STYLES", "").split(os.pathsep) if p]
    roots.append(Path(user_config_dir("juesuan", appauthor=False)) / "styles")
    for candidate in (_CODE / "templates", _CODE.parent / "templates"):
        if candidate.is_dir():
            roots.append(candidate)
            break
    return roots


def _walk(h, root: Path, suffixes: tuple[str, ...] | None) -> None:
    h.update(b"\0root\0" + str(root).encode("utf-8", "surrogateescape"))
    if not root.is_dir():
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if suffixes is not None and not name.endswith(suffixes):
                continue
            p = os.path.join(folder, name)
            try:
                st = os.stat(p)
            except OSError:
                continue
            h.update(f"\0{os.path.relpath(p, root)}\0{st.st_size}\0{st.st_mtime_ns}".encode(
                "utf-8", "surrogateescape"))


def key_for(data: bytes) -> str:
    """The cache key of a project file's bytes: changes with the file, any style file, the code."""
    from narratives import __version__  # the package's __init__ only: a version string
    h = hashlib.sha256()
    h.update(f"juesuan-first-screen {FORMAT} {__version__}\0".encode())
    h.update(hashlib.sha256(data).digest())
    for root in _style_roots():
        _walk(h, root, None)  # every file of every style folder: names, sizes, mtimes
    _walk(h, _CODE, (".py", ".j2", ".toml"))
    _walk(h, _HERE, (".py",))  # the preview's blocks are laid out by tui/screens/editor.py
    for name in sorted(os.environ):
        if name.startswith("JUESUAN_"):
            h.update(f"\0{name}={os.environ[name]}".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _slot(path: str | os.PathLike) -> Path:
    # one entry per project file: a new key overwrites the old one, the cache stays small
    where = os.path.abspath(os.fspath(path))
    return cache_dir() / (hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:32] + ".json")


def load(path: str | os.PathLike):
    """(section key, preview blocks, outline entries) kept for this exact project, or None."""
    try:
        if not Path(path).is_file():  # missing, a folder, a pipe (whose bytes reading would take)
            return None
        return lookup(path, Path(path).read_bytes())
    except Exception:
        return None


def lookup(path: str | os.PathLike, data: bytes):
    """As ``load``, for the bytes ``data`` already read from ``path`` (the launch reads them once)."""
    try:
        stored = json.loads(_slot(path).read_text(encoding="utf-8"))
        if stored.get("key") != key_for(data):
            return None
        blocks = [(str(k), str(t), set(s)) for k, t, s in stored["blocks"]]
        entries = [dict(e) for e in stored["entries"]]
        if not blocks or not entries or not all("key" in e and "label" in e and "kind" in e for e in entries):
            return None
        return str(stored["section"]), blocks, entries
    except Exception:  # a missing, unreadable, corrupt or foreign entry: a miss, as on a first launch
        return None


def store(path: str | os.PathLike, data: bytes, section: str, blocks, entries) -> bool:
    """Keep the first screen shown for ``data`` (the file's bytes the session was read from)."""
    try:
        stored = {"key": key_for(data), "section": section,
                  "blocks": [[k, t, sorted(s)] for k, t, s in blocks],
                  "entries": [{"key": e.key, "label": e.label, "kind": e.kind} for e in entries]}
        target = _slot(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        import tempfile
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(stored, f, ensure_ascii=False)
            os.replace(tmp, target)  # atomic: a reader sees the old entry or the new, never half
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        return True
    except Exception:  # a full or read-only cache folder only costs the next launch its head start
        return False
