"""The profile form's "From a bill…": read a bill, take the chosen values into the draft.

The values go into the form as typed-but-unsaved changes (saving keeps them, and the
record of the bill, in one transaction; discarding drops both). Plan ticks the user chose
in the dialog are made at once, like any tick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Static

from jiebei_coach.i18n import t
from jiebei_coach.parsing import format_amount
from jiebei_coach.presentation.profile_draft import AMOUNT, KINDS, SET, check_draft
from jiebei_coach.tui.base import CoachScreen

if TYPE_CHECKING:
    from jiebei_coach.domain import FieldChange
    from jiebei_coach.tui.dialogs.bill import BillChoice


def draft_value(change: FieldChange) -> Any:
    """A bill's value as the form holds it: text for numbers, a sorted list for sets."""
    value = change.model_dump(mode="json")["new"]
    kind = KINDS.get(change.field)
    if kind == SET:
        return sorted(value)
    if kind == AMOUNT:
        return format_amount(float(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


class ProfileBill(CoachScreen):
    """The profile screen's bill import (the screen provides ``draft_key`` and ``_draft``)."""

    draft_key: str

    if TYPE_CHECKING:

        def _draft(self) -> dict[str, Any]: ...

    def action_bill(self) -> None:
        """Read a bill and take some or all of what it shows into the form."""
        from jiebei_coach.tui.dialogs.bill import BillDialog

        if not self.draft_key:
            return
        session = None if self.draft_key == "new" else self.coach.session
        profile, _ = check_draft(self._draft())
        dialog = BillDialog(session, profile, self.coach.today, self.coach.action_title)
        self.app.push_screen(dialog, self._bill_chosen)

    def _bill_chosen(self, choice: BillChoice | None) -> None:
        from jiebei_coach.usecases.bills import bill_record

        if choice is None:
            return
        if choice.changes:
            draft = self._draft()
            typed = draft.setdefault("_typed", set())
            for change in choice.changes:
                draft[change.field] = draft_value(change)
                typed.add(change.field)
            draft["_bill"] = bill_record(choice.summary, choice.changes, self.coach.today)
            period = choice.summary.period
            message = t(
                "profile.bill_taken",
                count=len(choice.changes),
                source=t(f"bill.source.{choice.summary.source}"),
                start=period.start.isoformat(),
                end=period.end.isoformat(),
            )
            self.call_later(self._show_bill_values, message)
        for key in choice.ticks:
            self.coach.save_tick(key, True)
        if choice.ticks:
            titles = "、".join(self.coach.action_title(k.split("@")[0]) for k in choice.ticks)
            self.app.notify(t("profile.bill_ticked", titles=titles))

    async def _show_bill_values(self, message: str) -> None:
        await self.recompose()
        self.query_one("#profile-status", Static).update(message)
        self.app.notify(message, timeout=10)
