"""Below 80×24 the screens cannot show what they hold: say so instead of a broken screen.

The notice covers everything until the window is large enough again (it then closes by
itself); meanwhile only quitting works, so no key acts on a screen nobody can see.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from jiebei_coach.i18n import t
from jiebei_coach.tui.base import localise_bindings

#: The smallest window every screen is made for.
MIN_WIDTH, MIN_HEIGHT = 80, 24


def too_small(width: int, height: int) -> bool:
    """Whether a window of this size is below what the screens are made for."""
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    """The window is too small: how big it is, how big it must be."""

    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
        background: $background;
    }
    TooSmallScreen > Vertical {
        width: 100%;
        height: auto;
        padding: 0 1;
    }
    TooSmallScreen Static {
        width: 100%;
        text-align: center;
    }
    TooSmallScreen #too-small-title {
        text-style: bold;
        color: $text-warning;
    }
    """
    BINDINGS = [Binding("q", "app.quit", "Quit", id="quit")]

    def __init__(self) -> None:
        super().__init__()
        self._leaving = False
        localise_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="too-small-title")
            yield Static("", id="too-small-body")

    def on_mount(self) -> None:
        self._describe()

    def on_resize(self) -> None:
        """Say the new size, or close once the window is large enough."""
        if too_small(*self.app.size):
            self._describe()
        else:
            self._close()

    def on_screen_resume(self) -> None:
        """Close when the window grew while something else was on top."""
        if not too_small(*self.app.size):
            self.call_after_refresh(self._close)

    def _close(self) -> None:
        if self.is_current and not self._leaving:
            self._leaving = True
            self.dismiss(None)

    def _describe(self) -> None:
        width, height = self.app.size
        self.query_one("#too-small-title", Static).update(t("small.title"))
        body = t(
            "small.body", width=width, height=height, min_width=MIN_WIDTH, min_height=MIN_HEIGHT
        )
        self.query_one("#too-small-body", Static).update(body)
