"""Word output with python-docx, from the export blocks (``layout``) and the neutral document.

The whole disclosure: a cover in its own section without a page number, the 目录 (a Word TOC
field over the outline-levelled part, section and table titles, filled with estimated page numbers
and refreshed by Word on opening), then the parts numbered from 1, page numbers at the outside edge.
Tables get column widths from their content (``fit``) and a landscape page only when portrait
cannot hold them; header rows repeat, rows never split, and no row is left alone on a page.

The look is GB/T 9704 (党政机关公文格式) unless the style says otherwise (``settings``): body
仿宋_GB2312 三号, 一、 headings 黑体, （一） headings 楷体_GB2312, title 方正小标宋简体 二号 centred,
fixed 28磅 line spacing, first-line indent of two characters, A4 with margins 37/35/28/26 mm and
"— 1 —" page numbers.  Chinese fonts need ``w:eastAsia`` on ``w:rFonts``: Word picks the East Asian
font for Chinese characters from that attribute only, so it is set on every style and every run,
and the theme-font attributes the default template carries are removed (they would win).
"""
from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from ..render.document import Document, Paragraph
from . import docx_package
from .fit import CELL_PAD_PT, cell_lines, fit_table, is_rigid, lines_needed, row_heights, text_width
from .layout import Block, Cell, Cover, Heading, Para, Part3, PartHeading, Table, TableBlock, Title, Toc
from .paging import Pager
from .settings import DocxSettings

PAPER_MM = {"A4": (210, 297), "A3": (297, 420), "B5": (176, 250)}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?%?$")

# style ids of the paragraph styles this writer makes (names are what the clerk sees in Word)
BODY, H1, H2, TITLE, CAPTION, FIGURE, TABLE_TEXT, TABLE_TITLE, NOTE = (
    "Normal", "一级标题", "二级标题", "文档标题", "图题", "图片", "表格文字", "表格标题", "表注")
PART, COVER, TOC_TITLE, TOC1, TOC2 = "部分标题", "封面标题", "目录标题", "toc 1", "toc 2"
COVER_FOOT = "封面落款"
# outline levels (0 = Word's level 1): parts, then 一、 sections and tables, then （一）
OUTLINE = {PART: 0, H1: 1, TABLE_TITLE: 1, H2: 2}


def set_fonts(element, east: str, latin: str) -> None:
    """Set ascii/hAnsi/cs to ``latin`` and eastAsia to ``east`` on a style's or run's rPr."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east)
    fonts.set(qn("w:hint"), "eastAsia")


def _indent_chars(pf, element, chars: int, size: float) -> None:
    """First-line indent in characters (w:firstLineChars, what Word's 2字符 writes) and the same
    in points for readers that ignore the character unit (LibreOffice before 7.6)."""
    pf.first_line_indent = Pt(size * chars) if chars else Pt(0)
    ind = element.get_or_add_pPr().find(qn("w:ind"))
    if ind is not None:
        if chars:
            ind.set(qn("w:firstLineChars"), str(chars * 100))
        else:
            ind.attrib.pop(qn("w:firstLineChars"), None)


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(text: str) -> str:
    return escape(_XML_BAD.sub("", text))


def _xml_attr(text: str) -> str:
    return escape(_XML_BAD.sub("", text), {'"': "&quot;"})


def _png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG header (for the page estimate)."""
    if png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) >= 24:
        return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return 4, 3


# a styled empty document per look: making the styles through python-docx costs more than
# reading them back, and a batch or the app exports with the same settings again and again
_BASES: dict[str, bytes] = {}


