"""juesuan export: the default file name beside the project, formats, --whole, errors in Chinese."""
from __future__ import annotations

import shutil

import docx

from narratives.cli import main
from narratives.render.writers import to_markdown


def test_default_name_beside_the_project(yangquan_path, tmp_path, capsys):
    project = tmp_path / "p.toml"
    shutil.copy(yangquan_path, project)
    assert main(["export", str(project)]) == 0
    out = tmp_path / "阳泉市法律援助中心-2024-情况说明.docx"
    assert out.is_file()
    assert f"已导出 {out}" in capsys.readouterr().err
    assert main(["export", str(project), "--whole"]) == 0
    assert (tmp_path / "阳泉市法律援助中心-2024-决算公开.docx").is_file()


def test_markdown_is_the_rendered_text(yangquan, yangquan_path, tmp_path):
    from narratives import api
    out = tmp_path / "y.md"
    assert main(["export", str(yangquan_path), "--format", "md", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == to_markdown(api.render(yangquan))


def test_style_option(yangquan_path, tmp_path):
    out = tmp_path / "y.docx"
    assert main(["export", str(yangquan_path), "--style", "shandong", "-o", str(out), "--no-charts"]) == 0
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "第三部分 2024年度单位决算情况说明"


def test_errors_are_one_chinese_line(yangquan_path, tmp_path, capsys):
    assert main(["export", str(tmp_path / "nope.toml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("juesuan：") and err.count("\n") == 1 and "Traceback" not in err
    assert main(["export", str(yangquan_path), "-o", str(tmp_path / "no" / "such" / "x.docx")]) == 2
    err = capsys.readouterr().err
    assert "不存在" in err and err.count("\n") == 1
    assert main(["export", str(yangquan_path), "--style", "nowhere"]) == 2
    assert "未知的样式" in capsys.readouterr().err
