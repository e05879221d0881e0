"""Places on disk the app keeps for the clerk: recent projects, recovery files, the bundled
samples.  Light on purpose (no pydantic, no jinja): the start screen paints before the core's
heavier modules are imported."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import JuesuanError

RECENT_MAX = 12


def _state_dir() -> Path:
    from platformdirs import user_state_dir
    return Path(user_state_dir("juesuan", appauthor=False))


def recovery_dir() -> Path:
    return _state_dir() / "recovery"


def _recovery_key(project_path: str | os.PathLike) -> str:
    return hashlib.sha256(str(Path(project_path).resolve()).encode("utf-8")).hexdigest()[:20]


def recovery_path(project_path: str | os.PathLike, instance: str | None = None,
                  folder: Path | None = None) -> Path:
    """The recovery file of a project: named by a hash of its absolute path (and the editing
    instance: two windows on one file keep one each), in the user's state folder (not beside the
    project, where a shared folder would show it to everyone)."""
    key = _recovery_key(project_path)
    name = f"{key}.toml" if instance is None else f"{key}-{instance}.toml"
    return (folder or recovery_dir()) / name


def fallback_recovery_dirs() -> list[Path]:
    """Where recovery files go when the state folder cannot be made (read-only home, a file in
    its place): the system's temporary folder, then the home folder."""
    import tempfile
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return [Path(tempfile.gettempdir()) / f"juesuan-recovery-{uid}", Path.home() / ".juesuan-recovery"]


def recovery_files(project_path: str | os.PathLike) -> list[Path]:
    """Every recovery file of a project, in every folder recovery files may be in, newest first."""
    key = _recovery_key(project_path)
    found = []
    for folder in [recovery_dir(), *fallback_recovery_dirs()]:
        try:
            found += [f for f in folder.glob(f"{key}*.toml") if f.is_file()]
        except OSError:
            continue
    def mtime(f: Path) -> float:
        try:
            return f.stat().st_mtime
        except OSError:
            return 0.0
    return sorted(set(found), key=mtime, reverse=True)


def instance_of(recovery_file: Path) -> str | None:
    """The instance ("<pid>-<random>") a recovery file belongs to, None for a shared (old) one."""
    parts = recovery_file.stem.split("-", 1)
    return parts[1] if len(parts) == 2 else None


def instance_alive(instance: str | None) -> bool:
    """Whether the process that wrote a recovery file is another one still running (its work is
    not an orphan to offer).  This process's own other windows count as not alive: in one
    process a window that closed leaves its file behind for the next one."""
    if not instance:
        return False
    try:
        pid = int(instance.split("-", 1)[0])
    except ValueError:
        return False
    if pid == os.getpid():
        return False
    from .project_lock import pid_alive  # not os.kill(pid, 0): on Windows that kills it
    return pid_alive(pid)


def samples_dir() -> Path:
    """The bundled samples: ``narratives/samples`` in a wheel, ``samples/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "samples", here.parent / "samples"):
        if candidate.is_dir():
            return candidate
    raise JuesuanError("找不到内置示例文件夹 samples（安装是否完整？）")


def samples() -> list[Path]:
    return sorted(samples_dir().glob("*.toml"))


def copy_sample(sample: str | os.PathLike, folder: str | os.PathLike | None = None,
                fresh: bool = False) -> Path:
    """A working copy of a bundled sample (the installed one may be read-only and is shared):
    in ``folder`` (default: the user's data folder); an existing copy is kept, not overwritten.
    ``fresh`` (the app's 打开示例): a copy as bundled, under the next free name (示例-2.toml …)
    when the usual one has been edited."""
    src = Path(sample)
    if folder is None:
        from platformdirs import user_data_dir
        folder = Path(user_data_dir("juesuan", appauthor=False)) / "示例"
    dest = Path(folder) / src.name
    if fresh:
        original = src.read_text(encoding="utf-8")
        n = 2
        while dest.is_file() and dest.read_text(encoding="utf-8") != original:
            dest = Path(folder) / f"{src.stem}-{n}{src.suffix}"
            n += 1
    if not dest.is_file():
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from .io.projectfile import os_reason
            raise JuesuanError(f"无法创建文件夹 {dest.parent}：{os_reason(exc, dest.parent.parent)}") from None
        from .io.projectfile import atomic_write
        atomic_write(dest, src.read_text(encoding="utf-8"))
    return dest


def _recent_file() -> Path:
    return _state_dir() / "recent.json"


def recent_entries() -> list[Path]:
    """Every project in the recent list, newest first, the ones gone since included (the start
    screen says so rather than dropping them silently)."""
    try:
        data = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [Path(p) for p in data if isinstance(p, str)]


def recent_projects() -> list[Path]:
    """Recently opened projects that still exist, newest first."""
    return [p for p in recent_entries() if p.is_file()]


@dataclass(frozen=True)
class Card:
    """What a list shows of a project file: its unit and year (and style), or why it cannot be
    read.  ``problem`` is a Chinese phrase; None when the file was read."""
    path: Path
    name: str = ""
    year: str = ""
    kind: str = ""
    style: str = ""
    problem: str | None = None


def card(path: str | os.PathLike) -> Card:
    """The 单位 table of a project file, read cheaply (only that table is parsed: the start
    screen lists up to a dozen files before the core is imported).  Never raises."""
    import tomllib
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Card(p, problem="文件已不在（已移动、改名或删除）")
    except IsADirectoryError:
        return Card(p, problem="这是一个文件夹，不是项目文件")
    except UnicodeDecodeError:
        return Card(p, problem="不是项目文件（不是 UTF-8 文本）")
    except OSError as exc:
        from .io.projectfile import read_reason
        return Card(p, problem=f"无法读取：{read_reason(exc)}")
    unit = None
    snippet = _unit_table(text)
    for source in ((snippet, text) if snippet else (text,)):
        try:
            data = tomllib.loads(source)
        except tomllib.TOMLDecodeError:
            continue
        unit = data.get("单位")
        break
    if not isinstance(unit, dict):
        return Card(p, problem="内容有误或不是项目文件（打开时会说明哪里有误）")
    def text_of(key: str) -> str:
        v = unit.get(key)
        return "" if v is None or isinstance(v, (dict, list)) else str(v).strip()
    return Card(p, text_of("名称"), text_of("年度"), text_of("性质"), text_of("样式"))


def _unit_table(text: str) -> str:
    """The lines of the [单位] table (header included), "" when there is none."""
    out: list[str] = []
    for line in text.splitlines():
        head = line.strip()
        if head.startswith("["):
            if out:
                break
            if head.replace('"', "").replace("'", "").replace(" ", "") == "[单位]":
                out.append(line)
        elif out:
            out.append(line)
    return "\n".join(out)


def remember(path: str | os.PathLike) -> None:
    p = str(Path(path).resolve())
    items = [p] + [str(x) for x in recent_projects() if str(x) != p]
    f = _recent_file()
    try:
        f.parent.mkdir(parents=True, exist_ok=True)
        from .io.projectfile import atomic_write
        atomic_write(f, json.dumps(items[:RECENT_MAX], ensure_ascii=False, indent=1))
    except (OSError, JuesuanError):
        pass  # a recent list we cannot write must never stop the clerk's work
