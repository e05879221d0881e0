"""Every field the clerk can type into, as a search index for the app's palette: its name, its
section or page, 科目编码, the 说明 subject, and the 拼音 (full and initials) of the name, so
"ggaq", "gonggonganquan", "204" or "公共安全" all find 204 公共安全支出."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .locate import Target


@dataclass(frozen=True)
class FieldEntry:
    title: str     # "204 公共安全支出 本年"
    where: str     # "五、一般公共预算财政拨款支出决算情况说明" or "公开05表"
    keywords: str  # codes, pinyin, initials
    target: Target


@lru_cache(maxsize=4096)
def pinyin_keys(text: str) -> str:
    """Full pinyin and initials of the Chinese in ``text`` ("公共安全" → "gonggonganquan ggaq");
    empty when pypinyin is not installed (the names and codes still match)."""
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:
        return ""
    han = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    if not han:
        return ""
    full = lazy_pinyin(han)
    initials = lazy_pinyin(han, style=Style.FIRST_LETTER)
    return f"{''.join(full)} {''.join(initials)}"


def build(session) -> list[FieldEntry]:
    """The fields of every section form and data page of ``session`` (a narratives.Session)."""
    out: list[FieldEntry] = []
    for entry in session.outline():
        if entry.kind == "section":
            form = session.form(entry.key)
            for fig in form.figures:
                for tag, path in (("本年", fig.path), ("上年", fig.prior_path), ("预算", fig.budget_path)):
                    if path:
                        out.append(_entry(f"{fig.label} {tag}", entry.label, f"{fig.key} {path}",
                                          Target(entry.key, path)))
            for note in form.notes:
                subject = note.path.split(".")[1] if note.path.count(".") >= 2 else ""
                out.append(_entry(note.label, entry.label, f"说明 {subject}", Target(entry.key, note.path)))
        else:
            for grid in session.page(entry.key):
                for r, row in enumerate(grid.rows):
                    paths = [p for p in grid.paths[r] if p]
                    if not paths:
                        continue
                    if grid.kind == "rows":
                        label = " ".join(x for x in row[:2] if x)
                    else:
                        label = row[0]
                    # a row found by its name: the cursor on its first amount (what the clerk
                    # came to type), not on its 科目代码
                    amounts = [p for p in paths if not p.endswith((".科目代码", ".科目名称"))]
                    cell = paths[-1] if grid.kind == "fields" else (amounts or paths)[0]
                    out.append(_entry(f"{entry.label} {label}", entry.label, paths[-1], Target(entry.key, cell)))
    return out


def _entry(title: str, where: str, extra: str, target: Target) -> FieldEntry:
    return FieldEntry(title, where, f"{extra} {pinyin_keys(title)}".strip(), target)
