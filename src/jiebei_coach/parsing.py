"""Numbers as people type them: ``1.5万``, ``15,000``, ``¥3,000``, ``98%``, ``0.04%``.

Pure functions, shared by the app's form and anything else that reads typed numbers.
Empty text means "unknown" (``None``); text that is not a number raises ``ValueError``.
"""

from __future__ import annotations

import re
import unicodedata

_UNITS = {"万": 10_000, "w": 10_000, "k": 1_000, "千": 1_000, "亿": 100_000_000}
_NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)(万|亿|千|k|w)?$")
_CURRENCY = ("¥", "￥", "元", "rmb", "cny", "yuan")


def normalise(text: str) -> str:
    """Full-width to half-width, no spaces or thousands separators, lower case."""
    cleaned = unicodedata.normalize("NFKC", text).strip().lower()
    cleaned = cleaned.replace(",", "").replace(" ", "").replace("，", "")
    for mark in _CURRENCY:
        cleaned = cleaned.replace(mark, "")
    return cleaned


def parse_amount(text: str) -> float | None:
    """Yuan: ``1.5万`` → 15000, ``15,000`` → 15000, ``¥3k`` → 3000; ``""`` → None."""
    cleaned = normalise(text)
    if not cleaned:
        return None
    match = _NUMBER.match(cleaned)
    if not match:
        raise ValueError(text)
    value = float(match.group(1))
    unit = match.group(2)
    return value * _UNITS[unit] if unit else value


def parse_count(text: str) -> int | None:
    """A whole number (``3``, ``3次``, ``3家``); ``""`` → None."""
    cleaned = normalise(text).rstrip("次家个年项类")
    if not cleaned:
        return None
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        raise ValueError(text)
    return int(cleaned)


def parse_years(text: str) -> float | None:
    """Years, whole or not (``3``, ``2.5年``); ``""`` → None."""
    cleaned = normalise(text).rstrip("年")
    if not cleaned:
        return None
    if not re.fullmatch(r"[+-]?(\d+(\.\d+)?|\.\d+)", cleaned):
        raise ValueError(text)
    return float(cleaned)


def parse_fraction(text: str) -> float | None:
    """A share as a fraction: ``98%`` → 0.98, ``98`` → 0.98, ``0.98`` → 0.98; ``""`` → None.

    A bare number above 1 is read as a percentage, because that is what people mean.
    """
    cleaned = normalise(text)
    if not cleaned:
        return None
    percent = cleaned.endswith("%")
    body = cleaned.rstrip("%")
    if not re.fullmatch(r"[+-]?(\d+(\.\d+)?|\.\d+)", body):
        raise ValueError(text)
    value = float(body)
    return value / 100 if percent or value > 1 else value


def parse_daily_rate(text: str) -> float | None:
    """A daily rate: ``0.04%`` → 0.0004, ``0.04`` → 0.0004 (taken as percent), ``万4`` → 0.0004."""
    cleaned = normalise(text)
    if not cleaned:
        return None
    if cleaned.startswith("万"):
        return float(cleaned[1:]) / 10_000
    body = cleaned.rstrip("%")
    if not re.fullmatch(r"(\d+(\.\d+)?|\.\d+)", body):
        raise ValueError(text)
    value = float(body)
    return value / 100 if cleaned.endswith("%") or value >= 0.01 else value


def format_amount(value: float | None) -> str:
    """Yuan for an input box: 15000.0 → ``15000``, 12.5 → ``12.5``; None → ``""``."""
    if value is None:
        return ""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:g}"
