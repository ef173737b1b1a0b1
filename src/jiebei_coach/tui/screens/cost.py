"""Borrowing cost: what a 借呗 loan really costs, with the annual rate as the headline.

Everything is recomputed as you type. The annualised rate by IRR comes first and the daily
rate last, as the PBOC requires of lenders; the compounded effective rate is shown beside
it and labelled. Warnings say which high-cost line the APR crosses (with its source and,
for the court line, the LPR's date), and, when a session is open, whether repayments would
pass half of income or add a lender to someone who already has three. Methods are compared
with months of 365/12 days; the schedule counts actual days from the draw date, as a real
bill does, with the interest saved by clearing the loan after each payment.

The screen opens with the results focused, not a field: letters switch screens until Tab
(or a click) enters a field. The warnings come before the tables and fit in an 80×24
window: the reader's own (repayments against income, one lender too many) first, then
the highest cost line crossed in full, then the lower ones by name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Label, Select, Static

from jiebei_coach.i18n import get_language, t
from jiebei_coach.parsing import parse_amount, parse_daily_rate
from jiebei_coach.presentation.report import sentences
from jiebei_coach.tui.base import CoachScreen
from jiebei_coach.tui.widgets.footer import CoachFooter
from jiebei_coach.tui.widgets.navbar import NavBar

if TYPE_CHECKING:
    from jiebei_coach.domain import CostLine
    from jiebei_coach.i18n import Lang

TERMS = (3, 6, 12)
METHODS = ("equal_installment", "interest_first", "interest_only_6_then_equal", "equal_principal")


def _money(value: Any) -> str:
    return f"¥{float(value):,.2f}"


class CostScreen(CoachScreen):
    """A loan calculator that puts the annual rate first."""

    CSS_PATH = Path(__file__).with_name("cost.tcss")

    AUTO_FOCUS = "#cost-tables"

    def compose(self) -> ComposeResult:
        draft = self.coach.cost_draft
        yield NavBar()
        with Horizontal(id="cost-form", classes="cost-row"):
            yield Label(t("cost.principal"), classes="cost-label")
            yield Input(
                draft["principal"],
                id="cost-principal",
                compact=True,
                classes="cost-input",
                select_on_focus=False,
            )
            yield Label(t("cost.daily_rate"), classes="cost-label")
            yield Input(
                draft["rate"],
                placeholder=t("cost.rate_placeholder"),
                id="cost-rate",
                compact=True,
                classes="cost-input",
                select_on_focus=False,
            )
            yield Label(t("cost.term"), classes="cost-label")
            yield Select[int](
                [(t("cost.months", n=n), n) for n in TERMS],
                value=int(draft["term"]),
                allow_blank=False,
                id="cost-term",
                compact=True,
            )
        with Horizontal(id="cost-method-row", classes="cost-row"):
            yield Label(t("cost.method"), classes="cost-label")
            yield Select[str](
                [(t(f"loan.method.{m}"), m) for m in METHODS],
                value=str(draft["method"]),
                allow_blank=False,
                id="cost-method",
                compact=True,
            )
            yield Label(t("cost.draw_date"), classes="cost-label")
            yield Input(
                draft.setdefault("draw", self.coach.today.isoformat()),
                id="cost-draw",
                compact=True,
                classes="cost-date",
                select_on_focus=False,
            )
        yield Static("", id="cost-headline")
        with VerticalScroll(id="cost-tables", classes="pane"):
            yield Static("", id="cost-warnings")
            yield Static(t("cost.compare"), classes="screen-title")
            # The tables scroll with the pane around them, so they take no focus of their
            # own: Tab goes from the pane to the first field.
            compare = DataTable[Any](id="compare", cursor_type="none")
            compare.can_focus = False
            yield compare
            yield Static(t("cost.schedule"), classes="screen-title")
            yield Static("", id="cost-days", classes="hint")
            schedule = DataTable[Any](id="schedule", cursor_type="none", zebra_stripes=True)
            schedule.can_focus = False
            yield schedule
            yield Static(t("cost.conventions"), classes="hint")
            yield Static(t("cost.effective"), classes="hint")
        yield CoachFooter()

    def on_mount(self) -> None:
        self._recalculate()

    async def recompose(self) -> None:
        """Rebuild in the new language, then recalculate."""
        await super().recompose()
        self._recalculate()

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        draft = self.coach.cost_draft
        draft["principal"] = self.query_one("#cost-principal", Input).value
        draft["rate"] = self.query_one("#cost-rate", Input).value
        draft["draw"] = self.query_one("#cost-draw", Input).value
        term = self.query_one("#cost-term", Select).value
        method = self.query_one("#cost-method", Select).value
        if term is not Select.NULL:
            draft["term"] = str(term)
        if method is not Select.NULL:
            draft["method"] = str(method)
        self._recalculate()

    def _recalculate(self) -> None:
        from jiebei_coach.domain import (
            LoanError,
            actual_day_schedule,
            compare_methods,
            early_savings,
            loan_schedule,
            term_for,
        )

        draft = self.coach.cost_draft
        headline = self.query_one("#cost-headline", Static)
        try:
            principal = parse_amount(draft["principal"])
            rate = parse_daily_rate(draft["rate"])
        except ValueError:
            headline.update(Text(t("cost.not_numbers"), style="bold red"))
            self._clear()
            return
        if principal is None or rate is None:
            headline.update(Text(t("cost.fill_in"), style="dim"))
            self._clear()
            return
        try:
            drawn_on = date.fromisoformat(draft.get("draw", "").strip().replace("/", "-"))
        except ValueError:
            headline.update(Text(t("cost.bad_date"), style="bold red"))
            self._clear()
            return
        method = str(draft["method"])
        term = term_for(method, int(draft["term"]))
        try:
            schedule = loan_schedule(principal, rate, term, method)  # type: ignore[arg-type]
            billed = actual_day_schedule(principal, rate, term, method, drawn_on)  # type: ignore[arg-type]
            others = compare_methods(principal, rate, term)
        except LoanError as error:
            headline.update(Text(t(f"loan.error.{error.code}"), style="bold red"))
            self._clear()
            return
        headline.update(self._headline(schedule, billed))
        self.query_one("#cost-warnings", Static).update(self._warnings(schedule))
        self.query_one("#cost-days", Static).update(
            t("cost.actual_days", date=drawn_on.isoformat(), day=drawn_on.day)
        )
        table = self.query_one("#schedule", DataTable)
        table.clear(columns=True)
        widths = (2, 10, 4, 10, 8, 10, 10)
        for column, width in zip(t("cost.schedule_columns").split("|"), widths, strict=True):
            table.add_column(column, width=width)
        for p, saved in zip(billed.payments, early_savings(billed), strict=True):
            table.add_row(
                str(p.period),
                p.due.isoformat() if p.due else "",
                str(p.days or ""),
                _money(p.total),
                _money(p.interest),
                _money(p.remaining),
                _money(saved) if saved else "",
            )
        compare = self.query_one("#compare", DataTable)
        compare.clear(columns=True)
        # Money columns as wide as their figures; the method's name wraps in what is left
        # of the pane (its bar, padding and scroll bar aside).
        money_width = 12
        room = self.query_one("#cost-tables").scrollable_content_region.width
        room = room or self.size.width - 7
        name_width = max(16, min(36, room - 3 * (money_width + 2) - 4))
        for i, column in enumerate(t("cost.compare_columns").split("|")):
            compare.add_column(column, width=name_width if i == 0 else money_width)
        for other in others:
            name = Text(t(f"loan.method.{other.method}"))
            if other.method == schedule.method:
                name.stylize("bold yellow")
            compare.add_row(
                name,
                _money(other.total_interest),
                _money(other.payments[0].total),
                _money(other.largest_payment),
                height=None,
            )

    def _clear(self) -> None:
        self.query_one("#cost-warnings", Static).update("")
        self.query_one("#cost-days", Static).update("")
        self.query_one("#schedule", DataTable).clear(columns=True)
        self.query_one("#compare", DataTable).clear(columns=True)

    def _headline(self, schedule: Any, billed: Any) -> Text:
        text = Text()
        text.append(t("cost.annual") + " ", style="bold")
        text.append(f"{schedule.apr:.2%}", style="bold yellow")
        effective = f"{schedule.effective_annual_rate:.2%}"
        text.append("   " + t("cost.annual_detail", effective=effective))
        text.append("   " + t("cost.daily", rate=f"{schedule.daily_rate:.3%}"), style="dim")
        text.append(
            "\n"
            + t(
                "cost.totals",
                interest=_money(billed.total_interest),
                first=_money(billed.payments[0].total),
                total=_money(billed.total_paid),
            )
        )
        return text

    def _warnings(self, schedule: Any) -> Text:
        """The reader's own warnings, the highest line crossed in full, the others named."""
        from jiebei_coach.domain import (
            borrowing_warnings,
            cost_lines_crossed,
            load_lpr,
            load_sources,
        )
        from jiebei_coach.presentation.report import short_cite

        lang = get_language()
        text = Text()
        session = self.coach.session
        if session is not None:
            for warning in borrowing_warnings(session.profile, schedule):
                text.append(
                    "⚠ " + t(f"warning.{warning.code}", **warning.figures) + "\n", style="bold red"
                )
        crossed = cost_lines_crossed(schedule)
        if crossed:
            line, lower = crossed[-1], crossed[:-1]
            styles = {"note": "cyan", "warning": "bold yellow", "danger": "bold red"}
            text.append(
                f"{t('cost.line_' + line.level)} {line.name.get(lang)}: ", style=styles[line.level]
            )
            apr = f"{schedule.apr:.2%}"
            said = [t("cost.line_compare", apr=apr, line=f"{line.annual_rate:.1%}")]
            said.append(line.why.get(lang))
            if line.lpr_multiple is not None:
                lpr = load_lpr()
                said.append(t("cost.lpr_note", lpr=f"{lpr.rate:.1%}", as_of=lpr.as_of.isoformat()))
            text.append(sentences(said, lang))
            sources = load_sources()
            where = t("list.joiner").join(
                short_cite(sources[s], lang) for s in line.source if s in sources
            )
            text.append(" " + t("cost.source", where=where) + "\n", style="dim")
            if lower:
                names = t("list.joiner").join(_named_with_rate(other, lang) for other in lower)
                text.append(t("cost.also_above", lines=names) + "\n")
                if any(other.lpr_multiple is not None for other in lower):
                    lpr = load_lpr()
                    note = t("cost.lpr_note", lpr=f"{lpr.rate:.1%}", as_of=lpr.as_of.isoformat())
                    text.append(note + "\n", style="dim")
        if session is None:
            text.append(t("cost.open_session"), style="dim")
        text.rstrip()
        return text


def _named_with_rate(line: CostLine, lang: Lang) -> str:
    """A line's name with its rate, unless the name says it already ("24% a year")."""
    name = line.name.get(lang)
    rate = f"{line.annual_rate:.0%}"
    return name if rate in name else f"{name} ({line.annual_rate:.1%})"
