"""The data pages of the app (单位信息, 公开01–10表, 上年数, …) as grids of cells, each cell a
field path with its text as the clerk enters it.  A page is one "fields" grid (a value a row)
and one "rows" grid per list of rows (公开05表.行: one row a 科目, one column a field).

The 类/款 rows of a 功能分类 table also get a read-only "下级合计" column: the sum of their
direct children, computed here, so the clerk sees when a stated 类 total does not add up.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from typing import Any

from pydantic import BaseModel

from .compute import total
from .model import (EXPENSE_KINDS, FISCAL_SOURCES, FUNDS, INCOME_SOURCES,
                    T02_SOURCES, VEHICLE_KINDS, Project)
from .model.tables import FuncRow
from .paths import _annotation_of, _container, _model_class, field_kind, get_value

WAN = Decimal(10000)

# page key (top-level key of the project file) → label in the outline
PAGES: tuple[tuple[str, str], ...] = (
    ("单位", "单位信息"),
    *((f"公开{n:02d}表", f"公开{n:02d}表") for n in range(1, 11)),
    ("上年", "上年数"),
    ("年初预算", "年初预算"),
    ("三公明细", "三公明细"),
    ("政府采购明细", "政府采购/资产"),
    ("预算绩效", "预算绩效"),
)

# the keys a table (dict) offers even while empty, so the clerk can fill them in
KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "公开01表.收入": INCOME_SOURCES,
    "公开04表.收入": FUNDS,
    "公开10表.车辆": VEHICLE_KINDS,
    "上年.收入": (*T02_SOURCES, *FISCAL_SOURCES),
    "上年.支出": EXPENSE_KINDS,
    "预算绩效.等级": ("优", "良", "中", "差"),  # how many 自评 projects got each grade
}
_SKIP = {"说明"}

# rows whose bare names look alike: what each one is (the clerk saw two 财政拨款收入 on 上年数)
LABEL_HINTS: dict[str, str] = {
    "上年.收入.财政拨款收入": "（01表：本年财政拨款收入）",
    "上年.财政拨款收入总计": "（04表：含结转结余）",
    "上年.财政拨款支出总计": "（04表：含结转结余）",
}


def amount_text(value: Decimal | None, entry_unit: str = "万元") -> str:
    """An amount as the clerk types it, in the project's entry unit, exactly (no rounding)."""
    if value is None:
        return ""
    if entry_unit != "元":
        return format(value, "f")  # as stored: "12.10" stays "12.10"
    with localcontext() as ctx:
        ctx.prec = 40
        yuan = value * WAN
    text = format(yuan, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def cell_text(project: Project, path: str) -> str:
    value = get_value(project, path)
    kind = field_kind(project, path)
    if kind == "amount":
        return amount_text(value, project.unit.entry_unit)
    return "" if value is None else str(value)


@dataclass
class Grid:
    title: str
    kind: str                     # "fields" | "rows"
    columns: list[str]            # header labels
    rows: list[list[str]]         # cell texts
    paths: list[list[str | None]]  # the field path of each cell (None: read-only)
    list_path: str | None = None  # for "rows": the list (to add/delete/move rows)
    computed: list[list[str]] = field(default_factory=list)  # read-only extra column per row


def page(project: Project, key: str) -> list[Grid]:
    """The grids of a data page."""
    model = get_value(project, key)
    leaves: list[tuple[str, str]] = []
    lists: list[tuple[str, str, type[BaseModel]]] = []
    _walk(project, model, key, "", leaves, lists)
    grids: list[Grid] = []
    if leaves:
        derived = _derived(project, key)
        grids.append(Grid(title=key, kind="fields", columns=["项目", "数值"],
                          rows=[[label + LABEL_HINTS.get(path, ""), cell_text(project, path) or derived(path)]
                                for path, label in leaves],
                          paths=[[None, path] for path, _ in leaves]))
    for path, label, row_model in lists:
        grids.append(_rows_grid(project, path, label, row_model))
    return grids


def _walk(project: Project, obj: Any, path: str, label: str, leaves: list, lists: list) -> None:
    cls = type(obj)
    for name, info in cls.model_fields.items():
        alias = info.alias or name
        if alias in _SKIP:
            continue
        sub, sub_label = f"{path}.{alias}", f"{label}{alias}" if not label else f"{label}·{alias}"
        ann = _annotation_of(info)
        value = getattr(obj, name)
        child_model = _model_class(ann)
        container = _container(ann)
        if container is not None and list in (container.__origin__,):
            row_model = _model_class(container.__args__[0])
            if row_model is not None:
                lists.append((sub, sub_label, row_model))
            continue
        if container is not None:  # a table: its known keys and whatever else it holds
            keys = list(dict.fromkeys([*KNOWN_KEYS.get(sub, ()), *(value or {})]))
            vmodel = _model_class(container.__args__[-1])
            for k in keys:
                if vmodel is not None:
                    _walk(project, (value or {}).get(k) or vmodel.model_construct(), f"{sub}.{k}",
                          f"{sub_label}·{k}", leaves, lists)
                else:
                    leaves.append((f"{sub}.{k}", f"{sub_label}·{k}"))
            continue
        if child_model is not None:
            if value is None:
                continue  # an optional block not given (预算绩效.部门整体): nothing to show
            _walk(project, value, sub, sub_label, leaves, lists)
            continue
        leaves.append((sub, sub_label))


def _rows_grid(project: Project, path: str, label: str, row_model: type[BaseModel]) -> Grid:
    cols = [(name, info.alias or name) for name, info in row_model.model_fields.items()
            if _container(_annotation_of(info)) is None and _model_class(_annotation_of(info)) is None]
    rows_val = get_value(project, path) or []
    grid = Grid(title=path.replace(".", "·"), kind="rows", columns=[a for _, a in cols], rows=[], paths=[],
                list_path=path)
    for i, _row in enumerate(rows_val):
        grid.rows.append([cell_text(project, f"{path}.{i}.{a}") for _, a in cols])
        grid.paths.append([f"{path}.{i}.{a}" for _, a in cols])
    if issubclass(row_model, FuncRow):
        grid.columns.append("下级合计")
        first_amount = next((n for n, a in cols if field_kind(project, f"{path}.0.{a}") == "amount"), None) \
            if rows_val else None
        for i, row in enumerate(rows_val):
            text = ""
            if first_amount and len(row.code) < 7:
                kids = [r for r in rows_val if len(r.code) == len(row.code) + 2 and r.code.startswith(row.code)]
                if kids:
                    text = amount_text(total(getattr(r, first_amount) for r in kids), project.unit.entry_unit)
            grid.rows[i].append(text)
            grid.paths[i].append(None)
        _mark_rollups(project, grid, rows_val, cols)
    return grid


def _derived(project: Project, key: str):
    """path → what a blank cell of page ``key`` is as the text takes it, marked (``＝0``), or "".
    三公明细: a count beside an amount of 0 is 0 (no 出国费, no 团组) — shown, so the clerk does not
    type what the tables already say."""
    if key != "三公明细":
        return lambda path: ""
    from .facts import Facts
    detail = Facts(project).sangong_detail

    def text(path: str) -> str:
        try:
            value = get_value(detail, path[len(key) + 1:])
        except Exception:
            return ""
        if value is None:
            return ""
        return DERIVED_MARK + (amount_text(value, project.unit.entry_unit) if isinstance(value, Decimal) else str(value))
    return text


DERIVED_MARK = "＝"  # a blank single value shown as the text takes it (given by other figures)
SUM_MARK = "Σ"      # a 类/款 amount not entered: the sum of its rows, as the text takes it
DIFF_MARK = " ≠"    # a 类/款 amount entered that differs from the sum of its rows (the entered one counts)


def _mark_rollups(project: Project, grid: Grid, rows_val: list, cols: list) -> None:
    """Show a 类/款 cell not entered as the sum of its rows (``Σ100.79``) and mark one entered that
    does not add up (``100.79 ≠``); the cell's path stays, so typing a value overrides the sum."""
    kids = {i: [k for k, r in enumerate(rows_val)
                if len(r.code) == len(row.code) + 2 and r.code.startswith(row.code)]
            for i, row in enumerate(rows_val) if len(row.code) < 7}
    for j, (name, alias) in enumerate(cols):
        if not rows_val or field_kind(project, f"{grid.list_path}.0.{alias}") != "amount":
            continue
        memo: dict[int, Decimal | None] = {}

        def value(i: int) -> Decimal | None:  # stated, else the sum of its known rows
            if i not in memo:
                stated = getattr(rows_val[i], name)
                known = [v for v in (value(k) for k in kids.get(i, [])) if v is not None]
                memo[i] = stated if stated is not None else (total(known) if known else None)
            return memo[i]

        for i, children in kids.items():
            if not children:
                continue
            stated = getattr(rows_val[i], name)
            parts = [value(k) for k in children]
            if stated is None and value(i) is not None:
                grid.rows[i][j] = SUM_MARK + amount_text(value(i), project.unit.entry_unit)
            elif stated is not None and all(v is not None for v in parts) and _cents(total(parts)) != _cents(stated):
                grid.rows[i][j] += DIFF_MARK  # to the 分 as published: 100.7897 of 项 is 100.79 of 款


def _cents(v: Decimal) -> Decimal:
    from decimal import ROUND_HALF_UP
    return v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
