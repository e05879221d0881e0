"""The style reference, generated from the code: ``juesuan styles reference > docs/styles-reference.md``.

Everything a style can use is read from where it is defined — the helpers (``render.engine``), the
facts (``facts.Facts`` and ``Item``), the project model, the style settings (pydantic models,
defaults and descriptions), the words, the chart kinds, the line markers — and each example is
rendered from a bundled sample, so the reference cannot drift from the program (a test compares).
"""
from __future__ import annotations

import inspect
import re
import types
import typing
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

SAMPLE = "shanghai-sample-2024"
HEADER = ("<!-- 由 `juesuan styles reference > docs/styles-reference.md` 生成，请勿手改；"
          "程序改了之后重新生成（tests/unit/test_style_reference.py 会发现它过期） -->")

# one example per helper, written as a template writes it (rendered on the sample)
HELPER_EXAMPLES = {
    "pending": '{{ pending("公共安全支出 年初预算") }}',
    "money": "{{ money(f.grand_income) }}",
    "prior": "{{ prior(f.grand_income) }}",
    "budget": "{{ budget(f.general) }}",
    "pct": "{{ pct(f.general.share.rate) }}",
    "count": '{{ count(f.sangong_detail.cars_kept, "辆", "三公明细 公务用车保有量") }}',
    "known_sum": '{{ count(known_sum(f.sangong_detail.domestic.batches, f.sangong_detail.abroad.batches), "批次", "三公明细 接待批次") }}',
    "score": "{{ score(f.performance.average) }}",
    "share": "{{ share(f.general) }}",
    "ratio": "{{ ratio(f.basic, f.general) }}",
    "change": '{{ change(f.grand_income, "收入总计") }}',
    "change_kind": "{{ change_kind(f.grand_income) }}",
    "change_word": "{{ change_word(f.sangong) }}",
    "completion": '{{ completion(f.general, "年初预算") }}',
    "completion_kind": "{{ completion_kind(f.general) }}",
    "deviation": '{{ deviation(f.general, "年初预算") }}',
    "note": '{{ note(f.general, "deviation") }}',
    "has_note": '{{ has_note(f.general, "deviation") }}',
    "reason": '{{ reason("收支总计", "主要原因是", "。") }}',
    "numeral": "{{ numeral(12) }}",
    "suffixed": '{{ suffixed("法律援助经费", "项目") }}、{{ "法律援助经费项目" | suffixed("项目") }}',
    "amount_word": "{{ amount_word(f.sangong) }}",
    "rate_word": "{{ rate_word(f.sangong) }}",
    "change_amount": '{{ change_amount(f.grand_income, "") }}、{{ change_amount(f.grand_expense) }}',
    "change_rate": "{{ change_rate(f.grand_income) }}",
    "number": "{{ number(f.grand_income) }}",
    "num": "{{ num(2) }}{{ num(3) }}{{ num(3) }}",
    "sentence": '{{ sentence("产出质量有待提高。", "发现的主要问题：") }}',
    "listed": "{% for i in listed(f.income_sources) %}{{ i.name }}{{ ' ' if not loop.last }}{% endfor %}",
    "change_as": '{{ change_as(f.sangong_item("公务接待费"), "公务接待费支出决算") }}',
    "explains": "{{ explains(f.grand_income) }}",
    "reason_verb": "{{ reason_verb(f.sangong) }}",
    "kuan_of": "{{ kuan_of(f.classes[0]) | length }}",
    "grades": "{% for g, n in grades() %}{{ g }}{{ n }}个{{ '、' if not loop.last }}{% endfor %}",
    "share_of": '{{ share_of(f.procurement["中小企业"], f.purchase) }}',
    "purchase_share": '{{ purchase_share(f.procurement["中小企业"]) }}',
    "vehicles_listed": "{% for k, n in vehicles_listed() %}{{ k }}{{ n }}{{ '、' if not loop.last }}{% endfor %}",
}

