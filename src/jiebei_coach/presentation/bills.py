"""A bill's summary, proposals and problems in words, for the command line and the app.

Everything here is built from a ``BillSummary`` (figures, never transactions), so nothing
from the user's file but numbers, dates and the profile's own keys reaches the screen.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from jiebei_coach.i18n import Lang, get_language, t
from jiebei_coach.safe_text import printable

if TYPE_CHECKING:
    from jiebei_coach.domain import BillSummary, FieldChange, MonthEvidence
    from jiebei_coach.domain.bill_types import FieldEvidence, ProposedValue
    from jiebei_coach.usecases.bills import BillProposal


def money(value: float) -> str:
    """Yuan as people read them: ¥1,234 or ¥1,234.50."""
    return f"¥{value:,.0f}" if float(value).is_integer() else f"¥{value:,.2f}"


def _mb(size: object) -> str:
    try:
        return f"{int(str(size)) / (1024 * 1024):.0f} MB"
    except ValueError:
        return str(size)


def bill_error_message(code: str, params: dict[str, Any], lang: Lang | None = None) -> str:
    """One line for a file that cannot be read as a bill: what it is, what was expected."""
    clean = {k: printable(str(v)) for k, v in params.items()}
    if code == "too_large":
        return t(
            "bill.error.too_large",
            lang,
            size=_mb(params.get("size")),
            limit=_mb(params.get("limit")),
        )
    if code == "truncated":
        if "expected_rows" in params:
            return t("bill.error.truncated_rows", lang, **clean)
        return t("bill.error.truncated", lang, line=clean.get("line", "?"))
    if code == "bad_row" and not clean.get("column"):
        return t("bill.error.bad_row_short", lang, line=clean.get("line", "?"))
    return t(f"bill.error.{code}", lang, **clean)


def lender_name(lender_id: str, lang: Lang) -> str:
    """A lender's name from the mappings (借呗, 微粒贷 …), or its id when unknown."""
    from jiebei_coach.domain import load_bill_mappings

    try:
        return load_bill_mappings().lender(lender_id).name.get(lang)
    except KeyError:
        return lender_id


def _found(field: str, key: str, lang: Lang) -> str:
    if field == "spend_categories":
        return t(f"spend_category.{key}", lang)
    if field == "life_scenes":
        return t(f"life_scene.{key}", lang)
    return lender_name(key, lang)


