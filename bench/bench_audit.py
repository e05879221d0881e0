"""Benchmark rows of the audit (issue 18: a reviewer's batch; issue 19: linear reading).

  审核 200 份渲染样例 → xlsx   the command as a reviewer runs it (fresh interpreter, all cores),
                               on 200 synthetic units rendered to Markdown        target < 60 s
  审核 1 MB 单行文本            one line of a million characters (was 82 s)        target < 10 s
  审核 PDF                      the committed yangquan-whole.pdf (23 pages, tables) —
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def render_units(folder: Path, n: int, typical: dict) -> None:
    from narratives import api, synth
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        project = synth.generate(seed=i + 1, style=("shanxi", "shandong", "shanghai")[i % 3], **typical)
        (folder / f"unit-{i:04d}.md").write_text(api.to_markdown(api.render(project)), encoding="utf-8")


def run(rows: list, Row, work: Path, jobs: int, quick: bool, typical: dict) -> None:
    from narratives.audit import audit_file, audit_text
    n = 200
    src = work / "audit-units"
    t = time.perf_counter()
    render_units(src, n, typical)
    rows.append(Row("审核公开文本", f"生成 {n} 份渲染样例（Markdown）", time.perf_counter() - t, 1, note="准备数据，不计入目标"))
    out = work / "audit-report.xlsx"
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "narratives.cli", "audit", str(src), "-o", str(out),
                           "--jobs", str(jobs)], capture_output=True, text=True, cwd=str(ROOT))
    wall = time.perf_counter() - t
    ok = proc.returncode in (0, 1) and out.exists()
    rows.append(Row("审核公开文本", f"批量审核 {n} 份渲染样例 → xlsx 报告（{jobs} 进程，整条命令）", wall if ok else None, 1,
                    target=60.0, note="" if ok else f"失败：{proc.stderr.strip()[-200:]}"))
    # the published yangquan 第三部分 with its line breaks removed, repeated to a million characters
    from narratives.audit.outline import split_part3
    seed = (ROOT / "tests" / "fixtures" / "audit" / "seeds" / "yangquan-legal-aid-2024.txt").read_text(encoding="utf-8")
    line = split_part3(seed)[1].replace("\n", "")
    text = "第三部分 情况说明\n一、收入支出决算总体情况说明\n" + line * (1_000_000 // len(line) + 1)
    t = time.perf_counter()
    audit_text(text)
    rows.append(Row("审核公开文本", "1 MB 单行文本（阳泉第三部分去掉换行后重复；问题 19：原 82 秒）",
                    time.perf_counter() - t, 1, target=10.0))
    pdf = ROOT / "tests" / "fixtures" / "audit" / "yangquan-whole.pdf"
    if pdf.exists():
        times = []
        for _ in range(1 if quick else 3):
            t = time.perf_counter()
            audit_file(pdf)
            times.append(time.perf_counter() - t)
        rows.append(Row("审核公开文本", "PDF 23 页（含公开01–10表，pdfplumber）", sorted(times)[len(times) // 2], len(times)))
