"""Store problems as a stable code plus the values for a message in either language."""

from __future__ import annotations

from jiebei_coach.errors import CodedError


class StoreError(CodedError):
    """A data problem the user can understand and act on; ``code`` keys the message."""
