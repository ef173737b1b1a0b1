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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jiebei_coach.domain.scam_normalise import Normalised, normalise
from jiebei_coach.domain.scam_signals import (
    QUOTES_PER_SIGNAL,
    Advice,
    CompiledSignals,
    Level,
    Rule,
    ScamSignals,
    Signal,
    compiled_signals,
    load_scam_signals,
)

__all__ = [
    "ScamSignals",
    "ScamVerdict",
    "SignalFound",
    "check_message",
    "compiled_signals",
    "load_scam_signals",
    "signals_in",
]


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
        if len(quotes) == QUOTES_PER_SIGNAL:
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
