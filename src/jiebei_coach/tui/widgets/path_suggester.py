"""Completing a file path as it is typed (→ or End takes the suggestion), like a shell."""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from textual.suggester import Suggester

#: How many entries of a folder are looked at (a huge folder must not stall typing).
MAX_ENTRIES = 2_000


class PathSuggester(Suggester):
    """Suggests the first folder or file (folders first, then ``suffixes``, then the rest)
    whose name starts with what was typed after the last ``/``. ``~`` stands for home."""

    def __init__(self, suffixes: Collection[str] = ()) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.suffixes = tuple(s.lower() for s in suffixes)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        folder_text, _, prefix = value.rpartition("/")
        folder = Path(os.path.expanduser(folder_text + "/" if folder_text else "."))
        if value.startswith("/") and not folder_text:
            folder = Path("/")
        try:
            entries = []
            with os.scandir(folder) as found:
                for i, entry in enumerate(found):
                    if i >= MAX_ENTRIES:
                        break
                    if entry.name.startswith(prefix) and entry.name != prefix:
                        entries.append(entry)
        except OSError:
            return None
        if not entries:
            return None

        def rank(entry: os.DirEntry[str]) -> tuple[int, str]:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                return (0, entry.name)
            return (1 if entry.name.lower().endswith(self.suffixes) else 2, entry.name)

        best = min(entries, key=rank)
        tail = best.name[len(prefix) :] + ("/" if rank(best)[0] == 0 else "")
        return value + tail
