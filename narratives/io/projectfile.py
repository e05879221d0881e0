"""The project file: TOML, Chinese keys, amounts as exact text, a schema version.

Read with tomllib (floats, if a hand-edited file has any, are read as Decimal, never as float),
validated by the pydantic models; written with tomli-w to a temporary file in the same folder,
fsynced, then moved over the old one, so the clerk's file is never half-written.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from ..errors import JuesuanError
from ..model import SCHEMA_VERSION, Project


class ProjectFileError(JuesuanError):
    """A project file that cannot be read; the message names the file, the key and the problem."""


_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知的键（拼写是否有误？）",
    "literal_error": "取值不在允许范围内",
    "string_pattern_mismatch": "格式不对",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为文字",
    "dict_type": "应为一组键值（表）",
    "list_type": "应为列表",
    "model_type": "应为一组键值（表）",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "string_too_short": "不能为空",
}


def describe(exc: ValidationError, where: str = "") -> str:
    """Pydantic's errors in Chinese, each naming the key path: "公开01表.收入.事业收入：…"."""
    lines = []
    for err in exc.errors():
        path = ".".join(str(p) if not isinstance(p, int) else f"第{p + 1}行" for p in err["loc"])
        kind = err["type"]
        if kind == "value_error":
            msg = str(err.get("ctx", {}).get("error", err["msg"]))
        elif kind == "literal_error":
            msg = f"取值应为：{err.get('ctx', {}).get('expected', '')}"
        else:
            msg = _MESSAGES.get(kind, err["msg"])
        if kind != "missing" and "input" in err and not isinstance(err["input"], (dict, list)):
            msg += f"（现为“{err['input']}”）" if "“" not in msg else ""
        lines.append(f"{path or '（顶层）'}：{msg}")
    head = f"{where}：" if where else ""
    if len(lines) == 1:
        return head + lines[0]
    shown = lines[:8] + ([f"……另有 {len(lines) - 8} 处"] if len(lines) > 8 else [])
    return head + f"{len(lines)} 处错误：" + "；".join(shown)


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older project file's data up to SCHEMA_VERSION (none older exists yet)."""
    version = data.get("版本", SCHEMA_VERSION)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise ProjectFileError(f"项目文件版本为 {version}，本程序只认识到版本 {SCHEMA_VERSION}，请升级 juesuan")
    data["版本"] = SCHEMA_VERSION
    return data


def from_dict(data: dict[str, Any], where: str = "") -> Project:
    try:
        return Project.model_validate(migrate(data))
    except ValidationError as exc:
        raise ProjectFileError(describe(exc, where)) from None


def loads(text: str, where: str = "项目文件") -> Project:
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except RecursionError:
        raise ProjectFileError(f"{where} 嵌套层次过深，不是有效的项目文件") from None
    except tomllib.TOMLDecodeError as exc:
        hint = ""
        for n, line in enumerate(text.splitlines(), 1):
            # TOML bare keys are ASCII only: a hand-typed 名称 = "…" needs quotes
            if re.match(r"^\s*\[*\s*[^\x00-\x7f\"'\[]", line):
                hint = f"（第{n}行：中文键名要加英文引号，如 \"名称\" = \"…\"）"
                break
        raise ProjectFileError(f"{where} 不是有效的 TOML：{exc}{hint}") from None
    return from_dict(data, where)


def load(path: str | os.PathLike) -> Project:
    p = Path(path)
    try:
        if p.exists() and not p.is_dir() and not p.is_file():
            raise ProjectFileError(f"{p} 不是普通文件（管道、设备等），不能作为项目文件打开")
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ProjectFileError(f"找不到项目文件 {p}") from None
    except IsADirectoryError:
        raise ProjectFileError(f"{p} 是文件夹，不是项目文件") from None
    except UnicodeDecodeError:
        raise ProjectFileError(f"{p} 不是 UTF-8 文本文件（是否选错了文件？）") from None
    except OSError as exc:
        raise ProjectFileError(f"无法读取 {p}：{read_reason(exc)}") from None
    return loads(text, str(p))


