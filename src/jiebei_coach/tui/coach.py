"""What screens may ask of the app: a small typed interface instead of the app class.

Screens read the state (the open session, the list, today) and ask for operations; the
app runs them as use cases in workers and updates the state, which the screens watch.
Keeping screens on this interface keeps them from reaching into the app's internals and
breaks the import cycle between the app and its screens.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from jiebei_coach.domain import Profile, Session
    from jiebei_coach.store import Summary


class Coach(Protocol):
    """The app as screens see it."""

    session: Session | None
    summaries: list[Summary]
    loading: bool
    creating: bool
    pasted_message: str
    cost_draft: dict[str, str]

    @property
    def today(self) -> date:
        """Today's date (injected in tests)."""

    def check_size(self) -> None:
        """Show the too-small notice when the window is below 80×24."""

    def session_name(self) -> str:
        """The open session's name, or empty."""

    def action_title(self, action_id: str) -> str:
        """An action's title in the current language."""

    def open_session(self, session_id: str, mode: str = "planner") -> None:
        """Load a session and show it."""

    def draft_key(self) -> str:
        """Whose profile the form edits now: ``"new"`` or the open session's id."""

    def profile_draft(self, key: str | None = None) -> dict[str, Any]:
        """What is typed in the profile form for ``key`` (by default :meth:`draft_key`)."""

    def reset_profile_draft(self, key: str | None = None) -> None:
        """Throw away what was typed for ``key`` and start from the saved profile."""

    def save_profile(
        self, key: str, profile: Profile, name: str, then: Callable[[], None] | None = None
    ) -> None:
        """Save the draft ``key``: a new session, or that session's new profile; ``then``
        runs once it is saved (instead of showing the breakdown)."""

    def save_tick(self, key: str, done: bool) -> None:
        """Tick or untick an action of the open session."""

    def save_checkin(self, month: date, sesame: int | None, limit: float | None) -> None:
        """Record a month's real figures for the open session."""

    def add_draw(self, amount: float, use: str, purpose: str) -> None:
        """Log what a draw paid for."""

    def replan_session(self) -> None:
        """Plan again from this month for the saved profile."""

    def export_session(self, fmt: str, path: Path) -> None:
        """Write the open session in ``fmt`` to ``path``."""

    def rename_session(self, session_id: str) -> None:
        """Ask for a new name, then save it."""

    def duplicate_session(self, session_id: str) -> None:
        """Copy a session."""

    def delete_session(self, session_id: str) -> None:
        """Ask, then delete."""
