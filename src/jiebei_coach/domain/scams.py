"""The scam guard: which known scam shapes a pasted message has, and the words that show it.

It works in four steps, all driven by ``assets/scam_signals.json``:

1. **Normalise** the message (``scam_normalise``): width, case, words broken up by spaces or
   dots, look-alike names such as V信 or ➕V.
2. **Find signals**: credit-limit talk, a demand for money, a request for codes or passwords,
   leaving the platform, impersonation, pressure, scheme names. Each signal is a list of
   phrases and patterns; links count when they are not on a trusted domain.
3. **Set warnings aside**: a clause that warns against these things (请勿, 切勿, 不会要求,
   "never") does not count, nor do the clauses before "…都是诈骗"; and a message that warns
   and asks nothing of the reader (no payment, code, contact, link or offer) is not flagged.
4. **Judge combinations**: each rule names groups of signals that must all be present (one
   signal of each group) and gives a level: ``danger`` for a known scam shape, ``caution``
   for suspicious signals without a full shape. Every rule cites its sources.

A message that matches no rule is never called safe: the verdict is only "no known pattern".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from jiebei_coach.assets import AssetError, read_json
from jiebei_coach.domain.model import Text, check_sources, describe_validation_error
from jiebei_coach.domain.scam_normalise import Folder, Normalised, Replacement, normalise

FILE = "scam_signals.json"
Level = Literal["danger", "caution"]
Regex = Annotated[str, Field(min_length=1)]
_MACRO = re.compile(r"\{([A-Z_]+)\}")
_QUOTES_PER_SIGNAL = 3


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


@dataclass(frozen=True)
class SignalFound:
    """A signal in the message, with the original words that showed it."""

    signal: Signal
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class ScamVerdict:
    """What the checker found: a level, the rules that matched and their signals.

    ``level`` is ``None`` when no rule matched: no known pattern, which is not "safe".
    """

    level: Level | None
    rules: tuple[Rule, ...]
    signals: tuple[SignalFound, ...]
    advice: Advice

    @property
    def matched(self) -> bool:
        """True when a known scam shape or a suspicious combination was found."""
        return self.level is not None


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


@dataclass(frozen=True)
class _Clauses:
    """Where each clause starts and which sentence it belongs to."""

    starts: list[int]
    sentence: list[int]

    def of(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def same_sentence(self, clause: int) -> range:
        """The clauses of the sentence that ``clause`` is in (they are consecutive)."""
        first = last = clause
        while first > 0 and self.sentence[first - 1] == self.sentence[clause]:
            first -= 1
        while last + 1 < len(self.sentence) and self.sentence[last + 1] == self.sentence[clause]:
            last += 1
        return range(first, last + 1)


def _clauses(text: str, delimiters: re.Pattern[str]) -> _Clauses:
    starts, sentence, current = [0], [0], 0
    for match in delimiters.finditer(text):
        if match.group("sentence") is not None:
            current += 1
        starts.append(match.end())
        sentence.append(current)
    return _Clauses(starts, sentence)


def _warnings(text: str, clauses: _Clauses, compiled: CompiledSignals) -> tuple[set[int], bool]:
    """The clauses that warn, and whether the message warns anywhere."""
    masked = text
    if compiled.exceptions is not None:
        masked = compiled.exceptions.sub(lambda m: "\x00" * len(m.group()), text)
    warned: set[int] = set()
    warns = False
    for kind, pattern in compiled.cues:
        if pattern is None:
            continue
        for match in pattern.finditer(masked):
            warns = True
            clause = clauses.of(match.start())
            if kind == "clause":
                warned.add(clause)
            elif kind == "before":
                warned.update(c for c in clauses.same_sentence(clause) if c <= clause)
            elif kind == "sentence":
                warned.update(clauses.same_sentence(clause))
    if compiled.continuation is not None:
        for clause in range(1, len(clauses.starts)):
            same = clauses.sentence[clause] == clauses.sentence[clause - 1]
            start = clauses.starts[clause]
            goes_on = compiled.continuation.match(masked, start) is not None
            if same and goes_on and clause - 1 in warned:
                warned.add(clause)
    return warned, warns


def _trusted(host: str, domains: Sequence[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, overlapping ones joined into one."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
        else:
            kept.append((start, end))
    return kept


def _find_signals(norm: Normalised, compiled: CompiledSignals) -> dict[str, list[tuple[int, int]]]:
    """Each signal's spans in the normalised text, warnings set aside."""
    text = norm.text
    clauses = _clauses(text, compiled.delimiters)
    warned, warns = _warnings(text, clauses, compiled)
    links = compiled.data.links
    trusted_domains = links.platform + links.official
    untrusted: list[tuple[int, int]] = []
    seen_link = False
    for match in compiled.link.finditer(text):
        seen_link = True
        host = match.group("host")
        if not _trusted(host, trusted_domains):
            untrusted.append(match.span())
    hits: dict[str, list[tuple[int, int]]] = {}
    for signal, main, words in compiled.matchers:
        patterns = main + words if (not seen_link or untrusted) else main
        spans = [span for matcher in patterns for span in matcher.spans(text)]
        if signal.links:
            spans += untrusted
        kept = _merged(s for s in spans if clauses.of(s[0]) not in warned)
        if kept:
            hits[signal.id] = kept
    asks = {s.id for s, _, _ in compiled.matchers if s.ask}
    if warns and not asks & set(hits):
        return {}
    return hits


def signals_in(message: str) -> dict[str, tuple[str, ...]]:
    """Every signal in ``message`` (warnings set aside), with the original words quoted.

    The verdict shows only the signals of the rules that matched; this shows them all.
    """
    compiled = compiled_signals()
    norm = normalise(message, compiled.folder, compiled.replacements)
    hits = _find_signals(norm, compiled)
    return {signal: _quotes(norm, spans) for signal, spans in hits.items()}


def _quotes(norm: Normalised, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    quotes: list[str] = []
    for start, end in spans:
        quote = norm.quote(start, end)
        if quote and quote not in quotes:
            quotes.append(quote)
        if len(quotes) == _QUOTES_PER_SIGNAL:
            break
    return tuple(quotes)


def check_message(message: str) -> ScamVerdict:
    """Judge ``message``: the level, the rules it matched and the signals with their words."""
    compiled = compiled_signals()
    data = compiled.data
    norm = normalise(message, compiled.folder, compiled.replacements)
    hits = _find_signals(norm, compiled)
    present = set(hits)
    matched = [r for r in data.rules if all(present & set(group) for group in r.need)]
    danger = [r for r in matched if r.level == "danger"]
    shown = danger or matched
    level: Level | None = "danger" if danger else ("caution" if matched else None)
    used = {s for rule in shown for group in rule.need for s in group} & present
    found = [
        SignalFound(signal, _quotes(norm, hits[signal.id]))
        for signal in data.signals
        if signal.id in used
    ]
    return ScamVerdict(level, tuple(shown), tuple(found), data.advice)
