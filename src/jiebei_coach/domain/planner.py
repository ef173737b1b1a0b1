"""The planner: which actions, in which month, and the index they are projected to reach.

1. Take the catalog actions that apply to the profile.
2. Rank them: gates first (clear an overdue), then by expected index gain (plus the
   catalog's priority points for protective actions) per unit of effort; ties by id, so
   the same input always gives the same plan.
3. Fill months in order, at most ``capacity`` new actions a month. While a gate is open,
   levers wait until the month after it. Monthly actions repeat every month after they
   start; milestones repeat until their target is reached in the simulated profile. An
   action whose condition no longer holds by its turn (another action fixed it) is dropped.
   Actions that need spare cash (paying debts down, saving) compete for the same money,
   so only one of them runs at a time; the next starts once the running one is reached.
4. Simulate the profile month by month, assuming every planned action is done, each effect
   showing after its lag, and time passing (history and phone tenure grow by a month).
   Some effects take the time they take in reality (old draws leave a 90-day window, old
   checks a 6-month one, late payments a 24-month one) and an overdue paid off stays on
   the record as a late payment.
5. Project at a believable pace. The simulated index says where the profile is heading;
   the projection moves towards it at most ``pace.month`` Sesame-equivalent points a month
   and ``pace.plan`` over the plan (``pace.plan_overdue`` when starting overdue), in both
   the Sesame-equivalent band and the index. The band starts from the real score when it
   is known (and from the model's estimate otherwise, or not at all when too little is
   known to estimate), and widens every month: the further ahead, the less certain.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from jiebei_coach.domain.calendar import add_months, month_label, month_start, occurrence_key
from jiebei_coach.domain.catalog import EFFORT_COST, Action, Catalog, load_catalog
from jiebei_coach.domain.model import FactorModel, SesameScale, load_model
from jiebei_coach.domain.profile import Profile
from jiebei_coach.domain.scoring import coverage_of, has_estimate, index_of, round_index

_AGEING_FIELDS = ("account_age_years", "phone_years")
MAX_MONTHS = 36
MAX_CAPACITY = 10


class PlannedAction(BaseModel):
    """One occurrence of a catalog action in a month: a checkbox the user ticks."""

    model_config = ConfigDict(frozen=True)

    key: str
    action_id: str
    occurrence: int
    recurring: bool
    done: bool = False
    done_on: date | None = None


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


def _apply(action: Action, state: dict[str, Any], origin: dict[str, Any]) -> None:
    for effect in action.effects:
        effect.apply(state, origin)


def expected_gain(action: Action, state: dict[str, Any], months: int, model: FactorModel) -> float:
    """Index points the action alone would add over ``months`` months if always done."""
    after = dict(state)
    repeats = 1 if action.cadence == "once" else months
    for _ in range(repeats):
        if action.reached(after):
            break
        _apply(action, after, state)
    return index_of(after, model) - index_of(state, model)


def _carried(anchor: float, baseline: float, target: float) -> float:
    """The index ``anchor`` moves to when the model moves from ``baseline`` to ``target``."""
    if anchor == baseline:
        return target
    if target >= baseline:
        room = 100 - baseline
        return anchor if room <= 0 else anchor + (target - baseline) * (100 - anchor) / room
    return anchor if baseline <= 0 else anchor * target / baseline


def paced_projection(
    baseline: float,
    targets: list[float],
    scale: SesameScale,
    *,
    overdue: bool,
    anchor: float | None = None,
) -> list[float]:
    """How far the band's middle moves by the end of each month, at a believable pace.

    ``targets`` are the simulated indices; each month the change (in Sesame-equivalent
    points from the start) moves towards where the target's middle is, by at most
    ``pace.month`` points, and never beyond ``pace.plan`` (``plan_overdue``) either way.
    ``anchor`` is the index the change is measured from (the real score's place on the
    calibration curve, when known); by default the baseline. From an anchor, a rise is
    carried over as the same share of the room left to 100, a fall as the same share of
    the level, so a person already above the model's estimate is not promised its full
    rise on top.
    """
    pace = scale.pace
    cap = pace.plan_overdue if overdue else pace.plan
    origin = baseline if anchor is None else anchor
    start = scale.centre(origin)
    moved = 0.0
    changes = []
    for target in targets:
        wanted = scale.centre(_carried(origin, baseline, target)) - start
        moved = max(moved - pace.month, min(moved + pace.month, wanted))
        moved = max(-cap, min(cap, moved))
        changes.append(moved)
    return changes


def rank_actions(
    state: dict[str, Any], actions: list[Action], months: int, model: FactorModel
) -> list[Action]:
    """Order actions: gates first, then by (gain + priority) per effort; ties by id.

    ``priority`` is a number of index points, set in the catalog, for what the index cannot
    show: a scam warning or keeping business money apart protects more than it scores.
    """

    def key(action: Action) -> tuple[bool, float, str]:
        gain = expected_gain(action, state, months, model) + action.priority
        return (action.kind != "gate", -gain / EFFORT_COST[action.effort], action.id)

    return sorted(actions, key=key)


def build_plan(
    profile: Profile,
    start: date,
    months: int = 12,
    capacity: int = 3,
    *,
    model: FactorModel | None = None,
    catalog: Catalog | None = None,
) -> Plan:
    """Plan ``months`` months from ``start``'s month with at most ``capacity`` new actions each."""
    if not 1 <= months <= MAX_MONTHS:
        raise ValueError(f"months must be between 1 and {MAX_MONTHS}, not {months}")
    if not 1 <= capacity <= MAX_CAPACITY:
        raise ValueError(f"capacity must be between 1 and {MAX_CAPACITY}, not {capacity}")
    use_model = model or load_model()
    use_catalog = catalog or load_catalog()
    first = month_start(start)
    initial: dict[str, Any] = dict(profile.__dict__)

    applicable = [a for a in use_catalog.actions if a.applies(initial)]
    pending = rank_actions(initial, applicable, months, use_model)
    gated = any(a.kind == "gate" for a in pending)

    committed = dict(initial)  # every scheduled effect applied at once, for conditions
    recurring: list[tuple[Action, int]] = []
    schedule: list[list[PlannedAction]] = [[] for _ in range(months)]
    due: list[list[Action]] = [[] for _ in range(months)]

    def place(action: Action, month: int, occurrence: int) -> None:
        repeats = action.cadence != "once"
        key = occurrence_key(action.id, add_months(first, month), repeats)
        schedule[month].append(
            PlannedAction(key=key, action_id=action.id, occurrence=occurrence, recurring=repeats)
        )
        _apply(action, committed, initial)
        if month + action.effect_lag_months < months:
            due[month + action.effect_lag_months].append(action)

    for month in range(months):
        still: list[tuple[Action, int]] = []
        for action, count in recurring:
            if action.cadence == "milestone" and action.reached(committed):
                continue
            place(action, month, count + 1)
            still.append((action, count + 1))
        recurring = still

        added = 0
        for action in list(pending):
            if added >= capacity:
                break
            earliest = action.earliest_month
            if gated and action.kind == "lever":
                earliest = max(earliest, 1)
            cash_busy = action.needs_cash and any(a.needs_cash for a, _ in recurring)
            if month < earliest or cash_busy:
                continue
            pending.remove(action)
            # Gates answer the profile as entered (paying an overdue and negotiating it
            # are alternatives); other actions are dropped once another has done their job.
            check = initial if action.kind == "gate" else committed
            if not action.applies(check) or action.reached(committed):
                continue
            place(action, month, 1)
            added += 1
            if action.cadence != "once":
                recurring.append((action, 1))

    simulated = dict(initial)
    targets: list[float] = []
    for month in range(months):
        for action in due[month]:
            _apply(action, simulated, initial)
        for field in _AGEING_FIELDS:
            if simulated.get(field) is not None:
                simulated[field] = float(simulated[field]) + 1 / 12
        targets.append(index_of(simulated, use_model))

    scale = use_model.sesame
    baseline = index_of(initial, use_model)
    overdue = bool(initial.get("overdue_now"))
    changes = paced_projection(baseline, targets, scale, overdue=overdue)
    start_centre = scale.centre(baseline)
    actual = profile.sesame_score
    moves = changes
    if actual is not None:
        anchor = scale.index_for(actual)
        moves = paced_projection(baseline, targets, scale, overdue=overdue, anchor=anchor)
        sesame_start: int | None = actual
        halfwidth = float(scale.actual_halfwidth)
    elif has_estimate(initial, use_model):
        sesame_start = round(start_centre)
        halfwidth = float(scale.halfwidth(coverage_of(initial, use_model)))
    else:
        sesame_start = None
        halfwidth = 0.0
    plan_months: list[PlanMonth] = []
    for month, (change, move) in enumerate(zip(changes, moves, strict=True)):
        band = None
        if sesame_start is not None:
            widened = halfwidth + scale.monthly_widening * (month + 1)
            band = scale.around(sesame_start + move, widened)
        plan_months.append(
            PlanMonth(
                month=add_months(first, month),
                actions=schedule[month],
                projected_index=round_index(scale.index_for(start_centre + change)),
                projected_sesame=band,
            )
        )
    return Plan(
        start=first,
        capacity=capacity,
        baseline=round_index(baseline),
        months=plan_months,
        model_version=use_model.version,
        sesame_start=sesame_start,
        projection_from=first,
    )


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


