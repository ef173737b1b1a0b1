"""The top line: the app's screens as tabs, each with its key, the one shown marked.

It takes the place of Textual's Header (whose title said nothing about where you are)
and keeps the Footer free for the screen's own keys. A tab shows the key that works now:
the letter, or its function key while a text field takes letters. A click on a tab
switches to it, asking first about unsaved changes, as its key does.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from jiebei_coach.i18n import t

#: The modes, in the order of their tabs.
TABS = ("home", "profile", "breakdown", "planner", "cost", "safety")


@dataclass(frozen=True)
class Tab:
    """A tab: its mode, what it shows and where."""

    mode: str
    key: str
    label: str
    start: int
    end: int


class NavBar(Widget):
    """The screens as tabs, with the app's name when there is room."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"navbar--brand", "navbar--key", "navbar--current", "navbar--hover"}
    DEFAULT_CSS = """
    NavBar {
        dock: top;
        width: 1fr;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    NavBar > .navbar--brand {
        text-style: bold;
        color: $text-accent;
    }
    NavBar > .navbar--key {
        text-style: bold;
        color: $text-accent;
    }
    NavBar > .navbar--current {
        background: $primary;
        color: $text;
        text-style: bold;
    }
    NavBar > .navbar--hover {
        background: $block-hover-background;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.hovered: str | None = None

    def on_mount(self) -> None:
        """Show the keys that work now, and again whenever they change."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def _keys(self) -> dict[str, str]:
        """Each mode's key as it works now (a letter, or a function key in a text field)."""
        keys: dict[str, str] = {}
        for _, binding, _enabled, _tip in self.screen.active_bindings.values():
            action = binding.action
            if action.startswith("switch_mode("):
                mode = action[len("switch_mode(") :].strip("')\"")
                shown = self.app.get_key_display(binding)
                if mode not in keys or (len(shown) == 1 and len(keys[mode]) > 1):
                    keys[mode] = shown
        return keys

    def tabs(self) -> list[Tab]:
        """The tabs as placed, after the app's name when it fits."""
        keys = self._keys()
        labels = [(mode, keys.get(mode, ""), t(f"key.{mode}")) for mode in TABS]
        needed = sum(cell_len(f" {key} {label} ") for _, key, label in labels)
        brand = f" {t('app.title')} "
        start = cell_len(brand) + 1 if needed + cell_len(brand) + 1 <= self.size.width else 0
        tabs = []
        for mode, key, label in labels:
            end = start + cell_len(f" {key} {label} ")
            tabs.append(Tab(mode, key, label, start, end))
            start = end
        return tabs

    def render(self) -> Text:
        brand_style = self.get_component_rich_style("navbar--brand")
        key_style = self.get_component_rich_style("navbar--key")
        current_style = self.get_component_rich_style("navbar--current")
        hover_style = self.get_component_rich_style("navbar--hover")
        tabs = self.tabs()
        text = Text(no_wrap=True, end="")
        if tabs and tabs[0].start:
            text.append(f" {t('app.title')} ", brand_style)
            text.append("│")
        current = self.app.current_mode
        for tab in tabs:
            if tab.mode == current:
                text.append(f" {tab.key} {tab.label} ", current_style)
            else:
                style = hover_style if tab.mode == self.hovered else None
                text.append(" ", style)
                text.append(tab.key, key_style + hover_style if style else key_style)
                text.append(f" {tab.label} ", style)
        return text

    def tab_at(self, x: int) -> Tab | None:
        """The tab drawn at column ``x``, if any."""
        return next((tab for tab in self.tabs() if tab.start <= x < tab.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the tab under the mouse."""
        tab = self.tab_at(event.x)
        hovered = tab.mode if tab else None
        if hovered != self.hovered:
            self.hovered = hovered
            self.refresh()

    def on_leave(self) -> None:
        """No highlight once the mouse has left."""
        self.hovered = None
        self.refresh()

    async def on_click(self, event: events.Click) -> None:
        """Switch to the tab clicked (asking first about unsaved changes)."""
        tab = self.tab_at(event.x)
        if tab is not None and tab.mode != self.app.current_mode:
            await self.app.run_action(f"switch_mode('{tab.mode}')")
