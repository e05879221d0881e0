"""Every pattern the audit reads a published text with, named and commented, in one place.

The reader works on text whose digits, ％ and ． have been made half-width one character for one
(``normalize``), so offsets still point into the original sentence and quotes stay verbatim.
"""
from __future__ import annotations

import re

# full-width digits, full stop and percent → ASCII, one character for one (offsets are kept)
_HALF = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def normalize(text: str) -> str:
    return text.translate(_HALF).replace("\u00a0", " ")


# a number as published: 1,289.23 / 127.80 / 36 / 0 (a thousands comma is ASCII only: a Chinese
# comma "，" always separates clauses)
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"

# an amount in 万元; amounts in 元 (每件补贴900元) are rates of pay, not figures of the accounts
AMOUNT = re.compile(rf"(?<![\d.])(?P<num>{NUMBER})\s*万元")
# a percentage; "个百分点" (a change of a ratio) is not a percentage and never matches
PERCENT = re.compile(rf"(?<![\d.])(?P<num>{NUMBER})\s*%")

# clause boundaries inside a sentence (a subject never crosses one)
CLAUSE_END = "，,；;。：:！？!?"
SENTENCE_END = "。！？!?"

# --- the role of a figure, read from the words just before it in its clause (anchored at the end)
DIRECTION_UP = ("增加", "增长", "上升", "提高", "增幅", "增")
_DIRECTION = r"(?:增加|减少|增长|下降|上升|降低|提高|增|减)了?"
# the direction word just before a rate: "下降15.85%", "增长率为25%", "降幅为3%"
DIRECTION_BEFORE_RATE = re.compile(
    r"(?P<word>增加|减少|增长|下降|上升|降低|提高|增幅|降幅|增|减)(?:了|率|幅度?)?(?:为|是|达)?$")

AMOUNT_ROLES: list[tuple[str, re.Pattern[str]]] = [
    # "单价100万元（含）以上设备" is a threshold, not a figure
    ("threshold", re.compile(r"单价$")),
    # "本年新增36万元": a new item; its amount is 本年 (before "change": 新增 ends with 增)
    ("new", re.compile(r"新增$")),
    # "减少24.07万元": the change against 上年 (or against the budget)
    ("change", re.compile(_DIRECTION + r"$")),
    # "年初预算142.83万元" / "全年预算数为10万元" / "预算数0.31万元"
    ("budget", re.compile(r"(?:年初|全年|调整后?)?预算(?:数|金额)?(?:为|是|共)?$")),
    # "较上年0.32万元" / "上年决算数为…" / "2023年度…" (the year before is checked in code)
    ("prior", re.compile(r"(?:上年|上年度|上年同期|去年)(?:决算)?(?:数)?(?:为|是)?$")),
    # "2023年度支出0.50万元": a year and a few words (no digits) before the figure
    ("prior_year", re.compile(r"(?P<year>20\d\d)年度?[^\d%]{0,15}$")),
]

PERCENT_ROLES: list[tuple[str, re.Pattern[str]]] = [
    # "下降15.85%" / "增长率为25%" / "降幅为3%": a change rate
    ("rate", DIRECTION_BEFORE_RATE),
    # "占比90.65%" / "占77.65%" / "占本年支出合计的100.00%" (the whole named in between)
    ("share", re.compile(r"占(?:比)?(?:为)?$|占(?P<whole>[^，,；;。%]{1,30}?)的?(?:比重|比例)?(?:为)?$")),
    # "完成年初预算的89.48%" / "执行率为0%"
    ("completion", re.compile(r"完成(?P<basis>[^，,；;。%]{0,12})的$|(?:执行|完成)率(?:为|达到|是)?$"
                              r"|为(?:年初|全年)?预算(?:数)?的$")),
]

# what a subject is stripped of before two subjects are compared
SUBJECT_NOISE = re.compile(
    r"^\s*(?:\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)])?\s*"     # list numbering
    r"|与上年(?:度)?相比|与20\d\d年度?相比|较上年(?:度)?(?:决算)?|比上年(?:度)?|较20\d\d年度?|比20\d\d年度?"
    r"|20\d\d年度?|本年度?|其中|各|均为|合计为|为$|是$|共$|[（(](?:类|款|项)[）)]|决算(?:数)?"
)

