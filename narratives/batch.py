"""Batch work: every project of a folder (a finance bureau's hundreds of units) rendered, exported or
checked in parallel across the machine's cores.

Design, and why:
- Each unit is processed on its own inside a worker (``process_one``): a damaged project becomes a
  failed ``UnitResult`` with its Chinese message and never stops the others.
- Work goes out in chunks of paths (a worker keeps its compiled templates between units) and only a
  bounded number of chunks is in flight, so the parent holds paths and small results, never
  projects or documents: memory stays flat however many units there are.
- ``narratives.export`` and ``narratives.checks`` are imported lazily, inside the worker, so the
  batch works (and says clearly what is missing) even where those modules are absent.
- Output files are written atomically, one per unit, named after the project file.
"""
from __future__ import annotations

import os
import sys
import time
import unicodedata
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .errors import JuesuanError

FORMATS = ("md", "docx", "check")
SUFFIX = {"md": ".md", "docx": ".docx", "check": ".审核.txt"}


class BatchError(JuesuanError):
    """The batch itself cannot run (no projects found, output folder not writable)."""


@dataclass(frozen=True)
class Options:
    fmt: str = "md"
    outdir: str = "."
    style: str | None = None
    templates: tuple[str, ...] = ()
    charts: bool = True
    findings: bool = True  # also count 审核 findings for md/docx (the summary's 错误/提示 columns)


@dataclass
class UnitResult:
    path: str
    ok: bool
    unit: str = ""
    output: str = ""
    errors: int | None = None   # 审核 错误; None where not checked
    hints: int | None = None    # 审核 提示 (not counting 尾差)
    tails: int | None = None    # 审核 尾差: within the rounding tolerance, nothing to change
    message: str = ""           # why it failed, or the export's notices
    seconds: float = 0.0
    skipped: bool = False       # not a project to process (a hidden file); counted, not failed


@dataclass
class BatchReport:
    results: list[UnitResult] = field(default_factory=list)
    seconds: float = 0.0
    jobs: int = 1
    interrupted: bool = False   # Ctrl-C: the units not reached are failed with 已中断

    @property
    def failed(self) -> list[UnitResult]:
        return [r for r in self.results if not r.ok and not r.skipped]

    @property
    def skipped(self) -> list[UnitResult]:
        return [r for r in self.results if r.skipped]

    @property
    def with_errors(self) -> list[UnitResult]:
        return [r for r in self.results if r.ok and r.errors]

    def exit_status(self, fmt: str) -> int:
        """0 all done; 1 a unit failed (or, for ``check``, a unit has 错误); 130 interrupted."""
        if self.interrupted:
            return 130
        if self.failed:
            return 1
        if fmt == "check" and self.with_errors:
            return 1
        return 0


# ------------------------------------------------------------------ finding the projects
def collect(items: Sequence[str | os.PathLike]) -> list[Path]:
    """Project files from folders (their *.toml, sorted, not recursive) and files given by name.
    A name that does not exist is an error; a file given by name is taken even if it is damaged
    (the batch reports it), so the clerk sees every unit they asked for."""
    out: list[Path] = []
    seen: set[Path] = set()
    for item in items:
        p = Path(item)
        if p.is_dir():
            # every *.toml entry is accounted for: a dangling link or a folder named x.toml
            # becomes a failed unit saying so, a hidden file (an editor's lock) a skipped one
            found = sorted(p.glob("*.toml"))
        elif p.exists() or p.is_symlink():
            found = [p]
        else:
            raise BatchError(f"找不到 {p}（应为项目文件或存放项目文件的文件夹）")
        for q in found:
            key = Path(os.path.abspath(q)) if q.is_symlink() and not q.exists() else q.resolve()
            if key not in seen:
                seen.add(key)
                out.append(q)
    if not out:
        names = "、".join(str(i) for i in items) or "（未给出）"
        raise BatchError(f"在 {names} 中没有找到项目文件（*.toml）")
    return out