def replan(
    plan: Plan,
    profile: Profile,
    today: date,
    *,
    model: FactorModel | None = None,
    catalog: Catalog | None = None,
) -> tuple[Plan, PlanChanges]:
    """Plan again from ``today``'s month for an updated profile, keeping the past.

    Months before the current one stay as they were, ticks included, except that a
    one-off action left undone there moves into the new months (it is planned afresh);
    one-off actions already done are not planned again. From the current month on, the
    plan is rebuilt to the old end (twelve months when the old plan has run out), and a
    tick on an action that the new plan still has is kept.
    """
    use_catalog = catalog or load_catalog()
    current = month_start(today)
    kept = [m for m in plan.months if m.month < current]
    moved = {a.action_id for m in kept for a in m.actions if not a.done and not a.recurring}
    kept = [
        m.model_copy(update={"actions": [a for a in m.actions if a.done or a.recurring]})
        for m in kept
    ]
    done_once = {a.action_id for m in kept for a in m.actions if a.done and not a.recurring}
    end = plan.months[-1].month
    months = (end.year - current.year) * 12 + end.month - current.month + 1
    if months < 1:
        months = 12
    months = min(months, MAX_MONTHS)
    remaining = Catalog(actions=[a for a in use_catalog.actions if a.id not in done_once])
    fresh = build_plan(profile, current, months, plan.capacity, model=model, catalog=remaining)
    old_future = {a.key: a for m in plan.months if m.month >= current for a in m.actions}
    kept_done = 0
    new_months = []
    for month in fresh.months:
        actions = []
        for action in month.actions:
            before = old_future.get(action.key)
            if before is not None and before.done:
                kept_done += 1
                action = action.model_copy(update={"done": True, "done_on": before.done_on})
            actions.append(action)
        new_months.append(month.model_copy(update={"actions": actions}))
    old_ids = {a.action_id for a in old_future.values()} | moved
    new_ids = {a.action_id for m in fresh.months for a in m.actions}
    changed = plan.model_copy(
        update={
            "months": kept + new_months,
            "model_version": fresh.model_version,
            "sesame_start": fresh.sesame_start,
            "projection_from": current,
        }
    )
    old_end = plan.months[-1].projected_index
    changes = PlanChanges(
        from_month=current,
        added=sorted(new_ids - old_ids),
        removed=sorted(old_ids - new_ids),
        rescheduled=sorted(moved & new_ids),
        kept_done=kept_done,
        index_before=old_end,
        index_after=fresh.months[-1].projected_index,
        sesame_before=plan.months[-1].projected_sesame,
        sesame_after=fresh.months[-1].projected_sesame,
    )
    return changed, changes
