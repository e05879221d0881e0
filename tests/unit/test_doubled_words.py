"""No bundled style doubles a word where a template joins a clerk's name with a word of its own
("{{ ev.name }}项目绩效自评综述" once wrote "法律援助经费项目项目绩效自评综述").

A hypothesis property over synthetic units (narratives.synth) in all three bundled styles, with the
names a clerk types for 绩效 projects, 重点评价 projects, the 项目级次 and the 资金性质 drawn with and
without the word the template adds after them."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narratives import api, synth
from narratives.model.performance import KeyEvaluation, Tier
from narratives.wording import with_suffix

STYLES = ("shanxi", "shandong", "shanghai")
DOUBLED = re.compile(r"(项目项目|支出支出|经费经费|资金资金|收入收入)")

# a clerk's project name: a business word, then nothing, 项目, 经费, 经费项目 or 专项资金
BASES = st.sampled_from(synth.PROJECT_WORDS + ("法律援助", "社区矫正", "普法宣传"))
ENDINGS = st.sampled_from(("", "项目", "经费", "经费项目", "专项资金", "支出"))
NAMES = st.builds(lambda b, e: b + e, BASES, ENDINGS)


def text_of(project, style: str) -> str:
    doc = api.render(project, style=style)
    return "\n".join(p.text for s in doc.sections for p in s.paragraphs)


def test_with_suffix_examples():
    assert with_suffix("法律援助经费", "项目") == "法律援助经费项目"
    assert with_suffix("法律援助经费项目", "项目") == "法律援助经费项目"
    assert with_suffix(" 法律援助经费项目 ", "项目") == "法律援助经费项目"
    assert with_suffix("", "资金") == "资金"
    assert with_suffix(None, "项目") == "项目"
    assert with_suffix("一般公共预算资金", "资金") == "一般公共预算资金"


@pytest.mark.parametrize("style", STYLES)
def test_synthetic_unit_has_no_doubled_word(style):
    """The generator names its 绩效 projects "<项>项目" — the case that doubled in shandong."""
    project = synth.generate(3, func_rows=20, econ_rows=20, style=style)
    assert any(e.name.endswith("项目") for e in project.performance.projects)
    text = text_of(project, style)
    assert "绩效" in text
    assert not DOUBLED.findall(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), style=st.sampled_from(STYLES),
       names=st.lists(NAMES, min_size=1, max_size=4), key_name=NAMES,
       tier=st.sampled_from(("", "本级", "一级项目", "二级项目")),
       fund=st.sampled_from(("", "一般公共预算", "一般公共预算资金")), by_tier=st.booleans())
def test_names_join_without_doubled_words(seed, style, names, key_name, tier, fund, by_tier):
    project = synth.generate(seed, func_rows=8, econ_rows=10, style=style)
    perf = project.performance
    for ev, name in zip(perf.projects, names):
        ev.name = name
    perf.tier = tier
    perf.key = [KeyEvaluation.model_validate({"项目名称": key_name, "涉及资金": "10", "得分": "91.5",
                                              "等级": "优"})]
    if by_tier:
        perf.tiers = [Tier.model_validate({"级次": tier or "一级项目", "项目数": len(perf.projects),
                                           "涉及资金": "10", "资金性质": fund})]
    text = text_of(project, style)
    assert not DOUBLED.findall(text), [m.group() for m in DOUBLED.finditer(text)]
    if style == "shandong" and perf.projects:
        # the joined name is still there, once
        assert f"{with_suffix(perf.projects[0].name, '项目')}绩效自评综述" in text


@pytest.mark.parametrize("style", STYLES)
def test_edge_units_have_no_doubled_word(style):
    """The units `styles check` renders (all 0, all new, 上年 not entered, many rows, no 三公 …)."""
    for name, project in synth.edge_projects():
        text = text_of(project, style)
        assert not DOUBLED.findall(text), (name, [m.group() for m in DOUBLED.finditer(text)])
