"""A scam verdict in words, for ``check-message`` and the safety screen (no Textual here).

The verdict becomes lines, each with a style name that the app turns into colour and the
command line ignores. Words quoted from the pasted message are data: control characters
are taken out before they reach a terminal, and they are never read as markup.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from jiebei_coach.i18n import Lang, t

if TYPE_CHECKING:
    from jiebei_coach.domain import ScamVerdict

Line = tuple[str, str]
"""A line of text and its style ("" for plain)."""

_STYLES = {"danger": "bold red", "caution": "bold yellow"}


def printable(text: str) -> str:
    """``text`` with control and format characters dropped and line breaks made spaces."""
    out = []
    for char in text:
        if char in "\n\r\t":
            out.append(" ")
        elif not unicodedata.category(char).startswith("C"):
            out.append(char)
    return " ".join("".join(out).split())


def _quotes(quotes: tuple[str, ...], lang: Lang) -> str:
    if lang == "zh":
        return "、".join(f"「{printable(q)}」" for q in quotes)
    return ", ".join(f"“{printable(q)}”" for q in quotes)


def verdict_lines(verdict: ScamVerdict, lang: Lang, *, every_rule: bool = True) -> list[Line]:
    """The verdict as lines: the level, each scam shape with why and what to do, the
    signals with the words that showed them, and whom to call.

    With ``every_rule`` false (a small screen), only the first shape is explained and the
    others are named on one line.
    """
    if verdict.level is None:
        return [(t("scam.none", lang), "yellow"), ("", ""), (verdict.advice.text.get(lang), "")]
    level = verdict.level
    gap = "" if lang == "zh" else " "  # Chinese wraps anywhere; a space would break the line early
    lines: list[Line] = [(t(f"scam.level.{level}", lang), _STYLES[level]), ("", "")]
    explained = verdict.rules if every_rule else verdict.rules[:1]
    for rule in explained:
        lines.append((f"▶ {rule.name.get(lang)}", _STYLES[rule.level]))
        lines.append((f"{t('scam.why', lang)}{gap}{rule.why.get(lang)}", ""))
        lines.append((f"{t('scam.do', lang)}{gap}{rule.do.get(lang)}", ""))
    others = verdict.rules[len(explained) :]
    if others:
        joiner = "；" if lang == "zh" else "; "
        names = joiner.join(rule.name.get(lang) for rule in others)
        lines.append((f"{t('scam.also', lang)}{gap}{names}", _STYLES[level]))
    lines.append(("", ""))
    lines.append((t("scam.signals", lang), "bold"))
    for found in verdict.signals:
        words = _quotes(found.quotes, lang)
        colon = ":" if lang == "zh" else ": "
        lines.append((f"• {found.signal.name.get(lang)}{colon}{words}", ""))
    lines.append(("", ""))
    lines.append((f"{t('scam.advice', lang)}{gap}{verdict.advice.text.get(lang)}", "bold"))
    return lines
