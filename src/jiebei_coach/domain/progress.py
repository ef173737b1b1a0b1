"""Check-ins against the plan: is the real score moving as the projection expected?

Levels are not compared: the estimate is a wide band and a real score of 712 against an
estimate of 690 says nothing about progress. What is compared is change over time: the
real score's change since the first check-in of the current projection, against the
change the projection expected between the same two months. Scores move slowly, so the
tolerance is the band's own width around a known score plus its monthly widening.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from jiebei_coach.domain.model import FactorModel, load_model
from jiebei_coach.domain.plan import Plan
from jiebei_coach.domain.session import CheckIn

Status = Literal["none", "first", "on_track", "behind", "ahead", "no_projection"]


@dataclass(frozen=True)
class Progress:
    """How the logged Sesame scores compare with the projection.

    ``status``: ``none`` (no score logged in the current projection), ``first`` (one
    score: the starting point), ``on_track`` / ``behind`` / ``ahead`` (change compared),
    ``no_projection`` (two scores but the plan has no band to compare with).
    """

    status: Status
    first_month: date | None = None
    last_month: date | None = None
    first_score: int | None = None
    last_score: int | None = None
    actual_change: int | None = None
    expected_change: int | None = None
    tolerance: int | None = None
    limit: float | None = None


def _months_between(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def compare_progress(
    plan: Plan, checkins: list[CheckIn], *, model: FactorModel | None = None
) -> Progress:
    """Compare the change in the logged scores with the change the plan projected."""
    scale = (model or load_model()).sesame
    first_month = plan.projection_from or plan.start
    months = {m.month: i for i, m in enumerate(plan.months)}
    logged = sorted(
        (c for c in checkins if c.sesame_score is not None and c.month >= first_month),
        key=lambda c: c.month,
    )
    logged = [c for c in logged if c.month in months]
    limits = [c for c in sorted(checkins, key=lambda c: c.month) if c.jiebei_limit is not None]
    limit = limits[-1].jiebei_limit if limits else None
    if not logged:
        return Progress("none", limit=limit)
    first, last = logged[0], logged[-1]
    assert first.sesame_score is not None
    assert last.sesame_score is not None
    if first is last:
        return Progress(
            "first",
            first_month=first.month,
            last_month=first.month,
            first_score=first.sesame_score,
            last_score=first.sesame_score,
            limit=limit,
        )
    actual = last.sesame_score - first.sesame_score
    start = plan.expected_sesame(months[first.month])
    end = plan.expected_sesame(months[last.month])
    expected = tolerance = None
    status: Status = "no_projection"
    if start is not None and end is not None:
        expected = round(end - start)
        tolerance = round(
            scale.actual_halfwidth
            + scale.monthly_widening * _months_between(first.month, last.month)
        )
        if actual < expected - tolerance:
            status = "behind"
        elif actual > expected + tolerance:
            status = "ahead"
        else:
            status = "on_track"
    return Progress(
        status,
        first_month=first.month,
        last_month=last.month,
        first_score=first.sesame_score,
        last_score=last.sesame_score,
        actual_change=actual,
        expected_change=expected,
        tolerance=tolerance,
        limit=limit,
    )
