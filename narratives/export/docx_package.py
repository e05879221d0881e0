"""What a Word file says about itself, beside its text: document properties (title, author =
the unit, created now), language zh-CN, Word 2013+ compatibility (so Word does not open it in
兼容模式), fonts with their fallbacks for a stock Windows, and "update fields on open" so the
目录's page numbers are refreshed by Word.

python-docx's default template carries author "python-docx", a 2013 date, language en-US and
no compatibility mode; each is replaced here.
"""
from __future__ import annotations

import datetime as dt

from docx.oxml import OxmlElement, parse_xml
from lxml import etree
from docx.oxml.ns import qn

# font → (fallback names Word tries when the font is missing, charset, family, pitch, panose)
# 仿宋_GB2312 and 楷体_GB2312 ship with older Windows only; 方正小标宋简体 with none.
FONT_FALLBACKS: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("仿宋", "FangSong"),
    "仿宋": ("FangSong",),
    "楷体_GB2312": ("楷体", "KaiTi"),
    "楷体": ("KaiTi",),
    "方正小标宋简体": ("华文中宋", "宋体"),
    "方正小标宋_GBK": ("华文中宋", "宋体"),
    "黑体": ("SimHei",),
    "宋体": ("SimSun",),
}
_PANOSE = {"仿宋": "02010609060101010101", "楷体": "02010609060101010101", "黑体": "02010609060101010101",
           "宋体": "02010600030101010101", "华文中宋": "02010600040101010101"}

W14 = "http://schemas.microsoft.com/office/word"


def set_properties(doc, title: str, author: str, now: dt.datetime | None = None) -> None:
    now = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    cp = doc.core_properties
    cp.title = title
    cp.author = author
    cp.last_modified_by = author
    cp.created = now
    cp.modified = now
    cp.revision = 1
    cp.language = "zh-CN"
    cp.comments = ""
    cp.keywords = "决算公开"
    cp.subject = title


def set_language(doc, lang: str = "zh-CN", latin: str = "en-US") -> None:
    """w:lang on the document defaults (and the theme font language in settings): Chinese text is
    zh-CN (w:eastAsia); digits and Latin letters keep en-US (w:val), as Chinese Word writes it — a
    zh-CN w:val lets LibreOffice break "161.09" after the point at a line's end."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), latin)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), "ar-SA")
    settings = doc.settings.element
    tfl = settings.find(qn("w:themeFontLang"))
    if tfl is None:
        tfl = OxmlElement("w:themeFontLang")
        settings.append(tfl)
    tfl.set(qn("w:val"), latin)
    tfl.set(qn("w:eastAsia"), lang)


def _settings_child(settings, tag: str):
    """The settings child ``tag``, made if missing (its place in the sequence matters little to
    Word for the few elements set here, but compat goes before rsids as the schema orders it)."""
    el = settings.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        anchor = settings.find(qn("w:rsids"))
        if anchor is None:
            anchor = settings.find(qn("m:mathPr"))
        if anchor is not None:
            anchor.addprevious(el)
        else:
            settings.append(el)
    return el


def set_modern_compat(doc) -> None:
    """compatibilityMode 15 (Word 2013 and later): no 兼容模式 banner in Word."""
    compat = _settings_child(doc.settings.element, "w:compat")
    wanted = (("compatibilityMode", "15"), ("overrideTableStyleFontSizeAndJustification", "1"),
              ("enableOpenTypeFeatures", "1"), ("doNotFlipMirrorIndents", "1"))
    names = {n for n, _ in wanted}
    for old in compat.findall(qn("w:compatSetting")):
        if old.get(qn("w:name")) in names:  # each once: the template's are replaced
            compat.remove(old)
    for name, val in wanted:
        el = OxmlElement("w:compatSetting")
        el.set(qn("w:name"), name)
        el.set(qn("w:uri"), W14)
        el.set(qn("w:val"), val)
        compat.append(el)


def update_fields_on_open(doc) -> None:
    """Word refreshes the 目录 (and its page numbers) when the clerk opens the file."""
    settings = doc.settings.element
    el = settings.find(qn("w:updateFields"))
    if el is None:
        el = OxmlElement("w:updateFields")
        # the schema's order: updateFields comes right before these (Word refuses a file otherwise)
        after = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
                 "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping")
        anchor = next((settings.find(qn(t)) for t in after if settings.find(qn(t)) is not None), None)
        if anchor is not None:
            anchor.addprevious(el)
        else:
            settings.append(el)
    el.set(qn("w:val"), "true")


def font_table(doc, fonts: list[str]) -> None:
    """Declare each font with its fallbacks (w:altName) and the GB2312 charset, so Word on a
    machine without 仿宋_GB2312 or 方正小标宋简体 substitutes 仿宋 / 华文中宋 rather than a Latin font."""
    part = next((r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    root = parse_xml(part.blob)
    have = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    todo = list(fonts)
    while todo:
        name = todo.pop(0)
        if name in have:
            continue
        chain = FONT_FALLBACKS.get(name, ())
        f = OxmlElement("w:font")
        f.set(qn("w:name"), name)
        if chain:
            alt = OxmlElement("w:altName")
            alt.set(qn("w:val"), chain[0])
            f.append(alt)
        if any("\u4e00" <= ch <= "\u9fff" for ch in name) or chain:
            panose = next((v for k, v in _PANOSE.items() if name.startswith(k) or (chain and chain[0].startswith(k))), None)
            if panose:
                p = OxmlElement("w:panose1")
                p.set(qn("w:val"), panose)
                f.append(p)
            for tag, val in (("w:charset", "86"), ("w:family", "modern" if "宋" not in name else "roman"),
                             ("w:pitch", "fixed" if "宋" not in name else "variable")):
                e = OxmlElement(tag)
                e.set(qn("w:val"), val)
                f.append(e)
        root.append(f)
        have.add(name)
        todo += [a for a in chain if a not in have]  # the fallbacks too, each naming the next
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
