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

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    Collapsible,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from jiebei_coach.domain import (
    SECTIONS,
    Goal,
    IdentityItem,
    JiebeiStatus,
    LifeScene,
    Profile,
    field_errors,
)
from jiebei_coach.i18n import t
from jiebei_coach.parsing import (
    format_amount,
    parse_amount,
    parse_count,
    parse_fraction,
    parse_years,
)
from jiebei_coach.presentation.fields import field_message
from jiebei_coach.tui.base import CoachScreen
from jiebei_coach.tui.widgets.footer import CoachFooter

Parser = Callable[[str], Any]

AMOUNT, COUNT, FRACTION, YEARS, BOOL, SET = "amount", "count", "fraction", "years", "bool", "set"
CHOICE = "choice"
#: Every field of the form and the kind of widget it takes, in section order.
KINDS: dict[str, str] = {
    "goal": CHOICE,
    "sesame_score": COUNT,
    "on_time_rate": FRACTION,
    "late_payments_24m": COUNT,
    "overdue_now": BOOL,
    "account_age_years": YEARS,
    "auto_repay": BOOL,
    "monthly_income": AMOUNT,
    "monthly_debt_payment": AMOUNT,
    "monthly_living_cost": AMOUNT,
    "lender_count": COUNT,
    "loans_ever_5y": COUNT,
    "inquiries_6m": COUNT,
    "jiebei_status": CHOICE,
    "jiebei_limit": AMOUNT,
    "jiebei_balance": AMOUNT,
    "draws_90d": COUNT,
    "largest_draw_90d": AMOUNT,
    "huabei_limit": AMOUNT,
    "huabei_balance": AMOUNT,
    "card_limit": AMOUNT,
    "card_balance": AMOUNT,
    "monthly_alipay_spend": AMOUNT,
    "spend_categories": COUNT,
    "liquid_assets": AMOUNT,
    "has_social_insurance": BOOL,
    "housing_fund": BOOL,
    "checks_credit_report": BOOL,
    "identity_items": SET,
    "phone_years": YEARS,
    "age": COUNT,
    "is_student": BOOL,
    "life_scenes": SET,
    "has_car": BOOL,
    "rents_home": BOOL,
    "owns_home": BOOL,
    "is_business_owner": BOOL,
    "keeps_business_records": BOOL,
    "separates_business_money": BOOL,
}
#: The options of each choice field, in the order shown.
CHOICES: dict[str, list[str]] = {
    "goal": [m.value for m in Goal],
    "jiebei_status": [m.value for m in JiebeiStatus],
}
PARSERS: dict[str, Parser] = {
    AMOUNT: parse_amount,
    COUNT: parse_count,
    FRACTION: parse_fraction,
    YEARS: parse_years,
}
SET_ITEMS: dict[str, list[str]] = {
    "life_scenes": [m.value for m in LifeScene],
    "identity_items": [m.value for m in IdentityItem],
}
SET_LABEL = {"life_scenes": "life_scene", "identity_items": "identity_item"}


def draft_from_profile(profile: Profile | None) -> dict[str, Any]:
    """The form's starting values: text for numbers, True/False/None, lists for sets."""
    draft: dict[str, Any] = {}
    for name, kind in KINDS.items():
        value = None if profile is None else getattr(profile, name)
        if kind == SET:
            draft[name] = None if value is None else sorted(v.value for v in value)
        elif kind == BOOL:
            draft[name] = value
        elif kind == CHOICE:
            draft[name] = None if value is None else str(getattr(value, "value", value))
        elif value is None:
            draft[name] = ""
        elif kind == FRACTION:
            draft[name] = f"{value * 100:g}%"
        elif kind == AMOUNT:
            draft[name] = format_amount(value)
        else:
            draft[name] = f"{value:g}" if isinstance(value, float) else str(value)
    return draft


