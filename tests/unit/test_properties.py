"""The engine's promises, checked on generated profiles (hypothesis)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from jiebei_coach.domain import (
    IdentityItem,
    LifeScene,
    Profile,
    build_plan,
    load_catalog,
    load_model,
    score,
)
from tests.strategies import full_profiles, partial_profiles

TODAY = date(2026, 11, 29)


@given(partial_profiles())
def test_index_is_bounded_and_parts_sum_to_the_whole(profile: Profile) -> None:
    breakdown = score(profile)
    assert 0 <= breakdown.index <= 100
    assert sum(round(f.contribution * 10) for f in breakdown.factors) == round(breakdown.index * 10)
    assert all(0 <= f.score <= 100 and f.headroom >= 0 for f in breakdown.factors)
    if breakdown.model_band is not None:
        low, high = breakdown.model_band
        assert breakdown.sesame_estimate is not None
        assert 350 <= low <= breakdown.sesame_estimate <= high <= 950
        assert high - low >= 100  # a band without the real score is never narrow
    else:
        assert breakdown.sesame_estimate is None and len(breakdown.evidence_missing) > 2
    if profile.sesame_score is not None:
        assert breakdown.sesame_band is not None
        assert breakdown.sesame_band[0] <= profile.sesame_score <= breakdown.sesame_band[1]
    else:
        assert breakdown.sesame_band == breakdown.model_band


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
        _improved(profile, "inquiries_6m", data.draw(st.integers(0, profile.inquiries_6m or 0))),
        _improved(profile, "loans_ever_5y", data.draw(st.integers(0, profile.loans_ever_5y or 0))),
        _improved(profile, "huabei_balance", data.draw(st.floats(0, profile.huabei_balance or 0))),
        _improved(profile, "card_balance", data.draw(st.floats(0, profile.card_balance or 0))),
        _improved(profile, "housing_fund", True),
        _improved(
            profile,
            "monthly_living_cost",
            data.draw(st.floats(0, profile.monthly_living_cost or 0)),
        ),
        _improved(
            profile,
            "monthly_alipay_spend",
            (profile.monthly_alipay_spend or 0) + data.draw(st.floats(0, 5000)),
        ),
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


_STATUS_ORDER = ["closed", "cut", "none", "open"]


@given(full_profiles(), st.data())
def test_a_better_jiebei_status_never_lowers_the_index(
    profile: Profile, data: st.DataObject
) -> None:
    """Closed < cut < never had one < open, with nothing owed on a line that is gone."""
    worse, better = sorted(
        data.draw(st.lists(st.sampled_from(_STATUS_ORDER), min_size=2, max_size=2)),
        key=_STATUS_ORDER.index,
    )
    base = {**profile.known_fields(), "jiebei_limit": 0.0, "jiebei_balance": 0.0}
    lower = score(Profile(**{**base, "jiebei_status": worse})).index
    higher = score(Profile(**{**base, "jiebei_status": better})).index
    assert higher >= lower


@given(
    partial_profiles(),
    st.integers(min_value=1, max_value=24),
    st.integers(min_value=1, max_value=5),
)
def test_plans_are_deterministic_within_capacity_and_paced(
    profile: Profile, months: int, capacity: int
) -> None:
    plan = build_plan(profile, TODAY, months=months, capacity=capacity)
    again = build_plan(Profile(**profile.known_fields()), TODAY, months=months, capacity=capacity)
    assert plan == again
    assert len(plan.months) == months
    projection = [plan.baseline, *plan.projection]
    assert all(0 <= p <= 100 for p in projection)
    pace = load_model().sesame.pace
    cap = pace.plan_overdue if profile.overdue_now else pace.plan
    bands = plan.projected_sesame
    if plan.sesame_start is None:
        assert bands is None
    else:
        assert bands is not None
        middles = [plan.sesame_start, *((low + high) / 2 for low, high in bands)]
        # One point of slack: each band's ends are rounded to whole points.
        assert all(abs(b - a) <= pace.month + 1 for a, b in itertools.pairwise(middles))
        assert all(abs(m - plan.sesame_start) <= cap + 1 for m in middles)
        widths = [high - low for low, high in bands]
        assert all(b >= a for a, b in itertools.pairwise(widths))  # less sure further ahead
    keys = [a.key for _, a in plan.actions()]
    assert len(keys) == len(set(keys))
    catalog = load_catalog()
    state = dict(profile.__dict__)
    for index, month in enumerate(plan.months):
        assert month.month.day == 1
        new = [catalog.get(a.action_id) for a in month.actions if a.occurrence == 1]
        # Steps whose deadline has come and uses of spare money do not count.
        waiting = [
            a
            for a in new
            if a.cash is None and not (a.deadline(state) is not None and a.deadline(state) <= index)
        ]
        assert len(waiting) <= capacity
