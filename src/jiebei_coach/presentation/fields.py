"""A field's validation problem as one plain sentence, in Chinese or English."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from jiebei_coach.domain.errors import FieldError, field_errors
from jiebei_coach.i18n import Lang, catalog, get_language, t


def field_message(error: FieldError, lang: Lang | None = None) -> str:
    """The problem as one plain sentence in ``lang``."""
    use = lang or get_language()
    strings = catalog(use)
    label = t(f"field.{error.field}", use) if f"field.{error.field}" in strings else error.field
    values = {k: _plain(v) for k, v in error.context.items()}
    for key in (f"error.{error.field}.{error.type}", f"error.{error.type}"):
        if key in strings:
            return t(key, use, field=label, **values)
    return t("error.invalid", use, field=label)


def _plain(value: Any) -> Any:
    """Show 1.0 as 1 and 15000.0 as 15,000: people do not write trailing zeros, and long
    numbers are read in groups."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:,}"
    return value


def error_messages(exc: ValidationError, lang: Lang | None = None) -> dict[str, str]:
    """``{field: sentence}`` for every field that ``exc`` complains about."""
    return {e.field: field_message(e, lang) for e in field_errors(exc)}
