"""The cash budget: what a person can spare each month, and where the planner puts it.

``free cash = income − repayments − living costs`` (living costs as entered, or a stated,
conservative default). The planner asks for at most ``cash_share`` of it in any month,
never lets early repayments take repayments past ``repayment_ceiling`` of income, and asks
nothing when there is nothing to spare. Each cash action names one of the uses below; the
use says how much is still needed and what paying it changes in the profile (a balance
falls, and with it the monthly repayments; a lender is cleared; savings grow).

Balances that are not entered are estimated from repayments: a debt is taken to have about
``months_of_payments_per_balance`` months of its repayments left (a stated assumption).
Every rule here is data in ``assets/planner.json``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, MutableMapping
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from jiebei_coach.assets import AssetError, read_json
from jiebei_coach.domain.metrics import other_lenders
from jiebei_coach.domain.model import Text, check_sources, describe_validation_error

State = MutableMapping[str, Any]
CashKind = Literal[
    "starter_buffer", "full_buffer", "other_lenders", "revolving", "jiebei", "fixed_cost"
]
#: Uses that repay debt (held to the repayment ceiling); the rest put money aside.
PAYS_DEBT: frozenset[str] = frozenset({"other_lenders", "revolving", "jiebei"})

_OTHER_BALANCE = "_other_balance"
_OTHER_PER_LENDER = "_other_per_lender"
#: Money put aside when the savings themselves are not known (they stay unknown for the
#: score, but what was saved still counts towards a buffer's target).
_SAVED = "_saved"


class LivingCostDefault(BaseModel):
    """The living costs assumed when none are entered: a share of income, at least a floor."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    share_of_income: Annotated[float, Field(gt=0, le=1)]
    minimum: Annotated[float, Field(ge=0)]


