"""Read the figures of each 公开表 region into the project file's shape (Chinese keys).

Columns are found by their header labels, never by position, so a leading empty column, a
missing 行次 column or code and name joined in one column ("2040601 行政运行") all read the same.
Amounts go through ``money.parse_amount`` with the table's 金额单位 (元 → 万元, exact); a cell that
is not an amount is recorded with its address and reading goes on, so the clerk sees every bad
cell at once.

Zeros: rows (02/03/05/06/07/08表) are kept as printed, 0.00 included, blank or "——" rows are not;
the keyed items of 01/04表 (收入 by source, 支出 by 类) and 10表's 车辆 list only what is there,
since every key listed becomes a line of the narrative ("…收入0万元").
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable

from ..money import AmountError, parse_amount, parse_count
from ..model.tables import CLASS_ROWS_2024, FUNDS, INCOME_SOURCES, SANGONG_ITEMS, VEHICLE_KINDS
from .tables_layout import CODE, Header, split_joined, Region, cell_ref, find_header, key, label, read_meta


class Reader:
    """Reads cells of one region, collecting errors and notes with their addresses."""

    def __init__(self, region: Region, errors: list[str], notes: list[str]):
        self.region = region
        self.sheet = region.sheet
        self.errors = errors
        self.notes = notes

    def where(self, r: int, c: int | None = None) -> str:
        sheet = self.sheet.name
        head = self.region.tag if key(sheet) == self.region.tag else f"工作表“{sheet}”{self.region.tag}"
        return f"{head} {cell_ref(r, c)}" if c is not None else f"{head} 第{r + 1}行"

    def error(self, r: int, c: int | None, msg: str) -> None:
        self.errors.append(f"{self.where(r, c)}：{msg}")

    def note(self, r: int, c: int | None, msg: str) -> None:
        self.notes.append(f"{self.where(r, c)}：{msg}")

    def text(self, r: int, c: int | None) -> str:
        return self.sheet.cell(r, c) if c is not None else ""

    def amount(self, r: int, c: int | None) -> Decimal | None:
        if c is None:
            return None
        raw = self.sheet.cell(r, c)
        if raw[:1] in _MARKED and raw and _not_a_value(raw):  # "#DIV/0!", "=SUM(…)"
            self.error(r, c, _not_a_value(raw))
            return None
        try:
            return parse_amount(raw, unit=self.region.unit)
        except AmountError as exc:
            self.error(r, c, _expected(str(exc), "金额"))
            return None

    def count(self, r: int, c: int | None) -> int | None:
        if c is None:
            return None
        raw = self.sheet.cell(r, c)
        if raw[:1] in _MARKED and raw and _not_a_value(raw):
            self.error(r, c, _not_a_value(raw))
            return None
        try:
            return parse_count(raw)
        except AmountError as exc:
            self.error(r, c, _expected(str(exc), "数量"))
            return None

    def header(self, vocabulary) -> Header | None:
        """The header band; ``vocabulary`` in order of importance (the first few are named in
        the message when no header is found)."""
        names = list(dict.fromkeys(vocabulary))
        h = find_header(self.region, {key(v) for v in names})
        read_meta(self.region, h.top if h else min(self.region.end, self.region.start + 6))
        if h is None:
            self.errors.append(f"{self.where(self.region.start)}：找不到表头"
                               f"（应有“{'”“'.join(names[:4])}”等列名）")
        return h

    def data_rows(self, h: Header):
        """Row numbers below the header, up to the table's 注/说明 line."""
        for r in range(h.bottom, self.region.end):
            cells = [c for c in self.sheet.rows[r] if c.strip()]
            if not cells:
                continue
            first = key(cells[0])
            if first.startswith(("注:", "注：", "说明:", "说明：", "注1", "备注")) or \
                    (first.startswith("注") and len(first) > 8):
                break
            if "无数据" in first or first in ("空表", "本表为空表"):
                break  # "本表无数据", often merged over the whole body
            yield r


_MARKED = ("#", "=")
_EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#REF!", "#NAME?", "#NULL!", "#NUM!", "#VALUE!", "#SPILL!", "#CALC!",
                 "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!")


