"""A scripted clerk: enters the yangquan sample's figures and reasons into a NEW project through
the app's keys (Textual Pilot), counting every key and timing the session; then compares the
text it produced with the sample's, strictly: the same figures in the same order, and the same
text (a session that does not end with the sample's content fails).

What counts as a key: every key press (digits, Enter, Tab, arrows, F-keys, Insert, Ctrl+PgDn); a
reason or a name in Chinese is one "commit" (what an IME hands over, or a paste), counted as one
key; a block of rows pasted from Excel (Ctrl+V) is one key, plus the keys to get to the grid.
The new project starts as `juesuan new --name … --year …` makes it (the 新建 dialog is not
counted).  The clerk only reads the screen: he types a figure where the input is blank or shows
something else than his table (an input the tables already fill shows "＝X"), and
moves with the cheaper of Enter (to the next input the text waits for) and ↓/Tab (the very next).

The route: 公开05表 (typed: Insert, the 项's code, Enter — its 类/款 rows come with it, names
from the codes known — then its 小计; or the whole table pasted), 公开06表 likewise, then every
section form in outline order (Ctrl+PgDn from one to the next), then the pages the text also reads
(单位, 公开10表, 三公明细, 政府采购明细, 预算绩效).

Two variants: everything typed, and the 公开表 pasted from Excel, one paste per table: 01表 and
10表's values (matched by label), 05表's rows, 06表's 人员经费 and 公用经费 rows.

Run:  .venv/bin/python bench/clerk_session.py [--only typed|paste] [--json FILE]
"""
from __future__ import annotations

import argparse
import asyncio
import difflib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "samples" / "yangquan-legal-aid-2024.toml"
PAGES = ("单位", "公开10表", "三公明细", "政府采购明细", "预算绩效")  # values the text reads outside the forms
BEFORE = 590  # issue 17: keys a clerk needed for this content before this work
HINT = "＝"  # tui.widgets.section_form.GIVEN_MARK
DERIVED = "＝"  # narratives.pages.DERIVED_MARK


def _cents(text: str) -> Decimal | None:
    """A figure to the 分, as the published table shows it (a 类 summed from its 项 to 100.7897
    is the table's 100.79: the clerk does not retype it)."""
    try:
        return Decimal(text.replace(",", "")).quantize(Decimal("0.01"))
    except (InvalidOperation, AttributeError):
        return None


