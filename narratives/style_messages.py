"""Chinese messages for what goes wrong in a style: TOML syntax, settings (pydantic), template
syntax and template runtime errors (Jinja2).  The libraries speak English ("Extra inputs are not
permitted", "unexpected char '“' at 588"); a clerk editing a style reads only these.
"""
from __future__ import annotations

import difflib
import re
import types
import typing

from pydantic import BaseModel, ValidationError

# ------------------------------------------------------------------ TOML
_TOML = [
    (r"Expected '=' after a key", "键后面应当是“=”（文字值要加英文双引号）"),
    (r"Invalid value", "值写得不对：文字要用英文双引号括起来，如 title = \"收入决算情况说明\""),
    (r"Cannot overwrite a value|Cannot declare", "同一个设置写了两次"),
    (r"Unclosed array|Unclosed", "方括号或引号没有配对"),
    (r"Illegal character|Invalid statement|Invalid initial character", "有不应出现的字符（设置名请用英文，或给它加双引号）"),
    (r"Expected newline or end of document", "一行只能写一个设置"),
    (r"Unterminated string|Unclosed string", "引号没有配对"),
]


def toml_message(exc: Exception) -> str:
    text = str(exc)
    where = ""
    m = re.search(r"\(at line (\d+), column (\d+)\)", text)
    if m:
        where = f"第{m.group(1)}行第{m.group(2)}列："
    elif "end of document" in text:
        where = "文件末尾："
    for pattern, chinese in _TOML:
        if re.search(pattern, text):
            return where + chinese
    return where + "不是有效的 TOML 写法（检查引号、等号、方括号是否配对）"


