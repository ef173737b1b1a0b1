"""Plans a person can afford and that protect them first, checked on realistic people."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given

from jiebei_coach.domain import Plan, Profile, build_plan, demo_profile, load_catalog
from jiebei_coach.domain.cash import (
    PAYS_DEBT,
    free_cash,
    in_crisis,
    load_planner_settings,
    need,
    spend,
)
from tests.strategies import partial_profiles

TODAY = date(2026, 11, 29)

PEOPLE: dict[str, dict[str, Any]] = {
    "heavy_borrower": {
        "lender_count": 7,
        "monthly_income": 6000,
        "monthly_debt_payment": 5400,
        "jiebei_limit": 20000,
        "jiebei_balance": 20000,
        "draws_90d": 12,
        "liquid_assets": 0,
        "overdue_now": False,
    },
    "overdue_student": {
        "is_student": True,
        "age": 20,
        "overdue_now": True,
        "late_payments_24m": 2,
        "lender_count": 4,
        "monthly_income": 2500,
        "monthly_debt_payment": 1750,
        "jiebei_limit": 3000,
        "jiebei_balance": 2800,
    },
    "clean_salaried": {
        "on_time_rate": 1,
        "late_payments_24m": 0,
        "overdue_now": False,
        "account_age_years": 6,
        "lender_count": 1,
        "monthly_income": 9000,
        "monthly_debt_payment": 1800,
        "monthly_living_cost": 4000,
        "jiebei_limit": 30000,
        "jiebei_balance": 15000,
        "liquid_assets": 5000,
        "has_car": False,
        "rents_home": True,
    },
    "shop_owner": demo_profile().known_fields(),
    "rider_no_debt": {
        "on_time_rate": 1,
        "overdue_now": False,
        "lender_count": 0,
        "monthly_income": 7000,
        "monthly_debt_payment": 0,
        "jiebei_status": "none",
        "liquid_assets": 3000,
        "has_social_insurance": False,
    },
    "retiree": {
        "age": 68,
        "on_time_rate": 1,
        "late_payments_24m": 0,
        "overdue_now": False,
        "lender_count": 0,
        "monthly_income": 4000,
        "monthly_debt_payment": 0,
        "liquid_assets": 200000,
        "jiebei_limit": 50000,
        "jiebei_balance": 0,
    },
    "frugal_saver": {
        "on_time_rate": 1,
        "late_payments_24m": 0,
        "overdue_now": False,
        "lender_count": 0,
        "monthly_income": 5000,
        "monthly_debt_payment": 0,
        "monthly_living_cost": 1800,
        "monthly_alipay_spend": 900,
        "liquid_assets": 40000,
        "goal": "raise_limit",
    },
    "limit_cut": {
        "on_time_rate": 0.95,
        "late_payments_24m": 1,
        "overdue_now": False,
        "lender_count": 3,
        "monthly_income": 8000,
        "monthly_debt_payment": 3500,
        "jiebei_status": "cut",
        "jiebei_limit": 2000,
        "jiebei_balance": 8000,
    },
    "limit_closed": {
        "overdue_now": False,
        "late_payments_24m": 3,
        "lender_count": 2,
        "monthly_income": 6000,
        "monthly_debt_payment": 2000,
        "jiebei_status": "closed",
        "jiebei_limit": 0,
        "jiebei_balance": 0,
    },
    "many_checks": {
        "on_time_rate": 1,
        "late_payments_24m": 0,
        "overdue_now": False,
        "lender_count": 2,
        "monthly_income": 8000,
        "monthly_debt_payment": 2000,
        "inquiries_6m": 9,
        "loans_ever_5y": 8,
    },
    "blank": {},
}


def _plan(name: str, **changes: Any) -> Plan:
    return build_plan(Profile(**{**PEOPLE[name], **changes}), TODAY)


def _first_month(plan: Plan, action_id: str) -> int | None:
    for index, month in enumerate(plan.months):
        if any(a.action_id == action_id for a in month.actions):
            return index
    return None


def _ids(plan: Plan) -> set[str]:
    return {a.action_id for _, a in plan.actions()}


# ------------------------------------------------------------ the budget


@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_no_month_asks_for_more_than_is_free(name: str) -> None:
    plan = _plan(name)
    profile = Profile(**PEOPLE[name])
    if profile.monthly_income is None:
        assert plan.free_cash is None
        assert all(plan.cash(i) == 0 for i in range(len(plan.months)))
        return
    assert plan.free_cash is not None
    for index in range(len(plan.months)):
        assert plan.cash(index) <= max(0.0, plan.free_cash), (name, index)


@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_early_repayments_never_take_repayments_past_half_of_income(name: str) -> None:
    settings = load_planner_settings()
    profile = Profile(**PEOPLE[name])
    plan = _plan(name)
    if profile.monthly_income is None:
        return
    state = dict(profile.__dict__)
    catalog = load_catalog()
    for month in plan.months:
        debt_asks = 0.0
        for item in month.actions:
            use = catalog.get(item.action_id).cash
            if use is not None and use.use in PAYS_DEBT:
                debt_asks += item.monthly_cash
        repayments = float(state.get("monthly_debt_payment") or 0)
        if debt_asks:
            assert repayments + debt_asks <= 0.5 * profile.monthly_income + 1e-6, month.label
        for item in month.actions:
            use = catalog.get(item.action_id).cash
            if use is not None and use.use != "fixed_cost":
                spend(use.use, state, item.monthly_cash, settings)


def test_the_heavy_borrower_is_asked_for_no_money_and_told_why() -> None:
    plan = _plan("heavy_borrower")
    assert plan.free_cash is not None and plan.free_cash < 0
    assert all(a.monthly_cash == 0 for _, a in plan.actions())
    codes = [n.code for n in plan.notes]
    assert "short_each_month" in codes and "crisis_debt" in codes
    short = next(n for n in plan.notes if n.code == "short_each_month")
    assert short.figures == {"short": 2400}  # 6,000 − 5,400 − 3,000 assumed
    catalog = load_catalog()
    assert not any(catalog.get(a.action_id).cash for _, a in plan.actions())


def test_unknown_living_costs_take_a_stated_conservative_default() -> None:
    plan = _plan("heavy_borrower")
    assert plan.living_cost_assumed and plan.living_cost == 3000  # half of ¥6,000
    assumed = next(n for n in plan.notes if n.code == "living_cost_assumed")
    assert assumed.figures == {"amount": 3000}
    entered = _plan("clean_salaried")
    assert not entered.living_cost_assumed and entered.living_cost == 4000
    assert entered.free_cash == 9000 - 1800 - 4000


def test_a_starter_buffer_comes_before_any_early_repayment() -> None:
    plan = _plan("clean_salaried", liquid_assets=0)
    catalog = load_catalog()
    starter = _first_month(plan, "starter-buffer")
    assert starter == 0
    saved = 0.0
    for index, month in enumerate(plan.months):
        for item in month.actions:
            use = catalog.get(item.action_id).cash
            if use is not None and use.use in PAYS_DEBT:
                assert saved >= 4000, month.label  # one month of living costs first
            if item.action_id == "starter-buffer":
                saved += item.monthly_cash
        assert index < 12


def test_the_costliest_debt_comes_before_cheaper_jiebei() -> None:
    student = Profile(
        is_student=True,
        overdue_now=False,
        lender_count=3,
        monthly_income=3000,
        monthly_debt_payment=900,
        monthly_living_cost=1500,
        jiebei_limit=5000,
        jiebei_balance=4000,
        liquid_assets=3000,
    )
    plan = build_plan(student, TODAY)
    online = _first_month(plan, "pay-down-costliest")
    jiebei = _first_month(plan, "bring-utilisation-down")
    assert online is not None and online == 0
    assert jiebei is None or jiebei > online


def test_social_insurance_shows_its_cost_and_only_when_affordable() -> None:
    rider = _plan("rider_no_debt")
    asks = [a.monthly_cash for _, a in rider.actions() if a.action_id == "join-social-insurance"]
    assert asks and all(cost == 1200 for cost in asks)  # every month once it starts
    tight = _plan("rider_no_debt", monthly_income=3000, monthly_living_cost=2500)
    assert "join-social-insurance" not in _ids(tight)
    assert "join-social-insurance" not in _ids(_plan("overdue_student", has_social_insurance=False))


# ------------------------------------------------------------ crisis and protection


def test_someone_overdue_without_money_negotiates_before_being_told_to_pay() -> None:
    short = Profile(
        monthly_income=6000, monthly_debt_payment=5400, lender_count=7, overdue_now=True
    )
    ids = [a.action_id for a in build_plan(short, TODAY).months[0].actions]
    assert ids.index("negotiate-overdue") < ids.index("clear-overdue")
    able = short.model_copy(update={"monthly_debt_payment": 1000.0, "liquid_assets": 30000.0})
    ids = [a.action_id for a in build_plan(able, TODAY).months[0].actions]
    assert ids[0] == "clear-overdue"  # with the money, paying it off comes first


@pytest.mark.parametrize("name", ["heavy_borrower", "overdue_student"])
def test_crisis_track_leads(name: str) -> None:
    plan = _plan(name)
    first = {a.action_id for a in plan.months[0].actions}
    # Someone already overdue is told to negotiate now, not "before a payment is missed".
    negotiate = "negotiate-overdue" if PEOPLE[name].get("overdue_now") else "negotiate-repayment"
    assert {"stop-borrowing-to-repay", negotiate, "pay-on-time"} <= first
    assert {"negotiate-overdue", "negotiate-repayment"} - {negotiate} & first == set()
    assert "never-pay-for-limit" in first
    catalog = load_catalog()
    # Nothing that only polishes the score while the debts are this heavy.
    assert not any(catalog.get(i).score_only for i in _ids(plan))


def test_protective_steps_are_judged_on_the_profile_as_entered() -> None:
    for name in ("overdue_student", "limit_cut", "shop_owner", "limit_closed"):
        plan = _plan(name)
        month = _first_month(plan, "ignore-credit-repair")
        assert month is not None and month <= 1, name


@pytest.mark.parametrize("name", ["blank", "heavy_borrower", "shop_owner", "clean_salaried"])
def test_pay_on_time_starts_at_once_for_anyone_who_owes_or_is_unknown(name: str) -> None:
    assert _first_month(_plan(name), "pay-on-time") == 0


def test_nobody_who_owes_nothing_is_told_to_pay_on_time_or_turn_on_auto_repay() -> None:
    ids = _ids(_plan("retiree", on_time_rate=None, late_payments_24m=0))
    assert "turn-on-auto-repay" not in ids


def test_form_filling_never_comes_ahead_of_a_real_lever() -> None:
    catalog = load_catalog()
    for name in PEOPLE:
        plan = _plan(name)
        levers = [
            i
            for i, m in enumerate(plan.months)
            for a in m.actions
            if a.occurrence == 1 and catalog.get(a.action_id).kind == "lever"
        ]
        forms = [
            i
            for i, m in enumerate(plan.months)
            for a in m.actions
            if catalog.get(a.action_id).kind == "form"
        ]
        if forms and levers:
            assert min(forms) >= max(levers), name


def test_business_owners_separate_money_first_and_hear_about_business_loans() -> None:
    plan = _plan("shop_owner")
    separate = _first_month(plan, "separate-business-money")
    assert separate is not None and separate <= 1
    business = _first_month(plan, "dedicated-use-of-loans")
    assert business is not None and business <= 2
    action = load_catalog().get("dedicated-use-of-loans")
    assert "网商贷" in action.how.zh and "personal consumer loan" in action.how.en
    assert "business" in [n.code for n in plan.notes]


# ------------------------------------------------------------ paths


@pytest.mark.parametrize("name", ["limit_cut", "limit_closed"])
def test_a_cut_or_closed_line_gets_its_recovery_path(name: str) -> None:
    plan = _plan(name)
    month = _first_month(plan, "recover-after-limit-cut")
    assert month is not None and month <= 2
    assert "limit_cut" in [n.code for n in plan.notes]


def test_many_checks_stop_applications_in_the_first_month() -> None:
    assert _first_month(_plan("many_checks"), "stop-credit-applications") == 0


def test_the_goal_shapes_the_plan() -> None:
    catalog = load_catalog()
    out_of_debt = _plan("clean_salaried", goal="debt_free")
    assert not any(catalog.get(i).score_only for i in _ids(out_of_debt))
    assert "score_steps_left_out" in [n.code for n in out_of_debt.notes]
    cheaper = _plan("clean_salaried", goal="borrow_cheaper")
    assert _first_month(cheaper, "compare-annual-rates") == 0
    assert "compare-annual-rates" not in _ids(_plan("clean_salaried"))
    spiral = _plan("heavy_borrower", goal="raise_limit")
    assert "more_credit_would_hurt" in [n.code for n in spiral.notes]
    saver = _plan("frugal_saver")
    assert "no_credit_needed" in [n.code for n in saver.notes]


def test_students_and_older_people_get_their_notes() -> None:
    assert "student" in [n.code for n in _plan("overdue_student").notes]
    retiree = _plan("retiree")
    older = next(n for n in retiree.notes if n.code == "older")
    assert older.figures == {"age": 68}


# ------------------------------------------------------------ nudges


def test_conditional_steps_only_when_the_condition_is_known_true() -> None:
    unknown = _ids(_plan("clean_salaried", has_car=None, rents_home=None))
    assert not unknown & {"pay-fines-in-alipay", "pay-rent-in-alipay", "declare-owned-assets"}
    renter = _ids(_plan("clean_salaried"))
    assert "pay-rent-in-alipay" in renter and "pay-fines-in-alipay" not in renter
    driver = _ids(_plan("clean_salaried", has_car=True, identity_items=["real_name"]))
    assert {"pay-fines-in-alipay", "declare-owned-assets"} <= driver


def test_nothing_asks_to_move_savings_for_the_score() -> None:
    ids = set(load_catalog().ids())
    assert "keep-savings-visible" not in ids
    assert "keep-savings-visible" not in _ids(_plan("retiree"))


def test_no_contradictory_pair_shares_a_month() -> None:
    catalog = load_catalog()
    for name in PEOPLE:
        for month in _plan(name).months:
            ids = [a.action_id for a in month.actions]
            for i, first in enumerate(ids):
                for second in ids[i + 1 :]:
                    assert not catalog.clash(first, second), (name, month.label, first, second)
    assert catalog.clash("space-out-draws", "borrow-smaller-amounts")


@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_every_milestone_is_reached_by_following_its_own_advice(name: str) -> None:
    """A milestone still running after three years must be short of money, not unreachable."""
    profile = Profile(**PEOPLE[name])
    plan = build_plan(profile, TODAY, months=36)
    catalog = load_catalog()
    settings = load_planner_settings()
    state = dict(profile.__dict__)
    last = {a.action_id for a in plan.months[-1].actions}
    for action_id in {a.action_id for _, a in plan.actions()}:
        action = catalog.get(action_id)
        if action.cadence != "milestone" or action_id not in last:
            continue
        assert action.cash is not None, (name, action_id)  # effects alone always arrive
        if action.cash.use == "fixed_cost":
            continue  # a standing cost, not a target
        asked = sum(a.monthly_cash for _, a in plan.actions() if a.action_id == action_id)
        assert asked < (need(action.cash.use, state, settings) or 0), (name, action_id)


@given(partial_profiles())
def test_property_cash_fits_and_protection_is_never_dropped(profile: Profile) -> None:
    plan = build_plan(profile, TODAY)
    settings = load_planner_settings()
    state = dict(profile.__dict__)
    free = free_cash(state, settings)
    assert plan.free_cash == free
    for index in range(len(plan.months)):
        assert plan.cash(index) <= max(0.0, free or 0.0) + 1e-9
    catalog = load_catalog()
    planned = {a.action_id for _, a in plan.actions()}
    for action in catalog.actions:
        protective = action.kind in ("gate", "safety") or action.deadline(state) is not None
        if protective and action.applies(state):
            assert action.id in planned, action.id


def test_no_income_is_known_and_plans_no_spending() -> None:
    """A student with no income: repayments are the worst share there is, any repayment
    is a crisis, nothing is asked of money there is none of, and no note asks for the
    income as if it were unknown."""
    from jiebei_coach.domain.metrics import METRICS, SHARE_OF_NOTHING

    settings = load_planner_settings()
    owing = Profile(monthly_income=0, monthly_debt_payment=600, lender_count=2, is_student=True)
    state = dict(owing.__dict__)
    assert METRICS["debt_to_income"](state) == SHARE_OF_NOTHING
    assert in_crisis(state, settings)
    plan = build_plan(owing, TODAY)
    assert all(plan.cash(m) == 0 for m in range(len(plan.months)))
    codes = {note.code for note in plan.notes}
    assert {"student", "short_each_month", "crisis_no_income"} <= codes
    assert not {"income_unknown", "crisis_debt"} & codes  # no "1000% of income"
    clear = Profile(monthly_income=0, monthly_debt_payment=0)
    assert METRICS["debt_to_income"](dict(clear.__dict__)) == 0
    assert not in_crisis(dict(clear.__dict__), settings)


@pytest.mark.parametrize("name", ["shop_owner", "heavy_borrower", "overdue_student"])
def test_several_debts_are_listed_before_any_is_paid_down_and_the_report_follows(
    name: str,
) -> None:
    """'Pay the costliest first' needs the list of debts; with several lenders the list
    comes in the first month and one's own credit report (every loan on it) by the second."""
    plan = _plan(name)
    listed = _first_month(plan, "list-all-debts")
    assert listed == 0
    paid = _first_month(plan, "pay-down-costliest")
    assert paid is None or paid >= listed
    report = _first_month(plan, "check-credit-report")
    assert report is not None and report <= 1
