"""Reading a published disclosure into plain text: .txt/.md, .docx (python-docx) and text-layer
PDF (pdfplumber, see ``pdf``).  Tables come out as tab-separated rows, the way the seeds hold
them, so one light table parser serves every format; paragraphs are one per line; a line holding
a form feed ("\f") separates pages (PDF pages, Word's page breaks), so findings name their page.
Every failure is a Chinese message naming the file; a scanned PDF (no text layer) is refused
rather than audited into nonsense, and so is a file too large to be a publication (the audit's
work grows with the text: a limit keeps a stray 1 GB file from holding a reviewer's batch).
"""
from __future__ import annotations

from pathlib import Path

from ..errors import JuesuanError
from .pdf import one_label_row

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
# below this many characters per page a PDF is a scan (page numbers and stamps are all it has)
MIN_CHARS_PER_PAGE = 20
# a publication with its tables is 20–300 pages, 50 000–300 000 characters
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_PDF_PAGES = 1000
MAX_TEXT_CHARS = 3_000_000
PAGE_BREAK = "\f"


class AuditReadError(JuesuanError):
    """A file the audit cannot read; the message names it and says what was expected."""


def read_document(path: str | Path) -> str:
    p = Path(path)
    if not p.exists():
        raise AuditReadError(f"找不到文件 {p}")
    if p.is_dir():
        raise AuditReadError(f"{p} 是文件夹，应为 .txt、.md、.docx 或 .pdf 文件")
    if not p.is_file():
        raise AuditReadError(f"{p.name}：不是普通文件（设备、管道等），无法审核")
    try:
        size = p.stat().st_size
    except OSError as exc:
        from ..io.projectfile import read_reason  # Chinese, not strerror's English (rel)
        raise AuditReadError(f"无法读取 {p}：{read_reason(exc)}") from None
    if size > MAX_FILE_BYTES:
        raise AuditReadError(f"{p.name}：文件过大（{size // (1024 * 1024)} MB），超过审核上限 "
                             f"{MAX_FILE_BYTES // (1024 * 1024)} MB，不像是一份决算公开文件")
    text = _read_any(p)
    check_length(text, p.name)
    return text


def check_length(text: str, name: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise AuditReadError(f"{name or '文本'}：文字过长（{len(text):,} 字），超过审核上限 {MAX_TEXT_CHARS:,} 字，"
                             "不像是一份决算公开文件（通常不足 30 万字）")


def _read_any(p: Path) -> str:
    suffix = p.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES or suffix == "":
            return _read_text(p)
        if suffix == ".docx":
            return _read_docx(p)
        if suffix == ".pdf":
            return _read_pdf(p)
    except PermissionError:
        raise AuditReadError(f"{p.name}：没有读取权限") from None
    except IsADirectoryError:
        raise AuditReadError(f"{p.name} 是文件夹，应为 .txt、.md、.docx 或 .pdf 文件") from None
    if suffix in {".doc", ".wps"}:
        raise AuditReadError(f"{p.name}：旧版 Word 格式（{suffix}）无法读取，请在 Word/WPS 中另存为 .docx")
    raise AuditReadError(f"{p.name}：不支持的文件类型“{suffix}”（应为 .txt、.md、.docx 或 .pdf）")


def _read_text(p: Path) -> str:
    data = p.read_bytes()
    # published texts come as UTF-8 (with or without BOM) or GB18030 (older Windows tools)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return pipe_tables_to_rows(data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n"))
        except UnicodeDecodeError:
            continue
    raise AuditReadError(f"{p.name}：无法识别文字编码（应为 UTF-8 或 GBK/GB18030）")


def _pipe_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip()[1:-1].split("|")]


def pipe_tables_to_rows(text: str) -> str:
    """Markdown tables ("| 收入·项目 | 收入·行次 |", juesuan's own Markdown export) as tab rows.
    A header written "收入·项目" (levels joined with ·) becomes one header row per level, a
    label repeated over the columns it spans, as a worksheet's merged header reads."""
    lines = text.split("\n")  # not splitlines(): a form feed (page break) is no line end here
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        is_table = line.startswith("|") and line.endswith("|") and i + 1 < len(lines) \
            and set(lines[i + 1].strip()) <= set("|-: ") and "-" in lines[i + 1]
        if not is_table:
            out.append(lines[i])
            i += 1
            continue
        header = [cell.split("·") for cell in _pipe_cells(line)]
        depth = max(len(levels) for levels in header)
        for level in range(depth):
            out.append("\t".join(levels[min(level, len(levels) - 1)] for levels in header))
        i += 2
        while i < len(lines) and lines[i].strip().startswith("|"):
            out.append("\t".join(_pipe_cells(lines[i])))
            i += 1
    return "\n".join(out)


def _read_docx(p: Path) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - python-docx is a core dependency
        raise AuditReadError("读取 .docx 需要 python-docx") from None
    try:
        document = docx.Document(str(p))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise AuditReadError(f"{p.name}：不是有效的 .docx 文件（{type(exc).__name__}）") from None
    lines: list[str] = []
    # Word records where it last broke the pages (w:lastRenderedPageBreak) when it saves: those
    # are the pages the reader saw.  A file made by a program has only its explicit breaks, and
    # long tables run over more pages than they count: no page numbers then rather than wrong ones
    rendered = document.element.body.find(".//" + _W + "lastRenderedPageBreak") is not None
    # body order matters (a table sits between its title and its note): walk the body's children
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            before, after = _rendered_breaks(child) if rendered else (0, 0)
            if before:
                lines.append(PAGE_BREAK * before)
            lines.append(Paragraph(child, document).text)
            if after:
                lines.append(PAGE_BREAK * after)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                # one text per grid column: a merged cell repeats over its span, as the workbook
                # reader fills merged cells, so the same layout finder reads both
                cells = [cell.text.replace("\n", "").replace("\t", " ").strip() for cell in row.cells]
                lines.append("\t".join(one_label_row(cells)))
            lines.append("")
    return "\n\n".join(lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _rendered_breaks(paragraph) -> tuple[int, int]:
    """(breaks before the paragraph's first character, breaks inside it): a paragraph is on the
    page it starts on, so a break inside it counts for the paragraphs after."""
    before = after = 0
    seen_text = False
    for el in paragraph.iter(_W + "t", _W + "lastRenderedPageBreak"):
        if el.tag == _W + "t":
            seen_text = seen_text or bool(el.text)
        elif seen_text:
            after += 1
        else:
            before += 1
    return before, after


def _read_pdf(p: Path) -> str:
    from .pdf import PdfUnreadable, read_pdf
    try:
        text, pages, visible = read_pdf(p, MAX_PDF_PAGES)
    except PdfUnreadable as exc:
        raise AuditReadError(f"{p.name}：{exc}") from None
    if not pages or visible < MIN_CHARS_PER_PAGE * pages:
        raise AuditReadError(
            f"{p.name}：PDF 没有文字层（{pages} 页共 {visible} 个字符），应是扫描件。"
            "请先用 OCR 转成文字（或取得原 Word 文件）后再审核")
    return text
