"""The wheel carries the templates and samples: installed from it, juesuan renders a sample.

The wheel is built from the checkout and unpacked into a folder that is put first on the path, from a
working directory outside the checkout, so nothing can be found through the repository."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True)
    return next(out.glob("juesuan-*.whl"))


def test_wheel_holds_templates_and_samples(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "narratives/templates/shanxi/style.toml" in names
    assert "narratives/templates/_shared/macros.j2" in names
    assert "narratives/samples/wendeng-legal-aid-2024.toml" in names
    assert any(n.startswith("tui/") for n in names)


def test_installed_wheel_renders_a_sample(wheel, tmp_path):
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = ("import sys, narratives, narratives.styles as s\n"
            "assert str(s.bundled_dir()).startswith(sys.argv[1]), s.bundled_dir()\n"
            "from narratives.cli import main\n"
            "sys.exit(main(['render', sys.argv[1] + '/narratives/samples/wendeng-legal-aid-2024.toml']))\n")
    result = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, text=True,
                            cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin",
                                               "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "收、支总计均为161.09万元" in result.stdout
