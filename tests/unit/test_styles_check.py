"""`styles check` renders a style on the samples and on synthetic edge units and reports what a clerk
would be embarrassed by; the bundled styles and the test styles pass it."""
from pathlib import Path

import pytest

from narratives.cli import main
from narratives.style_folder import check_folder, scan, trial_projects
from narratives.styles import clear_cache

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "tests" / "fixtures" / "broken_style"


@pytest.fixture(autouse=True)
def _fresh():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(scope="module")
def broken():
    return [str(f) for f in check_folder(BROKEN)]


@pytest.mark.parametrize("says", [
    "一、总体：残留“占；”：收入总计5,887.48万元，占；其余略。",
    "一、总体：残留“的。”：支出占总支出的。",
    "一、总体：残留“，。”",
    "一、总体：残留“（）”：支出（）。",
    "一、总体：数字“5,887.48”后面没有单位：收入总计共计5,887.48。",
    "一、总体：没有填上的占位符“{what}”",
    "二、图：图题并进了正文",
])
def test_each_kind_of_residue_is_found(broken, says):
    assert any(says in f for f in broken), broken


def test_a_runtime_error_names_file_line_and_the_project(broken):
    errors = [f for f in broken if f.startswith("错误")]
    assert len(errors) == 1, errors
    assert "用 合成：全为0 试生成时出错" in errors[0] and "03.j2 第1行" in errors[0]
    assert "列表中没有第 1 项" in errors[0]


def test_the_same_slip_is_said_once_not_per_project(broken):
    assert sum("后面没有单位" in f for f in broken) == 1


def test_the_cli_exits_2_on_the_broken_style(capsys):
    assert main(["styles", "check", str(BROKEN)]) == 2
    out = capsys.readouterr()
    assert "占；" in out.out and "1 个错误" in out.err and "Traceback" not in out.err


def test_the_trial_covers_the_edges():
    names = [n for n, _ in trial_projects()]
    assert {"shanghai-sample-2024.toml", "合成：全为0", "合成：上年为0（新增）", "合成：上年未填",
            "合成：行很多", "合成：行很少", "合成：无三公", "合成：有升有降"} <= set(names)
    projects = dict(trial_projects())
    assert projects["合成：全为0"].t01.grand_income_sum() == 0
    assert projects["合成：无三公"].t09.actual.sum() == 0
    assert all(v == 0 for v in projects["合成：上年为0（新增）"].prior.expense.values())
    assert len(projects["合成：行很多"].t05.rows) > len(projects["合成：行很少"].t05.rows)


@pytest.mark.parametrize("folder", [ROOT / "templates" / s for s in ("shanxi", "shandong", "shanghai")]
                         + [ROOT / "tests" / "styles" / s for s in ("county_truncate", "township_plain")])
def test_bundled_and_test_styles_pass(folder):
    assert check_folder(folder) == []


def test_notes_are_the_clerks_words_and_not_residue(yangquan):
    from narratives import api
    p = yangquan.model_copy(deep=True)
    from narratives.model.inputs import Explanation
    p.notes["收支总计"] = Explanation(reason="这是经办人写的（）。。")
    assert scan(api.render(p, section="一")) == []


def test_a_given_project_is_the_only_trial(tmp_path):
    findings = check_folder(BROKEN, ROOT / "samples" / "yangquan-legal-aid-2024.toml")
    assert not any(f.level == "错误" for f in findings)  # the all-zero unit that breaks 03.j2 is not tried
    assert any("用 yangquan-legal-aid-2024.toml 试生成" in str(f) for f in findings)


def test_a_name_joined_with_its_own_last_word_is_found(tmp_path):
    """shandong once wrote "{{ ev.name }}项目绩效自评综述": "…项目项目绩效自评综述" for a project
    named "…项目" (the synthetic units name theirs so); styles check now says so."""
    import shutil
    folder = tmp_path / "mine"
    shutil.copytree(ROOT / "templates" / "shandong", folder)
    t = folder / "13_performance.j2"
    t.write_text(t.read_text(encoding="utf-8").replace('{{ ev.name | suffixed("项目") }}', "{{ ev.name }}项目"),
                 encoding="utf-8")
    found = [str(f) for f in check_folder(folder)]
    assert any("“项目”连写了两遍" in f and "项目项目绩效自评综述" in f and 'suffixed("项目")' in f
               for f in found), found
