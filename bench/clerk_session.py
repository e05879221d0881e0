"""A scripted clerk: enters the yangquan sample's figures and reasons into a NEW project through
the app's keys (Textual Pilot), counting every key and timing the session; then compares the
text it produced with the sample's.

What counts as a key: every key press (digits, Enter, Tab, arrows, F-keys, Insert); a reason or
a name in Chinese is one "commit" (what an IME hands over, or a paste), counted as one key.
The new project starts as `juesuan new --name … --year …` makes it (the 新建 dialog is not
counted).  The clerk's route: the 公开05表 page first (Insert + 科目代码 + Enter: the name fills
itself from the codes known), then every section form in outline order (F9, ↓ to the section,
Enter; each input: the value then Enter, or Enter alone to pass a blank one; each reason box:
the reason, then Tab), then the pages the text also reads (单位, 三公明细, 预算绩效, 公开10表 车辆).

Run:  .venv/bin/python bench/clerk_session.py   (prints keys, seconds, text match)
"""
from __future__ import annotations

import asyncio
import difflib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "samples" / "yangquan-legal-aid-2024.toml"
PAGES = ("单位", "公开10表", "三公明细", "预算绩效")  # values the text reads outside the forms


class Clerk:
    def __init__(self, pilot, app, sample) -> None:
        self.pilot, self.app, self.sample = pilot, app, sample
        self.keys = 0

    async def press(self, *keys: str) -> None:
        for k in keys:
            self.keys += 1
            await self.pilot.press(k)

    async def type(self, text: str) -> None:
        """Digits and Latin key by key; Chinese as one commit (an IME's, or a paste)."""
        from textual import events
        if any("\u4e00" <= ch <= "\u9fff" for ch in text):
            self.keys += 1
            self.app.post_message(events.Paste(text)) if self.app.focused is None else \
                self.app.focused.post_message(events.Paste(text))
            await self.pilot.pause()
            return
        for ch in text:
            await self.press(ch)

    async def settle(self) -> None:
        for _ in range(3):
            await self.pilot.pause(0.05)
            await self.app.workers.wait_for_complete()

    async def go(self, key: str) -> None:
        """F9, ↓/↑ to the outline entry, Enter (into its first input)."""
        from tui.widgets.outline import Outline
        await self.press("f9")
        outline = self.app.screen.query_one(Outline)
        target = next(i for i in range(outline.option_count) if outline.get_option_at_index(i).id == key)
        here = outline.highlighted or 0
        step = "down" if target > here else "up"
        while outline.highlighted != target:
            await self.press(step)
        await self.press("enter")
        await self.settle()

    def want(self, path: str) -> str:
        from narratives.pages import cell_text
        try:
            return cell_text(self.sample, path)
        except Exception:
            return ""


def rows_tsv(rows) -> str:
    """公开05表's rows as Excel copies them: 科目代码, 科目名称, 小计, 基本支出, 项目支出."""
    def cell(v):
        return "" if v is None else format(v, "f")
    return "".join(f"{r.code}\t{r.name}\t{cell(r.total)}\t{cell(r.basic)}\t{cell(r.project)}\n" for r in rows)


