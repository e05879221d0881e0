"""juesuan audit FILE|DIR… [--format …] [-o OUT]: check published 情况说明 from their own figures.

One file without -o: the report on the screen (text or JSON), as before.  Several files, a folder,
or -o ending in .xlsx/.csv/.md: a reviewer's batch — every publication audited with a progress
line on stderr, one row per finding and a summary per file; a file that cannot be read is a row.

Exit status: 0 no sure finding; 1 at least one sure (确定) finding, or a file of a batch that could
not be read; 2 the one file given could not be read, or a user's mistake.
"""
from __future__ import annotations

import os
from pathlib import Path

from .common import write_output

REPORT_FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".md": "md", ".markdown": "md", ".json": "json", ".txt": "text"}


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="审核已公开的情况说明：用其自身数字和决算表复算（.pdf/.docx/.txt/.md，可批量）",
                       description="读出第三部分 情况说明中的每个数字及其含义，复算变动率、占比、完成率、"
                                   "分项之和、各节合计与决算表（公开01–09表），并检查用语（增减方向、持平、零基数、"
                                   "零预算、模板残留、待填标记、重复字、标点、规范用语、年份）。"
                                   "给出文件夹或多个文件时批量审核，报告每行一个问题。",
                       epilog="退出码：0 没有“确定”的问题；1 有“确定”的问题（或批量中有文件无法读取）；"
                              "2 文件无法读取或参数有误。")
    p.add_argument("file", nargs="+", metavar="FILE|DIR",
                   help="已公开的决算文本（.pdf、.docx、.txt、.md），或包含这些文件的文件夹")
    p.add_argument("--format", choices=["text", "json", "xlsx", "csv", "md"],
                   help="输出格式（默认按 -o 的扩展名：.xlsx/.csv/.md/.json；否则 text）")
    p.add_argument("--only-sure", action="store_true", help="只列出“确定”的问题")
    p.add_argument("-o", "--output", help="输出文件（默认输出到屏幕；.xlsx 报告含“问题清单”和“文件汇总”两表）")
    p.add_argument("--jobs", type=int, default=0, metavar="N",
                   help="批量审核时同时运行的进程数（默认按 CPU 数）")
    p.set_defaults(run=run)


REPORT_HEADS = ("# 决算公开审核报告".encode(), "审核：".encode(), "\ufeff文件,".encode(), b"[", b"{")


def _is_report(path: Path) -> bool:
    """A report this command wrote (its first bytes say so)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError:
        return False
    return head.startswith(REPORT_HEADS)


def _format(args) -> str:
    if args.format:
        return args.format
    if args.output and args.output != "-":
        return REPORT_FORMATS.get(Path(args.output).suffix.lower(), "text")
    return "text"


def run(args) -> int:
    from ..audit import SURE, audit_file, to_json, to_text
    from ..errors import JuesuanError
    fmt = _format(args)
    only = SURE if args.only_sure else None
    inputs = list(args.file)
    single = len(inputs) == 1 and not Path(inputs[0]).is_dir()
    if single and fmt in ("text", "json"):
        report = audit_file(inputs[0])
        write_output(to_json(report, only) if fmt == "json" else to_text(report, only), args.output)
        return report.exit_status
    if fmt in ("xlsx",) and not (args.output and args.output != "-"):
        raise JuesuanError("xlsx 报告需要用 -o 指定输出文件，如 -o 审核报告.xlsx")
    from ..audit import batch, sheets
    for raw in inputs:
        if not Path(raw).exists() and not Path(raw).is_symlink():
            raise JuesuanError(f"找不到文件或文件夹 {raw}")
    files = batch.collect(inputs)
    if args.output and args.output != "-":
        # the report of a last run, written into the folder under review, is no publication; a
        # publication in that folder is never overwritten by the report
        out = Path(args.output).resolve()
        if any(p.resolve() == out for p, _ in files):
            if not _is_report(out) and not getattr(args, "force", False):
                raise JuesuanError(f"输出文件 {args.output} 是待审核的文件之一，写入会覆盖它；请换一个输出文件名"
                                   "（确要覆盖请加 --force）")
            files = [(p, name) for p, name in files if p.resolve() != out]
    if not files:
        raise JuesuanError(f"{'、'.join(inputs)} 中没有可审核的文件（.pdf、.docx、.txt、.md）")
    jobs = args.jobs if args.jobs and args.jobs > 0 else min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1), 8)
    progress = batch.Progress(len(files))
    entries = batch.run(files, jobs=jobs, on_entry=progress.step)
    if fmt in ("xlsx", "csv", "md") and args.output and args.output != "-":
        sheets.write(entries, fmt, Path(args.output), only)
    elif fmt == "csv":
        write_output(sheets.to_csv(entries, only), None)
    elif fmt == "md":
        write_output(sheets.to_markdown(entries, only), None)
    elif fmt == "json":
        import json
        data = [{"file": e.name, "error": e.error} if e.error else {"file": e.name, **e.report.to_dict()}
                for e in entries]
        if only:
            for d in data:
                if "findings" in d:
                    d["findings"] = [f for f in d["findings"] if f["sureness"] == only]
        write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", args.output)
    else:
        parts = [f"【{e.name}】无法读取：{e.error}\n" if e.error else to_text(e.report, only).replace(
            f"审核：{e.report.source}", f"审核：{e.name}", 1) for e in entries]
        write_output("\n".join(parts), args.output)
    failed = sum(1 for e in entries if e.error)
    sure = sum(1 for e in entries if e.report is not None and e.report.count(SURE))
    import sys
    sys.stderr.write(f"共审核 {len(entries)} 个文件：{sure} 个有“确定”的问题，{failed} 个无法读取"
                     + (f"；报告已写入 {args.output}" if args.output and args.output != "-" else "") + "\n")
    return 1 if sure or failed else 0
