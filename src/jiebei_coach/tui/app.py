"""The jiebei-coach app: modes, keys, the command palette, language, theme and loading.

The app owns the state (the store, the open session, the session list, the language).
Every change is a use case run in a thread worker (``tui.runner``; the operations are in
``tui.operations``), so the interface never waits for the disk and an operation that fails
is said, never fatal. A timer notices when another process (the ``tick`` command, a second
window) changed the data file and reloads from it. Leaving the profile form with unsaved
changes asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from jiebei_coach.i18n import Lang, get_language, set_language, t
from jiebei_coach.store import Store, StoreError, Summary
from jiebei_coach.tui import LARGE_FILE
from jiebei_coach.tui.base import CoachScreen, localise_bindings
from jiebei_coach.tui.modes import MODES
from jiebei_coach.tui.operations import SessionOperations
from jiebei_coach.tui.palette import CoachCommands, PaletteCommands
from jiebei_coach.tui.runner import run_usecase
from jiebei_coach.tui.textfixes import install as install_text_fixes

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from jiebei_coach.domain import Session

THEMES = ("textual-dark", "textual-light")

install_text_fixes()


class JiebeiApp(PaletteCommands, SessionOperations, App[None]):
    """The interactive coach."""

    TITLE = "jiebei-coach"
    # The home screen's rules come with the app's, so the first frame needs one stylesheet
    # pass (each later source re-parses them all); other screens bring theirs when opened.
    CSS_PATH = [
        Path(__file__).with_name("app.tcss"),
        Path(__file__).parent / "screens" / "home.tcss",
    ]
    MODES = dict(MODES)
    COMMANDS = {CoachCommands}
    DEFAULT_MODE = "home"
    # Letters for everyday use; the function-key twins are priority bindings, so they
    # also work inside a text field or the message box (whose own F6/F7 select text).
    # The screens' keys are shown as tabs (``NavBar``), the others in the Footer.
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
            Binding(letter, action, binding_id, id=binding_id, show=binding_id not in MODES)
            for letter, _, action, binding_id in _KEYS
        ),
        *(
            Binding(
                fkey, action, binding_id, id=binding_id, priority=True, show=binding_id not in MODES
            )
            for _, fkey, action, binding_id in _KEYS
        ),
        Binding("q", "quit", "Quit", id="quit", key_display="q"),
        Binding("ctrl+p,f9", "command_palette", "Commands", id="palette", priority=True),
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
        self.check_size()
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

    def check_size(self) -> None:
        """Below 80×24, a notice instead of screens that cannot show what they hold (the
        screens call this when the window is resized; the notice closes itself)."""
        from jiebei_coach.tui.dialogs.too_small import TooSmallScreen, too_small

        if too_small(*self.size) and not isinstance(self.screen, TooSmallScreen):
            self.push_screen(TooSmallScreen())

    def _mode_screens(self, *modes: str) -> list[CoachScreen]:
        found = []
        for mode in modes or MODES:
            stack = self._screen_stacks.get(mode) or []
            found += [s for s in stack if isinstance(s, CoachScreen)]
        return found

    # ------------------------------------------------------------------ loading

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
            self.call_from_thread(self.show_problem, error)
            summaries = []
        recovered = self.store.recovered
        if recovered is not None and self._notice is None:
            from jiebei_coach.presentation.messages import recovery_message

            self._notice = recovery_message(recovered)
            self.call_from_thread(self.notify, self._notice, severity="warning", timeout=30)
        self.call_from_thread(self._loaded, summaries)

    def _refuse(self, error: StoreError) -> None:
        """Close with the reason: the file cannot be used (it is left as it is)."""
        from jiebei_coach.presentation.messages import store_message

        self.exit(return_code=1, message=store_message(error))

    def _loaded(self, summaries: list[Summary]) -> None:
        self.loading = False
        self.summaries = summaries

    def _poll_file(self) -> None:
        if not self.loading and self.store.changed_on_disk():
            self._reload()

    # ---------------------------------------------------------- app actions

    def action_help(self) -> None:
        """Show help."""
        from jiebei_coach.tui.dialogs.help import HelpDialog

        self.push_screen(HelpDialog())

    def action_safety(self) -> None:
        """Show the safety card and the message checker."""
        self._leave_to("safety")

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

    def _save_setting(self, **change: str) -> None:
        from jiebei_coach.usecases.files import save_preferences

        run_usecase(self, lambda: save_preferences(self.store, **change), group="settings")

    async def action_switch_mode(self, mode: str) -> None:
        """Show another mode, asking first when the form has unsaved changes."""
        if not self._leave(lambda: self.switch_mode(mode)):
            await self.switch_mode(mode)

    async def action_quit(self) -> None:
        """Quit (everything is saved already), asking first about unsaved changes."""
        if not self._leave(self.exit):
            self.exit()

    def _leave(self, go: Callable[[], object]) -> bool:
        """Ask what to do with the current form's unsaved changes, then ``go`` (unless the
        answer is to stay). Returns False, without asking, when there is nothing to lose."""
        from jiebei_coach.tui.dialogs.confirm import LeaveDialog

        screen = self.screen
        if not (isinstance(screen, CoachScreen) and screen.unsaved):
            return False

        def then() -> None:
            go()

        def chosen(choice: str | None) -> None:
            if choice == "save":
                screen.save(then=then)
            elif choice == "discard":
                screen.discard()
                go()

        self.push_screen(LeaveDialog(), chosen)
        return True

    def _leave_to(self, mode: str) -> None:
        if not self._leave(lambda: self.switch_mode(mode)):
            self.switch_mode(mode)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out the mode already shown; behind the too-small notice, only quit."""
        from jiebei_coach.tui.dialogs.too_small import TooSmallScreen

        if isinstance(self.screen, TooSmallScreen):
            return action == "quit"
        if action == "switch_mode" and parameters and parameters[0] == self.current_mode:
            return None
        return True
