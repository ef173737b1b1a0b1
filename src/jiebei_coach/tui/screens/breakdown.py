"""Breakdown: the index, its Sesame-equivalent band, every dimension and factor.

The three biggest levers are starred, unknown inputs are marked, and the highlighted
factor's rationale, sources and confidence are shown below the table. The honesty note is
always on screen.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from jiebei_coach.domain import Breakdown, FactorScore, load_catalog, load_sources, score
from jiebei_coach.domain.calendar import month_start
from jiebei_coach.i18n import get_language, t
from jiebei_coach.presentation.linebreak import break_offsets
from jiebei_coach.presentation.report import (
    cite,
    gate_line,
    sesame_comparison,
    sesame_headline,
)
from jiebei_coach.tui.base import CoachScreen
from jiebei_coach.tui.widgets.bars import bar
from jiebei_coach.tui.widgets.footer import CoachFooter
from jiebei_coach.tui.widgets.navbar import NavBar


def indented(name: str, width: int) -> str:
    """A factor's name under its dimension: two spaces in, on every line it wraps to."""
    offsets = [0, *break_offsets(name, width - 2), len(name)]
    return "\n".join("  " + name[a:b].rstrip() for a, b in pairwise(offsets))


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
        yield NavBar()
        breakdown = score(session.profile)
        with Vertical(id="breakdown-top"):
            yield Static(self._headline(breakdown), id="headline")
            yield Static(self._comparison(breakdown), id="comparison")
            yield Static(t("breakdown.honesty"), classes="honesty")
        yield DataTable(id="factors", cursor_type="row", classes="pane")
        with VerticalScroll(id="factor-detail", classes="pane"):
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
        # The number columns keep their width; a long name wraps onto a second line of its
        # row rather than pushing them off the screen.
        room = max(16, self.app.size.width - 52)
        for index, column in enumerate(t("breakdown.columns").split("|")):
            table.add_column(column, width=room if index == 1 else None)
        levers = {f.key: i for i, f in enumerate(breakdown.top_levers(3), start=1)}
        self._factors: dict[str, FactorScore] = {}
        for dimension in breakdown.dimensions:
            table.add_row(
                "",
                Text(dimension.name.get(lang), style="bold"),
                f"{dimension.weight:.0%}",
                self._score_cell(dimension.score, bold=True),
                Text(f"{dimension.contribution:.1f}", style="bold"),
                Text(f"+{dimension.headroom:.1f}", style="bold"),
                key=f"dim:{dimension.key}",
                height=None,
            )
            for factor in dimension.factors:
                self._factors[factor.key] = factor
                mark = (
                    Text(f"★{levers[factor.key]}", style="bold yellow")
                    if factor.key in levers
                    else ""
                )
                name = Text(indented(factor.name.get(lang), room))
                if not factor.measurable:
                    name.append(" " + t("breakdown.not_measured_short"), style="dim")
                elif not factor.known:
                    name.append(" " + t("breakdown.unknown_short"), style="italic magenta")
                table.add_row(
                    mark,
                    name,
                    f"{factor.weight:.0%}",
                    self._score_cell(factor.score),
                    f"{factor.contribution:.1f}",
                    Text(f"+{factor.headroom:.1f}", style="green" if factor.key in levers else ""),
                    key=factor.key,
                    height=None,
                )
        first = next(iter(levers), None)
        if first is not None:
            # The top lever is highlighted and described, with the table shown from its top.
            table.move_cursor(row=table.get_row_index(first), scroll=False)
            self._describe(first)
        table.scroll_home(animate=False)
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
        if not factor.measurable:
            text.append("  " + t("breakdown.not_measured"), style="dim")
        text.append("\n" + factor.rationale.get(lang) + "\n")
        text.append_text(self._in_plan(factor.key))
        text.append(t("breakdown.sources") + " ", style="dim")
        text.append(
            t("list.joiner").join(cite(sources[s], lang) for s in factor.source if s in sources),
            style="dim",
        )
        self.query_one("#detail", Static).update(text)
        self.query_one("#factor-detail", VerticalScroll).scroll_home(animate=False)

    def _in_plan(self, factor: str) -> Text:
        """The plan's open actions that work on ``factor``: where the ★ meets the checklist."""
        session = self.coach.session
        text = Text()
        if session is None:
            return text
        catalog = load_catalog()
        today = month_start(self.coach.today)
        found = [
            (month, planned)
            for month in session.plan.months
            if month.month >= today
            for planned in month.actions
            if not planned.done and catalog.get(planned.action_id).factor == factor
        ]
        if not found:
            return Text(t("breakdown.not_in_plan") + "\n", style="dim")
        lang = get_language()
        seen: dict[str, str] = {}
        for month, planned in found:
            seen.setdefault(planned.action_id, month.label)
        items = t("list.joiner").join(
            t("breakdown.plan_item", month=label, title=catalog.get(action).title.get(lang))
            for action, label in list(seen.items())[:3]
        )
        return Text(t("breakdown.in_plan", items=items) + "\n", style="cyan")
