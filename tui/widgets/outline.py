"""The document's outline: the style's sections, then the data pages; each marked with its
missing inputs and findings."""
from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option


class Outline(OptionList):
    DEFAULT_CSS = """
    Outline { width: 30; height: 1fr; border: round $primary; }
    """

    def load(self, entries) -> None:
        keep = self.highlighted
        self.clear_options()
        self.entries = list(entries)
        first_page = True
        for e in self.entries:
            if e.kind == "page" and first_page:
                self.add_option(None)  # a separator between the text and the data pages
                first_page = False
            mark = ""
            if e.findings:
                mark += f" ⚠{e.findings}"
            if e.missing:
                mark += f" 缺{e.missing}"
            self.add_option(Option(e.label + mark, id=e.key))
        if keep is not None:
            self.highlighted = min(keep, self.option_count - 1)
