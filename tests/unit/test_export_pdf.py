"""The whole disclosure as a reader sees it: each sample exported ``--whole``, converted to PDF by
LibreOffice, and checked from the PDF's text with its positions (pdfplumber): every amount on one
line in its cell, a 目录 that lists every part with a page number, an unnumbered cover, no page
holding only a title or only one table row, and about as many pages as the publication.

Skipped where LibreOffice (soffice) or pdfplumber is missing; ``.ci/run`` installs LibreOffice.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter

import docx
import pytest

from narratives import api
from narratives.export import export_docx
from narratives.export.docx_writer import PART
from narratives.export.fit import is_rigid
from tests.conftest import SAMPLES

pdfplumber = pytest.importorskip("pdfplumber", reason="pdfplumber is not installed (pip install -e '.[dev]')")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

# Pages of the publication each sample comes from, counted from the seed texts in ../shared/seeds:
# - yangquan: its 目录 puts 第五部分 附件 on page 18 and the 自评表 runs onto a second page, so
#   numbered pages 1–19 plus the cover and the 目录: 21.
# - wendeng: 35 pages as published (cover, 目录, 概况 1, 公开01–09表 12, 情况说明 with four charts 6,
#   名词解释 2, 附件 3, and a 9-page 绩效评价报告 the sample does not hold); without that report: 26.
# - shanghai: the sample is synthetic and no 上海 publication of it exists.  Reference: the 上海
#   layout printed the way the official template is (its 情况说明 runs 28 characters a line, 22 lines
#   a page as GB/T 9704 sets): cover and 目录 2, 概况 1, the nine 上海 tables one page each, and the
#   sample's own 情况说明 and 名词解释 counted in such lines (``shanghai_reference``).
PUBLISHED_PAGES = {"yangquan": 21, "wendeng": 26}
FILES = {"yangquan": "yangquan-legal-aid-2024.toml", "wendeng": "wendeng-legal-aid-2024.toml",
         "shanghai": "shanghai-sample-2024.toml"}
FOOTER_MM = 30  # the footer band: page numbers sit below the type area


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """name → (docx path, pdf path); one LibreOffice run for the three samples."""
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(folder / "cache"))  # chart cache away from the user's
        for name, file in FILES.items():
            path = folder / f"{name}.docx"
            export_docx(api.load(SAMPLES / file), path, whole=True)
            out[name] = path
    profile = (folder / "lo-profile").as_uri()  # its own profile: LibreOffice runs elsewhere do not clash
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, out.values())],
                   check=True, capture_output=True, timeout=300)
    return {name: (path, path.with_suffix(".pdf")) for name, path in out.items()}


@pytest.fixture(scope="module")
def pages(made):
    """name → list of pages, each a dict: words, lines (text), tables (rows of cell texts), footer."""
    result = {}
    for name, (_, pdf_path) in made.items():
        with pdfplumber.open(str(pdf_path)) as pdf:
            result[name] = [_read_page(p) for p in pdf.pages]
    return result


def _read_page(page) -> dict:
    foot = page.height - FOOTER_MM * 72 / 25.4
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False)
    body = [w for w in words if w["top"] < foot]
    footer = " ".join(w["text"] for w in words if w["top"] >= foot)
    tables = []
    for t in page.find_tables():
        rows = []
        for row in t.rows:
            cells = []
            for bbox in row.cells:
                if bbox is None:
                    continue
                inside = [w for w in body if w["x0"] >= bbox[0] - 1 and w["x1"] <= bbox[2] + 1
                          and w["top"] >= bbox[1] - 1 and w["bottom"] <= bbox[3] + 1]
                cells.append(inside)
            rows.append(cells)
        tables.append({"bbox": t.bbox, "rows": rows})
    in_tables = {id(w) for t in tables for row in t["rows"] for cell in row for w in cell}
    outside = [w for w in body if id(w) not in in_tables]
    return {"words": body, "lines": _lines(body), "outside": _lines(outside), "tables": tables,
            "footer": footer, "text": page.extract_text() or ""}


def _lines(words) -> list[str]:
    rows: dict[int, list] = {}
    for w in words:
        rows.setdefault(round(w["top"] / 3), []).append(w)
    return [" ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"])) for _, ws in sorted(rows.items())]


def _cell_text(cell) -> str:
    return "".join(w["text"] for w in sorted(cell, key=lambda w: (round(w["top"]), w["x0"])))


def _row_text(row) -> tuple[str, ...]:
    return tuple(_cell_text(c) for c in row)


def _amounts_in_docx(path) -> Counter:
    d = docx.Document(str(path))
    got: Counter = Counter()
    for t in d.tables:
        seen = set()
        for row in t.rows:
            for c in row.cells:
                if id(c._tc) in seen:
                    continue
                seen.add(id(c._tc))
                text = c.text.strip()
                if is_rigid(text) and any(ch.isdigit() for ch in text):
                    got[text] += 1
    return got


@pytest.mark.parametrize("name", list(FILES))
def test_every_amount_stands_on_one_line_in_its_cell(name, made, pages):
    wrapped = []
    found: Counter = Counter()
    for k, page in enumerate(pages[name], 1):
        for t in page["tables"]:
            for row in t["rows"]:
                for cell in row:
                    if not cell:
                        continue
                    tops = {round(w["top"]) for w in cell}
                    numeric = [w["text"] for w in cell if is_rigid(w["text"]) and any(ch.isdigit() for ch in w["text"])]
                    if numeric and len(tops) > 1 and all(is_rigid(w["text"]) for w in cell):
                        wrapped.append((k, [w["text"] for w in cell]))
                    text = _cell_text(cell)
                    if is_rigid(text):
                        found[text] += 1
    assert not wrapped, f"{name}: numbers broken over lines (page, pieces): {wrapped[:5]}"
    # and every amount of every Word table is found whole in some cell of the PDF
    missing = _amounts_in_docx(made[name][0]) - found
    assert not missing, f"{name}: amounts not found whole in a cell: {dict(list(missing.items())[:8])}"


@pytest.mark.parametrize("name", list(FILES))
def test_no_amount_breaks_in_the_text(name, pages):
    """A figure in a sentence never breaks at a line's end ("161." / "09万元")."""
    broken = [line for page in pages[name] for line in page["outside"] if re.search(r"\d[.,]$", line)]
    assert not broken, f"{name}: {broken[:3]}"


