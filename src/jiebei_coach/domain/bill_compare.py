"""A bill's proposals against a profile, and its evidence for the plan's monthly ticks.

One copy of these rules serves the command line and the app:

- Measured fields (``monthly_alipay_spend``, ``draws_90d``, ``largest_draw_90d``) take the
  bill's value.
- Counted fields (``spend_categories``, ``lender_count``) only go up: a bill shows at least
  that many, never that there are no more (the user may pay some things another way, or the
  bill may be short).
- ``life_scenes`` gains the scenes the bill shows and keeps those the user already named.
- Figures about the last 90 days (draws, the largest draw, lenders) are only taken from a
  bill that ended at most ``FRESH_DAYS`` before today: an older bill says nothing about the
  last 90 days.

Nothing is changed until the user accepts: :func:`apply_changes` builds the new profile
from the changes they chose.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from jiebei_coach.domain.bill_types import BillSummary, FieldChange, MonthEvidence, ProposedValue
from jiebei_coach.domain.plan import Plan
from jiebei_coach.domain.profile import Profile

#: Fields a bill can only raise: it shows at least this many.
AT_LEAST = frozenset({"spend_categories", "lender_count"})
#: Fields a bill adds to.
ADDS_TO = frozenset({"life_scenes"})
#: Fields about the last 90 days.
RECENT = frozenset({"draws_90d", "largest_draw_90d", "lender_count"})
#: How many days before today a bill may have ended and still speak for the last 90 days.
FRESH_DAYS = 31


def too_old_for_recent(summary: BillSummary, today: date | None) -> bool:
    """Whether the bill ended too long before ``today`` to say what the last 90 days held."""
    return today is not None and (today - summary.period.end).days > FRESH_DAYS


def compare_with_profile(
    summary: BillSummary, profile: Profile, today: date | None = None
) -> list[FieldChange]:
    """The fields the bill would change, old → new with the evidence, in the profile's order.
    With ``today``, a bill that ended more than ``FRESH_DAYS`` before it proposes nothing
    about the last 90 days."""
    stale = too_old_for_recent(summary, today)
    changes = []
    for field in Profile.model_fields:
        if field not in summary.proposed or (stale and field in RECENT):
            continue
        new: ProposedValue = summary.proposed[field]
        old = getattr(profile, field)
        if field in ADDS_TO and isinstance(new, frozenset):
            new = frozenset(old or ()) | new
        elif field in AT_LEAST and old is not None and new <= old:
            continue
        if old == new:
            continue
        changes.append(FieldChange(field=field, old=old, new=new, evidence=summary.evidence[field]))
    return changes


def apply_changes(profile: Profile, changes: Iterable[FieldChange]) -> Profile:
    """The profile with the accepted ``changes`` (validated like any edit of the profile)."""
    values = profile.model_dump()
    values.update({change.field: change.new for change in changes})
    return Profile.model_validate(values)


def month_evidence(summary: BillSummary) -> dict[str, MonthEvidence]:
    """The bill's evidence for each month, keyed by ``YYYY-MM``."""
    return {month.month: month for month in summary.months}


def offers_in_plan(summary: BillSummary, plan: Plan) -> dict[str, MonthEvidence]:
    """The plan's not-yet-ticked occurrences the bill has evidence for, with that evidence.

    Keyed by occurrence key (``pay-on-time@2024-03``); the user decides whether to tick.
    """
    open_keys = {a.key for month in plan.months for a in month.actions if not a.done}
    return {key: month for month in summary.months for key in month.offers if key in open_keys}


__all__ = [
    "ADDS_TO",
    "AT_LEAST",
    "FRESH_DAYS",
    "RECENT",
    "apply_changes",
    "compare_with_profile",
    "month_evidence",
    "offers_in_plan",
    "too_old_for_recent",
]
