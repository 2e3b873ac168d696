"""Reads JSON answers into the SDK's dataclasses by their type hints: nested dataclasses, lists, dicts,
``Decimal`` amounts, ``datetime`` instants and ``date`` days. Members the dataclass does not know
are ignored (a newer server may add some); a member the server left out reads as None (an empty
list for a list)."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, TypeVar, Union

T = TypeVar("T")
_INSTANT = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$")


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant (``2026-11-22T21:37:00.123456789Z``) as an aware ``datetime`` (microseconds)."""
    match = _INSTANT.match(text)
    if match is None:
        raise ValueError(f"not an ISO 8601 instant: {text!r}")
    fraction = (match.group(2) or "").ljust(6, "0")[:6]
    zone = "+00:00" if match.group(3) == "Z" else match.group(3)
    parsed = datetime.fromisoformat(f"{match.group(1)}.{fraction}{zone}")
    return parsed.astimezone(timezone.utc)


_HINTS: dict[type, tuple[tuple[str, Any], ...]] = {}  # written once per class; a race writes the same value


def _hints(cls: type) -> tuple[tuple[str, Any], ...]:
    known = _HINTS.get(cls)
    if known is None:
        hints = typing.get_type_hints(cls)
        known = _HINTS[cls] = tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init)
    return known


def decode(kind: Any, value: Any) -> Any:
    """``value`` (parsed JSON) read as ``kind`` (a type hint)."""
    if value is None:
        return [] if typing.get_origin(kind) is list else None
    origin = typing.get_origin(kind)
    if origin is Union or origin is types.UnionType:
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        return decode(options[0], value) if len(options) == 1 else value
    if origin is list:
        (item,) = typing.get_args(kind)
        return [decode(item, element) for element in value]
    if origin is dict:
        _, item = typing.get_args(kind)
        return {name: decode(item, element) for name, element in value.items()}
    if kind is Any or kind is object:
        return value
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return decode_object(kind, value)
    if kind is Decimal:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    if kind is datetime:
        return parse_instant(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is int and isinstance(value, Decimal):
        return int(value)
    return value


def member(field_name: str) -> str:
    """The JSON member a dataclass field reads: its name, less the ``_`` that a Python keyword
    takes (``from_`` reads ``from``)."""
    return field_name[:-1] if field_name.endswith("_") else field_name


def decode_object(cls: type[T], value: Any) -> T:
    """A JSON object read as the dataclass ``cls``."""
    if not isinstance(value, dict):
        raise ValueError(f"expected a JSON object for {cls.__name__}, got {type(value).__name__}")
    return cls(**{name: decode(kind, value.get(member(name))) for name, kind in _hints(cls)})
