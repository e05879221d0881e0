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
    p.add_argument("--strict", action="store_true",
                   help="严格：文中仍有【待填】或审核有错误时不导出（退出码 1）")
    add_style_options(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from .. import api
    from ..export import default_output, export_docx, export_markdown
    project = api.load(args.project)
    out = args.output or default_output(project, args.project, args.format, args.whole)
    # what is still to fill or wrong: said every time (a draft may be exported to show it round),
    # and with --strict nothing is written while anything remains
    markers, findings = api.remaining(project, args.style, tuple(args.templates))
    errors = sum(1 for f in findings if f.is_error)
    left = _left(len(markers), len(set(markers)), errors)
    if args.strict and (markers or errors):
        sys.stderr.write(f"juesuan：未导出（--strict）：{left}。请用 juesuan check 查看并补齐后再导出。\n")
        return 1
    export = export_docx if args.format == "docx" else export_markdown
    result = export(project, out, style=args.style, whole=args.whole, templates=tuple(args.templates),
                    charts=not args.no_charts)
    for notice in result.notices:
        sys.stderr.write(f"juesuan：提示：{notice}\n")
    extra = f"（另有图表 {len(result.files)} 个）" if result.files else ""
    sys.stderr.write(f"已导出 {result.path}{extra}\n")
    if markers or errors:
        sys.stderr.write(f"juesuan：注意：{left}，此稿尚不能公开（juesuan check 列出明细）。\n")
    return 0


def _left(markers: int, inputs: int, errors: int) -> str:
    parts = []
    if markers:
        parts.append(f"文中有 {markers} 处【待填】（{inputs} 项未填）")
    if errors:
        parts.append(f"审核有 {errors} 条错误（含未填）")
    return "，".join(parts)
