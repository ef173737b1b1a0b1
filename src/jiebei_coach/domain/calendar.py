"""Months: first days, arithmetic, labels and plan keys. No pydantic, so it is cheap to
import (the home screen's session list needs only this)."""

from __future__ import annotations

from datetime import date


def month_start(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def add_months(first: date, count: int) -> date:
    """The first day of the month ``count`` months after ``first``'s month."""
    total = first.year * 12 + first.month - 1 + count
    return date(total // 12, total % 12 + 1, 1)


def month_label(day: date) -> str:
    """``YYYY-MM``."""
    return f"{day.year:04d}-{day.month:02d}"


def parse_month_label(text: str) -> date:
    """``YYYY-MM`` → the first day of that month; ``ValueError`` otherwise."""
    year, month = text.split("-")
    if len(year) != 4 or len(month) != 2:
        raise ValueError(text)
    return date(int(year), int(month), 1)


def occurrence_key(action_id: str, month: date, recurring: bool) -> str:
    """The stable key of an action in a plan: its id, plus ``@YYYY-MM`` when it repeats."""
    return f"{action_id}@{month_label(month)}" if recurring else action_id
