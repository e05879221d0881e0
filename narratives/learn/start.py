"""新建 → 从去年的公开文件学习格式: learn the style into the user's style folder, then start this
year's project from last year's (上年 filled, reasons as 【上年】 drafts) in the learned style."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import JuesuanError
from ..io.projectfile import load
from ..styles import clear_cache, user_dir
from .api import LearnResult, learn


def style_name(unit_name: str) -> str:
    """A folder name for the learned style: the unit's name without what a folder cannot hold."""
    name = re.sub(r"[^0-9A-Za-z_\-\u4e00-\u9fff]", "", unit_name) or "learned"
    return name[:40]


def learn_and_start(document: str | Path, last_project: str | Path, new_path: str | Path,
                    name: str | None = None):
    """(Session of this year's new project, the learning result).  The new file must not exist."""
    from ..io.nextyear import next_year
    from ..session import Session
    target = Path(new_path).expanduser()
    if target.suffix.lower() != ".toml":
        target = target.with_suffix(".toml")
    if target.exists():
        raise JuesuanError(f"{target} 已存在，请换一个文件名（或用“打开”）")
    last = load(Path(last_project).expanduser())
    name = name or style_name(last.unit.name)
    result: LearnResult = learn(Path(document).expanduser(), last, user_dir(), name)
    clear_cache()
    project = next_year(last)
    project = project.model_copy(update={"unit": project.unit.model_copy(update={"style": name})})
    session = Session(project, target)
    session.save()
    return session, result
