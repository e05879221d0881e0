"""juesuan import BOOK.xlsx|BOOK.xls [--prior LAST.toml|LAST.xlsx] [--style S] [--name 单位 --year 2024
--kind 事业单位] -o PROJECT.toml

Reads the 公开01–10表 workbook into a new project file; with --prior, 上年 comes from last year's
project (or last year's workbook).  Notes (sheets ignored, units converted) go to stderr.  The
project file is written only when everything was read, and never over an existing file unless
--force is given: it may hold the clerk's words."""
from __future__ import annotations

import sys

from ..kinds import UNIT_KINDS
from .common import add_new_file_options, new_output


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="从决算公开表工作簿（.xlsx/.xls）导入，生成项目文件",
                       description="按标题（收入支出决算总表…）或表号（公开01表）找到各表，按列名读取数字；"
                                   "金额单位为元时换算为万元。")
    p.add_argument("workbook", help="决算公开表工作簿（.xlsx 或 .xls）")
    p.add_argument("--prior", metavar="LAST", help="上年的项目文件（.toml）或上年的工作簿：用其本年数作为上年数")
    p.add_argument("--style", help="样式名称（如 shanxi、shandong）")
    p.add_argument("--name", help="单位名称（默认取表头“部门名称：…”）")
    p.add_argument("--year", type=int, help="年度（默认取表头“2024年度”）")
    p.add_argument("--kind", choices=UNIT_KINDS, help="单位性质（默认按10表的机关运行经费推断）")
    add_new_file_options(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from .. import api
    out = new_output(args)
    result = api.import_workbook(args.workbook, prior=args.prior, name=args.name, year=args.year,
                                 kind=args.kind, style=args.style)
    api.style_for(result.project)  # an unknown --style fails here, before anything is written
    api.save(result.project, out)
    for note in result.notes:
        sys.stderr.write(f"juesuan：提示：{note}\n")
    tables = "、".join(f"{n:02d}" for n in result.tables)
    sys.stderr.write(f"juesuan：已导入 公开{tables}表 → {out}\n")
    return 0
