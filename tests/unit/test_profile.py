"""The profile model: blank is valid, bad values give one plain sentence per field."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from jiebei_coach.domain import IdentityItem, JiebeiStatus, LifeScene, Profile, field_errors
from jiebei_coach.presentation.fields import error_messages


def test_blank_profile_is_valid_and_unknown() -> None:
    profile = Profile()
    assert profile.known_fields() == {}
    assert all(value is None for value in profile.__dict__.values())


def test_sets_accept_lists_of_names() -> None:
    profile = Profile(life_scenes=["utilities", "rent"], identity_items=["real_name"])  # type: ignore[arg-type]
    assert profile.life_scenes == {LifeScene.UTILITIES, LifeScene.RENT}
    assert profile.identity_items == {IdentityItem.REAL_NAME}


def test_profile_is_immutable() -> None:
    profile = Profile(lender_count=2)
    with pytest.raises(ValidationError):
        profile.lender_count = 3  # type: ignore[misc]


def _errors(**fields: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        Profile(**fields)  # type: ignore[arg-type]
    return caught.value


def test_balance_above_limit_is_rejected_on_the_balance_field() -> None:
    exc = _errors(jiebei_limit=10000, jiebei_balance=12000)
    [error] = field_errors(exc)
    assert (error.field, error.type) == ("jiebei_balance", "balance_exceeds_limit")
    assert error_messages(exc, "zh")["jiebei_balance"].startswith("余额不能超过额度(")
    assert error_messages(exc, "en")["jiebei_balance"].startswith(
        "Balance cannot exceed the limit (if the limit was lowered or closed"
    )


def test_no_income_is_an_answer_not_an_unknown() -> None:
    """A student or someone out of work enters 0: a known income of nothing."""
    assert Profile(monthly_income=0).monthly_income == 0


def test_balance_equal_to_limit_is_fine() -> None:
    assert Profile(jiebei_limit=10000, jiebei_balance=10000).jiebei_balance == 10000


def test_each_wrong_field_gets_its_own_sentence() -> None:
    exc = _errors(
        sesame_score=300,
        monthly_income=-1,
        lender_count=-1,
        on_time_rate=1.5,
        draws_90d="many",
        overdue_now="perhaps",
    )
    types = {e.field: e.type for e in field_errors(exc)}
    assert types == {
        "sesame_score": "greater_than_equal",
        "monthly_income": "greater_than_equal",
        "lender_count": "greater_than_equal",
        "on_time_rate": "less_than_equal",
        "draws_90d": "int_parsing",
        "overdue_now": "bool_parsing",
    }
    zh = error_messages(exc, "zh")
    en = error_messages(exc, "en")
    assert zh["sesame_score"] == "芝麻分在 350 到 950 之间"
    assert en["monthly_income"] == "Monthly income cannot be less than 0"
    assert zh["lender_count"] == "「有余额的放贷机构数」不能小于 0"
    assert en["lender_count"] == "Lenders with a balance cannot be less than 0"
    assert "0.98" in en["on_time_rate"]
    assert en["draws_90d"] == "Draws in 90 days must be a whole number"
    assert zh["overdue_now"] == "「当前是否逾期」请选择“是”或“否”"
    for message in [*zh.values(), *en.values()]:
        assert "{" not in message and "}" not in message


def test_unknown_field_and_unknown_item_are_named() -> None:
    exc = _errors(salary=100, life_scenes=["utilities", "karaoke"])
    messages = error_messages(exc, "en")
    assert messages["salary"] == "Unknown field: salary"
    assert messages["life_scenes"] == "Everyday payment scenes contains an item we do not know"


def test_infinite_money_is_rejected() -> None:
    exc = _errors(liquid_assets=float("inf"))
    assert field_errors(exc)[0].type == "finite_number"


def test_first_error_of_a_field_wins() -> None:
    exc = _errors(life_scenes=["nope", "also-nope"])
    assert len(field_errors(exc)) == 1


def test_readme_lists_every_profile_field() -> None:
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("A profile file for `new`") :]
    missing = [name for name in Profile.model_fields if f"`{name}`" not in section]
    assert missing == []


@pytest.mark.parametrize(
    ("status", "limit", "logged", "expected"),
    [
        (JiebeiStatus.OPEN, 30000.0, 20000.0, JiebeiStatus.CUT),
        (JiebeiStatus.OPEN, 30000.0, 40000.0, JiebeiStatus.OPEN),
        (JiebeiStatus.OPEN, 30000.0, 0.0, JiebeiStatus.CLOSED),
        (JiebeiStatus.CUT, 10000.0, 15000.0, JiebeiStatus.CUT),
        (JiebeiStatus.CLOSED, 0.0, 5000.0, JiebeiStatus.OPEN),
        (None, None, 8000.0, None),
    ],
)
def test_a_logged_limit_updates_the_line_and_its_status(
    status: JiebeiStatus | None, limit: float | None, logged: float, expected: JiebeiStatus | None
) -> None:
    profile = Profile(jiebei_status=status, jiebei_limit=limit)
    updated = profile.with_logged_limit(logged)
    assert updated is not None
    assert (updated.jiebei_limit, updated.jiebei_status) == (logged, expected)
    assert updated.with_logged_limit(logged) is None  # nothing more to change
