"""Pieces several commands share: loading a project with a style override, writing output."""
from __future__ import annotations

import sys
from pathlib import Path

from ..io.projectfile import atomic_write


def add_style_options(p) -> None:
    p.add_argument("--style", help="样式名称（默认用项目文件中的样式）")
    p.add_argument("--templates", action="append", default=[], metavar="DIR",
                   help="额外的样式文件夹（可多次给出），其中的样式优先于内置样式")


def write_output(text: str, out: str | None) -> None:
    if out and out != "-":
        atomic_write(Path(out), text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def add_new_file_options(p, what: str = "要生成的项目文件（.toml）") -> None:
    """-o and --force for commands that create a file the clerk will then edit."""
    p.add_argument("-o", "--output", required=True, help=what)
    p.add_argument("--force", action="store_true", help="输出文件已存在时覆盖")


def new_output(args) -> Path:
    """The -o path; an existing file (it may hold the clerk's words) is kept unless --force."""
    from ..errors import JuesuanError
    out = Path(args.output)
    if out.exists() and not args.force:
        raise JuesuanError(f"{out} 已存在；如要覆盖请加 --force")
    return out
