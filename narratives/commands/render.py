"""juesuan render PROJECT.toml [--style S] [--section 五] [--format md|txt] [-o FILE]"""
from __future__ import annotations

from .common import add_style_options, write_output


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="生成第三部分 情况说明（Markdown 或纯文本）")
    p.add_argument("project", help="项目文件（.toml）")
    add_style_options(p)
    p.add_argument("--section", help="只生成一节：编号（五）、id（general）或标题")
    p.add_argument("--format", choices=["md", "txt"], default="md", help="输出格式（默认 md）")
    p.add_argument("-o", "--output", help="输出文件（默认输出到屏幕）")
    p.set_defaults(run=run)


def run(args) -> int:
    from .. import api
    project = api.load(args.project)
    doc = api.render(project, style=args.style, templates=tuple(args.templates), section=args.section)
    write_output(api.to_markdown(doc) if args.format == "md" else api.to_text(doc), args.output)
    return 0
