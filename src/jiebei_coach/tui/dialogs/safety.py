"""The safety card's text: nobody can raise your limit for a fee (help and the safety screen)."""

from __future__ import annotations

from jiebei_coach.i18n import t


def safety_text() -> str:
    """The card's lines, shared with the help screen."""
    return "\n".join(t(f"safety.line{i}") for i in range(1, 6))
