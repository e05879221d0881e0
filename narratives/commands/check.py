"""juesuan check PROJECT.toml… [--format text|json] [--style S] [--templates DIR] [-o FILE]
juesuan check --list-rules  (the rules with their formulas: docs/checks.md)

Findings are grouped by table, 错误 before 提示; 尾差 (differences within the rounding tolerance)
come last, as one line of counts per table (``--tail``: one short line each).  Exit status: 0 no
错误 (提示 and 尾差 may remain), 1 at least one 错误,
2 a file that cannot be read (one Chinese line on stderr).  Several files (a finance bureau
checking its units): each file's findings under its name; a file that cannot be read is reported
and the others are still checked."""
from __future__ import annotations

import json
import sys

from .common import add_style_options, write_output


HELP = """审核表间勾稽关系和情况说明的输入，按表列出：先“错误”，再“提示”。
差额在允许范围内的（n 个两位小数的数相加允许相差 n×0.005 万元）是“尾差”，不必改动，
可在表下注明“因四舍五入，合计数与分项之和可能存在尾数差异”；尾差放在最后，只按表列出处数，
加 --tail 逐条列出。
退出码：0 没有错误（可能有提示、尾差）；1 有错误；2 文件无法读取。"""


def add(sub, name: str) -> None:
    import argparse
    p = sub.add_parser(name, help="审核：表间勾稽关系和情况说明的输入（有错误时退出码为 1）",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("project", nargs="*", help="项目文件（.toml），可给多个")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="输出格式（默认 text；json 中每条有 tier：错误、提示或尾差）")
    p.add_argument("--tail", action="store_true",
                   help="逐条列出尾差（默认只按表列出处数；尾差在允许范围内，不影响退出码）")
    add_style_options(p)
    p.add_argument("--list-rules", action="store_true", help="列出全部审核规则及公式（Markdown）")
    p.add_argument("-o", "--output", help="输出文件（默认输出到屏幕）")
    p.set_defaults(run=run)


# 未填 (L05) findings of one table are listed on one line: an empty project has dozens of them and
# the clerk needs the list of what to fill, not a page per input (the JSON keeps one per input)
GROUPED = "L05"


def _short(table: str, label: str) -> str:
    """A label under its table's heading, without naming the table again ("基本支出合计（公开03表）"
    under 【公开03表】 → 基本支出合计)."""
    short = label.removesuffix(f"（{table}）").removeprefix(table + " ")
    if table in ("上年", "年初预算"):  # "收入总计 上年数" under 【上年】 → 收入总计
        short = short.removesuffix(" 上年数" if table == "上年" else " 年初预算")
    return short or label


def _tails(tails, in_full: bool) -> list[str]:
    """尾差 last: the count per table (a clerk adds one note under each such table), or with
    ``in_full`` one short line each (where, stated, expected, the difference)."""
    from ..checks.finding import TAIL_NOTE
    head = f"【尾差】{len(tails)} 处，均在允许范围内，不必改动（可在表下注明“{TAIL_NOTE}”）"
    if not in_full:
        per_table: dict[str, int] = {}
        for f in tails:
            per_table[f.table] = per_table.get(f.table, 0) + 1
        return [head + "：", "  " + "、".join(f"{t} {n} 处" for t, n in per_table.items())
                + "。加 --tail 逐条列出。"]
    lines = [head + "："]
    for f in tails:
        gap = f.gap()
        lines.append(f"  {f.table} {f.location}：{f.found}，应为 {f.expected}，相差 {gap}（{f.rule}）"
                     if gap and f.found and f.expected else f"  {f.rule}  {f.message}")
    return lines


def as_text(findings, summary, tails: bool = False) -> str:
    """The findings grouped by table (错误, then 提示), the 尾差 after them (see ``_tails``), and
    the counts last."""
    lines = []
    table = None
    grouped: dict[str, list[str]] = {}
    tail = [f for f in findings if getattr(f, "tail", False)]
    findings = [f for f in findings if not getattr(f, "tail", False)]
    for f in findings:
        if f.rule == GROUPED:
            grouped.setdefault(f.table, []).append(f.location)
    for f in findings:
        if f.table != table:
            table = f.table
            if lines:
                lines.append("")
            lines.append(f"【{table}】")
        if f.rule == GROUPED:
            labels = grouped.pop(f.table, None)
            if labels:
                lines.append(f"  {f.severity} {f.rule}  未填 {len(labels)} 项（文中写作“【待填：…】”，"
                             f"请填入；确为 0 的填 0）：{'、'.join(_short(f.table, x) for x in labels)}")
            continue
        lines.append(f"  {f.severity} {f.rule}  {f.message}")
    if tail:
        if lines:
            lines.append("")
        lines += _tails(tail, tails)
    if lines:
        lines.append("")
    lines.append(summary.text())
    return "\n".join(lines) + "\n"


def as_json(findings, summary) -> str:
    data = {"summary": summary.to_dict(), "findings": [f.to_dict() for f in findings]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _list_rules(args) -> int:
    from .. import api
    from ..checks import rules_markdown
    from ..checks.engine import Settings
    extra = ()
    if args.style or args.project:
        project = api.load(args.project[0]) if args.project else None
        style = api.style_for(project, args.style, tuple(args.templates)) if project else \
            api.load_style(args.style, tuple(args.templates))
        extra = Settings(style).rules
    write_output(rules_markdown(extra), args.output)
    return 0


def _check_one(path: str, args):
    from .. import api
    from ..checks import summary
    project = api.load(path)
    findings = api.check(project, api.style_for(project, args.style, tuple(args.templates)))
    return project, findings, summary(findings)


def _check_many(args) -> int:
    """Each file under its own heading; unreadable files reported, the rest still checked."""
    from ..errors import JuesuanError
    parts, records = [], []
    bad = with_errors = 0
    for path in args.project:
        try:
            project, findings, s = _check_one(path, args)
        except JuesuanError as exc:
            bad += 1
            sys.stderr.write(f"juesuan：{exc}\n")
            parts.append(f"==== {path} ====\n无法读取：{exc}\n")
            records.append({"file": path, "error": str(exc)})
            continue
        with_errors += not s.ok
        parts.append(f"==== {path}（{project.unit.name} {project.unit.year}）====\n{as_text(findings, s, args.tail)}")
        records.append({"file": path, "unit": project.unit.name, "year": project.unit.year,
                        "summary": s.to_dict(), "findings": [f.to_dict() for f in findings]})
    total = f"共 {len(args.project)} 个项目：有错误的 {with_errors} 个，无法读取的 {bad} 个\n"
    if args.format == "json":
        write_output(json.dumps({"projects": records}, ensure_ascii=False, indent=2) + "\n", args.output)
    else:
        write_output("\n".join(parts) + "\n" + total, args.output)
    return 2 if bad else (1 if with_errors else 0)


def run(args) -> int:
    from ..errors import JuesuanError

    if args.list_rules:
        return _list_rules(args)
    if not args.project:
        raise JuesuanError("请给出项目文件：juesuan check 项目.toml")
    if len(args.project) > 1:
        return _check_many(args)
    _, findings, s = _check_one(args.project[0], args)
    write_output(as_json(findings, s) if args.format == "json" else as_text(findings, s, args.tail), args.output)
    return 0 if s.ok else 1
