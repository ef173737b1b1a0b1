"""What a plan tells the person besides its actions: budget, crisis, goal, who it is for.

Notes are codes with figures; ``presentation`` has a sentence for each.
"""

from __future__ import annotations

from typing import Any

from jiebei_coach.domain import cash
from jiebei_coach.domain.metrics import METRICS
from jiebei_coach.domain.plan import PlanNote
from jiebei_coach.domain.profile import Goal, JiebeiStatus, Profile

#: Every note a plan can carry (each has a sentence in the locales).
NOTE_CODES = (
    "income_unknown",
    "living_cost_assumed",
    "repayments_unknown",
    "no_free_cash",
    "short_each_month",
    "crisis_debt",
    "crisis_no_income",
    "crisis_overdue",
    "more_credit_would_hurt",
    "no_credit_needed",
    "score_steps_left_out",
    "student",
    "older",
    "business",
    "limit_cut",
)


def plan_notes(
    profile: Profile, settings: cash.PlannerSettings, state: dict[str, Any]
) -> list[PlanNote]:
    """What the plan should say besides its actions: budget, crisis, goal, who it is for."""
    notes: list[PlanNote] = []
    income = profile.monthly_income
    free = cash.free_cash(state, settings)
    if income is None:
        notes.append(PlanNote(code="income_unknown"))
    else:
        living = cash.living_cost(state, settings) or 0.0
        if profile.monthly_living_cost is None:
            notes.append(PlanNote(code="living_cost_assumed", figures={"amount": living}))
        owes = METRICS["owes"](state)
        if profile.monthly_debt_payment is None and owes:
            notes.append(PlanNote(code="repayments_unknown"))
        if free is not None and free < 0:
            notes.append(PlanNote(code="short_each_month", figures={"short": -free}))
        elif free is not None and cash.floor_ask(free * settings.cash_share, settings) <= 0:
            notes.append(PlanNote(code="no_free_cash", figures={"free": free}))
    if cash.in_crisis(state, settings):
        share = METRICS["debt_to_income"](state)
        figures = {} if share is None else {"share": share}
        code = "crisis_overdue" if profile.overdue_now else "crisis_debt"
        if code == "crisis_debt" and income == 0:  # a share of nothing is no figure to show
            code, figures = "crisis_no_income", {}
        notes.append(PlanNote(code=code, figures=figures))
    if profile.goal == Goal.RAISE_LIMIT:
        share = METRICS["debt_to_income"](state) or 0.0
        buffer = METRICS["liquid_buffer_months"](state) or 0.0
        if share > settings.repayment_ceiling or profile.overdue_now:
            notes.append(PlanNote(code="more_credit_would_hurt"))
        elif not METRICS["owes"](state) and buffer >= settings.full_buffer_months:
            notes.append(PlanNote(code="no_credit_needed"))
    if profile.goal == Goal.DEBT_FREE or cash.in_crisis(state, settings):
        notes.append(PlanNote(code="score_steps_left_out"))
    if profile.is_student:
        notes.append(PlanNote(code="student"))
    if profile.age is not None and profile.age >= settings.older_age:
        notes.append(PlanNote(code="older", figures={"age": profile.age}))
    if profile.is_business_owner:
        notes.append(PlanNote(code="business"))
    if profile.jiebei_status in (JiebeiStatus.CUT, JiebeiStatus.CLOSED):
        notes.append(PlanNote(code="limit_cut"))
    assert all(n.code in NOTE_CODES for n in notes)
    return notes
