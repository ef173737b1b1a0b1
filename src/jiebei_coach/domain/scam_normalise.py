"""Normalising a pasted message for the scam checker, keeping the way back to the original.

Scam messages dodge keyword filters: full-width letters (ＶＸ), spaces or dots inside words
(借.呗.额.度, 验 证 码), look-alike names for WeChat (V信, 薇信, ➕V), traditional characters,
letters for digits (5OO). ``normalise`` undoes these in steps whose rules are data (the
``normalise`` block of ``assets/scam_signals.json``):

1. each character through NFKC and lower case, then the character table (traditional and
   capital-numeral forms to the plain ones); format characters (zero-width spaces) go;
2. filler characters (spaces, dots, dashes, symbols) next to a Chinese character go, so
   that words broken up by them join again; spaces between Latin words stay;
3. the replacement rules, in order (obfuscated contact names to their plain name, …).

Every character of the result remembers which characters of the original it came from,
so a match in the normalised text can be quoted as the user pasted it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


def is_cjk(char: str) -> bool:
    """True for a Chinese character (the unified ideograph blocks)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
    )


@dataclass(frozen=True)
class Normalised:
    """The normalised text, and for each of its characters the original span it came from."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text behind ``text[start:end]``."""
        if end <= start:
            return (self.starts[start], self.starts[start]) if start < len(self.text) else (0, 0)
        return self.starts[start], self.ends[end - 1]

    def quote(self, start: int, end: int) -> str:
        """The original words behind ``text[start:end]``, trimmed of outer spaces."""
        first, last = self.original_span(start, end)
        return self.original[first:last].strip()


@dataclass(frozen=True)
class Replacement:
    """A compiled replacement rule: every match of ``pattern`` becomes ``to``."""

    pattern: re.Pattern[str]
    to: str


class Folder:
    """Step 1 and 2 for one character table and filler test, with a cache per character."""

    def __init__(
        self, table: Mapping[str, str], filler: re.Pattern[str], symbols_are_filler: bool
    ) -> None:
        self._table = table
        self._filler = filler
        self._symbols = symbols_are_filler
        self._cache: dict[str, str] = {}
        self._run = re.compile(f"(?:{filler.pattern})+")

    def fold_char(self, char: str) -> str:
        """One character through NFKC, lower case and the table; "" for format characters."""
        if char.isascii():
            if char == "\r":
                return ""
            return char.lower() if char.isprintable() or char == "\n" else " "
        category = unicodedata.category(char)
        if category == "Cf":  # zero-width spaces and joiners, used to split words
            return ""
        if category == "Cc":
            return " "
        mapped = self._table.get(char)
        if mapped is not None:
            return mapped
        if self._symbols and category == "So":  # emoji and other pictures: filler
            return " "
        folded = unicodedata.normalize("NFKC", char).lower()
        return "".join(self._table.get(c, c) for c in folded)

    def fold(self, message: str) -> tuple[str, list[int], list[int]]:
        """The folded text, and each character's original span (start, end)."""
        cache = self._cache
        pieces = []
        for char in message:
            folded = cache.get(char)
            if folded is None:
                folded = cache[char] = self.fold_char(char)
            pieces.append(folded)
        text = "".join(pieces)
        if len(text) == len(message) and all(len(p) == 1 for p in pieces):
            starts = list(range(len(message)))
            return text, starts, list(range(1, len(message) + 1))
        starts, ends = [], []
        for index, piece in enumerate(pieces):
            starts.extend([index] * len(piece))
            ends.extend([index + 1] * len(piece))
        return text, starts, ends

    def drop_filler(
        self, text: str, starts: list[int], ends: list[int]
    ) -> tuple[str, list[int], list[int]]:
        """Drop runs of filler touching a Chinese character; squeeze other spaces to one."""
        out: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        last = 0
        for run in self._run.finditer(text):
            a, b = run.span()
            if "\n" in run.group():
                continue
            before = text[a - 1] if a > 0 else ""
            after = text[b] if b < len(text) else ""
            if (before and is_cjk(before)) or (after and is_cjk(after)):
                keep = ""
            elif run.group().isspace():
                keep = " " if before and after else ""
            else:
                continue  # punctuation between Latin letters or digits stays (urls, 1.5)
            out.append(text[last:a])
            new_starts.extend(starts[last:a])
            new_ends.extend(ends[last:a])
            if keep:
                out.append(keep)
                new_starts.append(starts[a])
                new_ends.append(ends[b - 1])
            last = b
        if last == 0:
            return text, starts, ends
        out.append(text[last:])
        new_starts.extend(starts[last:])
        new_ends.extend(ends[last:])
        return "".join(out), new_starts, new_ends


def _replace(
    text: str, starts: list[int], ends: list[int], rule: Replacement
) -> tuple[str, list[int], list[int]]:
    """Step 3, one rule: each match becomes ``rule.to`` and spans the match's original."""
    pieces: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    last = 0
    for match in rule.pattern.finditer(text):
        start, end = match.span()
        if end == start:
            continue
        pieces.append(text[last:start])
        new_starts.extend(starts[last:start])
        new_ends.extend(ends[last:start])
        replacement = match.expand(rule.to)
        pieces.append(replacement)
        new_starts.extend([starts[start]] * len(replacement))
        new_ends.extend([ends[end - 1]] * len(replacement))
        last = end
    if not pieces:
        return text, starts, ends
    pieces.append(text[last:])
    new_starts.extend(starts[last:])
    new_ends.extend(ends[last:])
    return "".join(pieces), new_starts, new_ends


def normalise(message: str, folder: Folder, replacements: Sequence[Replacement]) -> Normalised:
    """Undo the usual disguises of ``message``; see the module's description."""
    text, starts, ends = folder.fold(message)
    text, starts, ends = folder.drop_filler(text, starts, ends)
    for rule in replacements:
        text, starts, ends = _replace(text, starts, ends, rule)
    return Normalised(message, text, tuple(starts), tuple(ends))
