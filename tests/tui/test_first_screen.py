"""The launch's kept first screen (tui/first_screen.py): a second launch of the same file shows
the text on its first frame, before the core is imported; anything the text depends on changing
(one figure in the file, a template, a style file) is a miss, never a stale text; a broken cache is
only a miss; keys typed before the core has loaded are refused visibly."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui import first_screen

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from pathlib import Path
import narratives.cli  # `juesuan edit PROJECT`, as the console script starts
import tui.app
from tui.app import JuesuanApp

def texts(screen):
    # the words, not the layout: a paragraph drawn before its width is known is not wrapped yet
    return [str(w.render()).replace("\\n", "") for w in screen.query("PreviewPara")]

class Probe(JuesuanApp):
    CSS_PATH = str(Path(tui.app.__file__).parent / "app.tcss")
    result = {}
    def on_ready(self):  # the first frame is painted
        s = self.screen
        self.result["first"] = {"screen": type(s).__name__, "texts": texts(s),
                                "modules": sorted(sys.modules)}
        self.set_interval(0.01, self._check)
    def _check(self):
        s = self.screen
        # the editor's Preview may not be mounted yet on the frame the screen appears
        if type(s).__name__ == "EditorScreen" and any(p.revision >= 0 for p in s.query("Preview")):
            from tui import first_screen
            if first_screen._slot(sys.argv[1]).is_file():  # kept (after the editor is on) before exiting
                self.result["editor"] = {"texts": texts(s)}
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

CORE = ("pydantic", "jinja2", "narratives.session", "narratives.render", "narratives.model",
        "narratives.styles")


def launch(sample: Path, tmp_path: Path) -> dict:
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", PROBE, str(sample)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
    assert line, proc.stdout[-2000:] + proc.stderr[-2000:]
    return json.loads(line[len("RESULT "):])


def core_loaded(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == c or m.startswith(c + ".") for c in CORE)]


def test_a_second_launch_shows_the_text_on_its_first_frame_before_the_core_is_imported(tmp_path):
    sample = tmp_path / "yangquan.toml"
    shutil.copy(ROOT / "samples" / "yangquan-legal-aid-2024.toml", sample)
    first = launch(sample, tmp_path)
    # nothing kept yet: the opening screen, or the editor's frame while the launch's helper renders
    # the text (tui/first_render.py; not started on a busy machine), or already its text
    assert first["first"]["screen"] in ("OpeningScreen", "CachedScreen")
    live = first["editor"]["texts"]
    assert live and live[0].startswith("一、")  # the first section's heading, then its text
    assert any("万元" in t for t in live)
    assert first["first"]["texts"] in ([], live)  # the helper's text is the live editor's

    second = launch(sample, tmp_path)
    shown = second["first"]
    assert shown["screen"] == "CachedScreen"
    assert shown["texts"] == live  # the same text as the live editor showed, on the first frame
    assert core_loaded(shown["modules"]) == []  # before pydantic, jinja2 or the core were imported
    assert second["editor"]["texts"] == live  # then the real editor, same text (no flicker)

    # one figure changed in the file: the kept screen is not shown, the new text is
    text = sample.read_text(encoding="utf-8")
    changed = text.replace('"收入总计" = "127.80"', '"收入总计" = "128.80"', 1)
    assert changed != text
    sample.write_text(changed, encoding="utf-8")
    third = launch(sample, tmp_path)
    assert third["editor"]["texts"] != live and any("128.80" in t for t in third["editor"]["texts"])
    assert third["first"]["texts"] in ([], third["editor"]["texts"])  # never the old text


BLOCKS = [("heading", "一、收入支出决算总体情况说明", {"§overall"}),
          ("body", "　　2024年度收入总计127.80万元。", {"§overall", "公开01表.收入总计"})]


class Entry:
    def __init__(self, key, label, kind):
        self.key, self.label, self.kind = key, label, kind


ENTRIES = [Entry("overall", "一、收入支出决算总体情况说明", "section"), Entry("公开01表", "公开01表", "page")]


@pytest.fixture
def code(tmp_path, monkeypatch):
    """A stand-in for juesuan's sources: narratives/ (a module) and templates/ (one style)."""
    root = tmp_path / "code"
    (root / "narratives").mkdir(parents=True)
    (root / "narratives" / "numbers.py").write_text("PLACES = 2\n", encoding="utf-8")
    (root / "templates" / "shanxi").mkdir(parents=True)
    (root / "templates" / "shanxi" / "overall.j2").write_text("收入总计{{ a }}万元", encoding="utf-8")
    (root / "templates" / "shanxi" / "style.toml").write_text('label = "山西"\n', encoding="utf-8")
    monkeypatch.setattr(first_screen, "_CODE", root / "narratives")
    return root


