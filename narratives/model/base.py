"""Field types shared by every model: exact amounts stored as text, counts, the base config."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, field_validator

from ..money import AmountError, normalize_text, parse_amount, parse_count, strip_controls


def _amount(value: Any) -> Decimal | None:
    try:
        return parse_amount(value)
    except AmountError as exc:
        raise ValueError(str(exc)) from None


def _count(value: Any) -> int | None:
    try:
        return parse_count(value)
    except AmountError as exc:
        raise ValueError(str(exc)) from None


def _text(value: Any) -> Any:
    # private-use characters are the renderer's figure markers; full-width stays as typed
    if isinstance(value, str):
        # control characters (a BEL pasted from a Word table) break the Word export: never kept
        return strip_controls("".join(ch for ch in value if not "\ue000" <= ch <= "\uf8ff"))
    return value


def _store(value: Decimal | None) -> str | None:
    # TOML has no decimal type and tomli-w would write a float: amounts are text, exact
    return None if value is None else format(value, "f")


# An amount in 万元, exact.  In the file: a string ("127.80", "11.9448", "119448元").
Amount = Annotated[Decimal | None, BeforeValidator(_amount), PlainSerializer(_store, return_type=str | None)]
Count = Annotated[int | None, BeforeValidator(_count)]
Text = Annotated[str, BeforeValidator(_text)]


class Model(BaseModel):
    """Chinese aliases are the file's keys; attribute names are for code."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid", validate_assignment=True,
                              str_strip_whitespace=False, defer_build=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_controls(cls, value: Any) -> Any:
        # every text field, not only notes: a control character in a name breaks Word's XML too
        return strip_controls(value) if isinstance(value, str) else value


def clean_key(text: str) -> str:
    return normalize_text(text).strip()
