"""Store problems as a stable code plus the values for a message in either language."""

from __future__ import annotations

from typing import Any


class StoreError(Exception):
    """A data problem the user can understand and act on; ``code`` keys the message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code
