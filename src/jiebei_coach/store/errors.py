"""Store problems as a stable code plus the values for a message in either language."""

from __future__ import annotations

from typing import Any

from jiebei_coach.i18n import Lang, t
from jiebei_coach.safe_text import printable


class StoreError(Exception):
    """A data problem the user can understand and act on; ``code`` keys the message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def message(self, lang: Lang | None = None) -> str:
        """One plain sentence (or two) for the user; names and paths in it (which may come
        from a file) lose any control characters."""
        params = {k: printable(str(v)) for k, v in self.params.items()}
        return t(f"store.error.{self.code}", lang, **params)

    def __str__(self) -> str:
        return self.message("en")
