"""The fields of one section: each figure the text states with its 本年/上年/年初预算 inputs and
the computed 变动额/变动率/占比/完成率 beside them (from the core, read-only), then the clerk's
explanations as multi-line areas.  ``load(form, session)`` builds it; ``refresh_values`` updates
the computed parts after a change without touching what has focus."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Label, Static, TextArea

from .money_input import FieldInput
from .note_wrap import CJKWrapMixin


class NoteArea(CJKWrapMixin, TextArea):
    """A reason box: soft-wrapped where Chinese text may break (never inside "24.07万元")."""

    DEFAULT_CSS = """
    /* as tall as its text (up to 10 rows): a reason of four lines was seen two at a time */
    NoteArea { height: auto; min-height: 4; max-height: 12; border: tall $panel; }
    NoteArea:focus { border: tall $accent; }
    """

    class Focused(Message):
        def __init__(self, field: "NoteArea") -> None:
            super().__init__()
            self.field = field

    def __init__(self, path: str, text: str, sources: frozenset[str], label: str = "", **kw) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", show_line_numbers=False, **kw)
        self.path = path
        self.sources = sources
        self.label = label  # what the box is for (the status line names it on focus)

    def on_focus(self) -> None:
        self.post_message(self.Focused(self))


class FigureBlock(Vertical):
    # The label has its own line and wraps (never cut to "因公出"); the computed values have
    # theirs (never cut to "占比 1"); the inputs sit in a grid whose column count follows the
    # form's width (SectionFormView.on_resize), each wide enough for 1234567890.12.
    DEFAULT_CSS = """
    FigureBlock { height: auto; margin: 0 0 1 0; }
    FigureBlock .fig-label { width: 1fr; height: auto; text-style: bold; }
    FigureBlock .fig-computed { width: 1fr; height: auto; color: $text-muted; }
    FigureBlock .fig-inputs { height: auto; layout: grid; grid-size: 3; grid-columns: 21; grid-rows: 1; }
    FigureBlock .fig-pair { height: 1; width: 21; }
    FigureBlock .fig-tag { width: 5; color: $text-muted; }
    FigureBlock .fig-fixed { width: 16; padding: 0 1; }
    FigureBlock FieldInput { width: 16; }
    FigureBlock .fig-error { color: $error; height: auto; display: none; }
    FigureBlock .fig-error.-shown { display: block; }
    """

    def __init__(self, figure, session, index: int) -> None:
        super().__init__()
        self.figure = figure
        self.session = session
        self.index = index

    def compose(self):
        f, s = self.figure, self.session
        unit = s.project.unit.entry_unit
        yield Label(f.label, classes="fig-label", markup=False)
        with Grid(classes="fig-inputs"):
            for tag, path in (("本年", f.path), ("上年", f.prior_path), ("预算", f.budget_path)):
                if path is None and tag != "本年":
                    continue
                with Horizontal(classes="fig-pair"):
                    yield Static(tag, classes="fig-tag")
                    if path is None:  # the text states a sum of other cells: show it, not editable
                        yield Static(_fixed_text(s, f.value), classes="fig-fixed", markup=False)
                        continue
                    yield FieldInput(path, s.text(path), f.sources, placeholder=_placeholder(s, f, tag, path),
                                     label=f"{f.label} {tag}")
        computed = Static(_computed_text(f), classes="fig-computed", markup=False)
        computed.display = bool(f.computed)
        yield computed
        yield Static("", classes="fig-error", markup=False)

    def update_figure(self, figure) -> None:
        self.figure = figure
        # a blank input shows what the text takes instead (a sum, the other side of a balanced
        # table): entering one figure can fill another's
        for field in self.query(FieldInput):
            tag = "本年" if field.path == figure.path else "上年" if field.path == figure.prior_path else "预算"
            field.placeholder = _placeholder(self.session, figure, tag, field.path)
        for fixed in self.query(".fig-fixed"):  # the sum follows the inputs it is made of
            fixed.update(_fixed_text(self.session, figure.value))
        computed = self.query_one(".fig-computed", Static)
        computed.update(_computed_text(figure))
        computed.display = bool(figure.computed)

    def show_error(self, message: str | None) -> None:
        err = self.query_one(".fig-error", Static)
        err.update(message or "")
        err.set_class(bool(message), "-shown")


def _placeholder(session, f, tag: str, path: str) -> str:
    """A blank input's hint: the figure the tables already give it ("＝127.80": no need to type it;
    typing overrides), else the unit to type in.  Short, so the figure shows in a 16-cell input
    (the old "未填，按合计 127.80" left only "未填，按合计 1" of it)."""
    value = {"本年": f.value, "上年": f.prior_value, "预算": f.budget_value}.get(tag)
    if session.get(path) is None and value is not None:
        return f"{GIVEN_MARK}{session.text_of_value(value)}"
    if session.get(path) is None and path in f.summed:
        return SUMMED_HINT
    return f"（{session.project.unit.entry_unit}）"


GIVEN_MARK = "＝"  # a blank input's hint: the figure the text takes (a sum, the balancing side)
SUMMED_HINT = "＝下列之和"  # a total the text sums from the rows below it in this form


def _fixed_text(session, value) -> str:
    """A 本年 the text takes as a sum of other inputs: the sum, or (none entered yet) a word
    saying it is not typed here — a blank there read as a broken input."""
    return session.text_of_value(value) if value is not None else AUTO_SUM


AUTO_SUM = "（自动合计）"


def _computed_text(f) -> "Pairs":
    return Pairs([f"{k} {v}" for k, v in f.computed])


class Pairs:
    """"变动额 -0.43  变动率 -9.39%  完成率 100.00%" broken between two pairs, never inside one
    (Rich broke at the blank in "完成率" / "100.00%")."""

    def __init__(self, items: list[str]) -> None:
        self.items = items

    def __str__(self) -> str:
        return "  ".join(self.items)

    def __rich_console__(self, console, options):
        from rich.cells import cell_len
        from rich.text import Text
        line = ""
        for item in self.items:
            if line and cell_len(f"{line}  {item}") > options.max_width:
                yield Text(line)
                line = item
            else:
                line = f"{line}  {item}" if line else item
        if line:
            yield Text(line)


class SectionFormView(VerticalScroll):
    # ↓/↑ step through the inputs one by one (Enter skips to the next figure the text waits for);
    # a reason box keeps its arrows for its lines
    BINDINGS = [Binding("down", "app.focus_next", "下一格", show=False),
                Binding("up", "app.focus_previous", "上一格", show=False)]
    DEFAULT_CSS = """
    SectionFormView { height: 1fr; padding: 0 1; }
    SectionFormView .form-title { text-style: bold; color: $accent; }
    SectionFormView .form-hint { color: $text-muted; margin: 0 0 1 0; }
    SectionFormView .note-label { margin: 1 0 0 0; }
    """

    def __init__(self, title: str, form, session, **kw) -> None:
        super().__init__(**kw)
        self.title = title
        self.form = form
        self.session = session

    def compose(self):
        yield Label(self.title, classes="form-title", markup=False)
        if not self.form.figures and not self.form.notes:
            yield Static("本节的数字来自数据页（左侧“公开01–10表”等），此处无单独的输入。",
                         classes="form-hint", markup=False)
        unit = self.session.project.unit.entry_unit
        if self.form.figures:
            yield Static(f"金额单位：{unit}；回车到下一个待填格，↓/Tab 逐格；F1 帮助",
                         classes="form-hint", markup=False)
        for i, fig in enumerate(self.form.figures):
            yield FigureBlock(fig, self.session, i)
        for note in self.form.notes:
            yield Label(note.label, classes="note-label", markup=False)
            yield NoteArea(note.path, self.session.text(note.path), note.sources, label=note.label)

    def on_mount(self) -> None:
        # the first resize can come before the figures are mounted: fit once they are laid out
        self.call_after_refresh(lambda: self.fit_inputs(self.content_region.width))

    def on_resize(self, event) -> None:
        self.fit_inputs(self.content_region.width)

    def fit_inputs(self, width: int) -> None:
        # as many 本年/上年/预算 pairs on a line as fit (21 cells each), at least one
        columns = max(1, min(3, width // 21))
        for grid in self.query(".fig-inputs"):
            if grid.styles.grid_size_columns != columns:
                grid.styles.grid_size_columns = columns
                # height: auto does not follow a change of columns by itself: say how many rows
                pairs = len(grid.children)
                grid.styles.height = -(-pairs // columns)

    def refresh_values(self, form) -> None:
        """New computed values from the core after a change (same section, same figures)."""
        self.form = form
        blocks = list(self.query(FigureBlock))
        for block, fig in zip(blocks, form.figures):
            block.update_figure(fig)

    def block_for(self, path: str) -> FigureBlock | None:
        for block in self.query(FigureBlock):
            f = block.figure
            if path in (f.path, f.prior_path, f.budget_path):
                return block
        return None
