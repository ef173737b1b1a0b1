"""One planned action in the planner: a checkbox, its title and how much work it is.

A star and its number mark an action that works on one of the breakdown's three biggest
levers (the same ★ the breakdown shows).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import ListItem, Static

from jiebei_coach.i18n import t


class ActionItem(ListItem):
    """A row of the month's checklist. The screen toggles it; it only shows state."""

    def __init__(
        self,
        key: str,
        title: str,
        effort: str,
        done: bool,
        missed: bool,
        kind: str,
        monthly_cash: float = 0.0,
        lever: int | None = None,
    ) -> None:
        super().__init__(classes="action-item")
        self.key = key
        self.title = title
        self.effort = effort
        self.done = done
        self.missed = missed
        self.kind = kind
        self.monthly_cash = monthly_cash
        self.lever = lever

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(self._label(), markup=False)

    def _label(self) -> Text:
        """The checkbox and title, the lever's star, the money it asks, missed or not (its
        effort and kind are in the detail below the list)."""
        box = Text("[x] " if self.done else "[ ] ", style="bold green" if self.done else "bold")
        line = box + Text(self.title, style="dim strike" if self.done else "")
        if self.lever is not None:
            line.append(f" ★{self.lever}", style="bold yellow")
        if self.monthly_cash:
            amount = t("planner.cash", amount=f"{self.monthly_cash:,.0f}")
            line.append(" · " + amount, style="yellow")
        if self.missed:
            line.append(" · " + t("planner.missed"), style="bold red")
        return line

    def set_done(self, done: bool) -> None:
        """Show the new state at once (the screen is saving it)."""
        self.show_state(done, missed=self.missed and not done)

    def show_state(self, done: bool, *, missed: bool) -> None:
        """Show the state the saved plan has."""
        if (done, missed) != (self.done, self.missed):
            self.done, self.missed = done, missed
            self.query_one(Static).update(self._label())