class Clerk:
    def __init__(self, pilot, app, sample) -> None:
        self.pilot, self.app, self.sample = pilot, app, sample
        self.keys: Counter[str] = Counter()  # per kind: nav, figures, rows, pass, reasons, paste
        self._derived = _sample_figures(sample)
        self._empty_tables = {k for k in (f"公开{n:02d}表" for n in range(1, 11)) if _published_empty(sample, k)}

    @property
    def total(self) -> int:
        return sum(self.keys.values())

    async def press(self, kind: str, *keys: str) -> None:
        for k in keys:
            self.keys[kind] += 1
            await self.pilot.press(k)

    async def commit(self, kind: str, text: str) -> None:
        """One paste (or an IME's commit) into what has focus, as the terminal sends it: to the app."""
        from textual import events
        self.keys[kind] += 1
        self.app.post_message(events.Paste(text))
        await self.settle()

    async def type(self, kind: str, text: str) -> None:
        """Digits and Latin key by key; Chinese as one commit."""
        if os.environ.get("CLERK_TRACE"):
            print(f"    {kind}: {getattr(self.app.focused, 'path', '') or ''} ← {text[:20]}", file=sys.stderr)
        if any("\u4e00" <= ch <= "\u9fff" for ch in text):
            await self.commit(kind, text)
            return
        for ch in text:
            await self.press(kind, ch)

    async def settle(self) -> None:
        for _ in range(3):
            await self.pilot.pause(0.02)
            await self.app.workers.wait_for_complete()

    # ------------------------------------------------------------------ moving about
    async def go(self, key: str) -> None:
        """To an outline entry: Ctrl+PgDn/PgUp step by step when that is shorter, else F9, ↓/↑, Enter."""
        from tui.widgets.outline import Outline
        screen = self.app.screen
        keys = [e.key for e in screen.entries]
        here = keys.index(screen.current) if screen.current in keys else None
        outline = screen.query_one(Outline)
        target = next(i for i in range(outline.option_count) if outline.get_option_at_index(i).id == key)
        at = outline.highlighted or 0
        last = outline.option_count - 1
        # in the outline: arrows from where it is, or Home/End first then arrows
        routes = {None: abs(target - at), "home": 1 + target, "end": 1 + last - target}
        jump = min(routes, key=routes.get)
        if here is not None and abs(keys.index(key) - here) <= 2 + routes[jump]:
            step = "ctrl+pagedown" if keys.index(key) > here else "ctrl+pageup"
            for _ in range(abs(keys.index(key) - here)):
                await self.press("nav", step)
                await self.settle()
        else:
            await self.press("nav", "f9")
            if jump:
                await self.press("nav", jump)
            while outline.highlighted != target:
                await self.press("nav", "down" if target > outline.highlighted else "up")
            await self.press("nav", "enter")
        await self.settle()
        assert screen.current == key, (screen.current, key)

    async def reach(self, widget) -> None:
        """Tab until ``widget`` has focus (a grid below the first one of a page)."""
        for _ in range(20):
            if self.app.focused is widget:
                return
            await self.press("nav", "tab")
            await self.pilot.pause()
        raise AssertionError(f"Tab never reached {widget!r}")

    # ------------------------------------------------------------------ what the clerk wants
    def want(self, path: str) -> str:
        """The sample's value of ``path`` as the clerk types it: the cells his published table
        fills (a cell it leaves blank he leaves blank too); of a table published empty (本表无数据),
        the 0 the text takes where the form asks for it."""
        from narratives.pages import cell_text
        try:
            text = cell_text(self.sample, path)
        except Exception:
            text = ""
        if not text and path.split(".")[0] in self._empty_tables:
            text = self._derived.get(path, "")
        return text

    def shown(self, field) -> str:
        """What an input shows: its value, or the figure its hint says the text takes."""
        if field.value:
            return field.value
        hint = str(field.placeholder or "")
        return hint[len(HINT):] if hint.startswith(HINT) else ""

    def todo(self, widget) -> bool:
        from tui.widgets.section_form import NoteArea
        want = self.want(widget.path)
        if not want:
            return False
        if isinstance(widget, NoteArea):
            return widget.text != want
        from tui.widgets.section_form import SUMMED_HINT
        if not widget.value and widget.placeholder == SUMMED_HINT:
            return False  # the form sums it from the rows he types below
        shown = self.shown(widget)
        same = shown == want or (_cents(want) is not None and _cents(shown) == _cents(want))
        return not same


def _sample_figures(sample) -> dict[str, str]:
    """Path → the figure the sample's text takes for it (entered, or given by its tables)."""
    from narratives import api
    from narratives.fields import section_form
    from narratives.pages import amount_text
    out: dict[str, str] = {}
    style = api.style_for(sample)
    for sec in style.settings.sections:
        for f in section_form(sample, sec.id, style).figures:
            for path, value in ((f.path, f.value), (f.prior_path, f.prior_value), (f.budget_path, f.budget_value)):
                if path and value is not None:
                    out.setdefault(path, amount_text(value, sample.unit.entry_unit))
    return out


def _published_empty(sample, key: str) -> bool:
    from narratives.paths import get_value
    try:
        data = get_value(sample, key).model_dump(exclude_none=True, exclude_defaults=True)
    except Exception:
        return False
    return not data


