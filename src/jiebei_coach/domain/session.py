"""A saved coaching session: a named profile, its plan with ticks, and monthly check-ins.

Times are passed in by the caller (the store reads the clock, the domain never does).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from jiebei_coach.domain.calendar import month_start
from jiebei_coach.domain.plan import Plan
from jiebei_coach.domain.profile import Profile
from jiebei_coach.safe_text import clean_name


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


#: What a draw on the credit line paid for; the last five are speculative uses.
DrawUse = Literal[
    "stock",
    "equipment",
    "rent",
    "wages",
    "other_business",
    "personal",
    "stocks",
    "property",
    "crypto",
    "lending",
    "gambling",
]
DRAW_USES: tuple[str, ...] = get_args(DrawUse)
SPECULATIVE_USES = frozenset({"stocks", "property", "crypto", "lending", "gambling"})


class Draw(BaseModel):
    """One use of borrowed money, for a business owner's use-of-funds log."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    on: date
    amount: Annotated[float, Field(gt=0, le=10_000_000, allow_inf_nan=False)]
    use: DrawUse
    purpose: Annotated[str, Field(max_length=80)] = ""

    @property
    def speculative(self) -> bool:
        """Borrowed money put into shares, property, crypto, lending on or gambling."""
        return self.use in SPECULATIVE_USES


class Session(BaseModel):
    """One user's coaching session, as the store keeps it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    created: datetime
    updated: datetime
    profile: Profile
    plan: Plan
    checkins: list[CheckIn] = []
    draws: list[Draw] = []

    @field_validator("name")
    @classmethod
    def _clean_name(cls, value: str) -> str:
        return clean_name(value)  # no escape sequences, NUL, direction overrides or blanks

    def checkin_for(self, month: date) -> CheckIn | None:
        """The check-in logged for ``month``'s month, if any."""
        first = month_start(month)
        return next((c for c in self.checkins if c.month == first), None)

    def logged_scores(self) -> list[int | None]:
        """Each plan month's real Sesame score, where one was logged, in plan order."""
        logged = {c.month: c.sesame_score for c in self.checkins}
        return [logged.get(m.month) for m in self.plan.months]

    def with_draw(self, draw: Draw) -> Session:
        """A copy with ``draw`` added to the use-of-funds log (newest last)."""
        return self.model_copy(update={"draws": sorted([*self.draws, draw], key=lambda d: d.on)})

    def with_checkin(self, checkin: CheckIn) -> Session:
        """A copy with ``checkin`` replacing any earlier one for the same month."""
        others = [c for c in self.checkins if c.month != checkin.month]
        ordered = sorted([*others, checkin], key=lambda c: c.month)
        return self.model_copy(update={"checkins": ordered})
