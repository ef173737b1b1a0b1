"""Hypothesis strategies for profiles."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from jiebei_coach.domain import SPEND_CATEGORIES, IdentityItem, JiebeiStatus, LifeScene, Profile

money = st.floats(min_value=0, max_value=500_000, allow_nan=False, allow_infinity=False)
income = st.one_of(
    st.just(0.0), st.floats(min_value=500, max_value=200_000, allow_nan=False, allow_infinity=False)
)
rate = st.floats(min_value=0, max_value=1, allow_nan=False)
small = st.integers(min_value=0, max_value=15)
years = st.floats(min_value=0, max_value=30, allow_nan=False)


@st.composite
def full_profiles(draw: st.DrawFn) -> Profile:
    """A profile with every field known."""
    status = draw(st.sampled_from(list(JiebeiStatus)))
    limit = 0.0 if status == JiebeiStatus.NONE else draw(st.floats(0, 300_000, allow_nan=False))
    # After a cut or a closure the balance may be above the (new) limit.
    reduced = status in (JiebeiStatus.CUT, JiebeiStatus.CLOSED)
    balance = draw(st.floats(0, 2 if reduced else 1, allow_nan=False)) * max(limit, 10_000)
    if not reduced:
        balance = min(balance, limit)
    values: dict[str, Any] = {
        "sesame_score": draw(st.integers(350, 950)),
        "on_time_rate": draw(rate),
        "late_payments_24m": draw(small),
        "overdue_now": draw(st.booleans()),
        "account_age_years": draw(years),
        "jiebei_status": status,
        "jiebei_limit": limit,
        "jiebei_balance": balance,
        "huabei_limit": draw(money),
        "huabei_balance": draw(money),
        "card_limit": draw(money),
        "card_balance": draw(money),
        "inquiries_6m": draw(small),
        "loans_ever_5y": draw(small),
        "monthly_living_cost": draw(money),
        "housing_fund": draw(st.booleans()),
        "age": draw(st.integers(16, 100)),
        "is_student": draw(st.booleans()),
        "draws_90d": draw(small),
        "largest_draw_90d": draw(money),
        "monthly_income": draw(income),
        "monthly_debt_payment": draw(money),
        "lender_count": draw(small),
        "liquid_assets": draw(money),
        "has_social_insurance": draw(st.booleans()),
        "monthly_alipay_spend": draw(money),
        "spend_categories": draw(st.integers(0, len(SPEND_CATEGORIES))),
        "life_scenes": draw(st.frozensets(st.sampled_from(list(LifeScene)))),
        "auto_repay": draw(st.booleans()),
        "checks_credit_report": draw(st.booleans()),
        "identity_items": draw(st.frozensets(st.sampled_from(list(IdentityItem)))),
        "phone_years": draw(years),
        "is_business_owner": draw(st.booleans()),
        "keeps_business_records": draw(st.booleans()),
        "separates_business_money": draw(st.booleans()),
    }
    return Profile(**values)


@st.composite
def partial_profiles(draw: st.DrawFn) -> Profile:
    """A full profile with a random subset of fields forgotten (unknown)."""
    profile = draw(full_profiles())
    names = sorted(Profile.model_fields)
    forgotten = draw(st.sets(st.sampled_from(names)))
    values = profile.known_fields()
    for name in forgotten:
        values.pop(name, None)
    if "jiebei_limit" in forgotten or "jiebei_status" in forgotten:
        values.pop("jiebei_balance", None)
    return Profile(**values)