@pytest.fixture
def project(tmp_path):
    p = tmp_path / "p.toml"
    p.write_text('[unit]\nname = "某中心"\n[公开01表]\n收入总计 = "127.80"\n', encoding="utf-8")
    return p


def keep(project: Path) -> None:
    assert first_screen.store(project, project.read_bytes(), "overall", BLOCKS, ENTRIES)


def bump(path: Path, text: str) -> None:
    """Rewrite a file with a new mtime even on a coarse clock (the key uses size and mtime_ns)."""
    st = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_the_kept_screen_is_found_for_the_same_bytes(code, project):
    keep(project)
    section, blocks, entries = first_screen.load(project)
    assert section == "overall" and blocks == BLOCKS
    assert [(e["key"], e["label"], e["kind"]) for e in entries] == [(e.key, e.label, e.kind) for e in ENTRIES]


def test_one_figure_changed_in_the_file_is_a_miss(code, project):
    keep(project)
    project.write_text(project.read_text(encoding="utf-8").replace("127.80", "127.81"), encoding="utf-8")
    assert first_screen.load(project) is None


def test_a_template_changed_is_a_miss(code, project):
    keep(project)
    bump(code / "templates" / "shanxi" / "overall.j2", "收入合计{{ a }}万元")
    assert first_screen.load(project) is None


def test_a_code_change_is_a_miss(code, project):
    keep(project)
    bump(code / "narratives" / "numbers.py", "PLACES = 1\n")
    assert first_screen.load(project) is None


def test_a_style_added_in_the_users_folder_is_a_miss(code, project):
    keep(project)
    from platformdirs import user_config_dir
    folder = Path(user_config_dir("juesuan", appauthor=False)) / "styles" / "shanxi"
    folder.mkdir(parents=True)
    (folder / "style.toml").write_text('label = "山西（本单位）"\n', encoding="utf-8")
    assert first_screen.load(project) is None


def test_a_broken_cache_is_only_a_miss(code, project):
    keep(project)
    slot = first_screen._slot(project)
    for junk in ("{not json", "[]", json.dumps({"key": "x"}), ""):
        slot.write_text(junk, encoding="utf-8")
        assert first_screen.load(project) is None
    slot.write_bytes(b"\xff\xfe\x00")
    assert first_screen.load(project) is None
    # the right key but the blocks missing: a miss, not a KeyError
    keep(project)
    stored = json.loads(slot.read_text(encoding="utf-8"))
    del stored["blocks"]
    slot.write_text(json.dumps(stored), encoding="utf-8")
    assert first_screen.load(project) is None
    assert first_screen.load(project.with_name("nowhere.toml")) is None


def test_an_unwritable_cache_folder_only_costs_the_head_start(code, project, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(first_screen, "cache_dir", lambda: blocker / "first-screen")  # not a folder
    assert first_screen.store(project, project.read_bytes(), "overall", BLOCKS, ENTRIES) is False
    assert first_screen.load(project) is None


def test_the_write_is_atomic_no_temporary_file_left(code, project):
    keep(project)
    keep(project)
    names = sorted(p.name for p in first_screen.cache_dir().iterdir())
    assert names == [first_screen._slot(project).name]


@pytest.mark.asyncio
async def test_keys_typed_on_the_kept_screen_are_refused_visibly(code, project):
    from tui.app import JuesuanApp
    from tui.screens.cached import CachedScreen
    keep(project)
    app = JuesuanApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(CachedScreen(str(project), first_screen.load(project)))
        await pilot.pause()
        assert [str(w.render()) for w in app.screen.query("PreviewPara")] == [t for _, t, _ in BLOCKS]
        await pilot.press("1")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("正在载入" in m and "未生效" in m for m in said), said


@pytest.mark.asyncio
async def test_a_save_keeps_the_first_screen_of_the_saved_file(wendeng_copy):
    """A clerk's day ends edit → save → quit: the next launch of the saved file must hit, and show
    the saved figures; bytes another window wrote afterwards are a miss."""
    from narratives import api
    from tui.app import JuesuanApp
    from tui.screens.editor import document_blocks

    from tests.tui.helpers import field, retype, settle

    app = JuesuanApp(str(wendeng_copy))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await retype(pilot, app, field(app, "公开01表.收入总计"), "200")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.screen.session.dirty
    kept = first_screen.load(wendeng_copy)
    assert kept is not None, "the saved file's first screen was not kept"
    section, blocks, _entries = kept
    saved = api.load(wendeng_copy)
    assert saved.t01.grand_income == 200
    assert blocks == document_blocks(api.render(saved, section=section), whole=False)
    assert any("200" in text for _kind, text, _sources in blocks)
    # another window saves other figures: what was kept is not the text of these bytes
    wendeng_copy.write_text(wendeng_copy.read_text(encoding="utf-8").replace("200", "201", 1),
                            encoding="utf-8")
    assert first_screen.load(wendeng_copy) is None
