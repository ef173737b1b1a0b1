"""Planner: the months, each month's checklist, progress and the projected index.

Ticking saves at once (in a worker; the screen shows the new state immediately and puts
it back if saving fails). The current month is highlighted and opened first; open actions
of past months are flagged as missed. When another process changes the data file, the app
reloads the session and this screen redraws from it, so it never shows or writes a stale
copy. A change that keeps the plan's shape (ticks, check-ins, a new name) is shown in the
widgets already there, so the lists keep their place; a new plan rebuilds the screen.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, ListView, OptionList, Static
from textual.widgets.option_list import Option

from jiebei_coach.domain import Plan, PlanMonth, Session, load_catalog, load_sources
from jiebei_coach.domain.calendar import month_start
from jiebei_coach.i18n import get_language, t
from jiebei_coach.presentation.report import (
    budget_line,
    cite,
    factor_name,
    progress_line,
    projection_line,
)
from jiebei_coach.tui.base import CoachScreen
from jiebei_coach.tui.screens.planner_dialogs import PlannerDialogs
from jiebei_coach.tui.widgets.action_item import ActionItem
from jiebei_coach.tui.widgets.bars import bar, progress_text
from jiebei_coach.tui.widgets.chart import ProjectionChart
from jiebei_coach.tui.widgets.footer import CoachFooter


def _shape(session: Session) -> tuple[object, ...]:
    """What must stay the same for a changed session to be shown without a rebuild."""
    plan = session.plan
    return (
        session.id,
        plan.baseline,
        tuple(plan.projection),
        tuple(m.projected_sesame for m in plan.months),
        tuple((month.label, tuple(a.key for a in month.actions)) for month in plan.months),
    )


class PlannerScreen(PlannerDialogs, CoachScreen):
    """Month by month: tick what you did."""

    CSS_PATH = Path(__file__).with_name("planner.tcss")

    BINDINGS = [
        Binding("space", "tick", "Tick", id="toggle"),
        Binding("left_square_bracket", "month(-1)", "Previous month", id="previous_month"),
        Binding("right_square_bracket", "month(1)", "Next month", id="next_month"),
        Binding("i", "checkin", "Check in", id="checkin"),
        Binding("R", "replan", "Re-plan", id="replan"),
        Binding("o", "export", "Export", id="export"),
        Binding("u", "funds", "Funds", id="funds"),
        Binding("n", "notes", "Notes", id="notes"),
    ]
    PALETTE = (
        ("palette.toggle", "palette.toggle_help", "action_tick"),
        ("palette.this_month", "palette.this_month_help", "action_this_month"),
        ("palette.checkin", "palette.checkin_help", "action_checkin"),
        ("palette.replan", "palette.replan_help", "action_replan"),
        ("palette.export", "palette.export_help", "action_export"),
        ("palette.funds", "palette.funds_help", "action_funds"),
        ("palette.notes", "palette.notes_help", "action_notes"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.month_index: int | None = None
        self.action_index = 0
        self._shown: Session | None = None

    def compose(self) -> ComposeResult:
        session = self.coach.session
        self._shown = session
        if session is None:
            yield from self.compose_no_session()
            return
        yield Header(show_clock=False)
        plan = session.plan
        today = self.coach.today
        current = plan.month_index(today)
        if self.month_index is None or self.month_index >= len(plan.months):
            self.month_index = current if current is not None else 0
        with Horizontal(id="planner-top"):
            with Vertical(id="planner-summary"):
                yield Static(session.name, id="session-name", classes="screen-title", markup=False)
                yield Static(self._overall(plan, today), id="overall")
                yield Static(projection_line(plan, key="planner"), classes="hint")
                yield Static(self._budget(plan), id="budget")
                yield Static(self._reality(), id="reality")
            values, floor = self._chart_values(plan)
            yield ProjectionChart(
                values,
                [f"{m.month.month:>2}" for m in plan.months],
                current,
                floor=floor,
                actual=self._actuals(),
                id="chart",
            )
        with Horizontal(id="planner-body"):
            yield OptionList(*self._month_options(plan, today), id="months")
            with Vertical(id="month-pane"):
                yield Static("", id="month-title")
                yield ListView(id="actions")
                with VerticalScroll(id="action-detail"):
                    yield Static("", id="detail")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "session", self._session_changed, init=False)
        self._after_compose()

    async def recompose(self) -> None:
        """Rebuild, then show the selected month again."""
        await super().recompose()
        self._after_compose()

    def _after_compose(self) -> None:
        if self.coach.session is None or self.month_index is None:
            return
        months = self.query_one("#months", OptionList)
        months.highlighted = self.month_index
        self._show_month(self.month_index)
        self.query_one("#actions", ListView).focus()

    def _session_changed(self) -> None:
        if not self.is_current:
            self._stale_language = True  # rebuilt when shown again
        elif not self._update_in_place():
            self.call_later(self.recompose)

    def _update_in_place(self) -> bool:
        """Show the changed session in the widgets there are; False if it needs a rebuild."""
        session, shown = self.coach.session, self._shown
        if session is None or shown is None or self.month_index is None:
            return False
        if _shape(session) != _shape(shown):
            return False
        self._shown = session
        plan, today = session.plan, self.coach.today
        self.query_one("#session-name", Static).update(session.name)
        self.query_one("#overall", Static).update(self._overall(plan, today))
        self.query_one("#budget", Static).update(self._budget(plan))
        self.query_one("#reality", Static).update(self._reality())
        chart = self.query_one("#chart", ProjectionChart)
        chart.actual = self._actuals()
        chart.refresh()
        months = self.query_one("#months", OptionList)
        for index, option in enumerate(self._month_options(plan, today)):
            months.replace_option_prompt_at_index(index, option.prompt)
        month = plan.months[self.month_index]
        self.query_one("#month-title", Static).update(self._month_title(month))
        past = month.month < month_start(today)
        planned = {action.key: action for action in month.actions}
        actions = self.query_one("#actions", ListView)
        for item in actions.query(ActionItem):
            if item.key in planned:  # (items of another month may still be leaving)
                done = planned[item.key].done
                item.show_state(done, missed=past and not done)
        if isinstance(actions.highlighted_child, ActionItem):
            self._describe(actions.highlighted_child.key)
        return True

    # ------------------------------------------------------------ rendering

    def _overall(self, plan: Plan, today: date) -> Text:
        done, total = plan.progress()
        text = Text(t("planner.overall") + " ")
        text.append_text(progress_text(done, total, width=20))
        index = plan.month_index(today)
        if index is not None:
            month_done, month_total = plan.months[index].progress()
            text.append("   " + t("planner.this_month", done=month_done, total=month_total))
        missed = len(plan.missed(today))
        if missed:
            text.append("   " + t("planner.missed_count", count=missed), style="bold red")
        return text

    @staticmethod
    def _chart_values(plan: Plan) -> tuple[list[float], float | None]:
        """The chart's columns: the Sesame band's middle when there is one, else the index."""
        bands = plan.projected_sesame
        if bands is None or plan.sesame_start is None:
            return plan.projection, plan.baseline
        return [(low + high) / 2 for low, high in bands], float(plan.sesame_start)

    @staticmethod
    def _budget(plan: Plan) -> Text:
        """The month's spare money, and a pointer to the notes when there are any."""
        crisis = any(n.code.startswith("crisis") for n in plan.notes)
        text = Text(budget_line(plan, short=True), style="bold red" if crisis else "dim")
        if plan.notes:
            text.append("  " + t("planner.see_notes", count=len(plan.notes)), style="bold")
        return text

    def _actuals(self) -> list[float | None]:
        """The logged Sesame scores to draw over the projection (when it is in Sesame)."""
        session = self.coach.session
        if session is None or session.plan.projected_sesame is None:
            return []
        return [None if s is None else float(s) for s in session.logged_scores()]

    def _reality(self) -> Text:
        """Plain words on how the logged scores move against the projected change."""
        from jiebei_coach.domain import compare_progress

        session = self.coach.session
        if session is None:
            return Text("")
        progress = compare_progress(session.plan, session.checkins)
        styles = {"on_track": "green", "ahead": "green", "behind": "bold yellow"}
        line = progress_line(progress, short=True)
        return Text(line, style=styles.get(progress.status, "dim"))

    def _month_options(self, plan: Plan, today: date) -> list[Option]:
        current = month_start(today)
        options = []
        for month in plan.months:
            done, total = month.progress()
            label = Text()
            if month.month == current:
                label.append("▶ ", style="bold yellow")
            else:
                label.append("  ")
            label.append(month.label, style="bold" if month.month == current else "")
            label.append(" ")
            label.append_text(bar(done / total if total else 0, 4, style="green"))
            label.append(f" {done}/{total}")
            missed = sum(1 for a in month.actions if not a.done) if month.month < current else 0
            if missed:
                label.append(f" !{missed}", style="bold red")
            options.append(Option(label, id=month.label))
        return options

    def _show_month(self, index: int) -> None:
        session = self.coach.session
        if session is None:
            return
        self.month_index = index
        month: PlanMonth = session.plan.months[index]
        current = month_start(self.coach.today)
        self.query_one("#month-title", Static).update(self._month_title(month))
        catalog = load_catalog()
        lang = get_language()
        items = []
        for planned in month.actions:
            action = catalog.get(planned.action_id)
            items.append(
                ActionItem(
                    planned.key,
                    action.title.get(lang),
                    action.effort,
                    planned.done,
                    missed=month.month < current and not planned.done,
                    kind=action.kind,
                    monthly_cash=planned.monthly_cash,
                )
            )
        actions = self.query_one("#actions", ListView)
        actions.clear()
        actions.extend(items)
        if items:
            actions.index = min(self.action_index, len(items) - 1)
            self._describe(items[actions.index].key)
        else:
            self.query_one("#detail", Static).update(t("planner.empty_month"))

    def _month_title(self, month: PlanMonth) -> Text:
        done, total = month.progress()
        title = Text(month.label, style="bold")
        if month.projected_sesame is not None:
            low, high = month.projected_sesame
            title.append("  " + t("planner.month_sesame", low=low, high=high))
        else:
            title.append("  " + t("planner.month_index", index=f"{month.projected_index:.1f}"))
        title.append(f"  {done}/{total}")
        if month.month == month_start(self.coach.today):
            title.append("  " + t("planner.current"), style="bold yellow")
        return title

    def _describe(self, key: str) -> None:
        session = self.coach.session
        if session is None:
            return
        try:
            _, planned = session.plan.find(key)
        except KeyError:
            return
        action = load_catalog().get(planned.action_id)
        lang = get_language()
        sources = load_sources()
        text = Text()
        text.append(action.title.get(lang), style="bold")
        text.append("\n")
        text.append(t("planner.how") + " ", style="bold cyan")
        text.append(action.how.get(lang) + "\n")
        text.append(t("planner.why") + " ", style="bold cyan")
        text.append(action.why.get(lang) + "\n")
        factor = factor_name(action.factor, lang)
        moves = t("planner.moves", factor=factor) if factor else t("planner.moves_none")
        text.append(moves + "\n", style="cyan")
        if planned.monthly_cash:
            amount = f"{planned.monthly_cash:,.0f}"
            text.append(t("planner.cash_line", amount=amount) + "\n", style="bold yellow")
        facts = [t(f"effort.{action.effort}"), t(f"cadence.{action.cadence}")]
        if action.target is not None:
            facts.append(t("planner.target", target=action.target.get(lang)))
        if planned.recurring:
            facts.append(t("planner.occurrence", n=planned.occurrence))
        if planned.done and planned.done_on:
            facts.append(t("planner.done_on", date=planned.done_on.isoformat()))
        text.append(" · ".join(facts) + "\n", style="dim")
        text.append(
            t("breakdown.sources")
            + " "
            + "; ".join(cite(sources[s], lang) for s in action.source if s in sources)
            + f" [{t('confidence.' + action.confidence)}]",
            style="dim",
        )
        self.query_one("#detail", Static).update(text)

    # ------------------------------------------------------------ events

    @on(OptionList.OptionHighlighted, "#months")
    def _month_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.month_index:
            self.action_index = 0
            self._show_month(event.option_index)

    @on(OptionList.OptionSelected, "#months")
    def _month_selected(self) -> None:
        self.query_one("#actions", ListView).focus()

    @on(ListView.Highlighted, "#actions")
    def _action_highlighted(self, event: ListView.Highlighted) -> None:
        if isinstance(event.item, ActionItem):
            self.action_index = event.list_view.index or 0
            self._describe(event.item.key)

    @on(ListView.Selected, "#actions")
    def _action_selected(self, event: ListView.Selected) -> None:
        if isinstance(event.item, ActionItem):
            self._toggle(event.item)

    def action_tick(self) -> None:
        """Tick or untick the highlighted action."""
        actions = self.query("#actions").first(ListView) if self.coach.session else None
        if actions is not None and isinstance(actions.highlighted_child, ActionItem):
            self._toggle(actions.highlighted_child)

    def _toggle(self, item: ActionItem) -> None:
        item.set_done(not item.done)
        self.coach.save_tick(item.key, item.done)

    def action_month(self, step: int) -> None:
        """Show the previous or next month."""
        session = self.coach.session
        if session is None or self.month_index is None:
            return
        index = max(0, min(len(session.plan.months) - 1, self.month_index + step))
        self.query_one("#months", OptionList).highlighted = index

    def action_this_month(self) -> None:
        """Jump to the current month."""
        session = self.coach.session
        if session is None:
            return
        index = session.plan.month_index(self.coach.today)
        self.query_one("#months", OptionList).highlighted = 0 if index is None else index

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Planner keys only do something when a session is open."""
        if action in {
            "tick",
            "month",
            "this_month",
            "checkin",
            "replan",
            "export",
            "funds",
            "notes",
        }:
            return self.coach.session is not None
        return True
