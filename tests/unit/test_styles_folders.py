"""Styles as folders: listing, `juesuan styles new` (a copy a clerk edits), `juesuan styles check`,
template errors that name file and line, and the sandbox."""
from decimal import Decimal as D
from pathlib import Path

import pytest

from narratives import api
from narratives.cli import main
from narratives.io.projectfile import dumps, loads
from narratives.style_folder import check_folder, new_style, residue
from narratives.styles import StyleError, clear_cache, user_dir

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI = ROOT / "samples" / "shanghai-sample-2024.toml"


@pytest.fixture(autouse=True)
def _fresh_styles():
    clear_cache()
    yield
    clear_cache()


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- listing
def test_styles_lists_bundled_user_and_extra(tmp_path, capsys):
    new_style("mine", "shanxi")
    new_style("other", "shandong", tmp_path)
    assert main(["styles", "--templates", str(tmp_path)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    found = {r[0]: r for r in rows}
    assert {"shanxi", "shandong", "shanghai", "mine", "other"} <= found.keys()
    assert found["shanghai"][2] == "11节" and found["shanghai"][3] == "内置"
    assert found["mine"][3] == "用户" and found["other"][3] == "额外"


def test_a_broken_style_is_listed_with_its_problem_not_a_crash(tmp_path, capsys):
    target = new_style("broken", "shanxi", tmp_path)
    _write(target, "style.toml", "name = [\n")
    assert main(["styles", "list", "--templates", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "broken\t（设置有误：" in out and "shanghai\t" in out


# ---------------------------------------------------------------- new
def test_new_style_goes_to_the_user_folder_and_a_changed_sentence_renders(yangquan, capsys):
    assert main(["styles", "new", "jinzhong", "--from", "shanxi"]) == 0
    target = user_dir() / "jinzhong"
    assert "已建立样式 jinzhong" in capsys.readouterr().out
    settings = (target / "style.toml").read_text(encoding="utf-8")
    assert 'name = "jinzhong"' in settings and 'name = "shanxi"' not in settings
    assert "[[sections]]" in settings and "# 山西样式" in settings  # the rest kept as written
    # the clerk changes one sentence of 一
    overall = target / "01_overall.j2"
    overall.write_text(overall.read_text(encoding="utf-8").replace("年度收入总计", "年度本单位收入总计", 1),
                       encoding="utf-8")
    mine = api.to_text(api.render(yangquan, style="jinzhong", section="一"))
    assert "2024年度本单位收入总计127.80万元" in mine
    # the bundled style is untouched
    assert "本单位收入总计" not in api.to_text(api.render(yangquan, style="shanxi", section="一"))
    # no temporary folder left beside it
    assert [p.name for p in user_dir().iterdir()] == ["jinzhong"]


def test_new_style_with_to_and_the_shanghai_copy_renders_the_same(tmp_path):
    target = new_style("sh-copy", "shanghai", tmp_path / "styles")
    assert target == tmp_path / "styles" / "sh-copy"
    project = api.load(SHANGHAI)
    original = api.to_text(api.render(project))
    copy = api.to_text(api.render(project, style="sh-copy", templates=(str(tmp_path / "styles"),)))
    assert copy == original


@pytest.mark.parametrize("argv, message", [
    (["styles", "new", "_hidden", "--from", "shanxi"], "不能以 _ 开头"),
    (["styles", "new", "a/b", "--from", "shanxi"], "不可用"),
    (["styles", "new", "x", "--from", "nosuch"], "未知的样式“nosuch”"),
])
def test_new_style_refuses_bad_names_and_unknown_sources(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_new_style_never_overwrites(tmp_path, capsys):
    target = new_style("twice", "shanxi", tmp_path)
    _write(target, "01_overall.j2", "我的改动\n")
    assert main(["styles", "new", "twice", "--from", "shandong", "--to", str(tmp_path)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert (target / "01_overall.j2").read_text(encoding="utf-8") == "我的改动\n"


def test_new_style_in_an_unwritable_folder_says_so(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StyleError, match="无法在|没有权限"):
        new_style("x", "shanxi", blocker)


# ---------------------------------------------------------------- check
def test_check_accepts_the_bundled_styles_with_their_samples(capsys):
    for style, sample in (("shanxi", "yangquan-legal-aid-2024"), ("shandong", "wendeng-legal-aid-2024"),
                          ("shanghai", "shanghai-sample-2024")):
        findings = check_folder(ROOT / "templates" / style, ROOT / "samples" / f"{sample}.toml")
        assert [f for f in findings if f.level == "错误"] == [], (style, findings)
    assert main(["styles", "check", str(ROOT / "templates" / "shanghai")]) == 0
    assert "可以使用" in capsys.readouterr().out


def test_check_names_file_and_line_of_a_syntax_error(tmp_path, capsys):
    target = new_style("bad", "shanghai", tmp_path)
    _write(target, "03_expense.j2", "第一行\n第二行\n{% if %}\n")
    findings = check_folder(target)
    assert any(f.level == "错误" and "03_expense.j2 第3行" in f.message for f in findings), findings
    assert main(["styles", "check", str(target)]) == 2
    captured = capsys.readouterr()
    assert "03_expense.j2 第3行" in captured.out and "1 个错误" in captured.err


def test_check_settings_problems(tmp_path):
    target = new_style("words", "shanxi", tmp_path)
    toml = (target / "style.toml").read_text(encoding="utf-8")
    toml = toml.replace('same = "与上年持平"', 'same = "与{上年}持平"')
    toml = toml.replace('id = "income"', 'id = "overall"')
    toml = toml.replace('template = "06_basic.j2"', 'template = "06_nosuch.j2"')
    _write(target, "style.toml", toml)
    messages = [f.message for f in check_folder(target)]
    assert any("模板 06_nosuch.j2 不存在" in m for m in messages), messages
    toml = toml.replace('template = "06_nosuch.j2"', 'template = "06_basic.j2"')
    _write(target, "style.toml", toml)
    messages = [str(f) for f in check_folder(target)]
    assert any("[words] same" in m and "{上年}" in m for m in messages), messages
    assert any("章节 id “overall” 重复" in m for m in messages), messages


def test_check_hints_at_unused_templates_a_name_mismatch_and_residue(tmp_path):
    target = new_style("hints", "shanxi", tmp_path)
    _write(target, "99_spare.j2", "备用\n")
    toml = (target / "style.toml").read_text(encoding="utf-8").replace('name = "hints"', 'name = "other"')
    _write(target, "style.toml", toml)
    _write(target, "02_income.j2", "本年收入合计XX万元，增加（减少）了。\n")
    findings = check_folder(target, ROOT / "samples" / "yangquan-legal-aid-2024.toml")
    text = "\n".join(map(str, findings))
    assert "错误" not in text
    assert "99_spare.j2 没有被任何章节使用" in text
    assert "按文件夹名“hints”查找" in text
    assert "“XX”" in text and "“增加（减少）”" in text


def test_residue_scan():
    assert set(residue("支出决算为万元，增加（减少）XX%。。")) == {"XX", "（减少）", "增加（减少）", "。。", "为万元"}
    assert residue("收入总计5,887.48万元，增长4.75%。") == []


# ---------------------------------------------------------------- errors and the sandbox
def _one_template(tmp_path, body: str) -> Path:
    target = new_style("t", "shanghai", tmp_path)
    _write(target, "01_overall.j2", body)
    return tmp_path


def _render_error(root: Path) -> str:
    project = api.load(SHANGHAI)
    with pytest.raises(api.JuesuanError) as exc:
        api.render(project, style="t", templates=(str(root),), section="一")
    return str(exc.value)


@pytest.mark.parametrize("body", [
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ f.p.__class__.__init__.__globals__['os'] }}",
    "{{ money.__func__.__globals__ }}",
    "{{ f._names }}",
])
def test_the_sandbox_stops_python_internals(tmp_path, body):
    message = _render_error(_one_template(tmp_path, "第一行\n" + body + "\n"))
    assert "已被沙箱阻止" in message and "01_overall.j2 第2行" in message


@pytest.mark.parametrize("path", ["/etc/passwd", "../../../../../../etc/passwd", "../t/style.toml"])
def test_the_sandbox_stops_reading_files(tmp_path, path):
    message = _render_error(_one_template(tmp_path, "{% include '" + path + "' %}\n"))
    assert "找不到模板" in message and "01_overall.j2 第1行" in message
    assert "root:" not in message and "name =" not in message


def test_runtime_errors_name_file_and_line(tmp_path):
    message = _render_error(_one_template(tmp_path, "第一行\n第二行\n{{ money(f.nosuch) }}\n"))
    assert "01_overall.j2 第3行" in message and "不存在的数据" in message and "nosuch" in message


def test_an_error_inside_a_macro_names_the_macro_file_and_the_caller(tmp_path):
    body = '{% import "macros.j2" as m with context %}\n\n{{ m.func_item(3, 1) }}\n'
    message = _render_error(_one_template(tmp_path, body))
    assert "macros.j2 第" in message and "由 " in message and "01_overall.j2 第3行调用" in message


# ---------------------------------------------------------------- the model additions
def test_fund_and_capital_budgets_round_trip_and_stay_out_of_general():
    project = api.load(SHANGHAI)
    assert project.budget.fund_by_func["2296013 用于法律援助的彩票公益金支出"] == D("45.00")
    again = loads(dumps(project))
    assert again.budget.fund_by_func == project.budget.fund_by_func
    assert again.budget.capital_by_func == project.budget.capital_by_func
    from narratives.facts import Facts
    f = Facts(project)
    assert "2296013" not in [i.code for i in f.items]
    assert [(i.code, i.budget) for i in f.fund.children] == [("2296002", D("12.50")), ("2296013", D("45.00"))]
    assert f.capital.children[0].full_name == ("国有资本经营预算支出（类）解决历史遗留问题及改革成本支出（款）"
                                                "国有企业退休人员社会化管理补助支出（项）")


def test_notes_are_found_under_their_full_width_names():
    project = api.load(SHANGHAI)
    assert project.note("因公出国（境）费", "usage").startswith("赴香港")
    assert project.note("因公出国(境)费", "usage").startswith("赴香港")


# ---------------------------------------------------------------- the clerk's guide stays true
def test_the_guide_names_only_macros_and_helpers_that_exist():
    import re
    from narratives.render.engine import Helpers
    guide = (ROOT / "docs" / "styles.md").read_text(encoding="utf-8")
    macros = (ROOT / "templates" / "_shared" / "macros.j2").read_text(encoding="utf-8")
    defined = set(re.findall(r"{%-?\s*macro\s+(\w+)\(", macros))
    named = set(re.findall(r"`m\.(\w+)\(", guide))
    assert named and named <= defined, named - defined
    helpers = set(Helpers.as_globals(Helpers.__new__(Helpers)).keys())
    called = {n for n in re.findall(r"`(\w+)\(", guide)} - {"m"}
    assert called and called <= helpers, called - helpers
