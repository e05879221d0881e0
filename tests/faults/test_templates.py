"""A style template cannot change the project it renders, and a render has a time and size limit
(issue 19, "A style template can change the open project", "No time or size limit")."""
from __future__ import annotations

from pathlib import Path

import pytest

from narratives import api
from narratives.io.projectfile import dumps
from narratives.render import engine
from narratives.session import Session
from narratives.style_folder import new_style
from narratives.styles import clear_cache


@pytest.fixture(autouse=True)
def _fresh_styles():
    clear_cache()
    yield
    clear_cache()


def _style_with(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "styles"
    target = new_style("evil", "shandong", folder)
    (target / "01_overall.j2").write_text(body, encoding="utf-8")
    return folder


def _render_error(project, folder: Path) -> str:
    with pytest.raises(api.JuesuanError) as exc:
        api.render(project, style="evil", templates=(str(folder),), section="一")
    return str(exc.value)


@pytest.mark.parametrize("body", [
    "{{ p.notes.clear() }}",
    "{% set _ = p.notes.pop('收支总计') %}",
    "{{ p.t05.rows.clear() }}",
    "{{ f.p.notes.clear() }}",
    "{{ p.notes.update({}) }}{{ p.notes.setdefault('x', 1) }}",
    "{{ p.model_copy() }}",
    "{{ p.unit.model_validate({}) }}",
])
def test_a_template_cannot_change_the_project(tmp_path, wendeng, body):
    before = dumps(wendeng)
    message = _render_error(wendeng, _style_with(tmp_path, body + "\n"))
    assert "已被沙箱阻止" in message
    assert dumps(wendeng) == before


def test_the_app_session_keeps_the_notes_a_template_tried_to_clear(tmp_path, project_copy):
    folder = _style_with(tmp_path, "{{ p.notes.clear() }}\n")
    s = Session.open(project_copy)
    notes = dict(s.project.notes)
    assert notes
    with pytest.raises(api.JuesuanError):
        api.render(s.project, style="evil", templates=(str(folder),))
    assert dict(s.project.notes) == notes


def test_lists_a_template_makes_itself_stay_changeable(tmp_path, wendeng):
    body = "{% set parts = [] %}{% set _ = parts.append('甲') %}{% set _ = parts.append('乙') %}{{ parts|join('、') }}\n"
    doc = api.render(wendeng, style="evil", templates=(str(_style_with(tmp_path, body)),), section="一")
    assert "甲、乙" in api.to_text(doc)


def test_bundled_styles_still_render(wendeng, yangquan):
    assert "第三部分" in api.to_markdown(api.render(wendeng))
    assert "第三部分" in api.to_markdown(api.render(yangquan))


@pytest.mark.parametrize("body, words", [
    ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", "秒仍未完成"),
    ("{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}", "已停止"),
    ("{{ 'x' * 100000000 }}", "输出超过"),
    ("{{ [1] * 100000000 }}", "输出超过"),
    ("{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}", "递归过深"),
    ("{% macro m(n) %}{% if n %}{{ m(n-1) }}{{ m(n-1) }}{% endif %}{% endmacro %}{{ m(60) }}", "秒仍未完成"),
])
def test_a_runaway_template_stops_with_a_message_naming_style_and_section(tmp_path, wendeng, monkeypatch,
                                                                       body, words):
    monkeypatch.setattr(engine, "RENDER_SECONDS", 0.5)
    message = _render_error(wendeng, _style_with(tmp_path, body + "\n"))
    assert words in message, message
    assert "evil" in message and "一、" in message and "01_overall.j2" in message


def test_the_limit_is_per_render_and_the_next_render_is_fine(tmp_path, wendeng, monkeypatch):
    monkeypatch.setattr(engine, "RENDER_SECONDS", 0.3)
    folder = _style_with(tmp_path, "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}\n")
    _render_error(wendeng, folder)
    assert "第三部分" in api.to_markdown(api.render(wendeng))
