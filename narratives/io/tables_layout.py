"""Where the 公开01–10表 sit in a worksheet: titles, numbers, the header band, column labels.

A sheet is a grid of cell texts (row 0 = Excel row 1, column 0 = column A), merged cells already
filled in.  One sheet may hold one table or several stacked one under the other; a table starts
at its title (收入支出决算总表 …) or its number (公开01表), whichever comes first, and runs to the
next table's start.  Layout knowledge only — the figures are read in ``table_readers``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

TITLES = {
    1: "收入支出决算总表",
    2: "收入决算表",
    3: "支出决算表",
    4: "财政拨款收入支出决算总表",
    5: "一般公共预算财政拨款支出决算表",
    6: "一般公共预算财政拨款基本支出决算明细表",
    7: "政府性基金预算财政拨款收入支出决算表",
    8: "国有资本经营预算财政拨款支出决算表",
    9: "财政拨款三公经费支出决算表",
    10: "部门决算公开相关信息统计表",
}
# 山东 calls the 10表 单位决算…; some exports write 部门决算相关信息统计表
_TITLE_VARIANTS = {10: ("单位决算公开相关信息统计表", "部门决算相关信息统计表", "单位决算相关信息统计表")}

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans("", "", "“”\"'‘’「」")
_NUMBER = re.compile(r"^(?:附表)?公开(\d{1,2})表$")  # "公开02\n表" keys to 公开02表
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(][一二三四五六七八九十\d]+[)]、?|\d+[.、]|其中[:：]?)")
CODE = re.compile(r"^(\d{3}(?:\d{2}){0,2})$")
JOINED = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?:\s+|(?=[^\d\s]))(.+)$")
_JOINED_RAW = {False: re.compile(r"^([0-9０-９]{3}(?:[0-9０-９]{2}){0,2})\s*(\S.*)$", re.S),
               True: re.compile(r"^([0-9０-９]{3}(?:[0-9０-９]{2})?)\s*(\S.*)$", re.S)}


def split_joined(raw: str, econ: bool = False) -> tuple[str, str] | None:
    """"2040601 行政运行" → ("2040601", "行政运行"); the name keeps its own characters
    (政府办公厅（室）stays full-width), only the code is normalised."""
    m = _JOINED_RAW[econ].match(raw.strip())
    if not m:
        return None
    name = _SPACE.sub("", m.group(2))
    if not name or name[0].isdigit() or unicodedata.normalize("NFKC", name[0]).isdigit():
        return None  # more digits: not a code followed by a name
    return unicodedata.normalize("NFKC", m.group(1)), name


def key(text: str) -> str:
    """Compare labels by this: NFKC (full-width → ASCII), no whitespace, no quotes."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_QUOTES)


def label(text: str) -> str:
    """A row label without its enumeration: "一、一般公共预算财政拨款收入" → key of the rest."""
    k = key(text)
    stripped = _ENUM.sub("", k)
    return stripped or k


def col_name(col: int) -> str:
    name = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return name


def cell_ref(row: int, col: int) -> str:
    return f"{col_name(col)}{row + 1}"


@dataclass
class Sheet:
    name: str
    rows: list[list[str]]

    def cell(self, r: int, c: int) -> str:
        row = self.rows[r] if 0 <= r < len(self.rows) else ()
        return row[c] if 0 <= c < len(row) else ""

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Region:
    """One table's rows [start, end) on a sheet."""

    number: int
    sheet: Sheet
    start: int
    end: int
    unit: str = "万元"
    unit_name: str = ""
    year: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def tag(self) -> str:
        return f"公开{self.number:02d}表"


def title_number(text: str) -> int | None:
    if "表" not in text and "公开" not in text:  # every title ends in 表: a cheap first test
        return None
    k = key(text)
    if not k or len(k) > 60 or k.startswith(("注", "说明")):
        return None
    m = _NUMBER.match(k)
    if m and 1 <= int(m.group(1)) <= 10:
        return int(m.group(1))
    # the longest title the cell ends with ("2024年度收入支出决算总表"); 支出决算表 is a suffix of
    # 一般公共预算财政拨款支出决算表, so the longest match wins
    best = None
    for n, title in TITLES.items():
        for t in (title, *_TITLE_VARIANTS.get(n, ())):
            if k.endswith(t) and (best is None or len(t) > best[1]):
                prefix = k[: -len(t)]
                # a title may carry the unit and year in front, never other words of a sentence
                if len(prefix) <= 30 and "反映" not in prefix:
                    best = (n, len(t))
    return best[0] if best else None


