"""What-if: change a few inputs and watch the index, the band and each factor move.

The table lists the factors whose own score changes. When a gate opens or closes (debts
far above income, too many lenders, something overdue) every part of the index moves with
it; that is one row of its own, not a small change beside every factor.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from jiebei_coach.domain import Profile
from jiebei_coach.i18n import get_language, t
from jiebei_coach.presentation.profile_draft import KINDS, PARSERS, draft_from_profile
from jiebei_coach.tui.base import CoachDialog

#: The inputs people most often ask "what if" about, in the order shown.
FIELDS = (
    "on_time_rate",
    "late_payments_24m",
    "lender_count",
    "monthly_debt_payment",
    "jiebei_balance",
    "draws_90d",
    "inquiries_6m",
    "liquid_assets",
)


class WhatIfDialog(CoachDialog):
    """Today's breakdown beside the one a changed profile would get."""

    BINDINGS = [Binding("escape", "close", "Close", id="close")]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.today = profile

    def compose(self) -> ComposeResult:
        draft = draft_from_profile(self.today)
        with Vertical(classes="dialog whatif"):
            yield Static(t("whatif.title"), classes="dialog-title")
            yield Static(t("whatif.intro"), classes="hint")
            with Horizontal(id="whatif-body"):
                with Vertical(id="whatif-inputs"):
                    for name in FIELDS:
                        with Horizontal(classes="form-row"):
                            yield Label(t(f"whatif.field.{name}"), classes="form-label")
                            yield Input(
                                draft[name], id=f"wi-{name}", compact=True, select_on_focus=False
                            )
                    with Horizontal(classes="form-row"):
                        yield Label(t("whatif.field.overdue_now"), classes="form-label")
                        yield Select[bool](
                            [(t("profile.yes"), True), (t("profile.no"), False)],
                            prompt=t("profile.unknown"),
                            value=Select.NULL
                            if draft["overdue_now"] is None
                            else draft["overdue_now"],
                            id="wi-overdue_now",
                            compact=True,
                        )
                with Vertical(id="whatif-results"):
                    yield Static("", id="whatif-headline")
                    yield DataTable(id="whatif-table", cursor_type="none")
            yield Button(t("dialog.close"), id="close")

    def on_mount(self) -> None:
        self._update()

    @on(Input.Changed)
    @on(Select.Changed)
    def _update(self) -> None:
        values: dict[str, Any] = self.today.known_fields()
        problems = []
        for name in FIELDS:
            text = self.query_one(f"#wi-{name}", Input).value
            try:
                parsed = PARSERS[KINDS[name]](text)
            except ValueError:
                problems.append(t(f"field.{name}"))
                continue
            if parsed is None:
                values.pop(name, None)
            else:
                values[name] = parsed
        overdue = self.query_one("#wi-overdue_now", Select).value
        if overdue is Select.NULL:
            values.pop("overdue_now", None)
        else:
            values["overdue_now"] = bool(overdue)
        headline = self.query_one("#whatif-headline", Static)
        if problems:
            headline.update(
                Text(t("whatif.unreadable", fields="、".join(problems)), style="bold red")
            )
            return
        try:
            changed = Profile.model_validate(values)
        except Exception as exc:  # a pydantic ValidationError: show its plain sentence
            from pydantic import ValidationError

            from jiebei_coach.presentation.fields import error_messages

            if not isinstance(exc, ValidationError):
                raise
            headline.update(Text("; ".join(error_messages(exc).values()), style="bold red"))
            return
        self._show(changed)

    def _show(self, changed: Profile) -> None:
        from jiebei_coach.domain import score

        lang = get_language()
        before, after = score(self.today), score(changed)
        text = Text()
        text.append(t("whatif.index") + " ", style="bold")
        text.append(f"{before.index:.1f}")
        text.append(" → ")
        delta = after.index - before.index
        style = "bold green" if delta > 0 else ("bold red" if delta < 0 else "bold")
        text.append(f"{after.index:.1f} ({delta:+.1f})", style=style)
        text.append("\n" + self._sesame(before, after))
        self.query_one("#whatif-headline", Static).update(text)
        table = self.query_one("#whatif-table", DataTable)
        table.clear(columns=True)
        headers = t("whatif.columns").split("|")
        score_width = max(11, cell_len(headers[1]))
        points_width = max(7, cell_len(headers[2]))
        name_width = max(12, table.size.width - 2 - (score_width + 2) - (points_width + 2) - 2)
        widths = (name_width, score_width, points_width)
        for column, width in zip(headers, widths, strict=True):
            table.add_column(column, width=width)
        shown = 0.0
        for old, new in zip(before.factors, after.factors, strict=True):
            if round(old.score) == round(new.score):
                continue  # its own score did not move (a gate's effect is its own row)
            move = new.contribution - old.contribution
            shown += move
            table.add_row(
                old.name.get(lang),
                f"{old.score:.0f} → {new.score:.0f}",
                Text(f"{move:+.1f}", style="green" if move > 0 else "red"),
                height=None,
            )
        if abs(before.gate_multiplier - after.gate_multiplier) > 1e-9:
            rest = (after.index - before.index) - shown
            multiplier = f"→ ×{after.gate_multiplier:.2f}"
            table.add_row(
                t("whatif.gate_row"),
                multiplier,
                Text(f"{rest:+.1f}", style="green" if rest > 0 else "red"),
                height=None,
            )
        if not table.row_count:
            table.add_row(t("whatif.no_change"), "", "")

    @staticmethod
    def _sesame(before: Any, after: Any) -> str:
        """How the Sesame-equivalent would move: from the real score when known."""
        from jiebei_coach.domain import load_model

        scale = load_model().sesame
        start = before.sesame_actual if before.sesame_actual is not None else before.sesame_estimate
        if start is None or (before.sesame_actual is None and after.sesame_estimate is None):
            return t("whatif.no_band")
        delta = round(scale.centre(after.index) - scale.centre(before.index))
        return t("whatif.sesame", before=start, after=start + delta, delta=delta)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Close; nothing is saved."""
        self.dismiss(None)