@pytest.mark.parametrize("name", list(FILES))
def test_the_toc_lists_every_part_with_its_page(name, made, pages):
    d = docx.Document(str(made[name][0]))
    parts = [re.sub(r"\s", "", p.text) for p in d.paragraphs if p.style.name == PART]
    assert len(parts) >= 4
    doc_pages = pages[name]
    toc_pages = [p for p in doc_pages[1:4] if any("目录" in line for line in p["lines"][:2])]
    assert toc_pages, f"{name}: no 目录 page"
    toc_lines = [line.replace(" ", "") for p in doc_pages[1:4] for line in p["lines"] if "…" in line or "." in line]
    for title in parts:
        entry = [line for line in toc_lines if line.startswith(title.replace(" ", ""))]
        assert entry and re.search(r"\d+$", entry[0]), f"{name}: 目录 has no page for {title}"
        listed = int(re.search(r"(\d+)$", entry[0]).group(1))
        # the page the part starts on, by its printed number (its footer)
        printed = next(int(re.search(r"\d+", p["footer"]).group()) for p in doc_pages
                       if "".join(p["lines"][:2]).replace(" ", "").startswith(title.replace(" ", ""))
                       and re.search(r"\d+", p["footer"]))
        # the numbers are estimated at export and refreshed by Word on opening: at most one off
        assert abs(listed - printed) <= 1, (name, title, listed, printed)


@pytest.mark.parametrize("name", list(FILES))
def test_cover_and_toc_unnumbered_first_part_is_page_one(name, made, pages):
    doc_pages = pages[name]
    assert doc_pages[0]["footer"] == ""
    assert not any(re.fullmatch(r"[—–-]?\s*\d+\s*[—–-]?", line) for line in doc_pages[0]["lines"])
    first = next(k for k, p in enumerate(doc_pages) if p["lines"] and p["lines"][0].startswith("第一部分"))
    assert all(p["footer"] == "" for p in doc_pages[:first])
    assert re.fullmatch(r"—\s*1\s*—", doc_pages[first]["footer"]), doc_pages[first]["footer"]
    assert re.fullmatch(r"—\s*2\s*—", doc_pages[first + 1]["footer"])


@pytest.mark.parametrize("name", list(FILES))
def test_no_page_holds_only_a_title_or_one_table_row(name, pages):
    doc_pages = pages[name]
    for k, page in enumerate(doc_pages[1:], 2):
        if not page["tables"]:
            assert len(page["lines"]) > 2, f"{name} page {k} holds only {page['lines']}"
            continue
    # tables running over a page: the rows on each page beyond the repeated header
    for k in range(1, len(doc_pages) - 1):
        page, nxt = doc_pages[k], doc_pages[k + 1]
        if not page["tables"] or not nxt["tables"]:
            continue
        last, cont = page["tables"][-1], nxt["tables"][0]
        above = [w for w in nxt["words"] if w["bottom"] < cont["bbox"][1] - 1]
        if above:
            continue  # the next page's table has a title: a new table, not a continuation
        head = 0
        while head < min(len(last["rows"]), len(cont["rows"])) and \
                _row_text(last["rows"][head]) == _row_text(cont["rows"][head]):
            head += 1
        body_here = len(last["rows"]) - head
        body_there = len(cont["rows"]) - head
        assert body_here >= 2, f"{name} page {k + 1}: a lone row at the foot ({body_here} rows)"
        assert body_there >= 2, f"{name} page {k + 2}: a lone row under the repeated header"


