"""The reviewer's report of a batch: one row per finding (file, page, section, sentence, what is
wrong, what the evidence says, how sure), and one summary row per file — as an .xlsx workbook
(two sheets: 问题清单, 文件汇总), .csv (the findings; UTF-8 with BOM so Excel opens it in
Chinese) or Markdown."""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from .batch import Entry
from .findings import NOTE, ROUNDING, SURE, Finding

FINDING_COLUMNS = ("文件", "页码", "章节", "原句", "问题", "所写", "依据（应为与复算）", "确定程度")
SUMMARY_COLUMNS = ("文件", "状态", "年度", "找到第三部分", "已读决算表", "未能读出的表", "确定", "可能为尾差", "提示")
SURENESS_LABEL = {SURE: "确定", ROUNDING: "可能（尾差）", NOTE: "提示"}


def evidence(f: Finding) -> str:
    text = f"应为：{f.expected}；{f.computation}"
    return text + (f"（{f.note}）" if f.note else "")


def finding_rows(entries: list[Entry], only: str | None = None) -> list[tuple]:
    rows = []
    for e in entries:
        if e.error:
            rows.append((e.name, "", "", "", "无法读取", "", e.error, "确定"))
            continue
        for f in e.report.findings:
            if only and f.sureness != only:
                continue
            rows.append((e.name, f.page if f.page is not None else "", f.section or "（第三部分开头）", f.sentence,
                         f.kind, f.stated, evidence(f), SURENESS_LABEL.get(f.sureness, f.sureness)))
    return rows


def summary_rows(entries: list[Entry]) -> list[tuple]:
    rows = []
    for e in entries:
        if e.error:
            rows.append((e.name, f"无法读取：{e.error}", "", "", "", "", "", "", ""))
            continue
        r = e.report
        rows.append((e.name, "已审核", r.year or "", "是" if r.found_part3 else "否（全文审核）",
                     "、".join(r.tables) if r.tables else "无", "、".join(r.tables_not_read),
                     r.count(SURE), r.count(ROUNDING), r.count(NOTE)))
    return rows


def _write_bytes(path: Path, data: bytes) -> None:
    """Atomically (a temp file beside it, then replace): a report never half-written."""
    from ..errors import JuesuanError
    path = Path(path)
    target = path.resolve() if path.is_symlink() else path
    if target.is_dir():
        raise JuesuanError(f"无法写入 {path}：这是一个文件夹，请给出报告的文件名（如 审核报告.xlsx）")
    if not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise JuesuanError(f"无法写入 {path}：文件夹 {target.parent} 不存在")
    if target.exists() and not target.is_file():
        with open(target, "wb") as fh:  # a FIFO or device: written in place, never replaced
            fh.write(data)
        return
    from ..io.projectfile import write_failure
    try:
        fd, tmp = tempfile.mkstemp(prefix=".juesuan-", dir=str(target.parent or Path(".")))
    except OSError as exc:  # read-only disk, disk full, no permission (rel)
        raise JuesuanError(write_failure(path, exc, target.parent)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise JuesuanError(write_failure(path, exc, target.parent)) from None
        raise


def to_xlsx(entries: list[Entry], only: str | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "问题清单"
    ws.append(FINDING_COLUMNS)
    sure_fill = PatternFill("solid", fgColor="FDE2E1")
    for row in finding_rows(entries, only):
        ws.append(list(row))
        for c in ws[ws.max_row]:
            _as_text(c)
            if row[-1] == "确定":
                c.fill = sure_fill
    widths = (28, 6, 24, 60, 12, 24, 60, 10)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for c in ws[1]:
        c.font = Font(bold=True)
    for row in ws.iter_rows(min_row=2):
        for c in (row[3], row[6]):
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    summary = wb.create_sheet("文件汇总")
    summary.append(SUMMARY_COLUMNS)
    for row in summary_rows(entries):
        summary.append(list(row))
        for c in summary[summary.max_row]:
            _as_text(c)
    for c in summary[1]:
        c.font = Font(bold=True)
    for i, w in enumerate((28, 30, 8, 14, 40, 20, 8, 10, 8), 1):
        summary.column_dimensions[get_column_letter(i)].width = w
    summary.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _as_text(cell) -> None:
    """A quoted sentence that starts with "=" is text, never a formula Excel would evaluate."""
    if cell.data_type == "f":
        cell.data_type = "s"


def _cell(value):
    """In CSV a text that looks like a formula ("=…") gets a leading ' so Excel shows it as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_csv(entries: list[Entry], only: str | None = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(FINDING_COLUMNS)
    for row in finding_rows(entries, only):
        w.writerow([_cell(v) for v in row])
    return "\ufeff" + buf.getvalue()


def _md(value) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def to_markdown(entries: list[Entry], only: str | None = None) -> str:
    lines = ["# 决算公开审核报告", "", "## 文件汇总", "",
             "| " + " | ".join(SUMMARY_COLUMNS) + " |", "|" + "---|" * len(SUMMARY_COLUMNS)]
    lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in summary_rows(entries)]
    lines += ["", "## 问题清单", ""]
    rows = finding_rows(entries, only)
    if rows:
        lines += ["| " + " | ".join(FINDING_COLUMNS) + " |", "|" + "---|" * len(FINDING_COLUMNS)]
        lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in rows]
    else:
        lines.append("未发现问题。")
    return "\n".join(lines) + "\n"


def write(entries: list[Entry], fmt: str, path: Path, only: str | None = None) -> None:
    if fmt == "xlsx":
        _write_bytes(path, to_xlsx(entries, only))
    elif fmt == "csv":
        _write_bytes(path, to_csv(entries, only).encode("utf-8"))
    else:
        _write_bytes(path, to_markdown(entries, only).encode("utf-8"))
