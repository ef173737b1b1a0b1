"""The Footer: every key of the screen drawn as one line by one widget.

Textual's Footer makes a widget per key and recomposes them all on each bindings change;
start-up alone brings several changes, and with fifteen keys styling those widgets was a
large part of the time to the first complete frame. Here the keys are spans of one line
(``FooterKeys``) inside the Footer's scrollable bar: a change re-renders that line, and a
burst of changes before the next refresh is folded into one. Keys look and act as in
Textual's Footer: the key in the accent colour, dim when it does nothing here, a
highlight under the mouse, a click presses the key, the wheel scrolls a long footer.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


@dataclass(frozen=True)
class FooterKeySpan:
    """One key on the line: what it shows, what it presses, and where it is."""

    key: str
    display: str
    description: str
    enabled: bool
    start: int
    end: int


class FooterKeys(Widget):
    """The footer's keys as one line; ``spans`` says which cells belong to which key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
    }
    DEFAULT_CSS = """
    FooterKeys {
        width: auto;
        height: 1;
        text-wrap: nowrap;
        background: $footer-item-background;
    }
    FooterKeys > .footer-key--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    FooterKeys > .footer-key--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    FooterKeys > .footer-key--hover {
        background: $block-hover-background;
    }
    """

    hovered: reactive[int | None] = reactive(None)

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[FooterKeySpan] = []
        # As wide as its keys, wider than the screen if need be: the Footer scrolls.
        self.set_reactive(Widget.shrink, False)

    def show(self, keys: list[tuple[str, str, str, bool]]) -> None:
        """Show ``(key, display, description, enabled)`` in order."""
        spans, start = [], 0
        for key, display, description, enabled in keys:
            end = start + cell_len(display + description)
            spans.append(FooterKeySpan(key, display, description, enabled, start, end))
            start = end + 1
        if spans != self.spans:
            self.spans = spans
            self.hovered = None
            self.refresh(layout=True)

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        hover_style = self.get_component_rich_style("footer-key--hover")
        line = Text(no_wrap=True, end="")
        for index, span in enumerate(self.spans):
            extra = Style(dim=True) if not span.enabled else Style()
            if index == self.hovered:
                extra += hover_style
            line.append(span.display, key_style + extra)
            line.append(span.description, description_style + extra)
            if index < len(self.spans) - 1:
                line.append(" ")
        return line

    def span_at(self, x: int) -> int | None:
        """The index of the key drawn at column ``x``, if any."""
        for index, span in enumerate(self.spans):
            if span.start <= x < span.end:
                return index
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the mouse."""
        self.hovered = self.span_at(event.x)

    def on_leave(self) -> None:
        """No highlight once the mouse has left."""
        self.hovered = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key that was clicked (a bell when it does nothing here)."""
        index = self.span_at(event.x)
        if index is None:
            return
        span = self.spans[index]
        if span.enabled:
            self.app.simulate_key(span.key)
        else:
            self.app.bell()


class CoachFooter(Footer):
    """A Footer whose keys are one line, re-rendered at most once per refresh."""

    _update_pending = False

    def compose(self) -> ComposeResult:
        yield FooterKeys()

    def on_mount(self) -> None:
        """Subscribe to binding changes, and show the keys there are now."""
        super().on_mount()
        self._schedule()

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Schedule one update for however many changes arrive before the next refresh."""
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        self._schedule()

    def _schedule(self) -> None:
        if not self._update_pending:
            self._update_pending = True
            self.call_after_refresh(self._update)

    def _update(self) -> None:
        self._update_pending = False
        if not self.is_attached:
            return  # the screen was rebuilt meanwhile; its new Footer shows the keys
        seen: set[str] = set()
        keys = []
        for _, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                display = self.app.get_key_display(binding)
                keys.append((binding.key, display, binding.description, enabled))
        for line in self.query(FooterKeys):
            line.show(keys)

    @property
    def keys_shown(self) -> bool:
        """Whether the keys are drawn (the screen is complete)."""
        return any(line.spans for line in self.query(FooterKeys))