def find_tables(sheet: Sheet) -> list[Region]:
    """Each table's region on the sheet, top to bottom.  A title and a number within a few rows
    of each other name the same table."""
    anchors: list[tuple[int, int]] = []  # (row, number)
    for r, row in enumerate(sheet.rows):
        for text in row:
            if not text:
                continue
            n = title_number(text)
            if n is None:
                continue
            if anchors and anchors[-1][1] == n and r - anchors[-1][0] <= 6:
                break
            anchors.append((r, n))
            break
    if not anchors:
        # no title inside: a sheet named after its table ("公开05表", "支出决算表") holds it
        n = title_number(sheet.name)
        return [Region(n, sheet, 0, len(sheet.rows))] if n else []
    regions = []
    for i, (r, n) in enumerate(anchors):
        end = anchors[i + 1][0] if i + 1 < len(anchors) else len(sheet.rows)
        regions.append(Region(n, sheet, r, end))
    return regions


# ------------------------------------------------------------------ the lines above the header
_NAME = re.compile(r"(?:部门名称|单位名称|编制单位|填报单位|部门|单位)[:：]\s*(.+?)\s*(?=\d{4}\s*年|金额单位|单位[:：]|$)")
# "金额单位：元", "（单位：万元）"; not "单位：元宝山区…" (a unit's name)
_MONEY_UNIT = re.compile(r"(?:金额)?单位[:：]\s*(万元|元)(?![\u4e00-\u9fff\w])")
_YEAR = re.compile(r"(\d{4})\s*年度?")


def read_meta(region: Region, before: int) -> None:
    """部门名称, 年度 and 金额单位 from the rows between the title and the header band."""
    sheet = region.sheet
    for r in range(region.start, before):
        for text in sheet.rows[r]:
            if not text:
                continue
            flat = unicodedata.normalize("NFKC", text).replace("\n", " ")
            m = _MONEY_UNIT.search(flat)
            if m:
                region.unit = m.group(1)
            m = _NAME.search(text.replace("\n", " "))  # the name as written: （本级） stays full-width
            if m and m.group(1) not in ("万元", "元") and not region.unit_name:
                name = m.group(1).strip()
                if not _MONEY_UNIT.match("单位：" + name):
                    region.unit_name = name
            m = _YEAR.search(flat)
            if m and region.year is None and 2000 <= int(m.group(1)) <= 2100:
                region.year = int(m.group(1))


# ------------------------------------------------------------------ the header band
def is_lanci(row: list[str]) -> bool:
    """The 栏次 row: "栏次 | | 1 | 2 …" or just the column numbers 1, 2, 3 …"""
    cells = [key(c) for c in row if c.strip()]
    if not cells:
        return False
    if cells[0] == "栏次":
        return True
    if len(cells) >= 2 and all(c.isdigit() for c in cells):
        nums = [int(c) for c in cells]
        return nums[0] == 1 and all(b == a + 1 for a, b in zip(nums, nums[1:]))
    return False


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[-(]?[\d,.]+\)?", key(text))) and any(ch.isdigit() for ch in text)


@dataclass
class Header:
    """The header band: rows [top, bottom) and each column's labels."""

    top: int
    bottom: int          # first data row
    leaf: list[str]      # the lowest label of each column (keyed)
    groups: list[list[str]]  # per band row, each column's label propagated from the left

    def group(self, col: int, level: int = 0) -> str:
        rows = self.groups
        if level < len(rows) and col < len(rows[level]):
            return rows[level][col]
        return ""


def find_header(region: Region, vocabulary: set[str]) -> Header | None:
    """The band of header rows: from the first row holding one of ``vocabulary`` down to the 栏次
    row, or to the last row that holds labels only (no figures)."""
    sheet = region.sheet
    top = None
    for r in range(region.start, region.end):  # the title row itself never equals a column name
        if any(key(c) in vocabulary for c in sheet.rows[r]):
            top = r
            break
    if top is None:
        return None
    bottom = top + 1
    lanci = None
    while bottom < region.end and bottom - top < 8:
        row = sheet.rows[bottom]
        if is_lanci(row):
            lanci = bottom
            bottom += 1
            break
        cells = [c for c in row if c.strip()]
        if cells and ("无数据" in key(cells[0]) or key(cells[0]).startswith(("注:", "注：", "说明"))):
            break  # the table ends here ("本表无数据", a note)
        if cells and (any(_numeric(c) for c in cells) or any(CODE.match(key(c)) or JOINED.match(key(c))
                                                                 for c in cells)):
            break
        if cells and not any(key(c) in vocabulary or len(key(c)) <= 12 for c in cells):
            break
        if cells and any(key(c) in ("合计", "总计", "合  计") for c in cells[:2]) and \
                not any(key(c) in vocabulary - {"合计"} for c in cells):
            break
        bottom += 1
    width = sheet.width
    band = [r for r in range(top, bottom) if r != lanci]
    leaf = [""] * width
    for c in range(width):
        for r in band:
            t = key(sheet.cell(r, c))
            if t:
                leaf[c] = t
    groups = []
    for r in band:
        line, last = [], ""
        for c in range(width):
            t = key(sheet.cell(r, c))
            last = t or last
            line.append(last)
        groups.append(line)
    return Header(top, bottom, leaf, groups)
