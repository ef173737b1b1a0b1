"""The planner: which actions, in which month, what they cost, and where they lead.

1. Take the catalog actions that apply to the profile. Protective ones (gates and safety
   steps) and deadlines are judged on the profile as entered, so a warning is never
   dropped because a simulated future no longer needs it.
2. Rank them: actions with a deadline first (``urgent``: "never pay for a limit" and,
   for someone in crisis, "stop borrowing to repay", "negotiate before a default", "pay on
   time", all in the first month), then gates, protective steps, levers and, last,
   form-filling; within a kind by expected index gain (plus the catalog's priority points
   for what the index cannot show) per unit of effort; ties by id, so the same input
   always gives the same plan. For someone whose goal is getting out of debt, steps that
   only polish the score are left out. When repayments and living costs already take all
   the income, the steps that lead then (negotiating an overdue) come before the rest.
3. Fill months in order, at most ``capacity`` new actions a month; a step whose deadline
   has come is placed even past the capacity. While something is overdue, or repayments
   take ``crisis_share`` of income, levers wait until the second month. Monthly actions
   repeat; milestones repeat until their target is reached in the simulated profile; two
   actions that contradict each other (``not_with``) never share a month.
4. Spend the month's spare cash (``cash``): at most ``cash_share`` of the free cash (income
   − repayments − living costs), never letting early repayments take repayments past
   ``repayment_ceiling`` of income, in the catalog's order: a starter buffer before any
   early repayment, then the costliest debt first. Nothing is asked when nothing is free,
   and the plan says why.
5. Simulate the profile month by month, assuming every planned action is done, each effect
   showing after its lag, and time passing; some effects take the time they take in
   reality (old draws leave a 90-day window, old checks a 6-month one, late payments a
   24-month one) and an overdue paid off stays on the record as a late payment.
6. Project at a believable pace (``projection``), from the real score when it is known.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from jiebei_coach.domain import cash
from jiebei_coach.domain.calendar import add_months, month_start, occurrence_key
from jiebei_coach.domain.catalog import EFFORT_COST, Action, Catalog, load_catalog
from jiebei_coach.domain.model import FactorModel, load_model
from jiebei_coach.domain.notes import plan_notes
from jiebei_coach.domain.plan import Plan, PlanChanges, PlanMonth, PlannedAction
from jiebei_coach.domain.profile import Goal, Profile
from jiebei_coach.domain.projection import paced_projection
from jiebei_coach.domain.scoring import coverage_of, has_estimate, index_of, round_index

_AGEING_FIELDS = ("account_age_years", "phone_years")
MAX_MONTHS = 36
MAX_CAPACITY = 10
#: At most this many uses of spare money in one month.
MAX_CASH_ACTIONS = 2
_KIND_ORDER = {"gate": 0, "safety": 1, "lever": 2, "form": 3}


def _apply(action: Action, state: dict[str, Any], origin: dict[str, Any]) -> None:
    for effect in action.effects:
        effect.apply(state, origin)


def expected_gain(
    action: Action,
    state: dict[str, Any],
    months: int,
    model: FactorModel,
    base: float | None = None,
) -> float:
    """Index points the action alone would add over ``months`` months if always done.

    ``base`` is the index of ``state`` when the caller already has it.
    """
    if not action.effects:
        return 0.0
    after = dict(state)
    repeats = 1 if action.cadence == "once" else months
    for _ in range(repeats):
        if action.reached(after):
            break
        _apply(action, after, state)
    return index_of(after, model) - (index_of(state, model) if base is None else base)


def rank_actions(
    state: dict[str, Any], actions: list[Action], months: int, model: FactorModel
) -> list[Action]:
    """Order actions: deadlines first, then by kind, then (gain + priority) per effort.

    ``priority`` is a number of index points, set in the catalog, for what the index cannot
    show: a scam warning or keeping business money apart protects more than it scores.
    """

    base = index_of(state, model)

    def key(action: Action) -> tuple[bool, int, int, float, str]:
        deadline = action.deadline(state)
        gain = expected_gain(action, state, months, model, base) + action.priority
        return (
            deadline is None,
            deadline or 0,
            _KIND_ORDER[action.kind],
            -gain / EFFORT_COST[action.effort],
            action.id,
        )

    return sorted(actions, key=key)


def build_plan(
    profile: Profile,
    start: date,
    months: int = 12,
    capacity: int = 3,
    *,
    model: FactorModel | None = None,
    catalog: Catalog | None = None,
    settings: cash.PlannerSettings | None = None,
) -> Plan:
    """Plan ``months`` months from ``start``'s month with at most ``capacity`` new actions each."""
    if not 1 <= months <= MAX_MONTHS:
        raise ValueError(f"months must be between 1 and {MAX_MONTHS}, not {months}")
    if not 1 <= capacity <= MAX_CAPACITY:
        raise ValueError(f"capacity must be between 1 and {MAX_CAPACITY}, not {capacity}")
    use_model = model or load_model()
    use_catalog = catalog or load_catalog()
    budget = settings or cash.load_planner_settings()
    first = month_start(start)
    initial: dict[str, Any] = dict(profile.__dict__)
    crisis = cash.in_crisis(initial, budget)
    gated = bool(initial.get("overdue_now")) or crisis

    applicable = [a for a in use_catalog.actions if a.applies(initial)]
    if profile.goal == Goal.DEBT_FREE or crisis:
        applicable = [a for a in applicable if not a.score_only]
    cash_actions = sorted(
        (a for a in applicable if a.cash is not None),
        key=lambda a: (a.cash.order if a.cash else 0, a.id),
    )
    pending = rank_actions(initial, [a for a in applicable if a.cash is None], months, use_model)

    free = cash.free_cash(initial, budget)
    if free is not None and free <= 0:  # no money to pay with: talk to the lenders first
        pending.sort(key=lambda a: not a.leads_when_short)
    spare = 0.0 if free is None else max(0.0, free * budget.cash_share)
    committed = dict(initial)  # every scheduled effect applied at once, for conditions
    recurring: list[tuple[Action, int]] = []
    schedule: list[list[PlannedAction]] = [[] for _ in range(months)]
    due: list[list[Action]] = [[] for _ in range(months)]
    spent: list[list[tuple[str, float]]] = [[] for _ in range(months)]
    cash_counts: dict[str, int] = {}
    fixed_costs: list[Action] = []

    def place(action: Action, month: int, occurrence: int, amount: float = 0.0) -> None:
        repeats = action.cadence != "once"
        key = occurrence_key(action.id, add_months(first, month), repeats)
        schedule[month].append(
            PlannedAction(
                key=key,
                action_id=action.id,
                occurrence=occurrence,
                recurring=repeats,
                monthly_cash=amount,
            )
        )
        _apply(action, committed, initial)
        if month + action.effect_lag_months < months:
            due[month + action.effect_lag_months].append(action)

    clash_pairs = {(a.id, b) for a in use_catalog.actions for b in a.not_with}
    clash_pairs |= {(b, a) for a, b in clash_pairs}

    def clashes(action: Action, month: int) -> bool:
        if not clash_pairs:
            return False
        return any((action.id, p.action_id) in clash_pairs for p in schedule[month])

    def spend_cash(month: int) -> None:
        available = spare
        # Room for early repayment, from the repayments at the start of the month.
        room = cash.debt_room(committed, budget)
        for action in fixed_costs:  # standing commitments come out first
            assert action.cash is not None
            amount = min(available, cash.need(action.cash.use, committed, budget) or 0.0)
            cash_counts[action.id] += 1
            place(action, month, cash_counts[action.id], amount)
            available -= amount
        if gated and month == 0:
            return  # the first month's money goes to what is overdue or most pressing
        used = 0
        for action in cash_actions:
            use = action.cash
            assert use is not None
            if used >= MAX_CASH_ACTIONS or action in fixed_costs:
                continue
            if not action.applies(committed) or clashes(action, month):
                continue
            needed = cash.need(use.use, committed, budget)
            if needed is None or needed < budget.minimum_ask:
                continue
            if use.use in cash.PAYS_DEBT:
                starter = cash.need("starter_buffer", committed, budget) or 0.0
                if starter >= budget.minimum_ask:
                    continue  # a starter buffer before any early repayment
                pool = min(available, room)
            else:
                pool = available
            if use.use == "fixed_cost":
                if pool < needed:
                    continue  # a standing cost only when it fits every month
                amount = needed
                fixed_costs.append(action)
            else:
                amount = cash.floor_ask(min(pool, needed), budget)
            if amount <= 0:
                continue
            cash_counts[action.id] = cash_counts.get(action.id, 0) + 1
            place(action, month, cash_counts[action.id], amount)
            if use.use != "fixed_cost":
                cash.spend(use.use, committed, amount, budget)
                spent[month].append((use.use, amount))
            available -= amount
            if use.use in cash.PAYS_DEBT:
                room -= amount
            used += 1

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
            deadline = action.deadline(initial)
            urgent_now = deadline is not None and deadline <= month
            if added >= capacity and not urgent_now:
                continue
            earliest = action.earliest_month
            if gated and action.kind in ("lever", "form") and deadline is None:
                earliest = max(earliest, 1)
            if month < earliest or clashes(action, month):
                continue
            if action.kind == "form" and any(a.kind == "lever" for a in pending):
                continue  # form-filling never ahead of a real lever
            pending.remove(action)
            # Protective steps answer the profile as entered; levers are dropped once
            # another action has done their job.
            protective = action.kind in ("gate", "safety") or deadline is not None
            check = initial if protective else committed
            if not action.applies(check) or action.reached(committed):
                continue
            place(action, month, 1)
            added += 1
            if action.cadence != "once":
                recurring.append((action, 1))
        spend_cash(month)

    simulated = dict(initial)
    targets: list[float] = []
    for month in range(months):
        for action in due[month]:
            _apply(action, simulated, initial)
        for use, amount in spent[month]:
            cash.spend(use, simulated, amount, budget)
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
        free_cash=free,
        living_cost=cash.living_cost(initial, budget),
        living_cost_assumed=profile.monthly_living_cost is None and free is not None,
        notes=plan_notes(profile, budget, initial),
    )


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
            "free_cash": fresh.free_cash,
            "living_cost": fresh.living_cost,
            "living_cost_assumed": fresh.living_cost_assumed,
            "notes": fresh.notes,
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
