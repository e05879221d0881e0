"""The app's façade: values by path, typed text parsed by the core, undo/redo, save/reopen,
recovery, recent projects, and the section forms as data."""
from __future__ import annotations

from decimal import Decimal

import pytest

from narratives import api
from narratives.fields import section_form
from narratives.io.projectfile import dumps
from narratives.pages import PAGES, amount_text, page
from narratives.paths import PathError, field_kind, get_value, set_value
from narratives.session import FieldError, Session, recent_projects, recovery_files, samples


@pytest.fixture
def session(tmp_path, wendeng_path):
    p = tmp_path / "w.toml"
    p.write_text(wendeng_path.read_text(encoding="utf-8"), encoding="utf-8")
    return Session.open(p)


# ---------------------------------------------------------------- paths
@pytest.mark.parametrize("path, expected", [
    ("上年.收入总计", Decimal("131.31")),
    ("公开01表.收入总计", Decimal("161.09")),
    ("公开05表.行.3.小计", Decimal("36.00")),
    ("公开05表.行.3.科目代码", "2040699"),
    ("单位.名称", "威海市文登区法律援助中心"),
    ("公开01表.收入.事业收入", None),
    ("说明.不存在.变动原因", None),
])
def test_get_value(wendeng, path, expected):
    assert get_value(wendeng, path) == expected


@pytest.mark.parametrize("path, kind", [
    ("上年.收入总计", "amount"), ("说明.204.变动原因", "text"), ("上年.功能分类.204", "amount"),
    ("公开10表.车辆.其他用车", "count"), ("单位.年度", "int"), ("公开05表.行.0.科目名称", "text"),
])
def test_field_kind(wendeng, path, kind):
    assert field_kind(wendeng, path) == kind


def test_set_creates_note_and_refuses_bad_keys(wendeng):
    set_value(wendeng, "说明.204.变动原因", "案件增加")
    assert wendeng.note("204") == "案件增加"
    before = dumps(wendeng)
    with pytest.raises(PathError, match="不是公开01表的收入项目"):
        set_value(wendeng, "公开01表.收入.乱写", Decimal(1))
    with pytest.raises(PathError, match="没有“无此项”"):
        set_value(wendeng, "上年.无此项", Decimal(1))
    assert dumps(wendeng) == before


def test_func_code_finds_named_key(yangquan):
    keys = list(yangquan.prior.by_func)
    code = keys[0].split(" ")[0]
    set_value(yangquan, f"上年.功能分类.{code}", Decimal("1.5"))
    assert yangquan.prior.by_func[keys[0]] == Decimal("1.5")
    assert list(yangquan.prior.by_func) == keys  # the named key kept, no duplicate made


# ---------------------------------------------------------------- typed text
@pytest.mark.parametrize("typed, stored", [
    ("1,289.23", Decimal("1289.23")), ("1289.23", Decimal("1289.23")),
    ("１２８９．２３", Decimal("1289.23")), ("-3.5", Decimal("-3.5")), ("(1,234)", Decimal("-1234")),
    ("119448元", Decimal("11.9448")),
])
def test_set_text_amounts(session, typed, stored):
    assert session.set_text("上年.收入总计", typed)
    assert session.get("上年.收入总计") == stored
    assert session.dirty


def test_entry_unit_yuan(session):
    session.set_value("单位.录入单位", "元")
    session.set_text("上年.收入总计", "1,313,100")
    assert session.get("上年.收入总计") == Decimal("131.31")
    assert session.text("上年.收入总计") == "1313100"


@pytest.mark.parametrize("typed", ["abc", "12..3", "1,2,3", "五百"])
def test_bad_amount_leaves_project_unchanged(session, typed):
    before = dumps(session.project)
    with pytest.raises(FieldError, match="不是金额"):
        session.set_text("上年.收入总计", typed)
    assert dumps(session.project) == before
    assert not session.dirty and session.revision == 0


def test_undo_redo(session):
    original = session.project.note("收支总计")
    session.set_text("上年.收入总计", "100")
    session.set_text("说明.收支总计.变动原因", "人员增加")
    assert session.undo() == "说明.收支总计.变动原因"
    assert session.project.note("收支总计") == original != ""
    assert session.undo() == "上年.收入总计"
    assert session.get("上年.收入总计") == Decimal("131.31")
    assert session.undo() is None
    assert session.redo() == "上年.收入总计"
    assert session.get("上年.收入总计") == Decimal("100")


def test_save_reopen_identical(session):
    session.set_text("公开01表.本年支出合计", "170.5")
    session.set_text("说明.收支总计.变动原因", "新增法律援助案件")
    session.save()
    assert not session.dirty
    session.close()  # the window closes (an open one holds the file: the next open would be asked)
    again = Session.open(session.path)
    assert dumps(again.project) == dumps(session.project)
    assert again.project.t01.expense_total == Decimal("170.5")


def test_recovery_offered_after_crash(session):
    session.set_text("说明.收支总计.变动原因", "未保存的原因")
    assert session.autosave()
    assert recovery_files(session.path)
    # the process dies here: a new session on the same file finds the work
    session.close()
    again = Session.open(session.path)
    assert again.has_recovery()
    again.recover()
    assert again.project.note("收支总计") == "未保存的原因"
    assert again.dirty
    again.save()
    assert not recovery_files(session.path)
    again.close()
    assert not Session.open(session.path).has_recovery()


def test_recent_and_samples(session, tmp_path):
    assert recent_projects()[0] == session.path.resolve()
    names = {p.name for p in samples()}
    assert {"wendeng-legal-aid-2024.toml", "yangquan-legal-aid-2024.toml"} <= names