def output_names(paths: Sequence[Path], fmt: str) -> list[str]:
    """One output file name per project, never two alike: its stem plus the format's suffix;
    where stems collide (projects from different folders) the path below the folders' common
    parent goes in front ("a-x-u.md", "b-x-u.md"), and a number if even that collides.  Compared
    without case: on Windows and macOS x.md and X.md are one file."""
    stems = [p.stem for p in paths]
    counts: dict[str, int] = {}
    for st in stems:
        counts[st.lower()] = counts.get(st.lower(), 0) + 1
    dup = {st for st in stems if counts[st.lower()] > 1}
    base = None
    if dup:
        parents = [os.path.abspath(p.parent) for p in paths if p.stem in dup]
        try:
            base = os.path.commonpath(parents)
        except ValueError:  # different drives
            base = None
    names, taken = [], set()
    for p in paths:
        stem = p.stem
        if stem in dup:
            rel = os.path.relpath(os.path.abspath(p.parent), base) if base else p.parent.name
            parts = [x for x in Path(rel).parts if x not in (".", os.sep)]
            stem = "-".join(parts + [p.stem]) if parts else p.stem
        name, n = stem + SUFFIX[fmt], 2
        while name.lower() in taken:
            name, n = f"{stem}-{n}{SUFFIX[fmt]}", n + 1
        taken.add(name.lower())
        names.append(name)
    return names


# ------------------------------------------------------------------ one unit (runs in a worker)
def _check(project, style) -> list:
    try:
        from .checks import check
    except ImportError:
        raise BatchError("审核模块（narratives.checks）尚未安装，无法审核") from None
    return check(project, style)


def _write_check(findings, path: Path) -> None:
    from .io.projectfile import atomic_write
    try:
        from .commands.check import as_text
        from .checks import summary
        text = as_text(findings, summary(findings))
    except ImportError:
        text = "\n".join(f"{f.severity} {f.rule} {f.location}：{f.message}" for f in findings) + "\n"
    atomic_write(path, text)


def process_one(path: str, out: str, opts: Options) -> UnitResult:
    """Load, then render/export/check one project.  Never raises: a problem is a failed result."""
    start = time.perf_counter()
    result = UnitResult(str(path), ok=False)
    p = Path(path)
    if p.name.startswith("."):
        result.skipped, result.message = True, "隐藏文件（如编辑器的锁文件），已跳过"
        return result
    try:
        from . import api
        from .io.projectfile import atomic_write
        if p.is_symlink() and not p.exists():
            raise JuesuanError(f"{p} 是指向 {os.readlink(p)} 的链接，但目标不存在")
        project = api.load(path)
        result.unit = project.unit.name
        style = api.style_for(project, opts.style, opts.templates)
        findings = None
        if opts.fmt == "check" or opts.findings:
            try:
                findings = _check(project, style)
            except BatchError:
                if opts.fmt == "check":
                    raise
        if opts.fmt == "md":
            from .render.engine import render_project
            atomic_write(out, api.to_markdown(render_project(project, style)))
        elif opts.fmt == "docx":
            try:
                from .export import export_docx
            except ImportError:
                raise BatchError("导出模块（narratives.export）尚未安装，无法导出 Word") from None
            exported = export_docx(project, out, style=style, charts=opts.charts)
            result.message = "；".join(exported.notices)
        elif opts.fmt == "check":
            _write_check(findings, Path(out))
        else:
            raise BatchError(f"未知的格式“{opts.fmt}”（应为：{'、'.join(FORMATS)}）")
        if findings is not None:
            result.errors = sum(1 for f in findings if f.is_error)
            result.tails = sum(1 for f in findings if getattr(f, "tail", False))
            result.hints = len(findings) - result.errors - result.tails
        result.output, result.ok = str(out), True
    except JuesuanError as exc:
        result.message = str(exc)
    except MemoryError:
        result.message = "内存不足"
    except Exception as exc:  # a bug on one unit must not stop the others, nor show a traceback
        result.message = f"内部错误（{type(exc).__name__}: {exc}）"
    if not result.ok:
        result.message += _remove_stale(Path(out))
    result.seconds = time.perf_counter() - start
    return result


def _remove_stale(out: Path) -> str:
    """A failed unit's output from an earlier run would pass for this run's: remove it."""
    try:
        if out.is_file() or out.is_symlink():
            out.unlink()
            return f"（上次生成的 {out.name} 已删除，以免误用）"
    except OSError as exc:
        from .io.projectfile import os_reason
        return f"（上次生成的 {out.name} 无法删除：{os_reason(exc, out.parent)}，请勿使用）"
    return ""


