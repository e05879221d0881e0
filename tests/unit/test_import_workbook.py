"""Importing the 公开01–10表 workbook: three layouts built from the samples' figures, real .xls
files converted by LibreOffice, error messages that name the cell, junk that never escapes as a
traceback."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from narratives import api
from narratives.cli import main
from narratives.io import projectfile
from narratives.io.nextyear import prior_from
from narratives.io.tables_layout import title_number
from narratives.io.workbook import WorkbookError, cell_text, import_workbook
from narratives.money import AmountError, parse_amount
from tests.fixtures.workbooks import build

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LAYOUTS = ("sheets", "onesheet", "yuan")
TABLES = [f"公开{n:02d}表" for n in range(1, 11)]
NARRATIVE = ("概况", "上年", "年初预算", "三公明细", "政府采购明细", "预算绩效", "说明")


def _norm(v):
    """Table content with empty and zero entries dropped: a 0.00 the workbook prints and an
    entry the sample leaves out say the same."""
    if isinstance(v, dict):
        out = {k: _norm(x) for k, x in v.items()}
        return {k: x for k, x in out.items() if x not in (None, {}, [], Decimal(0), 0)}
    if isinstance(v, list):
        return [_norm(x) for x in v]
    if isinstance(v, str):
        try:
            return Decimal(v)
        except ArithmeticError:
            return v
    return v


def _with_narrative(imported, sample):
    """The imported tables plus the sample's narrative inputs, which no workbook holds."""
    data = projectfile.to_dict(imported)
    src = projectfile.to_dict(sample)
    for k in NARRATIVE:
        if k in src:
            data[k] = src[k]
    data["单位"].update({k: src["单位"][k] for k in ("样式", "主管部门") if k in src["单位"]})
    return projectfile.from_dict(data)


@pytest.fixture(params=["yangquan", "wendeng"])
def sample(request):
    return api.load(Path(__file__).resolve().parents[2] / "samples" / f"{request.param}-legal-aid-2024.toml")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_layouts_import_the_sample_tables(sample, layout, tmp_path):
    path = tmp_path / f"{layout}.xlsx"
    build(sample, layout).save(path)
    result = import_workbook(path)
    assert result.tables == list(range(1, 11))
    assert result.project.unit.name == sample.unit.name
    assert result.project.unit.year == sample.unit.year
    assert result.project.unit.kind == sample.unit.kind  # from the 10表's 机关运行经费 rows
    got, want = projectfile.to_dict(result.project), projectfile.to_dict(sample)
    for table in TABLES:
        assert _norm(got.get(table, {})) == _norm(want.get(table, {})), table


@pytest.mark.parametrize("layout", LAYOUTS)
def test_imported_project_renders_the_sample_text(sample, layout, tmp_path):
    path = tmp_path / f"{layout}.xlsx"
    build(sample, layout).save(path)
    project = _with_narrative(import_workbook(path).project, sample)
    assert api.to_markdown(api.render(project)) == api.to_markdown(api.render(sample))


@pytest.mark.parametrize("name", ["yangquan-2024-sheets.xls", "wendeng-2024-onesheet.xls"])
def test_real_xls_imports(name):
    sample = api.load(Path(__file__).resolve().parents[2] / "samples" /
                      f"{name.split('-')[0]}-legal-aid-2024.toml")
    result = import_workbook(FIXTURES / name)
    project = _with_narrative(result.project, sample)
    assert api.to_markdown(api.render(project)) == api.to_markdown(api.render(sample))


def test_yuan_amounts_are_divided_exactly(yangquan, tmp_path):
    path = tmp_path / "yuan.xlsx"
    build(yangquan, "yuan").save(path)
    result = import_workbook(path)
    t05 = result.project.t05
    assert t05.total.project == Decimal("11.9448")  # "119,448.00" 元
    assert next(r for r in t05.rows if r.code == "2040601").name == "行政运行"
    assert any("元" in n for n in result.notes)


def test_wrapped_names_are_joined(wendeng, tmp_path):
    path = tmp_path / "one.xlsx"
    build(wendeng, "onesheet").save(path)
    rows = import_workbook(path).project.t02.rows
    assert [r.name for r in rows if r.code == "2080505"] == ["机关事业单位基本养老保险缴费支出"]


