"""Profile: the form, in sections, that says what each field means and what is wrong.

Every field may stay empty ("not known yet"). Numbers accept what people type (1.5万,
15,000, 98%). Errors show beside the field as you type, and the whole profile is checked
on every change, so a balance above the limit is caught at once. What is typed lives in a
draft kept by the app per session, so leaving the screen or switching language loses
nothing; saving builds the profile and maps each pydantic error back to its field.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    Collapsible,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from jiebei_coach.domain import SECTIONS
from jiebei_coach.i18n import t
from jiebei_coach.presentation.profile_draft import (
    BOOL,
    CHOICE,
    CHOICES,
    KINDS,
    SET,
    SET_ITEMS,
    SET_LABEL,
    check_draft,
    placeholder,
)
from jiebei_coach.tui.screens.profile_bill import ProfileBill
from jiebei_coach.tui.widgets.footer import CoachFooter
from jiebei_coach.tui.widgets.navbar import NavBar


class ProfileScreen(ProfileBill):
    """Enter or edit a credit profile."""

    CSS_PATH = Path(__file__).with_name("profile.tcss")

    # The form opens with the form itself focused, not a field: letters switch screens
    # until Tab (or a click) enters a field, so no letter ever lands in a field unasked.
    AUTO_FOCUS = "#profile-form"
    BINDINGS = [
        Binding("ctrl+s,f10", "save", "Save", id="save", priority=True),
        Binding("ctrl+o", "bill", "From a bill", id="bill", priority=True),
    ]
    PALETTE = (
        ("palette.save", "palette.save_help", "action_save"),
        ("palette.bill", "palette.bill_help", "action_bill"),
    )

    def __init__(self) -> None:
        super().__init__()
        #: Whose profile this form edits: ``"new"`` or a session id. A draft belongs to
        #: the session it was started for, whatever is opened meanwhile.
        self.draft_key = ""
        #: The draft the form was built from: a new profile started (or a draft thrown
        #: away) replaces it, and the form must then be built again even for the same key.
        self._shown: dict[str, Any] | None = None

    @property
    def unsaved(self) -> bool:
        """Whether something was typed that is not saved."""
        return bool(self.draft_key) and bool(self.coach.profile_draft(self.draft_key).get("_typed"))

    def compose(self) -> ComposeResult:
        self.draft_key = self.coach.draft_key()
        draft = self._shown = self.coach.profile_draft(self.draft_key)
        creating = self.draft_key == "new"
        yield NavBar()
        with Vertical(id="profile-top"):
            title = (
                t("profile.title_new")
                if creating
                else t("profile.title_edit", name=self.coach.session_name())
            )
            yield Static(title, classes="screen-title", markup=False)
            yield Static(t("profile.intro"), classes="hint")
        with VerticalScroll(id="profile-form", classes="pane"):
            if creating:
                with Horizontal(classes="field-row"):
                    yield Label(t("profile.name"), classes="field-label")
                    yield Input(
                        draft.get("_name", ""),
                        placeholder=t("profile.name_placeholder"),
                        id="field-_name",
                        classes="field-input",
                        compact=True,
                    )
                    yield Static("", id="error-_name", classes="field-help")
            for section, fields in SECTIONS.items():
                with Collapsible(
                    title=t(f"section.{section}"), collapsed=False, id=f"section-{section}"
                ):
                    for name in fields:
                        yield from self._field(name, draft)
        with Horizontal(id="profile-buttons"):
            yield Button(t("profile.save"), variant="primary", id="save")
            yield Button(t("profile.reset"), id="reset")
            yield Button(t("profile.from_bill"), id="from-bill")
            yield Static("", id="profile-status", classes="hint")
        yield CoachFooter()

    def _field(self, name: str, draft: dict[str, Any]) -> ComposeResult:
        kind = KINDS[name]
        label = t(f"field.{name}")
        help_text = t(f"help.field.{name}")
        if kind == SET:
            with Vertical(classes="field-set"):
                yield Label(label, classes="field-label")
                yield Static(help_text, id=f"error-{name}", classes="field-help")
                chosen = set(draft.get(name) or [])
                selections = [
                    Selection(t(f"{SET_LABEL[name]}.{item}"), item, item in chosen)
                    for item in SET_ITEMS[name]
                ]
                yield SelectionList[str](
                    *selections, id=f"field-{name}", classes="field-choices", compact=True
                )
            return
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label")
            if kind == BOOL:
                value = draft.get(name)
                yield Select[bool](
                    [(t("profile.yes"), True), (t("profile.no"), False)],
                    prompt=t("profile.unknown"),
                    value=Select.NULL if value is None else value,
                    id=f"field-{name}",
                    classes="field-input",
                    compact=True,
                )
            elif kind == CHOICE:
                choice = draft.get(name)
                yield Select[str](
                    [(t(f"{name}.{option}"), option) for option in CHOICES[name]],
                    prompt=t("profile.unknown"),
                    value=Select.NULL if choice is None else choice,
                    id=f"field-{name}",
                    classes="field-input",
                    compact=True,
                )
            else:
                yield Input(
                    draft.get(name, ""),
                    placeholder=placeholder(name),
                    id=f"field-{name}",
                    classes="field-input",
                    select_on_focus=False,
                    compact=True,
                )
            yield Static(help_text, id=f"error-{name}", classes="field-help")

    def on_mount(self) -> None:
        self._after_compose()

    async def recompose(self) -> None:
        """Rebuild (a language switch, another session), keeping the draft."""
        await super().recompose()
        self._after_compose()

    def on_screen_resume(self) -> None:
        """Show the right draft when another session was opened (or a new one started)."""
        key = self.coach.draft_key()
        if self.draft_key and (
            self.draft_key != key or self.coach.profile_draft(key) is not self._shown
        ):
            self.call_later(self.recompose)
        else:
            super().on_screen_resume()

    def _after_compose(self) -> None:
        self._show_errors(check_draft(self._draft())[1])
        if self.focused is None:
            self.set_focus(self.query_one("#profile-form"))  # after a rebuild

    # --------------------------------------------------------------- editing

    def _field_name(self, widget_id: str | None) -> str | None:
        if widget_id and widget_id.startswith("field-"):
            return widget_id[len("field-") :]
        return None

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        name = self._field_name(event.input.id)
        if name is not None:
            self._update(name, event.value)

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        name = self._field_name(event.select.id)
        if name is not None:
            value = event.value
            if value is Select.NULL:
                self._update(name, None)
            else:
                self._update(name, str(value) if KINDS.get(name) == CHOICE else bool(value))

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        name = self._field_name(event.selection_list.id)
        if name is not None:
            self._update(name, sorted(event.selection_list.selected))

    def _draft(self) -> dict[str, Any]:
        return self.coach.profile_draft(self.draft_key or None)

    def _update(self, name: str, value: Any) -> None:
        draft = self._draft()
        if draft.get(name) == value:
            return
        draft[name] = value
        draft.setdefault("_typed", set()).add(name)
        self._show_errors(check_draft(draft)[1])
        self.query_one("#profile-status", Static).update(t("profile.unsaved"))

    def _show_errors(self, messages: dict[str, str]) -> None:
        """Put each message beside its field; fields without a problem show their help.

        Every problem is shown, typed or not: a saved profile is valid, so a problem in a
        field nobody touched comes from one that was (a limit below the balance).
        """
        if self.draft_key == "new":
            box = self.query_one("#error-_name", Static)
            box.update(messages.get("_name", ""))
            box.set_class("_name" in messages, "field-error")
        for name in KINDS:
            shown = messages.get(name)
            box = self.query_one(f"#error-{name}", Static)
            box.update(shown or t(f"help.field.{name}"))
            box.set_class(shown is not None, "field-error")

    # ---------------------------------------------------------------- saving

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the whole profile; save it, or show what is wrong beside each field."""
        self.save()

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Save the draft if it is valid (``then`` runs once it is saved); else show what
        is wrong beside each field, focus the first and say how many. Returns whether the
        save was started."""
        from jiebei_coach.presentation.messages import usecase_message
        from jiebei_coach.usecases.errors import UseCaseError
        from jiebei_coach.usecases.sessions import checked_name

        draft = self._draft()
        profile, messages = check_draft(draft)
        name = " ".join(str(draft.get("_name", "")).split()) or t("profile.default_name")
        if self.draft_key == "new":
            try:
                name = checked_name(name)
            except UseCaseError as error:
                messages = {"_name": usecase_message(error), **messages}
        if profile is None or messages:
            self._show_errors(messages)
            first = next(n for n in ("_name", *KINDS) if n in messages)
            field = self.query_one(f"#field-{first}")
            field.focus()
            field.scroll_visible(animate=False)
            fix = t("profile.fix_one" if len(messages) == 1 else "profile.fix", count=len(messages))
            self.query_one("#profile-status", Static).update(fix)
            self.notify(fix, severity="error")
            return False
        self.coach.save_profile(self.draft_key, profile, name, then)
        return True

    def discard(self) -> None:
        """Throw away what was typed (the saved profile stays as it was)."""
        self.coach.reset_profile_draft(self.draft_key)
        self.call_later(self.recompose)

    @on(Button.Pressed, "#reset")
    def _reset(self) -> None:
        self.discard()

    @on(Button.Pressed, "#from-bill")
    def _from_bill(self) -> None:
        self.action_bill()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Saving needs a profile to save into or a new one being made."""
        if action in ("save", "bill"):
            return bool(self.draft_key)
        return True