def shanghai_reference() -> int:
    """Pages of the 上海 layout of the sample at 28 characters × 22 lines (see PUBLISHED_PAGES)."""
    import math
    project = api.load(SAMPLES / FILES["shanghai"])
    doc = api.render(project)
    lines = 2  # the part title
    for sec in doc.sections:
        lines += math.ceil(len(sec.heading) / 28)
        lines += sum(math.ceil((len(p.text) + 2) / 28) for p in sec.paragraphs)  # +2: the indent
    glossary = 2 + sum(math.ceil((len(t) + 4) / 28) for t in api.style_for(project).settings.glossary)
    return 2 + 1 + 9 + math.ceil(lines / 22) + math.ceil(glossary / 22)


@pytest.mark.parametrize("name", list(FILES))
def test_page_count_near_the_publication(name, pages):
    n = len(pages[name])
    ref = PUBLISHED_PAGES[name] if name in PUBLISHED_PAGES else shanghai_reference()
    assert abs(n - ref) <= ref * 0.10, f"{name}: {n} pages, the publication {ref}"


# two-character words of the tables' headings a break must never cut (written by hand, apart from
# the export's own word list): "事业收/入", "科目代/码" were what LibreOffice printed before
NEVER_CUT = ("收入", "支出", "合计", "小计", "代码", "编码", "名称", "经费", "拨款", "补助", "单位", "结余",
             "结转", "上缴", "上级", "事业", "经营", "其他", "本年", "年初", "年末", "基本", "项目", "财政",
             "预算", "公务", "用车", "购置", "接待", "栏次", "行次", "金额", "科目", "基金", "资本")


def _header_texts(path) -> set[str]:
    """The texts of every heading cell (the rows Word repeats on each page) of the Word file."""
    d = docx.Document(str(path))
    out = set()
    for t in d.tables:
        for row in t.rows:
            if row._tr.trPr is None or row._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is None:
                continue
            out.update(c.text.replace("\n", "") for c in row.cells if c.text.strip())
    return out


def _cell_lines(cell) -> list[str]:
    rows: dict[int, list] = {}
    for w in cell:
        rows.setdefault(round(w["top"] / 3), []).append(w)
    return ["".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"])) for _, ws in sorted(rows.items())]


@pytest.mark.parametrize("name", list(FILES))
def test_no_heading_word_is_split(name, made, pages):
    """A heading that wraps in the PDF breaks between words: "事业/收入", never "事业收/入"."""
    from narratives.export.header_words import words
    headings = _header_texts(made[name][0])
    assert {"科目名称", "合计"} & headings
    split, wrapped = [], 0
    for k, page in enumerate(pages[name], 1):
        for t in page["tables"]:
            for row in t["rows"]:
                if any(is_rigid(_cell_text(c)) for c in row if c):
                    break  # the 栏次 row or the first row of figures: the headings are above it
                for cell in row:
                    lines = _cell_lines(cell)
                    text = "".join(lines).replace(" ", "")
                    if len(lines) < 2 or text not in headings:
                        continue
                    wrapped += 1
                    bounds, at = set(), 0
                    for w in words(text):
                        at += len(w)
                        bounds.add(at)
                    at = 0
                    for line, nxt in zip(lines, lines[1:]):
                        at += len(line.replace(" ", ""))
                        pair = line[-1] + nxt[0]
                        if at not in bounds or pair in NEVER_CUT:
                            split.append((k, lines))
    assert wrapped, f"{name}: no wrapped heading found (the test would pass vacuously)"
    assert not split, f"{name}: headings cut inside a word (page, lines): {split[:5]}"


@pytest.mark.parametrize("name", list(FILES))
def test_no_row_label_cuts_a_common_word(name, pages):
    """A row label that wraps ("一、一般公共预算" / "财政拨款") does not cut 收入, 支出, 拨款 … either."""
    cut, wrapped = [], 0
    for k, page in enumerate(pages[name], 1):
        for t in page["tables"]:
            for row in t["rows"]:
                for cell in row:
                    lines = _cell_lines(cell)
                    if len(lines) < 2 or is_rigid("".join(lines)):
                        continue
                    wrapped += 1
                    cut += [(k, lines) for line, nxt in zip(lines, lines[1:]) if line[-1] + nxt[0] in NEVER_CUT]
    assert wrapped, f"{name}: no wrapped label found (the test would pass vacuously)"
    assert not cut, f"{name}: labels cut inside a word (page, lines): {cut[:5]}"
