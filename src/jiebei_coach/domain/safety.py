"""Warnings before borrowing: when a new loan would stretch the user too far or cost too much.

Over-indebtedness rules from the design: repayments above half of monthly income, or a
new lender for someone who already owes three or more. Each warning carries a stable code
and the figures behind it, so the message can be written in either language. The
high-cost lines (annual rates) are data in ``assets/cost_lines.json`` with their sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from jiebei_coach.assets import read_json
from jiebei_coach.domain.loan import LoanSchedule
from jiebei_coach.domain.model import Confidence, Text, load_sourced_list
from jiebei_coach.domain.profile import Profile

INCOME_SHARE_LIMIT = 0.5
LENDER_LIMIT = 3


@dataclass(frozen=True)
class BorrowingWarning:
    """One reason to think twice, with the numbers for the message."""

    code: str
    figures: dict[str, float] = field(default_factory=dict)


def borrowing_warnings(
    profile: Profile, schedule: LoanSchedule, *, new_lender: bool = False
) -> list[BorrowingWarning]:
    """What the coach should say before the user takes ``schedule``.

    ``new_lender`` is true when the loan comes from a lender the user does not owe yet.
    """
    warnings: list[BorrowingWarning] = []
    income = profile.monthly_income
    if income is not None:
        existing = Decimal(str(profile.monthly_debt_payment or 0))
        share = float(existing + schedule.largest_payment) / income
        if share > INCOME_SHARE_LIMIT:
            warnings.append(
                BorrowingWarning(
                    "repayments_over_half_income",
                    {"share": share, "limit": INCOME_SHARE_LIMIT},
                )
            )
    lenders = profile.lender_count
    if new_lender and lenders is not None and lenders >= LENDER_LIMIT:
        warnings.append(BorrowingWarning("adds_lender", {"lenders": lenders, "after": lenders + 1}))
    return warnings


class CostLine(BaseModel):
    """An annual-rate line above which borrowing is costly, with why and where from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    rate: Annotated[float, Field(gt=0, lt=10)]
    level: Literal["note", "warning", "danger"]
    name: Text
    why: Text
    source: Annotated[list[str], Field(min_length=1)]
    confidence: Confidence


@cache
def load_cost_lines() -> tuple[CostLine, ...]:
    """The high-cost lines of ``assets/cost_lines.json``, lowest first."""
    raw = read_json("cost_lines.json")
    entries = raw.get("lines") if isinstance(raw, dict) else None
    lines = load_sourced_list("cost_lines.json", entries, CostLine, "lines")
    return tuple(sorted(lines, key=lambda line: line.rate))


def cost_lines_crossed(schedule: LoanSchedule) -> list[CostLine]:
    """The high-cost lines the loan's effective annual rate is above (highest last)."""
    rate = max(schedule.apr, schedule.effective_annual_rate)
    return [line for line in load_cost_lines() if rate > line.rate]
