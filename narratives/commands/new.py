"""juesuan new -o NEW.toml (--from LAST.toml | --name 单位 --year 2025 [--kind K] [--style S])

With --from: next year's project from last year's — year + 1, last year's 本年 figures as 上年,
tables empty, the clerk's reasons kept as a draft marked 【上年】 (主要用于 kept as is).
Without: an empty project for the given unit and year."""
from __future__ import annotations

import sys

from ..kinds import UNIT_KINDS
from .common import add_new_file_options, new_output


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="新建项目文件；--from 上年项目：上年数、说明草稿自动带入")
    p.add_argument("--from", dest="source", metavar="LAST", help="上年的项目文件（.toml）")
    p.add_argument("--name", help="单位名称（不用 --from 时必填）")
    p.add_argument("--year", type=int, help="年度（不用 --from 时必填）")
    p.add_argument("--kind", choices=UNIT_KINDS, help="单位性质（默认 事业单位）")
    p.add_argument("--style", help="样式名称（如 shanxi、shandong）")
    add_new_file_options(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from .. import api
    from ..errors import JuesuanError
    from ..io import projectfile
    from ..model import Project, Unit
    out = new_output(args)
    if args.source:
        project = api.next_year(api.load(args.source))
        changes = {k: v for k, v in (("名称", args.name), ("年度", args.year), ("性质", args.kind),
                                     ("样式", args.style)) if v}
        if changes:  # re-validated through the file's own checks (年度 range, 性质 values)
            data = projectfile.to_dict(project)
            data["单位"].update(changes)
            project = projectfile.from_dict(data, str(out))
    else:
        if not args.name or not args.year:
            raise JuesuanError("请给出 --from 上年项目文件，或同时给出 --name 单位名称 和 --year 年度")
        try:
            unit = Unit.model_validate({"名称": args.name, "年度": args.year, "性质": args.kind or "事业单位",
                                        **({"样式": args.style} if args.style else {})})
        except ValueError:
            raise JuesuanError(f"年度 {args.year} 不在 2000–2100 之间") from None
        project = Project(unit=unit)
    api.style_for(project)
    api.save(project, out)
    what = f"，上年数取自 {args.source}；说明中的原因已标“【上年】”，请逐条审改" if args.source else ""
    sys.stderr.write(f"juesuan：已新建 {project.unit.name} {project.unit.year}年度项目 → {out}{what}\n")
    return 0