# what each helper does, for the clerk (the docstrings are for programmers)
HELPER_DOCS = {
    "pending": "经办人没填的数写成醒目的【待填：…】（从不写 0）；以表名开头的名称按经办人的说法写（“公开03表 合计 基本支出”→“基本支出合计（公开03表）”）",
    "money": "金额，按样式的数字格式加“万元”；给一个数（Item）时带出它的来源",
    "prior": "上年数（未填时写【待填】）",
    "budget": "年初预算数（未填时写【待填】）",
    "pct": "一个百分比（占比的格式）；空时为空",
    "count": "个数加单位；未填时写【待填：第三个参数】（从不写 0）",
    "known_sum": "几个数之和，其中有未填的就是未填（交给 count/money 写【待填】）",
    "score": "绩效评分加“分”（[number.score] 的格式）",
    "share": "占所在合计的比例（这个数或合计未填时写【待填】；合计为 0 时为空）",
    "ratio": "part 占 whole 的比例",
    "change": "与上年比较的一整句：增加/减少、增长/下降、持平、上年无此项、都为 0 自动换词；句式见 [words] change",
    "change_kind": "变动的种类：up 增加、down 减少、same 持平（含显示为 0.00 的变动）、new 上年为 0、both_zero 都为 0、unknown 本年或上年未填",
    "change_word": "只要“增加/减少”（持平、都为 0 时为空），用于“……减少的主要原因是”",
    "completion": "预算完成：完成年初预算的X%（预算填了 0 时写“年初无预算”，未填时写【待填】）",
    "completion_kind": "决算与预算比较的种类：over 大于、under 小于、equal 持平、no_budget 无预算、none 都为 0",
    "deviation": "决算数大于/小于/持平预算数；无预算时写 [words] no_budget_deviation，都为 0 时为空",
    "note": "经办人填的说明（[说明] 中 subject 的 reason 变动原因 / usage 主要用于 / deviation 预算偏差原因 / text 内容）",
    "has_note": "经办人是否填了这条说明",
    "reason": "prefix + 经办人填的原因 + end；没填就是空（不会留下“主要原因是。”）；它解释的比较有数未填时也为空",
    "numeral": "汉字数字：12 → 十二",
    "suffixed": "名称后接一个词，名称已以这个词结尾时不再接（“X经费”→“X经费项目”，“X项目”不会成“X项目项目”）；也可写成过滤器 name | suffixed(\"项目\")",
    "amount_word": "只要金额的方向词：增加/减少（持平、都为 0 时为空）",
    "rate_word": "只要百分比的方向词：增长/下降（持平、新增、都为 0 时为空）",
    "change_amount": "变动额（不带正负号）；unit=\"\" 时不带单位，用于“各减少A、B万元”",
    "change_rate": "变动率（不带正负号），[number.change_rate] 的格式；无法计算时为空",
    "number": "只要数字、不带单位（“1,289.23”），用于“A、B万元”",
    "listed": "列举的行：样式 list_zero_rows 为 true 时包括为 0 的行，否则只列本年或上年有数的行（current=True：只看本年）",
    "change_as": "与上年比较，主语按情况换：有变动或持平时用 label（“公务接待费支出决算减少…”），新增或都为 0 时用名称（“公务接待费上年无此项支出…”）",
    "explains": "这次比较后面要不要写原因：有变动时要；持平、都为 0 时只在样式 extra.reason_when_same 为 true 且经办人写了时要",
    "reason_verb": "“……的主要原因是”前面的词：增加/减少/持平（都为 0 或上年未填时为空）",
    "kuan_of": "一个类下面经办人写了“主要用于”的款（列表）",
    "grades": "绩效各等级及个数（名称按 extra.grade_labels；extra.list_zero_grades 为 true 时含 0 个的等级）",
    "share_of": "part 占 whole 的百分比（whole 为 0 时为空）",
    "purchase_share": "政府采购金额后的“，占政府采购支出总额的X%”（样式 extra.procurement_shares 为 true 时才写；没有政府采购时为空）",
    "vehicles_listed": "“其中：”列举的车辆（类别, “N辆”）：有车的类别，加上样式 extra.vehicle_kinds_listed 总要列的类别；未填的写【待填】",
    "sentence": "prefix + 文字 + end，文字自带的句末标点不重复（不会“。。”）；文字为空时为空",
    "num": "下一个某级编号：num(2) → （一），num(3) → 1.（按 [headings] levels）；新章节重新编号",
}

