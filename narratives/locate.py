"""Where a finding, a 待填 placeholder or a sentence of the text is entered: the outline key
(a section id or a data page) and the field path, so the app can move the clerk's cursor there
with one key.  Headless: the app only focuses what this names."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .fields import section_form
from .model import Project
from .pages import PAGES, page

PAGE_KEYS = {k for k, _ in PAGES}
_MARKER = re.compile(r"【待填：([^】]*)】")


@dataclass(frozen=True)
class Target:
    key: str                # outline key: a section id or a page key
    path: str | None = None  # field path within it (None: the section or page itself)


@dataclass(frozen=True)
class PendingItem:
    """One 【待填：…】 in the text: its section, its label, the figure it stands for."""
    section: str
    label: str
    source: str | None = None


def _marker():
    try:  # the shared contract (narratives.pending, by the truth engineer); the same pattern
        from .pending import PATTERN
        return PATTERN
    except ImportError:
        return _MARKER


def pending_items(doc) -> list[PendingItem]:
    """Every 【待填：…】 of a rendered document, in text order."""
    pattern = _marker()
    out: list[PendingItem] = []
    for sec in doc.sections:
        for para in sec.paragraphs:
            for run in getattr(para, "runs", []) or []:
                for m in pattern.finditer(run.text or ""):
                    label = m.group(1) if m.groups() else m.group(0)
                    item = PendingItem(sec.id, label, run.source)
                    if item not in out:  # a figure a section states twice is one thing to fill
                        out.append(item)
    return out


def field_for_sources(project: Project, section_id: str, sources, form=None) -> str | None:
    """The input of ``section_id`` that feeds any of ``sources``: of the first figure fed, the
    one named, else the blank one (the 待填 is there), else 本年; a reason box when no figure is.
    ``form``: the section's form when the caller has it (one build for many look-ups)."""
    sources = set(s for s in sources if s)
    if not sources:
        return None
    form = form if form is not None else section_form(project, section_id)
    from .paths import get_value
    for fig in form.figures:
        if not (fig.sources & sources or sources & {fig.path, fig.prior_path, fig.budget_path}):
            continue
        paths = [p for p in (fig.path, fig.prior_path, fig.budget_path) if p]
        exact = [p for p in paths if p in sources]
        if exact:
            return exact[0]
        this_year = not any(s.startswith(("上年.", "年初预算.")) for s in sources)
        if fig.path is None and this_year and any(
                f is not fig and f.path and f.sources & sources for f in form.figures):
            continue  # a 本年 made of the inputs below it (其中：…): the first of those, not its 上年

        # 上年.<key> / 年初预算.<key>: the figure's 上年 or 预算 input, whatever its value
        if fig.budget_path and any(s.startswith("年初预算.") for s in sources):
            return fig.budget_path
        if fig.prior_path and any(s.startswith("上年.") for s in sources):
            return fig.prior_path
        for p in paths:
            try:
                if get_value(project, p) is None:
                    return p
            except Exception:
                continue
        return paths[0] if paths else None
    for note in form.notes:  # a sentence with no figure of this form: its reason box
        if note.path in sources or note.sources & sources:
            return note.path
    return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text or "").replace("（款）", "").replace("（类）", "")


def cell_for(project: Project, table: str, location: str) -> str | None:
    """The cell of page ``table`` a finding's location names ("20406 司法（款） · 小计",
    "合计 · 基本支出", "本年支出合计")."""
    try:
        grids = page(project, table)
    except Exception:
        return None
    loc = _norm(location)
    parts = [p.strip() for p in re.split(r"\s*·\s*", location or "") if p.strip()]
    head = parts[0] if parts else ""
    column = parts[-1] if len(parts) > 1 else None
    # the 科目代码 wherever it stands ("20406 司法（款）", "人员经费 301 工资福利支出")
    code = next((w for w in head.split() if w.isdigit()), None)
    for g in grids:  # a row of a list: by 科目代码, then the column
        if g.kind != "rows" or code is None:
            continue
        for r, row in enumerate(g.rows):
            if row and row[0] == code:
                if column and column in g.columns:
                    return g.paths[r][g.columns.index(column)]
                cells = [p for p in g.paths[r] if p]  # no column named: the row's first amount
                return next((p for p in cells if not p.endswith((".科目代码", ".科目名称"))), cells[0] if cells else None)
    for g in grids:  # a field: by its label
        for r, row in enumerate(g.rows):
            label = _norm(row[0]).replace("·", "")
            if label and (label == loc.replace("·", "") or label.endswith(loc.replace("·", ""))):
                return g.paths[r][-1]
    return None


def locate_finding(project: Project, finding, section_ids: list[str]) -> Target | None:
    """Where to fix a finding: the note of its subject in its section, the cell it names on its
    table's page, its section, or its table's page."""
    section = getattr(finding, "section", "") or ""
    subject = getattr(finding, "subject", "") or ""
    table = getattr(finding, "table", "") or ""
    location = getattr(finding, "location", "") or ""
    if subject and section in section_ids:
        form = section_form(project, section)
        note = next((n.path for n in form.notes if n.path.startswith(f"说明.{subject}.")), None)
        if note:
            return Target(section, note)
    if table in PAGE_KEYS:
        cell = cell_for(project, table, location)
        if cell:
            return Target(table, cell)
    if section in section_ids:
        return Target(section, None)
    if table in PAGE_KEYS:
        return Target(table, None)
    return None


def locate_pending(project: Project, item: PendingItem) -> Target:
    return Target(item.section, field_for_sources(project, item.section, {item.source} if item.source else set()))
