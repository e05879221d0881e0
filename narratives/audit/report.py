"""The audit report for a person (grouped by section) and as JSON for tools."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .findings import NOTE, ROUNDING, SURE

if TYPE_CHECKING:
    from .engine import Report


LEGEND = ("确定：按文中所写的数字复算（或按用语规则），必然不符；可能为尾差：金额按万元四舍五入公布，"
          "用未公开的元金额计算可能得到所写的数；提示：数字自洽，但值得复核。")


def to_text(report: "Report", only: str | None = None) -> str:
    """``only``: list just the findings of this sureness (the counts still count all)."""
    head = f"审核：{report.source or '文本'}"
    if report.year:
        head += f"（{report.year}年度）"
    lines = [head]
    if not report.found_part3:
        lines.append("注意：没有找到“第三部分”标题，已把全文当作情况说明审核。")
    if not report.tables_read:
        lines.append("注意：文件中没有可读的决算表（公开01–09表），未做表文核对。")
    else:
        lines.append(f"已读决算表：{'、'.join(report.tables)}。")
    if report.tables_not_read:
        lines.append(f"注意：{'、'.join(report.tables_not_read)}找到了标题，但表中数字未能读出（视为未读，不按 0 核对）。")
    lines.append(f"确定 {report.count(SURE)} 处，可能为尾差 {report.count(ROUNDING)} 处，提示 {report.count(NOTE)} 处。"
                 + (f"以下只列出“{only}”的。" if only else ""))
    shown = [f for f in report.findings if only is None or f.sureness == only]
    if not shown:
        lines.append("未发现问题。" if not report.findings else f"没有“{only}”的问题。")
        return "\n".join(lines) + "\n"
    section = None
    for f in shown:
        if f.section != section:
            section = f.section
            lines.append("")
            lines.append(section or "（第三部分开头）")
        lines.append(f"  [{f.sureness}] {f.kind}" + (f"（第 {f.page} 页）" if f.page is not None else ""))
        lines.append(f"    原文：{f.sentence}")
        lines.append(f"    所写：{f.stated}")
        lines.append(f"    应为：{f.expected}")
        lines.append(f"    计算：{f.computation}")
        if f.note:
            lines.append(f"    说明：{f.note}")
    lines.append("")
    lines.append(LEGEND)
    return "\n".join(lines) + "\n"


def to_json(report: "Report", only: str | None = None) -> str:
    data = report.to_dict()
    if only:
        data["findings"] = [f for f in data["findings"] if f["sureness"] == only]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
