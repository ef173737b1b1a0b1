"""The action catalog: coverage, bilingual texts, and effects that only ever improve."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from jiebei_coach.domain import Condition, Effect, LifeScene, Profile, load_catalog, load_model
from jiebei_coach.domain.catalog import input_value


def test_catalog_has_enough_actions_with_complete_texts() -> None:
    catalog = load_catalog()
    assert len(catalog.actions) >= 30
    for action in catalog.actions:
        for text in (action.title, action.how, action.why):
            assert text.zh.strip() and text.en.strip()
        assert action.source
        if action.cadence == "milestone":
            assert action.until or action.cash is not None
            assert action.target is not None


def test_every_actionable_factor_has_an_action() -> None:
    covered = {a.factor for a in load_catalog().actions}
    actionable = {f.key for d in load_model().dimensions for f in d.factors if f.actionable}
    assert actionable <= covered


def test_business_and_safety_levers_are_there() -> None:
    catalog = load_catalog()
    business = {
        a.id
        for a in catalog.actions
        if any(c.input == "is_business_owner" and c.value is True for c in a.when)
    }
    assert {
        "dedicated-use-of-loans",
        "separate-business-money",
        "keep-business-records",
    } <= business
    never_pay = catalog.get("never-pay-for-limit")
    assert never_pay.kind == "safety" and not never_pay.when
    gate = catalog.get("clear-overdue")
    assert gate.kind == "gate"
    assert gate.applies({"overdue_now": True}) and not gate.applies({"overdue_now": False})


@pytest.mark.parametrize(
    ("condition", "state", "expected"),
    [
        ({"input": "lender_count", "op": ">=", "value": 3}, {"lender_count": 3}, True),
        ({"input": "lender_count", "op": ">=", "value": 3}, {"lender_count": 2}, False),
        ({"input": "lender_count", "op": ">=", "value": 3}, {}, False),
        ({"input": "auto_repay", "op": "!=", "value": True}, {}, True),
        ({"input": "auto_repay", "op": "!=", "value": True}, {"auto_repay": True}, False),
        ({"input": "life_scenes", "op": "lacks", "value": "rent"}, {}, True),
        (
            {"input": "life_scenes", "op": "lacks", "value": "rent"},
            {"life_scenes": frozenset({LifeScene.RENT})},
            False,
        ),
        (
            {"input": "life_scenes", "op": "has", "value": "rent"},
            {"life_scenes": frozenset({LifeScene.RENT})},
            True,
        ),
        (
            {"input": "debt_to_income", "op": ">", "value": 0.5},
            {"monthly_debt_payment": 600, "monthly_income": 1000},
            True,
        ),
        ({"input": "debt_to_income", "op": "unknown"}, {"monthly_debt_payment": 600}, True),
        ({"input": "lender_count", "op": "known"}, {"lender_count": 0}, True),
    ],
)
def test_conditions(condition: dict[str, Any], state: dict[str, Any], expected: bool) -> None:
    assert Condition.model_validate(condition).holds(state) is expected


def test_condition_on_unknown_input_is_rejected() -> None:
    with pytest.raises(ValidationError, match="unknown input"):
        Condition(input="horoscope", op="==", value=True)


@pytest.mark.parametrize(
    "effect",
    [
        {"field": "lender_count", "op": "add", "value": 1},
        {"field": "auto_repay", "op": "set", "value": False},
        {"field": "overdue_now", "op": "set", "value": True},
        {"field": "on_time_rate", "op": "set", "value": 1.0},
        {"field": "sesame_score", "op": "add", "value": 10},
        {"field": "life_scenes", "op": "include", "value": ["casino"]},
    ],
)
def test_effects_that_would_make_things_worse_are_rejected(effect: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Effect.model_validate(effect)


def test_effects_move_inputs_only_the_better_way() -> None:
    state: dict[str, Any] = {
        "lender_count": 3,
        "jiebei_balance": 9000.0,
        "jiebei_limit": 10000.0,
        "on_time_rate": 0.99,
    }
    Effect(field="lender_count", op="add", value=-1, bound=2).apply(state)
    Effect(field="lender_count", op="add", value=-1, bound=2).apply(state)
    assert state["lender_count"] == 2
    approach = Effect(
        field="jiebei_balance", op="approach", value=0.3, relative_to="jiebei_limit", step=0.1
    )
    approach.apply(state)
    assert state["jiebei_balance"] == pytest.approx(8000)
    Effect(field="on_time_rate", op="approach", value=0.9).apply(state)
    assert state["on_time_rate"] == 0.99  # already better than the target: untouched
    Effect(field="on_time_rate", op="approach", value=1.0, step=0.05).apply(state)
    assert state["on_time_rate"] == pytest.approx(1.0)


def test_effects_on_unknown_inputs() -> None:
    state: dict[str, Any] = {}
    Effect(field="lender_count", op="add", value=-1).apply(state)
    Effect(field="life_scenes", op="include", value=["rent"]).apply(state)
    Effect(field="auto_repay", op="set", value=True).apply(state)
    assert state == {"auto_repay": True}


def test_every_catalog_effect_improves_the_demo_or_leaves_it() -> None:
    """Effects that do not say they worsen never lower the index."""
    from jiebei_coach.domain import demo_profile, index_of

    base = dict(demo_profile().__dict__)
    for action in load_catalog().actions:
        state = dict(base)
        for effect in action.effects:
            if not effect.worsens:
                effect.apply(state, base)
        assert index_of(state) >= index_of(base), action.id


def test_a_worsening_effect_must_say_so() -> None:
    with pytest.raises(ValidationError):
        Effect(field="late_payments_24m", op="add", value=1)
    with pytest.raises(ValidationError, match="worse way"):
        Effect(field="late_payments_24m", op="add", value=-1, worsens=True)
    record = Effect(field="late_payments_24m", op="add", value=1, worsens=True)
    state: dict[str, Any] = {"late_payments_24m": 2}
    record.apply(state)
    assert state["late_payments_24m"] == 3
    unknown: dict[str, Any] = {}
    record.apply(unknown)
    assert unknown == {}  # an unknown count stays unknown


def test_clearing_an_overdue_leaves_a_late_payment() -> None:
    from jiebei_coach.domain import demo_profile

    overdue = dict(demo_profile().model_copy(update={"overdue_now": True}).__dict__)
    for effect in load_catalog().get("clear-overdue").effects:
        effect.apply(overdue, overdue)
    assert overdue["overdue_now"] is False
    assert overdue["late_payments_24m"] == demo_profile().late_payments_24m + 1  # type: ignore[operator]


def test_window_effects_move_by_the_starting_distance_over_the_window() -> None:
    origin: dict[str, Any] = {"draws_90d": 8, "inquiries_6m": 6}
    state = dict(origin)
    draws = Effect(field="draws_90d", op="approach", value=2, window_months=3)
    checks = Effect(field="inquiries_6m", op="approach", value=0, window_months=6)
    seen = []
    for _ in range(4):
        draws.apply(state, origin)
        checks.apply(state, origin)
        seen.append((state["draws_90d"], state["inquiries_6m"]))
    assert seen == [
        pytest.approx((6.0, 5.0)),
        pytest.approx((4.0, 4.0)),
        pytest.approx((2.0, 3.0)),
        pytest.approx((2.0, 2.0)),
    ]
    with pytest.raises(ValidationError, match="window_months"):
        Effect(field="draws_90d", op="approach", value=2, window_months=3, step=1)


def test_input_value_reads_fields_and_metrics() -> None:
    state = dict(Profile(monthly_income=10000, monthly_debt_payment=2500).__dict__)
    assert input_value(state, "monthly_income") == 10000
    assert input_value(state, "debt_to_income") == pytest.approx(0.25)
