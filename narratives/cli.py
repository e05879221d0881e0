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


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors, in Chinese and with status 2
        self.print_usage(sys.stderr)
        sys.stderr.write(f"juesuan：参数有误：{message}\n")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="juesuan", description="决算公开 第三部分 情况说明：起草、审核、导出。")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="命令")
    for name, module in COMMANDS.items():
        importlib.import_module(f"narratives.commands.{module}").add(sub, name)
    from .commands.common import GUARDED, add_force_option
    for name in GUARDED:  # -o must not destroy an input or a project file unless --force (rel)
        add_force_option(sub.choices[name])
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
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
    except Exception as exc:  # last resort: a bug, still no traceback for the clerk
        sys.stderr.write(f"juesuan：内部错误（{type(exc).__name__}: {exc}）。请把此信息和项目文件报告给开发者。\n")
        if "JUESUAN_DEBUG" in __import__("os").environ:
            raise
        return 70


if __name__ == "__main__":
    sys.exit(main())
