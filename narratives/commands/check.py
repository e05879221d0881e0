"""juesuan check PROJECT.toml [--format text|json] [--style S] [--templates DIR]
juesuan check --list-rules  (the rules with their formulas: docs/checks.md)

Findings are grouped by table.  Exit status: 0 no 错误 (提示 may remain), 1 at least one 错误,
2 a file that cannot be read (the CLI's usual one line on stderr)."""
from __future__ import annotations

import json

from .common import add_style_options, write_output


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="审核：表间勾稽关系和情况说明的输入（有错误时退出码为 1）")
    p.add_argument("project", nargs="?", help="项目文件（.toml）")
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    add_style_options(p)
    p.add_argument("--list-rules", action="store_true", help="列出全部审核规则及公式（Markdown）")
    p.add_argument("-o", "--output", help="输出文件（默认输出到屏幕）")
    p.set_defaults(run=run)


def as_text(findings, summary) -> str:
    lines = []
    table = None
    for f in findings:
        if f.table != table:
            table = f.table
            if lines:
                lines.append("")
            lines.append(f"【{table}】")
        lines.append(f"  {f.severity} {f.rule}  {f.message}")
    if lines:
        lines.append("")
    lines.append(summary.text())
    return "\n".join(lines) + "\n"


def as_json(findings, summary) -> str:
    data = {"summary": summary.to_dict(), "findings": [f.to_dict() for f in findings]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def run(args) -> int:
    from .. import api
    from ..checks import rules_markdown, summary
    from ..errors import JuesuanError

    if args.list_rules:
        extra = ()
        if args.style or args.project:
            from ..checks.engine import Settings
            project = api.load(args.project) if args.project else None
            style = api.style_for(project, args.style, tuple(args.templates)) if project else \
                api.load_style(args.style, tuple(args.templates))
            extra = Settings(style).rules
        write_output(rules_markdown(extra), args.output)
        return 0
    if not args.project:
        raise JuesuanError("请给出项目文件：juesuan check 项目.toml")
    project = api.load(args.project)
    style = api.style_for(project, args.style, tuple(args.templates))
    findings = api.check(project, style)
    s = summary(findings)
    write_output(as_json(findings, s) if args.format == "json" else as_text(findings, s), args.output)
    return 0 if s.ok else 1
