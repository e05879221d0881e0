"""The launch path (``juesuan edit PROJECT``): what is imported before the editor shows the first
section's text.

Everything not needed for that first screen (export, import, audit, learn, the checks, pypinyin
for the palette, babel) is imported when used or after the first paint; a fresh interpreter
runs the app headless and lists the modules loaded at the moment the text is on screen.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from pathlib import Path
import narratives.cli  # `juesuan edit PROJECT` starts with the command line's parser
import tui.app
from tui.app import JuesuanApp

class Probe(JuesuanApp):
    CSS_PATH = str(Path(tui.app.__file__).parent / "app.tcss")
    def on_ready(self):
        self.set_interval(0.005, self._check)
    def _check(self):
        s = self.screen
        # the editor's Preview may not be mounted yet on the frame the screen appears
        if type(s).__name__ == "EditorScreen" and any(p.revision >= 0 for p in s.query("Preview")):
            self.result = {"modules": sorted(sys.modules), "screen": type(s).__name__,
                           "current": s.current}
            self.exit()

apps = []
def run_app(path=None, launch=None):
    apps.append(Probe(path, launch))
    try:
        apps[0].run(headless=True, size=(120, 40))
    finally:
        if launch is not None:
            launch.close()
    return 0
tui.app.run_app = run_app
narratives.cli.main(["edit", sys.argv[1]])
print("RESULT " + json.dumps(apps[0].result, ensure_ascii=False))
"""

HEAVY = ("docx", "python_calamine", "pypinyin", "openpyxl", "matplotlib", "babel", "PIL", "lxml",
         "narratives.export", "narratives.audit", "narratives.learn", "narratives.checks",
         "narratives.io.workbook", "narratives.field_index")


def test_the_editor_shows_the_text_before_any_heavy_module_is_imported(tmp_path):
    sample = tmp_path / "yangquan.toml"
    shutil.copy(ROOT / "samples" / "yangquan-legal-aid-2024.toml", sample)
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", PROBE, str(sample)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
    assert line, proc.stdout[-2000:] + proc.stderr[-2000:]
    result = json.loads(line[len("RESULT "):])
    assert result["screen"] == "EditorScreen" and result["current"]  # the first section is shown
    modules = set(result["modules"])
    assert "narratives.session" in modules and "narratives.render.engine" in modules  # the probe is real
    loaded = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert loaded == [], f"imported before the first screen: {loaded}"
