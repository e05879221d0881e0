"""Hypothesis fuzz of the workbook reader and the project file (issue 19, "Done when"): mutated
.xlsx/.xls bytes, .xlsb record streams and .ods XML, far-away cells and mutated project files give 0 tracebacks, 0 aborts, and stay
bounded memory: each fuzz runs in a child process with an address-space limit (see fuzz_child.py;
the probe's files made the reader ask for 550 GB and abort, which in-process would take pytest
down with it), and the child's peak resident memory, and that of its own largest child (the .xls
reader), measured with getrusage, must stay under PEAK_MB."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 3 * 2 ** 30

CHILD = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from tests.faults.fuzz_child import main
    main(sys.argv[1])
""")


# Peak resident memory allowed to the child running the fuzz (and to the largest of its own
# children, the .xls reader): the probe's files took 14 GB or asked for 550 GB; a normal 公开表
# import stays under 100 MB.  The address-space limit above only makes a regression fail fast.
PEAK_MB = 1024


def _run(which: str, tmp_path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD.format(limit=LIMIT), which], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, f"status {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
    assert f"fuzz ok {which}" in done.stdout
    return done


def _peak(done: subprocess.CompletedProcess) -> tuple[int, int]:
    m = re.search(r"peak rss MB: self (\d+) children (\d+)", done.stdout)
    assert m, done.stdout[-2000:]
    return int(m.group(1)), int(m.group(2))


@pytest.mark.parametrize("which", ["xlsx-xml", "xlsx-bytes", "xls-bytes", "xlsb-records", "ods-xml", "project"])
def test_fuzz_no_traceback_no_abort_bounded_memory(which, tmp_path):
    own, kids = _peak(_run(which, tmp_path))
    assert own < PEAK_MB and kids < PEAK_MB, (own, kids)


def test_hostile_workbooks_peak_memory_stays_bounded(tmp_path):
    """Done-when "memory bounded (checked in a subprocess with a limit)": the far-away cells and
    the corrupt .xls files are imported in a child, whose peak RSS (getrusage) and that of its
    own largest child (the .xls reader) stay under PEAK_MB, each refused with a message."""
    own, kids = _peak(_run("hostile", tmp_path))
    assert own < PEAK_MB, f"importing the hostile workbooks peaked at {own} MB"
    assert kids < PEAK_MB, f"the .xls reader child peaked at {kids} MB"
