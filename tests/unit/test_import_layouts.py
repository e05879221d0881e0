"""Layout variants seen in practice, each on a small hand-made sheet: tables found by number only
or title only, 三公 printed as rows, 06表 as one block, 10表 with 中小企业 rows."""
from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook

from narratives.io.tables_layout import Sheet, find_tables
from narratives.io.workbook import WorkbookError, import_workbook, read_tables

D = Decimal
HEAD05 = [["项目", "", "本年支出", "", ""], ["科目代码", "科目名称", "小计", "基本支出", "项目支出"],
          ["栏次", "", 1, 2, 3], ["合计", "", 100.79, 88.8452, 11.9448],
          [204, "公共安全支出", 100.79, 88.8452, 11.9448], [2040601, "行政运行", 88.8452, 88.8452, None],
          [2040607, "公共法律服务", 11.9448, None, 11.9448]]


def _book(tmp_path, *sheets) -> str:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return str(path)


def test_found_by_number_only(tmp_path):
    path = _book(tmp_path, ("Sheet1", [["公开05表"], ["部门：某中心", None, "2024年度", None, "单位：万元"], *HEAD05]))
    tables, regions, _ = read_tables(path)
    assert tables[5]["合计"]["基本支出"] == D("88.8452")
    assert [r["科目代码"] for r in tables[5]["行"]] == ["204", "2040601", "2040607"]
    assert regions[0].unit_name == "某中心" and regions[0].year == 2024 and regions[0].unit == "万元"


def test_found_by_title_only_several_on_a_sheet(tmp_path):
    rows = [["2024年度一般公共预算财政拨款支出决算表"], ["编制单位：某中心", None, None, None, "金额单位：元"], *HEAD05,
            [], ["注：本表反映一般公共预算财政拨款支出情况。"], [],
            ["国有资本经营预算财政拨款支出决算表"], ["项目", "", "本年支出"], ["科目代码", "科目名称", "合计", "基本支出", "项目支出"],
            ["合计", "", None, None, None], ["说明：本表无数据"]]
    tables, regions, _ = read_tables(_book(tmp_path, ("表", rows)))
    assert sorted(tables) == [5, 8]
    assert regions[0].unit == "元"
    assert tables[5]["合计"]["基本支出"] == D("0.00888452")  # 元 → 万元, exactly
    assert tables[8] == {"合计": {}, "行": []}


def test_title_ends_a_sentence_only_at_a_title():
    sheet = Sheet("x", [["注：本表反映部门本年度收入支出决算总表的情况。"], ["支出决算表"], ["公开03表"]])
    regions = find_tables(sheet)
    assert [(r.number, r.start) for r in regions] == [(3, 1)]  # the title and its number: one table


def test_sangong_as_rows(tmp_path):
    rows = [["财政拨款“三公”经费支出决算表"], ["部门名称：某中心"], ["2024年度"],
            ["项目", "预算数", "决算数"], ["合计", 3, 2.5], ["1.因公出国（境）费", None, None],
            ["2.公务用车购置及运行维护费", 2, 2], ["其中：公务用车购置费", None, None], ["公务用车运行维护费", 2, 2],
            ["3.公务接待费", 1, 0.5]]
    t09 = read_tables(_book(tmp_path, ("三公", rows)))[0][9]
    assert t09["决算数"] == {"合计": D("2.5"), "公务用车购置及运行维护费": D("2"), "公务用车运行维护费": D("2"),
                          "公务接待费": D("0.5")}
    assert t09["预算数"]["合计"] == D("3")


def test_basic_expense_in_one_block_sorted_by_code(tmp_path):
    rows = [["一般公共预算财政拨款基本支出决算明细表"], ["部门名称：某中心"], ["2024年度"],
            ["科目代码", "科目名称", "决算数"], ["301", "工资福利支出", 10], ["30101", "基本工资", 10],
            ["302", "商品和服务支出", 2], ["30201", "办公费", 2], ["303", "对个人和家庭的补助", None],
            ["人员经费合计", None, 10], ["公用经费合计", None, 2]]
    t06 = read_tables(_book(tmp_path, ("06", rows)))[0][6]
    assert [r["科目代码"] for r in t06["人员经费"]] == ["301", "30101"]
    assert [r["科目代码"] for r in t06["公用经费"]] == ["302", "30201"]
    assert (t06["人员经费合计"], t06["公用经费合计"]) == (D("10"), D("2"))


