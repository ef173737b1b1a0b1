"""The scam checker: which known scam patterns a pasted message matches.

The patterns are data (``assets/scam_patterns.json``): each lists phrases in Chinese and
English, either ``any_of`` (one is enough) or ``all_of`` (one phrase from every group, so
that an ordinary word like 费 or "pay" only counts next to 提额 or "limit"). Chinese is
matched as text, English as words. A message that matches nothing is *not* declared safe:
the checker only ever says that no known pattern matched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from jiebei_coach.assets import read_json
from jiebei_coach.domain.model import Text, load_sourced_list

Phrases = Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]


class ScamPattern(BaseModel):
    """One kind of scam: how to recognise it, why it is one, what to do."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: Text
    any_of: Phrases | None = None
    all_of: Annotated[list[Phrases], Field(min_length=2)] | None = None
    why: Text
    do: Text
    source: Annotated[list[str], Field(min_length=1)]

    @model_validator(mode="after")
    def _one_rule(self) -> ScamPattern:
        if (self.any_of is None) == (self.all_of is None):
            raise ValueError("give exactly one of any_of and all_of")
        return self

    def matches(self, text: str) -> list[str]:
        """The phrases found (empty when the pattern does not match)."""
        groups = [self.any_of] if self.any_of is not None else list(self.all_of or [])
        found: list[str] = []
        for group in groups:
            hits = [p for p in group if _contains(text, p)]
            if not hits:
                return []
            found.append(hits[0])
        return found


def normalise(message: str) -> str:
    """Full-width to half-width, lower case, runs of white space as one space."""
    return " ".join(unicodedata.normalize("NFKC", message).lower().split())


@cache
def _word_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z])" + re.escape(phrase.strip().lower()))


def _contains(text: str, phrase: str) -> bool:
    if phrase.isascii():
        return _word_pattern(phrase).search(text) is not None
    return normalise(phrase) in text.replace(" ", "")


@dataclass(frozen=True)
class ScamMatch:
    """A pattern the message matched, with the phrases that gave it away."""

    pattern: ScamPattern
    phrases: tuple[str, ...]


@cache
def load_scam_patterns() -> tuple[ScamPattern, ...]:
    """Read and validate ``assets/scam_patterns.json``."""
    patterns = load_sourced_list("scam_patterns.json", read_json("scam_patterns.json"), ScamPattern)
    return tuple(patterns)


def check_message(message: str) -> list[ScamMatch]:
    """Every known scam pattern the message matches, in the file's order."""
    text = normalise(message)
    results = []
    for pattern in load_scam_patterns():
        phrases = pattern.matches(text)
        if phrases:
            results.append(ScamMatch(pattern, tuple(phrases)))
    return results
