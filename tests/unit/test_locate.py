"""Where a finding or a 【待填：…】 is entered (narratives.locate): hand-picked cases of the
yangquan sample, each naming the exact field."""
from __future__ import annotations

import shutil

from narratives import api
from narratives.checks.finding import Finding
from narratives.locate import Target, cell_for, locate_finding, locate_pending, pending_items
from narratives.session import Session


def test_a_table_finding_names_its_cell(yangquan):
    ids = [s.id for s in api.style_for(yangquan).settings.sections]
    f = Finding(rule="T", severity="提示", table="公开05表", location="20406 司法（款） · 小计",
                message="…", section="general")
    target = locate_finding(yangquan, f, ids)
    row = next(i for i, r in enumerate(yangquan.t05.rows) if r.code == "20406")
    assert target == Target("公开05表", f"公开05表.行.{row}.小计")
    assert cell_for(yangquan, "公开05表", "合计 · 基本支出") == "公开05表.合计.基本支出"
    assert cell_for(yangquan, "公开01表", "本年支出合计") == "公开01表.本年支出合计"


def test_a_finding_about_a_reason_names_the_reason_box(yangquan):
    ids = [s.id for s in api.style_for(yangquan).settings.sections]
    f = Finding(rule="L", severity="错误", table="", location="", message="…", subject="204",
                section="general")
    assert locate_finding(yangquan, f, ids) == Target("general", "说明.204.变动原因")


def test_pending_markers_name_the_blank_input(tmp_path, yangquan_path):
    dest = tmp_path / "y.toml"
    shutil.copy(yangquan_path, dest)
    s = Session.open(dest)
    s.set_text("公开01表.收入总计", "")  # with 支出总计 still stated it is that (01表 balances)
    assert pending_items(s.render(None)) == []
    s.set_text("公开01表.支出总计", "")
    s.set_text("年初预算.功能分类.201", "")
    items = pending_items(s.render(None))
    assert [(i.section, i.label) for i in items] == [("overall", "收入总计（公开01表）"),
                                                    ("overall", "支出总计（公开01表）"),
                                                    ("general", "一般公共服务支出 年初预算")]
    assert [locate_pending(s.project, i) for i in items] == [
        Target("overall", "公开01表.收入总计"), Target("overall", "公开01表.支出总计"),
        Target("general", "年初预算.功能分类.201")]