def _process_chunk(chunk: list[tuple[str, str]], opts: Options) -> list[UnitResult]:
    return [process_one(path, out, opts) for path, out in chunk]


# ------------------------------------------------------------------ the batch
def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunk_size(n: int, jobs: int) -> int:
    """Big enough to amortise the trip to the worker, small enough to balance and to show progress."""
    return max(1, min(16, n // (jobs * 8) or 1))


def run(paths: Sequence[Path], opts: Options, jobs: int | None = None,
        progress: Callable[[int, int, UnitResult], None] | None = None) -> BatchReport:
    """Process every project; ``progress(done, total, last_result)`` after each unit."""
    jobs = jobs or default_jobs()
    if opts.fmt not in FORMATS:
        raise BatchError(f"未知的格式“{opts.fmt}”（应为：{'、'.join(FORMATS)}）")
    if opts.style:  # a wrong --style is one message, not a thousand failed units
        from .styles import load as load_style
        load_style(opts.style, tuple(os.fspath(t) for t in opts.templates))
    outdir = Path(opts.outdir)
    from .io.projectfile import os_reason
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"无法建立输出文件夹 {outdir}：{os_reason(exc, outdir.parent)}") from None
    try:  # a real write says why (read-only disk, full, no permission): os.access cannot
        import tempfile
        fd, probe = tempfile.mkstemp(prefix=".juesuan-probe-", dir=outdir)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise BatchError(f"无法写入输出文件夹 {outdir}：{os_reason(exc, outdir)}") from None
    work = [(str(p), str(outdir / name)) for p, name in zip(paths, output_names(paths, opts.fmt))]
    report = BatchReport(jobs=jobs)
    start = time.perf_counter()
    total = len(work)
    results: dict[str, UnitResult] = {}

    def record(r: UnitResult) -> None:
        results[r.path] = r
        if progress:
            progress(len(results), total, r)

    try:
        if jobs == 1 or total == 1:
            for path, out in work:
                record(process_one(path, out, opts))
        else:
            _warm(opts)
            size = chunk_size(total, jobs)
            chunks = [work[i:i + size] for i in range(0, total, size)]
            _run_pool(chunks, opts, jobs, record)
    except KeyboardInterrupt:
        # Ctrl-C: stop now, but account for every unit (the summary says which were not done)
        report.interrupted = True
        for path, _ in work:
            if path not in results:
                results[path] = UnitResult(path, ok=False, message="已中断，未处理")
    report.results = [results[p] for p, _ in work]
    report.seconds = time.perf_counter() - start
    return report


def _warm(opts: Options) -> None:
    """Import the heavy modules once in the parent: forked workers inherit them instead of each
    importing pydantic, Jinja2 and python-docx again."""
    import importlib
    names = ["narratives.api", "narratives.render.engine"]
    if opts.findings or opts.fmt == "check":
        names.append("narratives.checks")
    if opts.fmt == "docx":
        names += ["narratives.export", "docx"]
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError:  # the worker reports it per unit, with the Chinese message
            pass


def _run_pool(chunks: list[list[tuple[str, str]]], opts: Options, jobs: int,
              record: Callable[[UnitResult], None]) -> None:
    # at most a few chunks per worker in flight: the parent's memory does not grow with the folder
    limit = jobs * 3
    pending: dict[Future, list[tuple[str, str]]] = {}
    todo = iter(chunks)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupt) as pool:
        try:
            while True:
                while len(pending) < limit:
                    chunk = next(todo, None)
                    if chunk is None:
                        break
                    pending[pool.submit(_process_chunk, chunk, opts)] = chunk
                if not pending:
                    break
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    chunk = pending.pop(fut)
                    try:
                        for r in fut.result():
                            record(r)
                    except Exception as exc:  # the worker died (killed, out of memory): its units failed
                        for path, _ in chunk:
                            record(UnitResult(path, ok=False, message=f"处理进程异常退出（{type(exc).__name__}）"))
        except BaseException:
            workers = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in workers:  # stop the units under way: the clerk asked to stop now
                try:
                    proc.terminate()
                except (OSError, AttributeError):
                    pass
            raise


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the parent (which stops them and prints the summary): otherwise
    each would print its own KeyboardInterrupt traceback."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# ------------------------------------------------------------------ progress and summary (plain text)
