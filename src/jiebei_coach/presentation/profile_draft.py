"""The profile form's draft: what is typed, field by field, before it is a profile.

Numbers stay text until they are saved (1.5万, 15,000 and 98% are all fine), so a draft can
hold what is not yet valid; reading it back parses every field and maps each pydantic error
to a message beside its field. No Textual here: the app's form and its what-if dialog share
these rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from jiebei_coach.domain import (
    Goal,
    IdentityItem,
    JiebeiStatus,
    LifeScene,
    Profile,
    field_errors,
)
from jiebei_coach.i18n import catalog, get_language, t
from jiebei_coach.parsing import (
    format_amount,
    parse_amount,
    parse_count,
    parse_fraction,
    parse_years,
)
from jiebei_coach.presentation.fields import field_message

Parser = Callable[[str], Any]

AMOUNT, COUNT, FRACTION, YEARS, BOOL, SET = "amount", "count", "fraction", "years", "bool", "set"
CHOICE = "choice"
#: Every field of the form and the kind of widget it takes, in section order.
KINDS: dict[str, str] = {
    "goal": CHOICE,
    "sesame_score": COUNT,
    "on_time_rate": FRACTION,
    "late_payments_24m": COUNT,
    "overdue_now": BOOL,
    "account_age_years": YEARS,
    "auto_repay": BOOL,
    "monthly_income": AMOUNT,
    "monthly_debt_payment": AMOUNT,
    "monthly_living_cost": AMOUNT,
    "lender_count": COUNT,
    "loans_ever_5y": COUNT,
    "inquiries_6m": COUNT,
    "jiebei_status": CHOICE,
    "jiebei_limit": AMOUNT,
    "jiebei_balance": AMOUNT,
    "draws_90d": COUNT,
    "largest_draw_90d": AMOUNT,
    "huabei_limit": AMOUNT,
    "huabei_balance": AMOUNT,
    "card_limit": AMOUNT,
    "card_balance": AMOUNT,
    "monthly_alipay_spend": AMOUNT,
    "spend_categories": COUNT,
    "liquid_assets": AMOUNT,
    "has_social_insurance": BOOL,
    "housing_fund": BOOL,
    "checks_credit_report": BOOL,
    "identity_items": SET,
    "phone_years": YEARS,
    "age": COUNT,
    "is_student": BOOL,
    "life_scenes": SET,
    "has_car": BOOL,
    "rents_home": BOOL,
    "owns_home": BOOL,
    "is_business_owner": BOOL,
    "keeps_business_records": BOOL,
    "separates_business_money": BOOL,
}
#: The options of each choice field, in the order shown.
CHOICES: dict[str, list[str]] = {
    "goal": [m.value for m in Goal],
    "jiebei_status": [m.value for m in JiebeiStatus],
}
PARSERS: dict[str, Parser] = {
    AMOUNT: parse_amount,
    COUNT: parse_count,
    FRACTION: parse_fraction,
    YEARS: parse_years,
}
SET_ITEMS: dict[str, list[str]] = {
    "life_scenes": [m.value for m in LifeScene],
    "identity_items": [m.value for m in IdentityItem],
}
SET_LABEL = {"life_scenes": "life_scene", "identity_items": "identity_item"}


def draft_from_profile(profile: Profile | None) -> dict[str, Any]:
    """The form's starting values: text for numbers, True/False/None, lists for sets."""
    draft: dict[str, Any] = {}
    for name, kind in KINDS.items():
        value = None if profile is None else getattr(profile, name)
        if kind == SET:
            draft[name] = None if value is None else sorted(v.value for v in value)
        elif kind == BOOL:
            draft[name] = value
        elif kind == CHOICE:
            draft[name] = None if value is None else str(getattr(value, "value", value))
        elif value is None:
            draft[name] = ""
        elif kind == FRACTION:
            draft[name] = f"{value * 100:g}%"
        elif kind == AMOUNT:
            draft[name] = format_amount(value)
        else:
            draft[name] = f"{value:g}" if isinstance(value, float) else str(value)
    return draft


def values_from_draft(draft: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Parsed field values, and the fields whose text is not a number (with the text)."""
    values: dict[str, Any] = {}
    unreadable: dict[str, str] = {}
    for name, kind in KINDS.items():
        raw = draft.get(name)
        if kind in PARSERS:
            try:
                parsed = PARSERS[kind](raw or "")
            except ValueError:
                unreadable[name] = kind
                continue
            if parsed is not None:
                values[name] = parsed
        elif raw is not None:
            values[name] = raw
    return values, unreadable


def _own(key: str, name: str) -> str | None:
    """The field's own wording of ``key`` (``key.field``), when it has one."""
    own = f"{key}.{name}"
    return t(own) if own in catalog(get_language()) else None


def placeholder(name: str) -> str:
    """What a field shows while empty: its own example, or its kind's."""
    return _own("placeholder.field", name) or t(f"placeholder.{KINDS[name]}")


def unreadable_message(name: str) -> str:
    """What to say when a field's text is not a number of its kind."""
    return _own("profile.not_a", name) or t(f"profile.not_a_{KINDS[name]}")


def check_draft(draft: dict[str, Any]) -> tuple[Profile | None, dict[str, str]]:
    """The profile the draft describes, or a message for every field that is wrong.

    Shares are typed as percentages in the form, so their range is said in percent here
    (a profile file, which holds 0.98, gets the 0–1 wording).
    """
    values, unreadable = values_from_draft(draft)
    messages = {name: unreadable_message(name) for name in unreadable}
    try:
        profile = Profile.model_validate(values)
    except ValidationError as exc:
        for error in field_errors(exc):
            if KINDS.get(error.field) == FRACTION and error.type.endswith("than_equal"):
                message = t("profile.fraction_range", field=t(f"field.{error.field}"))
            else:
                message = field_message(error)
            messages.setdefault(error.field, message)
        return None, messages
    return (profile, {}) if not messages else (None, messages)
