"""juesuan audit FILE [--format text|json] [-o OUT]: check a published 情况说明 from its own figures.

Exit status: 0 no sure finding, 1 at least one sure (确定) finding, 2 the file could not be read.
"""
from __future__ import annotations

from .common import write_output


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="审核已公开的情况说明：用其自身数字复算（.txt/.md/.docx/PDF）",
                       description="读出第三部分 情况说明中的每个数字及其含义，复算变动率、占比、完成率、"
                                   "分项之和、各节合计与决算表，并检查用语（增减方向、持平、零基数、零预算、模板残留、年份）。",
                       epilog="退出码：0 没有“确定”的问题；1 有“确定”的问题；2 文件无法读取。")
    p.add_argument("file", help="已公开的决算文本（.txt、.md、.docx 或有文字层的 .pdf）")
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    p.add_argument("--only-sure", action="store_true", help="只列出“确定”的问题")
    p.add_argument("-o", "--output", help="输出文件（默认输出到屏幕）")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..audit import SURE, audit_file, to_json, to_text
    report = audit_file(args.file)
    only = SURE if args.only_sure else None
    write_output(to_json(report, only) if args.format == "json" else to_text(report, only), args.output)
    return report.exit_status
