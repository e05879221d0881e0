"""Making and checking style folders, so that a clerk adds a province without touching Python.

``new_style`` copies a style (bundled or the user's) into the user's style folder (or a given
folder) under a new name; ``check_folder`` says, in Chinese, what is wrong with a style folder —
its settings, every template's syntax (file and line), the placeholders of its words — and, given
a project, renders it and looks for template residue.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import string
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .style_messages import syntax_message
from .styles import Style, StyleError, clear_cache, load, read_settings, search_path, user_dir

# a style name is a folder name: letters (汉字 too), digits, "-" and "_", not starting with "_"
# (folders starting with "_" hold shared building blocks, not styles)
_NAME = re.compile(r"^[^\W_][\w\-]{0,63}$")

# what a sentence must never show once rendered: the official templates' placeholders and
# alternatives, empty values, doubled units and punctuation
RESIDUE = ("XX", "（增加）", "（减少）", "大于（小于）", "小于（大于）", "增加（减少）", "减少（增加）",
           "增长（下降）", "下降（增长）", "None", "nan", "万元万元", "，。", "。。", "，，", "；。",
           "为万元", "支出万元", "收入万元", "占%", "的%",
           # a helper that wrote nothing between two words
           "占；", "占。", "占，", "的。", "（）", "()", "为。", "为，", "为；", "，；", "；；", "：。", "，）")
# a decimal with no unit after it ("共计127.80。"); "A、B万元" pairs are fine
_BARE_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+(?![\d])"
                          r"(?!\s*(?:万元|元|%|％|分|亿元|万|、|个|辆|人|台|套|批|项|倍))")
# what a template left unfilled: a {placeholder} of the words, or a figure marker that was never closed
_UNFILLED = re.compile(r"\{[a-z_]*\}|[\ue000-\uf8ff]")
# a name and the template's own word after it, when the name already ends with that word
# ("{{ ev.name }}项目" for a project named "…项目")
_DOUBLED = re.compile(r"(项目|支出|经费|资金|收入)\1")

# the placeholders each word of [words] may use (see narratives.wording and render.engine)
_WORD_KEYS = {
    "same": {"year", "prior_year"}, "lead": {"year", "prior_year"}, "both_zero": {"what"},
    "new": {"what", "amount"}, "completion": {"basis", "rate"}, "no_budget": {"basis"},
    "over": {"basis"}, "under": {"basis"}, "equal": {"basis"}, "no_budget_deviation": {"basis"},
    "change": {"lead", "subject", "amount_word", "amount", "sep", "rate_word", "rate"},
}


@dataclass(frozen=True)
class Finding:
    level: str  # "错误" (the style cannot be used) or "提示"
    message: str

    def __str__(self) -> str:
        return f"{self.level}：{self.message}"


def check_name(name: str) -> str:
    name = name.strip()
    if not _NAME.match(name):
        raise StyleError(f"样式名称“{name}”不可用：只能用字母、汉字、数字、- 和 _，且不能以 _ 开头"
                         "（它也是文件夹名）")
    return name


def new_style(name: str, source: str, dest_root: Path | None = None,
              extra: tuple[str, ...] = ()) -> Path:
    """Copy style ``source`` to ``dest_root/name`` (default: the user's style folder) and give the
    copy its own name.  The copy is made in a temporary folder beside the target and moved into
    place in one step, so a failed copy never leaves half a style behind."""
    name = check_name(name)
    src = load(source, extra)
    root = Path(dest_root) if dest_root else user_dir()
    target = root / name
    if target.exists():
        raise StyleError(f"文件夹 {target} 已存在：换一个样式名称，或先删除（改名）这个文件夹")
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix="_new-", dir=root))  # "_" : never listed as a style
        try:
            copy = tmp / name
            shutil.copytree(src.folder, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
                            copy_function=_copy_or_stop)
            _rename_settings(copy / "style.toml", name, src)
            os.replace(copy, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    except _CopyFailed as failed:
        raise StyleError(_write_failure(root, name, failed.exc)) from None
    except shutil.Error as exc:  # copytree's list of per-file failures (copystat…)
        first = exc.args[0][0][2] if exc.args and exc.args[0] else str(exc)
        raise StyleError(f"无法在 {root} 建立样式 {name}：复制文件时出错（{first}）") from None
    except OSError as exc:
        raise StyleError(_write_failure(root, name, exc)) from None
    clear_cache()
    return target


class _CopyFailed(Exception):
    """A file of the style could not be copied: stops copytree at once (it would otherwise go
    on and report every file, in English)."""

    def __init__(self, exc: OSError):
        super().__init__(str(exc))
        self.exc = exc


def _copy_or_stop(src, dst, *, follow_symlinks=True):
    try:
        return shutil.copy2(src, dst, follow_symlinks=follow_symlinks)
    except OSError as exc:
        raise _CopyFailed(exc) from None


def _write_failure(root: Path, name: str, exc: OSError) -> str:
    """Why a style could not be written, in Chinese: read-only disk, disk full, no permission."""
    from .io.projectfile import os_reason
    hint = "；请用 --to 换一个文件夹" if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) else ""
    return f"无法在 {root} 建立样式 {name}：{os_reason(exc, root)}{hint}"


def _rename_settings(path: Path, name: str, src: Style) -> None:
    """Set ``name`` and ``label`` in the copied style.toml, keeping everything else as written
    (comments included) so the clerk edits the same text they would read in the original."""
    text = path.read_text(encoding="utf-8")
    label = f"{name}（据 {src.label} 复制）"
    lines = text.splitlines(keepends=True)
    done = {"name": False, "label": False}
    out = []
    in_table = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = True  # name and label are top-level keys: stop at the first table
        key = stripped.split("=", 1)[0].strip() if "=" in stripped and not in_table else ""
        if key in done and not done[key]:
            value = name if key == "name" else label
            line = f'{key} = "{value}"\n'
            done[key] = True
        out.append(line)
    head = "".join(f'{k} = "{name if k == "name" else label}"\n' for k, v in done.items() if not v)
    path.write_text(head + "".join(out), encoding="utf-8")


def style_from_folder(folder: Path) -> Style:
    """A Style for any folder (not only those on the search path), with the shared building
    blocks found the same way as for a listed style."""
    settings = read_settings(folder)
    return Style(name=settings.name, folder=folder, settings=settings, search_path=search_path(folder))


def check_folder(folder: Path, project_path: Path | None = None, trial: bool = True) -> list[Finding]:
    """Everything wrong with a style folder, errors first; an empty list means it is usable."""
    from .render.engine import environment
    folder = Path(folder)
    if not folder.is_dir():
        return [Finding("错误", f"{folder} 不是文件夹")]
    if not (folder / "style.toml").is_file():
        return [Finding("错误", f"{folder} 中没有 style.toml（样式设置文件）")]
    try:
        style = style_from_folder(folder)
    except StyleError as exc:
        return [Finding("错误", str(exc))]
    s = style.settings
    out: list[Finding] = []
    if s.name != folder.name:
        out.append(Finding("提示", f"style.toml 中 name = “{s.name}”，但样式按文件夹名“{folder.name}”查找"
                                 f"（--style {folder.name}）；建议两者一致"))
    seen: set[str] = set()
    for sec in s.sections:
        if sec.id in seen:
            out.append(Finding("错误", f"style.toml：章节 id “{sec.id}” 重复"))
        seen.add(sec.id)
    titles = {"unit", "short_name", "year", "prior_year"}
    for problem in _format_problems(s.part_title, titles):
        out.append(Finding("错误", f"style.toml：part_title {problem}"))
    for sec in s.sections:
        for problem in _format_problems(sec.title, titles):
            out.append(Finding("错误", f"style.toml：章节 {sec.id} 的 title {problem}"))
    for i, level in enumerate(s.headings.levels, start=1):
        for problem in _format_problems(level, {"n", "i"}):
            out.append(Finding("错误", f"style.toml：[headings] levels 第{i}级 {problem}"))
    for key, allowed in _WORD_KEYS.items():
        for problem in _format_problems(getattr(s.words, key), allowed):
            out.append(Finding("错误", f"style.toml：[words] {key} {problem}"))
    out += _docx_problems(s.docx)
    env = environment(style.search_path)
    used = {sec.template for sec in s.sections}
    names = sorted(used | {p.name for p in folder.glob("*.j2")})
    for name in names:
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            out.append(Finding("错误", f"模板语法错误（{exc.filename or name} 第{exc.lineno}行）："
                                     f"{syntax_message(exc.message)}"))
        except jinja2.TemplateNotFound:
            out.append(Finding("错误", f"找不到模板 {name}"))
        if name not in used and name != "macros.j2":
            out.append(Finding("提示", f"{name} 没有被任何章节使用（style.toml 的 [[sections]] 中没有它）"))
    if trial and not any(f.level == "错误" for f in out):
        out += _trial_render(style, Path(project_path) if project_path is not None else None)
    return sorted(out, key=lambda f: f.level != "错误")


def _docx_problems(raw: dict) -> list[Finding]:
    """The [docx] table is read by the export only when a Word file is made: check it here, in
    the same Chinese words (an unknown key with the allowed ones)."""
    from pydantic import ValidationError

    from .style_messages import settings_messages
    try:
        from .export.settings import DocxSettings
    except ImportError:  # pragma: no cover - the export is part of the package
        return []
    try:
        DocxSettings.model_validate(raw or {})
    except ValidationError as exc:
        return [Finding("错误", f"style.toml：[docx] {m}") for m in settings_messages(exc, DocxSettings)]
    return []


def _format_problems(text: str, allowed: set[str]) -> list[str]:
    """Placeholders in ``text`` that the program will not fill, or a broken {…}."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        return [f"中的花括号不成对（{exc}）：“{text}”；要写花括号本身请写 {{{{ 或 }}}}"]
    bad = sorted({f for f in fields if f not in allowed})
    if not bad:
        return []
    return [f"用到了不认识的占位符 {'、'.join('{' + b + '}' for b in bad)}（可用："
            f"{'、'.join('{' + a + '}' for a in sorted(allowed))}）：“{text}”"]


def residue(text: str) -> list[str]:
    """The residue strings found in rendered text (see RESIDUE)."""
    return [r for r in RESIDUE if r in text]


def _around(text: str, needle: str, width: int = 28) -> str:
    """The part of a paragraph around what was found, so a long paragraph shows the slip itself."""
    i = text.find(needle)
    if i < 0:
        return text[:2 * width] + ("…" if len(text) > 2 * width else "")
    start, end = max(0, i - width), min(len(text), i + len(needle) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def scan(doc) -> list[tuple[str, str, str, str]]:
    """What a clerk would be embarrassed by in a rendered document, as (where, what, excerpt,
    section id): residue of the template's own words (the clerk's notes are left out: their words
    are theirs), a number with no unit, an unfilled placeholder, a chart caption or sub-heading
    swallowed into a paragraph (a line ending in ``{% endif %}`` joins the next)."""
    out = []
    for sec in doc.sections:
        found: list[tuple[str, str]] = []
        for para in sec.paragraphs:
            if para.kind == "table":
                continue
            own = "".join("□" if r.kind == "note" else r.text for r in para.runs)
            text = para.text.strip()
            for r in residue(own):
                found.append((f"残留“{r}”", _around(text, r)))
            for m in _DOUBLED.finditer(own):
                word = m.group(1)
                found.append((f"“{word}”连写了两遍（名称已以“{word}”结尾时模板又接了一个；"
                              f"写成 {{{{ 名称 | suffixed(\"{word}\") }}}}）", _around(text, m.group(0))))
            for m in _BARE_NUMBER.finditer(own):
                found.append((f"数字“{m.group(0)}”后面没有单位", _around(text, m.group(0))))
            for m in _UNFILLED.finditer(para.text):
                shown = m.group(0) if m.group(0).startswith("{") else "（看不见的标记字符）"
                found.append((f"没有填上的占位符“{shown}”", _around(text, m.group(0))))
            if para.kind != "caption" and ("[chart:" in own or "!! " in own):
                found.append(("图题并进了正文（上一行以 {% endif %} 等结尾时换行被吃掉；"
                              "把 {% … %} 单独写一行或在其后空一行）", _around(text, "!! ")))
            elif para.kind == "body" and "## " in own:
                found.append(("小标题并进了正文（上一行以 {% … %} 结尾时换行被吃掉；"
                              "把 {% … %} 单独写一行或在其后空一行）", _around(text, "## ")))
        out += [(sec.heading, what, excerpt, sec.id) for what, excerpt in found]
    return out


def trial_projects(project_path: Path | None = None) -> list[tuple[str, object]]:
    """The projects a style is tried on: the given one alone (the clerk asked for it), else the
    bundled samples and the synthetic edge units (zeros, new items, 上年 not entered, many and
    few rows, no 三公)."""
    from .io.projectfile import load as load_project
    from .styles import bundled_dir
    from .synth import edge_projects
    out: list[tuple[str, object]] = []
    if project_path is not None:
        return [(Path(project_path).name, load_project(Path(project_path)))]
    else:
        samples = bundled_dir().parent / "samples"
        if not samples.is_dir():
            samples = Path(__file__).resolve().parent / "samples"
        out += [(p.name, load_project(p)) for p in sorted(samples.glob("*.toml"))]
    return out + edge_projects()


def _trial_render(style: Style, project_path: Path | None) -> list[Finding]:
    from .errors import JuesuanError
    from .render.engine import render_project
    try:
        projects = trial_projects(project_path)
    except JuesuanError as exc:
        return [Finding("错误", f"无法读取试生成用的项目 {project_path}：{exc}")]
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for name, project in projects:
        try:
            doc = render_project(project, style)
        except JuesuanError as exc:
            out.append(Finding("错误", f"用 {name} 试生成时出错：{exc}"))
            continue
        for where, what, excerpt, sec_id in scan(doc):
            key = (sec_id, re.sub(r"[\d,.]+", "#", what))  # the heading may name the unit
            if key in seen:  # the same slip in every project: say it once
                continue
            seen.add(key)
            out.append(Finding("提示", f"用 {name} 试生成，{where}：{what}：{excerpt}"))
    return out
