"""FieldEvidence from the user's own bill: the profile fields an Alipay or WeChat Pay export shows.

``read_bill(data)`` reads one export (bytes; the caller reads the file) and returns a
:class:`BillSummary`: the period, the counts, the file's hash and, for each field it looks
at, the value with its evidence. Raw transactions are never kept.

The rules (the tables are in ``assets/bill_mappings.json``):

- **Counted spending**: 收/支 = 支出 with a successful status that no not-spending rule
  excludes (transfers and 红包, investments, top-ups and withdrawals, credit draws and
  repayments, refunds); closed and pending trades are not counted. Refunds come off the
  purchase they return: the older layout's 成功退款 column, WeChat's 已退款(¥…), and the
  current Alipay layout's refund rows, matched to the purchase by order number.
- ``monthly_alipay_spend``: counted spending averaged over the complete calendar months
  inside the period (from the metadata; without it, from the first to the last
  transaction, which ``Period.from_metadata`` says). Alipay bills only.
- ``spend_categories``: how many of the profile's eight categories counted spending shows
  anywhere in the bill (the current Alipay layout only; the others have no 交易分类).
- ``life_scenes``: the everyday scenes successful payments show (by 交易分类 or words).
- ``draws_90d`` / ``largest_draw_90d``: 借呗 draws in the window of ``credit.window_days``
  days ending on the bill's last day, when the bill covers the whole window and was
  exported with every kind of row (导出交易类型 全部).
- ``lender_count``: lenders (借呗, 花呗 and the listed online lenders) drawn on or repaid
  within that window: the user has at least that many.
- Per month: counted spending, each lender's draws and repayments, and the plan ticks the
  repayments are evidence for (offered, never ticked for the user).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, timedelta

from jiebei_coach.domain.bill_format import MAX_BILL_BYTES, BillError
from jiebei_coach.domain.bill_rules import JIEBEI, CompiledMappings, compiled_mappings
from jiebei_coach.domain.bill_table import Export, parse_day, parse_export
from jiebei_coach.domain.bill_tally import Tally, month_key
from jiebei_coach.domain.bill_types import (
    BillSummary,
    FieldEvidence,
    LenderFlow,
    MonthEvidence,
    MonthFigure,
    Period,
    ProposedValue,
)
from jiebei_coach.domain.calendar import add_months, month_label, occurrence_key
from jiebei_coach.domain.profile import LifeScene

#: 导出交易类型 when nothing was filtered out.
_ALL_ROWS = "全部"


def _yuan(fen: int) -> float:
    return round(fen / 100, 2)


def _label(key: int) -> str:
    return f"{key // 12:04d}-{key % 12 + 1:02d}"


def read_bill(data: bytes, *, limit: int = MAX_BILL_BYTES) -> BillSummary:
    """Read one bill export and derive the profile fields it shows, with their evidence.

    Raises :class:`BillError` (a code and parameters) for anything that is not a bill we
    can read, including a file over ``limit`` bytes.
    """
    if len(data) > limit:
        raise BillError("too_large", size=len(data), limit=limit)
    export = parse_export(data)
    rules = compiled_mappings()
    tally = Tally(export.layout, rules)
    for row in export.rows():
        tally.add(row)
    netted, unmatched = tally.net_refunds()
    period = _period(export, tally)
    derived = _Derivation(export, tally, period, rules)
    counted = [fen for fen in tally.spend_fen if fen > 0]
    return BillSummary(
        source="alipay" if export.source == "alipay" else "wechat",
        layout=export.layout,
        encoding=export.encoding,
        file_hash=hashlib.sha256(data).hexdigest(),
        period=period,
        export_filter=export.metadata.export_filter,
        transactions=tally.transactions,
        counted=len(counted),
        counted_amount=_yuan(sum(counted)),
        left_out=tally.left_out,
        refunds_netted=netted,
        refunds_unmatched=unmatched,
        evidence=derived.evidence,
        proposed=derived.proposed,
        months=derived.months(),
    )


def _period(export: Export, tally: Tally) -> Period:
    """The period the metadata states, else the first to the last transaction."""
    meta = export.metadata
    start = parse_day(meta.start) if meta.start else None
    end = parse_day(meta.end) if meta.end else None
    from_metadata = start is not None and end is not None and end >= start
    if start is not None and end is not None and from_metadata:
        # 终止时间:[2024-05-01 00:00:00] stops as May begins: April 30 is the last day.
        if meta.end is not None and meta.end.endswith("00:00:00") and end > start:
            end -= timedelta(days=1)
    elif tally.first is not None and tally.last is not None:
        start, end = tally.first, tally.last
    else:
        raise BillError("truncated", expected_rows=0, found_rows=0)
    complete = []
    month = start.replace(day=1)
    while month <= end:
        following = add_months(month, 1)
        if month >= start and following - timedelta(days=1) <= end:
            complete.append(month_label(month))
        month = following
    return Period(
        start=start, end=end, from_metadata=from_metadata, complete_months=tuple(complete)
    )


class _Derivation:
    """The derived fields of one bill, computed from its tally."""

    def __init__(self, export: Export, tally: Tally, period: Period, rules: CompiledMappings):
        self.export = export
        self.tally = tally
        self.period = period
        self.rules = rules
        self.alipay = export.source == "alipay"
        self.evidence: dict[str, FieldEvidence] = {}
        self.proposed: dict[str, ProposedValue] = {}
        days = rules.data.credit.window_days
        self.window = (period.end - timedelta(days=days - 1), period.end)
        self.spend: dict[int, list[int]] = {}  # month key → [rows, fen]
        for key, fen in zip(tally.spend_month, tally.spend_fen, strict=True):
            if fen > 0:
                entry = self.spend.setdefault(key, [0, 0])
                entry[0] += 1
                entry[1] += fen
        self._monthly_spend()
        self._categories()
        self._scenes()
        self._draws()
        self._lenders()

    def _put(self, evidence: FieldEvidence, value: ProposedValue | None = None) -> None:
        self.evidence[evidence.field] = evidence
        if evidence.proposed and value is not None:
            self.proposed[evidence.field] = value

    def _monthly_spend(self) -> None:
        months = tuple(
            MonthFigure(month=label, rows=entry[0], amount=_yuan(entry[1]))
            for label in self.period.complete_months
            for entry in [self.spend.get(_key_of(label), [0, 0])]
        )
        total = sum(round(m.amount * 100) for m in months)
        rule = "average_of_complete_months"
        if not self.alipay:
            rule = "not_alipay"
        elif not months:
            rule = "no_complete_month"
        evidence = FieldEvidence(
            field="monthly_alipay_spend",
            proposed=rule == "average_of_complete_months",
            rule=rule,
            rows=sum(m.rows for m in months),
            months=months,
            amount=_yuan(total),
        )
        self._put(evidence, _yuan(round(total / len(months))) if months else None)

    def _categories(self) -> None:
        found = Counter(
            category
            for category, fen in zip(self.tally.spend_category, self.tally.spend_fen, strict=True)
            if category is not None and fen > 0
        )
        rule = "categories_in_spending"
        if not self.alipay:
            rule = "not_alipay"
        elif self.export.layout != "alipay_current":
            rule = "layout_has_no_category"
        elif not found:
            rule = "none_seen"
        ordered = {key: found[key] for key in self.rules.data.categories.map if key in found}
        evidence = FieldEvidence(
            field="spend_categories",
            proposed=rule == "categories_in_spending",
            rule=rule,
            rows=sum(found.values()),
            found=ordered,
        )
        self._put(evidence, len(found))

    def _scenes(self) -> None:
        found = {
            s.value: self.tally.scene_rows[s.value]
            for s in LifeScene
            if s.value in self.tally.scene_rows
        }
        rule = "scenes_in_payments" if found else "none_seen"
        if not self.alipay:
            rule = "not_alipay"
        evidence = FieldEvidence(
            field="life_scenes",
            proposed=rule == "scenes_in_payments",
            rule=rule,
            rows=sum(found.values()),
            found=found,
        )
        self._put(evidence, frozenset(LifeScene(s) for s in found))

    def _in_window(self, day: date) -> bool:
        return self.window[0] <= day <= self.window[1]

    def _draws(self) -> None:
        draws = [
            (day, fen)
            for day, lender, is_draw, fen in self.tally.flows
            if is_draw and lender == JIEBEI and self._in_window(day)
        ]
        per_month: dict[int, list[int]] = {}
        for day, fen in draws:
            entry = per_month.setdefault(month_key(day), [0, 0])
            entry[0] += 1
            entry[1] += fen
        months = tuple(
            MonthFigure(month=_label(key), rows=rows, amount=_yuan(fen))
            for key, (rows, fen) in sorted(per_month.items())
        )
        largest = max((fen for _, fen in draws), default=0)
        rule = "draws_in_window"
        chosen = self.export.metadata.export_filter
        if not self.alipay:
            rule = "not_alipay"
        elif chosen is not None and chosen != _ALL_ROWS:
            rule = "export_filtered"
        elif self.period.start > self.window[0]:
            rule = "period_shorter_than_window"
        proposed = rule == "draws_in_window"
        common = {"proposed": proposed, "rule": rule, "rows": len(draws), "window": self.window}
        total = sum(fen for _, fen in draws)
        self._put(
            FieldEvidence(field="draws_90d", months=months, amount=_yuan(total), **common),
            len(draws),
        )
        self._put(
            FieldEvidence(field="largest_draw_90d", months=months, amount=_yuan(largest), **common),
            _yuan(largest),
        )

    def _lenders(self) -> None:
        seen = Counter(lender for day, lender, _, _ in self.tally.flows if self._in_window(day))
        found = {
            lender.id: seen[lender.id] for lender in self.rules.data.lenders if lender.id in seen
        }
        evidence = FieldEvidence(
            field="lender_count",
            proposed=bool(found),
            rule="lenders_in_window" if found else "none_seen",
            rows=sum(found.values()),
            found=found,
            window=self.window,
        )
        self._put(evidence, len(found))

    def months(self) -> tuple[MonthEvidence, ...]:
        """Every month of the period (and any month a row falls in), oldest first."""
        flows: dict[int, dict[str, list[int]]] = {}
        for day, lender, is_draw, fen in self.tally.flows:
            entry = flows.setdefault(month_key(day), {}).setdefault(lender, [0, 0, 0, 0, 0])
            if is_draw:
                entry[0] += 1
                entry[1] += fen
                entry[2] = max(entry[2], fen)
            else:
                entry[3] += 1
                entry[4] += fen
        first, last = month_key(self.period.start), month_key(self.period.end)
        keys = sorted({*range(first, last + 1), *self.spend, *flows})
        complete = set(self.period.complete_months)
        order = [lender.id for lender in self.rules.data.lenders]
        action = self.rules.data.credit.repayment_action
        result = []
        for key in keys:
            label = _label(key)
            lenders = tuple(
                LenderFlow(
                    lender=lender,
                    draws=entry[0],
                    drawn=_yuan(entry[1]),
                    largest_draw=_yuan(entry[2]),
                    repayments=entry[3],
                    repaid=_yuan(entry[4]),
                )
                for lender in order
                for entry in [flows.get(key, {}).get(lender)]
                if entry is not None
            )
            repaid = any(flow.repayments for flow in lenders)
            rows, fen = self.spend.get(key, [0, 0])
            result.append(
                MonthEvidence(
                    month=label,
                    complete=label in complete,
                    spending=_yuan(fen),
                    spending_rows=rows,
                    lenders=lenders,
                    offers=(occurrence_key(action, _first_day(key), True),) if repaid else (),
                )
            )
        return tuple(result)


def _key_of(label: str) -> int:
    year, month = label.split("-")
    return int(year) * 12 + int(month) - 1


def _first_day(key: int) -> date:
    return date(key // 12, key % 12 + 1, 1)
