"""One pass over a bill's rows, keeping only what the evidence needs.

Each row is judged once: its status (success, refund, closed, pending), whether it draws on
or repays a known lender, the everyday scenes it shows, and whether it is counted spending or
left out, and why. What is kept per counted row is its month, its amount in fen and its
category key, so refunds can be taken off afterwards; the tally is thrown away once the
summary is built.
"""

from __future__ import annotations

from datetime import date

from jiebei_coach.domain.bill_rules import CompiledMappings, Layout
from jiebei_coach.domain.bill_table import Row
from jiebei_coach.domain.bill_types import LEFT_OUT_REASONS

_OUT = "支出"
#: 收/支 values of a row that may be a payment (WeChat writes "/" for neutral rows; the
#: older Alipay layout leaves the cell empty).
_OUTGOING = frozenset({"支出", "不计收支", "/", ""})
#: A refund's order number extends its purchase's by a suffix; shorter prefixes are noise.
_SHORTEST_ORDER = 8


def month_key(day: date) -> int:
    """Months since year 0, so months sort and step as integers."""
    return day.year * 12 + day.month - 1


class Tally:
    """Everything gathered in one pass over the rows of one export."""

    def __init__(self, layout: Layout, rules: CompiledMappings) -> None:
        self.layout = layout
        self.rules = rules
        self.has_category = layout == "alipay_current"
        self.transactions = 0
        self.first: date | None = None
        self.last: date | None = None
        self.left_out = dict.fromkeys(LEFT_OUT_REASONS, 0)
        # One entry per counted row: month key, net fen, category key (None: not one of 8).
        self.spend_month: list[int] = []
        self.spend_fen: list[int] = []
        self.spend_category: list[str | None] = []
        self._order_index: dict[str, int] = {}
        self._refunds: list[tuple[str, int]] = []
        self.scene_rows: dict[str, int] = {}
        #: Each draw or repayment: day, lender id, is a draw, fen.
        self.flows: list[tuple[date, str, bool, int]] = []

    def add(self, row: Row) -> None:
        """Judge one row."""
        self.transactions += 1
        day = row.day
        if self.first is None or day < self.first:
            self.first = day
        if self.last is None or day > self.last:
            self.last = day
        rules = self.rules
        kind, partial = rules.status(row.status)
        refunded = row.refunded
        if kind == "refund" and partial is not None and partial < row.amount:
            kind, refunded = "success", max(refunded, partial)
        is_flow = False
        if kind == "success":
            text = f"{row.counterparty} {row.description}"
            if not self.has_category or row.category in rules.credit_categories:
                flow = rules.credit_flow(row.description, text)
                if flow is not None:
                    is_flow = True
                    self.flows.append((day, flow[0], flow[1], row.amount))
            if row.direction in _OUTGOING:
                for scene in rules.scenes(row.category, text):
                    self.scene_rows[scene.value] = self.scene_rows.get(scene.value, 0) + 1
        elif kind == "refund" and self.has_category and row.direction != _OUT and row.order:
            self._refunds.append((row.order, row.amount))
        reason = self._left_out(row, kind, is_flow)
        net = row.amount - refunded
        if reason is None and net <= 0:
            reason = "refund"
        if reason is not None:
            self.left_out[reason] += 1
            return
        if self.has_category and row.order:
            self._order_index[row.order] = len(self.spend_fen)
        self.spend_month.append(month_key(day))
        self.spend_fen.append(net)
        self.spend_category.append(rules.category_of.get(row.category))

    def _left_out(self, row: Row, kind: str, is_flow: bool) -> str | None:
        if kind != "success":
            return kind
        if is_flow:
            return "credit"
        if row.direction != _OUT:
            return "income_or_neutral"
        return self.rules.exclusion(self.layout, row, f"{row.counterparty} {row.description}")

    def net_refunds(self) -> tuple[int, int]:
        """Take each refund row off the counted purchase whose order number it starts with.

        Returns (refunds taken off, refunds whose purchase is not counted in this bill).
        """
        netted = unmatched = 0
        for order, fen in self._refunds:
            index = next(
                (
                    self._order_index[order[:cut]]
                    for cut in range(len(order), _SHORTEST_ORDER - 1, -1)
                    if order[:cut] in self._order_index
                ),
                None,
            )
            if index is None:
                unmatched += 1
                continue
            self.spend_fen[index] = max(0, self.spend_fen[index] - fen)
            netted += 1
        self._refunds.clear()
        return netted, unmatched
