"""Amounts: parse what a clerk types or a workbook holds, quantize half-up, format per style.

Money is Decimal from input to output.  Amounts are kept in 万元 internally, exactly: an amount
given in 元 is divided by 10 000 without loss (Decimal division by a power of ten is exact).
"""
from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import lru_cache

WAN = Decimal(10000)
CENT = Decimal("0.01")
# the largest amount we accept: 10^12 元 = 10^8 万元, with margin
MAX_WAN = Decimal(10) ** 10
# decimals a typed figure may have (before 元 → 万元): Excel's 15 digits of 0.000000000000001
MAX_PLACES = 15

_PRIVATE = re.compile("[\ue000-\uf8ff]")
_PLAIN = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_EMPTY = {"", "-", "—", "——", "－", "/", "／", "无"}


class AmountError(ValueError):
    """A text that is not an amount; the message is Chinese and says what was expected."""


def normalize_text(text: str) -> str:
    """NFKC (full-width digits and ． become ASCII) and strip private-use characters,
    which the renderer uses as figure markers and which must never come from user text."""
    return _PRIVATE.sub("", unicodedata.normalize("NFKC", text))


# C0 controls but tab and newline, DEL, C1 controls, lone surrogates and the two non-characters
# XML refuses: a BEL pasted from a Word table made the Word export fail; they are never meant
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def strip_controls(text: str) -> str:
    """The text without control characters (tab and newline kept; CR LF and CR become newline)."""
    if text.isprintable():  # the usual text, checked in C: nothing to strip
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)


def parse_amount(value: object, unit: str = "万元") -> Decimal | None:
    """Parse an amount into 万元.

    Accepts Decimal/int, and text such as "1,289.23", "１２８９．２３", "-3.5", "(1,234.00)",
    "119448元", "11.9448万元".  A unit written after the number overrides ``unit``.
    Empty cells ("", "-", "——") are None.  Anything else raises AmountError.
    Never goes through float: a float argument is refused.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise AmountError(f"“{value}”不是金额")
    if isinstance(value, float):
        # floats carry binary noise; workbook readers must hand us text or Decimal
        value = repr(value)
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif value == "":
        return None
    elif isinstance(value, str) and _PLAIN.fullmatch(value):
        # the usual workbook cell ("1289.23", "-3.5"): no normalising, no unit, no grouping
        amount = Decimal(value)
    else:
        raw = str(value)
        if raw.isascii():  # NFKC changes no ASCII text and no ASCII digit is odd: skip both
            text = raw.strip().replace(" ", "")
        else:
            _refuse_odd_digits(raw, "金额")
            text = normalize_text(raw).strip().replace(" ", "").replace("\u3000", "")
        if text in _EMPTY:
            return None
        if text.endswith("万元"):
            unit, text = "万元", text[:-2]
        elif text.endswith("元"):
            unit, text = "元", text[:-1]
        negative = False
        if text.startswith("(") and text.endswith(")"):
            negative, text = True, text[1:-1]
        if text.startswith(("-", "−", "–")):
            if negative:  # "(-12.5)": bracketed and signed at once, which did the clerk mean?
                raise AmountError(f"“{value}”不是金额（负数请只用负号或只用括号，如 -12.5 或 (12.5)）")
            negative, text = True, text[1:]
        elif text.startswith("+"):
            text = text[1:]
        # "161." is accepted: it is what the field holds while the clerk is typing 161.09
        if not re.fullmatch(r"(\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+", text):
            raise AmountError(f"“{value}”不是金额（应为数字，如 1,289.23）")
        try:
            amount = Decimal(text.replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the regex guards this
            raise AmountError(f"“{value}”不是金额") from exc
        if negative:
            amount = -amount
    if not amount.is_finite():
        raise AmountError(f"“{value}”不是金额")
    if _many_places(amount) and amount.normalize().as_tuple().exponent < -MAX_PLACES:
        # 0.00000000000000000001 (or a TOML float 1e-1000000) is no figure anyone typed (Excel
        # keeps 15 digits), and its changes and rates overflow the arithmetic's precision
        raise AmountError(f"“{value}”小数位数过多（最多 {MAX_PLACES} 位小数）")
    if unit == "元":
        with localcontext() as ctx:
            ctx.prec = 40
            amount = amount / WAN
    elif unit != "万元":
        raise AmountError(f"未知的金额单位“{unit}”（应为 万元 或 元）")
    if abs(amount) > MAX_WAN:
        raise AmountError(f"“{value}”超出可处理的金额范围")
    return amount


def _many_places(amount: Decimal) -> bool:
    """More than MAX_PLACES decimals.  A short text ("1289.23") cannot have them: checked first,
    since as_tuple costs more than the rest of parse_amount (a 5 000-row import calls it 100 000 times)."""
    text = str(amount)
    if len(text) <= MAX_PLACES + 1 and "E" not in text:
        return False
    return amount.as_tuple().exponent < -MAX_PLACES


def _refuse_odd_digits(value: object, what: str) -> None:
    """Superscripts, circled or fraction digits ("10²", "①", "½") are not typed figures: NFKC
    would silently turn "10²" into 102."""
    for ch in str(value):
        if unicodedata.category(ch) == "No":
            raise AmountError(f"“{value}”含有上标、圈码等特殊数字“{ch}”，不是{what}（应为普通数字）")


def parse_count(value: object) -> int | None:
    """Parse a count (辆, 个, 人次): a non-negative whole number."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise AmountError(f"“{value}”不是数量")
    if isinstance(value, int):
        n = value
    else:
        _refuse_odd_digits(value, "数量")
        text = normalize_text(str(value)).strip()
        text = re.sub(r"(辆|个|人次|批次|台|套|台（套）|台\(套\)|件|人)$", "", text)
        if text in _EMPTY:
            return None
        # "1,234" groups thousands; "12,5" is a decimal comma or a typo, never 125
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.0+)?", text):
            text = text.replace(",", "")
        if not re.fullmatch(r"\d+(\.0+)?", text):
            raise AmountError(f"“{value}”不是数量（应为非负整数）")
        n = int(Decimal(text))
    if n < 0:
        raise AmountError(f"“{value}”不是数量（应为非负整数）")
    return n