FACT_DOCS = {
    "grand_income": "收入总计（公开01表）", "grand_expense": "支出总计（公开01表）",
    "grand_equal": "收入总计与支出总计（本年、上年）都相等", "income_total": "本年收入合计",
    "income_sources": "各项收入（财政拨款收入合为一项，如公开02表）", "income_by_fund": "公开01表的每一项收入",
    "expense_total": "本年支出合计", "expense_kinds": "基本支出、项目支出等", "expense_kind": "按名称取一项支出",
    "fiscal_income": "财政拨款收入总计（公开04表）", "fiscal_expense": "财政拨款支出总计（公开04表）",
    "fiscal_equal": "财政拨款收、支总计都相等", "general": "一般公共预算财政拨款支出（含上年、年初预算）",
    "classes": "一般公共预算财政拨款支出按类", "items": "一般公共预算财政拨款支出按项（含有预算无支出的项）",
    "budget_items": "“具体情况”逐条列的科目：预算按项填时为项，按类填时为类",
    "basic": "一般公共预算财政拨款基本支出", "personnel": "人员经费（children 为经济分类）",
    "public": "公用经费（children 为经济分类）", "fund": "政府性基金预算财政拨款支出（children 为各项）",
    "fund_income": "政府性基金预算财政拨款收入", "has_fund": "有政府性基金收支",
    "capital": "国有资本经营预算财政拨款支出", "capital_income": "国有资本经营预算财政拨款收入",
    "has_capital": "有国有资本经营收支", "sangong": "“三公”经费合计（children 为各项）",
    "sangong_item": "按名称取“三公”的一项（含“公务用车购置及运行维护费”合计）",
    "sangong_detail": "三公明细：出国团组、人次、车辆、接待批次（项目文件 [三公明细]）",
    "running_cost": "机关运行经费", "has_running_cost": "适用且有机关运行经费",
    "purchase": "政府采购（children 为货物、工程、服务）", "procurement": "中小企业、小微企业等政府采购明细",
    "vehicles": "车辆：8 类（名称, 辆数）", "vehicles_total": "车辆合计", "equipment": "单价100万元以上设备",
    "evaluations": "预算绩效自评表（每个有执行率、得分、等级）",
    "performance": "预算绩效汇总：projects 项目数、amount 金额、average 平均分、grades 各等级个数",
    "note": "经办人填的说明（同函数 note）",
    "kuan_of": "一个类下面的款（含上年、年初预算）",
}

ITEM_DOCS = {
    "change": "与上年的比较（见 .change.…）", "share": "占所在合计的比例（见 .share.…）",
    "completion": "与预算的比较（见 .completion.…）", "is_zero": "本年填了 0 且上年为 0 或未填（“不涉及的不列”用；未填不算 0）",
    "nonzero": "本年未填（文中写【待填】）或不为 0：列举时用 selectattr(\"nonzero\")，未填的行不会悄悄消失",
    "known": "本年数已填（或能由已填的数算出）", "field_label": "本年数未填时【待填：…】里写的名称",
    "change.known": "本年、上年都已填", "share.known": "这个数和所在合计都已填",
    "completion.known": "决算、预算都已填",
    "code_name": "科目的称呼：类只写名称，款、项带科目代码（“2040501 行政运行”，因“行政运行”等名称各款都有）",
    "change.current": "本年数", "change.prior": "上年数", "change.amount": "变动额（本年 − 上年，带正负）",
    "change.kind": "up、down、same、new（上年为 0）、both_zero、unknown（本年或上年未填）", "change.rate": "变动率（%，上年为 0 时为空）",
    "share.part": "这个数", "share.whole": "所在合计", "share.rate": "占比（%，合计为 0 时为空）",
    "completion.actual": "决算数", "completion.budget": "预算数", "completion.rate": "完成率（%，无预算时为空）",
    "completion.deviation": "决算 − 预算", "completion.kind": "over、under、equal、no_budget、none、unknown（决算或预算未填）",
}

# the settings whose model gives no description (the bundled keys; a new key should say itself)
SETTING_DOCS = {
    "name": "样式名称（也是文件夹名；不写时取文件夹名）", "label": "列表中显示的名称",
    "description": "一句话说明", "part_title": "第三部分的标题；可用 {unit} {short_name} {year} {prior_year}",
    "sections": "章节，按顺序：每节 id、title、template", "number": "数字格式（各种数的默认）",
    "headings": "标题编号", "words": "措辞（见 4.3）",
    "reason_threshold": "变动率达到多少（%）须说明原因（0：除持平外都要）",
    "list_zero_rows": "逐项列举时也列金额为 0 的行", "class_rows": "公开01表列哪些类（不写：按年度的标准列表）",
    "glossary": "第四部分 名词解释，每条一行", "docx": "导出 Word 的版式（见 4.1）",
    "extra": "样式自用的数据，模板里用 style.extra.… 读取（如 vehicle_labels）",
    "words.up": "金额增加", "words.down": "金额减少", "words.up_rate": "百分比增长", "words.down_rate": "百分比下降",
    "words.same": "与上年相等", "words.lead": "与上年比较的开头", "words.missing_prior": "上年数未填时",
    "words.both_zero": "本年、上年都是 0", "words.new": "上年 0、本年有", "words.completion": "预算完成",
    "words.no_budget": "没有预算（{basis} 去掉“预算”二字，如“年初”）", "words.over": "决算大于预算",
    "words.under": "决算小于预算", "words.equal": "决算等于预算",
    "words.no_budget_deviation": "没有预算却有支出（不写“决算数大于预算数”）", "words.what": "默认的“支出”",
    "words.change": "与上年比较一句的句式，{…} 为各部分", "words.sep": "句式中变动额与变动率之间的分隔",
}

