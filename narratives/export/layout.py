"""What an exported file holds, before it is Word or Markdown: a list of blocks.

The 第三部分 comes from the renderer's neutral document; the rest of the whole disclosure (概况,
the tables, 名词解释, 附件) is laid out here as plain data, so the docx and the Markdown writers
show the same thing.  Header cells span columns and rows like HTML table cells.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..render.document import Document


@dataclass
class Cell:
    text: str = ""
    cols: int = 1
    rows: int = 1
    align: str | None = None  # "left" | "center" | "right"; None: the writer decides
    bold: bool = False


def as_cell(c: "Cell | str") -> Cell:
    return c if isinstance(c, Cell) else Cell(c)


@dataclass
class Table:
    header: list[list[Cell | str]]
    body: list[list[Cell | str]]
    widths: list[float] | None = None  # relative column widths
    repeat_header: bool = True  # repeat the header rows on each page the table runs onto

    def placed(self) -> tuple[int, int, list[tuple[int, int, Cell, bool]]]:
        """Resolve spans: (rows, cols, [(row, col, cell, is_header)]), like an HTML table.  Worked
        out once: export measures and writes a table several times, and does not change it."""
        key = (id(self.header), id(self.body), len(self.header), len(self.body))
        cached = self.__dict__.get("_placed")
        if cached is not None and cached[0] == key:
            return cached[1]
        result = self._place()
        self.__dict__["_placed"] = (key, result)
        return result

    def _place(self) -> tuple[int, int, list[tuple[int, int, Cell, bool]]]:
        taken: set[tuple[int, int]] = set()
        out: list[tuple[int, int, Cell, bool]] = []
        rows = self.header + self.body
        ncols = 0
        for r, row in enumerate(rows):
            c = 0
            for raw in row:
                cell = as_cell(raw)
                while (r, c) in taken:
                    c += 1
                out.append((r, c, cell, r < len(self.header)))
                for dr in range(cell.rows):
                    for dc in range(cell.cols):
                        taken.add((r + dr, c + dc))
                c += cell.cols
                ncols = max(ncols, c)
        ncols = max([ncols] + [c + 1 for _, c in taken])
        nrows = max([len(rows)] + [r + 1 for r, _ in taken])
        return nrows, ncols, out

    def grid(self) -> list[list[str]]:
        """Every position's text (a spanned cell's text in its first position only)."""
        nrows, ncols, placed = self.placed()
        g = [[""] * ncols for _ in range(nrows)]
        for r, c, cell, _ in placed:
            g[r][c] = cell.text
        return g

    def column_labels(self) -> list[str]:
        """One label per column: the header texts above it joined, for a flat (Markdown) header."""
        nrows, ncols, placed = self.placed()
        labels: list[list[str]] = [[] for _ in range(ncols)]
        for r, c, cell, is_header in placed:
            # the 栏次 row (栏次, 1, 2, …) numbers the columns; it is not part of their names
            if not is_header or not cell.text or cell.text == "栏次" or cell.text.isdigit():
                continue
            for dc in range(cell.cols):
                if cell.text not in labels[c + dc]:
                    labels[c + dc].append(cell.text)
        return ["·".join(x) for x in labels]


@dataclass
class Title:
    text: str


@dataclass
class Cover:
    """The title page of the whole disclosure, its own section without a page number; the
    text's line breaks ("\\n") are where the title breaks (never mid-phrase); ``foot`` the 落款 low on
    the page (the unit's name and the month of publication), one line per "\\n"."""
    text: str
    foot: str = ""

    @property
    def lines(self) -> list[str]:
        return [x.strip() for x in self.text.split("\n") if x.strip()]

    @property
    def foot_lines(self) -> list[str]:
        return [x.strip() for x in self.foot.split("\n") if x.strip()]


@dataclass
class Toc:
    """目录: a Word TOC field over the outline-levelled titles that follow (parts, sections,
    tables), filled at export with estimated page numbers; Word updates it on opening."""
    title: str = "目录"
    levels: int = 2


@dataclass
class PartHeading:
    """第一部分 …: a new page, centred, outline level 1 (numbering starts at 1 on the first)."""
    text: str


@dataclass
class Heading:
    text: str
    level: int = 1  # 1: 一、  2: （一）


@dataclass
class Para:
    text: str
    centre: bool = False
    right: bool = False
    indent: bool = True


@dataclass
class TableBlock:
    number: str  # 公开01表
    title: str
    unit_line: tuple[str, str, str]  # left, middle, right: 部门名称, 年度, 金额单位
    table: Table
    notes: list[str] = field(default_factory=list)
    empty: str = ""  # the sentence printed instead of the notes when the table holds no figure
    landscape: bool | None = None  # None: landscape only where portrait cannot hold the table
    outline: bool = True  # the title goes into the 目录
    toc_title: str = ""  # how the 目录 lists it when not as the title ("一、收入支出决算总表")
    new_page: bool = True  # starts a page (the tables of 第二部分); False: follows on (附件)
    label_first: bool = False  # the number ("附件1") above the title at the left in 黑体, not small at the right
    keep_whole: bool = False  # kept on one page when it fits one (a form read as one piece)


@dataclass
class Part3:
    """The rendered 第三部分 (with the chart images, where made)."""
    document: Document
    charts: dict[str, bytes] = field(default_factory=dict)
    with_title: bool = True
    whole: bool = False  # a part of the whole disclosure: its title is a part title (new page, 目录)
    alts: dict[str, str] = field(default_factory=dict)  # each chart's alt text (what it shows, in words)


Block = Cover | Toc | Title | PartHeading | Heading | Para | TableBlock | Part3
