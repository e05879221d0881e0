"""Lists over rows are loops over the rows that exist: a style learned from a year with 5 类 writes
3 or 7 next year, and no learned template names a row by its place (f.classes[3]).

The document is learned from its text alone (the base is another style, so no section is the
base's own template): this is the learner's own generalisation, not the base's.  Q has P's shape
(test_selfconsistency.transplant: what a text-only learner needs), only its rows and figures differ.
"""
import re

import pytest

from narratives import synth
from narratives.facts import Facts
from narratives.io.projectfile import from_dict
from narratives.learn.reading import parse

from .helpers import learn_from_text, render_text
from .test_selfconsistency import OTHER, figures_by_section, shape, transplant

POSITIONAL = re.compile(r"[\w)\]]\[\d+\]")


def with_classes(style: str, n: int, like=None, start: int = 0):
    """The first synthetic unit (from seed ``start``) with n 类 — and P's shape, given ``like``."""
    rows = {3: 10, 5: 30, 7: 50}[n]  # synth's 类 come with the 功能分类 rows
    for seed in range(start, start + 400):
        data = synth.generate_data(seed, func_rows=rows, econ_rows=24, style=style, kind="行政单位", fund=False)
        if like is not None:
            data = transplant(data, like[1])
        p = from_dict(data)
        if len(Facts(p).classes) == n and (like is None or shape(p) == shape(like[0])):
            return p, data
    raise AssertionError(f"没有 {n} 个类的合成单位")


@pytest.mark.parametrize("style", sorted(OTHER))
def test_a_list_learned_from_five_classes_writes_three_or_seven(tmp_path, style):
    p, pdata = with_classes(style, 5)
    doc = render_text(p, style)
    result = learn_from_text(doc, p, tmp_path, "learned", OTHER[style])
    classes = [c.name for c in Facts(p).classes]
    listing = [s.title for s in parse(doc).sections if sum(n in "".join(s.paragraphs()) for n in classes) >= 3]
    assert listing and set(listing) <= set(result.report.learned)  # the lists are learned from the text
    for j2 in result.folder.glob("*.j2"):
        text = j2.read_text(encoding="utf-8")
        assert not POSITIONAL.findall(text), f"{j2.name}：{POSITIONAL.findall(text)}"
    for n in (3, 7):
        q, _ = with_classes(style, n, like=(p, pdata), start=1000)
        got = render_text(q, "learned", (str(tmp_path / "styles"),))
        want = render_text(q, style)
        for (sec, a), (_, b) in zip(figures_by_section(want), figures_by_section(got)):
            assert a == b, f"{style} {n} 个类，第{sec}节：少了 {dict(a - b)}，多了 {dict(b - a)}"
        names = [c.name for c in Facts(q).classes if not c.is_zero]
        assert all(name in got for name in names)
