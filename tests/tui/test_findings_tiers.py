"""审核 in the app: 尾差 are counted apart on the status line, come last in the findings list,
folded into one dim line that Enter opens, and put no ⚠ on the outline."""
from __future__ import annotations

import pytest

from tui.app import JuesuanApp
from tui.screens.findings import FindingsScreen, status_text

from tests.tui.helpers import settle

SIZE = (120, 40)


def _status(app) -> str:
    return str(app.screen.query_one("#editor-status").content)


def _prompts(lst) -> list[str]:
    return [str(lst.get_option_at_index(i).prompt) for i in range(lst.option_count)]


def test_status_text_counts_each_tier():
    from narratives.checks import ERROR, HINT, TAIL, Finding
    fs = [Finding("R1", ERROR, "t", "l", "m"), Finding("R2", HINT, "t", "l", "m"),
          Finding("R3", TAIL, "t", "l", "m"), Finding("R4", TAIL, "t", "l", "m")]
    assert status_text(fs) == "审核 1错误 1提示 尾差2"
    assert status_text(fs[:2]) == "审核 1错误 1提示"
    assert status_text(fs[2:]) == "审核 0错误 0提示 尾差2"
    assert status_text([]) == "审核 无问题"


@pytest.mark.asyncio
async def test_published_sample_opens_with_no_hint_and_its_tails_folded(yangquan_copy):
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert "审核 0错误 0提示 尾差21" in _status(app)
        outline = app.screen.query_one("#editor-outline")
        assert not any("⚠" in p for p in _prompts(outline))
        await pilot.press("f5")
        await settle(pilot, app)
        lst = app.screen
        assert isinstance(lst, FindingsScreen)
        assert str(lst.query_one("#findings-title").content) == \
            "审核结果：错误 0 条，提示 0 条，尾差 21 处（在允许范围内）"
        options = lst.query_one("#findings-list")
        prompts = _prompts(options)
        assert len(prompts) == 1 and prompts[0].startswith("▸ 尾差 21 处（在允许范围内") and prompts[0].endswith("回车展开")
        assert options.highlighted == 0
        await pilot.press("enter")  # opens the fold, the list stays
        await pilot.pause()
        assert app.screen is lst
        prompts = _prompts(options)
        assert len(prompts) == 22 and prompts[0].startswith("▾ 尾差") and all("【尾差】" in p for p in prompts[1:])
        assert options.highlighted == 0
        await pilot.press("enter")  # and closes it again
        await pilot.pause()
        assert len(_prompts(options)) == 1


@pytest.mark.asyncio
async def test_errors_first_then_tails_and_a_tail_still_jumps(yangquan_copy):
    app = JuesuanApp(str(yangquan_copy))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.screen.session.set_text("公开05表.合计.基本支出", "115")  # 错误s in 05表
        app.screen.after_change()
        await settle(pilot, app)
        status = _status(app)
        assert "审核 3错误 0提示 尾差" in status
        app.screen.reload_outline()  # the marks follow the edits at the next autosave tick
        await pilot.pause()
        marked = [p for p in _prompts(app.screen.query_one("#editor-outline")) if "⚠" in p]
        assert marked and all("⚠3" in p for p in marked)  # 05表 and its section: the 3 错误, no 尾差
        await pilot.press("f5")
        await settle(pilot, app)
        lst = app.screen
        tiers = [f.tier for f in lst.findings]
        assert tiers == sorted(tiers, key=("错误", "提示", "尾差").index) and tiers[0] == "错误"
        options = lst.query_one("#findings-list")
        prompts = _prompts(options)
        assert prompts[0].startswith("── 错误（3 条）") and prompts[-1].startswith("▸ 尾差")
        options.highlighted = len(prompts) - 1
        await pilot.press("enter")
        await pilot.pause()
        # a 尾差 line jumps to its cell as any finding does
        first_tail = next(i for i, p in enumerate(_prompts(options)) if p.startswith("【尾差】"))
        options.highlighted = first_tail
        target = lst.items[int(options.get_option_at_index(first_tail).id)][2]
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen is not lst and target is not None and app.screen.current == target.key
