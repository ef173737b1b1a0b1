"""The safety card: nobody can raise your limit for a fee."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Static

from jiebei_coach.i18n import t
from jiebei_coach.tui.base import CoachDialog


def safety_text() -> str:
    """The card's lines, shared with the help screen."""
    return "\n".join(t(f"safety.line{i}") for i in range(1, 6))


class SafetyDialog(CoachDialog):
    """Always one key away."""

    BINDINGS = [Binding("escape", "close", "Close", id="close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog safety-card"):
            yield Static(t("safety.title"), classes="dialog-title")
            yield Static(safety_text(), classes="dialog-text", markup=False)
            yield Button(t("dialog.close"), variant="primary", id="close")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed)
    def action_close(self) -> None:
        """Close the card."""
        self.dismiss(None)
