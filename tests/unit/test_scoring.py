"""Scoring: known answers worked out from the model's own numbers, gates and levers."""

from __future__ import annotations

import pytest

from jiebei_coach.domain import IdentityItem, LifeScene, Profile, demo_profile, load_model, score

BEST = Profile(
    on_time_rate=1,
    late_payments_24m=0,
    overdue_now=False,
    account_age_years=10,
    jiebei_limit=50000,
    jiebei_balance=0,
    draws_90d=0,
    monthly_income=20000,
    monthly_debt_payment=0,
    lender_count=0,
    liquid_assets=200000,
    has_social_insurance=True,
    monthly_alipay_spend=6000,
    monthly_living_cost=6000,
    spend_categories=8,
    life_scenes=frozenset(LifeScene),
    auto_repay=True,
    checks_credit_report=True,
    identity_items=frozenset(IdentityItem),
    phone_years=10,
    jiebei_status="open",  # type: ignore[arg-type]
    huabei_limit=10000,
    huabei_balance=0,
    inquiries_6m=0,
    loans_ever_5y=1,
    housing_fund=True,
)


def test_best_profile_scores_everything_but_the_unmeasured_factor() -> None:
    breakdown = score(BEST)
    connections = load_model().dimensions[-1]
    expected = 100 - connections.weight * (100 - connections.factors[0].unknown_score)
    assert breakdown.index == pytest.approx(expected)
    assert all(f.score == 100 for f in breakdown.factors if f.measurable)
    assert breakdown.top_levers(3) == []
    # Even a flawless profile is estimated well below the top of the range.
    assert breakdown.sesame_estimate is not None and breakdown.sesame_estimate < 800


def test_blank_profile_uses_stated_neutral_values() -> None:
    breakdown = score(Profile())
    model = load_model()
    expected = sum(
        d.weight * f.weight * f.unknown_score for d in model.dimensions for f in d.factors
    )
    assert breakdown.index == pytest.approx(round(expected, 1))
    assert not any(f.known for f in breakdown.factors)
    assert not breakdown.gated


def test_contributions_add_up_exactly_as_displayed() -> None:
    breakdown = score(demo_profile())
    tenths = [round(f.contribution * 10) for f in breakdown.factors]
    assert sum(tenths) == round(breakdown.index * 10)
    for dimension in breakdown.dimensions:
        assert round(dimension.contribution * 10) == sum(
            round(f.contribution * 10) for f in dimension.factors
        )


def test_headroom_is_what_reaching_100_would_add() -> None:
    breakdown = score(demo_profile())
    assert not breakdown.gated
    for factor in breakdown.factors:
        expected = factor.global_weight * (100 - factor.score) if factor.measurable else 0
        assert factor.headroom == pytest.approx(expected, abs=0.1)


def test_connections_are_shown_with_nothing_to_gain() -> None:
    connections = score(Profile()).factor("connections")
    assert connections.contribution == 2.5 and connections.headroom == 0


def test_overdue_gates_the_whole_index() -> None:
    clear = demo_profile().model_copy(update={"overdue_now": False})
    overdue = demo_profile().model_copy(update={"overdue_now": True})
    before, after = score(clear), score(overdue)
    factor = load_model().factor("overdue_now")
    gate = factor.gate_multiplier
    assert gate is not None
    assert after.gated and not before.gated
    assert [f.key for f in after.gates] == ["overdue_now"]
    ungated_without_overdue_points = before.index - 0.35 * factor.weight * 100
    assert after.index == pytest.approx(gate * ungated_without_overdue_points, abs=0.15)
    assert after.top_levers(1)[0].key == "overdue_now"
    # Clearing the overdue is worth more than the factor's own weight: it lifts the gate.
    assert after.factor("overdue_now").headroom == pytest.approx(
        before.index - after.index, abs=0.15
    )


def test_unknown_overdue_does_not_gate() -> None:
    assert not score(Profile(overdue_now=None)).gated


def test_top_levers_skip_what_cannot_be_acted_on() -> None:
    breakdown = score(Profile(account_age_years=0, phone_years=0))
    keys = [f.key for f in breakdown.top_levers(30)]
    assert "account_age_years" not in keys
    assert "phone_years" not in keys
    assert "connections" not in keys
    headrooms = [f.headroom for f in breakdown.top_levers(30)]
    assert headrooms == sorted(headrooms, reverse=True)


def test_sesame_band_and_comparison_with_the_real_score() -> None:
    scale = load_model().sesame
    without = score(demo_profile().model_copy(update={"sesame_score": None}))
    assert without.sesame_estimate == round(scale.centre(without.index))
    assert without.sesame_band == without.model_band is not None
    low, high = without.sesame_band
    assert high - low >= 100
    assert low <= without.sesame_estimate <= high
    assert without.sesame_actual is None and without.sesame_gap is None
    inside = score(demo_profile().model_copy(update={"sesame_score": without.sesame_estimate}))
    assert inside.sesame_within_band and inside.sesame_gap == 0
    assert inside.model_band == without.model_band
    assert inside.sesame_band == scale.around(without.sesame_estimate, scale.actual_halfwidth)
    outside = score(demo_profile().model_copy(update={"sesame_score": 950}))
    assert outside.sesame_within_band is False
    assert outside.sesame_gap == 950 - without.sesame_estimate
    assert outside.sesame_band is not None and outside.sesame_band[1] == 950
    assert outside.band_key == "excellent"
    assert score(Profile()).sesame_gap is None


@pytest.mark.parametrize(
    ("sesame", "band"),
    [
        (350, "poor"),
        (549, "poor"),
        (550, "fair"),
        (640, "good"),
        (699, "very_good"),
        (950, "excellent"),
    ],
)
def test_bands_follow_the_published_ranges(sesame: int, band: str) -> None:
    assert load_model().sesame.band_of(sesame).key == band


def test_unknown_utilisation_when_there_is_no_limit() -> None:
    factor = score(Profile(jiebei_limit=0, jiebei_balance=0)).factor("jiebei_utilisation")
    assert not factor.known and factor.value is None


def test_no_draws_means_no_large_draw() -> None:
    factor = score(Profile(draws_90d=0)).factor("largest_draw")
    assert factor.known and factor.score == 100
