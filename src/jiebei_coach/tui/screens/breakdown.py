"""Breakdown: the index, its Sesame-equivalent band, every dimension and factor.

The three biggest levers are starred, unknown inputs are marked, and the highlighted
factor's rationale, sources and confidence are shown below the table. The honesty note is
always on screen.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Header, Static

from jiebei_coach.domain import Breakdown, FactorScore, load_sources, score
from jiebei_coach.i18n import get_language, t
from jiebei_coach.presentation.report import (
    cite,
    fit,
    gate_line,
    sesame_comparison,
    sesame_headline,
)
from jiebei_coach.tui.base import CoachScreen
from jiebei_coach.tui.widgets.bars import bar
from jiebei_coach.tui.widgets.footer import CoachFooter


class BreakdownScreen(CoachScreen):
    """What drives the estimated index, and where the points still are."""

    BINDINGS = [Binding("w", "whatif", "What if", id="whatif")]
    PALETTE = (("palette.whatif", "palette.whatif_help", "action_whatif"),)

    CSS_PATH = Path(__file__).with_name("breakdown.tcss")

    def compose(self) -> ComposeResult:
        session = self.coach.session
        if session is None:
            yield from self.compose_no_session()
            return
        yield Header(show_clock=False)
        breakdown = score(session.profile)
        with Vertical(id="breakdown-top"):
            yield Static(self._headline(breakdown), id="headline")
            yield Static(self._comparison(breakdown), id="comparison")
            yield Static(t("breakdown.honesty"), classes="honesty")
        yield DataTable(id="factors", cursor_type="row")
        with VerticalScroll(id="factor-detail"):
            yield Static("", id="detail")
        yield CoachFooter()

    def on_mount(self) -> None:
        self._profile = self.coach.session.profile if self.coach.session else None
        self.watch(self.app, "session", self._session_changed, init=False)
        if self.coach.session is not None:
            self._fill(score(self.coach.session.profile))

    def _session_changed(self) -> None:
        """Rebuild only when the profile changed (a tick does not change the breakdown)."""
        session = self.coach.session
        profile = session.profile if session else None
        if profile != self._profile or session is None:
            self._profile = profile
            if self.is_current:
                self.call_later(self.recompose)
            else:
                self._stale_language = True

    async def recompose(self) -> None:
        """Rebuild, then refill the table."""
        await super().recompose()
        if self.coach.session is not None:
            self._fill(score(self.coach.session.profile))

    def _headline(self, breakdown: Breakdown) -> Text:
        text = Text()
        text.append(t("breakdown.index"), style="bold")
        text.append(f" {breakdown.index:.1f}", style="bold yellow")
        text.append(" / 100   ")
        text.append(sesame_headline(breakdown, key="breakdown"))
        return text

    def _comparison(self, breakdown: Breakdown) -> Text:
        text = Text()
        gates = gate_line(breakdown)
        if gates is not None:
            text.append(gates, style="bold red")
        comparison = sesame_comparison(breakdown)
        if comparison:
            text.append(("\n" if text else "") + comparison, style="dim")
        return text

    def _fill(self, breakdown: Breakdown) -> None:
        lang = get_language()
        table = self.query_one("#factors", DataTable)
        table.clear(columns=True)
        for column in t("breakdown.columns").split("|"):
            table.add_column(column)
        levers = {f.key: i for i, f in enumerate(breakdown.top_levers(3), start=1)}
        # Names longer than the room left by the number columns are cut (in full below).
        room = max(18, self.app.size.width - 48)
        self._factors: dict[str, FactorScore] = {}
        for dimension in breakdown.dimensions:
            table.add_row(
                "",
                Text(fit(dimension.name.get(lang), room), style="bold"),
                f"{dimension.weight:.0%}",
                self._score_cell(dimension.score, bold=True),
                Text(f"{dimension.contribution:.1f}", style="bold"),
                Text(f"+{dimension.headroom:.1f}", style="bold"),
                key=f"dim:{dimension.key}",
            )
            for factor in dimension.factors:
                self._factors[factor.key] = factor
                mark = (
                    Text(f"★{levers[factor.key]}", style="bold yellow")
                    if factor.key in levers
                    else ""
                )
                name = Text("  " + fit(factor.name.get(lang), room - 2))
                if not factor.measurable:
                    name.append(" " + t("breakdown.not_measured"), style="dim")
                elif not factor.known:
                    name.append(" " + t("breakdown.unknown"), style="italic magenta")
                table.add_row(
                    mark,
                    name,
                    f"{factor.weight:.0%}",
                    self._score_cell(factor.score),
                    f"{factor.contribution:.1f}",
                    Text(f"+{factor.headroom:.1f}", style="green" if factor.key in levers else ""),
                    key=factor.key,
                )
        first = next(iter(levers), None)
        if first is not None:
            table.move_cursor(row=table.get_row_index(first))
            self._describe(first)
        table.focus()

    def action_whatif(self) -> None:
        """Change a few inputs and see the effect, beside today's breakdown."""
        from jiebei_coach.tui.dialogs.whatif import WhatIfDialog

        if self.coach.session is not None:
            self.app.push_screen(WhatIfDialog(self.coach.session.profile))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """What-if needs an open session."""
        if action == "whatif":
            return self.coach.session is not None
        return True

    @staticmethod
    def _score_cell(value: float, *, bold: bool = False) -> Text:
        style = "green" if value >= 70 else ("yellow" if value >= 40 else "red")
        cell = bar(value / 100, 8, style=style)
        cell.append(f" {value:3.0f}", style="bold" if bold else "")
        return cell

    @on(DataTable.RowHighlighted, "#factors")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = str(event.row_key.value)
        if not key.startswith("dim:"):
            self._describe(key)

    def _describe(self, key: str) -> None:
        factor = getattr(self, "_factors", {}).get(key)
        if factor is None:
            return
        lang = get_language()
        sources = load_sources()
        text = Text()
        text.append(factor.name.get(lang), style="bold")
        text.append(f"  [{t('confidence.' + factor.confidence)}]", style="cyan")
        if not factor.known and factor.measurable:
            text.append("  " + t("breakdown.enter_to_refine"), style="italic magenta")
        text.append("\n" + factor.rationale.get(lang) + "\n")
        text.append(t("breakdown.sources") + " ", style="dim")
        text.append(
            "; ".join(cite(sources[s], lang) for s in factor.source if s in sources), style="dim"
        )
        self.query_one("#detail", Static).update(text)
