"""Last year's published document as sections of blocks (sub-headings and paragraphs), in order.

The audit's reader does the hard part (txt/md/docx/pdf → text, 第三部分 found, page breaks mended);
this keeps what a style needs besides: a sub-heading standing on its own line is a heading of the
style, one that starts a paragraph ("（一）…情况。根据…") stays part of the paragraph's text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..audit import patterns as P
from ..audit.outline import outline
from ..audit.reading import read_document
from ..errors import JuesuanError


class LearnError(JuesuanError):
    pass


@dataclass
class Block:
    kind: str   # "heading" | "para"
    text: str


@dataclass
class PubSection:
    numeral: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "para"]


@dataclass
class Published:
    sections: list[PubSection]
    year: int | None
    part_title: str = "第三部分 情况说明"


def read(path: str | Path) -> Published:
    text = read_document(path)
    if Path(path).suffix.lower() == ".pdf":
        text = unglue_headings(text)
    return parse(text, Path(path).name)


# a PDF's text layer often runs a heading into the paragraph after it
# ("六、一般公共预算财政拨款基本支出决算情况说明2024年度…"): the heading ends at its title's last word
_GLUED = re.compile(r"^(?P<h>(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])"
                    r"[^。，；：\n]{2,40}?(?:情况说明|情况(?!说明)|说明))(?=[0-9\u4e00-\u9fff])", re.M)


def unglue_headings(text: str) -> str:
    return _GLUED.sub(lambda m: m.group("h") + "\n", text)


def parse(text: str, name: str = "文件") -> Published:
    o = outline(text)
    if not o.found_part3:
        raise LearnError(f"{name}：找不到“第三部分”，无法学习格式（应为去年公开的决算文件）")
    part_title = _part_title(P.normalize(text))
    alone = {_clean(line) for line in o.part3.splitlines()}
    sections: list[PubSection] = []
    current_sub = None
    for para in o.paragraphs:
        if not para.numeral:
            continue
        m = P.HEADING.match(para.section)
        title = m.group("title").strip() if m else para.section
        if not sections or sections[-1].numeral != para.numeral:
            sections.append(PubSection(para.numeral, title))
            current_sub = None
        sec = sections[-1]
        text = para.text
        if para.subsection and para.subsection != current_sub:
            current_sub = para.subsection
            if para.subsection in alone or _loose(para.subsection) in {_loose(a) for a in alone}:
                sec.blocks.append(Block("heading", para.subsection))
            else:  # "（一）预算绩效管理工作开展情况。根据…": the heading is part of the paragraph
                text = para.subsection + "。" + text
        sec.blocks.append(Block("para", text))
    if not sections:
        raise LearnError(f"{name}：第三部分没有可学习的章节（应有“一、…情况说明”这样的标题）")
    return Published(sections, o.year, part_title)


def _clean(line: str) -> str:
    return P.MARKDOWN_PREFIX.sub("", line).replace("**", "").strip()


def _loose(s: str) -> str:
    return s.replace("(", "（").replace(")", "）").replace(" ", "")


def _part_title(text: str) -> str:
    lines = [_clean(line) for line in text.splitlines() if P.PART3.match(_clean(line))]
    title = lines[-1] if lines else "第三部分 情况说明"
    return re.sub(r"\s+\d+$", "", title)  # a table of contents line ends with its page number
