"""A saved coaching session: a named profile, its plan with ticks, and monthly check-ins.

Times are passed in by the caller (the store reads the clock, the domain never does).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from jiebei_coach.domain.calendar import month_start
from jiebei_coach.domain.limits import NAME_MAX
from jiebei_coach.domain.planner import Plan
from jiebei_coach.domain.profile import Profile


class CheckIn(BaseModel):
    """The real figures the user logged for one month."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    month: date
    sesame_score: Annotated[int, Field(ge=350, le=950)] | None = None
    jiebei_limit: Annotated[float, Field(ge=0, le=10_000_000, allow_inf_nan=False)] | None = None
    recorded_on: date

    @field_validator("month")
    @classmethod
    def _first_of_month(cls, value: date) -> date:
        return month_start(value)


class Session(BaseModel):
    """One user's coaching session, as the store keeps it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: Annotated[str, Field(min_length=1, max_length=NAME_MAX)]
    created: datetime
    updated: datetime
    profile: Profile
    plan: Plan
    checkins: list[CheckIn] = []

    @field_validator("name")
    @classmethod
    def _clean_name(cls, value: str) -> str:
        cleaned = " ".join(value.split())
        if not cleaned:
            raise ValueError("name is empty")
        return cleaned

    def checkin_for(self, month: date) -> CheckIn | None:
        """The check-in logged for ``month``'s month, if any."""
        first = month_start(month)
        return next((c for c in self.checkins if c.month == first), None)

    def with_checkin(self, checkin: CheckIn) -> Session:
        """A copy with ``checkin`` replacing any earlier one for the same month."""
        others = [c for c in self.checkins if c.month != checkin.month]
        ordered = sorted([*others, checkin], key=lambda c: c.month)
        return self.model_copy(update={"checkins": ordered})