# ---------------------------------------------------------------------- tables
def rows_tsv(rows, columns) -> str:
    """Rows as Excel copies them: the grid's columns, tab-separated."""
    def cell(v):
        return "" if v is None else format(v, "f") if isinstance(v, Decimal) else str(v)
    return "".join("\t".join(cell(r.model_dump(by_alias=True).get(c)) for c in columns) + "\n" for r in rows)


def values_tsv(sample, grid, keep=lambda path: True) -> str:
    """A page's single values as the clerk's Excel has them: 项目 | 行次 | 金额, two groups side by
    side (01表's 收入 and 支出 sides), the labels the page's own (the app matches by label); an
    amount by 功能分类 as its 05表 row: 科目代码 | 科目名称 | 金额."""
    from narratives.pages import cell_text
    cells, coded = [], []
    for n, (row, paths) in enumerate(zip(grid.rows, grid.paths), start=1):
        path = paths[-1]
        value = cell_text(sample, path) if path and keep(path) else ""
        if not value:
            continue
        if ".功能分类." in path:
            code, _, name = path.rsplit(".", 1)[-1].partition(" ")
            coded.append(f"{code}\t{name}\t{value}\n")
        else:
            cells.append(f"{row[0].split('·')[-1]}\t{n}\t{value}")
    half = (len(cells) + 1) // 2
    left, right = cells[:half], cells[half:]
    return "".join(a + ("\t" + right[i] if i < len(right) else "") + "\n" for i, a in enumerate(left)) + "".join(coded)


# the pages pasted whole, each from the clerk's Excel tables: (page, [the paths of one table, …]);
# 上年 from last year's 01/04/05/10表, 年初预算 from this year's budget 05表
PASTED_PAGES = (
    ("公开01表", [lambda p: True]),
    ("公开10表", [lambda p: True]),
    ("上年", [lambda p: p.split(".")[1] in ("收入总计", "支出总计", "本年收入合计", "本年支出合计", "收入"),
             lambda p: p.split(".")[1] in ("财政拨款收入总计", "财政拨款支出总计"),
             lambda p: p.split(".")[1] in ("一般公共预算财政拨款支出", "功能分类", "一般公共预算财政拨款基本支出"),
             lambda p: p.split(".")[1] == "机关运行经费"]),
    ("年初预算", [lambda p: p.split(".")[1] in ("一般公共预算财政拨款支出", "功能分类")]),
)


async def paste_values(clerk: Clerk, page: str, tables) -> None:
    """A page's single values: each table copied from Excel, pasted onto the page (one key each)."""
    from tui.widgets.table_grid import GridTable
    table = next(t for t in clerk.app.screen.query(GridTable) if t.grid.kind == "fields")
    await clerk.reach(table)
    from narratives.pages import page as page_of
    sample_grid = next(g for g in page_of(clerk.sample, page) if g.kind == "fields")
    for keep in tables:
        await clerk.commit("paste", values_tsv(clerk.sample, sample_grid, keep))


def page_differs(clerk: Clerk, page: str) -> bool:
    """Whether a page still shows a value other than the clerk's tables (he knows what he entered)."""
    session = clerk.app.screen.session
    return any(path and clerk.want(path) and row[-1].lstrip(DERIVED) != clerk.want(path)
               for g in session.page(page) if g.kind == "fields"
               for row, path in zip(g.rows, (p[-1] for p in g.paths)))


async def fill_rows(clerk: Clerk, list_path: str, rows, amount: str, paste: bool, depth: int = 7) -> None:
    """One list of a table page: pasted whole, or typed row by row — Insert, the code of each
    lowest row (its 类/款 come with it), Enter, then its amount and Enter.  ``depth``: the longest
    code the text needs typed (06表: its 类 rows; the text names no 款 there)."""
    from tui.widgets.table_grid import GridTable
    screen = clerk.app.screen
    grid = next(t for t in screen.query(GridTable) if t.grid.list_path == list_path)
    await clerk.reach(grid)
    if paste:
        await clerk.commit("paste", rows_tsv(rows, [c for c in grid.grid.columns if c != "下级合计"]))
        return
    rows = [r for r in rows if len(r.code) <= depth]
    codes = [r.code for r in rows]
    for r in rows:
        if any(c != r.code and c.startswith(r.code) for c in codes):
            continue  # a 类 or 款: it comes with its first row and sums itself
        await clerk.press("rows", "insert")
        await clerk.settle()
        await clerk.type("rows", r.code)
        await clerk.press("rows", "enter")
        await clerk.settle()
        value = getattr(r, amount)
        if value is not None:
            await clerk.type("figures", format(value, "f"))
            await clerk.press("figures", "enter")
            await clerk.settle()