def test_t10_procurement_details_and_unit_kind(tmp_path):
    rows = [["部门决算公开相关信息统计表"], ["单位名称：某局"], ["2024年度"], ["金额单位：万元"],
            ["一、政府采购情况"], ["项目", "行次", "统计数"], ["合计", 1, 5], ["货物", 2, 5],
            ["授予中小企业合同金额", 5, 4], ["其中：授予小微企业合同金额", 6, 3],
            ["二、机关运行经费"], ["(一) 行政单位", 7, 12.5], ["三、国有资产占用情况"], ["(一) 车辆数合计(辆)", 8, 2],
            ["5. 执法执勤用车", 9, 2], ["(二) 单价100万元(含)以上设备(不含车辆)", 10, None]]
    p = import_workbook(_book(tmp_path, ("10", rows))).project
    assert p.unit.kind == "行政单位" and p.unit.name == "某局"
    assert p.t10.purchase.total == D("5") and p.t10.purchase.goods == D("5")
    assert p.procurement.sme == D("4") and p.procurement.micro == D("3")
    assert p.t10.running_cost == D("12.5")
    assert p.t10.vehicles == {"执法执勤用车": 2} and p.t10.vehicles_total == 2 and p.t10.equipment is None


def test_missing_header_is_named(tmp_path):
    path = _book(tmp_path, ("x", [["收入决算表"], ["部门名称：某中心"], ["2024年度"], ["201", "一般公共服务支出", 1]]))
    with pytest.raises(WorkbookError, match="工作表“x”公开02表 第1行：找不到表头（应有“科目代码”“科目名称”"):
        import_workbook(path)


def test_row_without_a_code_is_named(tmp_path):
    rows = [["公开05表"], ["部门名称：某中心"], ["2024年度"], *HEAD05, ["公共安全", "", 1, 1, None]]
    with pytest.raises(WorkbookError) as exc:
        import_workbook(_book(tmp_path, ("公开05表", rows)))
    assert "公开05表 A11：“公共安全”不是科目代码" in str(exc.value)


def test_t01_without_line_numbers_and_a_sub_line(tmp_path):
    """No 行次 column; a 其中 line under a complete label stays apart (its figure is not lost)."""
    rows = [["收入支出决算总表"], ["部门名称：某中心"], ["2024年度"],
            ["收入", "", "支出", ""], ["项目", "金额", "项目", "金额"],
            ["一、一般公共预算财政拨款收入", 100, "一、一般公共服务支出", 100],
            ["其中：专项", None, None, None],
            ["五、事业收入", 20, "四、公共安全支出", 20],
            ["使用非财政拨款结余（含专", 3, "", None], ["用结余）", None, "", None],
            ["本年收入合计", 120, "本年支出合计", 120], ["总计", 123, "总计", 123]]
    t01 = read_tables(_book(tmp_path, ("01", rows)))[0][1]
    assert t01["收入"] == {"一般公共预算财政拨款收入": D("100"), "事业收入": D("20")}
    assert t01["支出"] == {"一般公共服务支出": D("100"), "公共安全支出": D("20")}
    assert t01["使用非财政拨款结余"] == D("3")
    assert (t01["本年收入合计"], t01["收入总计"], t01["支出总计"]) == (D("120"), D("123"), D("123"))


@pytest.mark.parametrize("line, unit, name, year", [
    ("收入决算表（单位：万元）", "万元", "", None),
    ("金额单位：元", "元", "", None),
    ("单位：元宝山区司法局", "万元", "元宝山区司法局", None),  # a unit's name, not 元
    ("部门名称：某中心  2023年度  金额单位：元", "元", "某中心", 2023),
    ("单位名称：某某局（本级）\u3000\u30002024年度", "万元", "某某局（本级）", 2024),
])
def test_header_line(line, unit, name, year):
    from narratives.io.tables_layout import Region, read_meta
    region = Region(2, Sheet("x", [[line]]), 0, 1)
    read_meta(region, 1)
    assert (region.unit, region.unit_name, region.year) == (unit, name, year)


# ------------------------------------------------------------------ structure fuzz
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from narratives.io.tables_layout import TITLES  # noqa: E402
from narratives.io.workbook import import_sheets  # noqa: E402

