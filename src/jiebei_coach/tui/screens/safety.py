"""Safety: the card, and a checker for a pasted SMS or WeChat message.

The checker names every known scam pattern the message matches, why it is a scam and
what to do. It never says a message is safe, only that no known pattern matched.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Static, TextArea

from jiebei_coach.i18n import get_language, t
from jiebei_coach.tui.base import CoachScreen
from jiebei_coach.tui.dialogs.safety import safety_text
from jiebei_coach.tui.widgets.footer import CoachFooter


def render_matches(message: str) -> Text:
    """The checker's verdict on ``message``, ready to show."""
    from jiebei_coach.domain import check_message

    lang = get_language()
    if not message.strip():
        return Text(t("scam.empty"), style="dim")
    matches = check_message(message)
    if not matches:
        return Text(t("scam.none"), style="yellow")
    text = Text(t("scam.found", count=len(matches)) + "\n", style="bold red")
    joiner = "、" if lang == "zh" else ", "
    for match in matches:
        pattern = match.pattern
        text.append(f"\n⚠ {pattern.name.get(lang)}", style="bold red")
        text.append(f"  ({joiner.join(match.phrases)})\n", style="dim")
        text.append(t("scam.why") + " ", style="bold")
        text.append(pattern.why.get(lang) + "\n")
        text.append(t("scam.do") + " ", style="bold")
        text.append(pattern.do.get(lang) + "\n")
    return text


class SafetyScreen(CoachScreen):
    """The safety card and the message checker."""

    CSS_PATH = Path(__file__).with_name("safety.tcss")
    BINDINGS = [Binding("ctrl+r,f10", "check", "Check", id="check", priority=True)]
    PALETTE = (("palette.check", "palette.check_help", "action_check"),)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="safety-body"):
            with Vertical(id="safety-card"):
                yield Static(t("safety.title"), classes="screen-title")
                yield Static(safety_text(), id="card-text", markup=False)
            with Vertical(id="checker"):
                yield Static(t("scam.title"), classes="screen-title")
                yield Static(t("scam.intro"), classes="hint")
                yield TextArea(self.coach.pasted_message, id="message", soft_wrap=True)
                yield Button(t("scam.check"), variant="primary", id="check")
                with VerticalScroll(id="verdict-box"):
                    yield Static(render_matches(self.coach.pasted_message), id="verdict")
        yield CoachFooter()

    @on(TextArea.Changed, "#message")
    def _typed(self, event: TextArea.Changed) -> None:
        self.coach.pasted_message = event.text_area.text

    @on(Button.Pressed, "#check")
    def action_check(self) -> None:
        """Check the pasted message."""
        message = self.query_one("#message", TextArea).text
        self.coach.pasted_message = message
        self.query_one("#verdict", Static).update(render_matches(message))
