"""juesuan edit [PROJECT.toml | --sample NAME]: open the app (the start screen without a project)."""
from __future__ import annotations


def add(sub, name: str) -> None:
    p = sub.add_parser(name, help="打开编辑界面（不给项目文件时打开开始界面）")
    p.add_argument("project", nargs="?", help="项目文件（.toml）")
    p.add_argument("--sample", metavar="NAME",
                   help="打开内置示例的工作副本（如 wendeng、yangquan、shanghai；原示例不变）")
    p.set_defaults(run=run)


def sample_copy(name: str):
    """The working copy of the bundled sample whose file name contains ``name``."""
    from ..errors import JuesuanError
    from ..recent import copy_sample, samples
    found = [p for p in samples() if name in p.stem]
    if len(found) != 1:
        names = "、".join(p.stem for p in samples())
        raise JuesuanError(f"示例“{name}”{'不唯一' if found else '不存在'}（有：{names}）")
    return copy_sample(found[0])


def run(args) -> int:
    path = str(sample_copy(args.sample)) if args.sample else args.project
    launch = None
    if path:
        # the launch allocates little garbage and many objects (Textual, then the core): the
        # collector's passes over them cost ~10% of it; the app turns it back on once the
        # project is open (tui/app.py, _end_launch), after 10 s at the latest, and on exit
        import gc
        gc.disable()
        try:
            # before Textual is imported: the kept first screen, or a helper process rendering it
            # on a second core while the app starts (tui/first_render.py; stdlib only here)
            from tui.first_render import start
            launch = start(path)
        except ImportError:
            launch = None
    try:
        try:
            from tui.app import run_app
        except ImportError:
            if launch is not None:
                launch.close()
            from ..errors import JuesuanError
            raise JuesuanError("界面程序未安装（缺少 textual）") from None
        return run_app(path, launch)
    finally:
        import gc
        gc.enable()
