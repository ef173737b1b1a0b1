"""Confirmations: yes/no (``True`` only on an explicit yes), and leaving unsaved changes."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from jiebei_coach.i18n import t
from jiebei_coach.tui.base import CoachDialog


class ConfirmDialog(CoachDialog):
    """Ask before doing something.

    Something that cannot be undone (``danger``, the default) has a red button and Enter
    cancels; something safe (re-planning keeps every tick) has the usual button, and
    Enter does it.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, message: str, confirm_label: str, *, danger: bool = True) -> None:
        super().__init__()
        self.message = message
        self.confirm_label = confirm_label
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.message, classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    self.confirm_label, variant="error" if self.danger else "primary", id="yes"
                )
                yield Button(t("dialog.cancel"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_cancel(self) -> None:
        """Close without confirming."""
        self.dismiss(False)


LeaveChoice = Literal["save", "discard", "stay"]


class LeaveDialog(CoachDialog):
    """Unsaved changes in the form: save them, discard them, or stay."""

    BINDINGS = [Binding("escape", "stay", "Stay", id="stay")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("leave.question"), classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("leave.save"), variant="primary", id="save")
                yield Button(t("leave.discard"), variant="error", id="discard")
                yield Button(t("leave.stay"), id="stay")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        choice: LeaveChoice = "stay"
        if event.button.id == "save":
            choice = "save"
        elif event.button.id == "discard":
            choice = "discard"
        self.dismiss(choice)

    def action_stay(self) -> None:
        """Go back to the form."""
        self.dismiss("stay")
