"""Problems with what was asked, as a stable code and values (the words are elsewhere)."""

from __future__ import annotations

from jiebei_coach.errors import CodedError


class UseCaseError(CodedError):
    """Something asked of a use case that cannot be done; ``code`` keys the message."""
