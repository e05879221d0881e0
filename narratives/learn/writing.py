"""Writing the learned style folder: style.toml (the base style's settings with the document's
sections, titles and number format) and one template per section.  The folder is written next to
the target and moved into place, so a failed run never leaves half a style behind."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import tomli_w

from ..errors import JuesuanError
from ..styles import Style
from .learner import LearnedStyle


class WriteError(JuesuanError):
    pass


def _prune(value):
    """Without the Nones TOML cannot write (an unset setting is simply left out)."""
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_prune(v) for v in value if v is not None]
    return value


def _part_title(title: str, year: int | None, unit: str) -> str:
    """The part's title with the year and the unit's name as the style's {year} and {unit}."""
    title = title.replace("{", "{{").replace("}", "}}")
    if unit:
        title = title.replace(unit, "{unit}")
    if year:
        title = title.replace(str(year), "{year}")
    return title


def settings_dict(learned: LearnedStyle, name: str, base: Style | None, source: str,
                  source_year: int | None = None, unit_name: str = "") -> dict:
    data: dict = {}
    if base is not None:
        data = base.settings.model_dump(mode="json", exclude_none=True)
    data.pop("sections", None)
    data.update({
        "name": name,
        "label": f"{name}（学习自 {source}）",
        "description": f"由 juesuan styles learn 从 {source} 学习得到" + (f"，底本 {base.name}" if base else "") + "。",
        "part_title": _part_title(learned.part_title, source_year, unit_name),
        "number": {k: v for k, v in learned.number.items() if v is not None},
        "sections": [{"id": s.id, "title": s.title, "template": s.template} for s in learned.sections],
    })
    if learned.words:
        data["words"] = {**data.get("words", {}), **learned.words}
    if "reason_threshold" in data:
        data["reason_threshold"] = float(data["reason_threshold"]) if "." in str(data["reason_threshold"]) \
            else int(data["reason_threshold"])
    return _prune(data)


def write_style(learned: LearnedStyle, out_dir: Path, name: str, base: Style | None, source: str,
                report: str, year: int | None = None, unit_name: str = "") -> Path:
    target = out_dir / name
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=out_dir))
        try:
            head = f"# 学习自 {source}（juesuan styles learn）；可以像任何样式一样修改\n"
            (tmp / "style.toml").write_text(head + tomli_w.dumps(settings_dict(learned, name, base, source, year, unit_name)),
                                            encoding="utf-8")
            for s in learned.sections:
                (tmp / s.template).write_text(s.text, encoding="utf-8")
            (tmp / "学习报告.txt").write_text(report, encoding="utf-8")
            if target.exists():
                old = target.with_name(f".{name}.old")
                if old.exists():
                    shutil.rmtree(old)
                os.replace(target, old)
                os.replace(tmp, target)
                shutil.rmtree(old)
            else:
                os.replace(tmp, target)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    except OSError as exc:
        from ..io.projectfile import os_reason
        raise WriteError(f"无法写入样式文件夹 {target}：{os_reason(exc, out_dir)}") from None
    return target
