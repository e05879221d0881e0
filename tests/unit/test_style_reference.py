"""docs/styles-reference.md is generated from the code and kept current; everything the bundled
templates use is in it."""
import re
from pathlib import Path

import jinja2
from jinja2 import nodes

from narratives.cli import main
from narratives.style_reference import generate

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "styles-reference.md"


def test_the_reference_is_current():
    assert REFERENCE.read_text(encoding="utf-8") == generate(), \
        "docs/styles-reference.md 已过期：运行 juesuan styles reference > docs/styles-reference.md"


def test_the_cli_prints_it(capsys):
    assert main(["styles", "reference"]) == 0
    assert capsys.readouterr().out == generate()


def _used():
    """Helpers called, f.* read and m.* macros called by every bundled template."""
    env = jinja2.Environment()
    helpers, facts, macros = set(), set(), set()
    for path in (ROOT / "templates").rglob("*.j2"):
        tree = env.parse(path.read_text(encoding="utf-8"))
        defined = {m.name for m in tree.find_all(nodes.Macro)}
        for call in tree.find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name not in defined:
                helpers.add(call.node.name)
            if isinstance(call.node, nodes.Getattr) and isinstance(call.node.node, nodes.Name) \
                    and call.node.node.name == "m":
                macros.add(call.node.attr)
        for get in tree.find_all(nodes.Getattr):
            if isinstance(get.node, nodes.Name) and get.node.name == "f":
                facts.add(get.attr)
    return helpers, facts, macros


def test_everything_the_bundled_templates_use_is_in_it():
    text = REFERENCE.read_text(encoding="utf-8")
    helpers, facts, macros = _used()
    assert {"money", "change", "reason"} <= helpers and {"general", "sangong"} <= facts and macros
    jinja_builtins = {"range", "namespace", "dict", "lipsum", "cycler", "joiner"}
    missing = [h for h in sorted(helpers - jinja_builtins) if f"| `{h}(" not in text]
    missing += [f"f.{a}" for a in sorted(facts) if not re.search(rf"\| `f\.{a}[`(]", text)]
    missing += [f"m.{m}" for m in sorted(macros) if f"| `m.{m}(" not in text]
    assert not missing, missing


def test_every_settings_key_is_in_it():
    """Keys added to the settings models (e.g. by the export) appear without editing the generator."""
    from narratives.style_reference import settings_rows
    from narratives.styles import StyleSettings
    text = REFERENCE.read_text(encoding="utf-8")
    keys = [r[0] for r in settings_rows(StyleSettings)]
    assert "`number.share.rounding`" in keys and "`headings.levels`" in keys and "`words.change`" in keys
    assert all(k in text for k in keys)
