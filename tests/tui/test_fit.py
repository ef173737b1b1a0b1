"""Nothing clipped, nothing hidden: every screen and dialog at 80×24 and 120×40, both
languages, with the demo, an empty profile, the longest name and a low income.

At each stop of each tour (``tests.tui.scenes``) nothing may be drawn cut off; on the
cost screen at 0.1% a day for a low income every warning must be on the screen, whole.
At 120×40 no list or pane may leave a large empty area while another must be scrolled.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jiebei_coach.domain import borrowing_warnings, cost_lines_crossed, loan_schedule
from jiebei_coach.i18n import Lang, t
from tests.tui.conftest import AppFactory
from tests.tui.scenes import (
    LOW_INCOME,
    TOURS,
    cut_content,
    empty_rows,
    needs_scrolling,
    screen_text,
    setup,
    tour,
)

#: More empty rows than this in one place, while something else must scroll, is waste.
EMPTY_LIMIT = 4


def _flat(text: str) -> str:
    """Text without spaces, line ends or the bars and borders drawn around it."""
    return re.sub(r"[\s▁-▏▔▕─-╿]+", "", text)


def _warnings(lang: Lang) -> list[str]:
    """The warnings the cost screen owes the low-income person for 10,000 at 0.1% a day."""
    schedule = loan_schedule(10_000, 0.001, 12, "equal_installment")
    said = [
        t(f"warning.{w.code}", lang, **w.figures) for w in borrowing_warnings(LOW_INCOME, schedule)
    ]
    crossed = cost_lines_crossed(schedule)
    said += [line.name.get(lang) for line in crossed]
    said.append(crossed[-1].why.get(lang))  # the highest line, in full
    return said


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(TOURS))
async def test_nothing_is_cut_and_no_space_is_wasted(
    make_app: AppFactory, db_path: Path, name: str, lang: Lang, size: tuple[int, int]
) -> None:
    data, stops = TOURS[name]
    setup(db_path, data)
    app = make_app(lang)
    problems: list[str] = []
    async with app.run_test(size=size) as pilot:
        async for stop in tour(app, pilot, stops):
            screen = app.screen
            problems += [f"{stop}: {p}" for p in cut_content(screen)]
            if size == (120, 40) and needs_scrolling(screen):
                wasted = {k: v for k, v in empty_rows(screen).items() if v > EMPTY_LIMIT}
                if wasted:
                    problems.append(
                        f"{stop}: {needs_scrolling(screen)} must scroll while {wasted} stand empty"
                    )
            if stop == "cost at 0.1% a day":
                shown = _flat("".join(screen_text(app)))
                problems += [
                    f"{stop}: warning not shown whole: {w}"
                    for w in _warnings(lang)
                    if _flat(w) not in shown
                ]
                # A line named by its rate is not followed by the same rate again.
                problems += [
                    f"{stop}: rate said twice" for r in ("24%(24.0%)", "36%(36.0%)") if r in shown
                ]
    assert not problems, "\n".join(problems)