_TOKENS = st.one_of(
    st.sampled_from(["", "", "", "项目", "行次", "金额", "栏次", "收入", "支出", "合计", "小计", "科目代码", "科目名称",
                     "本年收入合计", "本年支出合计", "基本支出", "项目支出", "决算数", "预算数", "人员经费", "公用经费",
                     "人员经费合计", "公用经费合计", "总计", "一、一般公共预算财政拨款收入", "四、公共安全支出",
                     "一般公共预算财政拨款", "年初财政拨款结转和结余", "201", "20406", "2040601 行政运行", "301",
                     "30101", "行政运行", "公务接待费", "公务用车购置及运行维护费", "(二) 参照公务员法管理事业单位",
                     "一、政府采购情况", "二、机关运行经费", "三、国有资产占用情况", "车辆数合计(辆)", "3. 机要通信用车",
                     "部门名称：某中心", "2024年度", "金额单位：元", "注：本表反映", "——", "-", "1", "2", "3"]),
    st.sampled_from([f"公开{n:02d}表" for n in range(1, 11)] + list(TITLES.values())),
    st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False).map(str),
    st.text(max_size=6),
)


@settings(max_examples=150, deadline=None)
@given(grid=st.lists(st.lists(_TOKENS, max_size=9), max_size=30))
def test_any_grid_gives_a_project_or_the_clean_error(grid):
    try:
        result = import_sheets([Sheet("表", grid)], "fuzz.xlsx")
    except WorkbookError as exc:
        assert str(exc).startswith("fuzz.xlsx")
    else:
        assert result.project.unit.name


@pytest.fixture(scope="module")
def real_sheets(tmp_path_factory):
    from pathlib import Path

    from narratives import api
    from narratives.io.workbook import read_sheets
    from tests.fixtures.workbooks import build
    root = Path(__file__).resolve().parents[2]
    out = {}
    for layout in ("sheets", "onesheet", "yuan"):
        path = tmp_path_factory.mktemp("real") / f"{layout}.xlsx"
        build(api.load(root / "samples" / "yangquan-legal-aid-2024.toml"), layout).save(path)
        out[layout] = read_sheets(path)
    return out


@settings(max_examples=150, deadline=None)
@given(layout=st.sampled_from(["sheets", "onesheet", "yuan"]), data=st.data())
def test_mutated_real_layouts_give_a_project_or_the_clean_error(real_sheets, layout, data):
    sheets = [Sheet(s.name, [list(r) for r in s.rows]) for s in real_sheets[layout]]
    for _ in range(data.draw(st.integers(1, 8))):
        sheet = data.draw(st.sampled_from(sheets))
        if not sheet.rows:
            continue
        r = data.draw(st.integers(0, len(sheet.rows) - 1))
        row = sheet.rows[r]
        action = data.draw(st.sampled_from(["set", "delete_row", "insert_row", "delete_cell"]))
        if action == "set" and row:
            row[data.draw(st.integers(0, len(row) - 1))] = data.draw(_TOKENS)
        elif action == "delete_row":
            del sheet.rows[r]
        elif action == "insert_row":
            sheet.rows.insert(r, data.draw(st.lists(_TOKENS, max_size=8)))
        elif row:
            del row[data.draw(st.integers(0, len(row) - 1))]
    try:
        import_sheets(sheets, "m.xlsx")
    except WorkbookError as exc:
        assert str(exc).startswith("m.xlsx")


# ------------------------------------------------------------------ the published tables themselves
def _seed_sheet(name: str) -> Sheet:
    from tests.conftest import SEEDS
    path = SEEDS / name
    if not path.exists():
        pytest.skip("seeds not available")
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == "收入支出决算总表")
    end = next(i for i, line in enumerate(lines) if i > start and line.strip().startswith("第三部分"))
    # the tables' text is tab-separated, cell by cell, as in the published PDF; the lines above
    # the first table carry the "2024年度…决算表" heading
    return Sheet("seed", [line.split("\t") for line in lines[start - 3:end]])