def value_text(
    field: str, value: ProposedValue | list[str] | None, lang: Lang | None = None
) -> str:
    """A field's value as the profile form would show it."""
    use = lang or get_language()
    if value is None:
        return t("bill.value_unknown", use)
    if isinstance(value, frozenset | list | set | tuple):
        from jiebei_coach.domain import LifeScene

        chosen = {getattr(v, "value", v) for v in value}
        names = [t(f"life_scene.{s.value}", use) for s in LifeScene if s.value in chosen]
        return ("、" if use == "zh" else "; ").join(names) if names else "—"
    if field in ("monthly_alipay_spend", "largest_draw_90d"):
        return money(float(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def evidence_text(evidence: FieldEvidence, lang: Lang | None = None) -> str:
    """What a figure rests on: the rule, the months or the items seen, the rows."""
    use = lang or get_language()
    sep = "、" if use == "zh" else ", "
    found = sep.join(
        f"{_found(evidence.field, key, use)} ×{rows}" for key, rows in evidence.found.items()
    )
    months = sep.join(
        t("bill.month_figure", use, month=m.month, amount=money(m.amount), rows=m.rows)
        for m in evidence.months
    )
    start, end = evidence.window or (None, None)
    rule = evidence.rule
    if evidence.field == "largest_draw_90d" and rule == "draws_in_window":
        rule = "largest_draw_in_window"
    return t(
        f"bill.rule.{rule}",
        use,
        rows=evidence.rows,
        found=found or "—",
        months=months or "—",
        count=len(evidence.months),
        amount=money(evidence.amount or 0),
        start=start.isoformat() if start else "",
        end=end.isoformat() if end else "",
    )


def change_line(change: FieldChange, lang: Lang | None = None, *, why: bool = True) -> str:
    """``field: old → new (evidence)``; without ``why``, only ``field: old → new``."""
    use = lang or get_language()
    dumped = change.model_dump(mode="json")
    if change.field == "life_scenes":  # scenes are only ever added: say which
        added = [s for s in dumped["new"] if s not in (dumped["old"] or [])]
        line = t(
            "bill.change_added",
            use,
            field=t(f"field.{change.field}", use),
            added=value_text(change.field, added, use),
        )
        return (
            line
            if not why
            else t("bill.change", use, change=line, why=evidence_text(change.evidence, use))
        )
    line = t(
        "bill.change_short",
        use,
        field=t(f"field.{change.field}", use),
        old=value_text(change.field, dumped["old"], use),
        new=value_text(change.field, dumped["new"], use),
    )
    if not why:
        return line
    return t("bill.change", use, change=line, why=evidence_text(change.evidence, use))


def month_line(month: MonthEvidence, lang: Lang | None = None) -> str:
    """One month of the bill: spending and every lender's draws and repayments."""
    use = lang or get_language()
    flows = []
    for flow in month.lenders:
        parts = []
        if flow.draws:
            parts.append(t("bill.draws", use, count=flow.draws, amount=money(flow.drawn)))
        if flow.repayments:
            parts.append(t("bill.repaid", use, count=flow.repayments, amount=money(flow.repaid)))
        joined = (", " if use == "en" else ",").join(parts)
        flows.append(f"{lender_name(flow.lender, use)} {joined}")
    key = "bill.month_line" if month.complete else "bill.month_line_partial"
    line = t(key, use, month=month.month, amount=money(month.spending), rows=month.spending_rows)
    sep = ";" if use == "zh" else "; "
    return line + (sep + sep.join(flows) if flows else "")


def offer_line(month: MonthEvidence, title: str, lang: Lang | None = None) -> str:
    """A plan tick the bill has evidence for, with that evidence (the command line puts
    the action's key in front, for ``tick``)."""
    use = lang or get_language()
    return t("bill.offer", use, title=title, count=month.repayments, month=month.month)


def offer_evidence(month: MonthEvidence, lang: Lang | None = None) -> str:
    """The month's repayments behind an offered tick, lender by lender."""
    use = lang or get_language()
    sep = "、" if use == "zh" else ", "
    flows = sep.join(
        lender_name(f.lender, use)
        + " "
        + t("bill.repaid", use, count=f.repayments, amount=money(f.repaid))
        for f in month.lenders
        if f.repayments
    )
    return t("bill.offer_evidence", use, month=month.month, flows=flows)


def too_old_line(summary: BillSummary, today: date, lang: Lang | None = None) -> str | None:
    """A note when the bill ended too long ago to speak for the last 90 days."""
    from jiebei_coach.domain.bill_compare import too_old_for_recent

    if not too_old_for_recent(summary, today):
        return None
    return t("bill.too_old", lang, end=summary.period.end.isoformat())


def summary_lines(
    summary: BillSummary, lang: Lang | None = None, today: date | None = None
) -> list[str]:
    """The whole reading of a bill for the ``bill`` command: where from, the period, the
    counts, what was left out and why, each field with its evidence, month by month."""
    use = lang or get_language()
    period = summary.period
    lines = [
        t(
            "bill.heading",
            use,
            source=t(f"bill.source.{summary.source}", use),
            start=period.start.isoformat(),
            end=period.end.isoformat(),
        )
    ]
    if not period.from_metadata:
        lines.append(t("bill.period_from_rows", use))
    old = too_old_line(summary, today, use) if today is not None else None
    if old:
        lines.append(old)
    if summary.export_filter and summary.export_filter != "全部":
        lines.append(t("bill.filtered", use, filter=printable(summary.export_filter)))
    lines.append(
        t(
            "bill.counts",
            use,
            transactions=summary.transactions,
            counted=summary.counted,
            amount=money(summary.counted_amount),
        )
    )
    left = [
        t(f"bill.left_out.{reason}", use, count=count)
        for reason, count in summary.left_out.items()
        if count
    ]
    if left:
        lines.append(
            t("bill.left_out_heading", use) + " " + ("、" if use == "zh" else ", ").join(left)
        )
    if summary.refunds_netted or summary.refunds_unmatched:
        lines.append(
            t(
                "bill.refunds",
                use,
                netted=summary.refunds_netted,
                unmatched=summary.refunds_unmatched,
            )
        )
    lines.append("")
    lines.append(t("bill.fields_heading", use))
    for field, evidence in summary.evidence.items():
        value = summary.proposed.get(field)
        shown = value_text(field, value, use) if evidence.proposed else t("bill.not_proposed", use)
        lines.append(f"  {t(f'field.{field}', use)}: {shown}  ({evidence_text(evidence, use)})")
    if summary.months:
        lines.append("")
        lines.append(t("bill.months_heading", use))
        lines += [f"  {month_line(m, use)}" for m in summary.months]
    lines.append("")
    lines.append(t("bill.privacy", use))
    return lines


def summary_json(summary: BillSummary) -> dict[str, Any]:
    """The ``bill --json`` object: ``source``, ``period``, ``transactions`` and ``profile``
    (only the fields the bill supports, under the profile's own names), then the evidence."""
    dumped = summary.model_dump(mode="json")
    return {
        "source": dumped["source"],
        "layout": dumped["layout"],
        "period": dumped["period"],
        "transactions": dumped["transactions"],
        "counted": dumped["counted"],
        "counted_amount": dumped["counted_amount"],
        "left_out": dumped["left_out"],
        "profile": dumped["proposed"],
        "evidence": dumped["evidence"],
        "months": dumped["months"],
        "file_hash": dumped["file_hash"],
    }


def read_before_line(proposal: BillProposal, lang: Lang | None = None) -> str | None:
    """A note when this very file was read into the session before."""
    record = proposal.read_before
    if record is None:
        return None
    return t("bill.read_before", lang, date=record.read_on.isoformat())