def _prune(value: Any) -> Any:
    """Drop Nones and empty tables: TOML cannot hold None, and empty noise hides the figures."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            v = _prune(v)
            if v is None or v == {} or v == "" and k not in ("名称",):
                continue
            out[k] = v
        return out
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def to_dict(project: Project) -> dict[str, Any]:
    data = project.model_dump(mode="json", by_alias=True, exclude_none=True)
    return _prune(data)


def dumps(project: Project) -> str:
    return tomli_w.dumps(to_dict(project), multiline_strings=True)


def atomic_write(path: str | os.PathLike, text: str | bytes, sync_folder: bool = False) -> None:
    """Write to a temporary file beside ``path``, fsync, then replace: never a half-written file.

    A symlink is followed (the file it points to is written, the link stays a link); a FIFO or a
    device (``-o /dev/null``, ``-o /dev/stdout``) is written directly, never replaced by a plain
    file; a folder or socket is refused.  Every failure (read-only disk, full disk, no permission)
    is a ProjectFileError in Chinese, and the old file is left as it was."""
    p = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    target = Path(os.path.realpath(p)) if p.is_symlink() else p
    try:
        st = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise ProjectFileError(f"无法写入 {p}：{os_reason(exc)}") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_special(p, target, st, data)
        return
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise ProjectFileError(f"无法写入 {p}：文件夹 {folder} 不存在") from None
    except NotADirectoryError:
        raise ProjectFileError(f"无法写入 {p}：{folder} 不是文件夹") from None
    except OSError as exc:
        raise ProjectFileError(f"无法写入 {p}：{os_reason(exc, folder)}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600): keep the old file's mode, or the usual one for a new file
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        _discard(tmp)
        raise ProjectFileError(f"无法写入 {p}：{os_reason(exc)}") from None
    if sync_folder:  # the clerk's project file; reports and exports can be made again
        _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk only when the folder is synced (a power cut right after
    a save must not bring the old file back).  Best effort: some systems cannot sync a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def os_reason(exc: OSError, folder: Path | None = None) -> str:
    """What an OSError means for the clerk, in Chinese (read-only disk, full disk, no permission)."""
    where = f"文件夹 {folder} " if folder is not None else ""
    if exc.errno == errno.EROFS:
        return f"{where or '磁盘'}{'所在的磁盘' if where else ''}是只读的，请另存到其他位置（如 U 盘只读开关、光盘、网络盘权限）"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "磁盘已满（或超出配额），请清理磁盘后重试，或另存到其他位置"
    if exc.errno in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return f"{where}没有写入权限，或文件被占用（如已在 Word/Excel 中打开，请先关闭）"
    if exc.errno == errno.EISDIR:
        return "这是一个文件夹，不是文件"
    if exc.errno == errno.ENAMETOOLONG:
        return "文件名太长"
    said = {
        errno.ENOENT: "文件或文件夹不存在",
        errno.ENOTDIR: "路径中有一段不是文件夹",
        errno.EEXIST: "已有同名的文件或文件夹",
        errno.EIO: "磁盘读写出错（请检查磁盘，或 U 盘、网络盘是否已断开）",
        errno.EMFILE: "同时打开的文件太多，请关闭一些程序后重试",
        errno.ENFILE: "同时打开的文件太多，请关闭一些程序后重试",
        errno.EBUSY: "文件正被占用",
        errno.ETXTBSY: "文件正被占用",
        errno.ELOOP: "符号链接形成了循环",
        errno.ENXIO: "没有程序在读取这个管道或设备",
        errno.ENOTEMPTY: "文件夹不是空的",
    }.get(exc.errno or 0)
    if said:
        return said
    code = errno.errorcode.get(exc.errno or 0, "")
    return f"系统错误{(' ' + code) if code else ''}（{exc.strerror or exc}）"


def read_reason(exc: OSError) -> str:
    """Why a file could not be read, in Chinese (no permission, a broken disk…)."""
    if exc.errno in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return "没有读取权限，或文件被其他程序锁定"
    return os_reason(exc)


def write_failure(path: str | os.PathLike, exc: OSError, folder: Path | None = None) -> str:
    """"无法写入 <path>：<reason>" for a write that failed."""
    return f"无法写入 {path}：{os_reason(exc, folder)}"


def os_problem(exc: OSError) -> str:
    """Any OSError that reached the command line, as one Chinese line naming the path: the last
    guard behind each command's own messages (a temp file's name is replaced by its folder)."""
    name = exc.filename
    writing = exc.errno in (errno.EROFS, errno.ENOSPC, errno.EDQUOT)
    if name is None:  # no file named: the output stream (juesuan render > /dev/full)
        return f"无法{'写出结果（标准输出）' if writing else '读写文件'}：{os_reason(exc)}"
    p = Path(os.fsdecode(name))
    if p.name.startswith(".juesuan-") or p.name.startswith("_new-"):
        p = p.parent
    verb = "写入" if writing else "读写"
    return f"无法{verb} {p}：{os_reason(exc)}"


def _write_special(p: Path, target: Path, st: os.stat_result, data: bytes) -> None:
    """A FIFO or a device is written in place (replacing it would put a plain file where the
    system expects /dev/null); a folder or a socket cannot be an output."""
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise ProjectFileError(f"无法写入 {p}：这是一个文件夹，请给出文件名")
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode)):
        raise ProjectFileError(f"无法写入 {p}：这不是普通文件（套接字等），已拒绝")
    if stat.S_ISBLK(mode):
        raise ProjectFileError(f"无法写入 {p}：这是一个磁盘设备，已拒绝（写入会毁掉其中的数据）")
    try:
        # non-blocking open: a FIFO nobody reads would otherwise hang the program for ever
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise ProjectFileError(f"无法写入 {p}：这是一个管道（FIFO），但没有程序在读取它") from None
        raise ProjectFileError(f"无法写入 {p}：{os_reason(exc)}") from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
    except OSError as exc:
        raise ProjectFileError(f"无法写入 {p}：{os_reason(exc)}") from None
    finally:
        os.close(fd)


def _mode_for(p: Path) -> int:
    try:
        return p.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def header_comments(text: str) -> str:
    """The comment block at the top of a project file (what the clerk wrote about the file)."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""


def save(project: Project, path: str | os.PathLike) -> None:
    """Save atomically.  tomli-w writes no comments, so the file's leading comment block is carried
    over from the file being replaced; comments further down are not kept (README says so)."""
    p = Path(path)
    head = ""
    try:
        if p.is_file():  # never open a FIFO to read (it would block) or a device
            head = header_comments(p.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        pass
    atomic_write(p, head + dumps(project), sync_folder=True)
