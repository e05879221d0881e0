"""The number format a document writes: grouping, decimals, trailing zeros, the zero amount."""
from __future__ import annotations

from .matching import figures
from .reading import Published

DEFAULT = {"group": True, "trim": False, "places": 2, "percent_places": 2, "percent_trim": False, "zero": None}


def detect_numbers(pub: Published, base: dict | None = None) -> dict:
    """The [number] settings that write the document's figures as it writes them; what the document
    does not show (no amount ≥ 1,000, no zero) is kept from the base style."""
    out = dict(DEFAULT, **(base or {}))
    money = [f for s in pub.sections for t in s.paragraphs() for f in figures(t)
             if f.unit == "万元" and not t[:f.start].endswith("单价")]
    pct = [f for s in pub.sections for t in s.paragraphs() for f in figures(t) if f.unit == "%"]
    if money:
        out["places"] = max(f.places for f in money)
        big = [f for f in money if f.value >= 1000]
        if big:
            out["group"] = any("," in f.text for f in big)
        # trailing zeros dropped: some amount written with fewer places than the most (not a zero)
        out["trim"] = any(f.places < out["places"] and f.value != 0 for f in money)
        zeros = [f for f in money if f.value == 0]
        if zeros:
            z = zeros[0].text.replace("万元", "").strip()
            out["zero"] = z if z != "0." + "0" * out["places"] else None
            if out["trim"] and z == "0":
                out["zero"] = None
    if pct:
        most = max(f.places for f in pct)
        if most == 0:  # only whole percentages ("100%"): trailing zeros are dropped, places unknown
            out["percent_trim"] = True
        else:
            out["percent_places"] = most
            out["percent_trim"] = any(f.places < most for f in pct)
    return out
