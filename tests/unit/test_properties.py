"""The engine's promises, checked on generated profiles (hypothesis)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from jiebei_coach.domain import IdentityItem, LifeScene, Profile, build_plan, score
from tests.strategies import full_profiles, partial_profiles

TODAY = date(2026, 11, 29)


@given(partial_profiles())
def test_index_is_bounded_and_parts_sum_to_the_whole(profile: Profile) -> None:
    breakdown = score(profile)
    assert 0 <= breakdown.index <= 100
    assert sum(round(f.contribution * 10) for f in breakdown.factors) == round(breakdown.index * 10)
    assert all(0 <= f.score <= 100 and f.headroom >= 0 for f in breakdown.factors)
    low, high = breakdown.sesame_band
    assert 350 <= low <= breakdown.sesame_estimate <= high <= 950


def _improved(profile: Profile, field: str, value: Any) -> Profile:
    return Profile(**{**profile.known_fields(), field: value})


@given(full_profiles(), st.data())
def test_improving_any_single_input_never_lowers_the_index(
    profile: Profile, data: st.DataObject
) -> None:
    assert profile.on_time_rate is not None and profile.late_payments_24m is not None
    assert profile.lender_count is not None and profile.monthly_debt_payment is not None
    assert profile.jiebei_balance is not None
    assert profile.life_scenes is not None and profile.identity_items is not None
    better = [
        _improved(profile, "on_time_rate", data.draw(st.floats(profile.on_time_rate, 1))),
        _improved(
            profile, "late_payments_24m", data.draw(st.integers(0, profile.late_payments_24m))
        ),
        _improved(profile, "lender_count", data.draw(st.integers(0, profile.lender_count))),
        _improved(
            profile,
            "monthly_debt_payment",
            data.draw(st.floats(0, profile.monthly_debt_payment)),
        ),
        _improved(profile, "jiebei_balance", data.draw(st.floats(0, profile.jiebei_balance))),
        _improved(profile, "overdue_now", False),
        _improved(profile, "auto_repay", True),
        _improved(profile, "has_social_insurance", True),
        _improved(profile, "checks_credit_report", True),
        _improved(
            profile,
            "identity_items",
            profile.identity_items | data.draw(st.frozensets(st.sampled_from(list(IdentityItem)))),
        ),
        _improved(
            profile,
            "life_scenes",
            profile.life_scenes | data.draw(st.frozensets(st.sampled_from(list(LifeScene)))),
        ),
    ]
    before = score(profile).index
    for candidate in better:
        assert score(candidate).index >= before, candidate.known_fields()


@given(
    partial_profiles(),
    st.integers(min_value=1, max_value=24),
    st.integers(min_value=1, max_value=5),
)
def test_plans_are_deterministic_within_capacity_and_never_project_down(
    profile: Profile, months: int, capacity: int
) -> None:
    plan = build_plan(profile, TODAY, months=months, capacity=capacity)
    again = build_plan(Profile(**profile.known_fields()), TODAY, months=months, capacity=capacity)
    assert plan == again
    assert len(plan.months) == months
    projection = [plan.baseline, *plan.projection]
    assert all(b >= a for a, b in itertools.pairwise(projection))
    assert all(0 <= p <= 100 for p in projection)
    keys = [a.key for _, a in plan.actions()]
    assert len(keys) == len(set(keys))
    for month in plan.months:
        assert month.month.day == 1
        assert sum(1 for a in month.actions if a.occurrence == 1) <= capacity
