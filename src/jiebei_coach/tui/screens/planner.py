"""Planner: the months, each month's checklist, progress and the projected index.

Ticking saves at once (in a worker; the screen shows the new state immediately and puts
it back if saving fails). The current month is highlighted and opened first; open actions
of past months are flagged as missed. When another process changes the data file, the app
reloads the session and this screen redraws from it, so it never shows or writes a stale
copy.
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

from jiebei_coach.domain import Plan, PlanMonth, load_catalog, load_sources
from jiebei_coach.domain.calendar import month_start
from jiebei_coach.i18n import get_language, t
from jiebei_coach.tui.base import CoachScreen
from jiebei_coach.tui.widgets.action_item import ActionItem
from jiebei_coach.tui.widgets.bars import bar, progress_text
from jiebei_coach.tui.widgets.chart import ProjectionChart
from jiebei_coach.tui.widgets.footer import CoachFooter


class PlannerScreen(CoachScreen):
    """Month by month: tick what you did."""

    CSS_PATH = Path(__file__).with_name("planner.tcss")

    BINDINGS = [
        Binding("space", "tick", "Tick", id="toggle"),
        Binding("left_square_bracket", "month(-1)", "Previous month", id="previous_month"),
        Binding("right_square_bracket", "month(1)", "Next month", id="next_month"),
    ]
    PALETTE = (
        ("palette.toggle", "palette.toggle_help", "action_tick"),
        ("palette.this_month", "palette.this_month_help", "action_this_month"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.month_index: int | None = None
        self.action_index = 0

    def compose(self) -> ComposeResult:
        session = self.coach.session
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
                yield Static(session.name, classes="screen-title", markup=False)
                yield Static(self._overall(plan, today), id="overall")
                yield Static(
                    t(
                        "planner.projection",
                        start=f"{plan.baseline:.1f}",
                        end=f"{plan.projection[-1]:.1f}",
                    ),
                    classes="hint",
                )
            yield ProjectionChart(
                plan.projection,
                [f"{m.month.month:>2}" for m in plan.months],
                current,
                floor=plan.baseline,
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
        self.watch(self.coach, "session", self._session_changed, init=False)
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
        if self.is_current:
            self.call_later(self.recompose)
        else:
            self._stale_language = True

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
        done, total = month.progress()
        title = Text(month.label, style="bold")
        title.append("  " + t("planner.month_index", index=f"{month.projected_index:.1f}"))
        title.append(f"  {done}/{total}")
        if month.month == current:
            title.append("  " + t("planner.current"), style="bold yellow")
        self.query_one("#month-title", Static).update(title)
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
            + "; ".join(sources[s].title.get(lang) if s in sources else s for s in action.source)
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
        if action in {"tick", "month", "this_month"}:
            return self.coach.session is not None
        return True
