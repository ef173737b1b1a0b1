"""How the text report cites its sources."""

from __future__ import annotations

from jiebei_coach.domain import load_sources
from jiebei_coach.presentation.report import cite


def test_a_cited_document_number_is_said_once() -> None:
    sources = load_sources()
    for key in ("credit_regulation_2013", "spc_private_lending_2020"):
        line = cite(sources[key], "zh")
        number = sources[key].where.split(",")[0]
        assert line.count(number) == 1, line