class DocxBuilder:
    def __init__(self, settings: DocxSettings):
        self.s = settings
        self.table_line = round(settings.table_size * 1.17 * 4) / 4  # 9 pt type on 10.5 pt lines
        self._ids: dict[str, str | None] = {}
        key = settings.model_dump_json()
        base = _BASES.get(key)
        if base is None:
            self.doc = new_document()
            self._styles()
            self._page(self.doc.sections[0], landscape=False)
            buf = io.BytesIO()
            self.doc.save(buf)
            if len(_BASES) > 16:
                _BASES.clear()
            _BASES[key] = buf.getvalue()
        else:
            self.doc = new_document(io.BytesIO(base))
        self._end = self.doc.element.body.find(qn("w:sectPr"))  # new paragraphs go before it
        self._first = True  # nothing written on this page yet: the next title needs no page break
        self._landscape = False
        self._numbered = False  # page numbers in the footer from here on
        self._pager = Pager(self._type_height())
        self._toc: tuple | None = None  # (anchor paragraph, levels) where the 目录 entries go
        self._entries: list[tuple[int, str, str, int]] = []  # (level, text, bookmark, page)
        self._bookmark = 0
        self._fonts = {settings.body_font, settings.heading1_font, settings.heading2_font, settings.title_font,
                       settings.page_number_font, settings.latin_font}

    # ------------------------------------------------------------------ styles
    def _paragraph_style(self, name: str, font: str, size: float, *, align=None, spacing: float | None = None,
                         indent: int | None = None, outline: int | None = None, bold: bool = False,
                         keep_with_next: bool = False):
        styles = self.doc.styles
        # only Normal comes with the template; looking styles up by name scans them all, so the
        # Normal style object is kept once made
        if name == BODY:
            st = self._normal = styles[BODY]
        else:
            st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = self._normal
            st.quick_style = True
        st.font.size = Pt(size)
        st.font.bold = bold
        st.font.color.rgb = None
        set_fonts(st.element, font, self.s.latin_font)
        pf = st.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        # a heading never ends a page, a picture never leaves its caption
        pf.keep_with_next = keep_with_next or None
        if spacing is None:
            pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        else:
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(spacing)
        if align is not None:
            pf.alignment = align
        if indent is not None:
            _indent_chars(pf, st.element, indent, size)
        if outline is not None:
            ppr = st.element.get_or_add_pPr()
            lvl = ppr.find(qn("w:outlineLvl"))
            if lvl is None:
                lvl = OxmlElement("w:outlineLvl")
                ppr.append(lvl)
            lvl.set(qn("w:val"), str(outline))
        return st

    def _styles(self) -> None:
        s = self.s
        # document defaults too: text outside any of our styles (e.g. in a table Word adds) stays 仿宋
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            fonts = rpr_default.find(qn("w:rPr")).find(qn("w:rFonts"))
            if fonts is not None:
                for attr in _THEME_ATTRS:
                    fonts.attrib.pop(qn(attr), None)
                fonts.set(qn("w:ascii"), s.latin_font)
                fonts.set(qn("w:hAnsi"), s.latin_font)
                fonts.set(qn("w:eastAsia"), s.body_font)
        j = WD_ALIGN_PARAGRAPH
        self._paragraph_style(BODY, s.body_font, s.body_size, align=j.JUSTIFY, spacing=s.line_spacing,
                              indent=s.first_line_chars)
        self._paragraph_style(H1, s.heading1_font, s.heading_size, spacing=s.line_spacing,
                              indent=s.first_line_chars, outline=OUTLINE[H1], keep_with_next=True)
        self._paragraph_style(H2, s.heading2_font, s.heading_size, spacing=s.line_spacing,
                              indent=s.first_line_chars, outline=OUTLINE[H2], keep_with_next=True)
        self._paragraph_style(TITLE, s.title_font, s.title_size, align=j.CENTER, spacing=s.title_line_spacing,
                              indent=0)
        self._paragraph_style(PART, s.title_font, s.title_size, align=j.CENTER, spacing=s.title_line_spacing,
                              indent=0, outline=OUTLINE[PART], keep_with_next=True)
        self._paragraph_style(COVER, s.title_font, s.cover_size, align=j.CENTER, spacing=s.cover_size * 1.6,
                              indent=0)
        self._paragraph_style(COVER_FOOT, s.heading2_font, s.heading_size, align=j.CENTER,
                              spacing=s.line_spacing, indent=0)
        self._paragraph_style(TOC_TITLE, s.heading1_font, s.title_size, align=j.CENTER,
                              spacing=s.title_line_spacing, indent=0)
        for name, level in ((TOC1, 0), (TOC2, 1)):
            st = self._paragraph_style(name, s.heading1_font if level == 0 else s.body_font, s.toc_size,
                                       spacing=s.toc_line_spacing, indent=0)
            st.paragraph_format.left_indent = Pt(s.toc_size * 2 * level)
        self._paragraph_style(CAPTION, s.body_font, s.caption_size, align=j.CENTER, spacing=s.line_spacing,
                              indent=0)
        # a picture in a fixed-spacing paragraph would be cut to one line's height: single spacing
        self._paragraph_style(FIGURE, s.body_font, s.body_size, align=j.CENTER, spacing=None, indent=0,
                              keep_with_next=True)
        # exact spacing in tables: rows as tall in Word as in LibreOffice, whatever the font's metrics
        self._paragraph_style(TABLE_TEXT, s.body_font, s.table_size, spacing=self.table_line, indent=0)
        self._paragraph_style(TABLE_TITLE, s.heading1_font, s.heading_size, align=j.CENTER,
                              spacing=s.line_spacing, indent=0, outline=OUTLINE[TABLE_TITLE], keep_with_next=True)
        self._paragraph_style(NOTE, s.body_font, s.table_size, spacing=self.table_line, indent=0)

    # ------------------------------------------------------------------ page
    def _page(self, section, landscape: bool) -> None:
        w, h = PAPER_MM[self.s.paper]
        m = self.s.margins
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(h), Mm(w)
            # the binding edge stays the left one when the page turns
            section.top_margin, section.bottom_margin = Mm(m.right), Mm(m.left)
            section.left_margin, section.right_margin = Mm(m.top), Mm(m.bottom)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(w), Mm(h)
            section.top_margin, section.bottom_margin = Mm(m.top), Mm(m.bottom)
            section.left_margin, section.right_margin = Mm(m.left), Mm(m.right)
        section.header_distance = Mm(15)
        # GB/T 9704: the page number sits about 7 mm below the type area
        section.footer_distance = Mm(max(5.0, (m.right if landscape else m.bottom) - 7 - 6))

    def _type_height(self) -> float:
        sec = self.doc.sections[-1]
        return (sec.page_height - sec.top_margin - sec.bottom_margin) / Pt(1)

    def _text_width_pt(self) -> float:
        sec = self.doc.sections[-1]
        return (sec.page_width - sec.left_margin - sec.right_margin) / Pt(1)

    def _text_width_mm(self) -> float:
        return self._text_width_pt() * 25.4 / 72

    def _widths_pt(self) -> tuple[float, float]:
        """The type area's width in points on a portrait and on a landscape page."""
        w, h = PAPER_MM[self.s.paper]
        m = self.s.margins
        return (w - m.left - m.right) * 72 / 25.4, (h - m.top - m.bottom) * 72 / 25.4

    def _footer(self, section) -> None:
        """Page numbers in this section's footer (and the sections after it, which inherit them)."""
        if not self.s.page_number:
            return
        if self.s.page_number_position == "outside":
            # GB/T 9704 7.5: 单页码居右空一字，双页码居左空一字 — odd and even pages differ
            self.doc.settings.odd_and_even_pages_header_footer = True
            self._page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
            self._page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
        else:
            self._page_number(section.footer, WD_ALIGN_PARAGRAPH.CENTER)
        self._numbered = True

    def _page_number(self, footer, align) -> None:
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.style = self.doc.styles[TABLE_TEXT]
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # not the tables' exact spacing
        p.alignment = align
        one_char = Pt(self.s.page_number_size)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = one_char
        elif align == WD_ALIGN_PARAGRAPH.LEFT:
            p.paragraph_format.left_indent = one_char
        before, _, after = self.s.page_number.partition("{page}")
        if before:
            self._run(p, before, self.s.page_number_font, self.s.page_number_size)
        self._field(p, "PAGE", "1", self.s.page_number_font, self.s.page_number_size)
        if after:
            self._run(p, after, self.s.page_number_font, self.s.page_number_size)

    def _field(self, p, instr: str, result: str, font: str | None = None, size: float | None = None):
        """A complex field (begin, instruction, separate, cached result, end); returns the result run."""
        def fld(kind: str):
            r = self._run(p, "", font, size)
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            r._r.append(el)
        fld("begin")
        r = self._run(p, "", font, size)
        el = OxmlElement("w:instrText")
        el.set(qn("xml:space"), "preserve")
        el.text = f" {instr} "
        r._r.append(el)
        fld("separate")
        res = self._run(p, result, font, size)
        fld("end")
        return res

    def _new_section(self, landscape: bool):
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        # a copied w:pgNumType start would restart the numbering in every later section
        num = section._sectPr.find(qn("w:pgNumType"))
        if num is not None:
            section._sectPr.remove(num)
        self._page(section, landscape)
        self._landscape = landscape
        self._first = True  # the new section already starts a page
        self._pager.new_page(self._type_height())
        return section

    def _orientation(self, landscape: bool) -> None:
        if landscape != self._landscape:
            self._new_section(landscape)

    def _break(self) -> bool:
        """A page break before the next paragraph, unless the page is still empty."""
        if self._first:
            return False
        self._pager.new_page()
        return True

    # ------------------------------------------------------------------ text
    def _run(self, p, text: str, font: str | None = None, size: float | None = None, bold: bool | None = None):
        r = p.add_run(_XML_BAD.sub("", text))  # last guard: a control character makes Word's XML invalid (rel)
        if font:
            set_fonts(r._r, font, self.s.latin_font)
        if size:
            r.font.size = Pt(size)
        if bold is not None:
            r.font.bold = bold
        return r

    def _style_id(self, name: str) -> str | None:
        if name not in self._ids:
            self._ids[name] = None if name == BODY else self.doc.styles[name].style_id
        return self._ids[name]

    def _new_paragraph(self, style: str):
        el = OxmlElement("w:p")
        self._end.addprevious(el)  # (python-docx's add_paragraph searches the whole body for its place)
        p = DocxParagraph(el, self.doc._body)
        sid = self._style_id(style)
        if sid:
            p._p.style = sid
        return p

    def _height(self, text: str, size: float, spacing: float | None, indent_em: float = 0) -> float:
        lines = lines_needed(text, self._text_width_pt() - indent_em * size, size)
        return lines * (spacing if spacing else size * 1.3)

    def paragraph(self, text: str, style: str, font: str, *, page_break: bool = False, align=None):
        p = self._new_paragraph(style)
        if page_break and self._break():
            p.paragraph_format.page_break_before = True
        if align is not None:
            p.alignment = align
        self._run(p, text, font)
        self._first = False
        if style in OUTLINE:
            self._mark(p, text, OUTLINE[style])
        return p

    def _mark(self, p, text: str, level: int) -> None:
        """A bookmark around an outline-levelled title, for the 目录's PAGEREF field."""
        self._bookmark += 1
        name = f"_Toc{100000 + self._bookmark}"
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._bookmark))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._bookmark))
        runs = p._p.findall(qn("w:r"))
        if runs:
            runs[0].addprevious(start)
            runs[-1].addnext(end)
        else:
            p._p.append(start)
            p._p.append(end)
        self._entries.append((level, text, name, -1))

    def _placed(self) -> None:
        """The titles just placed by the pager get its page number."""
        n = self._pager.number
        self._entries = [(lv, t, b, n if pg < 0 else pg) for lv, t, b, pg in self._entries]

    def title(self, text: str) -> None:
        self.paragraph(text, TITLE, self.s.title_font)
        self._pager.keep(self._height(text, self.s.title_size, self.s.title_line_spacing))

    def cover(self, block: Cover) -> None:
        """The cover: the title in its lines, a third down the page; its own section, no number."""
        s = self.s
        top = self._type_height() * 0.28
        for k, line in enumerate(block.lines):
            p = self.paragraph(line, COVER, s.title_font)
            if k == 0:
                p.paragraph_format.space_before = Pt(top)
        # the 落款 (unit, month) about three quarters down, as the published covers print it
        title_h = top + len(block.lines) * s.cover_size * 1.6
        foot_h = len(block.foot_lines) * s.line_spacing
        for k, line in enumerate(block.foot_lines):
            p = self.paragraph(line, COVER_FOOT, s.heading2_font)
            if k == 0:
                gap = self._type_height() * 0.78 - title_h - foot_h
                p.paragraph_format.space_before = Pt(max(gap, s.line_spacing))
        self._pager.place(self._type_height() * 0.5)

    def toc(self, block: Toc) -> None:
        """目录 on its own page(s) after the cover; the entries are written when the titles are known."""
        if not self._first:
            self._new_section(False)
        p = self.paragraph(block.title, TOC_TITLE, self.s.heading1_font)
        self._toc = (p, block.levels)
        self._first = False

    def part_heading(self, text: str, landscape: bool = False) -> None:
        if not self._numbered:
            # the first part after the cover and 目录: a new section numbered from 1
            self._start_numbering(landscape)
        self._orientation(landscape)
        p = self.paragraph(text, PART, self.s.title_font, page_break=True)
        lines = self._title_lines(text, self.s.title_size)
        if len(lines) > 1:  # too long for one line: broken between phrases, not where the line ends
            run = p.runs[0]
            run.text = lines[0]
            for line in lines[1:]:
                run.add_break()
                t = OxmlElement("w:t")
                t.text = line
                run._r.append(t)
        self._pager.keep(self._height(text, self.s.title_size, self.s.title_line_spacing) + self.s.line_spacing)

    def _title_lines(self, text: str, size: float) -> list[str]:
        """A title as the lines it is printed in: whole if it fits, else broken after "第X部分" and
        before the year ("…司法局" / "2024年度部门决算情况说明"), as few breaks as make it fit."""
        width = self._text_width_pt()
        if text_width(text, size) <= width:
            return [text]
        head, sep, rest = text.partition(" ")
        m = re.search(r"(?<!^)\d{4}年", rest)
        options = []
        if sep:
            options.append([head, rest])
        if m:
            options.append([f"{head}{sep}{rest[:m.start()]}", rest[m.start():]])
            if sep:
                options.append([head, rest[:m.start()], rest[m.start():]])
        for lines in options:
            if all(text_width(x, size) <= width for x in lines):
                return lines
        return options[-1] if options else [text]

    def _start_numbering(self, landscape: bool) -> None:
        section = self._new_section(landscape)
        num = OxmlElement("w:pgNumType")
        num.set(qn("w:start"), "1")
        cols = section._sectPr.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(num)
        else:
            section._sectPr.append(num)
        self._footer(section)
        self._pager.restart_numbering()

    def heading(self, text: str, level: int = 1) -> None:
        if level == 1:
            self.paragraph(text, H1, self.s.heading1_font)
        else:
            self.paragraph(text, H2, self.s.heading2_font)
        self._pager.keep(self._height(text, self.s.heading_size, self.s.line_spacing, self.s.first_line_chars))

    def body(self, text: str, indent: bool = True, centre: bool = False, right: bool = False) -> None:
        p = self.paragraph(text, BODY, self.s.body_font)
        if not indent or centre or right:
            _indent_chars(p.paragraph_format, p._p, 0, self.s.body_size)
        if centre:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif right:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        h = self._height(text, self.s.body_size, self.s.line_spacing, self.s.first_line_chars if indent else 0)
        self._pager.place(h, split=True, first=min(h, 2 * self.s.line_spacing))
        self._placed()

    def caption(self, text: str) -> None:
        self.paragraph(text, CAPTION, self.s.body_font)

    def figure(self, png: bytes, alt: str = "") -> None:
        p = self._new_paragraph(FIGURE)
        shape = p.add_run().add_picture(io.BytesIO(png), width=Cm(self.s.chart_width_cm))
        if alt:  # alt text, read aloud by screen readers and shown by Word's 可选文字
            doc_pr = shape._inline.docPr
            doc_pr.set("descr", alt)
            doc_pr.set("title", alt)
        self._first = False
        w, h = _png_size(png)
        return self.s.chart_width_cm * 72 / 2.54 * h / max(w, 1)

    # ------------------------------------------------------------------ tables
    def table(self, t: Table, width_mm: float, widths_pt: list[float] | None = None, size: float | None = None,
              keep: set[int] | None = None) -> None:
        """The table as one piece of WordprocessingML parsed once: spans are w:gridSpan and
        w:vMerge, the header rows repeat on each page, rows never split across pages, and rows in
        ``keep`` stay on the page of the row after them.  (Built cell by cell through python-docx,
        a sample's 公开01–10表 took over a second; its cell() and merge() walk the whole table.)"""
        nrows, ncols, placed = t.placed()
        owner: dict[tuple[int, int], tuple[int, int, Cell, bool]] = {}
        for r, c, cell, is_header in placed:
            for dr in range(cell.rows):
                for dc in range(cell.cols):
                    owner[(r + dr, c + dc)] = (r, c, cell, is_header)
        total_tw = round(width_mm / 25.4 * 1440)
        if widths_pt:
            col_tw = [round(w * 20) for w in widths_pt[:ncols]]
            col_tw += [round(total_tw / ncols)] * (ncols - len(col_tw))
        else:
            widths = list(t.widths or [])[:ncols]
            widths += [1.0] * (ncols - len(widths))
            col_tw = [round(total_tw * w / sum(widths)) for w in widths]
        keep = keep or set()
        sid = _xml_attr(self._style_id(TABLE_TEXT) or "")
        grid_style = _xml_attr(self.doc.styles["Table Grid"].style_id)
        sz = f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>' if size else ""
        fonts = (f'<w:rFonts w:ascii="{_xml_attr(self.s.latin_font)}" w:hAnsi="{_xml_attr(self.s.latin_font)}" '
                 f'w:cs="{_xml_attr(self.s.latin_font)}" w:eastAsia="{_xml_attr(self.s.body_font)}" w:hint="eastAsia"/>')
        pad = round(CELL_PAD_PT * 20)
        out = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{grid_style}"/>'
               f'<w:tblW w:w="{sum(col_tw)}" w:type="dxa"/><w:jc w:val="center"/>'
               '<w:tblLayout w:type="fixed"/>'
               f'<w:tblCellMar><w:left w:w="{pad}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>'
               '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
               'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
        out += [f'<w:gridCol w:w="{w}"/>' for w in col_tw]
        out.append("</w:tblGrid>")
        for r in range(nrows):
            header_row = r < len(t.header) and t.repeat_header
            out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header_row else "") + "</w:trPr>")
            kn = "<w:keepNext/>" if r in keep else ""
            ppr = f'<w:pStyle w:val="{sid}"/>{kn}'
            c = 0
            while c < ncols:
                got = owner.get((r, c))
                if got is None:
                    out.append(f'<w:tc><w:tcPr><w:tcW w:w="{col_tw[c]}" w:type="dxa"/></w:tcPr>'
                               f'<w:p><w:pPr>{ppr}</w:pPr></w:p></w:tc>')
                    c += 1
                    continue
                r0, c0, cell, is_header = got
                span = min(cell.cols, ncols - c)
                pr = [f'<w:tcW w:w="{sum(col_tw[c:c + span])}" w:type="dxa"/>']
                if span > 1:
                    pr.append(f'<w:gridSpan w:val="{span}"/>')
                if cell.rows > 1:
                    pr.append('<w:vMerge w:val="restart"/>' if r == r0 else "<w:vMerge/>")
                pr.append('<w:vAlign w:val="center"/>')
                align = cell.align or ("center" if is_header else
                                       "right" if _NUMBER.match(cell.text.strip()) else "left")
                run = ""
                if r == r0 and cell.text:
                    bold = "<w:b/>" if (is_header or cell.bold) else ""
                    pieces = cell.text.split("\n")
                    if widths_pt and not is_rigid(cell.text):
                        # the breaks of a heading or a label are ours, between words: left to Word
                        # or LibreOffice, a narrow column cut "事业收入" into "事业收" / "入"
                        pieces = list(cell_lines(cell.text, sum(widths_pt[c:c + span]) - 2 * CELL_PAD_PT,
                                                 size or self.s.table_size, is_header or cell.bold))
                    text = "<w:br/>".join(f'<w:t xml:space="preserve">{_xml_text(x)}</w:t>' for x in pieces)
                    run = f"<w:r><w:rPr>{fonts}{bold}{sz}</w:rPr>{text}</w:r>"
                out.append(f'<w:tc><w:tcPr>{"".join(pr)}</w:tcPr><w:p><w:pPr>{ppr}'
                           f'<w:jc w:val="{align}"/></w:pPr>{run}</w:p></w:tc>')
                c += span
            out.append("</w:tr>")
        out.append("</w:tbl>")
        tbl = parse_xml("".join(out))
        self._end.addprevious(tbl)
        self._first = False

    def _keep_rows(self, t: Table, heights: list[float], whole: bool = False) -> set[int]:
        """Rows kept with the next: the header rows and the first body row (never a lone row at
        a page's foot), the last two body rows (never a lone row at a page's head, nor a note
        without its table); a table shorter than half a page (``whole``: than a page) is kept whole."""
        nrows = len(heights)
        nh = len(t.header)
        if sum(heights) <= self._pager.height * (0.9 if whole else 0.5):
            return set(range(nrows))
        return set(range(min(nh + 1, nrows))) | set(range(max(nh, nrows - 2), nrows))

    def fitted(self, t: Table, landscape: bool | None = None):
        """Portrait unless the table cannot be held there: its numbers would wrap, or it would
        run onto more pages than on a landscape page."""
        portrait, land = self._widths_pt()
        allow = self.s.landscape_tables if landscape is None else landscape
        if landscape:
            return fit_table(t, land, land, self.s.table_size, allow_landscape=True)
        fit = fit_table(t, portrait, land, self.s.table_size, allow_landscape=allow)
        if not fit.landscape and allow:
            wide = fit_table(t, land, land, self.s.table_size, allow_landscape=True)
            if self._pages(t, wide, landscape=True) < self._pages(t, fit, landscape=False):
                wide.landscape = True
                fit = wide
        pages = self._pages(t, fit, fit.landscape)
        if pages == 2:
            # a table that spills a few rows onto a second page reads better a little smaller on one
            size = fit.size
            while size - 0.5 >= 7.5:
                size -= 0.5
                for landscape, avail in ((False, portrait), (True, land)) if allow else ((False, portrait),):
                    small = fit_table(t, avail, avail, size, allow_landscape=landscape)
                    small.landscape = landscape
                    if small.fits and self._pages(t, small, landscape) == 1:
                        return small
        return fit

    def _pages(self, t: Table, fit, landscape: bool) -> int:
        w, h = PAPER_MM[self.s.paper]
        m = self.s.margins
        height = ((w - m.left - m.right) if landscape else (h - m.top - m.bottom)) * 72 / 25.4
        heights = row_heights(t, fit.widths_pt, fit.size, self.table_line)
        nh = len(t.header) if t.repeat_header else 0
        pager = Pager(height)
        pager.keep(self.s.line_spacing + 2 * self.s.table_size * 1.3)  # title, number, unit line
        pager.rows(heights[:nh], heights[nh:])
        return pager.page

    def table_block(self, b: TableBlock, first_of_part: bool, fit=None) -> None:
        fit = fit or self.fitted(b.table, b.landscape)
        self._orientation(fit.landscape)
        style = TABLE_TITLE if b.outline else CAPTION
        first_of_part = first_of_part or not b.new_page
        label_h = 0.0
        if b.label_first and b.number:  # 附件1: 黑体三号 at the top left, above the title
            lab = self.paragraph(b.number, NOTE, self.s.heading1_font, page_break=not first_of_part)
            lab.runs[0].font.size = Pt(self.s.heading_size)
            lab.paragraph_format.keep_with_next = True
            label_h = self.s.line_spacing
            first_of_part = True
        if b.title:
            p = self.paragraph(b.title, style, self.s.heading1_font, page_break=not first_of_part)
            p.paragraph_format.keep_with_next = True
            if b.toc_title and b.outline:
                level, _, name, page = self._entries[-1]
                self._entries[-1] = (level, b.toc_title, name, page)
            title_h = label_h + self._height(b.title, self.s.heading_size, self.s.line_spacing)
        else:
            title_h = 0
            if not first_of_part:
                self._break()
        width_pt = self._text_width_pt()
        width_mm = width_pt * 25.4 / 72
        line_h = self.table_line
        if b.number and not b.label_first:
            num = self._new_paragraph(NOTE)
            num.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            num.paragraph_format.keep_with_next = True
            self._run(num, b.number, self.s.body_font)
            title_h += line_h
        left, mid, right = b.unit_line
        if left or mid or right:
            info = self._new_paragraph(NOTE)
            info.paragraph_format.keep_with_next = True
            stops = info.paragraph_format.tab_stops
            stops.add_tab_stop(Mm(width_mm / 2), WD_TAB_ALIGNMENT.CENTER)
            stops.add_tab_stop(Mm(width_mm), WD_TAB_ALIGNMENT.RIGHT)
            self._run(info, f"{left}\t{mid}\t{right}", self.s.body_font)
            title_h += line_h
        heights = row_heights(b.table, fit.widths_pt, fit.size, self.table_line)
        nh = len(b.table.header)
        keep = self._keep_rows(b.table, heights, whole=b.keep_whole)
        self._pager.keep(title_h)
        self._placed()
        self.table(b.table, width_mm, fit.widths_pt, fit.size if fit.size != self.s.table_size else None, keep)
        notes = [b.empty] if b.empty else b.notes
        note_h = sum(lines_needed(n, width_pt, self.s.table_size) * line_h for n in notes)
        self._pager.rows(heights[:nh] if b.table.repeat_header else [], heights[nh:] if b.table.repeat_header
                         else heights, whole=len(keep) == len(heights))
        self._pager.place(note_h)
        for note in notes:
            n = self._new_paragraph(NOTE)
            self._run(n, note, self.s.body_font)

    # ------------------------------------------------------------------ 第三部分
    def part3(self, block: Part3) -> None:
        doc: Document = block.document
        if block.with_title:
            if block.whole:
                self.part_heading(doc.title)
            else:
                self.title(doc.title)
        for sec in doc.sections:
            self.heading(sec.heading, 1)
            for para in sec.paragraphs:
                self._part3_paragraph(para, block.charts, block.alts)

    def _part3_paragraph(self, para: Paragraph, charts: dict[str, bytes], alts: dict[str, str] | None = None) -> None:
        if para.kind == "heading":
            self.heading(para.text, 2)
        elif para.kind == "caption":
            png = charts.get(para.chart or "")
            if para.chart and not png:
                return  # a caption only with its chart (none drawn: --no-charts, nothing to show)
            h = 0.0
            if png:
                alt = (alts or {}).get(para.chart or "", "")
                h = self.figure(png, alt=f"{para.text}：{alt}" if alt else para.text)
            self.caption(para.text)
            self._pager.place(h + self._height(para.text, self.s.caption_size, self.s.line_spacing))
            self._placed()
        elif para.kind == "table":
            rows = para.rows or []
            if rows:
                t = Table(header=[rows[0]], body=rows[1:])
                portrait, _ = self._widths_pt()
                fit = fit_table(t, self._text_width_pt(), self._text_width_pt(), self.s.table_size,
                                allow_landscape=False)
                heights = row_heights(t, fit.widths_pt, fit.size, self.table_line)
                keep = self._keep_rows(t, heights)
                self.table(t, self._text_width_mm(), fit.widths_pt,
                           fit.size if fit.size != self.s.table_size else None, keep)
                self._pager.rows(heights[:1], heights[1:], whole=len(keep) == len(heights))
                self._placed()
        else:
            self.body(para.text)

    # ------------------------------------------------------------------ all
    def write(self, blocks: list[Block]) -> None:
        if not blocks or not isinstance(blocks[0], Cover):
            self._footer(self.doc.sections[0])  # a file without a cover is numbered from its first page
        first_of_part = True
        for k, b in enumerate(blocks):
            if isinstance(b, Cover):
                self.cover(b)
            elif isinstance(b, Toc):
                self.toc(b)
            elif isinstance(b, Title):
                self.title(b.text)
            elif isinstance(b, PartHeading):
                # a part title stands on the page of its first table: same orientation
                nxt = blocks[k + 1] if k + 1 < len(blocks) else None
                fit = self.fitted(nxt.table, nxt.landscape) if isinstance(nxt, TableBlock) else None
                self.part_heading(b.text, landscape=bool(fit and fit.landscape))
                self._next_fit = fit
                first_of_part = True
                continue
            elif isinstance(b, Heading):
                self.heading(b.text, b.level)
            elif isinstance(b, Para):
                self.body(b.text, b.indent, b.centre, b.right)
            elif isinstance(b, TableBlock):
                fit, self._next_fit = getattr(self, "_next_fit", None) if first_of_part else None, None
                self.table_block(b, first_of_part, fit)
            elif isinstance(b, Part3):
                self.part3(b)
            first_of_part = False
        self._finish_toc()

    def _finish_toc(self) -> None:
        """The 目录: a TOC field whose cached result lists each outline title (to the levels asked)
        with a dot leader and a PAGEREF to its bookmark, showing the estimated page number."""
        if self._toc is None:
            return
        anchor, levels = self._toc
        width = self._text_width_pt_portrait()
        entries = [e for e in self._entries if e[0] < levels]
        paras = []
        for k, (level, text, name, page) in enumerate(entries):
            p = self._new_paragraph(TOC1 if level == 0 else TOC2)
            p.paragraph_format.tab_stops.add_tab_stop(Pt(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            if k == 0:
                self._field_begin(p, f'TOC \\o "1-{levels}" \\h \\z \\u')
            self._run(p, text)
            self._run(p, "\t")
            self._field(p, f"PAGEREF {name} \\h", str(max(page, 1)))
            paras.append(p)
        if paras:
            end = self._run(paras[-1], "")
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), "end")
            end._r.append(el)
        for p in reversed(paras):
            anchor._p.addnext(p._p)

    def _field_begin(self, p, instr: str) -> None:
        for kind, text in (("begin", None), (None, instr), ("separate", None)):
            r = self._run(p, "")
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = f" {text} "
            r._r.append(el)

    def _text_width_pt_portrait(self) -> float:
        return self._widths_pt()[0]

    def page_numbers(self) -> list[tuple[int, str, int]]:
        """(outline level, title, estimated printed page) of every outline title, in order."""
        return [(lv, t, pg) for lv, t, _, pg in self._entries]

    def finish_package(self, title: str, author: str) -> None:
        docx_package.set_properties(self.doc, title, author)
        docx_package.set_language(self.doc)
        docx_package.set_modern_compat(self.doc)
        if self._toc is not None:
            docx_package.update_fields_on_open(self.doc)
        docx_package.font_table(self.doc, sorted(self._fonts))

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def docx_bytes(blocks: list[Block], settings: DocxSettings, title: str = "", author: str = "") -> bytes:
    b = DocxBuilder(settings)
    b.write(blocks)
    b.finish_package(title or _first_title(blocks), author)
    return b.to_bytes()


def _first_title(blocks: list[Block]) -> str:
    for b in blocks:
        if isinstance(b, Cover):
            return "".join(b.lines)
        if isinstance(b, (Title, PartHeading)):
            return b.text
        if isinstance(b, Part3):
            return b.document.title
    return ""


__all__ = ["DocxBuilder", "docx_bytes", "set_fonts", "Cell"]
