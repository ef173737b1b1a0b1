"""The jiebei-coach app: modes for home, profile, breakdown and planner.

The app owns the state (the store, the open session, the session list, the language) and
every write. Writes run in thread workers so the interface never waits for the disk;
workers hand results back with ``call_from_thread`` and never touch widgets. A timer
notices when another process (the ``tick`` command, a second window) changed the data
file and reloads from it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from jiebei_coach.catalog_titles import action_titles
from jiebei_coach.i18n import Lang, get_language, set_language, t
from jiebei_coach.store import Store, StoreError, Summary
from jiebei_coach.tui import LARGE_FILE
from jiebei_coach.tui.base import CoachScreen, localise_bindings

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from jiebei_coach.domain import Profile, Session

THEMES = ("textual-dark", "textual-light")
MODE_SCREENS = ("home", "profile", "breakdown", "planner", "cost", "safety")


def _lazy(module: str, name: str) -> Callable[[], Screen[Any]]:
    """A mode's screen factory that imports the screen's module only when first shown."""

    def make() -> Screen[Any]:
        screen_class = getattr(importlib.import_module(f"jiebei_coach.tui.screens.{module}"), name)
        return cast("Screen[Any]", screen_class())

    return make


class JiebeiApp(App[None]):
    """The interactive coach."""

    TITLE = "jiebei-coach"
    # The home screen's rules come with the app's, so the first frame needs one stylesheet
    # pass (each later source re-parses them all); other screens bring theirs when opened.
    CSS_PATH = [
        Path(__file__).with_name("app.tcss"),
        Path(__file__).parent / "screens" / "home.tcss",
    ]
    MODES = {
        "home": _lazy("home", "HomeScreen"),
        "profile": _lazy("profile", "ProfileScreen"),
        "breakdown": _lazy("breakdown", "BreakdownScreen"),
        "planner": _lazy("planner", "PlannerScreen"),
        "cost": _lazy("cost", "CostScreen"),
        "safety": _lazy("safety", "SafetyScreen"),
    }
    DEFAULT_MODE = "home"
    # Letters for everyday use; the function-key twins are priority bindings, so they
    # also work inside a text field or the message box (whose own F6/F7 select text).
    _KEYS = (
        ("h", "f2", "switch_mode('home')", "home"),
        ("e", "f3", "switch_mode('profile')", "profile"),
        ("b", "f4", "switch_mode('breakdown')", "breakdown"),
        ("p", "f5", "switch_mode('planner')", "planner"),
        ("k", "f11", "switch_mode('cost')", "cost"),
        ("s", "f6", "switch_mode('safety')", "safety"),
        ("question_mark", "f1", "help", "help"),
        ("l", "f7", "switch_language", "language"),
        ("t", "f8", "toggle_theme", "theme"),
    )
    BINDINGS = [
        *(
            Binding(letter, action, binding_id, id=binding_id)
            for letter, _, action, binding_id in _KEYS
        ),
        *(
            Binding(fkey, action, binding_id, id=binding_id, priority=True)
            for _, fkey, action, binding_id in _KEYS
        ),
        Binding(
            "ctrl+p,f9", "command_palette", "Commands", id="palette", show=False, priority=True
        ),
        Binding("q", "quit", "Quit", id="quit", key_display="q"),
    ]

    session: reactive[Session | None] = reactive(None, always_update=True, init=False)
    summaries: reactive[list[Summary]] = reactive(list, always_update=True, init=False)

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        language: Lang | None = None,
        watch_seconds: float = 1.0,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self._today = today
        self._watch_seconds = watch_seconds
        self._notice = notice
        self.creating = False
        self._drafts: dict[str, dict[str, Any]] = {}
        self.pasted_message = ""
        self.cost_draft: dict[str, str] = {
            "principal": "10000",
            "rate": "0.04%",
            "term": "12",
            "method": "equal_installment",
        }
        settings = store.settings()
        chosen = language or settings.language
        if chosen in ("zh", "en"):
            set_language("zh" if chosen == "zh" else "en")
        if settings.theme in THEMES:
            self.theme = settings.theme
        localise_bindings(self)
        # A small file is read before the first frame; a large one (hundreds of sessions)
        # is checked and read right after it, in a thread, so the window appears at once.
        self.loading = not store.checked or store.size() > LARGE_FILE
        if not self.loading:
            self.set_reactive(JiebeiApp.summaries, store.summaries(self.today))

    # ------------------------------------------------------------------ start

    @property
    def today(self) -> date:
        """Today's date (injected in tests)."""
        return self._today()

    def on_mount(self) -> None:
        self.title = t("app.title")
        if self.loading:
            self.call_after_refresh(self._load_when_drawn)
        if self._watch_seconds > 0:
            self.set_interval(self._watch_seconds, self._poll_file)
        if self._notice:
            self.notify(self._notice, severity="warning", timeout=30)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification as plain text, never markup: names and paths in messages
        come from files and people, and a name like ``[/]boom`` must show as itself."""
        if timeout is None:
            super().notify(message, title=title, severity=severity, markup=False)
        else:
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_title(self, action_id: str) -> str:
        """An action's title in the current language (cheap: no pydantic needed)."""
        titles = action_titles()
        return titles.get(action_id, {}).get(get_language(), action_id)

    # -------------------------------------------------------------- sessions

    def session_name(self) -> str:
        """The open session's name, or empty."""
        return self.session.name if self.session else ""

    def _fail(self, error: StoreError) -> None:
        self.notify(error.message(), severity="error", timeout=15)

    def open_session(self, session_id: str, mode: str = "planner") -> None:
        """Load a session and show it (the planner opens on the current month)."""
        try:
            session = self.store.get(session_id)
        except StoreError as error:
            self._fail(error)
            return
        self.creating = False
        self.session = session
        self.switch_mode(mode)

    def _refresh_summaries(self) -> None:
        self.summaries = self.store.summaries(self.today)

    def _load_when_drawn(self) -> None:
        """Start reading a large file once the first screen is completely drawn.

        Parsing a file of hundreds of sessions holds the interpreter for a tenth of a
        second; started earlier it would hold back the window itself.
        """
        from jiebei_coach.tui.widgets.footer import CoachFooter

        if any(footer.keys_shown for footer in self.screen.query(CoachFooter)):
            self.call_after_refresh(self._load_summaries)
        else:
            self.call_after_refresh(self._load_when_drawn)

    @work(thread=True, exclusive=True, group="load")
    def _load_summaries(self) -> None:
        try:
            self.store.check()
        except StoreError as error:  # what stops the app before its window, for a small file
            self.call_from_thread(self._refuse, error)
            return
        try:
            summaries = self.store.summaries(self.today)
        except StoreError as error:
            self.call_from_thread(self._fail, error)
            summaries = []
        recovered = self.store.recovered
        if recovered is not None and self._notice is None:
            self._notice = recovered.message()
            self.call_from_thread(self.notify, self._notice, severity="warning", timeout=30)
        self.call_from_thread(self._loaded, summaries)

    def _refuse(self, error: StoreError) -> None:
        """Close with the reason: the file cannot be used (it is left as it is)."""
        self.exit(return_code=1, message=error.message())

    def _loaded(self, summaries: list[Summary]) -> None:
        self.loading = False
        self.summaries = summaries

    @work(thread=True, exclusive=True, group="demo")
    def action_create_demo(self) -> None:
        """Create a session from the demo profile and show its breakdown."""
        from jiebei_coach.domain import build_plan, demo_profile

        profile = demo_profile()
        try:
            session = self.store.create(
                t("cli.demo_name"), profile, build_plan(profile, self.today)
            )
        except StoreError as error:
            self.call_from_thread(self._fail, error)
            return
        self.call_from_thread(self._created, session, "breakdown")

    def _created(self, session: Session, mode: str) -> None:
        self._refresh_summaries()
        self.creating = False
        self.session = session
        self.switch_mode(mode)
        self.notify(t("app.created", name=session.name))

    def action_new_profile(self) -> None:
        """Start a new profile."""
        self.creating = True
        self._drafts.pop("new", None)
        self._refresh_profile_screen()
        self.switch_mode("profile")

    def _refresh_profile_screen(self) -> None:
        for screen in self._mode_screens("profile"):
            screen.call_later(screen.recompose)

    def _mode_screens(self, *modes: str) -> list[CoachScreen]:
        found = []
        for mode in modes or MODE_SCREENS:
            stack = self._screen_stacks.get(mode) or []
            found += [s for s in stack if isinstance(s, CoachScreen)]
        return found

    def profile_draft(self) -> dict[str, Any]:
        """What is typed in the profile form for the new or the open session."""
        from jiebei_coach.tui.screens.profile import draft_from_profile

        key = "new" if self.creating or self.session is None else self.session.id
        if key not in self._drafts:
            profile = None if key == "new" or self.session is None else self.session.profile
            self._drafts[key] = draft_from_profile(profile)
        return self._drafts[key]

    def reset_profile_draft(self) -> None:
        """Throw away what was typed and start from the saved profile."""
        key = "new" if self.creating or self.session is None else self.session.id
        self._drafts.pop(key, None)

    def save_profile(self, profile: Profile, name: str) -> None:
        """Save a new session, or the open session's new profile."""
        creating = self.creating or self.session is None
        self._save_profile(profile, name, creating, None if creating else self.session)

    @work(thread=True, exclusive=True, group="profile")
    def _save_profile(
        self, profile: Profile, name: str, creating: bool, session: Session | None
    ) -> None:
        from jiebei_coach.domain import build_plan

        try:
            if creating or session is None:
                saved = self.store.create(name, profile, build_plan(profile, self.today))
            else:
                saved = self.store.replace(session.model_copy(update={"profile": profile}))
        except StoreError as error:
            self.call_from_thread(self._fail, error)
            return
        self.call_from_thread(self._profile_saved, saved, creating)

    def _profile_saved(self, session: Session, created: bool) -> None:
        self._drafts.pop("new" if created else session.id, None)
        if created:
            self._created(session, "breakdown")
            return
        self._refresh_summaries()
        self.session = session
        self.notify(t("app.profile_saved_replan"), timeout=10)
        self.switch_mode("breakdown")

    def save_tick(self, key: str, done: bool) -> None:
        """Tick or untick an action of the open session, durably."""
        if self.session is not None:
            self._save_tick(self.session.id, key, done)

    @work(thread=True, group="tick")
    def _save_tick(self, session_id: str, key: str, done: bool) -> None:
        try:
            session = self.store.tick(session_id, key, done, self.today)
        except StoreError as error:
            self.call_from_thread(self._tick_failed, error)
            return
        self.call_from_thread(self._ticked, session)

    def _ticked(self, session: Session) -> None:
        if self.session is not None and self.session.id == session.id:
            self.session = session
        self._refresh_summaries()

    def _tick_failed(self, error: StoreError) -> None:
        self._fail(error)
        self._reload()

    def rename_session(self, session_id: str) -> None:
        """Ask for a new name, then save it."""
        from jiebei_coach.tui.dialogs.name import NameDialog

        current = next((s.name for s in self.summaries if s.id == session_id), "")

        def done(name: str | None) -> None:
            if name:
                self._rename(session_id, name)

        self.push_screen(NameDialog(t("home.rename_title"), current), done)

    @work(thread=True, group="rename")
    def _rename(self, session_id: str, name: str) -> None:
        try:
            renamed = self.store.rename(session_id, name)
        except StoreError as error:
            self.call_from_thread(self._fail, error)
            return
        self.call_from_thread(self._after_change, renamed)

    def _after_change(self, changed: Session | None) -> None:
        self._refresh_summaries()
        if changed is not None and self.session is not None and self.session.id == changed.id:
            self.session = changed

    @work(thread=True, group="duplicate")
    def duplicate_session(self, session_id: str) -> None:
        """Copy a session (a new id and a name like "name (2)")."""
        try:
            copy = self.store.import_session(self.store.get(session_id))
        except StoreError as error:
            self.call_from_thread(self._fail, error)
            return
        self.call_from_thread(self._after_change, None)
        self.call_from_thread(self.notify, t("home.duplicated", name=copy.name))

    def delete_session(self, session_id: str) -> None:
        """Ask, then delete."""
        from jiebei_coach.tui.dialogs.confirm import ConfirmDialog

        name = next((s.name for s in self.summaries if s.id == session_id), "")

        def done(yes: bool | None) -> None:
            if yes:
                self._delete(session_id, name)

        self.push_screen(
            ConfirmDialog(t("home.delete_question", name=name), t("home.delete")), done
        )

    @work(thread=True, group="delete")
    def _delete(self, session_id: str, name: str) -> None:
        try:
            self.store.delete(session_id)
        except StoreError as error:
            self.call_from_thread(self._fail, error)
            return
        self.call_from_thread(self._deleted, session_id, name)

    def _deleted(self, session_id: str, name: str) -> None:
        if self.session is not None and self.session.id == session_id:
            self.session = None
        self._drafts.pop(session_id, None)
        self._refresh_summaries()
        self.notify(t("home.deleted", name=name))

    # --------------------------------------------- check-ins, re-plan, export

    def save_checkin(self, month: date, sesame: int | None, limit: float | None) -> None:
        """Record the month's real figures for the open session."""
        if self.session is not None:
            self._save_checkin(self.session.id, month, sesame, limit)

    @work(thread=True, group="checkin")
    def _save_checkin(
        self, session_id: str, month: date, sesame: int | None, limit: float | None
    ) -> None:
        from jiebei_coach.domain import CheckIn

        checkin = CheckIn(
            month=month, sesame_score=sesame, jiebei_limit=limit, recorded_on=self.today
        )
        try:
            session = self.store.checkin(session_id, checkin)
        except StoreError as error:
            self.call_from_thread(self._fail, error)
            return
        self.call_from_thread(self._after_change, session)
        self.call_from_thread(self.notify, t("checkin.saved"))

    @work(thread=True, exclusive=True, group="replan")
    def replan_session(self) -> None:
        """Plan again from this month for the saved profile, then say what changed."""
        from jiebei_coach.commands import describe_changes
        from jiebei_coach.domain import replan

        session = self.session
        if session is None:
            return
        plan, changes = replan(session.plan, session.profile, self.today)
        try:
            saved = self.store.replace(session.model_copy(update={"plan": plan}))
        except StoreError as error:
            self.call_from_thread(self._fail, error)
            return
        lines = describe_changes(changes, get_language(), self.action_title)
        self.call_from_thread(self._replanned, saved, "\n".join(lines))

    def _replanned(self, session: Session, text: str) -> None:
        from jiebei_coach.tui.dialogs.forms import InfoDialog

        self._after_change(session)
        self.push_screen(InfoDialog(t("replan.title"), text))

    @work(thread=True, group="export")
    def export_session(self, fmt: str, path: Path) -> None:
        """Write the open session as Markdown, iCalendar or JSON, then say where."""
        from datetime import datetime

        from jiebei_coach import exports
        from jiebei_coach.store.storage import write_atomic

        session = self.session
        if session is None:
            return
        lang = get_language()
        if fmt == "md":
            data = exports.to_markdown(session, self.today, lang).encode("utf-8")
        elif fmt == "ics":
            data = exports.to_ics(session, lang)
        else:
            data = exports.to_json(session, datetime.now().astimezone()).encode("utf-8")
        if self.store.owns(path):
            self.call_from_thread(
                self.notify, t("store.export_refused", path=path), severity="error"
            )
            return
        try:
            if path.is_dir():
                raise StoreError("not_a_file", path=path)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data, keep_backup=False)
        except StoreError as error:
            self.call_from_thread(self._fail, error)
            return
        except OSError as error:
            self.call_from_thread(
                self._fail, StoreError("write_failed", path=path, reason=error.strerror)
            )
            return
        self.call_from_thread(self.notify, t("cli.exported", path=path), timeout=15)

    def add_draw(self, amount: float, use: str, purpose: str) -> None:
        """Log what a draw paid for."""
        if self.session is not None:
            self._add_draw(self.session.id, amount, use, purpose)

    @work(thread=True, group="draw")
    def _add_draw(self, session_id: str, amount: float, use: str, purpose: str) -> None:
        from jiebei_coach.domain import Draw

        draw = Draw.model_validate(
            {"on": self.today, "amount": amount, "use": use, "purpose": purpose}
        )
        try:
            session = self.store.add_draw(session_id, draw)
        except StoreError as error:
            self.call_from_thread(self._fail, error)
            return
        self.call_from_thread(self._after_change, session)
        if draw.speculative:
            self.call_from_thread(
                self.notify, t("funds.speculative_warning"), severity="warning", timeout=20
            )
        else:
            self.call_from_thread(self.notify, t("funds.saved"))

    # ------------------------------------------------------- other windows

    def _poll_file(self) -> None:
        if not self.loading and self.store.changed_on_disk():
            self._reload()

    def _reload(self) -> None:
        """Show what is on disk now (another window or the command line changed it)."""
        try:
            self.summaries = self.store.summaries(self.today)
            if self.session is not None:
                ids = {s.id for s in self.summaries}
                self.session = self.store.get(self.session.id) if self.session.id in ids else None
        except StoreError as error:
            self._fail(error)

    # ---------------------------------------------------------- app actions

    def action_help(self) -> None:
        """Show help."""
        from jiebei_coach.tui.dialogs.help import HelpDialog

        self.push_screen(HelpDialog())

    def action_safety(self) -> None:
        """Show the safety card and the message checker."""
        self.switch_mode("safety")

    def action_switch_language(self) -> None:
        """中文 ⇄ English, remembered in the data file."""
        lang: Lang = "en" if get_language() == "zh" else "zh"
        set_language(lang)
        self.title = t("app.title")
        localise_bindings(self)
        for screen in self._mode_screens():
            screen.language_changed()
        self.refresh_bindings()
        self._save_setting(language=lang)

    def action_toggle_theme(self) -> None:
        """Dark ⇄ light, remembered."""
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]
        self._save_setting(theme=self.theme)

    @work(thread=True, group="settings")
    def _save_setting(self, **change: str) -> None:
        try:
            self.store.save_settings(**change)
        except StoreError as error:
            self.call_from_thread(self._fail, error)

    def action_command_palette(self) -> None:
        """The command palette, in the current language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(
                CommandPalette(placeholder=t("palette.placeholder"), id="--command-palette")
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out the mode already shown."""
        if action == "switch_mode" and parameters and parameters[0] == self.current_mode:
            return None
        return True

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action, named in the current language."""
        entries: list[tuple[str, str, Callable[[], Any]]] = [
            ("palette.home", "palette.home_help", lambda: self.switch_mode("home")),
            ("palette.profile", "palette.profile_help", lambda: self.switch_mode("profile")),
            ("palette.breakdown", "palette.breakdown_help", lambda: self.switch_mode("breakdown")),
            ("palette.planner", "palette.planner_help", lambda: self.switch_mode("planner")),
            ("palette.help", "palette.help_help", self.action_help),
            ("palette.safety", "palette.safety_help", self.action_safety),
            ("palette.cost", "palette.cost_help", lambda: self.switch_mode("cost")),
            ("palette.language", "palette.language_help", self.action_switch_language),
            ("palette.theme", "palette.theme_help", self.action_toggle_theme),
            ("palette.quit", "palette.quit_help", self.exit),
        ]
        if isinstance(screen, CoachScreen):
            for title, help_key, method in screen.PALETTE:
                owner: Any = self if method.startswith("app.") else screen
                entries.append((title, help_key, getattr(owner, method.removeprefix("app."))))
        for title, help_key, callback in entries:
            yield SystemCommand(t(title), t(help_key), callback)
