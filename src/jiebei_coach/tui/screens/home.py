"""Home: the welcome for newcomers, and the list of saved sessions for everyone else."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from jiebei_coach.i18n import t
from jiebei_coach.tui.base import CoachScreen
from jiebei_coach.tui.widgets.bars import progress_text
from jiebei_coach.tui.widgets.footer import CoachFooter
from jiebei_coach.tui.widgets.navbar import NavBar


class WelcomeAction(Static):
    """A big, clickable choice on the welcome card, with its key shown.

    Plain text rather than a Button: the welcome is the first frame a newcomer sees, and
    Buttons (focus, hover and their styles) cost a fifth of the start-up time; the same
    choice is one key away (shown in the label and the Footer).
    """

    def __init__(self, label: str, action: str, key: str, *, id: str) -> None:
        super().__init__(f" {label}  [{key}] ", id=id, classes="welcome-action", markup=False)
        self.action = action

    async def on_click(self) -> None:
        """Run the choice."""
        await self.run_action(self.action)


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
        yield NavBar()
        if self.coach.summaries or self.coach.loading:
            with Vertical(id="sessions-pane"):
                yield Static(t("home.title"), classes="screen-title")
                yield DataTable(
                    id="sessions", cursor_type="row", zebra_stripes=True, classes="pane"
                )
                yield Static("", id="session-detail")
        else:
            with Vertical(id="welcome"), Vertical(classes="welcome-card"):
                yield Static(t("welcome.title"), classes="welcome-title")
                yield Static(t("welcome.line1"), classes="welcome-line")
                yield Static(t("welcome.line2"), classes="welcome-line")
                yield Static(t("welcome.private"), classes="welcome-private")
                with Horizontal(classes="welcome-buttons"):
                    yield WelcomeAction(t("welcome.new"), "app.new_profile", "n", id="welcome-new")
                    yield WelcomeAction(
                        t("welcome.demo"), "app.create_demo", "m", id="welcome-demo"
                    )
                yield Static(t("welcome.honesty"), classes="honesty")
        yield CoachFooter()

    AUTO_FOCUS = None

    def on_mount(self) -> None:
        self._fill(focus=False)
        self.watch(self.app, "summaries", self._summaries_changed, init=False)
        # Focus the list once the first frame is out: a focus change rebuilds the Footer,
        # which would otherwise delay that frame.
        self.call_after_refresh(self._focus_list)

    def _focus_list(self) -> None:
        for table in self.query("#sessions").results(DataTable):
            if self.focused is None:
                self.set_focus(table)

    async def recompose(self) -> None:
        """Rebuild (a language switch, or sessions appearing or all gone)."""
        await super().recompose()
        self._fill()

    def _summaries_changed(self) -> None:
        showing_list = bool(self.query("#sessions"))
        if showing_list != bool(self.coach.summaries or self.coach.loading):
            self.call_later(self.recompose)
        else:
            self._fill()

    def _fill(self, *, focus: bool = True) -> None:
        """Put the sessions in the table (when it is shown) and focus what is shown."""
        summaries = self.coach.summaries
        tables = self.query("#sessions").results(DataTable)
        table = next(iter(tables), None)
        if table is None:
            return
        if self.coach.loading:
            table.clear(columns=True)
            table.add_column(t("home.loading"))
            return
        selected = self.selected_id()
        table.clear(columns=True)
        # A long name is cut to a quarter of the width (in full below the table); the next
        # action gets what is left, so no column is pushed out of sight.
        width = self.app.size.width
        name_width = min(max([4, *(cell_len(s.name) for s in summaries)]), width // 4)
        next_width = max(12, width - name_width - 36)
        for index, column in enumerate(t("home.columns").split("|")):
            table.add_column(column, width={0: name_width, 3: next_width}.get(index))
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
                Text(summary.name, style="bold", no_wrap=True, overflow="ellipsis"),
                progress_text(summary.done, summary.total),
                month_open,
                Text(next_text, no_wrap=True, overflow="ellipsis"),
                key=summary.id,
            )
        if selected is not None and selected in {s.id for s in summaries}:
            table.move_cursor(row=table.get_row_index(selected))
        self._describe()
        if focus:
            self.set_focus(table)

    def _describe(self) -> None:
        """The highlighted session in full: its name, progress and next action."""
        selected = self.selected_id()
        summary = next((s for s in self.coach.summaries if s.id == selected), None)
        details = self.query("#session-detail").results(Static)
        for detail in details:
            if summary is None:
                detail.update("")
                continue
            text = Text(summary.name, style="bold")
            text.append(f"  {summary.done}/{summary.total}")
            if summary.month_open:
                text.append(" · " + t("home.month_left", count=summary.month_open))
            text.append("\n")
            if summary.next_action:
                text.append(t("home.next", title=self.coach.action_title(summary.next_action)))
            else:
                text.append(t("home.all_done"))
            text.append("  " + t("home.open_hint"), style="dim")
            detail.update(text)

    @on(DataTable.RowHighlighted, "#sessions")
    def _highlighted(self) -> None:
        self._describe()

    def selected_id(self) -> str | None:
        """The id of the highlighted session, if any."""
        table = next(iter(self.query("#sessions").results(DataTable)), None)
        if table is None or not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

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
