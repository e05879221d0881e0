"""The rendered samples carry the published figures (figcheck against the seeds).

Thresholds from issue 2; the misses are documented slips of the publications (yangquan's 三公 3.12%
is 3.13% by half-up of its own figures)."""
import subprocess
import sys
from pathlib import Path

import pytest

from narratives import api

ROOT = Path(__file__).resolve().parent.parent.parent
SHARED = ROOT.parent / "shared"
FIGCHECK = SHARED / "tools" / "figcheck.py"

pytestmark = pytest.mark.skipif(not FIGCHECK.exists(), reason="../shared/tools/figcheck.py not present")


def figcheck(seed: str, text: str, sections: str) -> tuple[float, float, str]:
    out = subprocess.run([sys.executable, str(FIGCHECK), str(SHARED / "seeds" / f"{seed}.txt"), "-",
                          "--sections", sections, "--ignore-zero", "--show"],
                         input=text, capture_output=True, text=True, check=True).stdout
    last = out.strip().splitlines()[-1].split()
    return float(last[1]), float(last[3]), out


@pytest.mark.parametrize("seed, sections, recall, precision", [
    ("yangquan-legal-aid-2024", "一-十", 0.95, 0.90),
    ("wendeng-legal-aid-2024", "一-十二", 0.95, 0.90),
    ("wendeng-legal-aid-2024", "十三", 0.80, 0.80),
])
def test_sample_matches_the_published_figures(seed, sections, recall, precision):
    text = api.to_markdown(api.render(api.load(ROOT / "samples" / f"{seed}.toml")))
    r, p, out = figcheck(seed, text, sections)
    assert r >= recall and p >= precision, out


def test_yangquan_only_misses_the_published_rounding_slip():
    text = api.to_markdown(api.render(api.load(ROOT / "samples" / "yangquan-legal-aid-2024.toml")))
    _, _, out = figcheck("yangquan-legal-aid-2024", text, "一-十")
    missing = [ln for ln in out.splitlines() if "missing" in ln]
    assert missing == ["  missing: 3.12%×3"]
