"""The scam signal model: ``assets/scam_signals.json`` validated, and its patterns compiled.

Signals are lists of phrases and patterns (with shared macros), rules are combinations of
signals with a level, and every rule cites its sources. Compiled once per process.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from jiebei_coach.assets import AssetError, read_json
from jiebei_coach.domain.model import Text, check_sources, describe_validation_error
from jiebei_coach.domain.scam_normalise import Folder, Replacement

FILE = "scam_signals.json"
Level = Literal["danger", "caution"]
Regex = Annotated[str, Field(min_length=1)]
_MACRO = re.compile(r"\{([A-Z_]+)\}")
QUOTES_PER_SIGNAL = 3


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReplaceRule(_Strict):
    """Every match of ``pattern`` (a regex) in the folded text becomes ``to``."""

    pattern: Regex
    to: str


class Normalisation(_Strict):
    """How a message is folded before matching (see ``scam_normalise``)."""

    chars: dict[str, str]
    filler: Regex = Field(description="a regex matching one filler character")
    symbols_are_filler: bool = True
    replace: list[ReplaceRule]


class Delimiters(_Strict):
    """Regexes that end a sentence, and that end a clause within one."""

    sentence: Regex
    clause: Regex


class Links(_Strict):
    """How a link is recognised, and the domains that are not leaving the platform.

    ``pattern`` names the link's domain as the group ``host``; ``platform`` are Ant's and
    Alipay's domains, ``official`` those of banks and public bodies whose own notices link
    to their own sites.
    """

    pattern: Regex
    platform: Annotated[list[str], Field(min_length=1)]
    official: list[str]


class Cues(_Strict):
    """Words that show a message warns against scams rather than running one."""

    exceptions: list[Regex] = Field(description="look like cues but are not (不要犹豫)")
    clause: list[Regex] = Field(description="the clause holding it is a warning")
    before: list[Regex] = Field(description="…and the clauses before it in the sentence")
    sentence: list[Regex] = Field(description="the whole sentence is a warning")
    message: list[Regex] = Field(description="only: the message talks about scams")
    continuation: list[Regex] = Field(
        default=[], description="a clause starting so goes on with the warning before it"
    )


class Signal(_Strict):
    """One thing a scam message does, and the words that show it."""

    id: str
    name: Text
    ask: bool = Field(description="it asks something of the reader (pay, tell, contact …)")
    phrases: list[Annotated[str, Field(min_length=1)]] = []
    patterns: list[Regex] = []
    link_words: list[Regex] = Field(
        default=[], description="count only when every link in the message is trusted or absent"
    )
    links: bool = Field(default=False, description="links off the trusted domains are this")


class Rule(_Strict):
    """A combination of signals that makes a scam shape, with why and what to do."""

    id: str
    level: Level
    need: Annotated[list[Annotated[list[str], Field(min_length=1)]], Field(min_length=1)]
    name: Text
    why: Text
    do: Text
    source: Annotated[list[str], Field(min_length=1)]


class Advice(_Strict):
    """What to do with any suspicious message (official lines to call)."""

    text: Text
    source: Annotated[list[str], Field(min_length=1)]


class ScamSignals(_Strict):
    """The whole of ``assets/scam_signals.json``."""

    version: int
    normalise: Normalisation
    macros: dict[str, str]
    delimiters: Delimiters
    links: Links
    cues: Cues
    signals: Annotated[list[Signal], Field(min_length=1)]
    rules: Annotated[list[Rule], Field(min_length=1)]
    advice: Advice

    @model_validator(mode="after")
    def _consistent(self) -> ScamSignals:
        ids = [s.id for s in self.signals]
        rule_ids = [r.id for r in self.rules]
        for kind, seen in (("signal", ids), ("rule", rule_ids)):
            repeated = sorted({i for i in seen if seen.count(i) > 1})
            if repeated:
                raise ValueError(f"{kind} ids must be unique (repeated: {', '.join(repeated)})")
        for index, rule in enumerate(self.rules):
            unknown = sorted({s for group in rule.need for s in group} - set(ids))
            if unknown:
                raise ValueError(f"rules.{index} needs unknown signal {', '.join(unknown)}")
        for signal in self.signals:
            if not (signal.phrases or signal.patterns or signal.link_words or signal.links):
                raise ValueError(f"signal {signal.id} has nothing to match")
        return self


_WORD_START = "(?<![a-z])"


@dataclass(frozen=True)
class _Matcher:
    """One compiled pattern.

    A pattern that starts with ``(?<![a-z])`` (an English word's start) is compiled
    without it and the character before each match is checked here instead: the regex
    engine cannot search fast for a pattern that starts with a look-behind, and on a long
    message that check costs more than all the Chinese patterns together.
    """

    pattern: re.Pattern[str]
    word_start: bool

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The non-empty matches in ``text``."""
        found = []
        for match in self.pattern.finditer(text):
            start, end = match.span()
            if end == start:
                continue
            if self.word_start and start and "a" <= text[start - 1] <= "z":
                continue
            found.append((start, end))
        return found


def _has_top_level_branch(pattern: str) -> bool:
    """True when ``pattern`` has a ``|`` outside every group and character class."""
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def _matcher(pattern: str, macros: Mapping[str, str], where: str) -> _Matcher:
    word_start = pattern.startswith(_WORD_START) and not _has_top_level_branch(pattern)
    compiled = _compile_one(pattern, macros, where)  # as written: it must be valid
    if word_start:
        compiled = _compile_one(pattern[len(_WORD_START) :], macros, where)
    return _Matcher(compiled, word_start)


@dataclass(frozen=True)
class CompiledSignals:
    """The signal model with every pattern compiled once."""

    data: ScamSignals
    folder: Folder
    replacements: tuple[Replacement, ...]
    delimiters: re.Pattern[str]
    link: re.Pattern[str]
    exceptions: re.Pattern[str] | None
    cues: tuple[tuple[str, re.Pattern[str] | None], ...]
    continuation: re.Pattern[str] | None
    matchers: tuple[tuple[Signal, tuple[_Matcher, ...], tuple[_Matcher, ...]], ...]


def _expand(pattern: str, macros: Mapping[str, str], where: str) -> str:
    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise AssetError(f"{FILE}: {where}: unknown macro {{{name}}}")
        return f"(?:{macros[name]})"

    return _MACRO.sub(sub, pattern)


def _compile_one(pattern: str, macros: Mapping[str, str], where: str) -> re.Pattern[str]:
    try:
        return re.compile(_expand(pattern, macros, where))
    except re.error as exc:
        raise AssetError(f"{FILE}: {where}: not a valid pattern ({exc})") from None


def _compile(patterns: Sequence[str], macros: Mapping[str, str], where: str) -> re.Pattern[str]:
    """One pattern matching any of ``patterns`` (each checked alone first, to name it)."""
    for i, pattern in enumerate(patterns):
        _compile_one(pattern, macros, f"{where}.{i}")
    return re.compile("|".join(f"(?:{_expand(p, macros, where)})" for p in patterns))


def _maybe(
    patterns: Sequence[str], macros: Mapping[str, str], where: str
) -> re.Pattern[str] | None:
    return _compile(patterns, macros, where) if patterns else None


def _build(data: ScamSignals) -> CompiledSignals:
    macros = data.macros
    norm = data.normalise
    replacements = tuple(
        Replacement(_compile_one(r.pattern, macros, f"normalise.replace.{i}"), r.to)
        for i, r in enumerate(norm.replace)
    )
    delimiters = re.compile(
        f"(?P<sentence>{_expand(data.delimiters.sentence, macros, 'delimiters.sentence')})"
        f"|(?P<clause>{_expand(data.delimiters.clause, macros, 'delimiters.clause')})"
    )
    cue_lists = [
        ("clause", data.cues.clause),
        ("before", data.cues.before),
        ("sentence", data.cues.sentence),
        ("message", data.cues.message),
    ]
    matchers = []
    for i, signal in enumerate(data.signals):
        # One pattern each: an alternation of all of them loses the regex engine's fast
        # search for a literal start, and costs twice the time on a long message.
        where = f"signals.{i}"
        main = [_matcher(p, macros, f"{where}.patterns.{n}") for n, p in enumerate(signal.patterns)]
        if signal.phrases:
            phrases = "|".join(re.escape(p) for p in signal.phrases)
            main.insert(0, _matcher(phrases, {}, f"{where}.phrases"))
        words = [
            _matcher(p, macros, f"{where}.link_words.{n}") for n, p in enumerate(signal.link_words)
        ]
        matchers.append((signal, tuple(main), tuple(words)))
    return CompiledSignals(
        data=data,
        folder=Folder(
            norm.chars, _compile_one(norm.filler, {}, "normalise.filler"), norm.symbols_are_filler
        ),
        replacements=replacements,
        delimiters=delimiters,
        link=_compile_one(data.links.pattern, macros, "links.pattern"),
        exceptions=_maybe(data.cues.exceptions, macros, "cues.exceptions"),
        cues=tuple((kind, _maybe(p, macros, f"cues.{kind}")) for kind, p in cue_lists),
        continuation=_maybe(data.cues.continuation, macros, "cues.continuation"),
        matchers=tuple(matchers),
    )


@cache
def compiled_signals() -> CompiledSignals:
    """The signal model, validated and with its patterns compiled (once per process)."""
    try:
        data = ScamSignals.model_validate(read_json(FILE))
    except ValidationError as exc:
        raise AssetError(describe_validation_error(FILE, exc)) from None
    for index, rule in enumerate(data.rules):
        check_sources(FILE, f"rules.{index}", rule.source)
    check_sources(FILE, "advice", data.advice.source)
    return _build(data)


def load_scam_signals() -> ScamSignals:
    """Read and validate ``assets/scam_signals.json`` (cached in ``compiled_signals``)."""
    return compiled_signals().data
