"""The command line's own texts: --version, and argparse's usage/help/errors in Chinese."""
from __future__ import annotations

import pytest

from narratives import __version__
from narratives.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"juesuan {__version__}"


def test_help_is_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：juesuan")
    assert "显示此帮助并退出" in out and "显示版本号并退出" in out
    assert "usage" not in out and "show this help" not in out


def test_unknown_command_is_a_chinese_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["bianji"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "无效的选择：'bianji'" in err and "invalid choice" not in err


def test_missing_argument_is_named_in_chinese(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["render"])
    assert exc.value.code == 2
    assert "缺少必需的参数：project" in capsys.readouterr().err
