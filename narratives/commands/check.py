"""juesuan check PROJECT.toml [--format text|json]"""
from __future__ import annotations


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="审核：表间勾稽关系和情况说明的输入")
    p.add_argument("project", help="项目文件（.toml）")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..errors import JuesuanError
    raise JuesuanError("审核功能尚未完成")
