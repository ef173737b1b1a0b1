"""A plan as the planner makes it and the store keeps it: months, ticks and projections.

Pure models with the questions people ask of a plan (what is next, what was missed, how
far along it is). Building a plan is ``planner.build_plan``.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from jiebei_coach.domain.calendar import month_label, month_start


class PlanNote(BaseModel):
    """Something the plan should tell the person, as a stable code and its figures."""

    model_config = ConfigDict(frozen=True)

    code: str
    figures: dict[str, float] = Field(default_factory=dict)


class PlannedAction(BaseModel):
    """One occurrence of a catalog action in a month: a checkbox the user ticks."""

    model_config = ConfigDict(frozen=True)

    key: str
    action_id: str
    occurrence: int
    recurring: bool
    done: bool = False
    done_on: date | None = None
    monthly_cash: float = 0.0


class PlanMonth(BaseModel):
    """A month of the plan: its first day, its actions and the projection at its end.

    ``projected_sesame`` is the Sesame-equivalent band expected at the month's end, or
    ``None`` when the plan was made without enough known to estimate one.
    """

    model_config = ConfigDict(frozen=True)

    month: date
    actions: list[PlannedAction]
    projected_index: float
    projected_sesame: tuple[int, int] | None = None

    @property
    def label(self) -> str:
        """``YYYY-MM``."""
        return month_label(self.month)

    def progress(self) -> tuple[int, int]:
        """(done, total) for this month."""
        return sum(a.done for a in self.actions), len(self.actions)


class Plan(BaseModel):
    """A month-by-month plan with the projected index, as ``build_plan`` made it."""

    model_config = ConfigDict(frozen=True)

    start: date
    capacity: int
    baseline: float
    months: list[PlanMonth]
    model_version: int
    sesame_start: int | None = None
    projection_from: date | None = None
    free_cash: float | None = None
    living_cost: float | None = None
    living_cost_assumed: bool = False
    notes: list[PlanNote] = Field(default_factory=list)

    @property
    def projection(self) -> list[float]:
        """The projected index at the end of each month."""
        return [m.projected_index for m in self.months]

    @property
    def projected_sesame(self) -> list[tuple[int, int]] | None:
        """The Sesame-equivalent band at the end of each month; ``None`` if any is missing."""
        bands = [m.projected_sesame for m in self.months]
        if any(band is None for band in bands):
            return None
        return [band for band in bands if band is not None]

    def expected_sesame(self, index: int) -> float | None:
        """The projected middle at the start of month ``index`` (the score to expect then).

        Month 0 of the current projection starts from ``sesame_start``; later months from
        the previous month's band. ``None`` when there is no band to read.
        """
        first = self.projection_from or self.start
        months = self.months
        if not 0 <= index < len(months) or months[index].month < first:
            return None
        if months[index].month == first:
            return None if self.sesame_start is None else float(self.sesame_start)
        band = months[index - 1].projected_sesame
        return None if band is None else (band[0] + band[1]) / 2

    def actions(self) -> list[tuple[PlanMonth, PlannedAction]]:
        """Every planned occurrence with its month, in plan order."""
        return [(m, a) for m in self.months for a in m.actions]

    def find(self, key: str) -> tuple[PlanMonth, PlannedAction]:
        """The month and occurrence with ``key``; ``KeyError`` when there is none."""
        for month, action in self.actions():
            if action.key == key:
                return month, action
        raise KeyError(key)

    def cash(self, index: int) -> float:
        """Yuan the plan asks for in month ``index``."""
        return sum(a.monthly_cash for a in self.months[index].actions)

    def progress(self) -> tuple[int, int]:
        """(done, total) over the whole plan."""
        items = [a for _, a in self.actions()]
        return sum(a.done for a in items), len(items)

    def month_index(self, day: date) -> int | None:
        """Which month of the plan ``day`` falls in, or ``None`` outside the plan."""
        first = month_start(day)
        for i, month in enumerate(self.months):
            if month.month == first:
                return i
        return None

    def missed(self, today: date) -> list[PlannedAction]:
        """Open actions of months that ended before ``today``'s month."""
        current = month_start(today)
        return [a for m, a in self.actions() if m.month < current and not a.done]

    def next_open(self, today: date) -> PlannedAction | None:
        """The first open action from ``today``'s month on, else the earliest missed one."""
        current = month_start(today)
        upcoming = [a for m, a in self.actions() if m.month >= current and not a.done]
        if upcoming:
            return upcoming[0]
        missed = self.missed(today)
        return missed[0] if missed else None

    def with_done(self, key: str, done: bool, on: date | None) -> Plan:
        """A copy with the action ``key`` ticked (``done``) or unticked, dated ``on``."""
        self.find(key)
        months = [
            m.model_copy(
                update={
                    "actions": [
                        a.model_copy(update={"done": done, "done_on": on if done else None})
                        if a.key == key
                        else a
                        for a in m.actions
                    ]
                }
            )
            for m in self.months
        ]
        return self.model_copy(update={"months": months})


class PlanChanges(BaseModel):
    """What a re-plan changed from the current month on."""

    model_config = ConfigDict(frozen=True)

    from_month: date
    added: list[str]
    removed: list[str]
    rescheduled: list[str]
    kept_done: int
    index_before: float
    index_after: float
    sesame_before: tuple[int, int] | None = None
    sesame_after: tuple[int, int] | None = None
