"""The Word export read back with python-docx: the text in order, the GB/T 9704 look (fonts with
w:eastAsia, sizes, fixed line spacing, first-line indent, margins, page numbers), overrides."""
from __future__ import annotations

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from narratives import api
from narratives.export import export_docx
from narratives.export.docx_writer import BODY, CAPTION, H1, H2, TITLE, DocxBuilder
from narratives.export.layout import Part3
from narratives.export.settings import DocxSettingsError, docx_settings
from tests.conftest import needs_cjk_font


def expected_paragraphs(doc, charts=()) -> list[tuple[str, str]]:
    """(style, text) of every paragraph of the rendered 第三部分, in order; a chart's caption only
    where the chart was drawn (``charts``)."""
    out = [(TITLE, doc.title)]
    for sec in doc.sections:
        out.append((H1, sec.heading))
        for p in sec.paragraphs:
            if p.kind == "table" or (p.kind == "caption" and p.chart and p.chart not in charts):
                continue
            out.append(({"heading": H2, "caption": CAPTION}.get(p.kind, BODY), p.text))
    return out


def read_back(path) -> list[tuple[str, str]]:
    d = docx.Document(str(path))
    return [(p.style.name, p.text) for p in d.paragraphs if p.text]


def mm(length) -> float:
    """A page length in millimetres to 0.1 mm (Word stores twips: 210 mm is 11906 twips)."""
    return round(length / Mm(1), 1)


def fonts_of(element) -> dict[str, str]:
    rpr = element.find(qn("w:rPr"))
    f = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return {} if f is None else {k.split("}")[1]: v for k, v in f.attrib.items()}


@pytest.fixture(params=["yangquan", "wendeng"])
def sample(request):
    return api.load(request.getfixturevalue(f"{request.param}_path"))


def test_every_paragraph_of_the_rendered_text_in_order(sample, tmp_path):
    out = tmp_path / "x.docx"
    export_docx(sample, out, charts=False)
    assert read_back(out) == expected_paragraphs(api.render(sample))


@needs_cjk_font
def test_text_with_charts_still_in_order(wendeng, tmp_path):
    out = tmp_path / "w.docx"
    result = export_docx(wendeng, out)
    assert read_back(out) == expected_paragraphs(api.render(wendeng), result.charts)
    # 图2 (income) would be a 100% pie of one slice: not drawn, and its caption left out
    assert result.charts == sorted(["grand", "expense", "fiscal", "general", "classes"])
    d = docx.Document(str(out))
    assert len(d.inline_shapes) == 5
    texts = [p.text for p in d.paragraphs]
    assert not any(t.startswith("图2：") for t in texts)
    # alt text says what each chart shows
    descr = [el.get("descr") for el in d.element.body.iter(qn("wp:docPr"))]
    assert descr[0] == ("图1：收、支决算总计变动情况图（单位：万元）：收入总计：2023年131.31万元，2024年161.09万元；"
                        "支出总计：2023年131.31万元，2024年161.09万元。")
    # each picture sits in its own centred paragraph right before its caption
    paras = d.paragraphs
    for i, p in enumerate(paras):
        if p._p.xpath(".//pic:pic"):
            assert paras[i + 1].style.name == CAPTION and paras[i + 1].text.startswith("图")
            assert p.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER or \
                p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_styles_have_the_official_fonts_sizes_spacing_and_indent(yangquan, tmp_path):
    out = tmp_path / "y.docx"
    export_docx(yangquan, out)
    d = docx.Document(str(out))
    want = {BODY: ("仿宋_GB2312", 16), H1: ("黑体", 16), H2: ("楷体_GB2312", 16), TITLE: ("方正小标宋简体", 22)}
    for name, (font, size) in want.items():
        st = d.styles[name]
        f = fonts_of(st.element)
        assert f["eastAsia"] == font, name
        assert f["ascii"] == f["hAnsi"] == "Times New Roman"
        assert not any(k.endswith("Theme") for k in f), "theme fonts would override eastAsia"
        assert st.font.size == Pt(size)
        pf = st.paragraph_format
        assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    body = d.styles[BODY].paragraph_format
    assert body.line_spacing == Pt(28)
    assert body.first_line_indent == Pt(32)  # two characters of 16pt
    ind = d.styles[BODY].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    title = d.styles[TITLE].paragraph_format
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and not title.first_line_indent
    assert d.styles[CAPTION].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # 一、 and （一） headings are outline levels 2 and 3 (Word's navigation pane and 目录); the
    # parts of the whole disclosure are level 1
    assert d.styles[H1].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "1"
    assert d.styles[H2].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "2"


def test_every_run_carries_its_east_asian_font(wendeng, tmp_path):
    out = tmp_path / "w.docx"
    export_docx(wendeng, out, charts=False)
    d = docx.Document(str(out))
    want = {BODY: "仿宋_GB2312", H1: "黑体", H2: "楷体_GB2312", TITLE: "方正小标宋简体", CAPTION: "仿宋_GB2312"}
    checked = 0
    for p in d.paragraphs:
        for r in p.runs:
            if r.text:
                assert fonts_of(r._r)["eastAsia"] == want[p.style.name], (p.style.name, r.text)
                checked += 1
    assert checked > 50


