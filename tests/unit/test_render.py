"""Rendering: the neutral document, figure sources, the CLI, template errors and the sandbox."""
from decimal import Decimal
from pathlib import Path

import pytest

from narratives import api
from narratives.cli import main
from narratives.render.document import parse, strip_marks


def test_document_structure_and_sources(yangquan):
    doc = api.render(yangquan)
    assert [s.number for s in doc.sections] == list("一二三四五六七八九十")
    first = doc.sections[0].paragraphs[0]
    sources = first.sources()
    assert "公开01表.收入总计" in sources and "收入总计.变动率" in sources
    assert "说明.收支总计.变动原因" in sources
    assert all("\ue000" not in r.text and "\ue002" not in r.text for s in doc.sections
               for p in s.paragraphs for r in p.runs)


def test_one_section_by_number_or_id(wendeng):
    assert [s.number for s in api.render(wendeng, section="五").sections] == ["五"]
    assert [s.id for s in api.render(wendeng, section="general").sections] == ["general"]
    with pytest.raises(api.JuesuanError, match="没有章节"):
        api.render(wendeng, section="二十")


def test_style_override_renders_the_other_style(yangquan):
    doc = api.render(yangquan, style="shandong")
    assert len(doc.sections) == 13


def test_a_change_of_figure_changes_the_sentence(yangquan):
    p = yangquan.model_copy(deep=True)
    p.t01.grand_income = Decimal("151.87")
    p.t01.grand_expense = Decimal("151.87")
    text = api.to_text(api.render(p, section="一"))
    assert "收入总计与上年持平" in text and "支出总计与上年持平" in text
    assert "0.00%" not in text


def test_zero_base_is_never_a_rate(wendeng):
    p = wendeng.model_copy(deep=True)
    p.prior.expense["项目支出"] = Decimal(0)
    text = api.to_text(api.render(p, section="三"))
    assert "上年无此项支出，本年新增36万元" in text
    assert "100%" not in text.split("2、项目支出")[1].split("3、")[0]


def test_user_text_is_never_markup(yangquan):
    p = yangquan.model_copy(deep=True)
    p.notes["收支总计"].reason = "比例[50%]调整，[b]人员[/b]调出\ue000"
    text = api.to_text(api.render(p, section="一"))
    assert "比例[50%]调整，[b]人员[/b]调出" in text


def test_parse_lines():
    paras = parse("## （一）标题\n正文\n!! [chart:grand] 图1：x\n|a|b|\n|1|2|\n\n")
    assert [p.kind for p in paras] == ["heading", "body", "caption", "table"]
    assert paras[2].chart == "grand" and paras[3].rows == [["a", "b"], ["1", "2"]]
    assert strip_marks("\ue000s\ue0011万元\ue002") == "1万元"


def test_cli_render_to_file_and_errors(tmp_path, capsys, yangquan_path):
    out = tmp_path / "o.md"
    assert main(["render", str(yangquan_path), "-o", str(out), "--format", "md"]) == 0
    assert out.read_text(encoding="utf-8").startswith("## 第三部分")
    assert main(["render", str(tmp_path / "missing.toml")]) == 2
    err = capsys.readouterr().err
    assert "找不到项目文件" in err and "Traceback" not in err
    bad = tmp_path / "bad.toml"
    bad.write_text('"版本" = 1\n["单位"]\n"名称" = "甲"\n"年度" = "二〇二四"\n', encoding="utf-8")
    assert main(["render", str(bad)]) == 2
    assert "单位.年度" in capsys.readouterr().err
    assert main(["render", str(yangquan_path), "--style", "nosuch"]) == 2
    assert "未知的样式" in capsys.readouterr().err


def _style_copy(tmp_path: Path, body: str) -> Path:
    import shutil
    from narratives.styles import bundled_dir
    d = tmp_path / "styles" / "mine"
    shutil.copytree(bundled_dir() / "shanxi", d)
    (d / "01_overall.j2").write_text(body, encoding="utf-8")
    return tmp_path / "styles"


def test_user_template_folder_overrides(tmp_path, yangquan):
    root = _style_copy(tmp_path, "{{ year }}年度收支总计{{ money(f.grand_income) }}，本句已改。\n")
    text = api.to_text(api.render(yangquan, style="mine", templates=(str(root),), section="一"))
    assert "2024年度收支总计127.80万元，本句已改。" in text


@pytest.mark.parametrize("body, message", [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "沙箱"),
    ("{{ money.__globals__ }}", "沙箱"),
    ("{% include '/etc/passwd' %}", "找不到模板"),
    ("{{ f.p.__class__.__init__.__globals__['os'] }}", "沙箱"),
    ("{{ year }\n", "01_overall.j2 第1行"),
    ("正文\n{{ nosuch.x }}", "不存在的数据"),
])
def test_templates_run_in_the_sandbox_and_errors_name_the_file(tmp_path, yangquan, body, message):
    root = _style_copy(tmp_path, body)
    with pytest.raises(api.JuesuanError) as exc:
        api.render(yangquan, style="mine", templates=(str(root),), section="一")
    assert message in str(exc.value)


def test_budget_by_xiang_rolls_up_to_lei_and_unknown_prior_is_not_zero(wendeng):
    text = api.to_text(api.render(wendeng, style="shanxi", section="五"))
    # 卫生健康 类 budget = 6.21 + 1.52 entered by 项
    assert "卫生健康支出年初预算7.73万元，支出决算7.42万元，完成年初预算的95.99%" in text
    # wendeng gives no 上年 by 类: never claim 上年无此项 — the comparison waits, visibly
    assert "上年无此项" not in text and "较上年决算【待填：卫生健康支出 上年数】" in text


def test_a_budget_entered_by_lei_lists_lei_in_a_xiang_style(yangquan):
    text = api.to_text(api.render(yangquan, style="shandong", section="五"))
    assert "2、公共安全支出（类）。年初预算数为108.71万元，支出决算数为100.79万元，完成年初预算的92.71%" in text
    assert "年初预算数为0万元" not in text


def test_edit_sample_opens_a_working_copy_never_the_bundled_file(tmp_path, monkeypatch):
    from narratives.commands.edit import sample_copy
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    copy = sample_copy("wendeng")
    assert copy.is_file() and tmp_path in copy.parents
    assert copy.read_text(encoding="utf-8") == (Path(__file__).parents[2] / "samples" /
                                                "wendeng-legal-aid-2024.toml").read_text(encoding="utf-8")
    with pytest.raises(api.JuesuanError, match="不存在"):
        sample_copy("nosuch")


def test_total_budget_rolls_up_from_xiang_when_not_entered(wendeng):
    p = wendeng.model_copy(deep=True)
    p.budget.general_expense = None
    text = api.to_text(api.render(p, section="五"))
    # Σ 项 budgets 149.42 (with the unspent 10万元 项), as the 类 totals are rolled up
    assert "年初预算数为149.42万元，支出决算数为161.09万元，完成年初预算数的107.81%" in text
