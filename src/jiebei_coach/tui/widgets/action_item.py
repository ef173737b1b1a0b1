"""One planned action in the planner: a checkbox, its title and how much work it is."""

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
    ) -> None:
        super().__init__(classes="action-item")
        self.key = key
        self.title = title
        self.effort = effort
        self.done = done
        self.missed = missed
        self.kind = kind
        self.monthly_cash = monthly_cash

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(self._label(), markup=False)

    def _label(self) -> Text:
        box = Text("[x] " if self.done else "[ ] ", style="bold green" if self.done else "bold")
        title = Text(self.title, style="dim strike" if self.done else "")
        line = box + title
        tags = [t(f"effort.{self.effort}")]
        if self.kind in ("gate", "safety"):
            tags.insert(0, t(f"kind.{self.kind}"))
        line.append("  · " + " · ".join(tags), style="dim")
        if self.monthly_cash:
            line.append(
                " · " + t("planner.cash", amount=f"{self.monthly_cash:,.0f}"), style="yellow"
            )
        if self.missed:
            line.append("  " + t("planner.missed"), style="bold red")
        return line

    def set_done(self, done: bool) -> None:
        """Show the new state at once (the screen is saving it)."""
        self.show_state(done, missed=self.missed and not done)

    def show_state(self, done: bool, *, missed: bool) -> None:
        """Show the state the saved plan has."""
        if (done, missed) != (self.done, self.missed):
            self.done, self.missed = done, missed
            self.query_one(Static).update(self._label())
