"""Typed numbers: what people write becomes the value they meant."""

from __future__ import annotations

import re

import pytest

from jiebei_coach.parsing import (
    format_amount,
    parse_amount,
    parse_count,
    parse_daily_rate,
    parse_fraction,
    parse_years,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15000", 15000),
        ("15,000", 15000),
        ("1.5万", 15000),
        ("１．５万", 15000),
        ("¥3,000", 3000),
        ("3000元", 3000),
        ("3k", 3000),
        ("2w", 20000),
        ("0", 0),
        ("  ", None),
        ("", None),
        ("-5", -5),
    ],
)
def test_amounts(text: str, value: float | None) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["abc", "1.5.5", "万", "12万万", "1e5"])
def test_bad_amounts(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(text)):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("98%", 0.98), ("98", 0.98), ("0.98", 0.98), ("100%", 1.0), ("1", 1.0), ("", None)],
)
def test_fractions(text: str, value: float | None) -> None:
    result = parse_fraction(text)
    if value is None:
        assert result is None
    else:
        assert result == pytest.approx(value)


def test_counts_and_years() -> None:
    assert parse_count("3") == 3
    assert parse_count("3家") == 3
    assert parse_count("") is None
    with pytest.raises(ValueError, match=r"2\.5"):
        parse_count("2.5")
    assert parse_years("2.5年") == 2.5
    with pytest.raises(ValueError, match="two"):
        parse_years("two")


@pytest.mark.parametrize(
    ("text", "value"), [("0.04%", 0.0004), ("0.04", 0.0004), ("万4", 0.0004), ("0.0004", 0.0004)]
)
def test_daily_rates(text: str, value: float) -> None:
    assert parse_daily_rate(text) == pytest.approx(value)


def test_format_amount() -> None:
    assert format_amount(15000.0) == "15000"
    assert format_amount(12.5) == "12.5"
    assert format_amount(None) == ""