def test_yangquan_published_tables():
    r = import_sheets([_seed_sheet("yangquan-legal-aid-2024.txt")], "yangquan.txt")
    p = r.project
    assert r.tables == list(range(1, 11)) and r.notes == []
    assert (p.unit.name, p.unit.year, p.unit.kind) == ("阳泉市法律援助中心", 2024, "参照公务员法管理事业单位")
    assert p.t01.grand_income == D("127.80") and p.t01.expense["公共安全支出"] == D("100.79")
    assert p.t05.total.basic == D("115.86") and len(p.t05.rows) == 20  # the published, rounded figure
    assert (p.t06.personnel_total, p.t06.public_total) == (D("107.15"), D("8.71"))
    assert [r.code for r in p.t06.public] == ["302", "30201", "30211", "30226", "30228", "30229", "30231",
                                              "30239", "30299"]
    assert p.t09.actual.car_running == D("0.31") and p.t09.budget.total == D("0.31")
    assert p.t10.running_cost == D("8.71") and p.t10.vehicles == {"机要通信用车": 1}
    assert p.t07.rows == [] and p.t08.rows == []


def test_wendeng_published_tables():
    r = import_sheets([_seed_sheet("wendeng-legal-aid-2024.txt")], "wendeng.txt")
    p = r.project
    assert r.tables == list(range(1, 10))  # 山东 publishes no 10表
    assert (p.unit.name, p.unit.year) == ("威海市文登区法律援助中心", 2024)  # year from the heading
    assert p.t05.total.total == D("161.09")  # the 合计 row with its label left blank
    assert next(r for r in p.t05.rows if r.code == "2040699").project == D("36.00")
    assert p.t06.personnel_total == D("122.07") and p.t06.public_total is None
    assert [(r.code, r.amount) for r in p.t06.public if r.amount] == [
        ("302", D("3.02")), ("30201", D("0.56")), ("30228", D("1.09")), ("30239", D("1.37"))]
    # every 公用经费 row the table prints, 0.00 ones too, block by block: 302 and its 27 项, then
    # 307 (4), 310 (16) and 312 (5) with theirs; the 399 rows are shifted in the PDF text
    assert len(p.t06.public) == 56
    assert [r.code for r in p.t06.public][:2] == ["302", "30201"] and p.t06.public[28].code == "307"
    assert p.t09.actual.total == D("0.00") and p.t09.budget.total == D("0.00")


def test_code_in_three_columns(tmp_path):
    """科目编码 split into 类 | 款 | 项, the 类 (and 款) left blank under the row that has it."""
    rows = [["支出决算表"], ["部门名称：某中心"], ["2024年度"], ["金额单位：万元"],
            ["科目编码", "", "", "科目名称", "本年支出合计", "基本支出", "项目支出"],
            ["类", "款", "项", "", "", "", ""],
            ["合计", "", "", "", 100.79, 88.85, 11.94],
            ["204", "", "", "公共安全支出", 100.79, 88.85, 11.94],
            ["", "06", "", "司法", 100.79, 88.85, 11.94],
            ["", "", "01", "行政运行", 88.85, 88.85, None],
            ["204", "06", "07", "公共法律服务", 11.94, None, 11.94]]
    t03 = read_tables(_book(tmp_path, ("03", rows)))[0][3]
    assert [(r["科目代码"], r["科目名称"]) for r in t03["行"]] == [
        ("204", "公共安全支出"), ("20406", "司法"), ("2040601", "行政运行"), ("2040607", "公共法律服务")]
    assert t03["合计"]["本年支出合计"] == D("100.79")
    assert t03["行"][3]["项目支出"] == D("11.94")


def test_no_data_line_merged_over_the_body(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "公开07表"
    for row in [["政府性基金预算财政拨款收入支出决算表"], ["部门名称：某中心"], ["2024年度"],
                ["项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
                ["科目代码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""],
                ["本表无数据"]]:
        ws.append(row)
    ws.merge_cells("A6:H8")
    path = tmp_path / "07.xlsx"
    wb.save(path)
    assert read_tables(path)[0][7] == {"合计": {}, "行": []}


def test_sheet_named_after_its_table_without_a_title(tmp_path):
    path = _book(tmp_path, ("05 一般公共预算财政拨款支出决算表", HEAD05), ("说明", [["部门名称：某中心"], ["2024年度"]]))
    tables, regions, notes = read_tables(path)
    assert [r["科目代码"] for r in tables[5]["行"]] == ["204", "2040601", "2040607"]
    assert regions[0].start == 0
    assert any("说明" in n for n in notes)