# --- a lead: the words that announce the parts of a whole stated just before them.
# "其中：" announces the whole list (exhaustive); "主要用于以下方面：" / "如下：" / "包括：" may
# leave minor items out; "其中" without a colon ("其中外事接待费0万元") announces one part
LEAD = re.compile(r"(?P<exhaustive>其中)(?P<colon>[:：])?|(?P<main>以下方面|如下|主要包括|包括)[:：]")

# --- what may stand between the figures of one change
# "减少24.07万元，下降15.85%" / "增加100万元，增长率为25%": between the change and its rate
CHANGE_TO_RATE = re.compile(
    r"[，,、\s]*(?:增长|下降|上升|降低|增加|减少|提高|增幅|降幅)(?:了|率|幅度?)?(?:为|是|达)?\s*")
# "较上年0.32万元减少0.01万元": between a stated 上年 figure and the change
PRIOR_TO_CHANGE = re.compile(r"\s*(?:决算)?(?:相比|比较)?[，,]?\s*(?:增加|减少|增长|下降|上升|降低|提高|增|减)了?\s*")

# --- wording
# "决算数大于年初预算数" / "决算数与年初预算数基本持平"
DEVIATION = re.compile(r"决算数?(?P<word>大于|高于|超过|多于|小于|低于|少于|与)(?:年初|全年)?预算数?(?P<same>基本持平|持平|相同|一致)?")
NO_BUDGET = re.compile(r"(?:年初|全年)无预算")
# words that say an item had no budget at all ("本年度无预算", "未安排预算")
NO_BUDGET_WORDS = re.compile(r"无(?:年初|全年)?预算|未安排(?:年初|全年)?预算|没有(?:年初|全年)?预算")
SAME_WORDS = re.compile(r"持平|相同|无增减变化|无变化")

# --- template residue and year tokens
RESIDUE: list[tuple[str, re.Pattern[str]]] = [
    ("占位符 XX", re.compile(r"(?<![A-Za-z])(?:[XxＸｘ]{2,}|×{2,}|[Xx](?=万元|%|个|人次|辆))(?![A-Za-z])")),
    ("未删的选项（增加）（减少）", re.compile(r"[（(](?:增加|增长|上升)[）)]\s*[/／、]?\s*[（(](?:减少|下降|降低)[）)]"
                                   r"|[（(](?:减少|下降)[）)]\s*[/／、]?\s*[（(](?:增加|增长)[）)]")),
    ("未删的选项 增加/减少", re.compile(r"增加[/／]减少|减少[/／]增加|增长[/／]下降|下降[/／]增长|增加（减少）|增长（下降）")),
    ("未删的选项 大小于", re.compile(r"大小于|大于[/／、]小于|小于[/／、]大于|大于（小于）|大于\(小于\)|（大于|（小于")),
    ("待填空白", re.compile(r"[_＿]{2,}|[（(]\s*[）)]万元|□")),
]
YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*年")

# --- what a section is about, from its title (numbering differs by province: "三公" is 九 in
# 山西/山东, 七 in the 上海 template), matched on the title after "一、"
TOPICS: list[tuple[str, re.Pattern[str]]] = [
    ("财政拨款总体", re.compile(r"^财政拨款收(?:入)?[、]?支(?:出)?决算总体")),
    ("收支总体", re.compile(r"^收(?:入)?[、]?支(?:出)?决算总体")),
    ("收入", re.compile(r"^收入决算")),
    ("支出", re.compile(r"^支出决算")),
    ("基本支出", re.compile(r"^一般公共预算财政拨款基本支出")),
    ("一般公共预算", re.compile(r"^一般公共预算财政拨款支出决算")),
    ("三公", re.compile(r"三公")),
]

# --- the outline of 第三部分
PART3 = re.compile(r"^\s*第三部分")
PART_AFTER = re.compile(r"^\s*第[四五六]部分")
HEADING = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})、(?P<title>[^。]{2,40})$")
SUBHEADING = re.compile(r"^[（(](?P<num>[一二三四五六七八九十]{1,3})[）)]\s*(?P<title>[^。]{1,40})(?:。(?P<rest>.*))?$")
# "1、" / "1." / "（一）" — but not "90.00%" (a figure a line break left at the start of a line)
LIST_ITEM = re.compile(r"^\s*(?:\d+[、．]|\d+\.(?!\d)|[（(][一二三四五六七八九十\d]+[）)])")
CAPTION = re.compile(r"^\s*\*?\s*图\s*\d")
MARKDOWN_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+(?=\S))")
# a line holding a form feed separates pages (the PDF and .docx readers, pdftotext)
PAGE_BREAK = "\f"
