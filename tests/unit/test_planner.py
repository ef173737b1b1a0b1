"""The planner: order, months, capacity, gates, milestones, cash, ticks and misses."""

from __future__ import annotations

from datetime import date

import pytest

from jiebei_coach.domain import (
    Profile,
    add_months,
    build_plan,
    demo_profile,
    load_catalog,
    month_label,
    score,
)

TODAY = date(2026, 11, 29)


def test_months_start_on_the_first_of_each_month_across_years() -> None:
    plan = build_plan(demo_profile(), TODAY)
    assert plan.start == date(2026, 11, 1)
    assert [m.label for m in plan.months[:3]] == ["2026-11", "2026-12", "2027-01"]
    assert plan.months[-1].month == date(2027, 10, 1)
    assert add_months(date(2026, 12, 1), 1) == date(2027, 1, 1)
    assert month_label(date(2027, 3, 1)) == "2027-03"


def test_same_input_same_plan() -> None:
    assert build_plan(demo_profile(), TODAY) == build_plan(demo_profile(), TODAY)


def test_never_pay_for_limit_comes_first_for_everyone() -> None:
    for profile in (Profile(), demo_profile()):
        first = build_plan(profile, TODAY).months[0]
        assert first.actions[0].action_id == "never-pay-for-limit"


def test_gate_first_and_levers_wait_a_month() -> None:
    overdue = demo_profile().model_copy(update={"overdue_now": True})
    plan = build_plan(overdue, TODAY, capacity=3)
    catalog = load_catalog()
    first = [catalog.get(a.action_id) for a in plan.months[0].actions]
    assert first[0].id == "clear-overdue"
    assert "negotiate-overdue" in [a.id for a in first]
    # Levers wait a month, unless they are due now (paying on time is).
    state = dict(overdue.__dict__)
    assert all(a.kind != "lever" or a.deadline(state) == 0 for a in first)
    assert plan.cash(0) == 0  # the first month's money goes to what is overdue
    # Clearing it lifts the whole index, but a score climbs at most 20 points a month.
    middles = [(low + high) / 2 for low, high in plan.projected_sesame or []]
    assert middles[0] - (plan.sesame_start or 0) == pytest.approx(20, abs=0.5)
    assert plan.projection[-1] - plan.baseline > 20


def _due_by(deadline: int | None, month: int) -> bool:
    return deadline is not None and deadline <= month


def test_capacity_limits_new_actions_not_repeats_or_deadlines() -> None:
    plan = build_plan(demo_profile(), TODAY, capacity=1)
    catalog = load_catalog()
    state = dict(demo_profile().__dict__)
    for index, month in enumerate(plan.months):
        new = [catalog.get(a.action_id) for a in month.actions if a.occurrence == 1]
        free_to_wait = [a for a in new if a.cash is None and not _due_by(a.deadline(state), index)]
        assert len(free_to_wait) <= 1, month.label
    assert any(len(m.actions) > 1 for m in plan.months)  # repeats still appear


def test_monthly_actions_repeat_with_a_key_per_month() -> None:
    plan = build_plan(demo_profile(), TODAY)
    keys = [a.key for _, a in plan.actions() if a.action_id == "pay-on-time"]
    assert keys[0] == "pay-on-time@2026-11"
    assert len(keys) == 12
    occurrences = [a.occurrence for _, a in plan.actions() if a.action_id == "pay-on-time"]
    assert occurrences == list(range(1, 13))


def test_milestone_stops_when_its_target_is_reached() -> None:
    plan = build_plan(demo_profile(), TODAY)  # six draws in 90 days; target two or fewer
    months = [m.label for m, a in plan.actions() if a.action_id == "space-out-draws"]
    # Old draws leave the 90-day window over three months.
    assert len(months) == 3


def test_fixed_problems_are_not_planned() -> None:
    good = demo_profile().model_copy(
        update={"auto_repay": True, "lender_count": 2, "jiebei_balance": 0.0}
    )
    ids = {a.action_id for _, a in build_plan(good, TODAY).actions()}
    assert not ids & {"turn-on-auto-repay", "pay-down-costliest", "bring-utilisation-down"}


def test_business_levers_only_for_business_owners() -> None:
    business = {"dedicated-use-of-loans", "separate-business-money", "keep-business-records"}
    owner = {a.action_id for _, a in build_plan(demo_profile(), TODAY).actions()}
    employee = demo_profile().model_copy(update={"is_business_owner": False})
    other = {a.action_id for _, a in build_plan(employee, TODAY).actions()}
    assert business <= owner
    assert not business & other


def test_projection_rises_towards_the_levers() -> None:
    profile = demo_profile()
    plan = build_plan(profile, TODAY)
    assert plan.baseline == score(profile).index
    assert plan.projection[-1] > plan.baseline + 10


def test_blank_profile_still_gets_a_plan() -> None:
    plan = build_plan(Profile(), TODAY)
    assert plan.progress()[1] > 0


def test_ticking_is_a_copy_and_records_the_date() -> None:
    plan = build_plan(demo_profile(), TODAY)
    key = plan.months[0].actions[0].key
    ticked = plan.with_done(key, True, TODAY)
    assert plan.find(key)[1].done is False
    _, action = ticked.find(key)
    assert action.done and action.done_on == TODAY
    assert ticked.progress()[0] == 1
    assert ticked.months[0].progress() == (1, len(plan.months[0].actions))
    untouched = ticked.with_done(key, False, TODAY)
    assert untouched.find(key)[1].done_on is None
    with pytest.raises(KeyError):
        plan.with_done("no-such-key", True, TODAY)


def test_missed_and_next_open() -> None:
    plan = build_plan(demo_profile(), TODAY)
    first = plan.months[0].actions
    later = date(2027, 1, 5)
    missed = plan.missed(later)
    assert [a.key for a in first] == [a.key for a in missed[: len(first)]]
    assert plan.missed(TODAY) == []
    assert plan.next_open(later) == plan.months[2].actions[0]
    assert plan.month_index(later) == 2
    assert plan.month_index(date(2030, 1, 1)) is None


def test_next_open_falls_back_to_missed_after_the_plan() -> None:
    plan = build_plan(demo_profile(), TODAY, months=1)
    after = plan.next_open(date(2028, 1, 1))
    assert after is not None and after.key == plan.months[0].actions[0].key
    done = plan
    for _, action in plan.actions():
        done = done.with_done(action.key, True, TODAY)
    assert done.next_open(TODAY) is None


@pytest.mark.parametrize(("months", "capacity"), [(0, 3), (37, 3), (12, 0), (12, 11)])
def test_impossible_plan_sizes_are_refused(months: int, capacity: int) -> None:
    with pytest.raises(ValueError, match="must be between"):
        build_plan(Profile(), TODAY, months=months, capacity=capacity)