MARKERS = [
    ("普通一行", "一段正文（一行就是一段；空行被忽略）"),
    ("`## ` 开头", "小标题，如 `## （一）一般公共预算财政拨款支出决算总体情况`"),
    ("`!! ` 开头", "图题；`!! [chart:grand] 图1：…` 表示这里放 grand 图（导出 Word 时画图）"),
    ("`|` 开头", "表格的一行，单元格用 `|` 隔开；相邻的几行是同一张表"),
    ("`【待填：…】`", "经办人还没填的数（`pending(…)` 写出；审核、导出会提示）"),
]

PITFALLS = [
    ("一行末尾是 `{% endif %}`（或 `{% endfor %}`、`{% else %}` 等 `%}`）时，这一行的换行会被吃掉，"
     "下一行接在它后面成为同一段：图题、小标题被并进正文。",
     "把 `{% … %}` 单独写一行，或在这样的一行后面空一行。"),
    ("`{{ }}`、`{% %}` 里用了中文引号 “” 或中文逗号。", "里面一律用英文引号 `\"` 和英文逗号。"),
    ("文字和数字直接相加：`\"比\" + prior_year`。", "用 `~` 相连：`\"比\" ~ prior_year ~ \"年\"`。"),
    ("自己写“增加/减少”“增长/下降”“持平”。", "用 `change(…)`，或 `amount_word(…)`、`rate_word(…)`：程序按数字选词。"),
    ("`glossary = [...]` 写在 `[number]`、`[words]` 或 `[[sections]]` 之后。",
     "TOML 规定写在某个 `[…]` 之后的内容属于那一段：顶层设置要写在第一个 `[…]` 之前。"),
    ("用积木 `m.…` 却没有导入。", "模板第一行写 `{% import \"macros.j2\" as m with context %}`。"),
    ("章节标题里自己写了“一、”。", "编号由 `[headings] levels` 自动加；模板里的小标题用 `{{ num(2) }}`。"),
]


# ------------------------------------------------------------------ helpers
def _sample():
    from .io.projectfile import load
    from .styles import bundled_dir
    root = bundled_dir().parent / "samples"
    if not root.is_dir():
        root = Path(__file__).resolve().parent / "samples"
    return load(root / f"{SAMPLE}.toml")


def _context(project):
    """The context a template sees (as render_project builds it), figures unmarked."""
    from .facts import Facts
    from .render.engine import Formatter, Helpers, Numbering, title_names
    from .styles import load
    style = load(project.unit.style)
    facts = Facts(project)
    s = style.settings
    words = s.word_set()
    words = words.model_copy(update={"lead": words.lead.format(year=facts.year, prior_year=facts.prior_year),
                                     "same": words.same.format(year=facts.year, prior_year=facts.prior_year)})
    numbering = Numbering(s.headings.levels)
    numbering.start_section(1)
    helpers = Helpers(facts, Formatter(s, marks=False, group=project.unit.group), words, numbering)
    names = title_names(project)
    return style, {"f": facts, "p": project, "unit": project.unit, "year": facts.year,
                   "prior_year": facts.prior_year, "short_name": names["short_name"], "style": s,
                   **helpers.as_globals()}


def _render(style, context, source: str) -> str:
    from .render.document import strip_marks
    from .render.engine import environment
    env = environment(style.search_path)
    return strip_marks(env.from_string(source).render(context))


def _signature(fn) -> str:
    sig = inspect.signature(fn)
    parts = []
    for p in sig.parameters.values():
        if p.name == "self":
            continue
        if p.default is inspect.Parameter.empty:
            parts.append(p.name)
        else:
            parts.append(f"{p.name}={p.default!r}".replace("'", '"'))
    return f"{fn.__name__}({', '.join(parts)})"


