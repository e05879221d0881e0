"""juesuan schema [--subjects [PROJECT]]: the JSON Schema of the project file, or the 说明 subjects.

The schema's 说明 lists the subjects a 说明 may be written about (``propertyNames``: the named
figures, or a 功能分类 code), so a clerk editing TOML by hand can look them up; ``--subjects``
prints them as a list (with the codes a given project holds)."""
from __future__ import annotations

import json

# a 功能分类 code (类 3, 款 5, 项 7 digits), optionally followed by its name ("204 公共安全支出")
CODE_PATTERN = r"^\d{3}(\d{2}){0,2}( .+)?$"


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="输出项目文件的 JSON Schema（--subjects：说明可用的科目）")
    p.add_argument("--subjects", nargs="?", const="", metavar="PROJECT",
                   help="列出说明（[说明.\"科目\"]）可用的科目；给出项目文件时连同其表中的功能分类代码")
    p.set_defaults(run=run)


def schema() -> dict:
    from ..model import Project
    from ..model.base import clean_key
    from ..subjects import NAMED
    data = Project.model_json_schema(by_alias=True)
    notes = data.get("properties", {}).get("说明")
    if isinstance(notes, dict):
        names = list(dict.fromkeys(NAMED))
        # the file may say 因公出国（境）费 or 因公出国(境)费: both are read as the same subject
        spellings = list(dict.fromkeys([*names, *(clean_key(n) for n in names)]))
        notes["propertyNames"] = {"anyOf": [{"enum": spellings}, {"pattern": CODE_PATTERN}]}
        notes["description"] = (
            "经办人的说明，按科目：一个数字的名称（" + "、".join(names) + "），或功能分类代码"
            "（类 3 位、款 5 位、项 7 位，如 \"204\"、\"2040601\"，须是本项目表中有的）。"
            "每个科目可写 变动原因、主要用于、预算偏差原因、内容。")
        notes["examples"] = [{"收支总计": {"变动原因": "……"}, "204": {"主要用于": "……"}}]
    return data


def subjects_text(project_path: str) -> str:
    from ..subjects import NAMED, codes
    lines = ["说明可用的科目（[说明.\"科目\"]，键：变动原因、主要用于、预算偏差原因、内容）：", "",
             "数字的名称："]
    lines += [f"  {n}" for n in dict.fromkeys(NAMED)]
    lines += ["", "功能分类代码：类 3 位、款 5 位、项 7 位（如 \"204\"、\"2040601\"）"]
    if project_path:
        from .. import api
        project = api.load(project_path)
        names = {**_names(project)}
        found = codes(project)
        lines.append(f"本项目表中有的代码（{len(found)} 个）：" if found else "本项目的表中还没有功能分类代码。")
        lines += [f"  {c} {names.get(c, '')}".rstrip() for c in found]
    return "\n".join(lines) + "\n"


def _names(project) -> dict[str, str]:
    from ..model import name_map
    out = {}
    for rows in (project.t08.rows, project.t07.rows, project.t02.rows, project.t03.rows, project.t05.rows):
        out.update((r.code, r.name) for r in rows)
    for mapping in (project.prior.by_func, project.budget.by_func):
        out.update({k: v for k, v in name_map(mapping).items() if k not in out})
    return out


def run(args) -> int:
    from .common import write_output
    if getattr(args, "subjects", None) is not None:
        write_output(subjects_text(args.subjects), None)
        return 0
    print(json.dumps(schema(), ensure_ascii=False, indent=2))
    return 0
