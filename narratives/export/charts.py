"""The figures some styles print beside the text (shandong: 图1 收、支决算总计变动情况图, 图4, 图5-1
bar charts of 本年 vs 上年; 图2, 图3, 图5-2 structure pies), as PNG bytes.

matplotlib is an optional extra (``pip install juesuan[charts]``) and slow to import, so it is
imported only when a document asks for a chart.  Chinese labels need a CJK font; without
matplotlib or such a font the export goes on without the charts and says why (``ChartsUnavailable``).

The amounts stay Decimal: every label is formatted by the core (``format_number``, ``share``);
only the bar heights and pie angles handed to matplotlib are floats, which is pixel geometry, not
money.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..compute import share
from ..facts import Facts, Item
from ..money import format_number

# the fonts tried, in order: Debian's fonts-noto-cjk / fonts-wqy-microhei, then Windows and macOS ones
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC", "Noto Serif CJK SC",
    "AR PL UMing CN",
)
CHARTS = ("grand", "income", "expense", "fiscal", "general", "classes")
_SLICES = {"income_sources": "各项收入结构", "expense_kinds": "基本支出、项目支出等结构",
           "classes": "一般公共预算财政拨款支出按类结构"}


def _describe(spec) -> str:
    if spec.kind == "bar":
        return "柱状图：" + "、".join(spec.bars) + " 本年与上年（全为 0 或有未填的数时不画）"
    return "饼图：" + _SLICES.get(spec.slices, spec.slices) + "（不足两块时不画）"


def _chart_kinds() -> dict[str, str]:
    from ..styles import default_charts
    return {name: _describe(spec) for name, spec in default_charts().items()}


# the default charts and what they draw (the style reference lists them; [charts.*] adds more)
CHART_KINDS = _chart_kinds()
BAR_COLOURS = ("#9db4d6", "#2f5597")  # 上年 light, 本年 dark
PIE_COLOURS = ("#2f5597", "#c55a11", "#548235", "#bf9000", "#7030a0", "#2e75b6", "#843c0c", "#375623",
               "#7f6000", "#3a3838")


class ChartsUnavailable(Exception):
    """Why no chart can be drawn here (Chinese, for the clerk)."""


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """The family name of an installed CJK font matplotlib can use."""
    try:
        from matplotlib import font_manager
    except ImportError:
        raise ChartsUnavailable("未安装 matplotlib（pip install 'juesuan[charts]'），图表已略去") from None
    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in names:
            return family
    raise ChartsUnavailable("未找到中文字体（如 Noto Sans CJK、文泉驿微米黑；Debian/Ubuntu："
                            "apt-get install fonts-noto-cjk），图表已略去")


def _geometry(v: Decimal) -> float:
    # a bar's height in pixels; the figure printed on it comes from format_number
    return float(v)


@dataclass(frozen=True)
class Pair:
    label: str
    prior: Decimal
    value: Decimal


def _fmt(v: Decimal) -> str:
    return format_number(v, 2, True, True)


def _figure(width_in: float, height_in: float):
    from matplotlib.figure import Figure
    return Figure(figsize=(width_in, height_in), dpi=150)


def _png(fig) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    # no timestamp or version in the file: the same figures give the same bytes
    fig.savefig(buf, format="png", metadata={"Software": None}, bbox_inches="tight", pad_inches=0.08)
    return buf.getvalue()


def bar_chart(pairs: list[Pair], year: int, prior_year: int, font: str) -> bytes:
    """Grouped bars, 上年 beside 本年, each bar labelled with its amount in 万元.  With one
    category the two years are the categories (two full-width bars, not two half bars in one slot)."""
    fig = _figure(6.4, 3.6)
    ax = fig.add_subplot(1, 1, 1)
    top = max([_geometry(v) for p in pairs for v in (p.prior, p.value)] + [1.0])

    def label(bar, v):
        ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height() + top * 0.015, _fmt(v),
                ha="center", va="bottom", fontsize=9, fontfamily=font)

    if len(pairs) == 1:
        p = pairs[0]
        values = [p.prior, p.value]
        bars = ax.bar([0, 1], [_geometry(v) for v in values], 0.45, color=BAR_COLOURS)
        for bar, v in zip(bars, values):
            label(bar, v)
        ax.set_xticks([0, 1])
        ax.set_xticklabels([f"{prior_year}年", f"{year}年"], fontfamily=font, fontsize=10)
        ax.set_xlabel(p.label, fontfamily=font, fontsize=10)
    else:
        width = 0.34
        for k, (name, pick) in enumerate(((f"{prior_year}年", lambda p: p.prior), (f"{year}年", lambda p: p.value))):
            xs = [i + (k - 0.5) * width for i in range(len(pairs))]
            values = [pick(p) for p in pairs]
            bars = ax.bar(xs, [_geometry(v) for v in values], width, label=name, color=BAR_COLOURS[k])
            for bar, v in zip(bars, values):
                label(bar, v)
        ax.set_xticks(range(len(pairs)))
        ax.set_xticklabels([p.label for p in pairs], fontfamily=font, fontsize=10)
        ax.legend(prop={"family": font, "size": 9}, frameon=False, loc="upper right", ncols=2)
    ax.set_ylim(0, top * 1.18)
    # the unit reads horizontally at the top of the axis, as printed charts put it
    ax.set_ylabel("万元", fontfamily=font, fontsize=9, rotation=0, ha="right", va="bottom")
    ax.yaxis.set_label_coords(0.0, 1.02)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _png(fig)


def pie_chart(items: list[Item], font: str) -> bytes:
    """Shares of a whole; the percentages come from the core's share (half up), not matplotlib."""
    parts = [i for i in items if i.value > 0]
    whole = sum((i.value for i in parts), Decimal(0))
    fig = _figure(6.4, 3.0)
    ax = fig.add_subplot(1, 1, 1)
    labels = []
    for i in parts:
        rate = share(i.value, whole).rate or Decimal(0)
        labels.append(f"{i.name} {_fmt(i.value)}万元（{format_number(rate, 2, False, False)}%）")
    wedges, _ = ax.pie([_geometry(i.value) for i in parts], colors=PIE_COLOURS[:len(parts)] or None,
                       startangle=90, counterclock=False, wedgeprops={"linewidth": 1, "edgecolor": "white"})
    ax.axis("equal")
    ax.legend(wedges, labels, prop={"family": font, "size": 11}, frameon=False, loc="center left",
              bbox_to_anchor=(1.0, 0.5))
    fig.tight_layout()
    return _png(fig)


