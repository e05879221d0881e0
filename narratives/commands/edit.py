"""juesuan edit [PROJECT.toml]: open the app (the start screen without a project)."""
from __future__ import annotations


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="打开编辑界面（不给项目文件时打开开始界面）")
    p.add_argument("project", nargs="?", help="项目文件（.toml）")
    p.set_defaults(run=run)


def run(args) -> int:
    try:
        from tui.app import run_app
    except ImportError:
        from ..errors import JuesuanError
        raise JuesuanError("界面程序未安装（缺少 textual）") from None
    return run_app(args.project)