def _doc(obj) -> str:
    doc = inspect.getdoc(obj) or ""
    first = doc.split("\n\n", 1)[0].replace("\n", " ").strip()
    return first.replace("|", "\\|")


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


# ------------------------------------------------------------------ facts
def _type_name(value) -> str:
    from .facts import Evaluated, Item
    if isinstance(value, bool):
        return "是/否"
    if isinstance(value, Item):
        return "数（Item）"
    if isinstance(value, Decimal):
        return "金额"
    if isinstance(value, int):
        return "整数"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, dict):
        inner = next(iter(value.values()), None)
        return f"表（名称 → {_type_name(inner) if inner is not None else '…'}）"
    if isinstance(value, (list, tuple)):
        inner = value[0] if value else None
        if isinstance(inner, Evaluated):
            return "列表（每项为自评表）"
        return f"列表（每项为{_type_name(inner)}）" if inner is not None else "列表"
    if value is None:
        return "（未填）"
    return type(value).__name__


def _example(value) -> str:
    from .facts import Evaluated, Item
    if isinstance(value, Item):
        extra = []
        if value.prior is not None:
            extra.append(f"上年 {value.prior}")
        if value.budget is not None:
            extra.append(f"预算 {value.budget}")
        return f"{value.name}：{value.value}" + (f"（{'，'.join(extra)}）" if extra else "")
    if isinstance(value, dict):
        keys = list(value)
        return "、".join(map(str, keys[:3])) + ("……" if len(keys) > 3 else "")
    if isinstance(value, (list, tuple)):
        if not value:
            return "（空）"
        head = value[0]
        if isinstance(head, Item):
            return f"{len(value)} 项：" + "、".join(i.name for i in value[:3]) + ("……" if len(value) > 3 else "")
        if isinstance(head, (Evaluated, BaseModel)):
            return f"{len(value)} 行"
        return f"{len(value)} 项：" + "、".join(map(str, value[:2])) + ("……" if len(value) > 2 else "")
    if isinstance(value, BaseModel):
        return type(value).__name__
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "……"


def _members(cls) -> list[tuple[str, object]]:
    out = []
    for name, member in cls.__dict__.items():
        if name.startswith("_"):
            continue
        if isinstance(member, (property, cached_property)) or inspect.isfunction(member):
            out.append((name, member))
    return out


def facts_rows(project) -> list[tuple[str, str, str, str]]:
    """(how to write it, type, example from the sample, what it is) for every ``f.`` name."""
    from .facts import Facts
    f = Facts(project)
    rows = []
    for name, member in _members(Facts):
        if inspect.isfunction(member):
            sig = _signature(member)
            arg = {"expense_kind": "基本支出", "sangong_item": "公务接待费", "note": "收支总计",
                   "kuan_of": "204"}.get(name)
            value = getattr(f, name)(arg) if arg else None
            call = sig.replace(sig[sig.index("(") + 1:-1], f'"{arg}"') if arg else sig
            rows.append((f"`f.{call}`", _type_name(value), _example(value), FACT_DOCS.get(name) or _doc(member)))
            continue
        value = getattr(f, name)
        doc = FACT_DOCS.get(name) or _doc(member.fget if isinstance(member, property) else member.func)
        rows.append((f"`f.{name}`", _type_name(value), _example(value), doc))
    return rows


def item_rows() -> list[tuple[str, str, str]]:
    from dataclasses import fields

    from .compute import Change, Completion, Share
    from .facts import Item
    labels = {"key": "说明（[说明]）所用的名称，如“204”“收支总计”", "name": "名称",
              "value": "本年数（金额）", "source": "来源（表和栏）", "prior": "上年数（未填为空）",
              "budget": "年初预算（未填为空）", "whole": "所在合计（算占比用）", "code": "功能分类代码",
              "full_name": "全称：公共安全支出（类）司法（款）行政运行（项）", "children": "下级（列表，每项为数）",
              "whole_name": "所在合计的名称（合计未填时【待填】里写）", "label": "【待填】里写的名称（空则由来源生成）"}
    rows = [(f"`.{f.name}`", labels.get(f.name, "")) for f in fields(Item)]
    for name, member in _members(Item):
        if isinstance(member, property) and name != "__str__":
            rows.append((f"`.{name}`", ITEM_DOCS.get(name) or _doc(member.fget)))
    for cls, prefix in ((Change, "change"), (Share, "share"), (Completion, "completion")):
        for f in fields(cls):
            rows.append((f"`.{prefix}.{f.name}`", ITEM_DOCS.get(f"{prefix}.{f.name}", "")))
        for name, member in _members(cls):
            if isinstance(member, property):
                rows.append((f"`.{prefix}.{name}`", ITEM_DOCS.get(f"{prefix}.{name}") or _doc(member.fget)))
    return [(a, b, "") for a, b in rows]


