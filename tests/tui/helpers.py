"""Helpers for driving the editor in Pilot tests."""
from __future__ import annotations


async def settle(pilot, app) -> None:
    """Let the throttled preview render, the checks (they start 0.3 s after the first render)
    and the paint finish."""
    for _ in range(5):
        await pilot.pause(0.15)
        await _workers_done(app)
    for _ in range(40):  # under load the checks' timer can fire late
        screen = app.screen
        checked = getattr(screen, "checked_revision", None)
        if checked is None or checked == screen.session.revision:
            break
        await pilot.pause(0.1)
        await _workers_done(app)
    await pilot.pause()


async def _workers_done(app) -> None:
    """Wait for the app's workers, except DirectoryTree's loader: it runs as long as a folder tree
    is on screen (open / save-as dialogs), so waiting for it would never return."""
    workers = [w for w in app.workers if w.group != "_loader"]
    if workers:  # an empty list would mean "all of them" to wait_for_complete
        await app.workers.wait_for_complete(workers)


async def goto(pilot, app, key: str) -> None:
    from tui.widgets.outline import Outline
    outline = app.screen.query_one(Outline)
    index = next(i for i in range(outline.option_count) if outline.get_option_at_index(i).id == key)
    outline.highlighted = index
    await settle(pilot, app)


def field(app, path: str):
    from tui.widgets.money_input import FieldInput
    return next(w for w in app.screen.query(FieldInput) if w.path == path)


def note(app, path: str):
    from tui.widgets.section_form import NoteArea
    return next(w for w in app.screen.query(NoteArea) if w.path == path)


async def retype(pilot, app, widget, text: str) -> None:
    """Clear a field and type ``text`` key by key, as the clerk would."""
    widget.focus()
    await pilot.pause()
    widget.value = ""
    await pilot.pause()
    for ch in text:
        await pilot.press(ch)
    await settle(pilot, app)


def preview_text(app) -> str:
    from tui.widgets.preview import Preview
    return app.screen.query_one(Preview).text()
