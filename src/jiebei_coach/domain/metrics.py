"""Inputs of the factor model, derived from profile values.

A factor in ``assets/factor_model.json`` names one metric here. Most are a profile field
as a number; some combine fields (debt-to-income, utilisation). Every metric returns
``None`` when what it needs is not known, and each is monotone in the profile fields it
reads, in the direction ``BETTER_DIRECTION`` gives (a test checks this through the index).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jiebei_coach.domain.profile import IdentityItem

State = Mapping[str, Any]
Metric = Callable[[State], "float | None"]


def _number(field: str) -> Metric:
    def metric(state: State) -> float | None:
        value = state.get(field)
        return None if value is None else float(value)

    metric.__doc__ = f"The profile's {field}."
    return metric


def _ratio(numerator: str, denominator: str) -> Metric:
    def metric(state: State) -> float | None:
        top, bottom = state.get(numerator), state.get(denominator)
        if top is None or bottom is None or bottom <= 0:
            return None
        return float(top) / float(bottom)

    metric.__doc__ = f"{numerator} / {denominator}; unknown when either is unknown or 0."
    return metric


def _count_of(field: str, items: frozenset[Any]) -> Metric:
    def metric(state: State) -> float | None:
        chosen = state.get(field)
        if chosen is None:
            return None
        return float(len(items & set(chosen)) if items else len(chosen))

    metric.__doc__ = f"How many of {sorted(i.value for i in items) or 'all'} are in {field}."
    return metric


def _largest_draw_ratio(state: State) -> float | None:
    """Largest single draw in 90 days as a share of the limit (0 when nothing was drawn)."""
    if state.get("draws_90d") == 0:
        return 0.0
    return _ratio("largest_draw_90d", "jiebei_limit")(state)


METRICS: dict[str, Metric] = {
    "on_time_rate": _number("on_time_rate"),
    "late_payments_24m": _number("late_payments_24m"),
    "overdue_now": _number("overdue_now"),
    "account_age_years": _number("account_age_years"),
    "debt_to_income": _ratio("monthly_debt_payment", "monthly_income"),
    "lender_count": _number("lender_count"),
    "liquid_buffer_months": _ratio("liquid_assets", "monthly_income"),
    "has_social_insurance": _number("has_social_insurance"),
    "jiebei_utilisation": _ratio("jiebei_balance", "jiebei_limit"),
    "draws_90d": _number("draws_90d"),
    "largest_draw_ratio": _largest_draw_ratio,
    "monthly_alipay_spend": _number("monthly_alipay_spend"),
    "spend_categories": _number("spend_categories"),
    "life_scene_count": _count_of("life_scenes", frozenset()),
    "auto_repay": _number("auto_repay"),
    "checks_credit_report": _number("checks_credit_report"),
    "verified_identity": _count_of(
        "identity_items", frozenset({IdentityItem.REAL_NAME, IdentityItem.FACE_VERIFICATION})
    ),
    "profile_details": _count_of(
        "identity_items",
        frozenset(
            {
                IdentityItem.EDUCATION,
                IdentityItem.OCCUPATION,
                IdentityItem.EMPLOYER,
                IdentityItem.ADDRESS,
            }
        ),
    ),
    "declared_assets": _count_of(
        "identity_items", frozenset({IdentityItem.VEHICLE, IdentityItem.PROPERTY})
    ),
    "phone_years": _number("phone_years"),
}