def model_rows(model: type[BaseModel], prefix: str, value=None, depth: int = 0) -> list[tuple[str, str, str, str]]:
    """(path, type, example, file key) for a project model's fields, one level of sub-models deep."""
    rows = []
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}"
        v = getattr(value, name, None) if value is not None else None
        ann = info.annotation
        inner = _model_class(ann)
        rows.append((f"`{path}`", _annotation_text(ann), _example(v) if not isinstance(v, BaseModel) else "",
                     info.alias or name))
        if inner is not None and depth < 1 and typing.get_origin(ann) is None:
            rows += model_rows(inner, path, v, depth + 1)
    for name, member in model.__dict__.items():
        if isinstance(member, property) and not name.startswith("_"):
            rows.append((f"`{prefix}.{name}`", "是/否" if "has_" in name else "", _example(getattr(value, name, "")),
                         _doc(member.fget)))
    return rows


def _model_class(ann):
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in typing.get_args(ann):
        found = _model_class(arg)
        if found is not None:
            return found
    return None


def _annotation_text(ann) -> str:
    """A type as a clerk reads it: 文字, 整数, 金额, 是/否, 四舍五入 或 截位, …（可不填）."""
    origin, args = typing.get_origin(ann), typing.get_args(ann)
    if origin is typing.Annotated:
        return _annotation_text(args[0])
    if origin is typing.Literal:
        return " 或 ".join(map(str, args))
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        inner = " 或 ".join(_annotation_text(a) for a in rest)
        return inner + ("（可不填）" if len(rest) < len(args) else "")
    if origin in (list, tuple):
        return f"列表（{_annotation_text(args[0])}）" if args else "列表"
    if origin is dict:
        return f"表（名称 → {_annotation_text(args[-1])}）" if args else "表"
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann.__name__
    return {Decimal: "金额", str: "文字", int: "整数", bool: "是/否", float: "数", object: "任意"}.get(ann, str(ann))


def _own_doc(cls) -> str:
    """A class's own docstring (not BaseModel's, which a model without one inherits)."""
    doc = cls.__dict__.get("__doc__") or ""
    return " ".join(doc.split("\n\n", 1)[0].split()).replace("|", "\\|")


# ------------------------------------------------------------------ settings
def settings_rows(model: type[BaseModel], prefix: str = "") -> list[tuple[str, str, str, str]]:
    """(key, type, default, description) for every key of a settings model, recursively."""
    rows = []
    for name, info in model.model_fields.items():
        key = f"{prefix}{info.alias or name}"
        inner = _model_class(info.annotation)
        default = info.get_default(call_default_factory=True)
        if inner is not None and isinstance(default, BaseModel):
            rows.append((f"`[{key}]`", "表", "", info.description or SETTING_DOCS.get(key) or _own_doc(inner)))
            rows += settings_rows(inner, key + ".")
            continue
        if inner is not None and typing.get_origin(info.annotation) is list:
            rows.append((f"`[[{key}]]`", "表的列表", "", info.description or SETTING_DOCS.get(key) or _own_doc(inner)))
            rows += settings_rows(inner, key + "[].")
            continue
        shown = "（必填）" if info.is_required() else _default_text(default)
        rows.append((f"`{key}`", _annotation_text(info.annotation), shown,
                     info.description or SETTING_DOCS.get(key, "")))
    return rows


def _default_text(value) -> str:
    if value is None:
        return "（不设）"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'`"{value}"`' if value else '`""`'
    if isinstance(value, (list, dict)) and not value:
        return "`[]`" if isinstance(value, list) else "`{}`"
    if isinstance(value, list):
        return "`[" + ", ".join(f'"{v}"' if isinstance(v, str) else str(v) for v in value) + "]`"
    return f"`{value}`"


