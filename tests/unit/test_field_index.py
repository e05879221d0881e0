"""The palette's field index: names, codes, 说明 subjects and 拼音 find the field."""
from __future__ import annotations

import shutil

import pytest

from narratives.field_index import build, pinyin_keys
from narratives.locate import Target
from narratives.session import Session


def test_pinyin_keys():
    pytest.importorskip("pypinyin")
    assert pinyin_keys("公共安全支出") == "gonggonganquanzhichu ggaqzc"
    assert pinyin_keys("204") == ""


def test_fields_of_forms_and_pages_are_indexed(tmp_path, yangquan_path):
    dest = tmp_path / "y.toml"
    shutil.copy(yangquan_path, dest)
    entries = build(Session.open(dest))
    by_title = {e.title: e for e in entries}
    e = by_title["204 公共安全支出 预算"]
    assert e.target == Target("general", "年初预算.功能分类.204")
    assert "204" in e.keywords
    note = next(e for e in entries if e.target.path == "说明.204.变动原因")
    assert note.target.key == "general" and "说明 204" in note.keywords
    row = next(e for e in entries if e.title == "公开05表 204 公共安全支出")
    assert row.target.key == "公开05表" and row.target.path.startswith("公开05表.行.")
    assert any(e.target == Target("上年", "上年.收入总计") for e in entries)
