"""Shared fixtures: the repo's samples and seeds, isolated user config for every test."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a property that finds a new counterexample by chance fails
# a developer's run, where it is reproduced and fixed, not a stranger's CI); developers keep random
# exploration.  JUESUAN_RANDOM=1 explores in CI too.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") and not os.environ.get("JUESUAN_RANDOM"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
# the published texts: ../shared/seeds beside the checkout, or the copies in tests/fixtures/seeds
# (a clone with no ../shared must pass too)
SEED_COPIES = ROOT / "tests" / "fixtures" / "seeds"
SEEDS = SHARED / "seeds" if (SHARED / "seeds").is_dir() else SEED_COPIES
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared 不在本仓库旁边：与其中原文的整体比较跳过")


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's config, recent files or style folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("JUESUAN_STYLES", raising=False)


@pytest.fixture
def yangquan_path() -> Path:
    return SAMPLES / "yangquan-legal-aid-2024.toml"


@pytest.fixture
def wendeng_path() -> Path:
    return SAMPLES / "wendeng-legal-aid-2024.toml"


@pytest.fixture
def yangquan(yangquan_path):
    from narratives import api
    return api.load(yangquan_path)


@pytest.fixture
def wendeng(wendeng_path):
    from narratives import api
    return api.load(wendeng_path)


def _has_cjk_font() -> bool:
    try:
        from narratives.export.charts import ChartsUnavailable, cjk_font
        cjk_font()
        return True
    except (ImportError, ChartsUnavailable):
        return False


# drawing the shandong charts needs matplotlib and a CJK font (Debian: fonts-wqy-microhei or
# fonts-noto-cjk; .ci/run installs one); without them the export's own fallback is tested instead
needs_cjk_font = pytest.mark.skipif(not _has_cjk_font(), reason="没有中文字体：图表测试跳过")
