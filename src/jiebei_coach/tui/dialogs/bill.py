"""Read a bill into the profile form: the proposed values beside the current ones, each
with its evidence; the user picks some or all, or cancels and nothing changes.

The file is read in a thread (a year's export can take a second) and never copied. What is
chosen goes into the form as unsaved changes, to be saved like any edit; the plan actions
the bill is evidence for are offered unticked, and only those the user ticks are ticked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from jiebei_coach.i18n import t
from jiebei_coach.presentation.bills import (
    change_line,
    evidence_text,
    offer_evidence,
    offer_line,
    read_before_line,
    too_old_line,
)
from jiebei_coach.presentation.messages import usecase_message
from jiebei_coach.tui.base import CoachDialog
from jiebei_coach.tui.widgets.path_suggester import PathSuggester
from jiebei_coach.usecases.errors import UseCaseError

if TYPE_CHECKING:
    from collections.abc import Callable

    from jiebei_coach.domain import BillSummary, FieldChange, Profile, Session
    from jiebei_coach.usecases.bills import BillProposal


@dataclass(frozen=True)
class BillChoice:
    """What the user took from a bill: the changes for the form and the ticks to make."""

    summary: BillSummary
    changes: list[FieldChange]
    ticks: list[str]


class BillDialog(CoachDialog):
    """Pick a bill file, see what it shows, take some or all of it."""

    # Wide enough for "field: old → new"; the results scroll inside the screen.
    CSS = """
    .dialog.bill {
        width: 96;
        max-height: 100%;
    }

    .dialog.bill.read {
        height: 100%;
    }

    #bill-path-row {
        height: auto;
    }

    #bill-path-row Input {
        width: 1fr;
    }

    #bill-path-row Button {
        margin: 1 0 0 1;
    }

    #bill-status {
        height: auto;
    }

    #bill-results {
        height: 1fr;
    }

    #bill-heading {
        margin-bottom: 1;
    }

    #bill-changes, #bill-offers {
        height: auto;
        margin-bottom: 1;
    }

    #bill-detail {
        height: auto;
        max-height: 4;
        margin-bottom: 1;
    }

    #bill-offers-heading {
        text-style: bold;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(
        self,
        session: Session | None,
        profile: Profile | None,
        today: date,
        title: Callable[[str], str],
    ) -> None:
        super().__init__()
        self.session = session
        self.profile = profile
        self.today = today
        self.title_of = title
        self.proposal: BillProposal | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog bill"):
            yield Static(t("billdialog.title"), classes="dialog-title")
            yield Static(t("billdialog.intro"), id="bill-intro", classes="hint", markup=False)
            with Horizontal(id="bill-path-row"):
                yield Input(
                    placeholder=t("billdialog.placeholder"),
                    suggester=PathSuggester((".csv",)),
                    id="bill-path",
                )
                yield Button(t("billdialog.read"), id="read", compact=True)
            yield Static("", id="bill-status", markup=False)
            with VerticalScroll(id="bill-results"):
                yield Static("", id="bill-heading", markup=False)
                yield SelectionList[str](id="bill-changes")
                yield Static("", id="bill-offers-heading", markup=False)
                yield SelectionList[str](id="bill-offers")
            yield Static("", id="bill-detail", classes="hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("billdialog.use_chosen"), variant="primary", id="chosen")
                yield Button(t("billdialog.use_all"), id="all")
                yield Button(t("dialog.cancel"), id="cancel")

    def on_mount(self) -> None:
        self._show(None)
        self.query_one("#bill-path", Input).focus()

    # ------------------------------------------------------------ reading

    @on(Input.Submitted, "#bill-path")
    @on(Button.Pressed, "#read")
    def _read(self) -> None:
        text = self.query_one("#bill-path", Input).value.strip()
        if not text:
            self._status(t("billdialog.need_path"), error=True)
            return
        self._status(t("billdialog.reading"), error=False)
        self._read_file(text)

    @work(thread=True, exclusive=True, group="bill")
    def _read_file(self, path: str) -> None:
        from jiebei_coach.usecases.bills import propose, read_bill_at

        try:
            summary = read_bill_at(path)
        except UseCaseError as error:
            self.app.call_from_thread(self._failed, usecase_message(error))
            return
        proposal = propose(summary, self.session, self.today, self.profile)
        self.app.call_from_thread(self._show, proposal)

    def _failed(self, message: str) -> None:
        self._show(None)
        self._status(message, error=True)

    def _status(self, message: str, *, error: bool) -> None:
        status = self.query_one("#bill-status", Static)
        status.update(message)
        status.set_class(error, "field-error")

    def _show(self, proposal: BillProposal | None) -> None:
        """Fill the lists from a proposal (or empty them)."""
        self.proposal = proposal
        changes = self.query_one("#bill-changes", SelectionList)
        offers = self.query_one("#bill-offers", SelectionList)
        changes.clear_options()
        offers.clear_options()
        heading = self.query_one("#bill-heading", Static)
        offers_heading = self.query_one("#bill-offers-heading", Static)
        results = self.query_one("#bill-results")
        results.display = proposal is not None
        self.query_one(".dialog").set_class(proposal is not None, "read")
        self.query_one("#bill-intro").display = proposal is None
        self.query_one("#bill-detail", Static).update("")
        for button in ("#chosen", "#all"):
            self.query_one(button, Button).disabled = proposal is None
        if proposal is None:
            return
        summary = proposal.summary
        lines = [
            t(
                "bill.heading",
                source=t(f"bill.source.{summary.source}"),
                start=summary.period.start.isoformat(),
                end=summary.period.end.isoformat(),
            )
        ]
        notes = [too_old_line(summary, self.today), read_before_line(proposal)]
        if self.session is not None and self.session.checkin_for(self.today) is None:
            notes.append(t("billdialog.checkin_hint"))
        lines += [note for note in notes if note]
        lines.append(
            t("billdialog.pick") if proposal.changes else t("bill.no_changes"),
        )
        heading.update("\n".join(lines))
        self._status("", error=False)
        changes.display = bool(proposal.changes)
        for change in proposal.changes:
            line = change_line(change, why=False)
            changes.add_option(Selection(Text(line), change.field, False))
        offers_heading.display = offers.display = bool(proposal.offers)
        offers_heading.update(t("billdialog.offers"))
        for key, month in proposal.offers.items():
            title = self.title_of(key.split("@")[0])
            offers.add_option(Selection(Text(offer_line(month, title)), key, False))
        self._detail(proposal.changes[0].field if proposal.changes else None)
        self.query_one("#all", Button).disabled = not proposal.changes
        if proposal.changes:
            changes.highlighted = 0
            changes.focus(scroll_visible=False)
        elif proposal.offers:
            offers.highlighted = 0
            offers.focus(scroll_visible=False)
        # What the bill is comes first: the results open at their top, the same each time.
        results = self.query_one("#bill-results", VerticalScroll)
        self.call_after_refresh(results.scroll_home, animate=False)

    @on(SelectionList.SelectionHighlighted)
    def _highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        self._detail(event.selection.value)

    def _detail(self, value: str | None) -> None:
        """The evidence behind the highlighted value or action."""
        detail = self.query_one("#bill-detail", Static)
        if self.proposal is None or value is None:
            detail.update("")
            return
        for change in self.proposal.changes:
            if change.field == value:
                detail.update(t("billdialog.why", why=evidence_text(change.evidence)))
                return
        month = self.proposal.offers.get(value)
        detail.update(offer_evidence(month) if month is not None else "")

    # ------------------------------------------------------------ choosing

    @on(Button.Pressed, "#chosen")
    def _use_chosen(self) -> None:
        self._finish(set(self.query_one("#bill-changes", SelectionList).selected))

    @on(Button.Pressed, "#all")
    def _use_all(self) -> None:
        if self.proposal is not None:
            self._finish({c.field for c in self.proposal.changes})

    def _finish(self, fields: set[str]) -> None:
        if self.proposal is None:
            return
        ticks = list(self.query_one("#bill-offers", SelectionList).selected)
        chosen = [c for c in self.proposal.changes if c.field in fields]
        if not chosen and not ticks:
            self._status(t("billdialog.nothing_chosen"), error=True)
            return
        self.dismiss(BillChoice(self.proposal.summary, chosen, ticks))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close; nothing changes."""
        self.dismiss(None)
