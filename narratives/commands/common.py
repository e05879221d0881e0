"""Pieces several commands share: loading a project with a style override, writing output."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def add_style_options(p) -> None:
    p.add_argument("--style", help="样式名称（默认用项目文件中的样式）")
    p.add_argument("--templates", action="append", default=[], metavar="DIR",
                   help="额外的样式文件夹（可多次给出），其中的样式优先于内置样式")


def write_output(text: str, out: str | None) -> None:
    if out and out != "-":
        from ..io.projectfile import atomic_write  # here: the parser (and the app's launch) need not load the models
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


# commands whose -o writes a report or a document, and the arguments that name their inputs
GUARDED = {"render": ("project",), "check": ("project",), "export": ("project",), "audit": ("file",),
           "import": ("workbook", "prior"), "new": ("source", "from_", "from_project")}


def add_force_option(parser) -> None:
    """--force on every guarded command that has -o but no --force of its own."""
    if not any("--force" in a.option_strings for a in parser._actions):
        parser.add_argument("--force", action="store_true",
                            help="允许输出文件覆盖输入文件或项目文件（慎用）")


def guard_output(args) -> None:
    """Refuse an -o that would destroy the clerk's work: the input itself (also through a link or
    another spelling of the path), or any other project file, unless --force.  Special files
    (/dev/null, a FIFO) are fine: writing them replaces nothing."""
    from ..errors import JuesuanError
    out = getattr(args, "output", None)
    if not out or out == "-" or getattr(args, "force", False):
        return
    if args.command not in GUARDED:
        return
    inputs: list[str] = []
    for name in GUARDED[args.command]:
        value = getattr(args, name, None)
        if isinstance(value, (list, tuple)):
            inputs.extend(str(v) for v in value)
        elif value:
            inputs.append(str(value))
    p = Path(out)
    if not p.is_file():
        return
    for src in inputs:
        try:
            same = os.path.samefile(p, src)
        except OSError:
            same = False
        if same:
            raise JuesuanError(f"输出文件 {out} 就是输入文件 {src}，写入会覆盖它；请换一个输出文件名"
                               "（确要覆盖请加 --force）")
    if is_project_file(p):
        raise JuesuanError(f"输出文件 {out} 是一个项目文件，写入会覆盖其中的数字和说明；请换一个输出文件名"
                           "（确要覆盖请加 --force）")


def is_project_file(p: Path) -> bool:
    """A regular file that reads as a juesuan project (a [单位] table near its top)."""
    try:
        with open(p, "rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    text = head.decode("utf-8", "ignore")
    return "[单位]" in text or '"单位"' in text and "名称" in text