def chart_kinds() -> list[tuple[str, str]]:
    """The chart kinds the export draws: ``export.charts.CHART_KINDS`` when it names them."""
    try:
        from .export import charts
    except Exception:  # pragma: no cover - the export is optional here
        return []
    kinds = getattr(charts, "CHART_KINDS", None)
    if isinstance(kinds, dict):
        return [(k, str(v)) for k, v in kinds.items()]
    if kinds:
        return [(k, "") for k in kinds]
    # older export without a table of kinds: the ones chart_spec knows, read from its source
    source = inspect.getsource(charts.chart_spec)
    names = re.findall(r'"(\w+)": lambda', source)
    what = {"grand": "柱状图：收入总计、支出总计 本年与上年", "fiscal": "柱状图：财政拨款收入、支出总计 本年与上年",
            "general": "柱状图：一般公共预算财政拨款支出 本年与上年", "income": "饼图：各项收入结构",
            "expense": "饼图：基本支出、项目支出结构", "classes": "饼图：一般公共预算财政拨款支出按类结构"}
    return [(n, what.get(n, "")) for n in names]


def extra_keys() -> list[tuple[str, str]]:
    """The ``[extra]`` keys the program (``extra.get("…")``) and the bundled templates
    (``style.extra.get("…")``) read, found in their source."""
    from .styles import bundled_dir
    here = Path(__file__).resolve().parent
    found: dict[str, set[str]] = {}
    reads = re.compile(r"""extra\.get\(\s*["'](\w+)["']""")
    for path in sorted(here.rglob("*.py")):
        for key in reads.findall(path.read_text(encoding="utf-8")):
            if path.parent.name == "checks" and key != "checks":
                key = "checks." + key  # the 审核 engine reads these inside [extra.checks]
            found.setdefault(key, set()).add(str(path.relative_to(here.parent)).replace("\\", "/"))
    for path in sorted(bundled_dir().rglob("*.j2")):
        for key in reads.findall(path.read_text(encoding="utf-8")):
            found.setdefault(key, set()).add("templates/" + str(path.relative_to(bundled_dir())).replace("\\", "/"))
    return [(f"`extra.{k}`", "、".join(sorted(v))) for k, v in sorted(found.items())]


def macro_rows() -> list[tuple[str, str]]:
    """The building blocks of _shared/macros.j2, with the comment written above each."""
    from .styles import bundled_dir
    text = (bundled_dir() / "_shared" / "macros.j2").read_text(encoding="utf-8")
    rows = []
    for m in re.finditer(r"(?:\{#-?\s*(?P<doc>(?:(?!\{#).)*?)\s*-?#\}\s*)?\{%-?\s*macro\s+(?P<sig>\w+\([^)]*\))",
                         text, re.S):
        doc = " ".join((m.group("doc") or "").split())
        rows.append((f"`m.{m.group('sig')}`", doc.replace("|", "\\|")))
    return rows


# ------------------------------------------------------------------ the page
def _table(head: list[str], rows) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    out += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
    return out + [""]