def _not_a_value(raw: str) -> str:
    """Why a cell holds no figure although it is not blank: an Excel error value, or a formula
    whose result the file does not hold (the workbook reader marks both); "" otherwise."""
    if raw.startswith("#") and raw.upper() in _EXCEL_ERRORS:
        return f"{raw}（Excel 公式出错，不是数字；请在 Excel 中改正该单元格后重新导入）"
    if raw.startswith("=") and len(raw) > 1:
        return (f"公式 {raw} 没有保存计算结果（文件由程序生成或未重新计算）；"
                "请在 Excel 中打开、保存后重新导入")
    return ""


def _expected(msg: str, what: str) -> str:
    # money's message already says what was expected ("不是金额（应为数字，如 1,289.23）")
    return msg if what in msg else f"{msg}（应为{what}）"


def _name(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _nonzero(value: Decimal | None) -> bool:
    return value is not None and value != 0


# ------------------------------------------------------------------ 01 / 04: two-sided tables
def _blocks(h: Header, width: int) -> list[tuple[int, int]]:
    """Column ranges of the 收入 side and the 支出 side."""
    top = h.groups[0] if h.groups else []
    starts = []
    for side in ("收入", "支出"):
        col = next((c for c in range(width) if key(top[c] if c < len(top) else "").startswith(side)
                    and (c == 0 or top[c - 1] != top[c])), None)
        starts.append(col)
    if None in starts or starts[0] >= starts[1]:
        items = [c for c in range(width) if h.leaf[c] in ("项目", "项 目")]
        if len(items) < 2:
            return []
        starts = items[:2]
    return [(starts[0], starts[1]), (starts[1], width)]


def _side(h: Header, lo: int, hi: int, amount_labels: tuple[str, ...]) -> tuple[int, dict[str, int]]:
    label_col = next((c for c in range(lo, hi) if h.leaf[c] == "项目"), lo)
    cols = {}
    for c in range(lo, hi):
        if c != label_col and h.leaf[c] in amount_labels and h.leaf[c] not in cols:
            cols[h.leaf[c]] = c
    if not cols:  # no 金额 label: the last column of the side that is not 行次
        rest = [c for c in range(label_col + 1, hi) if h.leaf[c] not in ("行次", "栏次")]
        if rest:
            cols[amount_labels[0]] = rest[-1]
    return label_col, cols


def _entries(rd: Reader, h: Header, label_col: int, cols: dict[str, int]):
    """(row, label, {column label: amount}) of one side; a label wrapped onto the next row with
    no figures and no 行次 is joined to the row above."""
    out: list[list[Any]] = []
    lanes = [c for c in range(label_col + 1, (max(cols.values()) if cols else label_col) + 1)
             if h.leaf[c] == "行次"]
    for r in rd.data_rows(h):
        text = rd.text(r, label_col)
        values = {name: rd.amount(r, c) for name, c in cols.items()}
        has_line = any(rd.text(r, c).strip() for c in lanes)
        if text.strip() and not has_line and all(v is None for v in values.values()) and out \
                and not _known(label(text)):
            prev = out[-1][1]
            joined = prev + _name(text)
            # join a fragment ("使用非财政拨款结余（含专用" + "结余）"), never glue a 其中 line
            # onto a complete label, which would then no longer be recognised
            if not _known(label(prev)) or _known(label(joined)):
                out[-1][1] = joined
                continue
        out.append([r, _name(text), values])
    return out


_SPECIAL = ("本年收入合计", "本年支出合计", "使用非财政拨款结余", "年初结转和结余", "结余分配",
            "年末结转和结余", "总计", "收入总计", "支出总计", "年初财政拨款结转和结余",
            "年末财政拨款结转和结余")


def _known(lbl: str) -> bool:
    return lbl.startswith(_SPECIAL) or lbl in _INCOME or lbl in _FUNDS or lbl in _CLASSES


_INCOME = {label(k): k for k in INCOME_SOURCES}
_INCOME.update({label(k)[:-2]: k for k in INCOME_SOURCES[:3]})  # "一般公共预算财政拨款" without 收入
_FUNDS = {label(k): k for k in FUNDS}
_FUNDS.update({label(k) + "收入": k for k in FUNDS})
_CLASSES = {label(k): k for k in CLASS_ROWS_2024}


def _two_sided(rd: Reader, vocabulary: list[str]):
    """The header and the 收入 / 支出 column ranges of 01/04表, or None (the error recorded)."""
    h = rd.header(vocabulary)
    if h is None:
        return None
    blocks = _blocks(h, rd.sheet.width)
    if len(blocks) != 2:
        rd.error(h.top, None, "找不到“收入”“支出”两栏（应为 项目 | 行次 | 金额，左收右支）")
        return None
    return h, blocks


def read_t01(rd: Reader) -> dict:
    found = _two_sided(rd, ["项目", "行次", "金额", "收入", "支出", "栏次"])
    if found is None:
        return {}
    h, blocks = found
    amounts = ("金额", "决算数", "本年数", "合计")
    out: dict[str, Any] = {"收入": {}, "支出": {}}
    (lo, hi), (lo2, hi2) = blocks
    lc, cols = _side(h, lo, hi, amounts)
    for r, lbl, values in _entries(rd, h, lc, cols):
        v = next(iter(values.values()), None)
        k = label(lbl)
        if k in _INCOME:
            if _nonzero(v):
                out["收入"][_INCOME[k]] = v
        elif k == "本年收入合计":
            out["本年收入合计"] = v
        elif k.startswith("使用非财政拨款结余"):
            out["使用非财政拨款结余"] = v
        elif k == "年初结转和结余":
            out["年初结转和结余"] = v
        elif k in ("总计", "收入总计"):
            out["收入总计"] = v
        elif v is not None:
            _unknown(rd, r, lc, lbl, v)
    lc, cols = _side(h, lo2, hi2, amounts)
    for r, lbl, values in _entries(rd, h, lc, cols):
        v = next(iter(values.values()), None)
        k = label(lbl)
        if k == "本年支出合计":
            out["本年支出合计"] = v
        elif k == "结余分配":
            out["结余分配"] = v
        elif k == "年末结转和结余":
            out["年末结转和结余"] = v
        elif k in ("总计", "支出总计"):
            out["支出总计"] = v
        elif k.endswith("支出") or k in _CLASSES:
            if _nonzero(v):
                out["支出"][_CLASSES.get(k, k)] = v
        elif v is not None:
            _unknown(rd, r, lc, lbl, v)
    return out


def _unknown(rd: Reader, r: int, c: int, lbl: str, v) -> None:
    if lbl:
        rd.note(r, c, f"未识别的项目“{lbl}”（{v}），已忽略")
    else:
        rd.error(r, c, f"有金额（{v}）但没有项目名称")


_FUND_COLS = ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")


def read_t04(rd: Reader) -> dict:
    found = _two_sided(rd, ["项目", "行次", "金额", "一般公共预算财政拨款", "收入", "支出", "栏次"])
    if found is None:
        return {}
    h, blocks = found
    out: dict[str, Any] = {"收入": {}, "支出": {}}
    (lo, hi), (lo2, hi2) = blocks
    lc, cols = _side(h, lo, hi, ("金额", "决算数", "合计"))
    opening: dict[str, Any] = {}
    state = "income"
    for r, lbl, values in _entries(rd, h, lc, cols):
        v = next(iter(values.values()), None)
        k = label(lbl)
        if k in _FUNDS:
            if state == "income":
                if _nonzero(v):
                    out["收入"][_FUNDS[k]] = v
            elif v is not None:
                opening[_FUNDS[k]] = v
        elif k == "本年收入合计":
            out["本年收入合计"] = v
        elif k.startswith("年初财政拨款结转和结余") or k == "年初结转和结余":
            state = "opening"
            opening["合计"] = v
        elif k in ("总计", "收入总计"):
            out["收入总计"] = v
        elif v is not None:
            _unknown(rd, r, lc, lbl, v)
    out["年初财政拨款结转和结余"] = opening
    lc, cols = _side(h, lo2, hi2, _FUND_COLS)
    if set(cols) - set(_FUND_COLS):  # a single 金额 column: it is the 合计
        cols = {"合计": next(iter(cols.values()))}
    for r, lbl, values in _entries(rd, h, lc, cols):
        split = {name: v for name, v in values.items() if v is not None}
        k = label(lbl)
        if k == "本年支出合计":
            out["本年支出合计"] = split
        elif k.startswith("年末财政拨款结转和结余") or k == "年末结转和结余":
            out["年末财政拨款结转和结余"] = split
        elif k in ("总计", "支出总计"):
            out["支出总计"] = split
        elif k.endswith("支出") or k in _CLASSES:
            if any(_nonzero(v) for v in split.values()):
                out["支出"][_CLASSES.get(k, k)] = split
        elif split:
            _unknown(rd, r, lc, lbl, next(iter(split.values())))
    return out


# ------------------------------------------------------------------ 02 03 05 07 08: 功能分类 rows
_CODE_COLS = ("科目代码", "科目编码", "功能分类科目编码", "功能分类科目代码", "代码", "编码")
_NAME_COLS = ("科目名称", "功能分类科目名称", "名称")
_JOINED_COLS = ("项目", "科目", "功能分类科目", "科目名称", "功能分类科目名称")

FUNC_COLUMNS = {
    2: {"本年收入合计": "本年收入合计", "财政拨款收入": "财政拨款收入", "上级补助收入": "上级补助收入",
        "事业收入": "事业收入", "经营收入": "经营收入", "附属单位上缴收入": "附属单位上缴收入",
        "其他收入": "其他收入"},
    3: {"本年支出合计": "本年支出合计", "基本支出": "基本支出", "项目支出": "项目支出",
        "上缴上级支出": "上缴上级支出", "经营支出": "经营支出", "对附属单位补助支出": "对附属单位补助支出"},
    5: {"小计": "小计", "合计": "小计", "本年支出": "小计", "基本支出": "基本支出", "项目支出": "项目支出"},
    7: {"年初结转和结余": "年初结转和结余", "本年收入": "本年收入", "小计": "本年支出", "本年支出": "本年支出",
        "基本支出": "基本支出", "项目支出": "项目支出", "年末结转和结余": "年末结转和结余"},
    8: {"合计": "合计", "小计": "合计", "本年支出": "合计", "基本支出": "基本支出", "项目支出": "项目支出"},
}


def read_func_table(rd: Reader) -> dict:
    colmap = FUNC_COLUMNS[rd.region.number]
    h = rd.header(["科目代码", "科目名称", *colmap, *_CODE_COLS, "项目", "栏次"])
    if h is None:
        return {}
    width = rd.sheet.width
    code_col = next((c for c in range(width) if h.leaf[c] in _CODE_COLS), None)
    name_col = next((c for c in range(width) if h.leaf[c] in _NAME_COLS and c != code_col), None)
    if code_col is None:
        code_col = next((c for c in range(width) if h.leaf[c] in _JOINED_COLS), None)
    if code_col is None:
        code_col = 0
    cols: dict[str, int] = {}
    for c in range(width):
        alias = colmap.get(h.leaf[c])
        if alias and alias not in cols and c not in (code_col, name_col):
            cols[alias] = c
    if not cols:
        rd.error(h.top, None, f"找不到金额列（应有“{'”“'.join(list(colmap)[:3])}”等列名）")
        return {}
    # 科目编码 in three columns 类 | 款 | 项 ("204 | 06 | 01"; a 款 or 项 row may leave 类 blank)
    parts = next(([c, c + 1, c + 2] for c in range(width - 2)
                  if (h.leaf[c], h.leaf[c + 1], h.leaf[c + 2]) == ("类", "款", "项")), None)
    if parts:
        code_col = parts[0]
        cols = {a: c for a, c in cols.items() if c not in parts}
    prefix = ["", ""]  # the 类 and 款 above
    rows: list[dict] = []
    total: dict | None = None
    for r in rd.data_rows(h):
        code_text = key(rd.text(r, code_col))
        name_text = _name(rd.text(r, name_col)) if name_col is not None else ""
        code = None
        if parts:
            code = _code_from_parts([key(rd.text(r, c)) for c in parts], prefix)
            code_text = "" if code else code_text
        if code:
            pass
        elif CODE.match(code_text):
            code = code_text
        else:
            joined = split_joined(rd.text(r, code_col)) or \
                (split_joined(name_text) if not code_text else None)
            if joined:
                code, name_text = joined
        values = {alias: rd.amount(r, c) for alias, c in cols.items()}
        values = {k: v for k, v in values.items() if v is not None}
        if code:
            rows.append({"科目代码": code, "科目名称": name_text, **values, "_row": r})
            continue
        # a label merged over 科目代码 and 科目名称 comes back in both cells
        lbl = label(code_text if code_text == key(name_text) else code_text + name_text)
        if lbl in ("合计", "总计", "本年合计"):
            total = values
        elif not lbl and values and not rows and total is None:
            total = values  # the 合计 row with its label left blank (as 山东 publishes it)
        elif lbl and not values and rows:
            rows[-1]["科目名称"] += name_text or _name(rd.text(r, code_col))  # a wrapped name
        elif values:
            rd.error(r, code_col, f"“{rd.text(r, code_col) or name_text}”不是科目代码"
                                  "（应为 3、5 或 7 位数字，如 2040601）")
    for row in rows:
        r = row.pop("_row")
        if not row["科目名称"]:
            rd.error(r, name_col if name_col is not None else code_col,
                     f"科目 {row['科目代码']} 没有科目名称")
            row["科目名称"] = row["科目代码"]
    return {"合计": total or {}, "行": rows}


def _code_from_parts(cells: list[str], prefix: list[str]) -> str | None:
    """类 | 款 | 项 cells → the full code, the blank leading parts taken from the rows above."""
    lei, kuan, xiang = cells
    if not any(cells) or not all(c.isdigit() or not c for c in cells):
        return None
    if lei:
        if len(lei) != 3:
            return None
        prefix[0], prefix[1] = lei, ""
    if kuan:
        kuan = kuan[-2:] if len(kuan) == 5 else kuan
        if len(kuan) != 2 or not prefix[0]:
            return None
        prefix[1] = kuan
    if xiang:
        xiang = xiang[-2:] if len(xiang) == 7 else xiang
        if len(xiang) != 2 or not prefix[1]:
            return None
        return prefix[0] + prefix[1] + xiang
    return prefix[0] + (prefix[1] if kuan else "")


# ------------------------------------------------------------------ 06: side-by-side blocks
_PERSONNEL_PREFIXES = ("301", "303")
_AMOUNT_COLS = ("决算数", "金额", "本年数", "合计")


def read_t06(rd: Reader) -> dict:
    h = rd.header(["科目代码", "科目名称", "决算数", "人员经费", "公用经费", "金额"])
    if h is None:
        return {}
    width = rd.sheet.width
    groups: list[tuple[int, int | None, int | None]] = []  # (code col, name col, amount col)
    c = 0
    while c < width:
        leaf = h.leaf[c]
        if leaf in _CODE_COLS or (leaf in _JOINED_COLS and not (c > 0 and h.leaf[c - 1] in _CODE_COLS)):
            name = c + 1 if c + 1 < width and h.leaf[c + 1] in _NAME_COLS and leaf in _CODE_COLS else None
            start = (name or c) + 1
            amount = next((a for a in range(start, min(width, start + 2)) if h.leaf[a] in _AMOUNT_COLS), None)
            groups.append((c, name, amount))
            c = (amount or name or c) + 1
            continue
        c += 1
    if not groups:
        rd.error(h.top, None, "找不到“科目代码 | 科目名称 | 决算数”栏")
        return {}
    kinds: list[str | None] = []
    for code_col, _, _ in groups:
        g = h.group(code_col, 0)
        # one block holding both (人员经费 and 公用经费 one under the other): sort by the 款 code
        kinds.append(None if len(groups) == 1 else
                     "人员经费" if g.startswith("人员经费") else "公用经费" if g.startswith("公用经费") else None)
    out: dict[str, Any] = {"人员经费": [], "公用经费": []}
    last: dict[int, dict | None] = {}
    per_group: list[list[tuple[str, dict]]] = [[] for _ in groups]  # block by block, as printed
    for r in rd.data_rows(h):
        for gi, (code_col, name_col, amount_col) in enumerate(groups):
            code_text = key(rd.text(r, code_col))
            name_text = _name(rd.text(r, name_col)) if name_col is not None else ""
            if code_text.endswith("合计") or name_text.endswith("合计"):
                continue
            code = None
            if re.fullmatch(r"\d{3}(\d{2})?", code_text):
                code = code_text
            else:
                joined = split_joined(rd.text(r, code_col), econ=True)
                if joined:
                    code, name_text = joined
            amount = rd.amount(r, amount_col)
            if code is None:
                row = last.get(gi)
                if (code_text or name_text) and amount is None and row is not None:
                    row["科目名称"] += name_text or code_text  # a name wrapped onto the next line
                elif _nonzero(amount) and (code_text or name_text):
                    # a zero beside a bad code (text pulled from a PDF puts names in code columns)
                    # loses nothing: only a figure that would be lost is an error
                    rd.error(r, code_col, f"“{rd.text(r, code_col)}”不是经济分类科目代码（应为 3 或 5 位数字，如 30101）")
                else:
                    last[gi] = None
                continue
            kind = kinds[gi] or ("人员经费" if code.startswith(_PERSONNEL_PREFIXES) else "公用经费")
            row = {"科目代码": code, "科目名称": name_text or code, "决算数": amount}
            last[gi] = row
            if amount is not None:  # rows printed as 0.00 are kept as printed; "——" rows are not
                per_group[gi].append((kind, row))
    for rows in per_group:
        for kind, row in rows:
            out[kind].append(row)
    # the 合计 row: a label, then its figure somewhere to the right
    for r in range(h.bottom, rd.region.end):
        line = rd.sheet.rows[r]
        for c, text in enumerate(line):
            k = key(text)
            if k in ("人员经费合计", "公用经费合计"):
                for c2 in range(c + 1, len(line)):
                    t2 = key(line[c2])
                    if t2 == k:
                        continue  # the label merged over several cells
                    if t2 in ("人员经费合计", "公用经费合计"):
                        break
                    if t2:
                        out[k] = rd.amount(r, c2)
                        break
    return out


# ------------------------------------------------------------------ 09: 三公
_SANGONG_LEAVES = {key(k): k for k in SANGONG_ITEMS}
_SANGONG_LEAVES.update({"合计": "合计", "小计": "公务用车购置及运行维护费",
                        key("公务用车购置及运行维护费"): "公务用车购置及运行维护费"})


def read_t09(rd: Reader) -> dict:
    vocab = ["预算数", "决算数", "合计", "小计", *SANGONG_ITEMS, "公务用车购置及运行维护费"]
    h = rd.header(vocab)
    if h is None:
        return {}
    width = rd.sheet.width
    # each item's columns, left to right: printed twice (预算数 then 决算数) or once
    seen: dict[str, list[int]] = {}
    for c in range(width):
        item = _SANGONG_LEAVES.get(h.leaf[c])
        if item:
            seen.setdefault(item, []).append(c)
    if not seen:
        return _t09_vertical(rd, h)

    def side_of(c: int) -> str | None:
        g = h.group(c, 0)
        return "预算数" if g.startswith("预算") else "决算数" if g.startswith("决算") else None
    cols: dict[str, dict[str, int]] = {"预算数": {}, "决算数": {}}
    for item, where in seen.items():
        if len(where) >= 2:
            # by order, not by the label above: a misplaced 决算数 label (text pulled from a PDF)
            # must not put two 合计 under 预算数; the label only says if the order is reversed
            first, second = ("决算数", "预算数") if side_of(where[0]) == "决算数" else ("预算数", "决算数")
            cols[first][item], cols[second][item] = where[0], where[1]
        else:
            cols[side_of(where[0]) or "决算数"][item] = where[0]  # one set, unlabelled: the 决算数
    out: dict[str, dict] = {"预算数": {}, "决算数": {}}
    for r in rd.data_rows(h):
        for side, items in cols.items():
            for item, c in items.items():
                v = rd.amount(r, c)
                if v is not None:
                    out[side][item] = v
        break  # one row of figures
    return out


def _t09_vertical(rd: Reader, h: Header) -> dict:
    """三公 as rows: 项目 | 预算数 | 决算数 (some provinces print it so)."""
    width = rd.sheet.width
    side_cols = {}
    for c in range(width):
        for side in ("预算数", "决算数"):
            if h.leaf[c].startswith(side) and side not in side_cols:
                side_cols[side] = c
    if "决算数" not in side_cols:
        rd.error(h.top, None, "找不到“预算数”“决算数”列")
        return {}
    label_col = next((c for c in range(width) if h.leaf[c] in ("项目", "科目名称", "名称")), 0)
    out: dict[str, dict] = {"预算数": {}, "决算数": {}}
    for r in rd.data_rows(h):
        item = _SANGONG_LEAVES.get(label(rd.text(r, label_col)))
        if item is None:
            continue
        for side, c in side_cols.items():
            v = rd.amount(r, c)
            if v is not None:
                out[side][item] = v
    return out


# ------------------------------------------------------------------ 10: 相关信息统计表
_VEHICLES = {key(k): k for k in VEHICLE_KINDS}


def read_t10(rd: Reader) -> dict:
    region, sheet = rd.region, rd.sheet
    h = find_header(region, {"项目", "行次", "统计数"})
    read_meta(region, h.top if h else min(region.end, region.start + 6))
    value_col = lane_col = None
    for r in range(region.start, region.end):
        for c, text in enumerate(sheet.rows[r]):
            k = key(text)
            if k in ("统计数", "金额", "数量", "决算数") and value_col is None:
                value_col = c
            elif k == "行次" and lane_col is None:
                lane_col = c
        if value_col is not None:
            break
    out: dict[str, Any] = {"政府采购": {}, "车辆": {}}
    section = None
    running: list[Decimal] = []
    for r in range(region.start + 1, region.end):
        line = sheet.rows[r]
        first = next((c for c, t in enumerate(line) if t.strip()), None)
        if first is None:
            continue
        raw = line[first]
        k = label(raw)
        if key(raw).startswith(("注", "说明")) and len(key(raw)) > 6:
            break
        if "政府采购" in k and value_col != first:
            section = "purchase"
        elif "机关运行经费" in k and k.endswith("机关运行经费"):
            section = "running"
        elif "国有资产" in k:
            section = "assets"
        col = value_col
        if col is None or col <= first:
            rest = [c for c in range(first + 1, len(line)) if line[c].strip() and c != lane_col]
            col = rest[-1] if rest else None
        get_amount: Callable = lambda: rd.amount(r, col)  # noqa: E731
        if section == "purchase" and "企业" in k:
            # 授予中小企业合同金额 / 其中：授予小微企业合同金额 go to 政府采购明细
            field = "授予小微企业合同金额" if "小微企业" in k else "授予中小企业合同金额" if "中小企业" in k else None
            if field:
                out.setdefault("_procurement", {})[field] = get_amount()
        elif section == "purchase":
            if k in ("合计", "政府采购合计"):
                out["政府采购"]["合计"] = get_amount()
            elif k in ("货物", "工程", "服务"):
                out["政府采购"][k] = get_amount()
        elif section == "running":
            if k.endswith(("行政单位", "参照公务员法管理事业单位", "机关运行经费")):
                v = get_amount()
                if v is not None:
                    running.append(v)
                    if k.endswith("参照公务员法管理事业单位") and v:
                        out["_kind"] = "参照公务员法管理事业单位"
                    elif k.endswith("行政单位") and v:
                        out["_kind"] = "行政单位"
        elif section == "assets":
            if k.startswith("车辆数合计") or k.startswith("车辆合计"):
                out["车辆数合计"] = rd.count(r, col)
            elif re.sub(r"\(辆\)$", "", k) in _VEHICLES:
                n = rd.count(r, col)
                if n:
                    out["车辆"][_VEHICLES[re.sub(r"\(辆\)$", "", k)]] = n
            elif "100万元" in k and "设备" in k:
                out["单价100万元以上设备"] = rd.count(r, col)
    if running:
        out["机关运行经费"] = sum(running, Decimal(0))
    return out


READERS: dict[int, Callable[[Reader], dict]] = {
    1: read_t01, 2: read_func_table, 3: read_func_table, 4: read_t04, 5: read_func_table,
    6: read_t06, 7: read_func_table, 8: read_func_table, 9: read_t09, 10: read_t10,
}