# the rounding modes a style may name (style.toml [number] rounding): 四舍五入 is half up away from
# zero (0.125 → 0.13, -0.125 → -0.13); 截位 drops the digits past the last place (12.349 → 12.34)
ROUNDING = {"四舍五入": ROUND_HALF_UP, "截位": ROUND_DOWN}
# a CLDR number pattern's usual shape: prefix, "#,##0" (groups optional), ".00##", suffix
_PATTERN = re.compile(r"^[^0-9#,.;]*[#,]*0[0,]*(\.0*#*)?[^0-9#,.;]*$")


def _decimal(value: object) -> Decimal:
    """A template may hand a plain int (``pct(0)``); a float is refused (binary noise)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise TypeError(f"“{value!r}”不是数（应为金额或整数）")


def quantize(amount: Decimal, places: int = 2, rounding: str = "四舍五入") -> Decimal:
    """Round to ``places`` decimals: 四舍五入 (half up, the default: 0.125 -> 0.13, -0.125 -> -0.13)
    or 截位 (toward zero: 12.349 -> 12.34)."""
    return _decimal(amount).quantize(Decimal(1).scaleb(-places), rounding=ROUNDING[rounding])


def format_number(value: Decimal, places: int = 2, group: bool = True, trim: bool = False,
                  rounding: str = "四舍五入") -> str:
    """Quantize first (half up, or 截位), then lay out the digits as zh_CN writes them ("1,289.23"; with
    ``trim`` trailing zeros dropped: "12.1", "36").  Decimal's own format() does the layout: babel's
    format_decimal gave the same text (checked on 400 000 values) at ~10x the cost, a third of a render."""
    q = quantize(value, places, rounding)
    if q == 0:
        q = abs(q)  # never "-0.00"
    text = format(q, ",f" if group else "f")
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def pattern_for(places: int = 2, group: bool = True, trim: bool = False) -> str:
    """The CLDR pattern that writes what ``format_number(places, group, trim)`` writes:
    (2, True, False) → "#,##0.00", (2, False, True) → "0.##"."""
    head = "#,##0" if group else "0"
    return head + ("." + ("#" if trim else "0") * places if places else "")


class NumberFormat:
    """A CLDR number pattern ("#,##0.00", "0.##", "#,##0.0") parsed once with babel, applied to a
    Decimal already rounded to the pattern's places by the style's rounding mode, so babel never
    rounds.  The usual patterns (groups of 3 or none, no prefix or suffix) are laid out by Decimal's
    format() — the same text as babel's at a tenth of the cost; any other pattern goes through babel."""

    __slots__ = ("pattern", "rounding", "places", "min_places", "group", "_spec", "_babel", "_exp", "_mode")

    def __init__(self, pattern: str, rounding: str = "四舍五入", group: bool | None = None):
        if _USUAL.match(pattern):
            # #,##0.00 / 0.## and the like: read here, as babel reads them (babel's import is a
            # fifth of the app's launch; it is needed only for unusual patterns)
            NumberFormatError, parse_pattern = ValueError, _parse_simple
        else:
            try:
                from babel.numbers import NumberFormatError, parse_pattern
            except ImportError:  # a checkout whose .venv predates the dependency: the usual shapes still work
                NumberFormatError, parse_pattern = ValueError, _parse_simple
        if rounding not in ROUNDING:
            raise ValueError(f"不认识的舍入方式“{rounding}”（可用：{'、'.join(ROUNDING)}）")
        # babel takes almost any text as a pattern ("0.0.0", "abc"): ask for the usual shape first
        if not _PATTERN.match(pattern):
            raise ValueError(f"数字格式“{pattern}”不是有效的 CLDR 格式（应如 #,##0.00、0.##、0.0）")
        try:
            parsed = parse_pattern(pattern)
        except (NumberFormatError, ValueError) as exc:
            raise ValueError(f"数字格式“{pattern}”不是有效的 CLDR 格式（如 #,##0.00、0.##）：{exc}") from None
        if group is not None and (parsed.grouping[0] < 100) != group:
            # the project's own 千位分隔符 setting wins over the style's pattern
            parsed.grouping = (3, 3) if group else (1000, 1000)
        self.pattern, self.rounding = pattern, rounding
        self.min_places, self.places = parsed.frac_prec
        self.group = parsed.grouping[0] < 100
        simple = (parsed.grouping in ((3, 3), (1000, 1000)) and parsed.prefix == ("", "-")
                  and parsed.suffix == ("", "") and parsed.int_prec[0] <= 1 and parsed.scale == 0)
        self._spec = (",f" if self.group else "f") if simple else None
        self._babel = None if simple else parsed
        self._exp, self._mode = Decimal(1).scaleb(-self.places), ROUNDING[rounding]

    @property
    def fast(self) -> bool:
        """Laid out by Decimal's format() (babel's apply only for unusual patterns)."""
        return self._spec is not None

    def __call__(self, value: Decimal) -> str:
        # every figure of a render passes here: the quantum and mode are kept, not rebuilt
        q = (value if type(value) is Decimal else _decimal(value)).quantize(self._exp, rounding=self._mode)
        if q == 0:
            q = abs(q)  # never "-0.00"
        if self._spec is None:
            return self._babel.apply(q, "zh_CN", decimal_quantization=False)
        text = format(q, self._spec)
        if self.min_places < self.places:
            keep = len(text) - (self.places - self.min_places)
            while len(text) > keep and text[-1] == "0":
                text = text[:-1]
            if text[-1] == ".":
                text = text[:-1]
        return text


