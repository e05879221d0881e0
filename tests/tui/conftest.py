"""Fixtures for the app's tests: a working copy of a sample (the repo's samples stay untouched)."""
from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def wendeng_copy(tmp_path, wendeng_path):
    dest = tmp_path / "wendeng.toml"
    shutil.copy(wendeng_path, dest)
    return dest


@pytest.fixture
def yangquan_copy(tmp_path, yangquan_path):
    dest = tmp_path / "yangquan.toml"
    shutil.copy(yangquan_path, dest)
    return dest
