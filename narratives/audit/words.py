"""Word slips a reviewer catches by reading: an unfilled 【待填：…】 marker, 增加 written with a
rate (the rate word is 增长), both alternatives of a template pair left in, a fixed term with its
words swapped, a word written twice, two punctuation marks in a row, and near-misses of the
official terms (``terms``)."""
from __future__ import annotations

import re

from .. import pending
from .figures import Figure, sentence_at
from .findings import NOTE, SURE, Finding
from .outline import Paragraph
from .terms import near_misses

# both alternatives of a pair left in ("增加减少", "大于小于"): the template offered both
GARBLED_PAIRS = re.compile(
    r"(?:增加|增长|上升|大于|高于|多于)(?:减少|下降|降低|小于|低于|少于)"
    r"|(?:减少|下降|降低|小于|低于|少于)(?:增加|增长|上升|大于|高于|多于)")
# (the forms with a slash or brackets, "增加/减少", "（增加）（减少）", are residue.RESIDUE's)

# a fixed term written with its words swapped
SWAPPED_TERMS = {
    "拨款财政": "财政拨款", "预算年初": "年初预算", "公共一般预算": "一般公共预算", "结余和结转": "结转和结余",
    "经费三公": "三公经费", "运行机关经费": "机关运行经费", "维护运行费": "运行维护费", "接待公务费": "公务接待费",
    "基金性政府": "政府性基金", "经营资本国有": "国有资本经营",
}
# (not listed: swaps that ordinary phrases contain — "集中采购政府采购目录", "出国因公务")
_SWAPPED = re.compile("|".join(re.escape(k) for k in sorted(SWAPPED_TERMS, key=len, reverse=True)))

# a word written twice: two to six Chinese characters, or a function word doubled
REPEATED = re.compile(r"([\u4e00-\u9fff]{2,6})\1|([的和与及在对为是了])\2")
REPEATED_ALLOWED = frozenset({"研究", "讨论", "看看", "常常", "年年", "人人", "天天", "渐渐", "刚刚", "仅仅",
                              "了了", "是是", "为为"})
# two marks in a row ("。；", "。。", "，，"); "……" and "——" are marks of their own
PUNCTUATION = re.compile(r"[。，；：、,;:][。，；：、,;:]")
# a rate said with an amount's word: "增加12.34%" (增长), "减少5%" (下降)
RATE_WORDS = {"增加": "增长", "减少": "下降"}


def _finding(kind, sureness, para, at, stated, expected, how, note=""):
    return Finding(kind, sureness, para.section, sentence_at(para.text, at), stated, expected, how, note)


def check_words(para: Paragraph, figs: list[Figure]) -> list[Finding]:
    out: list[Finding] = []
    text = para.text
    for m in pending.PATTERN.finditer(text):
        out.append(_finding("未填", SURE, para, m.start(), m.group(0), f"填入“{m.group(1)}”的实际数字",
                            "文中留有待填标记：模板生成的文本在数字补齐之前就公开了",
                            "这是起草工具留下的“待填”标记，公开文本中不应出现"))
    for f in figs:
        if f.kind == "percent" and f.role == "rate" and f.word in RATE_WORDS:
            right = RATE_WORDS[f.word]
            out.append(_finding("方向词", SURE, para, f.start, f"{f.word}{f.text}", f"{right}{f.text}",
                                f"“{f.word}”用于金额，百分比（变动率）应写“{right}”"))
    for m in GARBLED_PAIRS.finditer(text):
        out.append(_finding("模板残留", SURE, para, m.start(), m.group(0), "只保留符合实际的一个词",
                            "成对的选项（增加/减少、大于/小于）两个都留在了文中"))
    for m in _SWAPPED.finditer(text):
        right = SWAPPED_TERMS[m.group(0)]
        out.append(_finding("用词", SURE, para, m.start(), m.group(0), right, f"固定用语“{right}”的字序颠倒"))
    for m in REPEATED.finditer(text):
        word = m.group(1) or m.group(2)
        if word in REPEATED_ALLOWED or any(ch.isdigit() for ch in word):
            continue
        if any(m.start() < j < m.end() for j in para.joins):
            continue  # across two lines of the file joined here: table cells, not one sentence
        out.append(_finding("重复用字", SURE, para, m.start(), m.group(0), word, f"“{word}”连写了两次"))
    for m in PUNCTUATION.finditer(text):
        out.append(_finding("标点", SURE, para, m.start(), m.group(0), m.group(0)[-1] if m.group(0)[0] == m.group(0)[-1]
                            else "只保留一个标点", f"两个标点“{m.group(0)}”连用"))
    kept: list[tuple[int, int]] = []
    for s, e, words, term in sorted(near_misses(text), key=lambda h: h[0] - h[1]):
        if any(s < ke and ks < e for ks, ke in kept):
            continue  # the longest near-miss of a run of words only
        kept.append((s, e))
        out.append(_finding("规范用语", NOTE, para, s, words, term, f"与规范用语“{term}”只差一个字",
                            "请核对是否为笔误（名称应与决算表、政府收支分类一致）"))
    return out