class _Simple:
    """What babel's NumberPattern says about a pattern of the usual shape (used only without babel)."""

    def __init__(self, pattern: str):
        m = re.match(r"^[#,]*0[0,]*(?:\.(0*)(#*))?$", pattern)
        if not m:
            raise ValueError("需要 babel 才能用这种格式（pip install babel）")
        head = pattern.split(".")[0]
        self.grouping = (3, 3) if "," in head else (1000, 1000)
        zeros, hashes = len(m.group(1) or ""), len(m.group(2) or "")
        self.frac_prec = (zeros, zeros + hashes)
        self.int_prec = (head.count("0"), len(head.replace(",", "")))
        self.prefix, self.suffix, self.scale = ("", "-"), ("", ""), 0


# the shapes _Simple reads exactly as babel does: groups of three or none, decimals 0 then #
_USUAL = re.compile(r"^(?:#,##0|0)(?:\.0*#*)?$")


def _parse_simple(pattern: str) -> _Simple:
    return _Simple(pattern)


@lru_cache(maxsize=256)
def number_format(pattern: str, rounding: str = "四舍五入", group: bool | None = None) -> NumberFormat:
    """One parsed pattern per (pattern, rounding, grouping): styles share them across renders."""
    return NumberFormat(pattern, rounding, group)
