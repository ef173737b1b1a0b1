"""Safety: the card, and a checker for a pasted SMS or WeChat message.

The checker shows the level (danger: a known scam shape; caution: suspicious signals), the
shape with why and what to do, the signals with the words quoted from the message, and whom
to call. It never says a message is safe, only that no known pattern was found. On a
narrow terminal the verdict takes the card's place once there is one, so that it can wrap
over the whole width; the verdict ends with the card's advice.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static, TextArea

from jiebei_coach.i18n import get_language, t
from jiebei_coach.tui.base import CoachScreen
from jiebei_coach.tui.dialogs.safety import safety_text
from jiebei_coach.tui.widgets.footer import CoachFooter
from jiebei_coach.tui.widgets.navbar import NavBar

#: Below this width the card makes way for a verdict.
NARROW = 100


def render_verdict(message: str, *, every_rule: bool = True) -> Text | None:
    """The checker's verdict on ``message``, ready to show (``None`` when it is empty)."""
    from jiebei_coach.domain import check_message
    from jiebei_coach.presentation.scam import verdict_lines

    if not message.strip():
        return None
    text = Text()
    lines = verdict_lines(check_message(message), get_language(), every_rule=every_rule)
    for line, style in lines:
        text.append(line + "\n", style=style or None)
    text.rstrip()
    return text


class SafetyScreen(CoachScreen):
    """The safety card and the message checker."""

    CSS_PATH = Path(__file__).with_name("safety.tcss")
    BINDINGS = [Binding("ctrl+r,f10", "check", "Check", id="check", priority=True)]
    PALETTE = (("palette.check", "palette.check_help", "action_check"),)

    def compose(self) -> ComposeResult:
        yield NavBar()
        with Horizontal(id="safety-body"):
            with Vertical(id="safety-card"):
                yield Static(t("safety.title"), classes="screen-title")
                yield Static(safety_text(), id="card-text", markup=False)
            with Vertical(id="checker"):
                yield Static(t("scam.title"), classes="screen-title")
                yield Static(t("scam.intro"), classes="hint")
                yield TextArea(self.coach.pasted_message, id="message", soft_wrap=True)
                yield Button(t("scam.check"), variant="primary", id="check", compact=True)
                with VerticalScroll(id="verdict-box", classes="pane"):
                    yield Static(t("scam.empty"), id="verdict", classes="hint")
        yield CoachFooter()

    def on_mount(self) -> None:
        self._show(self.coach.pasted_message)

    async def recompose(self) -> None:
        """Rebuild (a language switch) and show the verdict again in the new language."""
        await super().recompose()
        self._show(self.coach.pasted_message)

    def on_resize(self, event: events.Resize) -> None:
        self._show(self.query_one("#message", TextArea).text)

    def _show(self, message: str) -> None:
        narrow = self.size.width < NARROW
        verdict = render_verdict(message, every_rule=not narrow)
        self.set_class(narrow and verdict is not None, "-verdict-wide")
        box = self.query_one("#verdict", Static)
        box.set_class(verdict is None, "hint")
        box.update(verdict if verdict is not None else t("scam.empty"))
        self.query_one("#verdict-box", VerticalScroll).scroll_home(animate=False)

    @on(TextArea.Changed, "#message")
    def _typed(self, event: TextArea.Changed) -> None:
        self.coach.pasted_message = event.text_area.text

    @on(Button.Pressed, "#check")
    def action_check(self) -> None:
        """Check the pasted message."""
        message = self.query_one("#message", TextArea).text
        self.coach.pasted_message = message
        self._show(message)
