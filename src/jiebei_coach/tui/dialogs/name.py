"""Ask for a session name; dismissed with the name, or ``None`` when cancelled."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from jiebei_coach.domain.limits import NAME_MAX
from jiebei_coach.i18n import t
from jiebei_coach.tui.base import CoachDialog


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
            yield Input(self.initial, max_length=NAME_MAX, id="name")
            yield Static("", id="name-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialog.ok"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        name = " ".join(self.query_one("#name", Input).value.split())
        if not name:
            self.query_one("#name-error", Static).update(t("dialog.name_empty"))
            return
        self.dismiss(name)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without a name."""
        self.dismiss(None)