async def session(sample_path: Path = SAMPLE, paste: bool = False) -> dict:
    """``paste``: the 公开05表 rows copied from the clerk's Excel (Ctrl+C there, Ctrl+V here: two
    keys) instead of typed code by code."""
    from narratives import api
    from narratives.session import Session
    from tui.app import JuesuanApp
    from tui.screens.editor import EditorScreen
    from tui.widgets.money_input import FieldInput
    from tui.widgets.section_form import NoteArea
    from tui.widgets.table_grid import GridTable

    sample = api.load(sample_path)
    tmp = Path(tempfile.mkdtemp())
    os.environ["XDG_STATE_HOME"] = str(tmp / "state")
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    target = tmp / "新单位.toml"
    u = sample.unit
    Session.new(target, u.name, u.year, u.kind, u.style)
    app = JuesuanApp(str(target))
    t0 = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        clerk = Clerk(pilot, app, sample)
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, EditorScreen) and app.screen.query(FieldInput):
                break
        screen = app.screen
        # 1. the 功能分类 rows of 公开05表: Insert, the code, Enter (the name fills itself)
        await clerk.go("公开05表")
        rows = [t for t in screen.query(GridTable) if t.grid.list_path == "公开05表.行"][0]
        rows.focus()
        await pilot.pause()
        if paste:
            from textual import events
            clerk.keys += 2  # Ctrl+C in Excel, Ctrl+V here
            rows.post_message(events.Paste(rows_tsv(sample.t05.rows)))
            await clerk.settle()
        else:
            for row in sample.t05.rows:
                await clerk.press("insert")
                await clerk.type(row.code)
                await clerk.press("enter")
                await clerk.settle()
                rows.focus()
        # 2. every section form, in outline order
        for entry in [e for e in screen.entries if e.kind == "section"]:
            await clerk.go(entry.key)
            # the clerk knows which reasons he has: after the last one he leaves the form (F9)
            # instead of passing the blank boxes after it
            fields = list(screen.query("#editor-center FieldInput, #editor-center NoteArea"))
            needed = [w for w in fields if (clerk.want(w.path) if isinstance(w, NoteArea) else True)]
            last = needed[-1] if needed else None
            for _ in range(400):
                w = app.focused
                if isinstance(w, FieldInput) and w.id != "cell-edit":
                    want = clerk.want(w.path)
                    if want and w.value != want:
                        if w.value:
                            await clerk.press("ctrl+u")  # clear what is there
                        await clerk.type(want)
                    if w is last:
                        break
                    await clerk.press("enter")
                elif isinstance(w, NoteArea):
                    want = clerk.want(w.path)
                    if want and w.text != want:
                        await clerk.type(want)
                    if w is last:
                        break
                    await clerk.press("tab")
                else:
                    break
                await pilot.pause()
                if app.focused is w or not any(app.focused is x for x in screen.query("#editor-center *")):
                    break  # past the form's last field
            await clerk.settle()
        # 3. the pages' values the text reads outside the forms (single values)
        for page in PAGES:
            await clerk.go(page)
            for table in [t for t in screen.query(GridTable) if t.grid.kind == "fields"]:
                table.focus()
                await pilot.pause()
                for r, paths in enumerate(table.grid.paths):
                    path = paths[-1]
                    want = clerk.want(path) if path else ""
                    table.cursor_coordinate = (r, 1)
                    if want and clerk.app.screen.session.text(path) != want:
                        await clerk.type(want)
                        await clerk.press("enter")
                        await clerk.settle()
                        table.focus()
            await clerk.settle()
        await clerk.press("ctrl+s")
        await clerk.settle()
        elapsed = time.perf_counter() - t0
        made = screen.session.project
    mine = api.render_text(made) if hasattr(api, "render_text") else _text(api.render(made))
    theirs = api.render_text(sample) if hasattr(api, "render_text") else _text(api.render(sample))
    match = difflib.SequenceMatcher(None, mine, theirs, autojunk=False).ratio()
    shutil.rmtree(tmp, ignore_errors=True)
    return {"keys": clerk.keys, "seconds": elapsed, "match": match, "chars": len(theirs)}


def _text(doc) -> str:
    return "\n".join(p.text for s in doc.sections for p in s.paragraphs if p.kind != "table")


def main() -> int:
    for paste in (False, True):
        r = asyncio.run(session(paste=paste))
        how = "05表 rows pasted from Excel" if paste else "everything typed"
        print(f"[{how}] keys {r['keys']} (issue 17: ~590 before; target ≤ 295); "
              f"scripted time {r['seconds']:.1f} s; text match with the sample {r['match'] * 100:.1f}% "
              f"of {r['chars']} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