def values_from_draft(draft: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Parsed field values, and the fields whose text is not a number (with the text)."""
    values: dict[str, Any] = {}
    unreadable: dict[str, str] = {}
    for name, kind in KINDS.items():
        raw = draft.get(name)
        if kind in PARSERS:
            try:
                parsed = PARSERS[kind](raw or "")
            except ValueError:
                unreadable[name] = kind
                continue
            if parsed is not None:
                values[name] = parsed
        elif raw is not None:
            values[name] = raw
    return values, unreadable


def check_draft(draft: dict[str, Any]) -> tuple[Profile | None, dict[str, str]]:
    """The profile the draft describes, or a message for every field that is wrong."""
    values, unreadable = values_from_draft(draft)
    messages = {name: t(f"profile.not_a_{kind}") for name, kind in unreadable.items()}
    try:
        profile = Profile.model_validate(values)
    except ValidationError as exc:
        for error in field_errors(exc):
            messages.setdefault(error.field, field_message(error))
        return None, messages
    return (profile, {}) if not messages else (None, messages)


class ProfileScreen(CoachScreen):
    """Enter or edit a credit profile."""

    CSS_PATH = Path(__file__).with_name("profile.tcss")

    AUTO_FOCUS = ".field-input"
    BINDINGS = [
        Binding("ctrl+s,f10", "save", "Save", id="save", priority=True),
    ]
    PALETTE = (("palette.save", "palette.save_help", "action_save"),)

    def compose(self) -> ComposeResult:
        draft = self.coach.profile_draft()
        creating = self.coach.creating or self.coach.session is None
        yield Header(show_clock=False)
        with Vertical(id="profile-top"):
            title = (
                t("profile.title_new")
                if creating
                else t("profile.title_edit", name=self.coach.session_name())
            )
            yield Static(title, classes="screen-title", markup=False)
            yield Static(t("profile.intro"), classes="hint")
        with VerticalScroll(id="profile-form"):
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
                    placeholder=t(f"placeholder.{kind}"),
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

    def _after_compose(self) -> None:
        self._show_errors(check_draft(self.coach.profile_draft())[1], only_typed=True)
        if self.focused is None:
            self.set_focus(self.query(".field-input").first())  # after a rebuild

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

    def _update(self, name: str, value: Any) -> None:
        draft = self.coach.profile_draft()
        if draft.get(name) == value:
            return
        draft[name] = value
        draft.setdefault("_typed", set()).add(name)
        self._show_errors(check_draft(draft)[1], only_typed=True)
        self.query_one("#profile-status", Static).update(t("profile.unsaved"))

    def _show_errors(self, messages: dict[str, str], *, only_typed: bool) -> None:
        """Put each message beside its field; fields without a problem show their help."""
        typed = self.coach.profile_draft().get("_typed", set())
        for name in KINDS:
            shown = messages.get(name) if (not only_typed or name in typed) else None
            box = self.query_one(f"#error-{name}", Static)
            box.update(shown or t(f"help.field.{name}"))
            box.set_class(shown is not None, "field-error")

    # ---------------------------------------------------------------- saving

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the whole profile; save it, or show what is wrong beside each field."""
        draft = self.coach.profile_draft()
        profile, messages = check_draft(draft)
        if profile is None:
            self._show_errors(messages, only_typed=False)
            first = next(name for name in KINDS if name in messages)
            self.query_one(f"#field-{first}").focus()
            self.query_one("#profile-status", Static).update(t("profile.fix", count=len(messages)))
            self.notify(t("profile.fix", count=len(messages)), severity="error")
            return
        name = " ".join(str(draft.get("_name", "")).split()) or t("profile.default_name")
        self.coach.save_profile(profile, name)

    @on(Button.Pressed, "#reset")
    def _reset(self) -> None:
        self.coach.reset_profile_draft()
        self.call_later(self.recompose)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Saving needs a profile to save into or a new one being made."""
        if action == "save":
            return self.coach.creating or self.coach.session is not None
        return True
