"""juesuan styles: list the styles found."""
from __future__ import annotations


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="列出可用的样式")
    p.add_argument("--templates", action="append", default=[], metavar="DIR", help="额外的样式文件夹")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..styles import available, read_settings
    for name, folder in sorted(available(tuple(args.templates)).items()):
        s = read_settings(folder)
        print(f"{name}\t{s.label or name}\t{len(s.sections)}节\t{folder}")
    return 0
