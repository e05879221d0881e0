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
           "render", "style_for", "to_markdown", "to_text"]


def style_for(project: Project, style: str | None = None, templates: tuple[str, ...] = ()) -> Style:
    return load_style(style or project.unit.style, tuple(os.fspath(t) for t in templates))


def render(project: Project, style: str | None = None, templates: tuple[str, ...] = (),
           section: str | None = None) -> Document:
    return render_project(project, style_for(project, style, templates), section)
