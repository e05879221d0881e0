"""export_docx / export_markdown: a project → a Word or Markdown file, written atomically.

Without ``whole`` the file holds the 第三部分 (title, sections, and the style's charts); with
``whole`` it holds the five parts of the disclosure (see ``whole``).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import JuesuanError
from ..facts import Facts
from ..io.projectfile import atomic_write
from ..model import Project
from ..render.document import Document
from ..render.engine import render_project
from ..styles import Style
from ..styles import load as load_style
from .layout import Block, Part3
from .settings import DocxSettings, docx_settings

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class ExportError(JuesuanError):
    pass


@dataclass
class ExportResult:
    path: Path
    charts: list[str] = field(default_factory=list)  # chart ids placed in the file
    files: list[Path] = field(default_factory=list)  # other files written (Markdown's images)
    notices: list[str] = field(default_factory=list)  # what the clerk should know (charts left out)


def default_output(project: Project, project_path: str | os.PathLike | None, fmt: str,
                   whole: bool = False) -> Path:
    """``<单位名称>-<年度>-情况说明.docx`` (``-决算公开`` for the whole disclosure) beside the project."""
    what = "决算公开" if whole else "情况说明"
    name = _UNSAFE.sub("_", f"{project.unit.name}-{project.unit.year}-{what}.{fmt}")
    folder = Path(project_path).resolve().parent if project_path else Path.cwd()
    return folder / name


def resolve_style(project: Project, style: str | Style | None, templates: tuple[str, ...] = ()) -> Style:
    if isinstance(style, Style):
        return style
    return load_style(style or project.unit.style, tuple(os.fspath(t) for t in templates))


def settings_for(style: Style) -> DocxSettings:
    return docx_settings(style.settings.docx, str(style.folder / "style.toml"))


def chart_ids(doc: Document) -> list[str]:
    return [p.chart for s in doc.sections for p in s.paragraphs if p.kind == "caption" and p.chart]


def build(project: Project, style: Style, whole: bool, charts: bool) -> tuple[list[Block], dict[str, bytes], list[str]]:
    """The blocks of the file, the chart images and the notices."""
    from .charts import chart_alt, chart_spec, make_charts
    from ..styles import default_charts
    doc = render_project(project, style)
    notices: list[str] = []
    images: dict[str, bytes] = {}
    alts: dict[str, str] = {}
    wanted = chart_ids(doc)
    if charts and wanted:
        specs = {**default_charts(), **style.settings.charts}  # a style adds or replaces charts by name
        facts = Facts(project)
        images, notice = make_charts(wanted, facts, specs=specs)
        if notice:
            notices.append(notice)
        for kind in images:
            spec = chart_spec(kind, facts, specs)
            if spec is not None:
                alts[kind] = chart_alt(spec)
    part3 = Part3(doc, images, alts=alts)
    if whole:
        from .whole import whole_blocks
        blocks = whole_blocks(project, style, settings_for(style), part3)
    else:
        blocks = [part3]
    return blocks, images, notices


def export_docx(project: Project, path: str | os.PathLike, style: str | Style | None = None,
                whole: bool = False, templates: tuple[str, ...] = (), charts: bool = True) -> ExportResult:
    """Write the Word file; a file open in Word gives a Chinese message (ProjectFileError)."""
    from .docx_writer import docx_bytes
    st = resolve_style(project, style, templates)
    settings = settings_for(st)
    blocks, images, notices = build(project, st, whole, charts)
    data = docx_bytes(blocks, settings, author=project.unit.name)
    out = Path(path)
    atomic_write(out, data)
    return ExportResult(out, sorted(images), [], notices)


def export_markdown(project: Project, path: str | os.PathLike, style: str | Style | None = None,
                    whole: bool = False, templates: tuple[str, ...] = (), charts: bool = True) -> ExportResult:
    """Write the Markdown file and, where charts were drawn, ``<name>-图/<chart>.png`` beside it."""
    from .markdown import blocks_markdown
    st = resolve_style(project, style, templates)
    blocks, images, notices = build(project, st, whole, charts)
    out = Path(path)
    folder = out.with_name(out.stem + "-图")
    links, files = {}, []
    for kind, png in images.items():
        target = folder / f"{kind}.png"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from ..io.projectfile import os_reason  # Chinese, not strerror's English (rel)
            raise ExportError(f"无法建立图表文件夹 {folder}：{os_reason(exc, folder.parent)}") from None
        atomic_write(target, png)
        links[kind] = f"{folder.name}/{kind}.png"
        files.append(target)
    atomic_write(out, blocks_markdown(blocks, links))
    return ExportResult(out, sorted(images), files, notices)