def chart_spec(kind: str, facts: Facts, specs: dict | None = None) -> tuple | None:
    """What chart ``kind`` shows, as plain data, from the style's ``[charts.<kind>]`` (the six
    defaults otherwise): ("bar", year, prior_year, pairs) or ("pie", items as (name, value)).
    None when it would carry no information: no such chart, bars of zeros, a pie of fewer than
    two slices (a 100% pie says nothing the sentence does not)."""
    if specs is None:
        from ..styles import default_charts
        specs = default_charts()
    spec = specs.get(kind)
    if spec is None:
        return None
    y, py = facts.year, facts.prior_year
    if spec.kind == "bar":
        pairs = []
        for label, name in spec.bars.items():
            item = getattr(facts, name, None)
            if isinstance(item, Item):
                # a bar of an input not entered would draw a blank as 0: no chart until every figure is in
                if item.value is None or item.prior is None:
                    return None
                pairs.append(Pair(label, item.prior, item.value))
        if not any(p.value or p.prior for p in pairs):
            return None
        return ("bar", y, py, tuple(pairs))
    items = getattr(facts, spec.slices, None) if spec.slices else None
    if not isinstance(items, list):
        return None
    if any(isinstance(i, Item) and i.value is None for i in items):
        return None  # a share of an unknown part would be drawn from a blank
    parts = tuple((i.name, i.value) for i in items if isinstance(i, Item) and i.value and i.value > 0)
    return ("pie", parts) if len(parts) >= 2 else None


def chart_alt(spec: tuple) -> str:
    """The alt text of a chart: what it shows, in words (for screen readers and Word's 可选文字)."""
    if spec[0] == "bar":
        _, y, py, pairs = spec
        return "；".join(f"{p.label}：{py}年{_fmt(p.prior)}万元，{y}年{_fmt(p.value)}万元" for p in pairs) + "。"
    parts = spec[1]
    whole = sum((v for _, v in parts), Decimal(0))
    return "；".join(f"{name}{_fmt(v)}万元，占{format_number(share(v, whole).rate or Decimal(0), 2, False, False)}%"
                    for name, v in parts) + "。"


def draw(spec: tuple, font: str) -> bytes:
    if spec[0] == "bar":
        _, y, py, pairs = spec
        return bar_chart(list(pairs), y, py, font)
    return pie_chart([Item(name, name, value, "") for name, value in spec[1]], font)


# bump when the drawing changes: cached images of the old drawing are then not reused
CHART_VERSION = "3"


def _cache_path(spec: tuple):
    import hashlib
    from pathlib import Path
    from platformdirs import user_cache_dir
    key = hashlib.sha256(repr((CHART_VERSION, spec)).encode("utf-8")).hexdigest()[:32]
    return Path(user_cache_dir("juesuan", appauthor=False)) / "charts" / f"{key}.png"


def make_charts(kinds: list[str], facts: Facts, cache: bool = True,
                specs: dict | None = None) -> tuple[dict[str, bytes], str | None]:
    """PNG per chart kind asked for, and a notice when charts could not be drawn at all.

    Drawn charts are kept in the user's cache folder, keyed by what they show: importing
    matplotlib and drawing takes most of a second, and a clerk exports the same figures often."""
    out: dict[str, bytes] = {}
    todo: list[tuple[str, tuple]] = []
    for kind in dict.fromkeys(kinds):
        spec = chart_spec(kind, facts, specs)
        if spec is None:
            continue
        path = _cache_path(spec) if cache else None
        if path is not None and path.is_file():
            try:
                out[kind] = path.read_bytes()
                continue
            except OSError:
                pass
        todo.append((kind, spec))
    if not todo:
        return out, None
    try:
        font = cjk_font()
    except ChartsUnavailable as exc:
        return {}, str(exc)
    for kind, spec in todo:
        png = draw(spec, font)
        out[kind] = png
        if cache:
            _store(_cache_path(spec), png)
    return out, None


def _store(path, png: bytes) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    try:
        from ..io.projectfile import atomic_write
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, png)
    except Exception:  # noqa: BLE001 - a read-only or full cache folder is not the clerk's problem
        pass
