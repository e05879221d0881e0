"""Finding and validating style folders.

A style is a folder: ``style.toml`` (settings) and one Jinja2 template per section.  Styles are
looked up in order: ``--templates`` folders given by the user, the user's style folder
(platformdirs), then the bundled ones.  A user folder may override a bundled style by name.
"""
from __future__ import annotations

import os
from decimal import Decimal
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import JuesuanError
from .wording import Words


class StyleError(JuesuanError):
    pass


def bundled_dir() -> Path:
    """The bundled templates: inside the package when installed from a wheel, else the checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise StyleError("找不到内置样式文件夹 templates（安装是否完整？）")


def user_dir() -> Path:
    from platformdirs import user_config_dir
    return Path(user_config_dir("juesuan", appauthor=False)) / "styles"


class NumberSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    group: bool = Field(True, description="千位分隔符：1,289.23")
    trim: bool = Field(False, description="去掉金额末尾的 0：12.10 → 12.1")
    places: int = Field(2, ge=0, le=4)
    percent_places: int = Field(2, ge=0, le=4)
    percent_trim: bool = Field(False, description="去掉百分比末尾的 0：100.00% → 100%")
    zero: str | None = Field(None, description="金额为 0 时的写法，如“0”（不设则按小数位写 0.00）")


class SectionSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    template: str


class StyleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    label: str = ""
    description: str = ""
    part_title: str = "第三部分 情况说明"
    sections: list[SectionSettings] = Field(min_length=1)
    number: NumberSettings = Field(default_factory=NumberSettings)
    words: Words = Field(default_factory=Words)
    # a change needs a reason from this % on (0 = every change except 持平)
    reason_threshold: Decimal = Field(Decimal(0), ge=0)
    list_zero_rows: bool = False
    class_rows: list[str] | None = None
    glossary: list[str] = Field(default_factory=list)
    docx: dict[str, object] = Field(default_factory=dict)
    extra: dict[str, object] = Field(default_factory=dict)

    def word_set(self) -> Words:
        return self.words


@dataclass(frozen=True)
class Style:
    name: str
    folder: Path
    settings: StyleSettings
    search_path: tuple[Path, ...]  # style folder first, then _shared folders

    @property
    def label(self) -> str:
        return self.settings.label or self.name


def _roots(extra: tuple[str, ...]) -> list[Path]:
    roots = [Path(p) for p in extra]
    env = os.environ.get("JUESUAN_STYLES")
    if env:
        roots += [Path(p) for p in env.split(os.pathsep) if p]
    roots.append(user_dir())
    roots.append(bundled_dir())
    return roots


def available(extra: tuple[str, ...] = ()) -> dict[str, Path]:
    """Style name → folder, the first found winning (user folders override bundled ones)."""
    found: dict[str, Path] = {}
    for root in _roots(extra):
        if not root.is_dir():
            continue
        # a --templates folder may itself be one style folder
        candidates = [root] if (root / "style.toml").is_file() else sorted(root.iterdir())
        for d in candidates:
            if d.is_dir() and (d / "style.toml").is_file() and not d.name.startswith("_"):
                found.setdefault(d.name, d)
    return found


def read_settings(folder: Path) -> StyleSettings:
    path = folder / "style.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise StyleError(f"样式设置 {path} 不是有效的 TOML：{exc}") from None
    except OSError as exc:
        raise StyleError(f"无法读取样式设置 {path}：{exc.strerror}") from None
    data.setdefault("name", folder.name)
    try:
        settings = StyleSettings.model_validate(data)
    except ValidationError as exc:
        problems = "；".join(f"{'.'.join(map(str, e['loc']))}：{e['msg']}" for e in exc.errors())
        raise StyleError(f"样式设置 {path} 有误：{problems}") from None
    for sec in settings.sections:
        if not _find_template(folder, sec.template):
            raise StyleError(f"样式设置 {path}：章节 {sec.id} 的模板 {sec.template} 不存在")
    return settings


def _find_template(folder: Path, name: str) -> bool:
    return (folder / name).is_file() or (folder.parent / "_shared" / name).is_file() \
        or (bundled_dir() / "_shared" / name).is_file()


def load(name: str, extra: tuple[str, ...] = ()) -> Style:
    return _load_cached(name, tuple(str(p) for p in extra), os.environ.get("JUESUAN_STYLES", ""))


@lru_cache(maxsize=32)
def _load_cached(name: str, extra: tuple[str, ...], _env: str) -> Style:
    styles = available(extra)
    if name not in styles:
        known = "、".join(sorted(styles)) or "（无）"
        raise StyleError(f"未知的样式“{name}”（可用：{known}）")
    folder = styles[name]
    return Style(name=name, folder=folder, settings=read_settings(folder), search_path=search_path(folder))


def search_path(folder: Path) -> tuple[Path, ...]:
    """Where a style's templates are looked up: its own folder first (so a style may override a
    shared building block such as macros.j2), then the _shared folder beside it, then the bundled one."""
    shared = [folder.parent / "_shared", bundled_dir() / "_shared"]
    return tuple(dict.fromkeys([folder, *[p for p in shared if p.is_dir()]]))


def clear_cache() -> None:
    _load_cached.cache_clear()
