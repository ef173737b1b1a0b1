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
    # With two lenders left there is no online loan besides 借呗, 花呗 and the card to clear.
    assert "pay-down-costliest" not in ids_after
    assert "pay-down-costliest" in changes.removed
    # An undone one-off from the past moves into the new months.
    assert "ignore-credit-repair" in {a.action_id for a in plan.months[1].actions}
    assert "ignore-credit-repair" in changes.rescheduled
    assert "ignore-credit-repair" in ids_after
    assert "ignore-credit-repair" not in {a.action_id for a in new.months[1].actions}
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
        (0.0002, []),  # 7.3% a year
        (0.0004, ["court_ceiling"]),  # 14.6%
        # 21.9% a year simple (24.2% compounded): under the 24% line, which is a simple rate.
        (0.0006, ["court_ceiling"]),
        (0.0007, ["court_ceiling", "high_cost_24"]),
        # 34.7% simple (40.7% compounded): under 36%.
        (0.00095, ["court_ceiling", "high_cost_24"]),
        (0.0011, ["court_ceiling", "high_cost_24", "usury_36"]),  # 40.2%
    ],
)
@pytest.mark.parametrize("method", ["equal_installment", "interest_first", "equal_principal"])
def test_cost_lines_compare_the_simple_annual_rate(
    daily: float, crossed: list[str], method: str
) -> None:
    schedule = loan_schedule(10000, daily, 12, method)  # type: ignore[arg-type]
    assert schedule.apr == pytest.approx(daily * 365, abs=1e-6)
    assert [line.id for line in cost_lines_crossed(schedule)] == crossed


def test_court_line_is_four_times_the_dated_lpr() -> None:
    from jiebei_coach.domain import load_cost_lines, load_lpr, load_sources

    lpr = load_lpr()
    assert lpr.rate == 0.03 and lpr.as_of == date(2025, 5, 20)
    court = next(line for line in load_cost_lines() if line.id == "court_ceiling")
    assert court.annual_rate == pytest.approx(4 * lpr.rate)
    sources = load_sources()
    assert "法释〔2020〕17号" in sources["spc_private_lending_2020"].publisher
    assert sources[lpr.source[0]].date == "2025-05-20"


def test_draws_flag_speculative_uses() -> None:
    assert Draw(on=START, amount=5000, use="stock").speculative is False
    assert Draw(on=START, amount=5000, use="stocks").speculative is True
    with pytest.raises(ValidationError):
        Draw(on=START, amount=0, use="stock")
    with pytest.raises(ValidationError):
        Draw(on=START, amount=10, use="lottery")  # type: ignore[arg-type]
