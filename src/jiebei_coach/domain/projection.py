"""Projections at a believable pace: how far the Sesame-equivalent may move each month.

The simulated index says where a profile is heading; the projection moves towards it at
most ``pace.month`` points a month and ``pace.plan`` over the plan (``pace.plan_overdue``
when starting overdue). With the real score known, a rise is carried over from where the
score sits on the calibration curve, as the same share of the room left to gain.
"""

from __future__ import annotations

from jiebei_coach.domain.model import SesameScale


def _carried(anchor: float, baseline: float, target: float) -> float:
    """The index ``anchor`` moves to when the model moves from ``baseline`` to ``target``."""
    if anchor == baseline:
        return target
    if target >= baseline:
        room = 100 - baseline
        return anchor if room <= 0 else anchor + (target - baseline) * (100 - anchor) / room
    return anchor if baseline <= 0 else anchor * target / baseline


def paced_projection(
    baseline: float,
    targets: list[float],
    scale: SesameScale,
    *,
    overdue: bool,
    anchor: float | None = None,
) -> list[float]:
    """How far the band's middle moves by the end of each month, at a believable pace.

    ``targets`` are the simulated indices; each month the change (in Sesame-equivalent
    points from the start) moves towards where the target's middle is, by at most
    ``pace.month`` points, and never beyond ``pace.plan`` (``plan_overdue``) either way.
    ``anchor`` is the index the change is measured from (the real score's place on the
    calibration curve, when known); by default the baseline. From an anchor, a rise is
    carried over as the same share of the room left to 100, a fall as the same share of
    the level, so a person already above the model's estimate is not promised its full
    rise on top.
    """
    pace = scale.pace
    cap = pace.plan_overdue if overdue else pace.plan
    origin = baseline if anchor is None else anchor
    start = scale.centre(origin)
    moved = 0.0
    changes = []
    for target in targets:
        wanted = scale.centre(_carried(origin, baseline, target)) - start
        moved = max(moved - pace.month, min(moved + pace.month, wanted))
        moved = max(-cap, min(cap, moved))
        changes.append(moved)
    return changes
