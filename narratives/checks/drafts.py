"""L04/L05: what is still a draft.  L04: a text carried over by ``juesuan new --from`` (marked 【上年】)
and not yet reread; L05 (错误 "未填"): a figure the text needs that is not entered, so the text
shows a 待填 marker in its place (unknown is never written as 0)."""
from __future__ import annotations

from ..errors import JuesuanError
from ..model import Project
from ..styles import Style
from .finding import ERROR, HINT, TABLE_ORDER, Finding
from .lint import _texts

CARRIED = "【上年】"


def carried_over(p: Project) -> list[Finding]:
    return [Finding("L04", HINT, table, loc,
                    f"{table} {loc}：这段文字沿用上年（标有{CARRIED}），尚未复核。请按本年情况改写并删去{CARRIED}。",
                    "本年的文字", CARRIED, subject=subject, section=section)
            for table, loc, subject, section, text in _texts(p) if CARRIED in text]


def unfilled(p: Project, style: Style) -> list[Finding]:
    """L05: every figure the text needs and the clerk has not entered — written in the text as the
    待填 marker (``narratives.pending``) — is an 错误 "未填" naming the input, once per input.  The
    text is rendered in the project's style, so only what that style says is asked for."""
    from .. import pending
    from ..render.engine import render_project
    try:
        doc = render_project(p, style)
    except JuesuanError:
        return []  # a template problem is reported where the text is rendered, not here
    seen: dict[str, Finding] = {}
    for sec in doc.sections:
        for para in sec.paragraphs:
            for run in para.runs:
                for label in pending.find(run.text):
                    if label in seen:
                        continue
                    table = _table(run.source, label)
                    subject = (run.source or "").split(".")[1] if run.source and "." in run.source else ""
                    seen[label] = Finding(
                        "L05", ERROR, table, label,
                        f"{label}：未填。{sec.heading}要用到它，文中暂写作“{pending.marker(label)}”；"
                        f"请填入（确为 0 的填 0）。", "已填的数", "（空）", subject=subject, section=sec.id)
    return list(seen.values())


def _table(source: str | None, label: str) -> str:
    """The input a marker stands for: the table of its source ("上年.204" → 上年), else the table
    its label names ("出国团组数（三公明细）" → 三公明细; a style's own "三公明细 出国团组数" too)."""
    from ..pending import place_of
    for word in ((source or "").split(".", 1)[0], place_of(label) or "", label.split(" ", 1)[0]):
        if word in TABLE_ORDER:
            return word
    return "上年" if label.endswith("上年数") else "年初预算" if label.endswith("年初预算") else "说明"
