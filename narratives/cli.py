"""The command line: ``juesuan <command>``.  Each command lives in ``narratives/commands/<name>.py``
with ``add(subparsers)`` and ``run(args) -> int``.  A user's mistake is one Chinese line on
stderr and exit status 2; never a traceback."""
from __future__ import annotations

import argparse
import importlib
import sys

from .errors import JuesuanError

# command name → module in narratives.commands
COMMANDS = {
    "edit": "edit",
    "render": "render",
    "check": "check",
    "schema": "schema",
    "styles": "styles",
    "import": "import_",
    "new": "new",
    "export": "export",
    "batch": "batch",
    "audit": "audit",
}


# argparse's own texts (usage, help, its errors) in Chinese: it looks them up through the
# module-level ``_`` (gettext), so a table of the texts a clerk can meet replaces it
_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多一个值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：参数有误：%(message)s\n",
}
argparse._ = lambda text: _ZH.get(text, text)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors, in Chinese and with status 2
        self.print_usage(sys.stderr)
        sys.stderr.write(f"juesuan：参数有误：{message}\n")
        sys.exit(2)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; ``only``: just that command's (its arguments, help and errors
    are the same; the others' modules are not imported: `juesuan edit` starts ~10 ms sooner)."""
    from . import __version__
    parser = _Parser(prog="juesuan", description="决算公开 第三部分 情况说明：起草、审核、导出。")
    parser.add_argument("-V", "--version", action="version", version=f"juesuan {__version__}",
                        help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="命令")
    for name, module in COMMANDS.items():
        if only is None or name == only:
            importlib.import_module(f"narratives.commands.{module}").add(sub, name)
    from .commands.common import GUARDED, add_force_option
    for name in GUARDED:  # -o must not destroy an input or a project file unless --force (rel)
        if name in sub.choices:
            add_force_option(sub.choices[name])
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # a command named first: only its parser (anything else, e.g. -V, --help or a typo, gets all)
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    if not args.command:
        args = parser.parse_args(["edit"])
    try:
        from .commands.common import guard_output
        guard_output(args)
        return int(args.run(args) or 0)
    except JuesuanError as exc:
        sys.stderr.write(f"juesuan：{exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("juesuan：已中断\n")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a read-only or full disk the command did not word itself (rel)
        from .io.projectfile import os_problem
        sys.stderr.write(f"juesuan：{os_problem(exc)}\n")
        return 2
    except Exception as exc:  # last resort: a bug, still no traceback for the clerk
        sys.stderr.write(f"juesuan：内部错误（{type(exc).__name__}: {exc}）。请把此信息和项目文件报告给开发者。\n")
        if "JUESUAN_DEBUG" in __import__("os").environ:
            raise
        return 70


if __name__ == "__main__":
    sys.exit(main())