def test_bad_cell_is_named_and_nothing_is_written(yangquan, tmp_path):
    path = tmp_path / "bad.xlsx"
    build(yangquan, "sheets").save(path)
    wb = load_workbook(path)
    assert wb["公开03表"]["D12"].value == pytest.approx(0.21)
    wb["公开03表"]["D12"] = "1,2x3"
    wb.save(path)
    with pytest.raises(WorkbookError) as exc:
        import_workbook(path)
    assert "bad.xlsx" in str(exc.value)
    assert "公开03表 D12：“1,2x3”不是金额" in str(exc.value)
    out = tmp_path / "out.toml"
    assert main(["import", str(path), "-o", str(out)]) == 2
    assert not out.exists()


def test_every_bad_cell_is_listed_with_its_sheet(yangquan, tmp_path):
    path = tmp_path / "one.xlsx"
    build(yangquan, "onesheet").save(path)
    wb = load_workbook(path)
    ws = wb.active
    admin = format(next(r for r in yangquan.t05.rows if r.code == "2040601").sum(), "f")  # 行政运行
    bad = [c.coordinate for row in ws.iter_rows() for c in row if c.value == admin]
    for ref in bad:
        ws[ref] = "88.8.452"
    wb.save(path)
    with pytest.raises(WorkbookError) as exc:
        import_workbook(path)
    msg = str(exc.value)
    assert len(bad) == 10  # 行政运行's figure is printed in 02, 03 and 05表
    assert "（共 10 处，仅列出前 8 处）" in msg
    for ref in bad[:8]:
        assert f" {ref}：“88.8.452”不是金额" in msg
    assert "工作表“决算公开表”公开05表" in msg
    assert "\n" not in msg


def test_extra_sheets_are_ignored_with_a_note(yangquan, tmp_path):
    path = tmp_path / "book.xlsx"
    build(yangquan, "sheets").save(path)  # has a 封面 sheet with no table, a 目录 listing the titles
    result = import_workbook(path)
    assert any("封面" in n and "忽略" in n for n in result.notes)
    assert any(n.startswith("工作表“目录”中的公开01表、公开02表") and "已忽略" in n for n in result.notes)
    assert result.tables == list(range(1, 11))


def test_name_and_year_come_from_the_header_or_the_options(yangquan, tmp_path):
    path = tmp_path / "book.xlsx"
    wb = build(yangquan, "sheets")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith(("部门名称", "2024年度")):
                    c.value = None
    wb.save(path)
    with pytest.raises(WorkbookError, match="--name"):
        import_workbook(path)
    with pytest.raises(WorkbookError, match="--year"):
        import_workbook(path, name="某单位")
    p = import_workbook(path, name="某单位", year=2024, kind="行政单位").project
    assert (p.unit.name, p.unit.year, p.unit.kind) == ("某单位", 2024, "行政单位")


def test_prior_from_last_years_project_or_workbook(yangquan, tmp_path):
    book = tmp_path / "this.xlsx"
    build(yangquan, "sheets").save(book)
    last = tmp_path / "last.toml"
    api.save(yangquan, last)
    from_toml = import_workbook(book, prior=last, year=2025)
    assert from_toml.project.prior == prior_from(yangquan)
    assert from_toml.project.prior.by_func["2040601 行政运行"] == \
        next(r for r in yangquan.t05.rows if r.code == "2040601").sum()
    from_book = import_workbook(book, prior=book, year=2025)
    assert from_book.project.prior == prior_from(import_workbook(book).project)
    assert not any("上年数取自" in n for n in from_toml.notes)
    same_year = import_workbook(book, prior=last)
    assert any("上年数取自 2024 年度" in n for n in same_year.notes)


