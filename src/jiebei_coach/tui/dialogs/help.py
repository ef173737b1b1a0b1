"""Help: the keys, how the model works, the honesty note and the safety card."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from jiebei_coach.i18n import t
from jiebei_coach.tui.base import CoachDialog
from jiebei_coach.tui.dialogs.safety import safety_text

#: (keys, binding id) in the order the help lists them.
KEYS: tuple[tuple[str, str], ...] = (
    ("h / F2", "home"),
    ("e / F3", "profile"),
    ("b / F4", "breakdown"),
    ("p / F5", "planner"),
    ("k / F11", "cost"),
    ("? / F1", "help"),
    ("s / F6", "safety"),
    ("l / F7", "language"),
    ("t / F8", "theme"),
    ("ctrl+p / F9", "palette"),
    ("q / ctrl+q", "quit"),
    ("enter", "open"),
    ("n", "new"),
    ("m", "demo"),
    ("r", "rename"),
    ("c", "duplicate"),
    ("delete / x", "delete"),
    ("space / enter", "toggle"),
    ("[ / ]", "month"),
    ("i", "checkin"),
    ("R", "replan"),
    ("o", "export"),
    ("u", "funds"),
    ("n", "notes"),
    ("w", "whatif"),
    ("ctrl+r / F10", "check"),
    ("ctrl+s / F10", "save"),
)


class HelpDialog(CoachDialog):
    """Everything a newcomer needs, in one scrollable page."""

    BINDINGS = [Binding("escape", "close", "Close", id="close")]

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold")
        keys.add_column()
        for shown, binding_id in KEYS:
            keys.add_row(shown, t(f"help.key.{binding_id}"))
        with Vertical(classes="dialog help"):
            yield Static(t("help.title"), classes="dialog-title")
            with VerticalScroll(classes="pane"):
                yield Static(t("help.keys"), classes="help-heading")
                yield Static(keys)
                yield Static(t("help.model_heading"), classes="help-heading")
                yield Static(Text(t("help.model")))
                yield Static(t("help.honesty_heading"), classes="help-heading")
                yield Static(Text(t("help.honesty")))
                yield Static(t("safety.title"), classes="help-heading")
                yield Static(Text(safety_text()), classes="safety-text")
            yield Button(t("dialog.close"), variant="primary", id="close")

    @on(Button.Pressed)
    def action_close(self) -> None:
        """Close help."""
        self.dismiss(None)
