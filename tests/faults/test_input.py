"""Hostile input (issue 19): control characters pasted from a Word table, figures that NFKC or a
sign rule would silently change ("10²" → 102, "(-12.5)" → +12.5, a count "12,5" → 125), a
20-decimal 上年, and project files mutated byte by byte (hypothesis): only Chinese messages."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narratives import api
from narratives.errors import JuesuanError
from narratives.io.projectfile import ProjectFileError, dumps, loads
from narratives.model.inputs import Explanation
from narratives.money import AmountError, parse_amount, parse_count, strip_controls
from narratives.session import FieldError, Session

NOTE_WITH_BELL = '\n["说明"."收支总计"]\n"变动原因" = "人员经费支出\\u0007和减少\\u0000，\\r\\n见附表"\n'


def _with_bell(sample_text: str) -> str:
    head, sep, rest = sample_text.partition('["说明"."收支总计"]')
    if sep:  # replace the sample's own note for 收支总计
        rest = rest.split("\n[", 1)[1] if "\n[" in rest else ""
        return head + NOTE_WITH_BELL + "\n[" + rest
    return sample_text + NOTE_WITH_BELL


def test_a_bell_in_a_note_is_dropped_on_reading_and_word_export_works(tmp_path, wendeng_path):
    from docx import Document
    project = loads(_with_bell(wendeng_path.read_text(encoding="utf-8")))
    assert project.note("收支总计") == "人员经费支出和减少，\n见附表"
    out = tmp_path / "x.docx"
    api.export_docx(project, out, charts=False)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "人员经费支出和减少" in text and "\x07" not in text


def test_a_bell_typed_into_the_app_is_dropped(project_copy):
    s = Session.open(project_copy)
    s.set_text("说明.收支总计.变动原因", "粘贴\x07自 Word\x0b表格")
    assert s.project.note("收支总计") == "粘贴自 Word表格"


def test_word_export_is_a_last_guard_for_text_that_slipped_past_the_model(tmp_path, wendeng):
    from docx import Document
    wendeng.notes["收支总计"] = Explanation.model_construct(reason="绕过校验\x07的文字", usage=None,
                                                           deviation=None, text=None)
    out = tmp_path / "x.docx"
    api.export_docx(wendeng, out, charts=False)
    assert "绕过校验的文字" in "\n".join(p.text for p in Document(str(out)).paragraphs)


def test_strip_controls_keeps_tabs_newlines_and_chinese():
    assert strip_controls("甲\t乙\n丙\x07丁\x1b\x7f\x85戊\r\n己") == "甲\t乙\n丙丁戊\n己"


@pytest.mark.parametrize("text, words", [
    ("10²", "上标"), ("１０²", "上标"), ("①", "圈码"), ("(-12.5)", "只用负号或只用括号"),
    ("（-12.5）", "只用负号或只用括号"), ("0.00000000000000000001", "小数位数过多"),
])
def test_amounts_that_would_change_silently_are_refused(text, words):
    with pytest.raises(AmountError, match=words):
        parse_amount(text)


@pytest.mark.parametrize("text", ["12,5", "1,2", "12,50", "²"])
def test_counts_that_would_change_silently_are_refused(text):
    with pytest.raises(AmountError):
        parse_count(text)


@pytest.mark.parametrize("text, value", [("(12.5)", Decimal("-12.5")), ("-12.5", Decimal("-12.5")),
                                         ("1,234.5", Decimal("1234.5")), ("１２．５", Decimal("12.5"))])
def test_ordinary_amounts_still_read(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text, value", [("1,234", 1234), ("12", 12), ("3辆", 3), ("２", 2)])
def test_ordinary_counts_still_read(text, value):
    assert parse_count(text) == value


def test_the_app_refuses_them_with_the_field_unchanged(project_copy):
    s = Session.open(project_copy)
    before = s.project.t01.grand_income
    for text in ("10²", "(-12.5)"):
        with pytest.raises(FieldError):
            s.set_text("公开01表.收入总计", text)
    assert s.project.t01.grand_income == before and not s.dirty


def test_a_twenty_decimal_prior_and_a_tiny_toml_float_are_file_errors(wendeng_path):
    text = wendeng_path.read_text(encoding="utf-8")
    for figure in ('"0.00000000000000000001"', "1e-1000000"):
        bad = _set_prior_income(text, figure)
        with pytest.raises(ProjectFileError, match="小数位数过多"):
            loads(bad)


def _set_prior_income(text: str, figure: str) -> str:
    lines = text.splitlines()
    out, in_prior, done = [], False, False
    for line in lines:
        if line.startswith("["):
            in_prior = line.strip() == '["上年"]'
        if in_prior and line.startswith('"收入总计"') and not done:
            line, done = f'"收入总计" = {figure}', True
        out.append(line)
    assert done, "the sample has a 上年.收入总计"
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- the project file, mutated
_SEED = None


def _seed_text() -> bytes:
    global _SEED
    if _SEED is None:
        from tests.fixtures.hostile import ROOT
        _SEED = (ROOT / "samples" / "wendeng-legal-aid-2024.toml").read_bytes()
    return _SEED


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(_seed_text())
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "dup"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from([b"\x07", b"\x00", b"[", b"\"", b"1e999", b"-", b"\xff",
                                                b"\xe2\x80\xae", b"9" * 40, b"[[x]]\n", b"\n\"\xe7\x89\x88\xe6\x9c\xac\" = 99\n"]))
        elif kind == "delete" and data:
            del data[at:at + draw(st.integers(1, 200))]
        elif kind == "truncate":
            del data[at:]
        elif kind == "dup" and data:
            data[at:at] = data[at:at + draw(st.integers(1, 400))]
    return bytes(data)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_a_mutated_project_file_gives_a_message_or_a_project_that_renders(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "p.toml"
    path.write_bytes(data)
    try:
        project = api.load(path)
    except ProjectFileError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        return
    # whatever loads must render, check and save again without anything but a Chinese message
    try:
        api.to_markdown(api.render(project))
        api.check(project)
    except JuesuanError:
        pass
    assert loads(dumps(project)) == project
