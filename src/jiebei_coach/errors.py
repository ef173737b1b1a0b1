"""The shape of every expected problem: a stable code and the values for a message.

The store, the use cases and the domain raise problems this way and never word them; the
presentation layer turns a code and its values into a sentence in either language.
"""

from __future__ import annotations

from typing import Any


class CodedError(Exception):
    """A problem people can understand and act on; ``code`` keys its message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code
