"""The command palette: every action, found by its name in either language.

Commands are listed in the current language. A search matches the Chinese and the English
name of each command, so ``theme`` finds 切换主题 and 主题 finds Switch theme; a command
found by its other name shows that name beside its own, so it is clear why it matched.
The palette's own words (its placeholder, "no matches") are in the current language too,
and it is never open twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen
from textual.widgets.option_list import Option

from jiebei_coach.i18n import LANGS, get_language, t
from jiebei_coach.tui.base import CoachScreen

if TYPE_CHECKING:
    from textual.app import App

    _Base = App[None]
else:
    _Base = object

#: A palette entry: the keys of its title and help, and what it does.
Entry = tuple[str, str, Callable[[], Any]]


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
        stacks = self._screen_stacks.values()
        if any(isinstance(s, CommandPalette) for stack in stacks for s in stack):
            return
        if self.use_command_palette:
            self.push_screen(CoachPalette(placeholder=t("palette.placeholder")))

    def palette_entries(self, screen: Screen[Any]) -> list[Entry]:
        """Every action there is on ``screen``: the app's, then the screen's own."""
        entries: list[Entry] = [
            ("palette.home", "palette.home_help", partial(self._leave_to, "home")),
            ("palette.profile", "palette.profile_help", partial(self._leave_to, "profile")),
            ("palette.breakdown", "palette.breakdown_help", partial(self._leave_to, "breakdown")),
            ("palette.planner", "palette.planner_help", partial(self._leave_to, "planner")),
            ("palette.help", "palette.help_help", self.action_help),
            ("palette.safety", "palette.safety_help", self.action_safety),
            ("palette.cost", "palette.cost_help", partial(self._leave_to, "cost")),
            ("palette.language", "palette.language_help", self.action_switch_language),
            ("palette.theme", "palette.theme_help", self.action_toggle_theme),
            ("palette.quit", "palette.quit_help", self._quit_from_palette),
        ]
        if isinstance(screen, CoachScreen):
            for title, help_key, method in screen.PALETTE:
                owner: Any = self if method.startswith("app.") else screen
                entries.append((title, help_key, getattr(owner, method.removeprefix("app."))))
        return entries

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action, named in the current language."""
        for title, help_key, callback in self.palette_entries(screen):
            yield SystemCommand(t(title), t(help_key), callback)


class CoachCommands(Provider):
    """The app's and the screen's actions, matched in both languages."""

    def _entries(self) -> list[Entry]:
        app: Any = self.app
        entries: list[Entry] = app.palette_entries(self.screen)
        return entries

    async def discover(self) -> Hits:
        """Every command, by its name in the current language."""
        for title, help_key, callback in self._entries():
            yield DiscoveryHit(t(title), callback, help=t(help_key))

    async def search(self, query: str) -> Hits:
        """Commands whose name in either language matches ``query``."""
        matcher = self.matcher(query)
        shown = get_language()
        other = next(lang for lang in LANGS if lang != shown)
        for title, help_key, callback in self._entries():
            own, foreign = t(title, shown), t(title, other)
            score = matcher.match(own)
            if score > 0:
                yield Hit(score, matcher.highlight(own), callback, text=own, help=t(help_key))
                continue
            score = matcher.match(foreign)
            if score > 0:
                display = Content(own + " · ").append(matcher.highlight(foreign))
                yield Hit(score * 0.9, display, callback, text=own, help=t(help_key))


class CoachPalette(CommandPalette):
    """Textual's palette, saying "no matches" in the current language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("palette.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
