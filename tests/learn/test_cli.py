"""juesuan styles learn: the folder it writes is an ordinary style; mistakes are one Chinese line."""
import shutil
from pathlib import Path

from narratives.cli import main
from narratives.io.projectfile import load

from .helpers import render_text

ROOT = Path(__file__).resolve().parent.parent.parent


def test_styles_learn_writes_a_style_that_styles_check_passes(tmp_path, yangquan, capsys):
    doc = tmp_path / "last.txt"
    doc.write_text(render_text(yangquan, "shanxi"), encoding="utf-8")
    rc = main(["styles", "learn", str(doc), "--project", str(ROOT / "samples" / "yangquan-legal-aid-2024.toml"),
               "-o", str(tmp_path / "out"), "--name", "mine"])
    assert rc == 0
    folder = tmp_path / "out" / "mine"
    assert (folder / "style.toml").is_file() and (folder / "学习报告.txt").is_file()
    assert len(list(folder.glob("*.j2"))) == 10
    assert main(["styles", "check", str(folder), "--project",
                 str(ROOT / "samples" / "yangquan-legal-aid-2024.toml")]) == 0
    out = capsys.readouterr().out
    assert "已学习样式 mine" in out


def test_styles_learn_missing_document_is_a_user_mistake(tmp_path, capsys):
    rc = main(["styles", "learn", str(tmp_path / "nope.txt"), "--project",
               str(ROOT / "samples" / "yangquan-legal-aid-2024.toml"), "-o", str(tmp_path), "--name", "x"])
    assert rc == 2
    err = capsys.readouterr().err
    assert "找不到文件" in err and "Traceback" not in err


def test_a_document_without_part_three_is_refused(tmp_path, capsys):
    doc = tmp_path / "x.txt"
    doc.write_text("第一部分 概况\n一、职责\n……\n", encoding="utf-8")
    rc = main(["styles", "learn", str(doc), "--project", str(ROOT / "samples" / "yangquan-legal-aid-2024.toml"),
               "-o", str(tmp_path), "--name", "x"])
    assert rc == 2 and "第三部分" in capsys.readouterr().err


def test_fill_notes_restores_the_documents_reasons(tmp_path, yangquan):
    text = render_text(yangquan, "shanxi")
    doc = tmp_path / "last.txt"
    doc.write_text(text, encoding="utf-8")
    proj = tmp_path / "last.toml"
    shutil.copy(ROOT / "samples" / "yangquan-legal-aid-2024.toml", proj)
    stripped = load(proj).model_copy(update={"notes": {}})
    from narratives.io.projectfile import save
    save(stripped, proj)
    rc = main(["styles", "learn", str(doc), "--project", str(proj), "-o", str(tmp_path / "out"), "--name", "m",
               "--fill-notes"])
    assert rc == 0
    filled = load(proj)
    assert (proj.with_name("last.toml.bak")).is_file()
    assert filled.note("204").rstrip("。") == yangquan.note("204").rstrip("。")
    assert filled.note("收支总计").rstrip("。") == yangquan.note("收支总计").rstrip("。")
    assert filled.note("204", "usage") == yangquan.note("204", "usage").rstrip("。")
