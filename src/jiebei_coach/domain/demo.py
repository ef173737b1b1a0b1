"""The demo profile: a fictional shop owner with a few clear weaknesses."""

from __future__ import annotations

from functools import cache

from pydantic import ValidationError

from jiebei_coach.assets import AssetError, read_json
from jiebei_coach.domain.model import describe_validation_error
from jiebei_coach.domain.profile import Profile


@cache
def demo_profile() -> Profile:
    """The profile in ``assets/demo_profile.json`` (its ``_note`` key is for readers only)."""
    raw = read_json("demo_profile.json")
    if not isinstance(raw, dict):
        raise AssetError("demo_profile.json: (top level): must be an object")
    fields = {k: v for k, v in raw.items() if not k.startswith("_")}
    try:
        return Profile.model_validate(fields)
    except ValidationError as exc:
        raise AssetError(describe_validation_error("demo_profile.json", exc)) from None
