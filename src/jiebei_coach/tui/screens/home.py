"""Home: the welcome for newcomers, and the list of saved sessions for everyone else."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.widgets import Button, ContentSwitcher, DataTable, Footer, Header, Static

from jiebei_coach.i18n import t
from jiebei_coach.store import Summary
from jiebei_coach.tui.base import CoachScreen
from jiebei_coach.tui.widgets.bars import progress_text


class HomeScreen(CoachScreen):
    """Sessions with progress and what is next; open, new, rename, duplicate, delete."""

    BINDINGS = [
        Binding("n", "app.new_profile", "New", id="new"),
        Binding("m", "app.create_demo", "Demo", id="demo"),
        Binding("r", "rename", "Rename", id="rename"),
        Binding("c", "duplicate", "Duplicate", id="duplicate"),
        Binding("delete,x", "delete", "Delete", id="delete"),
    ]
    PALETTE = (
        ("palette.new", "palette.new_help", "app.action_new_profile"),
        ("palette.demo", "palette.demo_help", "app.action_create_demo"),
        ("palette.open", "palette.open_help", "action_open"),
        ("palette.rename", "palette.rename_help", "action_rename"),
        ("palette.duplicate", "palette.duplicate_help", "action_duplicate"),
        ("palette.delete", "palette.delete_help", "action_delete"),
    )

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with ContentSwitcher(initial=self._which(), id="home-switcher"):
            with Vertical(id="welcome"), Center(), Vertical(classes="welcome-card"):
                yield Static(t("welcome.title"), classes="welcome-title")
                yield Static(t("welcome.line1"), classes="welcome-line")
                yield Static(t("welcome.line2"), classes="welcome-line")
                yield Static(t("welcome.private"), classes="welcome-private")
                with Horizontal(classes="welcome-buttons"):
                    yield Button(t("welcome.new"), variant="primary", id="welcome-new")
                    yield Button(t("welcome.demo"), variant="success", id="welcome-demo")
                yield Static(t("welcome.honesty"), classes="honesty")
            with Vertical(id="sessions-pane"):
                yield Static(t("home.title"), classes="screen-title")
                yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
                yield Static(t("home.hint"), classes="hint")
        yield Footer(compact=True)

    def _which(self) -> str:
        return "sessions-pane" if self.coach.summaries else "welcome"

    def on_mount(self) -> None:
        self.watch(self.coach, "summaries", self._show, init=True)

    def _show(self, summaries: list[Summary]) -> None:
        self.query_one(ContentSwitcher).current = self._which()
        table = self.query_one("#sessions", DataTable)
        selected = self.selected_id()
        table.clear(columns=True)
        for column in t("home.columns").split("|"):
            table.add_column(column)
        for summary in summaries:
            next_text = (
                self.coach.action_title(summary.next_action)
                if summary.next_action
                else t("home.all_done")
            )
            month_open = (
                t("home.month_open", count=summary.month_open) if summary.month_open else "—"
            )
            table.add_row(
                Text(summary.name, style="bold"),
                progress_text(summary.done, summary.total),
                month_open,
                next_text,
                key=summary.id,
            )
        if selected is not None and selected in {s.id for s in summaries}:
            table.move_cursor(row=table.get_row_index(selected))
        # Keep focus on what is shown: a hidden welcome button must not catch Enter.
        if summaries:
            self.set_focus(table)
        else:
            self.set_focus(self.query_one("#welcome-demo", Button))

    def selected_id(self) -> str | None:
        """The id of the highlighted session, if any."""
        table = self.query_one("#sessions", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(Button.Pressed, "#welcome-new")
    def _new(self) -> None:
        self.coach.action_new_profile()

    @on(Button.Pressed, "#welcome-demo")
    def _demo(self) -> None:
        self.coach.action_create_demo()

    @on(DataTable.RowSelected, "#sessions")
    def _open_row(self, event: DataTable.RowSelected) -> None:
        self.coach.open_session(str(event.row_key.value))

    def action_open(self) -> None:
        """Open the highlighted session in its current month."""
        selected = self.selected_id()
        if selected:
            self.coach.open_session(selected)

    def action_rename(self) -> None:
        """Rename the highlighted session."""
        selected = self.selected_id()
        if selected:
            self.coach.rename_session(selected)

    def action_duplicate(self) -> None:
        """Copy the highlighted session."""
        selected = self.selected_id()
        if selected:
            self.coach.duplicate_session(selected)

    def action_delete(self) -> None:
        """Delete the highlighted session, after a confirmation."""
        selected = self.selected_id()
        if selected:
            self.coach.delete_session(selected)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Session actions only when there is a session to act on."""
        if action in {"rename", "duplicate", "delete"} and not self.coach.summaries:
            return None
        return True
