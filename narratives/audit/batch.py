"""A reviewer's batch: every publication in the folders and files given, audited one by one, with
a progress line on stderr.  A file that cannot be read (damaged, scanned, too large, an old .doc)
is an entry with its reason, never the end of the batch.
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..errors import JuesuanError
from .engine import Report, audit_file

SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".doc", ".wps")


@dataclass
class Entry:
    path: Path
    name: str                      # as shown in the report: relative to the folder given
    report: Report | None = None
    error: str = ""                # why it could not be audited


def collect(inputs: Iterable[str | os.PathLike]) -> list[tuple[Path, str]]:
    """(path, name) of every file to audit, in a stable order; a folder is searched through
    (hidden files and Office lock files "~$x.docx" skipped); a file given by name is taken as
    it is, whatever its suffix (the audit says if it cannot read it)."""
    out: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if any(part.startswith((".", "~$")) for part in rel.parts):
                    continue
                if f.suffix.lower() in SUFFIXES and (f.is_file() or f.is_symlink()):
                    key = f.resolve()
                    if key not in seen:
                        seen.add(key)
                        out.append((f, str(Path(p.name) / rel)))
        else:
            key = p.resolve() if p.exists() else p
            if key not in seen:
                seen.add(key)
                out.append((p, str(p)))
    return out


def audit_one(path: Path, name: str) -> Entry:
    try:
        return Entry(path, name, report=audit_file(path))
    except JuesuanError as exc:
        return Entry(path, name, error=str(exc))
    except RecursionError:
        return Entry(path, name, error=f"{path.name}：文件结构过深，无法读取")
    except MemoryError:
        return Entry(path, name, error=f"{path.name}：文件过大，内存不足")
    except Exception as exc:  # a reader's own failure on a damaged file: a row, not a crash
        return Entry(path, name, error=f"{path.name}：文件已损坏或格式异常，无法读取（{type(exc).__name__}）")


def _audit_pair(pair: tuple[Path, str]) -> Entry:
    return audit_one(*pair)


class Progress:
    """One line on stderr: a bar redrawn in place on a terminal, a line per file otherwise."""

    def __init__(self, total: int, stream=None):
        self.total, self.done = total, 0
        self.stream = stream if stream is not None else sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def step(self, entry: Entry) -> None:
        self.done += 1
        if entry.error:
            what = "无法读取"
        else:
            from .findings import SURE
            n = entry.report.count(SURE)
            what = f"确定 {n} 处" if n else "未发现确定的问题"
        if self.tty:
            width = 30
            filled = width * self.done // max(self.total, 1)
            line = f"\r审核 [{'#' * filled}{' ' * (width - filled)}] {self.done}/{self.total} {entry.name[-40:]}：{what}"
            self.stream.write(line + "\x1b[K")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"审核 [{self.done}/{self.total}] {entry.name}：{what}\n")
        self.stream.flush()


def run(files: list[tuple[Path, str]], jobs: int = 1,
        on_entry: Callable[[Entry], None] | None = None) -> list[Entry]:
    """Audit every file, in ``jobs`` processes (1: in this one); entries in the input order."""
    if jobs <= 1 or len(files) < 4:
        out = []
        for pair in files:
            entry = audit_one(*pair)
            if on_entry:
                on_entry(entry)
            out.append(entry)
        return out
    out_by_index: dict[int, Entry] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for i, entry in enumerate(pool.map(_audit_pair, files, chunksize=4)):
            if on_entry:
                on_entry(entry)
            out_by_index[i] = entry
    return [out_by_index[i] for i in range(len(files))]
