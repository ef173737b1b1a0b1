"""Validation errors per field, as codes and values (never sentences).

Pydantic gives each error a stable ``type`` (``greater_than_equal``, our own
``balance_exceeds_limit`` …) and a location. Forms and the command line map the location
back to the field; ``presentation.fields`` turns the type into a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: its name, the stable error type and context values."""

    field: str
    type: str
    context: dict[str, Any]


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
