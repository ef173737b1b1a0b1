"""Problems with what was asked, as a stable code and values (the words are elsewhere)."""

from __future__ import annotations

from typing import Any


class UseCaseError(Exception):
    """Something asked of a use case that cannot be done; ``code`` keys the message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code