def width(text: str) -> int:
    """Terminal cells: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, cells: int) -> str:
    return text + " " * max(cells - width(text), 0)


def clip(text: str, cells: int) -> str:
    if width(text) <= cells:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


class Progress:
    """A progress bar on stderr without rich: redrawn in place on a terminal, a line every 10%
    otherwise (a log file gets ten lines, not a thousand)."""

    def __init__(self, stream=None, bar: int = 30):
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.bar = bar
        self.start = time.perf_counter()
        self.failed = 0
        self._last_decile = -1

    def __call__(self, done: int, total: int, result: UnitResult) -> None:
        if not result.ok:
            self.failed += 1
        elapsed = time.perf_counter() - self.start
        filled = self.bar * done // total
        line = (f"[{'#' * filled}{'.' * (self.bar - filled)}] {done}/{total} {100 * done // total:3d}%"
                f"  失败 {self.failed}  {elapsed:.1f}秒")
        if self.tty:
            self.stream.write("\r" + line + ("\n" if done == total else ""))
            self.stream.flush()
        else:
            decile = 10 * done // total
            if decile != self._last_decile:
                self._last_decile = decile
                self.stream.write(line + "\n")
                self.stream.flush()


def summary_table(report: BatchReport, fmt: str, max_name: int = 36) -> str:
    """The findings per unit, then one line of totals."""
    head = ["#", "项目文件", "单位", "状态", "错误", "提示", "尾差", "说明"]
    rows = []
    for i, r in enumerate(report.results, 1):
        status = "成功" if r.ok else "跳过" if r.skipped else "失败"
        note = _short(r) if not r.ok else (r.message or Path(r.output).name)
        rows.append([str(i), clip(Path(r.path).name, max_name), clip(r.unit or "—", max_name), status,
                     "—" if r.errors is None else str(r.errors), "—" if r.hints is None else str(r.hints),
                     "—" if r.tails is None else str(r.tails), clip(note.replace("\n", " "), 100)])
    widths = [max(width(row[c]) for row in [head, *rows]) for c in range(len(head) - 1)]
    lines = []
    for row in [head, *rows]:
        lines.append("  ".join(pad(cell, w) for cell, w in zip(row, widths)) + "  " + row[-1])
    n, failed, skipped = len(report.results), len(report.failed), len(report.skipped)
    errors = sum(r.errors or 0 for r in report.results)
    hints = sum(r.hints or 0 for r in report.results)
    tails = sum(r.tails or 0 for r in report.results)
    checked = any(r.errors is not None for r in report.results)
    tail = f"共 {n} 个单位：成功 {n - failed - skipped} 个，失败 {failed} 个"
    if skipped:
        tail += f"，跳过 {skipped} 个"
    if report.interrupted:
        tail = "已按 Ctrl-C 中断。" + tail
    if checked:
        tail += f"；审核错误 {errors} 处（{len(report.with_errors)} 个单位），提示 {hints} 处"
        tail += f"，尾差 {tails} 处（在允许范围内）" if tails else ""
    tail += f"；用时 {report.seconds:.1f} 秒（{report.jobs} 个进程）"
    details = [""] + ["失败原因："] + [f"  {line}" for line in iter_failures(report)] if failed else []
    return "\n".join(lines + details + ["", tail]) + "\n"


def _short(r: UnitResult) -> str:
    # the table already names the file: drop it from the front of the message
    msg = r.message
    for prefix in (r.path, Path(r.path).name):
        if msg.startswith(prefix):
            msg = msg[len(prefix):].lstrip("：: ")
            break
    return msg


def summary_tsv(report: BatchReport) -> str:
    """The same table for a spreadsheet: tab-separated, one unit a line."""
    lines = ["项目文件\t单位\t状态\t错误\t提示\t尾差\t输出\t说明"]
    for r in report.results:
        lines.append("\t".join([r.path, r.unit, "成功" if r.ok else "跳过" if r.skipped else "失败",
                                "" if r.errors is None else str(r.errors), "" if r.hints is None else str(r.hints),
                                "" if r.tails is None else str(r.tails), r.output, r.message.replace("\t", " ").replace("\n", " ")]))
    return "\n".join(lines) + "\n"


def iter_failures(report: BatchReport) -> Iterable[str]:
    for r in report.failed:
        yield f"{Path(r.path).name}：{_short(r)}"
