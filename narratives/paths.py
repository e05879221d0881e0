"""Field paths: one value of a project named by its file keys, e.g. "上年.收入总计",
"公开01表.收入.事业收入", "公开05表.行.3.小计", "说明.204.变动原因".

A segment is a Chinese key (the alias) or the attribute name of a model field, a key of a table
(dict), or a 0-based row number of a list.  In a 功能分类 table (keys like "204 公共安全支出") a
bare code ("204") finds its row.

``set_value`` never leaves a half-made change: the models above the leaf are copied (shallowly)
before they change and put back through pydantic's assignment validation, so a value the model
refuses raises ``PathError`` and the project is exactly as before.
"""
from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import JuesuanError


class PathError(JuesuanError):
    """A path that names nothing, or a value the model refuses there (message in Chinese)."""


def split(path: str) -> list[str]:
    segs = [s for s in path.split(".")]
    if not path or any(not s for s in segs):
        raise PathError(f"字段路径“{path}”不完整")
    return segs


def _field_name(model: BaseModel, seg: str, path: str) -> str:
    fields = type(model).model_fields
    if seg in fields:
        return seg
    for name, info in fields.items():
        if info.alias == seg:
            return name
    raise PathError(f"字段路径“{path}”中没有“{seg}”这一项")


def _dict_key(d: dict, seg: str) -> str:
    """The key a segment means: itself, or the 功能分类 key whose code it is."""
    if seg in d:
        return seg
    if seg.isdigit():
        for k in d:
            if str(k).split(" ", 1)[0].strip() == seg:
                return k
    return seg


def _index(seq: list, seg: str, path: str) -> int:
    try:
        i = int(seg)
    except ValueError:
        raise PathError(f"字段路径“{path}”中“{seg}”应为行号") from None
    if not 0 <= i < len(seq):
        raise PathError(f"字段路径“{path}”：没有第{i + 1}行（共 {len(seq)} 行）")
    return i


def get_value(obj: Any, path: str) -> Any:
    """The value at ``path``; None when a table has no such key (an empty cell)."""
    for seg in split(path):
        if obj is None:
            return None
        if isinstance(obj, BaseModel):
            obj = getattr(obj, _field_name(obj, seg, path))
        elif isinstance(obj, dict):
            obj = obj.get(_dict_key(obj, seg))
        elif isinstance(obj, list):
            obj = obj[_index(obj, seg, path)]
        else:
            raise PathError(f"字段路径“{path}”在“{seg}”处已到底")
    return obj


def _value_type(model: BaseModel, name: str) -> Any:
    """For a dict or list field, the type of its values (to create a missing entry)."""
    ann = type(model).model_fields[name].annotation
    args = typing.get_args(ann)
    return args[-1] if args else None


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _set(obj: Any, segs: list[str], value: Any, path: str, vtype: Any = None) -> Any:
    seg, rest = segs[0], segs[1:]
    if isinstance(obj, BaseModel):
        name = _field_name(obj, seg, path)
        obj = obj.model_copy()  # copy-on-write: the caller's model changes only if all validates
        if rest:
            child = getattr(obj, name)
            ctype = _value_type(obj, name)
            if child is None:
                child = _new(type(obj).model_fields[name].annotation, path)
            value = _set(child, rest, value, path, ctype)
        try:
            setattr(obj, name, value)
        except ValidationError as exc:
            raise PathError(_describe(exc, path)) from None
        return obj
    if isinstance(obj, dict):
        key = _dict_key(obj, seg)
        new = dict(obj)
        if rest:
            child = new.get(key)
            if child is None:
                child = _new(vtype, path)
            new[key] = _set(child, rest, value, path)
        elif _empty(value):
            new.pop(key, None)  # an emptied cell leaves the table, as if never typed
        else:
            new[key] = value
        return new
    if isinstance(obj, list):
        new = list(obj)
        i = _index(new, seg, path)
        new[i] = _set(new[i], rest, value, path) if rest else value
        return new
    raise PathError(f"字段路径“{path}”在“{seg}”处已到底")


def _new(tp: Any, path: str) -> Any:
    """A fresh entry for a missing table key (e.g. a note's Explanation)."""
    for cand in (tp, *typing.get_args(tp)):
        if isinstance(cand, type) and issubclass(cand, BaseModel):
            try:
                return cand()
            except ValidationError:
                break
    raise PathError(f"字段路径“{path}”指向的项目不存在，无法在此填写")