class PlannerSettings(BaseModel):
    """The budget rules of the planner (``assets/planner.json``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    living_cost_default: LivingCostDefault
    cash_share: Annotated[float, Field(gt=0, le=1)]
    repayment_ceiling: Annotated[float, Field(gt=0, le=1)]
    crisis_share: Annotated[float, Field(gt=0, le=1)]
    months_of_payments_per_balance: Annotated[float, Field(gt=0)]
    minimum_ask: Annotated[float, Field(gt=0)]
    starter_buffer_months: Annotated[float, Field(gt=0)]
    full_buffer_months: Annotated[float, Field(gt=0)]
    utilisation_target: Annotated[float, Field(ge=0, le=1)]
    social_insurance_cost: Annotated[float, Field(gt=0)]
    older_age: Annotated[int, Field(ge=16, le=100)]
    rationale: Text
    source: Annotated[list[str], Field(min_length=1)]


@cache
def load_planner_settings() -> PlannerSettings:
    """Read and validate ``assets/planner.json``."""
    try:
        settings = PlannerSettings.model_validate(read_json("planner.json"))
    except ValidationError as exc:
        raise AssetError(describe_validation_error("planner.json", exc)) from None
    check_sources("planner.json", "(top level)", settings.source)
    return settings


def _number(state: Mapping[str, Any], field: str) -> float | None:
    value = state.get(field)
    return None if value is None else float(value)


def living_cost(state: Mapping[str, Any], settings: PlannerSettings) -> float | None:
    """Living costs as entered, else the default from income; ``None`` without either."""
    entered = _number(state, "monthly_living_cost")
    if entered is not None:
        return entered
    income = _number(state, "monthly_income")
    if income is None:
        return None
    default = settings.living_cost_default
    return max(default.minimum, default.share_of_income * income)


def free_cash(state: Mapping[str, Any], settings: PlannerSettings) -> float | None:
    """Income − repayments − living costs (negative when short); ``None`` without income."""
    income = _number(state, "monthly_income")
    living = living_cost(state, settings)
    if income is None or living is None:
        return None
    return income - (_number(state, "monthly_debt_payment") or 0.0) - living


def in_crisis(state: Mapping[str, Any], settings: PlannerSettings) -> bool:
    """Something overdue, or repayments at ``crisis_share`` of income or more (any
    repayment at all when there is no income)."""
    if state.get("overdue_now"):
        return True
    income = _number(state, "monthly_income")
    debt = _number(state, "monthly_debt_payment")
    if income is None or debt is None or debt <= 0:
        return False
    return debt >= settings.crisis_share * income


def debt_room(state: Mapping[str, Any], settings: PlannerSettings) -> float:
    """How much early repayment fits before repayments pass the ceiling share of income."""
    income = _number(state, "monthly_income")
    if income is None:
        return 0.0
    return max(
        0.0, settings.repayment_ceiling * income - (_number(state, "monthly_debt_payment") or 0)
    )


def floor_ask(amount: float, settings: PlannerSettings) -> float:
    """An amount rounded down to whole hundreds; 0 below the smallest ask worth making."""
    rounded = math.floor(amount / 100) * 100
    return float(rounded) if rounded >= settings.minimum_ask else 0.0


def _over_target(balance: float | None, limit: float | None, target: float) -> float:
    if balance is None or limit is None:
        return 0.0
    return max(0.0, balance - target * limit)


def need(kind: str, state: Mapping[str, Any], settings: PlannerSettings) -> float | None:
    """Yuan still needed for a use; ``None`` when it cannot be told from what is known."""
    living = living_cost(state, settings)
    # Unknown savings count as none, plus whatever the plan has put aside since.
    savings = (_number(state, "liquid_assets") or 0.0) + float(state.get(_SAVED, 0.0))
    debt = _number(state, "monthly_debt_payment") or 0.0
    if kind == "starter_buffer":
        return (
            None if living is None else max(0.0, settings.starter_buffer_months * living - savings)
        )
    if kind == "full_buffer":
        if living is None:
            return None
        return max(0.0, settings.full_buffer_months * (living + debt) - savings)
    if kind == "other_lenders":
        if _OTHER_BALANCE in state:
            return max(0.0, float(state[_OTHER_BALANCE]))
        others, count = other_lenders(state), _number(state, "lender_count")
        if not others or not count or not debt:
            return None if others is None else 0.0
        return others * debt / count * settings.months_of_payments_per_balance
    target = settings.utilisation_target
    if kind == "revolving":
        return _over_target(
            _number(state, "huabei_balance"), _number(state, "huabei_limit"), target
        ) + _over_target(_number(state, "card_balance"), _number(state, "card_limit"), target)
    if kind == "jiebei":
        return _over_target(
            _number(state, "jiebei_balance"), _number(state, "jiebei_limit"), target
        )
    if kind == "fixed_cost":
        return settings.social_insurance_cost
    raise ValueError(f"unknown cash use {kind!r}")


def _repayments_fall(state: State, amount: float, settings: PlannerSettings) -> None:
    debt = _number(state, "monthly_debt_payment")
    if debt is not None:
        state["monthly_debt_payment"] = max(
            0.0, debt - amount / settings.months_of_payments_per_balance
        )


def _pay_down(state: State, field: str, limit_field: str, amount: float, target: float) -> float:
    """Pay ``field`` down towards ``target`` of its limit; returns what was not used."""
    balance, limit = _number(state, field), _number(state, limit_field)
    if balance is None or limit is None:
        return amount
    paid = min(amount, max(0.0, balance - target * limit))
    state[field] = balance - paid
    return amount - paid


def spend(kind: str, state: State, amount: float, settings: PlannerSettings) -> None:
    """Apply ``amount`` yuan to a use: what paying it changes in the simulated profile."""
    if amount <= 0:
        return
    target = settings.utilisation_target
    if kind in ("starter_buffer", "full_buffer"):
        savings = _number(state, "liquid_assets")
        if savings is None:  # an unknown amount stays unknown for the score
            state[_SAVED] = float(state.get(_SAVED, 0.0)) + amount
        else:
            state["liquid_assets"] = savings + amount
        return
    if kind == "other_lenders":
        if _OTHER_BALANCE not in state:
            others = other_lenders(state) or 0.0
            total = need(kind, state, settings) or 0.0
            state[_OTHER_BALANCE] = total
            state[_OTHER_PER_LENDER] = total / others if others else 0.0
        before = float(state[_OTHER_BALANCE])
        after = max(0.0, before - amount)
        state[_OTHER_BALANCE] = after
        per_lender = float(state[_OTHER_PER_LENDER])
        if per_lender > 0 and state.get("lender_count") is not None:
            # Lenders still owed: balance ÷ a lender's share, rounded up.
            cleared = math.ceil(before / per_lender - 1e-9) - math.ceil(after / per_lender - 1e-9)
            state["lender_count"] = max(0, int(state["lender_count"]) - cleared)
        _repayments_fall(state, before - after, settings)
        return
    if kind == "revolving":
        left = _pay_down(state, "huabei_balance", "huabei_limit", amount, target)
        left = _pay_down(state, "card_balance", "card_limit", left, target)
        _repayments_fall(state, amount - left, settings)
        return
    if kind == "jiebei":
        left = _pay_down(state, "jiebei_balance", "jiebei_limit", amount, target)
        _repayments_fall(state, amount - left, settings)
        return
    if kind == "fixed_cost":
        return  # the action's own effects (e.g. insured) show after their lag
    raise ValueError(f"unknown cash use {kind!r}")
