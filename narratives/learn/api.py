"""learn(): read the document, learn the templates, write the style folder, trial-render it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import styles
from ..model import Project
from .learner import learn_style
from .reading import Published, parse, read
from .grafting import graft
from .report import Report, compare
from .writing import settings_dict, write_style


@dataclass
class LearnResult:
    folder: Path
    report: Report
    published: Published


def learn(document: str | Path, project: Project, out_dir: str | Path, name: str, base: str | None = None,
          extra: tuple[str, ...] = (), text: str | None = None) -> LearnResult:
    """Learn the style NAME into OUT_DIR/NAME from ``document`` (a path; or ``text`` already read)."""
    source = Path(document).name
    pub = parse(text, source) if text is not None else read(document)
    base_name = base or infer_base(pub, project, extra)
    base_style = styles.load(base_name, extra)
    learned = learn_style(pub, project, base_style)
    # where the document reads as the base writes it (its words aside), keep the base's control flow:
    # the branches last year's figures did not take are then written in the base's words next year
    settings = settings_dict(learned, name, base_style, source, project.unit.year, project.unit.name)
    for n, text in graft(pub, project, base_style, settings).items():
        sec = learned.sections[n]
        sec.text, sec.residue, sec.grafted = text, [], True
    report = Report(residue=learned.residue, base=base_name,
                    grafted=[s.title for s in learned.sections if s.grafted],
                    learned=[s.title for s in learned.sections if not s.grafted])
    out = Path(out_dir)
    folder = write_style(learned, out, name, base_style, source, report.text(source), project.unit.year,
                         project.unit.name)
    if any(sec.grafted for sec in learned.sections):
        _copy_building_blocks(base_style, folder)
    # the trial render: last year's project in the learned style, paragraph against paragraph
    from ..render.engine import render_project
    styles.clear_cache()
    style = styles.load(name, (str(out),) + tuple(extra))
    doc = render_project(project, style)
    report.differences = compare(pub, doc)
    (folder / "学习报告.txt").write_text(report.text(source), encoding="utf-8")
    return LearnResult(folder, report, pub)


def infer_base(pub: Published, project: Project, extra: tuple[str, ...] = ()) -> str:
    """The style the document reads most like: the most published section titles among its own
    (the bundled styles and those of --templates; ties go to the project's style, then shanxi)."""
    from ..render.engine import title_names
    from ..styles import StyleError
    from .grafting import _norm
    names = title_names(project)
    found = styles.available(extra)
    candidates = [n for n, folder in found.items()
                  if folder.parent == styles.bundled_dir() or any(Path(e) in (folder, folder.parent) for e in extra)]
    published = {_norm(s.title) for s in pub.sections}

    def score(name: str) -> int:
        try:
            st = styles.load(name, extra)
        except StyleError:
            return -1
        return sum(_norm(s.title.format_map(names)) in published for s in st.settings.sections)

    ranked = sorted(candidates, key=lambda n: (-score(n), n != project.unit.style, n != "shanxi", n))
    return ranked[0] if ranked else "shanxi"


def _copy_building_blocks(base, folder: Path) -> None:
    """The base's own templates that its sections import (a macros file of a user's style): a
    section kept from the base finds them in the learned folder too."""
    import shutil
    own = {sec.template for sec in base.settings.sections}
    for path in base.folder.glob("*.j2"):
        if path.name not in own and not (folder / path.name).exists():
            shutil.copy(path, folder / path.name)
