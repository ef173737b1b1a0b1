"""Warnings before borrowing: when a new loan would stretch the user too far or cost too much.

Over-indebtedness rules from the design: repayments above half of monthly income, or a
new lender for someone who already owes three or more. Each warning carries a stable code
and the figures behind it, so the message can be written in either language. The
high-cost lines (annual rates) are data in ``assets/cost_lines.json`` with their sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from jiebei_coach.assets import AssetError, read_json
from jiebei_coach.domain.loan import LoanSchedule
from jiebei_coach.domain.model import (
    Confidence,
    Text,
    check_sources,
    describe_validation_error,
    load_sourced_list,
)
from jiebei_coach.domain.profile import Profile

INCOME_SHARE_LIMIT = 0.5
LENDER_LIMIT = 3


@dataclass(frozen=True)
class BorrowingWarning:
    """One reason to think twice, with the numbers for the message."""

    code: str
    figures: dict[str, float] = field(default_factory=dict)


def jiebei_is_new_lender(profile: Profile) -> bool:
    """Whether a 借呗 draw adds a lender: it does unless something is owed on 借呗 already
    (an unknown balance counts as nothing owed, the cautious reading)."""
    return not (profile.jiebei_balance or 0) > 0


def borrowing_warnings(
    profile: Profile, schedule: LoanSchedule, *, new_lender: bool | None = None
) -> list[BorrowingWarning]:
    """What the coach should say before the user takes ``schedule`` as a 借呗 draw.

    ``new_lender`` is true when the loan comes from a lender the user does not owe yet;
    left out, it is read from the profile (``jiebei_is_new_lender``).
    """
    if new_lender is None:
        new_lender = jiebei_is_new_lender(profile)
    warnings: list[BorrowingWarning] = []
    income = profile.monthly_income
    if income == 0:  # nothing to repay from but savings or more borrowing
        warnings.append(BorrowingWarning("no_income", {}))
    elif income is not None:
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


class Lpr(BaseModel):
    """The one-year Loan Prime Rate the court ceiling is a multiple of, and since when."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rate: Annotated[float, Field(gt=0, lt=1)]
    as_of: date
    source: Annotated[list[str], Field(min_length=1)]


class CostLine(BaseModel):
    """An annual-rate line above which borrowing is costly, with why and where from.

    The line is either a fixed ``rate`` or a multiple of the LPR (``lpr_multiple``); its
    ``rate`` is filled in from the LPR when the lines are loaded.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    rate: Annotated[float, Field(gt=0, lt=10)] | None = None
    lpr_multiple: Annotated[float, Field(gt=0, le=10)] | None = None
    level: Literal["note", "warning", "danger"]
    name: Text
    why: Text
    source: Annotated[list[str], Field(min_length=1)]
    confidence: Confidence

    @model_validator(mode="after")
    def _one_rate(self) -> CostLine:
        if (self.rate is None) == (self.lpr_multiple is None):
            raise ValueError("give exactly one of rate and lpr_multiple")
        return self

    @property
    def annual_rate(self) -> float:
        """The line as a simple annual rate (a fraction)."""
        assert self.rate is not None  # filled in at load
        return self.rate


@cache
def load_lpr() -> Lpr:
    """The LPR in ``assets/cost_lines.json``, with its date and source."""
    raw = read_json("cost_lines.json")
    entry = raw.get("lpr") if isinstance(raw, dict) else None
    try:
        lpr = Lpr.model_validate(entry)
    except ValidationError as exc:
        raise AssetError(describe_validation_error("cost_lines.json: lpr", exc)) from None
    check_sources("cost_lines.json", "lpr", lpr.source)
    return lpr


@cache
def load_cost_lines() -> tuple[CostLine, ...]:
    """The high-cost lines of ``assets/cost_lines.json``, lowest first."""
    raw = read_json("cost_lines.json")
    entries = raw.get("lines") if isinstance(raw, dict) else None
    lines = load_sourced_list("cost_lines.json", entries, CostLine, "lines")
    lpr = load_lpr()
    filled = [
        line
        if line.lpr_multiple is None
        else line.model_copy(update={"rate": round(line.lpr_multiple * lpr.rate, 6)})
        for line in lines
    ]
    return tuple(sorted(filled, key=lambda line: line.annual_rate))


def cost_lines_crossed(schedule: LoanSchedule) -> list[CostLine]:
    """The high-cost lines the loan's annualised rate (IRR-based APR) is above, highest last.

    The lines are simple annual rates, so they are compared with the APR, not with the
    compounded effective rate.
    """
    return [line for line in load_cost_lines() if schedule.apr > line.annual_rate + 1e-9]
