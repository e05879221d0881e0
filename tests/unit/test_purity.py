"""The core never imports the UI: import every core module in a fresh interpreter."""
import pkgutil
import subprocess
import sys

import narratives


def test_core_does_not_import_textual_or_rich():
    modules = [m.name for m in pkgutil.walk_packages(narratives.__path__, "narratives.")]
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'tui')]\n"
            "print(bad)\nsys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(modules) > 10