def _describe(exc: ValidationError, path: str) -> str:
    from .io.projectfile import describe
    msg = describe(exc)
    # describe() names the model's own field; the clerk knows the field by its whole path
    return f"{path}：{msg.split('：', 1)[1] if '：' in msg else msg}"


def set_value(project: BaseModel, path: str, value: Any) -> None:
    """Set the value at ``path`` in ``project`` (validated); raise PathError and leave the project
    unchanged when the model refuses it."""
    segs = split(path)
    name = _field_name(project, segs[0], path)
    if len(segs) == 1:
        new = value
    else:
        child = getattr(project, name)
        if child is None:
            child = _new(type(project).model_fields[name].annotation, path)
        new = _set(child, segs[1:], value, path, _value_type(project, name))
    try:
        setattr(project, name, new)
    except ValidationError as exc:
        raise PathError(_describe(exc, path)) from None


def field_kind(project: BaseModel, path: str) -> str:
    """"amount", "count", "text", "int" or "other": what kind of value the leaf holds, from the
    model's annotations (so the app knows which input to offer).  Walks the types, so a path
    into a table entry not yet made (a new note) still has a kind."""
    from .model.base import Amount, Count
    ann: Any = type(project)
    for seg in split(path):
        model = _model_class(ann)
        if model is not None:
            name = _field_name_cls(model, seg, path)
            ann = _annotation_of(model.model_fields[name])
            continue
        origin = _container(ann)
        if origin is None:
            return "other"
        ann = typing.get_args(origin)[-1]
    return _kind_of(ann, Amount, Count)


def _model_class(t: Any) -> type[BaseModel] | None:
    if isinstance(t, type) and issubclass(t, BaseModel):
        return t
    if typing.get_origin(t) is typing.Annotated:
        return _model_class(typing.get_args(t)[0])
    for a in typing.get_args(t) if typing.get_origin(t) not in (dict, list) else ():
        m = _model_class(a)
        if m is not None:
            return m
    return None


def _container(t: Any) -> Any:
    if typing.get_origin(t) in (dict, list):
        return t
    if typing.get_origin(t) is typing.Annotated:
        return _container(typing.get_args(t)[0])
    for a in typing.get_args(t):
        c = _container(a)
        if c is not None:
            return c
    return None


def _field_name_cls(model: type[BaseModel], seg: str, path: str) -> str:
    if seg in model.model_fields:
        return seg
    for name, info in model.model_fields.items():
        if info.alias == seg:
            return name
    raise PathError(f"字段路径“{path}”中没有“{seg}”这一项")


def _annotation_of(info: Any) -> Any:
    # pydantic keeps Annotated metadata apart from the bare annotation: put them back together
    if info.metadata:
        return typing.Annotated[(info.annotation, *info.metadata)]
    return info.annotation


def _kind_of(ann: Any, amount: Any, count: Any) -> str:
    from .model.base import _amount, _count
    metas, bases = [], []

    def walk(t: Any) -> None:  # unpack Optional[...] and Annotated[...] at any depth
        if typing.get_origin(t) is typing.Annotated:
            args = typing.get_args(t)
            walk(args[0])
            metas.extend(args[1:])
        elif typing.get_args(t) and typing.get_origin(t) not in (dict, list):
            for a in typing.get_args(t):
                walk(a)
        else:
            bases.append(t)
    walk(ann)
    for m in metas:
        fn = getattr(m, "func", None)
        if fn is _amount:
            return "amount"
        if fn is _count:
            return "count"
    if str in bases:
        return "text"
    if int in bases:
        return "int"
    return "other"


def item_type(project: BaseModel, path: str) -> type[BaseModel] | None:
    """The model of the rows of the list at ``path`` (to make a new row), or None."""
    ann: Any = type(project)
    for seg in split(path):
        model = _model_class(ann)
        if model is not None:
            ann = _annotation_of(model.model_fields[_field_name_cls(model, seg, path)])
            continue
        origin = _container(ann)
        if origin is None:
            return None
        ann = typing.get_args(origin)[-1]
    origin = _container(ann)
    return _model_class(typing.get_args(origin)[-1]) if origin is not None else None


def label_of(project: BaseModel, path: str) -> str:
    """The last key of a path, as the clerk knows it ("公开05表.行.3.小计" → "小计")."""
    return split(path)[-1]