# ---------------------------------------------------------------------- forms
async def fill_form(clerk: Clerk) -> None:
    """The section form on screen: type what differs from the clerk's table, in form order."""
    from narratives import api
    from narratives.entry import wanted_inputs
    from tui.widgets.money_input import FieldInput
    from tui.widgets.section_form import NoteArea
    app, screen = clerk.app, clerk.app.screen
    inputs = list(screen.query("#editor-center FieldInput"))
    notes = list(screen.query("#editor-center NoteArea"))
    order = inputs + notes
    for _ in range(len(order) * 3 + 5):
        w = app.focused
        if w not in order:
            return
        if clerk.todo(w):
            if isinstance(w, NoteArea):
                await clerk.commit("reasons", clerk.want(w.path))
            else:
                await clerk.type("figures", clerk.want(w.path))
            await clerk.settle()
        here = order.index(w)
        # the next thing to type below; else one above (the form opened on its first 待填)
        target = next((x for x in order[here + 1:] if clerk.todo(x)), None) or \
            next((x for x in order[:here] if clerk.todo(x)), None)
        if target is None:
            return  # nothing more here: on to the next section
        goal = order.index(target)
        while app.focused is not target:
            w = app.focused
            here = order.index(w)
            if goal < here:
                await clerk.press("pass", "shift+tab" if isinstance(w, NoteArea) else "up")
            elif isinstance(w, NoteArea):
                await clerk.press("pass", "tab")
            else:
                # where Enter lands: the next blank input the text waits for, else the first reason box
                wanted = set(wanted_inputs(screen.session.project, screen.section_id,
                                           api.style_for(screen.session.project)))
                land = next((order.index(x) for x in inputs[here + 1:] if x.path in wanted and not x.value),
                            len(inputs) if notes else None)
                await clerk.press("pass", "enter" if land is not None and land <= goal else "down")
            await clerk.settle()
            assert app.focused is not w, f"stuck on {getattr(w, 'path', w)}"


# ---------------------------------------------------------------------- pages
async def fill_fields(clerk: Clerk, page: str) -> None:
    """The single values of a page: ↓ to each row that differs, type it, Enter (which moves down)."""
    from tui.widgets.table_grid import GridTable
    screen = clerk.app.screen
    for table in [t for t in screen.query(GridTable) if t.grid.kind == "fields"]:
        await clerk.reach(table)
        for r, paths in enumerate(table.grid.paths):
            path = paths[-1]
            want = clerk.want(path) if path else ""
            shown = table.grid.rows[r][-1].lstrip(DERIVED)  # a blank the text fills shows ＝0
            if not want or shown == want:
                continue
            while table.cursor_row < r:
                await clerk.press("nav", "down")
            await clerk.type("figures", want)
            await clerk.press("figures", "enter")
            await clerk.settle()
            assert clerk.app.focused is table, f"after {path}: focus on {clerk.app.focused!r}"


