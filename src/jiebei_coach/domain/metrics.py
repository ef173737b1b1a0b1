"""Inputs of the factor model, derived from profile values.

A factor in ``assets/factor_model.json`` names one metric here. Most are a profile field
as a number; some combine fields (debt-to-income, utilisation). Every metric returns
``None`` when what it needs is not known, and each is monotone in the profile fields it
reads, in the direction ``BETTER_DIRECTION`` gives (a test checks this through the index).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jiebei_coach.domain.profile import IdentityItem, JiebeiStatus

State = Mapping[str, Any]
Metric = Callable[[State], "float | None"]


def _number(field: str) -> Metric:
    def metric(state: State) -> float | None:
        value = state.get(field)
        return None if value is None else float(value)

    metric.__doc__ = f"The profile's {field}."
    return metric


#: A share of nothing: repayments with no income are taken as this many times income,
#: past the end of every curve (the worst a share can be).
SHARE_OF_NOTHING = 10.0


def _ratio(numerator: str, denominator: str, of_nothing: float | None = None) -> Metric:
    def metric(state: State) -> float | None:
        top, bottom = state.get(numerator), state.get(denominator)
        if top is None or bottom is None or bottom < 0:
            return None
        if bottom == 0:
            return (0.0 if top == 0 else of_nothing) if of_nothing is not None else None
        return float(top) / float(bottom)

    metric.__doc__ = f"{numerator} / {denominator}; unknown when either is unknown."
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


#: 借呗 status as a number for its curve, worst first.
STATUS_RANK: dict[JiebeiStatus, float] = {
    JiebeiStatus.CLOSED: 0.0,
    JiebeiStatus.CUT: 1.0,
    JiebeiStatus.NONE: 2.0,
    JiebeiStatus.OPEN: 3.0,
}


def _jiebei_utilisation(state: State) -> float | None:
    """Balance / limit; with no line left (closed, none, a limit of 0) owing counts as full.

    A closed or never-opened line with nothing owed is a known state (0), not "unknown":
    the status factor says what the closure means.
    """
    balance, limit = state.get("jiebei_balance"), state.get("jiebei_limit")
    status = state.get("jiebei_status")
    if limit is not None and limit > 0:
        return None if balance is None else float(balance) / float(limit)
    no_line = status in (JiebeiStatus.CLOSED, JiebeiStatus.NONE) or (
        limit == 0 and status is not None
    )
    if not no_line:
        return None
    if balance is None:
        return 0.0 if status == JiebeiStatus.NONE else None
    return 1.0 if balance > 0 else 0.0


def _jiebei_standing(state: State) -> float | None:
    """Open, never had one, cut or closed, as a number (higher is better)."""
    status = state.get("jiebei_status")
    return None if status is None else STATUS_RANK[JiebeiStatus(status)]


def _revolving_utilisation(state: State) -> float | None:
    """(花呗 + card balances) / (their limits), over the pairs that are known.

    Owing on a line whose limit is 0 counts as fully used.
    """
    balance = limit = 0.0
    known = False
    for owed, line in (("huabei_balance", "huabei_limit"), ("card_balance", "card_limit")):
        b, lim = state.get(owed), state.get(line)
        if b is None or lim is None:
            continue
        known = True
        balance += float(b)
        limit += float(lim)
    if not known:
        return None
    if limit <= 0:
        return 1.0 if balance > 0 else 0.0
    return balance / limit


def _income_proof(state: State) -> float | None:
    """How many of social insurance and the housing fund are paid (unknown counts as not)."""
    values = [state.get("has_social_insurance"), state.get("housing_fund")]
    if all(v is None for v in values):
        return None
    return float(sum(1 for v in values if v))


def _buffer_months(state: State) -> float | None:
    """Savings in months of outgoings (living costs and repayments), else of income."""
    savings = state.get("liquid_assets")
    if savings is None:
        return None
    living = state.get("monthly_living_cost")
    if living is not None:
        outgoings = float(living) + float(state.get("monthly_debt_payment") or 0)
        # Nothing going out: whatever is saved lasts indefinitely (shown as ten years).
        return float(savings) / outgoings if outgoings > 0 else 120.0
    return _ratio("liquid_assets", "monthly_income")(state)


def _spend_share(state: State) -> float | None:
    """Alipay spending as a share of living costs (at most 1): routing, not spending more."""
    spend, living = state.get("monthly_alipay_spend"), state.get("monthly_living_cost")
    if spend is None or living is None:
        return None
    return 1.0 if living <= 0 else min(1.0, float(spend) / float(living))


_DEBTS = (
    "monthly_debt_payment",
    "lender_count",
    "jiebei_balance",
    "huabei_balance",
    "card_balance",
)


def _owes(state: State) -> float | None:
    """1 when any debt is known to be owed, 0 when every debt field says none, else unknown."""
    values = [state.get(f) for f in _DEBTS]
    if any(v is not None and v > 0 for v in values):
        return 1.0
    return 0.0 if any(v is not None for v in values) else None


def _record_known(state: State) -> float:
    """1 when the repayment record (on-time rate or late payments) was entered, else 0."""
    known = state.get("on_time_rate") is not None or state.get("late_payments_24m") is not None
    return 1.0 if known else 0.0


def _lines_with_balance(state: State) -> int:
    owed = ("jiebei_balance", "huabei_balance", "card_balance")
    return sum(1 for f in owed if (state.get(f) or 0) > 0)


def other_lenders(state: State) -> float | None:
    """Lenders with a balance besides 借呗, 花呗 and cards (online loans, usually dearest)."""
    count = state.get("lender_count")
    if count is None:
        return None
    return max(0.0, float(count) - _lines_with_balance(state))


METRICS: dict[str, Metric] = {
    "on_time_rate": _number("on_time_rate"),
    "late_payments_24m": _number("late_payments_24m"),
    "overdue_now": _number("overdue_now"),
    "account_age_years": _number("account_age_years"),
    "debt_to_income": _ratio("monthly_debt_payment", "monthly_income", SHARE_OF_NOTHING),
    "lender_count": _number("lender_count"),
    "liquid_buffer_months": _buffer_months,
    "has_social_insurance": _number("has_social_insurance"),
    "jiebei_utilisation": _jiebei_utilisation,
    "jiebei_standing": _jiebei_standing,
    "revolving_utilisation": _revolving_utilisation,
    "inquiries_6m": _number("inquiries_6m"),
    "loans_ever_5y": _number("loans_ever_5y"),
    "income_proof": _income_proof,
    "spend_share": _spend_share,
    "owes": _owes,
    "record_known": _record_known,
    "other_lenders": other_lenders,
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