def test_a4_margins_and_page_number_field(yangquan, tmp_path):
    out = tmp_path / "y.docx"
    export_docx(yangquan, out)
    d = docx.Document(str(out))
    s = d.sections[0]
    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)
    assert (mm(s.top_margin), mm(s.bottom_margin), mm(s.left_margin), mm(s.right_margin)) == (37, 35, 28, 26)
    footer = s.footer.paragraphs[0]
    assert footer.alignment == WD_ALIGN_PARAGRAPH.RIGHT  # GB/T 9704: odd pages at the outside edge
    assert [t.text for t in footer._p.iter(qn("w:instrText"))] == [" PAGE "]
    assert footer.text == "— 1 —"  # the field's cached result between the dashes


def test_style_docx_settings_override_the_look(yangquan, tmp_path):
    settings = docx_settings({"body_font": "宋体", "body_size": "小四", "line_spacing": 22,
                              "first_line_chars": 0, "margins": {"top": 30, "left": 25},
                              "page_number": "第{page}页"})
    b = DocxBuilder(settings)
    b.write([Part3(api.render(yangquan))])
    out = tmp_path / "o.docx"
    out.write_bytes(b.to_bytes())
    d = docx.Document(str(out))
    st = d.styles[BODY]
    assert fonts_of(st.element)["eastAsia"] == "宋体"
    assert st.font.size == Pt(12)
    assert st.paragraph_format.line_spacing == Pt(22)
    assert not st.paragraph_format.first_line_indent
    assert st.element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) is None
    s = d.sections[0]
    assert (mm(s.top_margin), mm(s.left_margin), mm(s.bottom_margin)) == (30, 25, 35)
    assert d.sections[0].footer.paragraphs[0].text == "第1页"


def test_style_folder_docx_table_is_used(yangquan, tmp_path):
    import shutil
    folder = tmp_path / "styles" / "shanxi"
    shutil.copytree(api.style_for(yangquan).folder, folder)
    toml = folder / "style.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[docx]\nbody_font = "宋体"\ntitle_size = "小二"\n',
                    encoding="utf-8")
    out = tmp_path / "y.docx"
    export_docx(yangquan, out, templates=(str(tmp_path / "styles"),))
    d = docx.Document(str(out))
    assert fonts_of(d.styles[BODY].element)["eastAsia"] == "宋体"
    assert d.styles[TITLE].font.size == Pt(18)


@pytest.mark.parametrize("raw, words", [
    ({"body_size": "巨号"}, "docx.body_size"),
    ({"margins": {"top": -1}}, "docx.margins.top"),
    ({"bodyfont": "宋体"}, "不认识的设置项"),
    ({"whole": {"t06_groups": 9}}, "docx.whole.t06_groups"),
])
def test_bad_docx_settings_are_named_in_chinese(raw, words):
    with pytest.raises(DocxSettingsError) as e:
        docx_settings(raw, "x/style.toml")
    assert words in str(e.value) and "x/style.toml" in str(e.value)


def test_zihao_names_are_points():
    s = docx_settings({"body_size": "三号", "title_size": "二号", "table_size": "五号", "caption_size": 15})
    assert (s.body_size, s.title_size, s.table_size, s.caption_size) == (16, 22, 10.5, 15)


def test_written_atomically_and_replaces(yangquan, tmp_path):
    out = tmp_path / "y.docx"
    out.write_bytes(b"old")
    export_docx(yangquan, out)
    assert out.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["y.docx"]  # no temporary file left


def test_file_open_in_word_gives_the_chinese_message(yangquan, tmp_path, monkeypatch):
    import os

    def locked(*a, **k):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(api.JuesuanError) as e:
        export_docx(yangquan, tmp_path / "y.docx")
    assert "Word" in str(e.value) and "y.docx" in str(e.value)
    assert not list(tmp_path.iterdir())


def test_markup_like_text_stays_text(yangquan, tmp_path):
    """The clerk's & < * stay literal in Word (python-docx escapes XML; no templating in Word)."""
    yangquan.notes["收支总计"].reason = "A&B <部门> *重点* [50%]"
    out = tmp_path / "y.docx"
    export_docx(yangquan, out)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any("A&B <部门> *重点* [50%]" in t for t in texts)


def test_page_numbers_outside_as_gbt_9704(yangquan, tmp_path):
    """单页码居右空一字，双页码居左空一字: odd and even footers differ."""
    b = DocxBuilder(docx_settings({"page_number_position": "outside"}))
    b.write([Part3(api.render(yangquan))])
    out = tmp_path / "o.docx"
    out.write_bytes(b.to_bytes())
    d = docx.Document(str(out))
    assert d.settings.odd_and_even_pages_header_footer
    odd, even = d.sections[0].footer.paragraphs[0], d.sections[0].even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and odd.paragraph_format.right_indent == Pt(14)
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT and even.paragraph_format.left_indent == Pt(14)
    assert odd.text == even.text == "— 1 —"
