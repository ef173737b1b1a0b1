"""The Footer, rebuilt at most once per refresh and without per-key bindings.

Textual's Footer recomposes every key on each bindings change, and start-up alone brings
several of them (mount, first focus, the screen settling); each new key also binds the
Footer's ``compact`` flag, which restyles it once more. With a dozen keys that was most
of the time to the first complete frame. Here changes that arrive before the next refresh
are folded into one rebuild, and keys are made in their final style (this Footer is
never compact).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class CoachFooter(Footer):
    """A Footer that coalesces bursts of binding changes."""

    _rebuild_pending = False

    def compose(self) -> ComposeResult:
        """One key per action, as Textual's Footer shows them (groups are not used here)."""
        if not self._bindings_ready:
            return
        seen: set[str] = set()
        shown = []
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled, tooltip))
        self.styles.grid_size_columns = len(shown)
        for binding, enabled, tooltip in shown:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            )

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Schedule one rebuild for however many changes arrive before the next refresh."""
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
