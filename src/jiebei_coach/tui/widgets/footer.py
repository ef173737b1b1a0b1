"""The Footer: every key of the screen drawn by one widget, on as many lines as it needs.

Textual's Footer makes a widget per key and recomposes them all on each bindings change;
start-up alone brings several changes, and with fifteen keys styling those widgets was a
large part of the time to the first complete frame. Here the keys are spans of one text
(``FooterKeys``): a change re-renders it, and a burst of changes before the next refresh
is folded into one. Keys look and act as in Textual's Footer: the key in the accent
colour, dim when it does nothing here, a highlight under the mouse, a click presses the
key; keys of one group (``[`` ``]``) share a label. When the keys do not fit on one line
they go on to a second, between keys, so that none is ever out of sight.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from jiebei_coach.i18n import catalog, get_language, t


@dataclass(frozen=True)
class FooterKey:
    """One key as shown: what it presses, its key text, its label, whether it works."""

    key: str
    display: str
    description: str
    enabled: bool


@dataclass(frozen=True)
class FooterKeySpan:
    """One key on the footer: what it shows, what it presses, and where it is."""

    key: str
    display: str
    description: str
    enabled: bool
    start: int
    end: int
    line: int = 0


def lay_out(keys: list[FooterKey], width: int) -> list[FooterKeySpan]:
    """Place ``keys`` on lines of ``width`` cells, one space apart, breaking between keys
    (a key and its label are one space apart too)."""
    spans: list[FooterKeySpan] = []
    line, start = 0, 0
    for key in keys:
        cells = cell_len(key.display) + 1 + cell_len(key.description)
        if start and start + cells > width:
            line, start = line + 1, 0
        spans.append(
            FooterKeySpan(
                key.key, key.display, key.description, key.enabled, start, start + cells, line
            )
        )
        start += cells + 1
    return spans


class FooterKeys(Widget):
    """The footer's keys as text; ``spans`` says which cells belong to which key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
    }
    DEFAULT_CSS = """
    FooterKeys {
        width: 1fr;
        height: auto;
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
        self.keys: list[FooterKey] = []

    @property
    def spans(self) -> list[FooterKeySpan]:
        """The keys as placed at the present width."""
        return lay_out(self.keys, self.size.width or 1_000)

    def show(self, keys: list[tuple[str, str, str, bool]]) -> None:
        """Show ``(key, display, description, enabled)`` in order."""
        shown = [FooterKey(*key) for key in keys]
        if shown != self.keys:
            self.keys = shown
            self.hovered = None
            self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        """As many lines as the keys need at ``width``."""
        spans = lay_out(self.keys, width)
        return spans[-1].line + 1 if spans else 1

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        hover_style = self.get_component_rich_style("footer-key--hover")
        text = Text(no_wrap=True, end="")
        line = 0
        for index, span in enumerate(self.spans):
            if span.line != line:
                text.append("\n")
                line = span.line
            elif index:
                text.append(" ")
            extra = Style(dim=True) if not span.enabled else Style()
            if index == self.hovered:
                extra += hover_style
            text.append(span.display, key_style + extra)
            text.append(" " + span.description, description_style + extra)
        return text

    def span_at(self, x: int, y: int = 0) -> int | None:
        """The index of the key drawn at column ``x`` of line ``y``, if any."""
        for index, span in enumerate(self.spans):
            if span.line == y and span.start <= x < span.end:
                return index
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the mouse."""
        self.hovered = self.span_at(event.x, event.y)

    def on_leave(self) -> None:
        """No highlight once the mouse has left."""
        self.hovered = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key that was clicked (a bell when it does nothing here)."""
        index = self.span_at(event.x, event.y)
        if index is None:
            return
        span = self.spans[index]
        if span.enabled:
            self.app.simulate_key(span.key)
        else:
            self.app.bell()


def describe(binding: Binding) -> str:
    """A key's label in the current language; Textual's own keys (a dropdown's escape)
    are named from ``key.textual.<action>``."""
    if binding.id is None:
        key = f"key.textual.{binding.action}"
        if key in catalog(get_language()):
            return t(key)
    return binding.description


def grouped(bindings: list[tuple[Binding, bool, str]]) -> list[tuple[str, str, str, bool]]:
    """Keys for the footer; neighbours of one group share one label (``[]`` Month)."""
    keys: list[tuple[str, str, str, bool]] = []
    index = 0
    while index < len(bindings):
        binding, enabled, display = bindings[index]
        group = binding.group
        if group is None:
            keys.append((binding.key, display, describe(binding), enabled))
            index += 1
            continue
        members = [bindings[index]]
        while index + len(members) < len(bindings):
            other = bindings[index + len(members)]
            if other[0].group != group:
                break
            members.append(other)
        shown = "".join(member[2] for member in members)
        label = t(f"key.{group.description}")
        keys.append((binding.key, shown, label, any(m[1] for m in members)))
        index += len(members)
    return keys


class CoachFooter(Footer):
    """A Footer whose keys are one widget, re-rendered at most once per refresh."""

    DEFAULT_CSS = """
    CoachFooter {
        height: auto;
        max-height: 3;
    }
    """

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
        shown: list[tuple[Binding, bool, str]] = []
        for _, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled, self.app.get_key_display(binding)))
        for line in self.query(FooterKeys):
            line.show(grouped(shown))

    @property
    def keys_shown(self) -> bool:
        """Whether the keys are drawn (the screen is complete)."""
        return any(line.keys for line in self.query(FooterKeys))
