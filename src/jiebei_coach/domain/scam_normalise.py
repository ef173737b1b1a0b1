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
from collections.abc import Callable, Mapping, Sequence
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


class _Builder:
    """Characters with their original spans, rebuilt step by step."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, text: str, start: int, end: int) -> None:
        for char in text:
            self.chars.append(char)
            self.starts.append(start)
            self.ends.append(end)


def _fold(message: str, table: Mapping[str, str]) -> _Builder:
    """Step 1: NFKC, lower case and the character table, one original character at a time."""
    out = _Builder()
    for index, char in enumerate(message):
        if char.isascii():
            if char == "\r":
                continue
            folded = char.lower() if char.isprintable() or char == "\n" else " "
        else:
            category = unicodedata.category(char)
            if category == "Cf":  # zero-width spaces and joiners, used to split words
                continue
            if category == "Cc":
                folded = " "
            else:
                folded = table.get(char) or unicodedata.normalize("NFKC", char).lower()
                folded = "".join(table.get(c, c) for c in folded)
        out.add(folded, index, index + 1)
    return out


def _drop_filler(
    built: _Builder, is_filler: Callable[[str], bool]
) -> tuple[list[str], list[int], list[int]]:
    """Step 2: drop runs of filler touching a Chinese character; squeeze other spaces."""
    chars, starts, ends = built.chars, built.starts, built.ends
    keep_chars: list[str] = []
    keep_starts: list[int] = []
    keep_ends: list[int] = []
    i, n = 0, len(chars)
    while i < n:
        if not is_filler(chars[i]):
            keep_chars.append(chars[i])
            keep_starts.append(starts[i])
            keep_ends.append(ends[i])
            i += 1
            continue
        j = i
        while j < n and is_filler(chars[j]):
            j += 1
        before = keep_chars[-1] if keep_chars else ""
        after = chars[j] if j < n else ""
        if (before and is_cjk(before)) or (after and is_cjk(after)):
            i = j
            continue
        run = chars[i:j]
        if all(c.isspace() for c in run):
            if before and after:
                keep_chars.append(" ")
                keep_starts.append(starts[i])
                keep_ends.append(ends[j - 1])
        else:
            for k in range(i, j):
                keep_chars.append(chars[k])
                keep_starts.append(starts[k])
                keep_ends.append(ends[k])
        i = j
    return keep_chars, keep_starts, keep_ends


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


def normalise(
    message: str,
    table: Mapping[str, str],
    is_filler: Callable[[str], bool],
    replacements: Sequence[Replacement],
) -> Normalised:
    """Undo the usual disguises of ``message``; see the module's description."""
    built = _fold(message, table)
    chars, starts, ends = _drop_filler(built, is_filler)
    text = "".join(chars)
    for rule in replacements:
        text, starts, ends = _replace(text, starts, ends, rule)
    return Normalised(message, text, tuple(starts), tuple(ends))
