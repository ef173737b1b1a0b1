"""Planner: the months, each month's checklist, progress and the projected index.

Ticking saves at once (in a worker; the screen shows the new state immediately and puts
it back if saving fails) and says what is left this month. The current month is
highlighted and opened first; open actions of past months are flagged as missed. When
another process changes the data file, the app reloads the session and this screen
redraws from it, so it never shows or writes a stale copy. A change that keeps the plan's
shape (ticks, check-ins, a new name) is shown in the widgets already there, so the lists
keep their place; a new plan rebuilds the screen.

Space ticks only while the checklist has focus (Tab moves between the months, the
checklist and the detail, and the focused one is lit), and the detail always describes
the highlighted action of the month shown, from its top.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ListView, OptionList, Static

from jiebei_coach.domain import Session, load_catalog
from jiebei_coach.domain.calendar import month_start
from jiebei_coach.i18n import get_language, t
from jiebei_coach.presentation.report import projection_line
from jiebei_coach.tui.base import CoachScreen
from jiebei_coach.tui.screens import planner_view as view
from jiebei_coach.tui.screens.planner_dialogs import PlannerDialogs
from jiebei_coach.tui.widgets.action_item import ActionItem
from jiebei_coach.tui.widgets.chart import ProjectionChart
from jiebei_coach.tui.widgets.footer import CoachFooter
from jiebei_coach.tui.widgets.navbar import NavBar


def _shape(session: Session) -> tuple[object, ...]:
    """What must stay the same for a changed session to be shown without a rebuild."""
    plan = session.plan
    return (
        session.id,
        session.profile,
        plan.baseline,
        tuple(plan.projection),
        tuple(m.projected_sesame for m in plan.months),
        tuple((month.label, tuple(a.key for a in month.actions)) for month in plan.months),
    )


#: ``[`` and ``]`` share one label in the Footer.
MONTH = Binding.Group("month")


class PlannerScreen(PlannerDialogs, CoachScreen):
    """Month by month: tick what you did."""

    CSS_PATH = Path(__file__).with_name("planner.tcss")

    BINDINGS = [
        Binding("space", "tick", "Tick", id="toggle"),
        Binding(
            "left_square_bracket", "month(-1)", "Previous month", id="previous_month", group=MONTH
        ),
        Binding("right_square_bracket", "month(1)", "Next month", id="next_month", group=MONTH),
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
        self._stars: dict[str, int] = {}
        self.month_index: int | None = None
        self.action_index = 0
        self._shown: Session | None = None

    def compose(self) -> ComposeResult:
        session = self.coach.session
        if session is None or self._shown is None or self._shown.id != session.id:
            self.month_index = None  # another session opens on its own current month
        self._shown = session
        if session is None:
            yield from self.compose_no_session()
            return
        yield NavBar()
        plan = session.plan
        today = self.coach.today
        self._stars = view.levers(session)
        current = plan.month_index(today)
        if self.month_index is None or self.month_index >= len(plan.months):
            self.month_index = current if current is not None else 0
        with Horizontal(id="planner-top"):
            with Vertical(id="planner-summary"):
                yield Static(session.name, id="session-name", classes="screen-title", markup=False)
                yield Static(view.overall(plan, today), id="overall", classes="summary")
                projection = projection_line(plan, key="planner")
                yield Static(projection, id="projection", classes="summary")
                yield Static(view.budget(plan), id="budget", classes="summary")
                yield Static(view.reality(session), id="reality", classes="summary")
            values, floor = self._chart_values(session)
            yield ProjectionChart(
                values,
                [f"{m.month.month:>2}" for m in plan.months],
                current,
                floor=floor,
                actual=self._actuals(session),
                id="chart",
            )
        with Horizontal(id="planner-body"):
            yield OptionList(*view.month_options(plan, today), id="months", classes="pane")
            with Vertical(id="month-pane"):
                yield Static("", id="month-title")
                yield ListView(id="actions", classes="pane")
                with VerticalScroll(id="action-detail", classes="pane"):
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
        self.call_after_refresh(self._show_month, self.month_index)
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
        self.query_one("#overall", Static).update(view.overall(plan, today))
        self.query_one("#budget", Static).update(view.budget(plan))
        self.query_one("#reality", Static).update(view.reality(session))
        chart = self.query_one("#chart", ProjectionChart)
        chart.actual = self._actuals(session)
        chart.refresh()
        months = self.query_one("#months", OptionList)
        for index, option in enumerate(view.month_options(plan, today)):
            months.replace_option_prompt_at_index(index, option.prompt)
        month = plan.months[self.month_index]
        self.query_one("#month-title", Static).update(view.month_title(month, today))
        past = month.month < month_start(today)
        planned = {action.key: action for action in month.actions}
        actions = self.query_one("#actions", ListView)
        for item in actions.query(ActionItem):
            if item.key in planned:  # (items of another month may still be leaving)
                done = planned[item.key].done
                item.show_state(done, missed=past and not done)
        if isinstance(actions.highlighted_child, ActionItem):
            self._describe(actions.highlighted_child.key, scroll=False)
        return True

    # ------------------------------------------------------------ rendering

    @staticmethod
    def _chart_values(session: Session) -> tuple[list[float], float | None]:
        """The chart's columns: the Sesame band's middle when there is one, else the index."""
        plan = session.plan
        bands = plan.projected_sesame
        if bands is None or plan.sesame_start is None:
            return plan.projection, plan.baseline
        return [(low + high) / 2 for low, high in bands], float(plan.sesame_start)

    @staticmethod
    def _actuals(session: Session) -> list[float | None]:
        """The logged Sesame scores to draw over the projection (when it is in Sesame)."""
        if session.plan.projected_sesame is None:
            return []
        return [None if s is None else float(s) for s in session.logged_scores()]

    async def _show_month(self, index: int) -> None:
        """Fill the checklist with month ``index`` and describe its highlighted action."""
        session = self.coach.session
        if session is None or not self.is_attached:
            return
        self.month_index = index
        month = session.plan.months[index]
        today = self.coach.today
        past = month.month < month_start(today)
        self.query_one("#month-title", Static).update(view.month_title(month, today))
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
                    missed=past and not planned.done,
                    kind=action.kind,
                    monthly_cash=planned.monthly_cash,
                    lever=self._stars.get(action.factor or ""),
                )
            )
        actions = self.query_one("#actions", ListView)
        # Wait until the old month's items are gone, so that nothing of theirs is shown.
        await actions.clear()
        await actions.extend(items)
        if self.month_index != index:
            return  # another month was chosen meanwhile
        if items:
            actions.index = min(self.action_index, len(items) - 1)
            self._describe(items[actions.index].key)
        else:
            self.query_one("#detail", Static).update(t("planner.empty_month"))
            self.query_one("#action-detail", VerticalScroll).scroll_home(animate=False)

    def _describe(self, key: str, *, scroll: bool = True) -> None:
        """Show an action in the detail, from its top (unless it is the same one again)."""
        session = self.coach.session
        if session is None:
            return
        text = view.action_detail(session, key, self._stars)
        if text is None:
            return
        self.query_one("#detail", Static).update(text)
        if scroll:
            self.query_one("#action-detail", VerticalScroll).scroll_home(animate=False)

    # ------------------------------------------------------------ events

    @on(OptionList.OptionHighlighted, "#months")
    async def _month_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.month_index:
            self.action_index = 0
            await self._show_month(event.option_index)

    @on(OptionList.OptionSelected, "#months")
    def _month_selected(self) -> None:
        self.query_one("#actions", ListView).focus()

    @on(ListView.Highlighted, "#actions")
    def _action_highlighted(self, event: ListView.Highlighted) -> None:
        session = self.coach.session
        if not isinstance(event.item, ActionItem) or session is None or self.month_index is None:
            return
        month = session.plan.months[self.month_index]
        if event.item.key in {action.key for action in month.actions}:
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
        self._say_ticked(item)

    def _say_ticked(self, item: ActionItem) -> None:
        """Say what a tick did: which action, and what is left of its month."""
        session = self.coach.session
        if session is None or self.month_index is None:
            return
        month = session.plan.months[self.month_index]
        left = sum(1 for a in month.actions if not (item.done if a.key == item.key else a.done))
        if not item.done:
            self.notify(t("planner.unticked", title=item.title), timeout=4)
        elif left:
            self.notify(t("planner.ticked", title=item.title, left=left), timeout=4)
        else:
            self.notify(t("planner.month_done", month=month.label), timeout=6)

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
        if action == "tick" and not self._checklist_focused():
            return None  # space belongs to whatever has focus (shown greyed)
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

    def _checklist_focused(self) -> bool:
        focused = self.focused
        return focused is not None and focused.id == "actions"
