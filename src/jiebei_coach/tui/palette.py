"""The command palette: every action, named in the current language, never open twice."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import Screen

from jiebei_coach.i18n import t
from jiebei_coach.tui.base import CoachScreen

if TYPE_CHECKING:
    from textual.app import App

    _Base = App[None]
else:
    _Base = object


class PaletteCommands(_Base):
    """The palette's entries and its key (mixed into the app)."""

    if TYPE_CHECKING:  # provided by the app

        def _leave(self, go: Callable[[], object]) -> bool: ...

        def _leave_to(self, mode: str) -> None: ...

        def action_help(self) -> None: ...

        def action_safety(self) -> None: ...

        def action_switch_language(self) -> None: ...

        def action_toggle_theme(self) -> None: ...

    def _quit_from_palette(self) -> None:
        if not self._leave(self.exit):
            self.exit()

    def action_command_palette(self) -> None:
        """The command palette, in the current language (never two at once)."""
        from textual.command import CommandPalette

        stacks = self._screen_stacks.values()
        if any(isinstance(s, CommandPalette) for stack in stacks for s in stack):
            return
        if self.use_command_palette:
            self.push_screen(CommandPalette(placeholder=t("palette.placeholder")))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action, named in the current language."""
        entries: list[tuple[str, str, Callable[[], Any]]] = [
            ("palette.home", "palette.home_help", lambda: self._leave_to("home")),
            ("palette.profile", "palette.profile_help", lambda: self._leave_to("profile")),
            ("palette.breakdown", "palette.breakdown_help", lambda: self._leave_to("breakdown")),
            ("palette.planner", "palette.planner_help", lambda: self._leave_to("planner")),
            ("palette.help", "palette.help_help", self.action_help),
            ("palette.safety", "palette.safety_help", self.action_safety),
            ("palette.cost", "palette.cost_help", lambda: self._leave_to("cost")),
            ("palette.language", "palette.language_help", self.action_switch_language),
            ("palette.theme", "palette.theme_help", self.action_toggle_theme),
            ("palette.quit", "palette.quit_help", self._quit_from_palette),
        ]
        if isinstance(screen, CoachScreen):
            for title, help_key, method in screen.PALETTE:
                owner: Any = self if method.startswith("app.") else screen
                entries.append((title, help_key, getattr(owner, method.removeprefix("app."))))
        for title, help_key, callback in entries:
            yield SystemCommand(t(title), t(help_key), callback)
