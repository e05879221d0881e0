"""The look of an exported Word file (GB/T 9704 by default) and the words of the whole
disclosure, read from a style's ``[docx]`` table in style.toml.  Every key is optional; a style
overrides only what its province does differently.

Sizes are in 磅 (pt) or written as 字号 names ("三号", "小四"); margins in millimetres.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import JuesuanError

# 字号 → 磅, as Word and WPS define them
ZIHAO = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
    "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5,
}


def _size(value: object) -> object:
    if isinstance(value, str):
        text = value.strip().removesuffix("磅").removesuffix("pt").strip()
        if text in ZIHAO:
            return ZIHAO[text]
        return text
    return value


class Margins(BaseModel):
    model_config = ConfigDict(extra="forbid")
    top: float = Field(37, gt=0, lt=100, description="上边距（毫米）")
    bottom: float = Field(35, gt=0, lt=100, description="下边距（毫米）")
    left: float = Field(28, gt=0, lt=100, description="左边距（毫米）")
    right: float = Field(26, gt=0, lt=100, description="右边距（毫米）")


class WholeSettings(BaseModel):
    """The words around the tables of the whole disclosure (``--whole``), as the province prints them."""

    model_config = ConfigDict(extra="forbid")
    cover: str = Field("{unit}\n{year}年度单位决算公开",
                       description="封面标题，可用 {unit} {year}；“\\n”处换行（长标题不在词中断开）")
    cover_foot: str = Field("{unit}\n{date}",
                            description="封面下方的落款，可用 {unit} {year} {date}（导出的年月，如“2025年9月”）；"
                                        "“\\n”处换行；空则封面只有标题")
    toc: str = Field("目录", description="目录页的标题；空则不加目录")
    toc_levels: int = Field(2, ge=1, le=3, description="目录列到第几级：1 只列各部分，2 再列各节和各表")
    part1: str = "第一部分 概况"
    duties: str = "一、本部门（单位）职责"
    organisation: str = "二、机构设置情况"
    part2: str = "第二部分 {year}年部门决算表"
    part4: str = "第四部分 名词解释"
    part5: str = "第五部分 附件"
    unit_label: str = Field("部门名称：", description="表头左侧“部门名称：”或“单位：”")
    amount_unit: str = "金额单位：万元"
    tables: list[int] = Field(default_factory=lambda: list(range(1, 11)),
                              description="公开哪些表（山东只有 1–9）")
    table_zero: str = Field("", description="表中金额为 0 时的写法：空白（山西）或 0.00（山东）")
    t06_groups: int = Field(2, ge=1, le=4, description="公开06表 公用经费 分几栏")
    t06_amount: str = Field("决算数", description="公开06表 金额列的列名")
    empty: str = Field("", description="旧写法：在表注下另起一行“说明：…”（如“本表无数据”）；空则按 empty_notes 以一句注代替表注")
    empty_notes: dict[int, str] = Field(default_factory=dict,
                                        description="无数据的表印的那句注，按表号覆盖默认句子（{who} 为 部门 或 单位）")
    table_form: str = Field("national", pattern="^(national|shanghai)$",
                            description="决算表的式样：national 全国公开01–10表（行次、栏次）；shanghai 上海 9 张纵向表（类、款、项）")


class DocxSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body_font: str = "仿宋_GB2312"
    heading1_font: str = "黑体"
    heading2_font: str = "楷体_GB2312"
    title_font: str = "方正小标宋简体"
    latin_font: str = Field("Times New Roman", description="数字和西文的字体")
    body_size: float = Field(16, gt=0, le=72)
    heading_size: float = Field(16, gt=0, le=72)
    title_size: float = Field(22, gt=0, le=72)
    caption_size: float = Field(14, gt=0, le=72)
    table_size: float = Field(9, gt=0, le=72, description="决算表的字号（小五）")
    line_spacing: float = Field(28, gt=0, le=100, description="固定行距（磅）")
    title_line_spacing: float = Field(36, gt=0, le=100)
    first_line_chars: int = Field(2, ge=0, le=10, description="首行缩进（字符）")
    paper: str = Field("A4", pattern="^(A4|A3|B5)$")
    margins: Margins = Field(default_factory=Margins)
    page_number: str = Field("— {page} —", description="页脚页码的样式，{page} 处为页码；空则不加页码")
    page_number_position: str = Field("outside", pattern="^(center|outside)$",
                                      description="页码居中（center），或按 GB/T 9704 单页居右、双页居左空一字（outside）")
    page_number_font: str = "宋体"
    page_number_size: float = Field(14, gt=0, le=72)
    chart_width_cm: float = Field(14, gt=2, le=30, description="图表宽度（厘米）")
    landscape_tables: bool = Field(True, description="决算表在纵向页面放不下（数字会折行）时改用横向页面；"
                                   "false 则始终纵向、必要时缩小表格字号")
    cover_size: float = Field(26, gt=0, le=72, description="封面标题的字号（一号）")
    toc_size: float = Field(14, gt=0, le=72, description="目录条目的字号（四号）")
    toc_line_spacing: float = Field(20, gt=0, le=100, description="目录条目的固定行距（磅）")
    whole: WholeSettings = Field(default_factory=WholeSettings)

    _sizes = field_validator("body_size", "heading_size", "title_size", "caption_size", "table_size",
                             "page_number_size", "line_spacing", "title_line_spacing", "cover_size",
                             "toc_size", "toc_line_spacing",
                             mode="before")(_size)


class DocxSettingsError(JuesuanError):
    pass


def docx_settings(raw: dict | None, where: str = "style.toml") -> DocxSettings:
    """Validate a style's ``[docx]`` table; a mistake names the key, in Chinese."""
    try:
        return DocxSettings.model_validate(raw or {})
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(map(str, err["loc"]))
            if err["type"] == "extra_forbidden":
                problems.append(f"docx.{key}：不认识的设置项")
            else:
                problems.append(f"docx.{key}：{err['msg']}（现为 {err.get('input')!r}）")
        raise DocxSettingsError(f"样式设置 {where} 的 [docx] 有误：" + "；".join(problems)) from None
