"""The Sesame-equivalent: calibrated on realistic people, wide or absent, paced over time."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from jiebei_coach.domain import (
    CheckIn,
    Profile,
    Session,
    build_plan,
    compare_progress,
    demo_profile,
    load_model,
    replan,
    score,
)
from jiebei_coach.presentation.fields import error_messages

TODAY = date(2026, 11, 29)

#: Realistic people, described only by what such a person would know and enter.
HEAVY_BORROWER: dict[str, Any] = {
    "lender_count": 7,
    "monthly_income": 6000,
    "monthly_debt_payment": 5400,  # 90% of income
    "jiebei_limit": 20000,
    "jiebei_balance": 20000,
    "draws_90d": 12,
    "liquid_assets": 0,
    "overdue_now": False,
}
CLEAN_RECORD: dict[str, Any] = {
    "on_time_rate": 1,
    "late_payments_24m": 0,
    "overdue_now": False,
    "account_age_years": 8.5,
    "lender_count": 1,
    "monthly_income": 10000,
    "monthly_debt_payment": 3000,  # 30% of income
    "jiebei_limit": 20000,
    "jiebei_balance": 18000,  # 90% used
    "draws_90d": 6,
}
OVERDUE_STUDENT: dict[str, Any] = {
    "is_student": True,
    "age": 20,
    "overdue_now": True,
    "monthly_income": 2000,
    "monthly_debt_payment": 1400,  # 70% of income
}
ORDINARY_SALARIED: dict[str, Any] = {
    "on_time_rate": 1,
    "late_payments_24m": 0,
    "overdue_now": False,
    "account_age_years": 6,
    "lender_count": 1,
    "monthly_income": 9000,
    "monthly_debt_payment": 1800,
    "jiebei_limit": 30000,
    "jiebei_balance": 5000,
    "draws_90d": 1,
    "inquiries_6m": 1,
}


def _band(fields: dict[str, Any]) -> tuple[int, int]:
    band = score(Profile(**fields)).sesame_band
    assert band is not None
    return band


def test_a_debt_spiral_is_never_called_very_good_or_excellent() -> None:
    for extra in ({}, {"on_time_rate": 1, "late_payments_24m": 0, "account_age_years": 6}):
        breakdown = score(Profile(**HEAVY_BORROWER, **extra))
        assert breakdown.sesame_band is not None
        assert breakdown.sesame_band[1] <= 700, extra
        assert breakdown.band_key not in ("very_good", "excellent"), extra
        assert "debt_to_income" in [f.key for f in breakdown.gates]


def test_a_clean_long_record_lands_around_700() -> None:
    low, high = _band(CLEAN_RECORD)
    assert low <= 700 <= high


@pytest.mark.parametrize("lenders", [3, 4])
def test_an_overdue_student_lands_well_below_620(lenders: int) -> None:
    assert _band({**OVERDUE_STUDENT, "lender_count": lenders})[1] < 620


def test_an_ordinary_clean_profile_lands_between_650_and_720() -> None:
    breakdown = score(Profile(**ORDINARY_SALARIED))
    assert breakdown.sesame_estimate is not None
    assert 650 <= breakdown.sesame_estimate <= 720


@pytest.mark.parametrize("fields", [{}, {"overdue_now": True}, {"overdue_now": False}])
def test_too_little_known_gives_no_band(fields: dict[str, Any]) -> None:
    breakdown = score(Profile(**fields))
    assert breakdown.sesame_band is None and breakdown.model_band is None
    assert breakdown.sesame_estimate is None and breakdown.band_key is None
    plan = build_plan(Profile(**fields), TODAY)
    assert plan.projected_sesame is None and plan.sesame_start is None


def test_three_of_the_five_evidence_groups_are_enough() -> None:
    two = {"overdue_now": False, "lender_count": 1}
    assert score(Profile(**two)).sesame_band is None
    assert score(Profile(**two)).evidence_missing == ["repayment_record", "debt_load", "jiebei_use"]
    three = {**two, "late_payments_24m": 0}
    breakdown = score(Profile(**three))
    assert breakdown.sesame_band is not None
    assert breakdown.evidence_missing == ["debt_load", "jiebei_use"]
    # Income alone is not a debt load; both halves are needed.
    assert "debt_load" in score(Profile(**two, monthly_income=5000)).evidence_missing


def test_the_less_is_known_the_wider_the_band() -> None:
    few = _band({"overdue_now": False, "lender_count": 1, "late_payments_24m": 0})
    many = _band(ORDINARY_SALARIED)
    assert few[1] - few[0] > many[1] - many[0] >= 100


def test_with_the_real_score_the_band_is_around_it() -> None:
    breakdown = score(Profile(**ORDINARY_SALARIED, sesame_score=712))
    assert breakdown.sesame_band is not None
    low, high = breakdown.sesame_band
    assert low <= 712 <= high and high - low <= 30
    assert breakdown.band_key == "excellent"
    assert breakdown.model_band is not None and breakdown.sesame_within_band is True
    only_score = score(Profile(sesame_score=600))
    assert only_score.sesame_band is not None and only_score.model_band is None


def test_demo_starts_from_its_real_score_and_rises_believably() -> None:
    profile = demo_profile()
    assert profile.sesame_score == 652
    breakdown = score(profile)
    assert breakdown.sesame_band is not None
    assert breakdown.sesame_band[0] <= 652 <= breakdown.sesame_band[1]
    assert breakdown.model_band is not None
    assert breakdown.model_band[0] <= 652 <= breakdown.model_band[1]
    plan = build_plan(profile, TODAY)
    assert plan.sesame_start == 652
    bands = plan.projected_sesame
    assert bands is not None and len(bands) == 12
    middles = [(low + high) / 2 for low, high in bands]
    assert 0 < middles[-1] - 652 <= 80
    assert all(b - a <= 20 for a, b in zip([652, *middles], middles, strict=False))


def test_clearing_an_overdue_is_paced_and_may_go_further() -> None:
    before = {**OVERDUE_STUDENT, "lender_count": 3}
    plan = build_plan(Profile(**before), TODAY)
    assert plan.sesame_start is not None and plan.projected_sesame is not None
    middles = [(low + high) / 2 for low, high in plan.projected_sesame]
    assert middles[0] - plan.sesame_start <= 20.5  # not a jump in one month
    assert 80 < middles[-1] - plan.sesame_start <= 120.5  # recovering may go past 80


def test_index_projection_follows_the_same_pace() -> None:
    scale = load_model().sesame
    plan = build_plan(Profile(**{**OVERDUE_STUDENT, "lender_count": 3}), TODAY)
    start = scale.centre(plan.baseline)
    for month in plan.months:
        assert scale.centre(month.projected_index) - start <= scale.pace.plan_overdue + 1


def test_effects_take_time_draws_and_checks_leave_their_windows() -> None:
    profile = Profile(
        **{**ORDINARY_SALARIED, "sesame_score": 700, "draws_90d": 9, "inquiries_6m": 6}
    )
    plan = build_plan(profile, TODAY)
    ids = {a.action_id for _, a in plan.actions()}
    assert {"space-out-draws", "stop-credit-applications"} <= ids
    # The checks milestone repeats while old checks are still inside the 6-month window.
    checks = [m.label for m, a in plan.actions() if a.action_id == "stop-credit-applications"]
    assert len(checks) >= 4


# ------------------------------------------------------------ 借呗 status


def test_a_cut_or_closed_line_may_owe_more_than_its_limit() -> None:
    cut = Profile(jiebei_status="cut", jiebei_limit=2000, jiebei_balance=8000)  # type: ignore[arg-type]
    factor = score(cut).factor("jiebei_utilisation")
    assert factor.known and factor.score == 10  # owing past the limit counts as full
    closed = Profile(jiebei_status="closed", jiebei_limit=0, jiebei_balance=0)  # type: ignore[arg-type]
    utilisation = score(closed).factor("jiebei_utilisation")
    status = score(closed).factor("jiebei_status")
    assert utilisation.known and status.known and status.score == 0
    with pytest.raises(ValidationError) as caught:
        Profile(jiebei_status="open", jiebei_limit=2000, jiebei_balance=8000)  # type: ignore[arg-type]
    assert "jiebei_balance" in error_messages(caught.value, "en")


def test_no_jiebei_with_a_limit_is_a_contradiction() -> None:
    with pytest.raises(ValidationError) as caught:
        Profile(jiebei_status="none", jiebei_limit=5000)  # type: ignore[arg-type]
    assert error_messages(caught.value, "zh") == {
        "jiebei_limit": "借呗状态是“没有借呗”,额度应当留空或填 0"
    }
    never = score(Profile(jiebei_status="none"))  # type: ignore[arg-type]
    assert never.factor("jiebei_utilisation").known  # nothing to use is a known state
    assert "jiebei_use" not in never.evidence_missing


def test_status_is_not_a_lever() -> None:
    closed = score(Profile(jiebei_status="closed", jiebei_limit=0, jiebei_balance=0))  # type: ignore[arg-type]
    assert "jiebei_status" not in [f.key for f in closed.top_levers(30)]


# ------------------------------------------------------------ what weighs


def test_self_declared_details_weigh_less_than_borrowing_behaviour() -> None:
    breakdown = score(Profile())
    details = breakdown.factor("profile_details").global_weight
    draws = breakdown.factor("draws_90d").global_weight
    inquiries = breakdown.factor("inquiries_6m").global_weight
    assert details < draws < inquiries
    assert details + breakdown.factor("declared_assets").global_weight < 0.035


def test_spending_little_is_never_a_top_lever() -> None:
    frugal = Profile(
        **ORDINARY_SALARIED, monthly_living_cost=1800, monthly_alipay_spend=1500, spend_categories=5
    )
    breakdown = score(frugal)
    assert breakdown.factor("spend_share").score >= 95
    assert "spend_share" not in [f.key for f in breakdown.top_levers(3)]
    # Spending more than the living costs adds nothing.
    lavish = frugal.model_copy(update={"monthly_alipay_spend": 9000})
    assert score(lavish).index == breakdown.index


def test_habits_are_coached_but_not_scored() -> None:
    keys = {f.key for f in score(Profile()).factors}
    assert "auto_repay" not in keys and "credit_report_check" not in keys
    a = score(Profile(**ORDINARY_SALARIED, auto_repay=False, checks_credit_report=False))
    b = score(Profile(**ORDINARY_SALARIED, auto_repay=True, checks_credit_report=True))
    assert a.index == b.index


def test_more_checks_and_lenders_ever_never_help() -> None:
    base = Profile(**ORDINARY_SALARIED)
    indices = [
        score(base.model_copy(update={"inquiries_6m": n, "loans_ever_5y": n})).index
        for n in (0, 2, 5, 9, 15)
    ]
    assert indices == sorted(indices, reverse=True)
    assert indices[0] > indices[-1]


# ------------------------------------------------------------ check-ins


def _checkins(*scores: tuple[str, int | None]) -> list[CheckIn]:
    return [
        CheckIn(month=date.fromisoformat(f"{m}-01"), sesame_score=s, recorded_on=TODAY)
        for m, s in scores
    ]


def test_a_clean_user_logging_a_steady_score_is_on_track() -> None:
    """712 every month against a flat projection: no false alarm."""
    profile = Profile(**ORDINARY_SALARIED, sesame_score=712)
    plan = build_plan(profile, TODAY)
    assert compare_progress(plan, []).status == "none"
    first = compare_progress(plan, _checkins(("2026-11", 712)))
    assert first.status == "first" and first.first_score == 712
    for months in (2, 4, 6):
        labels = [f"2027-{m:02d}" for m in range(1, months)]
        logged = _checkins(("2026-11", 712), *[(label, 712) for label in labels])
        progress = compare_progress(plan, logged)
        assert progress.status == "on_track", months
        assert progress.actual_change == 0


def test_check_ins_compare_change_not_levels() -> None:
    plan = build_plan(demo_profile(), TODAY)  # projected to rise from 652
    expected = round((plan.expected_sesame(6) or 0) - (plan.expected_sesame(0) or 0))
    assert expected > 10
    on_track = compare_progress(plan, _checkins(("2026-11", 652), ("2027-05", 652 + expected)))
    assert on_track.status == "on_track" and on_track.expected_change == expected
    behind = compare_progress(plan, _checkins(("2026-11", 652), ("2027-05", 640)))
    assert behind.status == "behind"
    ahead = compare_progress(plan, _checkins(("2026-11", 652), ("2027-05", 652 + expected + 40)))
    assert ahead.status == "ahead"
    # A much higher level than projected, but moving as projected, is on track.
    high = compare_progress(plan, _checkins(("2026-11", 760), ("2027-05", 760 + expected)))
    assert high.status == "on_track"


def test_check_ins_without_a_projection_say_so() -> None:
    plan = build_plan(Profile(), TODAY)
    progress = compare_progress(plan, _checkins(("2026-11", 600), ("2027-01", 610)))
    assert progress.status == "no_projection" and progress.actual_change == 10


def test_a_replan_starts_the_comparison_again() -> None:
    plan = build_plan(demo_profile(), TODAY)
    later, _ = replan(
        plan, demo_profile().model_copy(update={"sesame_score": 640}), date(2027, 3, 2)
    )
    assert later.projection_from == date(2027, 3, 1) and later.sesame_start == 640
    progress = compare_progress(later, _checkins(("2026-11", 652), ("2027-03", 640)))
    assert progress.status == "first" and progress.first_score == 640


def test_logged_scores_line_up_with_the_plan_months() -> None:
    plan = build_plan(demo_profile(), TODAY)
    session = Session(
        id="0" * 32, name="s", profile=demo_profile(), plan=plan, created=TODAY, updated=TODAY
    ).model_copy(
        update={"checkins": _checkins(("2026-11", 652), ("2027-01", None), ("2027-02", 660))}
    )
    scores = session.logged_scores()
    assert len(scores) == len(plan.months)
    assert scores[:4] == [652, None, None, 660]
    assert all(s is None for s in scores[4:])
