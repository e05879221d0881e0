"""Golden outputs: the whole 第三部分 of each sample, compared section by section.

The expected files were reviewed by reading them against the published seeds (figures compared with
figcheck, wording against the spec's edge-case table).  To update after an intended change:
``juesuan render samples/X.toml > tests/golden/expected/X.md`` and review the diff.
"""
from pathlib import Path

import pytest

from narratives import api

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
CASES = [p.stem for p in sorted((HERE / "expected").glob("*.md"))]


def split_sections(md: str) -> dict[str, str]:
    parts = md.split("\n### ")
    return {p.split("\n", 1)[0]: p for p in parts[1:]}


@pytest.fixture(scope="module", params=CASES)
def case(request):
    name = request.param
    expected = (HERE / "expected" / f"{name}.md").read_text(encoding="utf-8")
    project = api.load(ROOT / "samples" / f"{name}.toml")
    actual = api.to_markdown(api.render(project))
    return name, expected, actual


def test_golden_whole(case):
    name, expected, actual = case
    assert "\r" not in expected
    assert split_sections(actual).keys() == split_sections(expected).keys()


@pytest.mark.parametrize("index", range(13))
def test_golden_section(case, index):
    name, expected, actual = case
    exp, act = list(split_sections(expected).items()), split_sections(actual)
    if index >= len(exp):
        pytest.skip(f"{name} has {len(exp)} sections")
    heading, text = exp[index]
    assert act[heading] == text
