"""Re-planning keeps the past; high-cost lines; the use-of-funds log."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from jiebei_coach.domain import (
    Draw,
    build_plan,
    cost_lines_crossed,
    demo_profile,
    loan_schedule,
    replan,
)

START = date(2026, 11, 29)


def test_replan_keeps_earlier_months_and_their_ticks() -> None:
    plan = build_plan(demo_profile(), START)
    plan = plan.with_done("never-pay-for-limit", True, START)
    plan = plan.with_done("pay-on-time@2026-12", True, date(2026, 12, 5))
    better = demo_profile().model_copy(update={"auto_repay": True, "lender_count": 2})
    new, changes = replan(plan, better, date(2027, 1, 10))
    assert [m.label for m in new.months[:2]] == ["2026-11", "2026-12"]
    assert new.find("never-pay-for-limit")[1].done
    assert new.find("pay-on-time@2026-12")[1].done
    assert new.months[2].label == "2027-01" and new.months[-1].label == "2027-10"
    ids_after = {a.action_id for m in new.months[2:] for a in m.actions}
    assert "turn-on-auto-repay" not in ids_after
    assert "repay-smallest-lender" not in ids_after
    assert "repay-smallest-lender" in changes.removed
    # An undone one-off from the past moves into the new months.
    assert "complete-profile-details" in changes.rescheduled
    assert "complete-profile-details" in ids_after
    assert "complete-profile-details" not in {a.action_id for a in new.months[0].actions}
    keys = [a.key for _, a in new.actions()]
    assert len(keys) == len(set(keys))
    assert "never-pay-for-limit" not in ids_after  # done once: not planned again


def test_replan_keeps_ticks_in_the_current_month() -> None:
    plan = build_plan(demo_profile(), START).with_done("pay-on-time@2026-11", True, START)
    new, changes = replan(plan, demo_profile(), START)
    assert new.find("pay-on-time@2026-11")[1].done
    assert changes.kept_done == 1
    assert changes.added == [] and changes.removed == []


def test_replan_after_the_plan_ran_out_plans_a_new_year() -> None:
    plan = build_plan(demo_profile(), START, months=3)
    new, _ = replan(plan, demo_profile(), date(2028, 5, 1))
    assert new.months[3].label == "2028-05" and len(new.months) == 3 + 12


@pytest.mark.parametrize(
    ("daily", "crossed"),
    [
        (0.0002, []),
        (0.0004, ["court_ceiling"]),
        (0.0007, ["court_ceiling", "high_cost_24"]),
        (0.001, ["court_ceiling", "high_cost_24", "usury_36"]),
    ],
)
def test_cost_lines(daily: float, crossed: list[str]) -> None:
    schedule = loan_schedule(10000, daily, 12, "equal_installment")
    assert [line.id for line in cost_lines_crossed(schedule)] == crossed


def test_draws_flag_speculative_uses() -> None:
    assert Draw(on=START, amount=5000, use="stock").speculative is False
    assert Draw(on=START, amount=5000, use="stocks").speculative is True
    with pytest.raises(ValidationError):
        Draw(on=START, amount=0, use="stock")
    with pytest.raises(ValidationError):
        Draw(on=START, amount=10, use="lottery")  # type: ignore[arg-type]
