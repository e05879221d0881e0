"""Hypothesis fuzz of the workbook reader and the project file (issue 19, "Done when"): mutated
.xlsx/.xls bytes, far-away cells and mutated project files give 0 tracebacks, 0 aborts, and stay
within a memory limit.  The fuzz runs in a child process with an address-space limit (see fuzz_child.py): the probe's files made the
reader ask for 550 GB and abort, which in-process would take pytest down with it."""
from __future__ import annotations

import os
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


@pytest.mark.parametrize("which", ["xlsx-xml", "xlsx-bytes", "xls-bytes", "project"])
def test_fuzz_no_traceback_no_abort_bounded_memory(which, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD.format(limit=LIMIT), which], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, f"status {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
    assert f"fuzz ok {which}" in done.stdout