def generate() -> str:
    from .money import ROUNDING
    from .render.engine import HELPER_NAMES, TITLE_NAMES, Helpers
    from .style_folder import RESIDUE, _WORD_KEYS
    from .styles import NUMBER_KINDS, StyleSettings
    from .wording import Words
    project = _sample()
    style, context = _context(project)
    lines = [HEADER, "", "# 样式参考（自动生成）", "",
             "写样式时能用的一切：函数、数据、style.toml 的每一项、图、标记和易错之处。"
             f"示例值取自样例 `samples/{SAMPLE}.toml`（{project.unit.name}，{project.unit.style} 样式）。"
             "一步一步做一个新样式，见 [styles.md](styles.md)。", ""]

    lines += ["## 1. 模板中的函数", "",
              "在 `{{ }}` 里调用。每个函数都接受“数”（`f.` 下的 Item），也接受普通的数（整数、金额），"
              "没填的数（空）不会出错。", ""]
    rows = []
    for name in HELPER_NAMES:
        fn = getattr(Helpers, name)
        example = HELPER_EXAMPLES.get(name, "")
        result = _render(style, context, example) if example else ""
        rows.append((f"`{_signature(fn)}`", HELPER_DOCS.get(name) or _doc(fn), f"`{example}`" if example else "",
                     result))
    lines += _table(["函数", "作用", "示例", "结果"], rows)

    lines += ["## 2. 积木（`m.`）", "", "模板第一行写 `{% import \"macros.j2\" as m with context %}` 后可用；"
              "要改某个积木，把 `_shared/macros.j2` 复制到样式文件夹里再改（同名文件优先）。", ""]
    lines += _table(["积木", "写出什么"], macro_rows())

    lines += ["## 3. 数据", "", "### 3.1 `f.`：文中陈述的数", "",
              "“数（Item）”有本年数、上年数、预算、占比等（见 3.2）；直接写 `{{ money(f.general) }}`。", ""]
    lines += _table(["写法", "类型", "样例中的值", "是什么"], facts_rows(project))
    lines += ["### 3.2 一个数（Item）的属性", "", "如 `f.general.value`、`f.general.change.rate`、"
              "`f.general.completion.kind`。", ""]
    lines += _table(["属性", "是什么"], [r[:2] for r in item_rows()])
    lines += ["### 3.3 其他变量", ""]
    other = [("`unit`", "单位（见下表 `p.unit.…`，如 `unit.name`）", project.unit.name),
             ("`year`", "年度", str(project.unit.year)), ("`prior_year`", "上年", str(project.unit.year - 1)),
             ("`short_name`", "单位简称（[单位] 简称；未填时为全称）", context["short_name"]),
             ("`style`", "本样式的设置（见第 4 节，如 `style.extra.vehicle_labels`）", style.name)]
    lines += _table(["变量", "是什么", "样例中的值"], other)
    lines += ["### 3.4 `p.`：项目文件（经办人填的原样）", "",
              "一般用 `f.`；`p.` 用于 `f.` 没有的内容，如 `p.overview.duties`（职责）、`p.budget.basis`（预算口径）。", ""]
    from .model import Project
    lines += _table(["写法", "类型", "样例中的值", "项目文件中的名称 / 说明"], model_rows(Project, "p", project))

    lines += ["## 4. style.toml 的每一项", "", "不写的项取默认值。标题里可用的占位符："
              + "、".join(f"`{{{k}}}`（{v}）" for k, v in TITLE_NAMES.items()) + "。", ""]
    lines += _table(["设置", "类型", "默认", "说明"], settings_rows(StyleSettings))
    try:
        from .export.settings import DocxSettings
    except Exception:  # pragma: no cover
        DocxSettings = None
    if DocxSettings is not None:
        lines += ["### 4.1 `[docx]`：导出 Word 的版式", ""]
        lines += _table(["设置", "类型", "默认", "说明"], settings_rows(DocxSettings, "docx."))
    lines += ["### 4.2 数字的种类与舍入", "", "`[number]` 下每一种数可单独设 `pattern`（CLDR 格式）、`places`、"
              "`trim`、`rounding`；不设的跟 `[number]` 的通用设置。舍入方式：" + "、".join(ROUNDING) + "。", ""]
    lines += _table(["种类", "是什么"], [(f"`[number.{k}]`", v) for k, v in NUMBER_KINDS.items()])
    lines += ["CLDR 格式举例：`#,##0.00` → 1,289.23；`0.##` → 1289.2、36；`#,##0.0` → 1,289.2。"
              "项目文件 `[单位]` 的 `千位分隔符 = false` 可让某个单位的金额不分千位。", ""]
    lines += ["### 4.2a `[extra]` 中程序和内置模板读取的设置", "",
              "`[extra]` 是样式自用的表；下面这些名字有程序或内置模板在读（从代码中找出）。", ""]
    lines += _table(["设置", "在哪里读"], extra_keys())
    lines += ["### 4.3 `[words]` 中的占位符", ""]
    words = Words()
    lines += _table(["设置", "默认", "可用的占位符"],
                    [(f"`{k}`", f"`{getattr(words, k)}`", "、".join(f"`{{{p}}}`" for p in sorted(v)) or "—")
                     for k, v in _WORD_KEYS.items()]
                    + [(f"`{k}`", f"`{getattr(words, k)}`", "—") for k in Words.model_fields if k not in _WORD_KEYS])

    lines += ["## 5. 图", "", "模板中以 `!! [chart:名称] 图题` 一行放图；导出 Word 时画在图题上方。", ""]
    lines += _table(["名称", "画什么"], chart_kinds())

    lines += ["## 6. 行的标记", ""]
    lines += _table(["一行", "意思"], MARKERS)

    lines += ["## 7. 易错之处", ""]
    lines += _table(["问题", "怎么做"], PITFALLS)
    lines += ["`juesuan styles check 样式文件夹` 会用样例和几个特殊的合成单位（全为 0、新增、上年未填、"
              "行很多或很少、没有三公）试生成，找出这些残留：" + "、".join(f"“{r}”" for r in RESIDUE) + "。", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
