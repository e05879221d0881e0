"""juesuan export PROJECT.toml --format docx|md [-o FILE] [--whole] [--style S] [--no-charts]"""
from __future__ import annotations

import sys

from .common import add_style_options


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="导出 Word（公文格式）或 Markdown 文件")
    p.add_argument("project", help="项目文件（.toml）")
    p.add_argument("--format", choices=["docx", "md"], default="docx", help="导出格式（默认 docx）")
    p.add_argument("-o", "--output", help="输出文件（默认：项目文件旁的“单位名称-年度-情况说明.docx”）")
    p.add_argument("--whole", action="store_true",
                   help="导出完整的决算公开：概况、决算表、情况说明、名词解释、附件")
    p.add_argument("--no-charts", action="store_true", help="不生成图表")
    add_style_options(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from .. import api
    from ..export import default_output, export_docx, export_markdown
    project = api.load(args.project)
    out = args.output or default_output(project, args.project, args.format, args.whole)
    export = export_docx if args.format == "docx" else export_markdown
    result = export(project, out, style=args.style, whole=args.whole, templates=tuple(args.templates),
                    charts=not args.no_charts)
    for notice in result.notices:
        sys.stderr.write(f"juesuan：提示：{notice}\n")
    extra = f"（另有图表 {len(result.files)} 个）" if result.files else ""
    sys.stderr.write(f"已导出 {result.path}{extra}\n")
    return 0
