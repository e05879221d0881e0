"""Word output with python-docx, from the export blocks (``layout``) and the neutral document.

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
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

from ..render.document import Document, Paragraph
from .layout import Block, Cell, Cover, Heading, Para, Part3, PartHeading, Table, TableBlock, Title
from .settings import DocxSettings

PAPER_MM = {"A4": (210, 297), "A3": (297, 420), "B5": (176, 250)}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?%?$")

# style ids of the paragraph styles this writer makes (names are what the clerk sees in Word)
BODY, H1, H2, TITLE, CAPTION, FIGURE, TABLE_TEXT, TABLE_TITLE, NOTE = (
    "Normal", "一级标题", "二级标题", "文档标题", "图题", "图片", "表格文字", "表格标题", "表注")


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


class DocxBuilder:
    def __init__(self, settings: DocxSettings):
        self.s = settings
        self.doc = new_document()
        self._ids: dict[str, str | None] = {}
        self._styles()
        self._page(self.doc.sections[0], landscape=False)
        self._footer(self.doc.sections[0])
        self._first = True  # nothing written yet: the first part heading needs no page break
        self._landscape = False

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
                              indent=s.first_line_chars, outline=0, keep_with_next=True)
        self._paragraph_style(H2, s.heading2_font, s.heading_size, spacing=s.line_spacing,
                              indent=s.first_line_chars, outline=1, keep_with_next=True)
        self._paragraph_style(TITLE, s.title_font, s.title_size, align=j.CENTER, spacing=s.title_line_spacing,
                              indent=0)
        self._paragraph_style(CAPTION, s.body_font, s.caption_size, align=j.CENTER, spacing=s.line_spacing,
                              indent=0)
        # a picture in a fixed-spacing paragraph would be cut to one line's height: single spacing
        self._paragraph_style(FIGURE, s.body_font, s.body_size, align=j.CENTER, spacing=None, indent=0,
                              keep_with_next=True)
        self._paragraph_style(TABLE_TEXT, s.body_font, s.table_size, spacing=None, indent=0)
        self._paragraph_style(TABLE_TITLE, s.heading1_font, s.heading_size, align=j.CENTER,
                              spacing=s.line_spacing, indent=0, keep_with_next=True)
        self._paragraph_style(NOTE, s.body_font, s.table_size, spacing=None, indent=0)

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

    def _footer(self, section) -> None:
        if not self.s.page_number:
            return
        if self.s.page_number_position == "outside":
            # GB/T 9704 7.5: 单页码居右空一字，双页码居左空一字 — odd and even pages differ
            self.doc.settings.odd_and_even_pages_header_footer = True
            self._page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
            self._page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
        else:
            self._page_number(section.footer, WD_ALIGN_PARAGRAPH.CENTER)

    def _page_number(self, footer, align) -> None:
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.style = self.doc.styles[TABLE_TEXT]
        p.alignment = align
        one_char = Pt(self.s.page_number_size)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = one_char
        elif align == WD_ALIGN_PARAGRAPH.LEFT:
            p.paragraph_format.left_indent = one_char
        before, _, after = self.s.page_number.partition("{page}")
        if before:
            self._run(p, before, self.s.page_number_font, self.s.page_number_size)
        self._page_field(p)
        if after:
            self._run(p, after, self.s.page_number_font, self.s.page_number_size)

    def _page_field(self, p) -> None:
        def fld(kind: str):
            r = self._run(p, "", self.s.page_number_font, self.s.page_number_size)
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            r._r.append(el)
        fld("begin")
        r = self._run(p, "", self.s.page_number_font, self.s.page_number_size)
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = " PAGE "
        r._r.append(instr)
        fld("separate")
        self._run(p, "1", self.s.page_number_font, self.s.page_number_size)
        fld("end")

    def _orientation(self, landscape: bool) -> None:
        if landscape == self._landscape:
            return
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(section, landscape)
        self._landscape = landscape
        self._first = True  # the new section already starts a page

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
        p = self.doc.add_paragraph()
        sid = self._style_id(style)
        if sid:
            p._p.style = sid
        return p

    def paragraph(self, text: str, style: str, font: str, *, page_break: bool = False, align=None):
        p = self._new_paragraph(style)
        if page_break and not self._first:
            p.paragraph_format.page_break_before = True
        if align is not None:
            p.alignment = align
        self._run(p, text, font)
        self._first = False
        return p

    def title(self, text: str) -> None:
        self.paragraph(text, TITLE, self.s.title_font)

    def cover(self, text: str) -> None:
        p = self.paragraph(text, TITLE, self.s.title_font, page_break=True)
        p.paragraph_format.space_before = Pt(200)

    def part_heading(self, text: str) -> None:
        self._orientation(False)
        self.paragraph(text, TITLE, self.s.title_font, page_break=True)

    def heading(self, text: str, level: int = 1) -> None:
        if level == 1:
            self.paragraph(text, H1, self.s.heading1_font)
        else:
            self.paragraph(text, H2, self.s.heading2_font)

    def body(self, text: str, indent: bool = True, centre: bool = False, right: bool = False) -> None:
        p = self.paragraph(text, BODY, self.s.body_font)
        if not indent or centre or right:
            _indent_chars(p.paragraph_format, p._p, 0, self.s.body_size)
        if centre:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif right:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def caption(self, text: str) -> None:
        self.paragraph(text, CAPTION, self.s.body_font)

    def figure(self, png: bytes) -> None:
        p = self._new_paragraph(FIGURE)
        p.add_run().add_picture(io.BytesIO(png), width=Cm(self.s.chart_width_cm))
        self._first = False

    # ------------------------------------------------------------------ tables
    def table(self, t: Table, width_mm: float) -> None:
        """The table as one piece of WordprocessingML parsed once: spans are w:gridSpan and
        w:vMerge, the header rows repeat on each page.  (Built cell by cell through python-docx,
        a sample's 公开01–10表 took over a second; its cell() and merge() walk the whole table.)"""
        nrows, ncols, placed = t.placed()
        owner: dict[tuple[int, int], tuple[int, int, Cell, bool]] = {}
        for r, c, cell, is_header in placed:
            for dr in range(cell.rows):
                for dc in range(cell.cols):
                    owner[(r + dr, c + dc)] = (r, c, cell, is_header)
        widths = list(t.widths or [])[:ncols]
        widths += [1.0] * (ncols - len(widths))
        total_tw = round(width_mm / 25.4 * 1440)
        col_tw = [round(total_tw * w / sum(widths)) for w in widths]
        sid = _xml_attr(self._style_id(TABLE_TEXT) or "")
        grid_style = _xml_attr(self.doc.styles["Table Grid"].style_id)
        fonts = (f'<w:rFonts w:ascii="{_xml_attr(self.s.latin_font)}" w:hAnsi="{_xml_attr(self.s.latin_font)}" '
                 f'w:cs="{_xml_attr(self.s.latin_font)}" w:eastAsia="{_xml_attr(self.s.body_font)}" w:hint="eastAsia"/>')
        out = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{grid_style}"/>'
               f'<w:tblW w:w="{sum(col_tw)}" w:type="dxa"/><w:jc w:val="center"/>'
               '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
               'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
        out += [f'<w:gridCol w:w="{w}"/>' for w in col_tw]
        out.append("</w:tblGrid>")
        for r in range(nrows):
            out.append("<w:tr>")
            if r < len(t.header) and t.repeat_header:  # repeated on each page the table runs onto
                out.append('<w:trPr><w:tblHeader/></w:trPr>')
            c = 0
            while c < ncols:
                got = owner.get((r, c))
                if got is None:
                    out.append(f'<w:tc><w:tcPr><w:tcW w:w="{col_tw[c]}" w:type="dxa"/></w:tcPr>'
                               f'<w:p><w:pPr><w:pStyle w:val="{sid}"/></w:pPr></w:p></w:tc>')
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
                    run = (f"<w:r><w:rPr>{fonts}{bold}</w:rPr>"
                           f'<w:t xml:space="preserve">{_xml_text(cell.text)}</w:t></w:r>')
                out.append(f'<w:tc><w:tcPr>{"".join(pr)}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{sid}"/>'
                           f'<w:jc w:val="{align}"/></w:pPr>{run}</w:p></w:tc>')
                c += span
            out.append("</w:tr>")
        out.append("</w:tbl>")
        tbl = parse_xml("".join(out))
        body = self.doc.element.body
        final = body.find(qn("w:sectPr"))
        if final is not None:
            final.addprevious(tbl)
        else:
            body.append(tbl)
        self._first = False

    def table_block(self, b: TableBlock, first_of_part: bool) -> None:
        self._orientation(b.landscape and self.s.landscape_tables)
        p = self.paragraph(b.title, TABLE_TITLE, self.s.heading1_font, page_break=not first_of_part)
        p.paragraph_format.keep_with_next = True
        sec = self.doc.sections[-1]
        width_mm = (sec.page_width - sec.left_margin - sec.right_margin) / Mm(1)
        num = self._new_paragraph(NOTE)
        num.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self._run(num, b.number, self.s.body_font)
        info = self._new_paragraph(NOTE)
        stops = info.paragraph_format.tab_stops
        stops.add_tab_stop(Mm(width_mm / 2), WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(Mm(width_mm), WD_TAB_ALIGNMENT.RIGHT)
        left, mid, right = b.unit_line
        self._run(info, f"{left}\t{mid}\t{right}", self.s.body_font)
        self.table(b.table, width_mm)
        for note in b.notes + ([f"说明：{b.empty}"] if b.empty else []):
            n = self._new_paragraph(NOTE)
            self._run(n, note, self.s.body_font)

    # ------------------------------------------------------------------ 第三部分
    def part3(self, block: Part3) -> None:
        doc: Document = block.document
        if block.with_title:
            self.part_heading(doc.title)
        for sec in doc.sections:
            self.heading(sec.heading, 1)
            for para in sec.paragraphs:
                self._part3_paragraph(para, block.charts)

    def _part3_paragraph(self, para: Paragraph, charts: dict[str, bytes]) -> None:
        if para.kind == "heading":
            self.heading(para.text, 2)
        elif para.kind == "caption":
            png = charts.get(para.chart or "")
            if png:
                self.figure(png)
            self.caption(para.text)
        elif para.kind == "table":
            rows = para.rows or []
            if rows:
                self.table(Table(header=[rows[0]], body=rows[1:]), self._text_width_mm())
        else:
            self.body(para.text)

    def _text_width_mm(self) -> float:
        sec = self.doc.sections[-1]
        return (sec.page_width - sec.left_margin - sec.right_margin) / Mm(1)

    # ------------------------------------------------------------------ all
    def write(self, blocks: list[Block]) -> None:
        first_of_part = True
        for b in blocks:
            if isinstance(b, Cover):
                self.cover(b.text)
            elif isinstance(b, Title):
                self.title(b.text)
            elif isinstance(b, PartHeading):
                self.part_heading(b.text)
                first_of_part = True
                continue
            elif isinstance(b, Heading):
                self.heading(b.text, b.level)
            elif isinstance(b, Para):
                self.body(b.text, b.indent, b.centre, b.right)
            elif isinstance(b, TableBlock):
                self.table_block(b, first_of_part and not self._landscape)
            elif isinstance(b, Part3):
                self.part3(b)
            first_of_part = False

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def docx_bytes(blocks: list[Block], settings: DocxSettings) -> bytes:
    b = DocxBuilder(settings)
    b.write(blocks)
    return b.to_bytes()


__all__ = ["DocxBuilder", "docx_bytes", "set_fonts", "Cell"]
