"""科目编码 → 科目名称 from the codes already known: this project's 功能分类 rows and keys, then
the bundled samples (read once).  The app fills a new row's name from its typed code."""
from __future__ import annotations

from functools import lru_cache

from .money import normalize_text


def project_names(project) -> dict[str, str]:
    out: dict[str, str] = {}
    t06 = getattr(project, "t06", None)  # 经济分类 (人员经费/公用经费) rows name their codes too
    lists = [getattr(getattr(project, t, None), "rows", None) for t in ("t02", "t03", "t05", "t07", "t08")]
    lists += [getattr(t06, "personnel", None), getattr(t06, "public", None)]
    for rows in lists:
        for row in rows or []:
            code, name = getattr(row, "code", None), getattr(row, "name", None)
            if code and name:
                out.setdefault(code, name)
    return out


@lru_cache(maxsize=1)
def _sample_names() -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        from . import api
        from .recent import samples
        for path in samples():
            try:
                for code, name in project_names(api.load(path)).items():
                    out.setdefault(code, name)
            except Exception:
                continue  # a sample that does not load names nothing
    except Exception:
        pass
    return out


def name_of(project, code: str) -> str | None:
    code = normalize_text(code or "").strip()
    if not code:
        return None
    return project_names(project).get(code) or _sample_names().get(code)
