"""The core's public functions: what the CLI and the app call.  The app never reaches past these."""
from __future__ import annotations

import os

from .errors import JuesuanError
from .io.projectfile import ProjectFileError, load, loads, save
from .model import Project
from .render.document import Document
from .render.engine import render_project
from .render.writers import to_markdown, to_text
from .styles import Style
from .styles import load as load_style

__all__ = ["JuesuanError", "ProjectFileError", "Project", "Document", "load", "loads", "save",
           "render", "style_for", "to_markdown", "to_text", "export_docx", "export_markdown", "check",
           "import_workbook", "next_year", "parse_rows", "remaining"]


def style_for(project: Project, style: str | None = None, templates: tuple[str, ...] = ()) -> Style:
    return load_style(style or project.unit.style, tuple(os.fspath(t) for t in templates))


def render(project: Project, style: str | None = None, templates: tuple[str, ...] = (),
           section: str | None = None) -> Document:
    return render_project(project, style_for(project, style, templates), section)


def export_docx(project: Project, path, style: str | None = None, whole: bool = False,
                templates: tuple[str, ...] = (), charts: bool = True):
    """Write a Word file (GB/T 9704 look); returns an ExportResult (path, charts, notices)."""
    from .export import export_docx as _export
    return _export(project, path, style=style, whole=whole, templates=templates, charts=charts)


def export_markdown(project: Project, path, style: str | None = None, whole: bool = False,
                    templates: tuple[str, ...] = (), charts: bool = True):
    """Write a Markdown file (and its chart images beside it); returns an ExportResult."""
    from .export import export_markdown as _export
    return _export(project, path, style=style, whole=whole, templates=templates, charts=charts)


def import_workbook(path, prior=None, name: str | None = None, year: int | None = None,
                    kind: str | None = None, style: str | None = None):
    """A 公开表 workbook (.xlsx/.xls) → ImportResult(project, notes, tables); ``prior`` is last
    year's project, or the path of its project file or workbook (its 本年 figures become 上年)."""
    from .io.workbook import import_workbook as _import
    return _import(path, prior=prior, name=name, year=year, kind=kind, style=style)


def next_year(project: Project) -> Project:
    """Next year's project: 上年 from this one's figures, tables empty, reasons marked 【上年】."""
    from .io.nextyear import next_year as _next
    return _next(project)


def parse_rows(text: str, columns, unit: str = "万元"):
    """Tab-separated rows pasted from a spreadsheet → list of dicts keyed by ``columns``."""
    from .io.paste import parse_rows as _parse
    return _parse(text, columns, unit=unit)


def check(project: Project, style: Style | str | None = None, templates: tuple[str, ...] = ()) -> list:
    """The 审核 findings (narratives.checks.Finding), sorted by table; see docs/checks.md."""
    from .checks import check as _check
    return _check(project, style if isinstance(style, Style) else style_for(project, style, templates))


def remaining(project: Project, style: Style | str | None = None, templates: tuple[str, ...] = ()):
    """What still stands between the project and publication: (待填 markers in the text, the 审核
    findings).  Export reports both and ``--strict`` refuses while either has something."""
    from . import pending
    st = style if isinstance(style, Style) else style_for(project, style, templates)
    markers = pending.in_document(render_project(project, st))
    return markers, check(project, st)
