"""What the learner could not tie to a fact, and how the learned style reads against the document.

The trial render writes last year's project in the learned style; each published paragraph that
does not come out word for word is listed (a clerk's slip in the publication shows up here too)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..render.document import Document
from .generalise import Residue
from .reading import Published


@dataclass
class Difference:
    section: str
    published: str
    rendered: str


@dataclass
class Report:
    residue: list[tuple[str, Residue]] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    base: str = ""
    grafted: list[str] = field(default_factory=list)   # section ids written with the base's control flow
    learned: list[str] = field(default_factory=list)   # section ids learned from the text alone

    def text(self, source: str) -> str:
        lines = [f"学习报告：{source}", ""]
        if self.base:
            lines.append(f"底本样式：{self.base}")
            if self.grafted:
                lines.append(f"按底本的结构（条件、循环）、用原文措辞写出的章节：{'、'.join(self.grafted)}")
            if self.learned:
                lines.append(f"按原文学习的章节：{'、'.join(self.learned)}")
            lines.append("")
        if self.residue:
            lines.append(f"未能对应到数据的数字（{len(self.residue)} 处）：")
            for sec, r in self.residue:
                lines.append(f"- {sec}：{r.figure}，{r.why}　句子：{r.sentence}")
        else:
            lines.append("每个数字都已对应到数据。")
        lines.append("")
        if self.differences:
            lines.append(f"用去年的数据试生成，与原文不同的段落（{len(self.differences)} 段）：")
            for d in self.differences:
                lines.append(f"- {d.section}")
                lines.append(f"  原文：{d.published}")
                lines.append(f"  生成：{d.rendered}")
        else:
            lines.append("用去年的数据试生成，与原文逐段一致。")
        return "\n".join(lines) + "\n"


def compare(pub: Published, doc: Document) -> list[Difference]:
    out = []
    for i, sec in enumerate(pub.sections):
        if i >= len(doc.sections):
            break
        from .grafting import _as_read, _blocks
        rendered = [t for k, t in _as_read(_blocks(doc.sections[i]), sec.blocks) if k == "para"]
        published = sec.paragraphs()
        for k in range(max(len(rendered), len(published))):
            a = published[k] if k < len(published) else ""
            b = rendered[k] if k < len(rendered) else ""
            if _norm(a) != _norm(b):
                out.append(Difference(f"{sec.numeral}、{sec.title}", a, b))
    return out


def _norm(s: str) -> str:
    return "".join(s.split()).replace("(", "（").replace(")", "）")