def test_not_a_workbook(tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(WorkbookError, match="不是 Excel 工作簿"):
        import_workbook(text)
    with pytest.raises(WorkbookError, match="找不到工作簿"):
        import_workbook(tmp_path / "missing.xlsx")


def test_workbook_without_tables(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    wb.active["A1"] = "通讯录"
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(WorkbookError, match="没有找到任何公开表"):
        import_workbook(tmp_path / "other.xlsx")


@pytest.mark.parametrize("value, text", [
    (0.1 + 0.2, "0.3"),          # binary noise beyond Excel's 15 digits is dropped
    (88.8452, "88.8452"),
    (127.8, "127.8"),
    (2040601.0, "2040601"),
    (1e-05, "0.00001"),
    (1278000.0, "1278000"),
    (7, "7"),
    (None, ""),
    (True, "TRUE"),
])
def test_cell_text(value, text):
    assert cell_text(value) == text


def test_cli_import_writes_the_project(yangquan, tmp_path, capsys):
    book = tmp_path / "book.xlsx"
    build(yangquan, "yuan").save(book)
    out = tmp_path / "p.toml"
    assert main(["import", str(book), "--style", "shanxi", "-o", str(out)]) == 0
    assert api.load(out).t05.total.basic == yangquan.t05.total.basic
    err = capsys.readouterr().err
    assert "已导入" in err and "Traceback" not in err
    assert main(["import", str(book), "-o", str(out)]) == 2  # never over an existing file
    assert "--force" in capsys.readouterr().err
    assert main(["import", str(book), "--style", "nosuchstyle", "-o", str(tmp_path / "q.toml")]) == 2
    assert not (tmp_path / "q.toml").exists()


# ------------------------------------------------------------------ junk never escapes
_JUNK = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.integers(min_value=-10**15, max_value=10**15),
    st.sampled_from(["——", "-", "1,2x3", "(1,234)", "１２．５", "12.5元", "#REF!", "=A1", "2040601 行政运行"]),
)


@pytest.fixture(scope="module")
def book_bytes(tmp_path_factory):
    sample = api.load(Path(__file__).resolve().parents[2] / "samples" / "yangquan-legal-aid-2024.toml")
    path = tmp_path_factory.mktemp("junk") / "base.xlsx"
    build(sample, "sheets").save(path)
    return path.read_bytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(st.integers(0, 10), st.integers(1, 45), st.integers(1, 12), _JUNK),
                      min_size=1, max_size=6))
def test_random_junk_gives_the_clean_error(book_bytes, tmp_path, cells):
    src = tmp_path / "base.xlsx"
    src.write_bytes(book_bytes)
    wb = load_workbook(src)
    for sheet, row, col, value in cells:
        target = wb.worksheets[sheet].cell(row=row, column=col)
        if not isinstance(target, MergedCell):  # openpyxl: only a merge's first cell holds a value
            target.value = value
    path = tmp_path / "junk.xlsx"
    wb.save(path)
    try:
        import_workbook(path)
    except WorkbookError as exc:
        assert str(exc).startswith("junk.xlsx")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=10))
def test_junk_in_an_amount_cell_names_that_cell(book_bytes, tmp_path, junk):
    try:
        parse_amount(junk)
        return  # junk that is an amount (or a blank mark) is not junk
    except AmountError:
        pass
    if junk.strip().startswith("=") or title_number(junk):
        return  # openpyxl would store a formula; a table's title starts a new table
    src = tmp_path / "base.xlsx"
    src.write_bytes(book_bytes)
    wb = load_workbook(src)
    wb["公开05表"]["D12"] = junk  # 基本支出 of 201 一般公共服务支出
    wb.save(tmp_path / "junk.xlsx")
    with pytest.raises(WorkbookError) as exc:
        import_workbook(tmp_path / "junk.xlsx")
    assert "公开05表 D12：" in str(exc.value)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_synthetic_unit_round_trips_exactly(layout, tmp_path):
    """A generated unit with many rows and names such as 政府办公厅（室）: every table comes back
    equal, field by field (full-width brackets kept, 0.00 rows kept, 元 converted exactly)."""
    from narratives import synth
    project = synth.generate(7, style="shandong", func_rows=80, econ_rows=40)
    path = tmp_path / f"{layout}.xlsx"
    build(project, layout).save(path)
    got = import_workbook(path, name=project.unit.name, year=project.unit.year).project
    for t in ("t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09", "t10"):
        assert getattr(got, t) == getattr(project, t), t
