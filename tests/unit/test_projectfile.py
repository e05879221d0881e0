"""The project file: round trip exact, clear Chinese errors, atomic save."""
import os
from decimal import Decimal

import pytest

from narratives.io import projectfile
from narratives.io.projectfile import ProjectFileError


def test_round_trip_is_identical(yangquan, tmp_path):
    path = tmp_path / "p.toml"
    projectfile.save(yangquan, path)
    again = projectfile.load(path)
    assert again == yangquan
    projectfile.save(again, tmp_path / "q.toml")
    assert (tmp_path / "q.toml").read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_amounts_stay_exact_text(yangquan):
    text = projectfile.dumps(yangquan)
    assert '"项目支出" = "11.9448"' in text
    assert '"本年收入合计" = "127.80"' in text  # trailing zero kept, not 127.8
    assert yangquan.t03.total.project == Decimal("11.9448")


def test_a_float_in_a_hand_edited_file_is_read_exactly():
    p = projectfile.loads('"版本" = 1\n["单位"]\n"名称" = "甲"\n"年度" = 2024\n["公开01表"]\n"本年收入合计" = 1234.10\n')
    assert p.t01.income_total == Decimal("1234.10")


HEAD = '"版本" = 1\n["单位"]\n"名称" = "甲"\n"年度" = 2024\n'


@pytest.mark.parametrize("text, where", [
    (HEAD + '["公开01表"."收入"]\n"事业收入" = "1,2x3"\n', "公开01表.收入.事业收入：“1,2x3”不是金额"),
    (HEAD + '"性质" = "公司"\n', "单位.性质：取值应为"),
    ('"版本" = 1\n["单位"]\n"年度" = 2024\n', "单位.名称：缺少必填项"),
    (HEAD + '["公开01表"]\n"本年收入总额" = "1"\n', "公开01表.本年收入总额：未知的键"),
    (HEAD + '[["公开03表"."行"]]\n"科目代码" = "20A"\n"科目名称" = "x"\n', "公开03表.行.第1行.科目代码：格式不对"),
    (HEAD + '["公开01表"."收入"]\n"捐赠收入" = "1"\n', "“捐赠收入”不是公开01表的收入项目"),
    (HEAD + '["上年"."功能分类"]\n"行政运行" = "1"\n', "不是功能分类科目"),
    ('"版本" = 99\n["单位"]\n"名称" = "甲"\n"年度" = 2024\n', "只认识到版本 1"),
    ('["单位"\n"名称" = "甲"', "不是有效的 TOML"),
    ('版本 = 1\n', "不是有效的 TOML"),  # a bare Chinese key: TOML needs quotes around it
])
def test_damaged_files_name_the_key_and_the_problem(text, where):
    with pytest.raises(ProjectFileError) as exc:
        projectfile.loads(text, "p.toml")
    assert where in str(exc.value)
    assert "Traceback" not in str(exc.value)


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(ProjectFileError, match="找不到项目文件"):
        projectfile.load(tmp_path / "none.toml")
    bad = tmp_path / "b.toml"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ProjectFileError, match="UTF-8"):
        projectfile.load(bad)


def test_save_never_leaves_a_half_written_file(yangquan, tmp_path, monkeypatch):
    path = tmp_path / "p.toml"
    projectfile.save(yangquan, path)
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(ProjectFileError, match="无法写入"):
        projectfile.save(yangquan, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.toml"]  # the temp file is cleaned up


def test_permission_error_says_the_file_is_in_use(yangquan, tmp_path, monkeypatch):
    def locked(*a, **k):
        raise PermissionError(13, "denied")
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ProjectFileError, match="被占用"):
        projectfile.save(yangquan, tmp_path / "p.toml")


def test_schema_command_prints_json_schema(capsys):
    from narratives.cli import main
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert '"单位"' in out and '"公开01表"' in out


def test_save_keeps_the_header_comments_and_the_file_mode(wendeng_path, tmp_path):
    import shutil
    path = tmp_path / "w.toml"
    shutil.copy(wendeng_path, path)
    os.chmod(path, 0o644)
    p = projectfile.load(path)
    p.t01.grand_income = Decimal("161.55")
    projectfile.save(p, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 威海市文登区法律援助中心 2024 年度决算")
    assert '"收入总计" = "161.55"' in text
    assert path.stat().st_mode & 0o777 == 0o644
    projectfile.save(projectfile.load(path), path)
    assert path.read_text(encoding="utf-8") == text  # the header is not repeated


def test_a_new_file_gets_the_usual_mode_not_a_private_one(yangquan, tmp_path):
    path = tmp_path / "new.toml"
    projectfile.save(yangquan, path)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
