"""Every section form and every table page of every sample shows what each row is, at 80×24,
100×30 and 120×40: a figure's label is never cut (it wraps onto its own lines), an amount
input is wide enough for 1234567890.12, the computed values are shown whole, and a grid's
columns are as wide as their widest cell.  (The snapshots show a few of these; this walks them
all and measures.)"""
from __future__ import annotations

import shutil

import pytest
from rich.cells import cell_len

from tui.app import JuesuanApp

pytestmark = pytest.mark.asyncio
SIZES = [(80, 24), (100, 30), (120, 40)]
AMOUNT = "-1234567890.12"


async def _show(pilot, app, key: str) -> None:
    """Select an outline entry and wait until its form is mounted (no preview wait)."""
    from tui.widgets.outline import Outline
    outline = app.screen.query_one(Outline)
    index = next(i for i in range(outline.option_count) if outline.get_option_at_index(i).id == key)
    outline.highlighted = index
    for _ in range(100):
        await pilot.pause(0.02)
        if app.screen.current == key and not app.screen._switching:
            break
    await pilot.pause()


def _visible_text(widget) -> int:
    """Cells the widget can show: its content width × height."""
    region = widget.content_region
    return region.width * region.height


def _problems(app, where: str) -> list[str]:
    from tui.widgets.money_input import FieldInput
    from tui.widgets.section_form import FigureBlock
    from tui.widgets.table_grid import GridTable
    problems = []
    for block in app.screen.query(FigureBlock):
        label = block.query_one(".fig-label")
        text = str(label.content)
        if _visible_text(label) < cell_len(text) or label.content_region.height < 1:
            problems.append(f"{where}: 标签被截断 {text}")
        computed = block.query_one(".fig-computed")
        ctext = str(computed.content)
        if computed.display and _visible_text(computed) < cell_len(ctext):
            problems.append(f"{where}: 计算值被截断 {ctext}")
        right = block.content_region.right
        for w in block.query(FieldInput):
            if w.content_region.width < cell_len(AMOUNT):
                problems.append(f"{where}: 输入框太窄 {w.path} ({w.content_region.width})")
            if w.region.right > right:
                problems.append(f"{where}: 输入框在视野外 {w.path}")
    for table in app.screen.query(GridTable):
        x = 0
        for i, column in enumerate(table.ordered_columns):
            widest = max([cell_len(str(column.label))] +
                         [cell_len(r[i]) for r in table.grid.rows if i < len(r)])
            width = column.get_render_width(table)
            # 科目名称 may be cut at 80 columns (the full name shows in the edit line under the grid)
            # 科目名称 and a long 项目 label may be cut (the full name shows in the edit line)
            if str(column.label) not in ("科目名称", "项目") and width - 2 * table.cell_padding < widest:
                problems.append(f"{where}: 列 {column.label} 太窄")
            x += width
            first_value = 2 if table.grid.kind == "rows" else 1
            # the first value column starts in sight with room for an amount (a long text may run on)
            if i == first_value and x - width + min(width, cell_len(AMOUNT) + 2) > table.content_region.width:
                problems.append(f"{where}: 第一列数值 {column.label} 不在视野内")
    return problems


async def _walk(sample) -> list[str]:
    """Each item once, measured at each size (a resize is cheaper than a new form)."""
    from tui.widgets.section_form import FigureBlock
    app = JuesuanApp(str(sample))
    problems: list[str] = []
    async with app.run_test(size=SIZES[-1]) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if type(app.screen).__name__ == "EditorScreen" and app.screen.query(FigureBlock):
                break
        entries = list(app.screen.entries)
        assert len(entries) > 20  # the sections and the pages
        for entry in entries:
            await _show(pilot, app, entry.key)
            for size in SIZES:
                await pilot.resize_terminal(*size)
                await pilot.pause()
                problems += _problems(app, f"{size[0]}×{size[1]} {entry.label}")
    return problems


@pytest.mark.parametrize("name", ["yangquan-legal-aid-2024.toml"])
async def test_every_form_and_page_is_legible(tmp_path, yangquan_path, name):
    sample = tmp_path / name
    shutil.copy(yangquan_path.parent / name, sample)
    assert await _walk(sample) == []
