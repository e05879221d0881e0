"""juesuan styles: list the styles found; ``styles new NAME --from S`` copies a style to edit;
``styles check DIR`` validates a style folder.

    juesuan styles [--templates DIR]
    juesuan styles new NAME --from shanxi [--to DIR]
    juesuan styles check DIR [--project FILE]
    juesuan styles reference > docs/styles-reference.md
"""
from __future__ import annotations

import sys
from pathlib import Path


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="列出、复制、检查样式（样式 = 一个文件夹：style.toml + 每节一个模板）",
                       description="不带操作时列出找到的样式：--templates 文件夹、用户样式文件夹、内置样式。")
    p.add_argument("--templates", action="append", default=[], metavar="DIR", help="额外的样式文件夹")
    ops = p.add_subparsers(dest="action", metavar="操作")

    ls = ops.add_parser("list", help="列出找到的样式（默认操作）")
    ls.add_argument("--templates", dest="more_templates", action="append", default=[], metavar="DIR",
                    help="额外的样式文件夹")

    new = ops.add_parser("new", help="复制一个样式，改成自己的（默认放到用户样式文件夹）")
    new.add_argument("name", metavar="NAME", help="新样式的名称（也是文件夹名），如 beijing")
    new.add_argument("--from", dest="source", required=True, metavar="STYLE",
                     help="以哪个样式为底本，如 shanxi、shandong、shanghai")
    new.add_argument("--to", metavar="DIR", help="放到这个文件夹下（默认：用户样式文件夹）")
    new.add_argument("--templates", dest="more_templates", action="append", default=[], metavar="DIR",
                     help="额外的样式文件夹（底本可以在其中）")

    check = ops.add_parser("check", help="检查一个样式文件夹：设置、模板语法、占位符，并试生成找出残留",
                           description="不给 --project 时用内置样例和几个特殊的合成单位（全为0、新增、上年未填、"
                                       "行很多或很少、没有三公）试生成。")
    check.add_argument("folder", metavar="DIR", help="样式文件夹（含 style.toml）")
    check.add_argument("--project", metavar="FILE", help="只用这个项目文件试生成")
    ops.add_parser("reference", help="打印样式参考（函数、数据、style.toml 的每一项），Markdown",
                   description="由程序生成：juesuan styles reference > docs/styles-reference.md")
    from . import learn_style  # styles learn (issue 15) lives in its own module
    learn_style.add(ops)
    p.set_defaults(run=run)


def run(args) -> int:
    action = getattr(args, "action", None) or "list"
    extra = tuple(args.templates) + tuple(getattr(args, "more_templates", []) or [])
    if action == "new":
        return _new(args, extra)
    if action == "check":
        return _check(args)
    if action == "reference":
        from ..style_reference import generate
        sys.stdout.write(generate())
        return 0
    if action == "learn":
        from . import learn_style
        return learn_style.run(args)
    return _list(extra)


def _list(extra: tuple[str, ...]) -> int:
    from ..styles import StyleError, available, bundled_dir, read_settings, user_dir
    bundled, user = bundled_dir().resolve(), user_dir().resolve()
    for name, folder in sorted(available(extra).items()):
        parent = folder.resolve().parent
        where = "内置" if parent == bundled else "用户" if parent == user else "额外"
        try:
            s = read_settings(folder)
            print(f"{name}\t{s.label or name}\t{len(s.sections)}节\t{where}\t{folder}")
        except StyleError as exc:  # one broken folder must not hide the others
            print(f"{name}\t（设置有误：{exc}）\t-\t{where}\t{folder}")
    print(f"用户样式文件夹：{user_dir()}", file=sys.stderr)
    return 0


def _new(args, extra: tuple[str, ...]) -> int:
    from ..style_folder import new_style
    target = new_style(args.name, args.source, Path(args.to) if args.to else None, extra)
    print(f"已建立样式 {args.name}：{target}")
    print(f"改其中的 .j2 模板或 style.toml 后，用 juesuan render 项目.toml --style {args.name}"
          + (f" --templates {args.to}" if args.to else "") + " 生成；"
          f"juesuan styles check {target} 检查。")
    return 0


def _check(args) -> int:
    from ..style_folder import check_folder
    findings = check_folder(Path(args.folder), Path(args.project) if args.project else None)
    for f in findings:
        print(f)
    errors = sum(f.level == "错误" for f in findings)
    if errors:
        print(f"样式 {args.folder}：{errors} 个错误，需修改后才能使用。", file=sys.stderr)
        return 2
    print(f"样式 {args.folder} 可以使用" + (f"（{len(findings)} 条提示）。" if findings else "。"))
    return 0
