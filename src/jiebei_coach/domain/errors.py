"""Validation errors as one plain sentence per field, in Chinese or English.

Pydantic gives each error a stable ``type`` (``greater_than_equal``, our own
``balance_exceeds_limit`` …) and a location. Forms and the command line map the location
back to the field and show the sentence; the type stays stable for code and tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from jiebei_coach.i18n import Lang, catalog, get_language, t


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: its name, the stable error type and context values."""

    field: str
    type: str
    context: dict[str, Any]

    def message(self, lang: Lang | None = None) -> str:
        """The problem as one plain sentence in ``lang``."""
        known = f"field.{self.field}" in catalog(lang or get_language())
        label = t(f"field.{self.field}", lang) if known else self.field
        values = {k: _plain(v) for k, v in self.context.items()}
        for key in (f"error.{self.field}.{self.type}", f"error.{self.type}"):
            if key in catalog(lang or get_language()):
                return t(key, lang, field=label, **values)
        return t("error.invalid", lang, field=label)


def _plain(value: Any) -> Any:
    """Show 1.0 as 1 and 15000.0 as 15000: people do not write trailing zeros."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def field_errors(exc: ValidationError) -> list[FieldError]:
    """The errors of ``exc``, one per field (the first error of a field wins)."""
    seen: dict[str, FieldError] = {}
    for error in exc.errors():
        loc = error.get("loc", ())
        field = str(loc[0]) if loc else "profile"
        if field in seen:
            continue
        ctx = {k: v for k, v in (error.get("ctx") or {}).items() if not isinstance(v, Exception)}
        seen[field] = FieldError(field=field, type=error["type"], context=ctx)
    return list(seen.values())


def error_messages(exc: ValidationError, lang: Lang | None = None) -> dict[str, str]:
    """``{field: sentence}`` for every field that ``exc`` complains about."""
    return {e.field: e.message(lang) for e in field_errors(exc)}
