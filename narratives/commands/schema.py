"""juesuan schema: the JSON Schema of the project file."""
from __future__ import annotations

import json


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="输出项目文件的 JSON Schema")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..model import Project
    print(json.dumps(Project.model_json_schema(by_alias=True), ensure_ascii=False, indent=2))
    return 0
