"""A Word file and a text-layer PDF teach the same style as the plain text; a scan is refused."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from narratives.cli import main
from narratives.export.exporting import export_docx
from narratives.learn import learn

from .helpers import render_text, section_figures

ROOT = Path(__file__).resolve().parent.parent.parent
YANGQUAN = ROOT / "samples" / "yangquan-legal-aid-2024.toml"


def _templates(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.j2"))}


@pytest.fixture
def both(tmp_path, yangquan):
    txt = tmp_path / "last.txt"
    txt.write_text(render_text(yangquan, "shanxi"), encoding="utf-8")
    docx = tmp_path / "last.docx"
    export_docx(yangquan, docx, "shanxi", charts=False)
    return txt, docx


def test_docx_learns_the_same_style_as_txt(tmp_path, yangquan, both):
    txt, docx = both
    a = learn(txt, yangquan, tmp_path / "a", "s")
    b = learn(docx, yangquan, tmp_path / "b", "s")
    assert _templates(b.folder) == _templates(a.folder)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
def test_text_layer_pdf_learns_a_style_with_the_same_figures(tmp_path, yangquan, both):
    pytest.importorskip("pypdf")
    txt, docx = both
    env = dict(os.environ, HOME=str(tmp_path))  # LibreOffice writes its profile under HOME
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, env=env, timeout=180)
    a = learn(txt, yangquan, tmp_path / "a", "s")
    b = learn(tmp_path / "last.pdf", yangquan, tmp_path / "b", "s")
    assert not b.report.residue
    from_pdf = render_text(yangquan, "s", (str(tmp_path / "b"),))
    from_txt = render_text(yangquan, "s", (str(tmp_path / "a"),))
    assert section_figures(from_pdf) == section_figures(from_txt)
    assert set(_templates(b.folder)) == set(_templates(a.folder))


def test_a_scanned_pdf_gets_a_clear_message(tmp_path, capsys):
    pypdf = pytest.importorskip("pypdf")
    w = pypdf.PdfWriter()
    for _ in range(3):
        w.add_blank_page(width=595, height=842)
    scan = tmp_path / "scan.pdf"
    with open(scan, "wb") as fh:
        w.write(fh)
    rc = main(["styles", "learn", str(scan), "--project", str(YANGQUAN), "-o", str(tmp_path), "--name", "x"])
    err = capsys.readouterr().err
    assert rc == 2 and "扫描件" in err and "Traceback" not in err
