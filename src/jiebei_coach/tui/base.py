"""What every screen of the app shares: translated key bindings and language changes.

Bindings are declared with an ``id``; their Footer description is the string
``key.<id>`` in the current language, so a language switch relabels every key.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from jiebei_coach.i18n import t

if TYPE_CHECKING:
    from jiebei_coach.tui.coach import Coach


def localise_bindings(node: DOMNode) -> None:
    """Relabel ``node``'s bindings from their ids in the current language."""
    mapping = node._bindings
    translated: dict[str, list[Binding]] = {}
    for key, bindings in mapping.key_to_bindings.items():
        translated[key] = [
            dataclasses.replace(b, description=t(f"key.{b.id}")) if b.id else b for b in bindings
        ]
    fresh = BindingsMap()
    fresh.key_to_bindings = translated
    node._bindings = fresh


class CoachScreen(Screen[Any]):
    """A top-level screen of the app (one per mode)."""

    BINDINGS = [Binding("escape", "leave_field", "Leave field", id="leave_field", show=False)]

    #: Palette entries this screen adds: (title key, help key, method name).
    PALETTE: tuple[tuple[str, str, str], ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self._stale_language = False
        localise_bindings(self)

    @property
    def coach(self) -> Coach:
        """The app, as screens see it (``tui.coach.Coach``)."""
        return cast("Coach", self.app)

    async def recompose(self) -> None:
        """Rebuild, keeping focus on the widget that had it (found again by its id)."""
        focused = self.focused.id if self.focused is not None else None
        await super().recompose()
        if focused:
            for widget in self.query(f"#{focused}"):
                if widget.focusable:
                    self.set_focus(widget)
                    break

    def language_changed(self) -> None:
        """Rebuild in the new language now if shown, else when next shown."""
        localise_bindings(self)
        if self.is_current:
            self.call_later(self.recompose)
        else:
            self._stale_language = True

    def compose_no_session(self) -> ComposeResult:
        """What a session screen shows before any session is open."""
        from textual.containers import Vertical
        from textual.widgets import Static

        from jiebei_coach.tui.widgets.footer import CoachFooter
        from jiebei_coach.tui.widgets.navbar import NavBar

        yield NavBar()
        with Vertical(classes="empty"):
            yield Static(t("screen.no_session"), classes="hint")
        yield CoachFooter()

    @property
    def unsaved(self) -> bool:
        """Whether the screen holds typed changes that leaving would lose."""
        return False

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Save what the screen holds; ``then`` runs once saved. Returns whether it started."""
        return False

    def discard(self) -> None:
        """Throw away what the screen holds."""

    def action_leave_field(self) -> None:
        """Escape leaves a text field, so that single-letter keys work again; the pane
        around it takes the focus (and shows it), so the arrows still scroll there."""
        focused = self.focused
        pane = None
        if focused is not None:
            pane = next((a for a in focused.ancestors if getattr(a, "can_focus", False)), None)
        if (pane is None or pane is self) and self.AUTO_FOCUS:
            pane = next(iter(self.query(self.AUTO_FOCUS)), None)
        self.set_focus(pane if isinstance(pane, Widget) and pane is not focused else None)

    def on_resize(self, event: events.Resize) -> None:
        """A window made smaller than 80×24 gets the notice (once this resize is done)."""
        self.call_after_refresh(self.coach.check_size)

    def on_screen_resume(self) -> None:
        """Catch up with a language change made while hidden."""
        if self._stale_language:
            self._stale_language = False
            self.call_later(self.recompose)


class CoachDialog(ModalScreen[Any]):
    """A dialog with translated bindings."""

    CSS_PATH = Path(__file__).parent / "dialogs" / "dialogs.tcss"

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self)

    def on_resize(self, event: events.Resize) -> None:
        """A window made smaller than 80×24 gets the notice, over the dialog too."""
        coach: Coach = cast("Coach", self.app)
        self.call_after_refresh(coach.check_size)
