"""Where a table heading may break: between words, never inside one ("事业收/入", "科目代/码").

Word and LibreOffice break Chinese between any two characters, so a narrow column of 公开02表 cut
"事业收入" into "事业收" and "入".  The export measures each heading, makes its column at least as
wide as the heading's longest word, and writes the line breaks itself (``wrap``) at word
boundaries.  The words are those of the 决算 tables' headings (longest first); a character not
in a known word stands alone, so an unknown name (a 项目 in an 附件 table) breaks as before.
"""
from __future__ import annotations

import re
from functools import lru_cache

# the words of the tables' headings; a longer word is tried before its prefixes
WORDS = tuple(sorted({
    "一般", "公共", "预算", "政府性", "国有", "资本", "财政拨款", "非财政拨款", "上级补助", "上缴上级",
    "附属单位", "补助", "上缴", "事业", "经营", "其他", "本年", "上年", "年初", "年末", "结转和结余", "结转", "结余",
    "收入", "支出", "合计", "小计", "总计", "人员", "公用", "经费", "基本", "项目", "名称", "科目", "代码",
    "编码", "功能分类", "经济分类", "公务接待费", "公务用车", "购置费", "购置", "运行", "维护费",
    "出国（境）费", "因公", "决算数", "预算数", "统计数", "自评", "得分", "等级", "主管部门", "序号", "行次",
    "栏次", "金额", "使用", "提取", "专用", "基金", "资金", "拨款", "政府", "采购", "货物", "工程", "服务",
    "车辆", "数量", "单位", "部门", "机关", "运行经费", "业务", "执行数", "执行率", "全年", "分值",
    "指标", "指标值", "年度", "实际", "完成值", "偏差", "原因", "一级", "二级", "三级", "用于",
    # the row labels of 公开01/04表 (the 2024 类) and the usual 款 and 项 words
    "公共服务", "外交", "国防", "公共安全", "教育", "科学技术", "文化", "旅游", "体育", "传媒", "社会保障",
    "就业", "卫生健康", "节能环保", "城乡社区", "农林水", "交通运输", "资源", "勘探", "工业", "信息",
    "商业", "服务业", "金融", "援助", "地区", "自然资源", "海洋", "气象", "住房保障", "粮油", "物资",
    "储备", "灾害", "防治", "应急", "管理", "债务", "还本", "付息", "抗疫", "特别", "国债", "安排",
    "行政", "事务", "医疗", "养老", "离退休", "缴费", "保险", "职业", "年金", "住房", "公积金", "法律",
    "司法", "公安", "检察", "法院", "工资", "福利", "津贴", "奖金", "绩效", "伙食", "办公", "印刷",
    "咨询", "手续费", "水费", "电费", "邮电费", "取暖费", "物业", "差旅费", "维修", "租赁费", "会议费",
    "培训费", "材料费", "劳务费", "委托", "工会", "福利费", "交通费用", "税金", "附加", "设备",
    "网络", "软件", "更新", "生活", "补贴", "个人", "家庭", "商品和服务",
    "本年度", "中小企业", "小微企业", "合同", "授予",
}, key=len, reverse=True))
# a Latin or digit run, or a row's number ("二十二、", "（三）") stays whole
_LATIN = re.compile(r"[A-Za-z0-9.,%\-]+|[一二三四五六七八九十百]+、|（[一二三四五六七八九十]+）")
# punctuation that closes a word stays with the word before it; opening punctuation with the one after
_CLOSE, _OPEN = "）)、，。；：”’", "（(“‘"


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of a heading, in order ("本年收入合计" → 本年, 收入, 合计)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        m = _LATIN.match(text, i)
        if m:
            token = m.group()
        else:
            token = next((w for w in WORDS if text.startswith(w, i)), text[i])
        if out and (token[0] in _CLOSE or out[-1][-1] in _OPEN):
            out[-1] += token
        else:
            out.append(token)
        i += len(token)
    return tuple(out)


def wrap(text: str, usable_pt: float, measure) -> list[str]:
    """The lines of one heading in a cell ``usable_pt`` wide: greedy by words; a word wider than
    the cell (only when no width could hold it) breaks where it must.  ``measure(text)`` gives
    a text's width in points."""
    lines: list[str] = []
    for para in text.split("\n"):
        cur = ""
        for w in words(para):
            if cur and measure(cur + w) > usable_pt:
                lines.append(cur)
                cur = ""
            while measure(w) > usable_pt and len(w) > 1:  # longer than a line: cut it
                k = len(w) - 1
                while k > 1 and measure(w[:k]) > usable_pt:
                    k -= 1
                if cur:
                    lines.append(cur)
                    cur = ""
                lines.append(w[:k])
                w = w[k:]
            cur += w
        lines.append(cur)
    return lines
