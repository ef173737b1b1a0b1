"""The app's session operations: each runs a use case in a worker and shows the outcome.

Mixed into the app, which owns the state (``session``, ``summaries``) and the store.
Nothing here computes a change itself: every change is a use case, the same the command
line runs, and the words for every problem come from ``presentation``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jiebei_coach.domain.titles import action_titles
from jiebei_coach.i18n import get_language, t
from jiebei_coach.store import StoreError
from jiebei_coach.tui.runner import UseCaseFailed, UseCaseFinished, log_unexpected, run_usecase
from jiebei_coach.usecases import files, sessions
from jiebei_coach.usecases.errors import UseCaseError

if TYPE_CHECKING:
    from textual.app import App

    from jiebei_coach.domain import Profile, Session
    from jiebei_coach.store import Store, Summary

    _Base = App[None]
else:
    _Base = object


class SessionOperations(_Base):
    """Session operations for the app (see the module's docstring)."""

    store: Store
    session: Session | None
    summaries: list[Summary]
    creating: bool
    _drafts: dict[str, dict[str, Any]]

    if TYPE_CHECKING:  # provided by the app

        @property
        def today(self) -> date: ...

    # -------------------------------------------------------------- outcomes

    def on_use_case_finished(self, message: UseCaseFinished) -> None:
        """Show a use case's result (its follow-up runs here, on the app's thread)."""
        if message.then is not None:
            message.then(message.result)

    def on_use_case_failed(self, message: UseCaseFailed) -> None:
        """Say what went wrong, then put the screen right if the operation asked to."""
        self.show_problem(message.error)
        if message.recover is not None:
            message.recover()

    def show_problem(self, error: Exception) -> None:
        """Say what went wrong; an unexpected error is also written to the log."""
        from jiebei_coach.presentation.fields import field_message
        from jiebei_coach.presentation.messages import problem_message

        if isinstance(error, UseCaseError) and sessions.fields_of(error):
            text = "; ".join(field_message(f) for f in sessions.fields_of(error))
        elif isinstance(error, (StoreError, UseCaseError)):
            text = problem_message(error)
        else:
            logged = log_unexpected(self.store.path.parent, error)
            text = t("app.unexpected", log=logged or "-")
        self.notify(text, severity="error", timeout=15)

    # -------------------------------------------------------------- sessions

    def session_name(self) -> str:
        """The open session's name, or empty."""
        return self.session.name if self.session else ""

    def open_session(self, session_id: str, mode: str = "planner") -> None:
        """Load a session and show it (the planner opens on the current month)."""
        try:
            session = self.store.get(session_id)
        except StoreError as error:
            self.show_problem(error)
            return
        self.creating = False
        self.session = session
        self.switch_mode(mode)

    def _refresh_summaries(self) -> None:
        try:
            self.summaries = self.store.summaries(self.today)
        except StoreError as error:
            self.show_problem(error)

    def action_create_demo(self) -> None:
        """Create a session from the demo profile and show its breakdown."""
        name = t("cli.demo_name")
        run_usecase(
            self,
            lambda: sessions.create_demo(self.store, self.today, name),
            lambda session: self._created(session, "breakdown"),
            group="demo",
            exclusive=True,
        )

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
        self.switch_mode("profile")

    def action_title(self, action_id: str) -> str:
        """An action's title in the current language (cheap: no pydantic needed)."""
        titles = action_titles()
        return titles.get(action_id, {}).get(get_language(), action_id)

    # --------------------------------------------------------------- profile

    def draft_key(self) -> str:
        """Whose profile the form edits now: ``"new"`` or the open session's id."""
        return "new" if self.creating or self.session is None else self.session.id

    def profile_draft(self, key: str | None = None) -> dict[str, Any]:
        """What is typed in the profile form for ``key`` (kept per session)."""
        from jiebei_coach.presentation.profile_draft import draft_from_profile

        key = key or self.draft_key()
        if key not in self._drafts:
            profile = None
            if key != "new":
                try:
                    profile = self.store.get(key).profile
                except StoreError:
                    profile = None
            self._drafts[key] = draft_from_profile(profile)
        return self._drafts[key]

    def reset_profile_draft(self, key: str | None = None) -> None:
        """Throw away what was typed and start from the saved profile."""
        self._drafts.pop(key or self.draft_key(), None)

    def save_profile(
        self, key: str, profile: Profile, name: str, then: Callable[[], None] | None = None
    ) -> None:
        """Save the draft ``key``: a new session, or that session's new profile; ``then``
        runs once it is saved (instead of showing the breakdown)."""
        today = self.today
        bill = self._drafts.get(key, {}).get("_bill")  # the bill some values came from
        if key == "new":

            def work() -> Session:
                bills = [bill] if bill is not None else []
                return sessions.create_session(self.store, name, profile, today, bills)

        else:

            def work() -> Session:
                return sessions.save_profile(self.store, key, profile, bill)

        run_usecase(
            self,
            work,
            lambda saved: self._profile_saved(saved, key, then),
            group="profile",
            exclusive=True,
        )

    def _profile_saved(self, session: Session, key: str, then: Callable[[], None] | None) -> None:
        self._drafts.pop(key, None)
        self._refresh_summaries()
        self.creating = False
        self.session = session
        self.notify(
            t("app.created" if key == "new" else "app.profile_saved_replan", name=session.name),
            timeout=10,
        )
        if then is not None:
            then()
        else:
            self.switch_mode("breakdown")

    # ------------------------------------------------------------- planner

    def save_tick(self, key: str, done: bool) -> None:
        """Tick or untick an action of the open session, durably."""
        if self.session is None:
            return
        session_id, today = self.session.id, self.today
        run_usecase(
            self,
            lambda: sessions.tick(self.store, session_id, key, done, today),
            lambda result: self._after_change(result.session),
            group="tick",
            recover=self._reload,
        )

    def _after_change(self, changed: Session | None) -> None:
        self._refresh_summaries()
        if changed is not None and self.session is not None and self.session.id == changed.id:
            self.session = changed

    def save_checkin(self, month: date, sesame: int | None, limit: float | None) -> None:
        """Record the month's real figures for the open session."""
        if self.session is None:
            return
        session_id, today = self.session.id, self.today

        def done(result: tuple[Session, Any]) -> None:
            self._after_change(result[0])
            self.notify(t("checkin.saved"))
            self._offer_profile_update(result[0], sesame, limit)

        run_usecase(
            self,
            lambda: sessions.check_in(self.store, session_id, month, sesame, limit, today),
            done,
            group="checkin",
        )

    def _offer_profile_update(
        self, session: Session, sesame: int | None, limit: float | None
    ) -> None:
        """A checked-in Sesame score or 借呗 limit that differs from the profile's: offer
        to update the profile (the plan is then one R away from starting there)."""
        from pydantic import ValidationError

        from jiebei_coach.presentation.fields import error_messages
        from jiebei_coach.tui.dialogs.confirm import ConfirmDialog

        profile = session.profile
        lines = []
        updated = profile
        if sesame is not None and sesame != profile.sesame_score:
            old = t("checkin.no_limit") if profile.sesame_score is None else profile.sesame_score
            lines.append(t("checkin.update_sesame", old=old, new=sesame))
            updated = updated.model_copy(update={"sesame_score": sesame})
        try:
            with_limit = None if limit is None else updated.with_logged_limit(limit)
        except ValidationError as exc:  # say why the profile cannot take it
            self.notify("; ".join(error_messages(exc).values()), severity="warning", timeout=15)
            with_limit = None
        if with_limit is not None and limit is not None:
            current = profile.jiebei_limit
            old_limit = t("checkin.no_limit") if current is None else f"¥{current:,.0f}"
            lines.append(t("checkin.update_limit", old=old_limit, new=f"¥{limit:,.0f}"))
            status = with_limit.jiebei_status
            if status != profile.jiebei_status and status is not None:
                lines.append(t("checkin.update_status", status=t(f"jiebei_status.{status.value}")))
            updated = with_limit
        if not lines:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.save_profile(session.id, updated, session.name, then=lambda: None)

        question = "\n".join([*lines, t("checkin.update_ask")])
        self.push_screen(
            ConfirmDialog(question, t("checkin.update_limit_go"), danger=False), answered
        )

    def add_draw(self, amount: float, use: str, purpose: str) -> None:
        """Log what a draw paid for."""
        if self.session is None:
            return
        session_id, today = self.session.id, self.today

        def done(result: tuple[Session, Any]) -> None:
            session, draw = result
            self._after_change(session)
            if draw.speculative:
                self.notify(t("funds.speculative_warning"), severity="warning", timeout=20)
            else:
                self.notify(t("funds.saved"))

        run_usecase(
            self,
            lambda: sessions.log_draw(self.store, session_id, amount, use, purpose, today),
            done,
            group="draw",
        )

    def replan_session(self) -> None:
        """Plan again from this month for the saved profile, then say what changed."""
        if self.session is None:
            return
        session_id, today = self.session.id, self.today

        def done(result: sessions.ReplanResult) -> None:
            from jiebei_coach.presentation.changes import describe_changes
            from jiebei_coach.tui.dialogs.forms import InfoDialog

            self._after_change(result.session)
            lines = describe_changes(result.changes, get_language(), self.action_title)
            self.push_screen(InfoDialog(t("replan.title"), "\n".join(lines)))

        run_usecase(
            self,
            lambda: sessions.replan(self.store, session_id, today),
            done,
            group="replan",
            exclusive=True,
        )

    def export_session(self, fmt: str, path: Path) -> None:
        """Write the open session as Markdown, iCalendar or JSON, then say where."""
        from jiebei_coach.presentation.exports import export_data

        session, lang, today = self.session, get_language(), self.today
        if session is None:
            return
        run_usecase(
            self,
            lambda: files.write_export(self.store, path, export_data(session, fmt, lang, today)),
            lambda written: self.notify(t("cli.exported", path=written), timeout=15),
            group="export",
        )

    # ---------------------------------------------------------------- home

    def _listed_name(self, session_id: str) -> str:
        """The session's name as the list shows it (empty when it is not listed)."""
        return next((s.name for s in self.summaries if s.id == session_id), "")

    def rename_session(self, session_id: str) -> None:
        """Ask for a new name, then save it."""
        from jiebei_coach.tui.dialogs.name import NameDialog

        current = self._listed_name(session_id)

        def chosen(name: str | None) -> None:
            if name:
                run_usecase(
                    self,
                    lambda: sessions.rename(self.store, session_id, name),
                    self._after_change,
                    group="rename",
                )

        self.push_screen(NameDialog(t("home.rename_title"), current), chosen)

    def duplicate_session(self, session_id: str) -> None:
        """Copy a session (a new id and a name like "name (2)")."""

        def done(copy: Session) -> None:
            self._after_change(None)
            self.notify(t("home.duplicated", name=copy.name))

        run_usecase(
            self, lambda: sessions.duplicate(self.store, session_id), done, group="duplicate"
        )

    def delete_session(self, session_id: str) -> None:
        """Ask, then delete."""
        from jiebei_coach.tui.dialogs.confirm import ConfirmDialog

        name = self._listed_name(session_id)

        def confirmed(yes: bool | None) -> None:
            if yes:
                run_usecase(
                    self,
                    lambda: sessions.delete(self.store, session_id, self.today),
                    lambda deleted: self._deleted(session_id, deleted or name),
                    group="delete",
                )

        self.push_screen(
            ConfirmDialog(t("home.delete_question", name=name), t("home.delete")), confirmed
        )

    def _deleted(self, session_id: str, name: str) -> None:
        if self.session is not None and self.session.id == session_id:
            self.session = None
        self._drafts.pop(session_id, None)
        self._refresh_summaries()
        self.notify(t("home.deleted", name=name))

    # ------------------------------------------------------- other windows

    def _reload(self) -> None:
        """Show what is on disk now (another window or the command line changed it)."""
        try:
            self.summaries = self.store.summaries(self.today)
            if self.session is not None:
                ids = {s.id for s in self.summaries}
                self.session = self.store.get(self.session.id) if self.session.id in ids else None
        except StoreError as error:
            self.show_problem(error)
