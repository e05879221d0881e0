"""Batch under faults (issue 19): every input accounted for (a dangling symlink, a folder named
x.toml, a hidden lock file), unique output names keeping the relative path, a failed unit's old
output removed, and Ctrl-C stopping cleanly with a summary (a real SIGINT to a real process)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from narratives import batch
from narratives.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _units(folder: Path, wendeng_path: Path, n: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"u{i}.toml"
        shutil.copy(wendeng_path, p)
        out.append(p)
    return out


def test_a_dangling_link_and_a_folder_named_toml_are_reported_not_skipped(tmp_path, wendeng_path, capsys):
    units = tmp_path / "units"
    _units(units, wendeng_path)
    (units / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    (units / "dir.toml").mkdir()
    (units / ".#u0.toml").symlink_to("root@host.1234")  # an editor's lock file
    assert main(["batch", str(units), "-o", str(tmp_path / "out"), "-j", "1", "-q"]) == 1
    out = capsys.readouterr().out
    assert "gone.toml" in out and "目标不存在" in out
    assert "dir.toml" in out and "文件夹" in out
    assert ".#u0.toml" in out and "跳过" in out
    assert "成功 2 个，失败 2 个，跳过 1 个" in out


def test_same_names_in_different_folders_get_different_outputs(tmp_path, wendeng_path, capsys):
    a = tmp_path / "a" / "x"
    b = tmp_path / "b" / "x"
    _units(a, wendeng_path, 1)
    _units(b, wendeng_path, 1)
    assert main(["batch", str(a), str(b), "-o", str(tmp_path / "out"), "-j", "1", "-q"]) == 0
    made = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
    assert made == ["a-x-u0.md", "b-x-u0.md"]


def test_output_names_never_collide():
    paths = [Path("a-x/u.toml"), Path("a/x-u.toml"), Path("a/x/u.toml"), Path("U.toml"), Path("b/u.toml")]
    names = batch.output_names(paths, "md")
    assert len({n.lower() for n in names}) == len(names)


def test_a_unit_that_now_fails_loses_its_old_output(tmp_path, wendeng_path, capsys):
    units = tmp_path / "units"
    u0, _ = _units(units, wendeng_path)
    out = tmp_path / "out"
    assert main(["batch", str(units), "-o", str(out), "-j", "1", "-q"]) == 0
    assert (out / "u0.md").is_file()
    u0.write_text("这不是项目文件", encoding="utf-8")
    assert main(["batch", str(units), "-o", str(out), "-j", "1", "-q"]) == 1
    assert not (out / "u0.md").exists() and (out / "u1.md").is_file()
    assert "已删除" in capsys.readouterr().out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_cleanly_with_a_summary(tmp_path, wendeng_path, jobs):
    units = tmp_path / "units"
    _units(units, wendeng_path, 40)
    proc = subprocess.Popen([sys.executable, "-m", "narratives.cli", "batch", str(units), "--format", "docx",
                             "--no-charts", "-o", str(tmp_path / "out"), "-j", jobs],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    # interrupt once the batch is under way (its first output exists), as a clerk would
    for _ in range(600):
        if list((tmp_path / "out").glob("*.docx")) or proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the batch finished before the interrupt arrived")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Traceback" not in out
    assert "已中断" in err and "已按 Ctrl-C 中断" in out
    assert out.count("u") >= 40  # every unit is in the summary
    assert "已中断，未处理" in out
