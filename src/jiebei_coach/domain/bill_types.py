"""What reading a bill yields: figures and evidence, never the transactions themselves.

A :class:`BillSummary` keeps counts, amounts, months, the profile's own category and scene
keys and the ids of the lenders a bill names — no counterparty, no description, no order
number — so it can be shown, compared with a profile and stored without keeping anything
private from the file.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from jiebei_coach.domain.bill_rules import Layout
from jiebei_coach.domain.profile import LifeScene

Source = Literal["alipay", "wechat"]
#: A value a bill proposes for a profile field (a count, yuan, or a set of scenes).
ProposedValue = int | float | frozenset[LifeScene]
#: Why a row is not counted as spending, in the order the summary lists them.
LEFT_OUT_REASONS = (
    "income_or_neutral",
    "refund",
    "closed",
    "pending",
    "credit",
    "transfer",
    "investment",
    "top_up_withdrawal",
)
#: Every ``FieldEvidence.rule`` code.
EVIDENCE_RULES = (
    "average_of_complete_months",
    "no_complete_month",
    "categories_in_spending",
    "layout_has_no_category",
    "scenes_in_payments",
    "draws_in_window",
    "period_shorter_than_window",
    "export_filtered",
    "lenders_in_window",
    "none_seen",
    "not_alipay",
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Period(_Frozen):
    """The days the bill covers (both inclusive) and its complete calendar months.

    ``from_metadata`` is False when the export did not state its period and its first and
    last transactions stand in for it.
    """

    start: date
    end: date
    from_metadata: bool
    complete_months: tuple[str, ...]


class MonthFigure(_Frozen):
    """An amount in yuan in one month (``YYYY-MM``) and how many rows make it."""

    month: str
    rows: int
    amount: float


class FieldEvidence(_Frozen):
    """What one derived field rests on.

    ``rule`` is a stable code (one of ``EVIDENCE_RULES``) for what was done, or for why
    nothing is proposed. ``rows`` is how many rows the value rests on; ``months`` the months
    used with their amounts; ``found`` what was seen (category keys, scene keys, lender ids)
    with its number of rows; ``amount`` a total in yuan (spending, draws) or the largest
    draw; ``window`` the days a windowed figure looked at.
    """

    field: str
    proposed: bool
    rule: str
    rows: int = 0
    months: tuple[MonthFigure, ...] = ()
    found: dict[str, int] = Field(default_factory=dict)
    amount: float | None = None
    window: tuple[date, date] | None = None


class LenderFlow(_Frozen):
    """One lender's draws and repayments in one month (yuan)."""

    lender: str
    draws: int = 0
    drawn: float = 0.0
    largest_draw: float = 0.0
    repayments: int = 0
    repaid: float = 0.0


class MonthEvidence(_Frozen):
    """One month of the bill: counted spending, each lender's flows, and the plan ticks
    this evidence supports (occurrence keys such as ``pay-on-time@2024-03``), offered to
    the user and never ticked for them."""

    month: str
    complete: bool
    spending: float
    spending_rows: int
    lenders: tuple[LenderFlow, ...] = ()
    offers: tuple[str, ...] = ()

    @property
    def repayments(self) -> int:
        """Repayments to any lender this month."""
        return sum(flow.repayments for flow in self.lenders)

    @property
    def draws(self) -> int:
        """Draws on any lender this month."""
        return sum(flow.draws for flow in self.lenders)


class BillSummary(_Frozen):
    """Everything kept from one bill.

    ``proposed`` holds values under the profile's own field names, only for the fields the
    bill supports; ``evidence`` has an entry for every field looked at, proposed or not.
    ``file_hash`` (sha256 of the bytes) recognises the same bill when it is read again.
    ``left_out`` counts the rows not counted as spending, by reason (``LEFT_OUT_REASONS``).
    """

    source: Source
    layout: Layout
    encoding: str
    file_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    period: Period
    export_filter: str | None = None
    transactions: int
    counted: int
    counted_amount: float
    left_out: dict[str, int]
    refunds_netted: int
    refunds_unmatched: int
    evidence: dict[str, FieldEvidence]
    proposed: dict[str, ProposedValue]
    months: tuple[MonthEvidence, ...]

    @field_serializer("proposed")
    def _scenes_in_order(self, proposed: dict[str, ProposedValue]) -> dict[str, object]:
        """Sets as lists in the profile's scene order, so the same bill dumps the same."""
        return {k: _plain(v) for k, v in proposed.items()}


def _plain(value: ProposedValue) -> object:
    if isinstance(value, frozenset):
        return [scene.value for scene in LifeScene if scene in value]
    return value


class FieldChange(_Frozen):
    """A profile field the bill would change: its value now, the bill's, and why."""

    field: str
    old: ProposedValue | None
    new: ProposedValue
    evidence: FieldEvidence

    @field_serializer("old", "new")
    def _scenes_in_order(self, value: ProposedValue | None) -> object:
        return None if value is None else _plain(value)
