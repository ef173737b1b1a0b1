"""Ask for a session name; dismissed with the name, or ``None`` when cancelled."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from jiebei_coach.i18n import t
from jiebei_coach.presentation.messages import usecase_message
from jiebei_coach.tui.base import CoachDialog
from jiebei_coach.usecases.errors import UseCaseError
from jiebei_coach.usecases.sessions import checked_name


class NameDialog(CoachDialog):
    """A one-field form for naming or renaming a session."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, title: str, initial: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.initial, id="name")
            yield Static("", id="name-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialog.ok"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        try:
            name = checked_name(self.query_one("#name", Input).value)
        except UseCaseError as error:  # the same rule and words as everywhere else
            self.query_one("#name-error", Static).update(usecase_message(error))
            return
        self.dismiss(name)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without a name."""
        self.dismiss(None)