# ------------------------------------------------------------------ settings (pydantic)
def _inner(annotation):
    """The model class inside Optional[...] / list[...] / dict[..., ...], or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, dict, tuple) or origin is not None:
        for arg in typing.get_args(annotation):
            found = _inner(arg)
            if found is not None:
                return found
    return None


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        inner = _inner(info.annotation)
        if inner is None:
            return None
        model = inner
    return model


def allowed_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _key(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[第{part + 1}个]"
        else:
            out += ("." if out else "") + str(part)
    return out or "（整个文件）"


_TYPE = {"string_type": "文字（加英文双引号）", "int_type": "整数", "int_parsing": "整数",
         "int_from_float": "整数", "bool_type": "true 或 false", "bool_parsing": "true 或 false",
         "list_type": "列表（方括号 [ ]）", "dict_type": "一个表（[名称] 下的设置）",
         "model_type": "一个表（[名称] 下的设置）", "decimal_parsing": "数", "decimal_type": "数",
         "float_type": "数", "float_parsing": "数"}


def settings_messages(exc: ValidationError, model: type[BaseModel]) -> list[str]:
    """One Chinese line per problem, naming the key; an unknown key comes with the allowed ones."""
    out = []
    for e in exc.errors():
        loc, kind, ctx = tuple(e["loc"]), e["type"], e.get("ctx") or {}
        key = _key(loc)
        if kind == "extra_forbidden":
            parent = _model_at(model, loc[:-1])
            allowed = allowed_keys(parent) if parent else []
            near = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            hint = f"（是不是“{near[0]}”？）" if near else ""
            where = f"[{_key(loc[:-1])}] 中" if loc[:-1] else ""
            out.append(f"{where}不认识的设置“{loc[-1]}”{hint}；可用的有：{'、'.join(allowed)}")
        elif kind == "missing":
            out.append(f"缺少设置 {key}")
        elif kind == "literal_error":
            expected = ctx.get("expected", "").replace("'", "“", 1)
            choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
            out.append(f"{key} 只能是 {'、'.join(choices) or expected}（写的是“{e.get('input')}”）")
        elif kind in _TYPE:
            out.append(f"{key} 应为{_TYPE[kind]}（写的是“{e.get('input')}”）")
        elif kind in ("greater_than_equal", "greater_than"):
            out.append(f"{key} 应不小于 {ctx.get('ge', ctx.get('gt'))}（写的是 {e.get('input')}）")
        elif kind in ("less_than_equal", "less_than"):
            out.append(f"{key} 应不大于 {ctx.get('le', ctx.get('lt'))}（写的是 {e.get('input')}）")
        elif kind == "string_pattern_mismatch":
            out.append(f"{key} 只能用字母、汉字、数字、_ 和 -，且不以 _ 或 - 开头（写的是“{e.get('input')}”）")
        elif kind == "too_short":
            out.append(f"{key} 至少要有 {ctx.get('min_length', 1)} 项")
        elif kind == "value_error":
            out.append(f"{key}：{str(ctx.get('error', e['msg'])).removeprefix('Value error, ')}")
        else:
            out.append(f"{key} 的值“{e.get('input')}”不可用")
    return out


# ------------------------------------------------------------------ templates (Jinja2)
_SYNTAX = [
    (r"unexpected char '(.)' at \d+",
     lambda m: f"出现了不应有的字符“{m.group(1)}”（{{{{ }}}} 和 {{% %}} 里面要用英文标点，引号用英文 \"）"),
    (r"Unexpected end of template\. Jinja was looking for the following tags: (.*?)\. The innermost block that needs to be closed is '(\w+)'",
     lambda m: f"模板结束了，{{% {m.group(2)} %}} 还没有结束（缺少 {{% end{m.group(2)} %}}）"),
    (r"Unexpected end of template", lambda m: "模板没写完：{% … %} 或 {{ … }} 没有配对"),
    (r"Encountered unknown tag '(end\w+)'", lambda m: f"多了一个 {{% {m.group(1)} %}}（前面没有与它配对的开头）"),
    (r"Encountered unknown tag '(\w+)'", lambda m: f"不认识的标签“{m.group(1)}”（可用 if、elif、else、for、set、import 等）"),
    (r"expected token 'end of print statement', got '(.*)'",
     lambda m: f"{{{{ }}}} 里写法有误：在“{m.group(1)}”处（一个 {{{{ }}}} 里只写一个表达式；函数的参数要用逗号隔开）"),
    (r"Expected an expression, got 'end of statement block'", lambda m: "{% … %} 里缺少条件或表达式"),
    (r"Expected an expression, got '(.*)'", lambda m: f"这里应当是一个表达式，写的是“{m.group(1)}”"),
    (r"unexpected '(.)'", lambda m: f"多了一个“{m.group(1)}”（括号或花括号没有配对）"),
    (r"expected token '(.*)', got '(.*)'", lambda m: f"写法有误：这里应当是“{m.group(1)}”，写的是“{m.group(2)}”"),
]


def syntax_message(message: str) -> str:
    for pattern, make in _SYNTAX:
        m = re.search(pattern, message or "")
        if m:
            return make(m)
    return f"写法有误（{message}）"


def runtime_message(exc: Exception, names: typing.Iterable[str] = ()) -> str:
    """A template's runtime error in Chinese; ``names`` are what the template could have meant
    (helpers and variables), for a did-you-mean."""
    text = getattr(exc, "message", None) or str(exc)
    m = re.search(r"'(int|NoneType|Decimal|str|float|list|dict)' object (?:has no attribute|is not)", text)
    if m:
        given = {"NoneType": "空值（没填的数）", "str": "一段文字", "list": "一个列表", "dict": "一个表"}.get(
            m.group(1), "一个普通的数")
        return (f"这里要一个“数”（f. 下的，如 f.general、f.sangong_item(\"公务接待费\")），给的是{given}："
                "与上年、预算比较，要知道它的上年数、预算数")
    m = re.search(r"'([\w.]+) object' has no attribute '(\w+)'", text)
    if m:
        owner = m.group(1).rsplit(".", 1)[-1]
        label = {"Facts": "f", "Project": "p", "Unit": "unit", "StyleSettings": "style", "Item": "这个数"}.get(owner, owner)
        return f"{label} 没有“{m.group(2)}”这一项（拼写错误？可用的见 docs/styles-reference.md）"
    m = re.search(r"(?:list|tuple) object has no element (-?\d+)", text)
    if m:
        return (f"列表中没有第 {int(m.group(1)) + 1} 项（有的单位这个列表是空的或较短）："
                "先用 {% if 列表 %} 判断，或用 {% for … %} 逐项写")
    m = re.search(r"'(\w+)' is undefined", text)
    if m:
        near = difflib.get_close_matches(m.group(1), list(names), n=1)
        return f"“{m.group(1)}”没有定义" + (f"（是不是“{near[0]}”？）" if near else "（拼写错误？或忘了 {% import \"macros.j2\" as m with context %}）")
    m = re.search(r"(\w+)\(\) takes (?:from \d+ to )?(\d+) positional arguments? but (\d+) (?:was|were) given", text)
    if m:
        return f"{m.group(1)}(…) 的参数太多：最多 {int(m.group(2)) - 1} 个，写了 {int(m.group(3)) - 1} 个"
    m = re.search(r"(\w+)\(\) got an unexpected keyword argument '(\w+)'", text)
    if m:
        return f"{m.group(1)}(…) 没有名为 {m.group(2)} 的参数"
    m = re.search(r"(\w+)\(\) missing \d+ required positional arguments?: (.*)", text)
    if m:
        return f"{m.group(1)}(…) 少了参数 {m.group(2)}"
    if "unsupported operand" in text or "can only concatenate" in text:
        return "把文字和数字直接相加了（文字相连请用 ~，如 \"比\" ~ prior_year ~ \"年\"）"
    if "not iterable" in text:
        return "对不是列表的东西用了 for 循环"
    if "has no attribute" in text:
        m = re.search(r"has no attribute '(\w+)'", text)
        return f"没有“{m.group(1) if m else ''}”这一项"
    return f"程序遇到意外（{type(exc).__name__}：{text}）"