# ---------------------------------------------------------------------- the session
async def session(sample_path: Path = SAMPLE, paste: bool = False) -> dict:
    from narratives import api
    from narratives.session import Session
    from tui.app import JuesuanApp
    from tui.screens.editor import EditorScreen
    from tui.widgets.money_input import FieldInput

    sample = api.load(sample_path)
    tmp = Path(tempfile.mkdtemp())
    os.environ["XDG_STATE_HOME"] = str(tmp / "state")
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    target = tmp / "新单位.toml"
    u = sample.unit
    Session.new(target, u.name, u.year, u.kind, u.style)
    app = JuesuanApp(str(target))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(200):
                await pilot.pause(0.05)
                if isinstance(app.screen, EditorScreen) and app.screen.query(FieldInput):
                    break
            t0 = time.perf_counter()
            clerk = Clerk(pilot, app, sample)
            screen = app.screen
            # 1. the 公开表: single values pasted (01表, 10表) and the tables of rows
            if paste:
                for page, tables in PASTED_PAGES:
                    await clerk.go(page)
                    await paste_values(clerk, page, tables)
            await clerk.go("公开05表")
            await fill_rows(clerk, "公开05表.行", sample.t05.rows, "total", paste)
            await clerk.go("公开06表")
            await fill_rows(clerk, "公开06表.人员经费", sample.t06.personnel, "amount", paste, depth=3)
            await fill_rows(clerk, "公开06表.公用经费", sample.t06.public, "amount", paste, depth=3)
            _trace("tables", clerk)
            # 2. every section form, in outline order
            for entry in [e for e in screen.entries if e.kind == "section"]:
                await clerk.go(entry.key)
                await fill_form(clerk)
                _trace(entry.key, clerk)
            # 3. the single values the text reads on pages
            for page in PAGES:
                if not page_differs(clerk, page):
                    continue  # all in already (pasted with its table)
                await clerk.go(page)
                await fill_fields(clerk, page)
                _trace(page, clerk)
            await clerk.press("nav", "ctrl+s")
            await clerk.settle()
            elapsed = time.perf_counter() - t0
            made = screen.session.project
        mine, theirs = _text(api.render(made)), _text(api.render(sample))
        return {"keys": clerk.total, "by_kind": dict(clerk.keys), "seconds": elapsed,
                "same_figures": _figures(mine) == _figures(theirs), "same_text": mine == theirs,
                "match": difflib.SequenceMatcher(None, mine, theirs, autojunk=False).ratio(),
                "diff": "\n".join(difflib.unified_diff(theirs.splitlines(), mine.splitlines(), "sample", "clerk",
                                                       lineterm="", n=0)),
                "chars": len(theirs)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _trace(where: str, clerk: Clerk) -> None:
    if os.environ.get("CLERK_TRACE"):
        print(f"  after {where}: {clerk.total} keys {dict(clerk.keys)}", file=sys.stderr)


def _text(doc) -> str:
    return "\n".join(p.text for s in doc.sections for p in s.paragraphs if p.kind != "table")


def _figures(text: str) -> list[str]:
    """Every number of the text in order (amounts, rates, counts, years)."""
    return re.findall(r"\d+(?:\.\d+)?", text)


def run(paste: bool) -> dict:
    return asyncio.run(session(paste=paste))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="scripted clerk session: keystrokes for the yangquan sample")
    ap.add_argument("--only", choices=("typed", "paste"))
    ap.add_argument("--json", help="write the results here")
    args = ap.parse_args(argv)
    results, ok = {}, True
    for name in ("typed", "paste"):
        if args.only and args.only != name:
            continue
        r = run(paste=name == "paste")
        results[name] = {k: v for k, v in r.items() if k != "diff"}
        how = "公开表 rows pasted from Excel" if name == "paste" else "everything typed"
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(r["by_kind"].items(), key=lambda kv: -kv[1]))
        print(f"[{how}] keys {r['keys']} (before: ~{BEFORE}; target ≤ {BEFORE // 2}) — {kinds}; "
              f"scripted time {r['seconds']:.1f} s; same figures: {'yes' if r['same_figures'] else 'NO'}, "
              f"same text: {'yes' if r['same_text'] else 'NO'} ({r['match'] * 100:.1f}% of {r['chars']} characters)")
        if not (r["same_figures"] and r["same_text"]):
            ok = False
            print(r["diff"])
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
