"""learn(): read the document, learn the templates, write the style folder, trial-render it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import styles
from ..model import Project
from .learner import learn_style
from .reading import Published, parse, read
from .report import Report, compare
from .writing import write_style


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
    base_name = base or (project.unit.style if project.unit.style in styles.available(extra) else "shanxi")
    base_style = styles.load(base_name, extra)
    learned = learn_style(pub, project, base_style)
    report = Report(residue=learned.residue)
    out = Path(out_dir)
    folder = write_style(learned, out, name, base_style, source, report.text(source), project.unit.year,
                         project.unit.name)
    # the trial render: last year's project in the learned style, paragraph against paragraph
    from ..render.engine import render_project
    styles.clear_cache()
    style = styles.load(name, (str(out),) + tuple(extra))
    doc = render_project(project, style)
    report.differences = compare(pub, doc)
    (folder / "学习报告.txt").write_text(report.text(source), encoding="utf-8")
    return LearnResult(folder, report, pub)
