"""juesuan batch DIR|PROJECT… --format md|docx|check -o OUTDIR [-j N]

Every project of the folders (their *.toml) and files given, in parallel across the cores; a
progress bar on stderr; a summary table of the findings per unit on stdout (and 汇总.tsv in OUTDIR).
Exit status: 0 all done; 1 a unit failed (or, with --format check, a unit has 错误); 2 nothing to
do (no project found, bad output folder, unknown style); 130 stopped by Ctrl-C (the summary still
lists every unit).  Every *.toml of a folder is accounted for: a dangling link or a folder named
x.toml fails with its reason, a hidden file is skipped; a failed unit's output from an earlier run
is removed."""
from __future__ import annotations

import sys


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="批量处理：一个文件夹里的全部项目并行生成/导出/审核，最后给出汇总表")
    p.add_argument("projects", nargs="+", metavar="DIR|PROJECT", help="项目文件夹（其中的 *.toml）或项目文件")
    p.add_argument("--format", choices=["md", "docx", "check"], default="md",
                   help="md：情况说明 Markdown；docx：Word；check：审核报告（默认 md）")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="输出文件夹（不存在则建立）")
    p.add_argument("-j", "--jobs", type=int, default=0, help="并行进程数（默认：本机处理器核数）")
    p.add_argument("--style", help="样式名称（默认用各项目文件中的样式）")
    p.add_argument("--templates", action="append", default=[], metavar="DIR", help="额外的样式文件夹")
    p.add_argument("--no-charts", action="store_true", help="导出 Word 时不生成图表（更快）")
    p.add_argument("--no-check", action="store_true", help="md/docx 时不做审核（汇总表不列错误、提示）")
    p.add_argument("-q", "--quiet", action="store_true", help="不显示进度条")
    p.set_defaults(run=run)


def run(args) -> int:
    from .. import batch
    from ..errors import JuesuanError
    from ..io.projectfile import ProjectFileError, atomic_write

    if args.jobs < 0:
        raise JuesuanError(f"--jobs 应为正整数，现为 {args.jobs}")
    paths = batch.collect(args.projects)
    opts = batch.Options(fmt=args.format, outdir=args.output, style=args.style,
                         templates=tuple(args.templates), charts=not args.no_charts,
                         findings=not args.no_check)
    progress = None if args.quiet else batch.Progress(sys.stderr)
    report = batch.run(paths, opts, jobs=args.jobs or None, progress=progress)
    if report.interrupted:
        sys.stderr.write("\njuesuan：已中断（Ctrl-C）；已完成的单位见下表，其余标为“已中断”\n")
    sys.stdout.write(batch.summary_table(report, args.format))
    sys.stdout.flush()
    try:
        atomic_write(f"{args.output}/汇总.tsv", batch.summary_tsv(report))
    except ProjectFileError as exc:
        sys.stderr.write(f"juesuan：提示：汇总表未能写入：{exc}\n")
    return report.exit_status(args.format)
