"""Fixtures of the fault-injection suite (issue 19): a working copy of a sample, and recovery
fallback folders kept inside the test's own temporary folder."""
from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def project_copy(tmp_path, wendeng_path):
    dest = tmp_path / "p.toml"
    shutil.copy(wendeng_path, dest)
    return dest


@pytest.fixture(autouse=True)
def _fallbacks_in_tmp(tmp_path, monkeypatch):
    """The recovery fallbacks (system temp folder, home) point into the test's folder."""
    from narratives import recent
    folders = [tmp_path / "fallback-tmp", tmp_path / "fallback-home"]
    monkeypatch.setattr(recent, "fallback_recovery_dirs", lambda: list(folders))
    import narratives.session as session
    monkeypatch.setattr(session, "fallback_recovery_dirs", lambda: list(folders))
    return folders
