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


#: A figure a bill gave a profile field: a count, yuan, or a list of scene keys.
BillFigure = int | float | list[str]


class BillRecord(BaseModel):
    """A bill read into a session. Never its transactions: what recognises the same file
    again (its sha256), the days it covers, how many rows it had, and the figures taken
    from it into the profile."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    source: Literal["alipay", "wechat"]
    start: date
    end: date
    transactions: Annotated[int, Field(ge=0, le=10_000_000)]
    read_on: date
    taken: dict[str, BillFigure] = {}


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
    bills: list[BillRecord] = []

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

    def bill_read(self, file_hash: str) -> BillRecord | None:
        """When this very file was read into the session before, its record."""
        return next((b for b in self.bills if b.file_hash == file_hash), None)

    def with_bill(self, record: BillRecord) -> Session:
        """A copy with ``record`` replacing any earlier record of the same file, by period."""
        others = [b for b in self.bills if b.file_hash != record.file_hash]
        ordered = sorted([*others, record], key=lambda b: (b.end, b.start))
        return self.model_copy(update={"bills": ordered})

    def with_checkin(self, checkin: CheckIn) -> Session:
        """A copy with ``checkin`` replacing any earlier one for the same month."""
        others = [c for c in self.checkins if c.month != checkin.month]
        ordered = sorted([*others, checkin], key=lambda c: c.month)
        return self.model_copy(update={"checkins": ordered})