def test_new_project(tmp_path):
    s = Session.new(tmp_path / "新单位", "某某法律援助中心", "２０２４", "行政单位", "shandong")
    assert s.path.suffix == ".toml" and s.path.is_file()
    assert api.load(s.path).unit.kind == "行政单位"
    with pytest.raises(Exception, match="已存在"):
        Session.new(s.path, "x", 2024)
    with pytest.raises(FieldError, match="年度"):
        Session.new(tmp_path / "b.toml", "x", "今年")
    with pytest.raises(Exception, match="未知的样式"):
        Session.new(tmp_path / "c.toml", "x", 2024, style="nowhere")


def test_rows_add_move_delete(session):
    n = len(session.project.t05.rows)
    i = session.add_row("公开05表.行", {"科目代码": "2040601", "科目名称": "行政运行", "小计": "1.5"}, 2)
    assert i == 2 and session.project.t05.rows[2].total == Decimal("1.5")
    assert session.move_row("公开05表.行", 2, 1) == 3
    assert session.project.t05.rows[3].code == "2040601"
    session.delete_row("公开05表.行", 3)
    assert len(session.project.t05.rows) == n
    with pytest.raises(FieldError, match="科目代码"):
        session.add_row("公开05表.行", {"科目代码": "12", "科目名称": "x"})
    assert len(session.project.t05.rows) == n


# ---------------------------------------------------------------- forms as data
def test_overall_form(wendeng):
    form = section_form(wendeng, "overall")
    fig = form.figures[0]
    assert (fig.path, fig.prior_path) == ("公开01表.收入总计", "上年.收入总计")
    # 161.09 − 131.31 = 29.78; 29.78 / 131.31 = 22.679…% (the seed's 22.68%)
    assert dict(fig.computed) == {"变动额": "+29.78", "变动率": "22.68%"}
    assert "公开01表.收入总计" in fig.sources and "收入总计.变动率" in fig.sources
    assert [n.path for n in form.notes] == ["说明.收支总计.变动原因"]


def test_general_form_lists_classes_with_budget(wendeng):
    form = section_form(wendeng, "general")
    by_label = {f.label: f for f in form.figures}
    g = form.figures[0]
    assert g.budget_path == "年初预算.一般公共预算财政拨款支出"
    # 161.09 / 149.42 = 107.81%
    assert dict(g.computed)["完成率"] == "107.81%"
    c204 = by_label["204 公共安全支出"]
    assert c204.path == "公开05表.行.0.小计" and dict(c204.computed)["占比"] == "81.36%"
    assert form.missing == 4  # the 4 类 have no 上年 in the sample


def test_every_style_section_has_a_form(wendeng, yangquan):
    for project in (wendeng, yangquan):
        for sec in api.style_for(project).settings.sections:
            form = section_form(project, sec.id)
            for f in form.figures:
                if f.path:
                    get_value(project, f.path)  # every path resolves


def test_pages(wendeng):
    for key, _ in PAGES:
        page(wendeng, key)
    grids = page(wendeng, "公开05表")
    rows = grids[1]
    assert rows.list_path == "公开05表.行" and rows.columns[-1] == "下级合计"
    assert rows.rows[0][:3] == ["204", "公共安全支出", "131.07"]
    assert rows.rows[0][-1] == "131.07"  # 20406 司法 131.07 is its only 款
    assert amount_text(Decimal("11.9448"), "元") == "119448"


def test_typing_into_a_field_is_one_undo_step(tmp_path):
    import shutil
    from pathlib import Path
    from narratives.session import Session
    src = Path(__file__).resolve().parents[2] / "samples" / "wendeng-legal-aid-2024.toml"
    dest = tmp_path / "w.toml"
    shutil.copy(src, dest)
    s = Session.open(dest)
    before = s.get("上年.收入总计")
    for text in ("9", "99", "99.5"):
        s.type_text("上年.收入总计", text)
    s.seal()
    s.type_text("上年.支出总计", "1")
    s.type_text("上年.支出总计", "12")
    assert s.undo() == "上年.支出总计"
    assert s.get("上年.支出总计") is not None and str(s.get("上年.收入总计")) == "99.5"
    assert s.undo() == "上年.收入总计"
    assert s.get("上年.收入总计") == before  # the three keystrokes undone at once
    assert s.redo() == "上年.收入总计" and str(s.get("上年.收入总计")) == "99.5"
    # typing back to the old value leaves no step
    s.seal()
    s.type_text("公开01表.收入总计", "1")
    s.type_text("公开01表.收入总计", s.text("公开01表.收入总计") and "161.09")
    assert s.undo() == "上年.收入总计"


def test_open_sample_is_always_a_fresh_copy(tmp_path):
    from pathlib import Path
    from narratives.recent import copy_sample
    src = Path(__file__).resolve().parents[2] / "samples" / "wendeng-legal-aid-2024.toml"
    first = copy_sample(src, tmp_path, fresh=True)
    assert first.read_text(encoding="utf-8") == src.read_text(encoding="utf-8")
    assert copy_sample(src, tmp_path, fresh=True) == first  # unchanged: the same copy
    first.write_text(first.read_text(encoding="utf-8") + "\n# 改过\n", encoding="utf-8")
    second = copy_sample(src, tmp_path, fresh=True)
    assert second.name == "wendeng-legal-aid-2024-2.toml"
    assert second.read_text(encoding="utf-8") == src.read_text(encoding="utf-8")
    assert "# 改过" in first.read_text(encoding="utf-8")  # the edited copy is kept
    assert copy_sample(src, tmp_path) == first  # the command line's --sample keeps its copy
