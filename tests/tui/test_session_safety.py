"""What a user types goes where they meant it, or they are asked: the profile form's draft
belongs to its session, leaving with unsaved changes asks first, and bad input in dialogs
is a message, never the end of the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, Select, Static

from jiebei_coach.domain import demo_profile
from jiebei_coach.safe_text import NAME_MAX
from jiebei_coach.store import Store
from jiebei_coach.tui.dialogs.confirm import LeaveDialog
from jiebei_coach.tui.dialogs.forms import FundsDialog
from jiebei_coach.tui.dialogs.name import NameDialog
from tests.tui.conftest import TODAY, AppFactory
from tests.tui.test_flows import fill, press, settle, text_of

DEMO = demo_profile()


def _field(app: object, name: str) -> str:
    return str(app.screen.query_one(f"#field-{name}", Input).value)  # type: ignore[attr-defined]


async def _answer(app: object, pilot: object, choice: str) -> None:
    assert isinstance(app.screen, LeaveDialog)  # type: ignore[attr-defined]
    await pilot.click(f"#{choice}")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]


@pytest.mark.parametrize("choice", ["save", "discard"])
async def test_the_form_follows_the_session_it_edits(
    make_app: AppFactory, db_path: Path, choice: str
) -> None:
    """New profile → Home → demo → edit: the form is the demo's, and saving it saves the
    demo; what was typed for the new profile was saved as its own session, or dropped."""
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await press(app, pilot, "n")
        await fill(app, pilot, "_name", "Fresh start")
        await fill(app, pilot, "sesame_score", "700")
        await press(app, pilot, "f2")
        await _answer(app, pilot, choice)
        assert app.current_mode == "home"
        await press(app, pilot, "m", "f3")
        assert app.current_mode == "profile"
        assert not app.screen.query("#field-_name")  # editing, not creating
        assert _field(app, "sesame_score") == str(DEMO.sesame_score)
        assert "Fresh start" not in str(app.screen.query_one(".screen-title", Static).render())
        await fill(app, pilot, "sesame_score", "660")
        await press(app, pilot, "ctrl+s")
    store = Store.open(db_path)
    sessions = {s.name: store.get(s.id) for s in store.summaries(TODAY)}
    demo = next(s for name, s in sessions.items() if name != "Fresh start")
    assert demo.profile == DEMO.model_copy(update={"sesame_score": 660})
    if choice == "save":
        assert sessions["Fresh start"].profile.sesame_score == 700
    assert len(sessions) == (2 if choice == "save" else 1)


async def test_a_bad_draft_for_a_new_profile_never_reaches_another_session(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app("zh")
    async with app.run_test(size=(100, 32)) as pilot:
        await press(app, pilot, "n")
        await fill(app, pilot, "on_time_rate", "abc")
        await fill(app, pilot, "late_payments_24m", "x")
        await press(app, pilot, "f2")
        await _answer(app, pilot, "discard")
        await press(app, pilot, "m", "f3")
        assert _field(app, "late_payments_24m") == str(DEMO.late_payments_24m)
        await press(app, pilot, "ctrl+s")
    [summary] = Store.open(db_path).summaries(TODAY)
    assert Store.open(db_path).get(summary.id).profile == DEMO


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_next_new_profile_starts_empty(
    make_app: AppFactory, db_path: Path, lang: str
) -> None:
    """Saving one person's new profile, then starting another: the form is empty, not
    the last person's answers (an 'overdue now' or 'student' inherited unseen)."""
    app = make_app(lang)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 32)) as pilot:
        await press(app, pilot, "n")
        await fill(app, pilot, "_name", "First person")
        await fill(app, pilot, "sesame_score", "700")
        await press(app, pilot, "ctrl+s")
        assert app.current_mode == "breakdown"
        await press(app, pilot, "h", "n")
        assert app.current_mode == "profile"
        assert _field(app, "_name") == "" and _field(app, "sesame_score") == ""
        assert not app.screen.unsaved  # type: ignore[attr-defined]
        await fill(app, pilot, "sesame_score", "610")
        await press(app, pilot, "escape", "q")
        assert isinstance(app.screen, LeaveDialog)  # typed, so quitting asks
    assert [s.name for s in Store.open(db_path).summaries(TODAY)] == ["First person"]


@pytest.mark.parametrize(
    ("choice", "running", "saved"),
    [("save", False, 700), ("discard", False, DEMO.sesame_score), ("stay", True, None)],
)
async def test_quitting_with_unsaved_edits_asks_first(
    make_app: AppFactory, db_path: Path, choice: str, running: bool, saved: int | None
) -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await press(app, pilot, "m", "e")
        await fill(app, pilot, "sesame_score", "700")
        await press(app, pilot, "escape", "q")
        assert app.return_code is None  # still running: it asked
        await _answer(app, pilot, choice)
        assert (app.return_code is None) == running
        if running:
            assert app.current_mode == "profile"
            assert _field(app, "sesame_score") == "700"
    [summary] = Store.open(db_path).summaries(TODAY)
    kept = Store.open(db_path).get(summary.id).profile.sesame_score
    assert kept == (DEMO.sesame_score if saved is None else saved)


async def test_quitting_with_nothing_typed_just_quits(make_app: AppFactory) -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await press(app, pilot, "m", "e", "escape", "q")
        assert app.return_code == 0


async def test_renaming_to_the_same_name_keeps_it(make_app: AppFactory, db_path: Path) -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await press(app, pilot, "m")
        [before] = app.summaries
        await press(app, pilot, "h", "r")
        assert isinstance(app.screen, NameDialog)
        assert app.screen.query_one("#name", Input).value == before.name
        await press(app, pilot, "enter")
        assert [s.name for s in app.summaries] == [before.name]
    assert [s.name for s in Store.open(db_path).summaries(TODAY)] == [before.name]


@pytest.mark.parametrize("typed", ["长" * (NAME_MAX + 1), "   "], ids=["too-long", "blank"])
async def test_a_bad_name_in_the_rename_dialog_is_a_message(
    make_app: AppFactory, typed: str
) -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await press(app, pilot, "m")
        [before] = app.summaries
        await press(app, pilot, "h", "r")
        app.screen.query_one("#name", Input).value = typed
        await press(app, pilot, "enter")
        assert isinstance(app.screen, NameDialog)  # still open, saying why
        assert str(app.screen.query_one("#name-error", Static).render()).startswith("A name")
        assert [s.name for s in app.summaries] == [before.name]


async def test_a_name_over_the_limit_in_the_form_is_a_message_and_nothing_is_lost(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app("zh")
    long = "长" * (NAME_MAX + 1)
    async with app.run_test(size=(100, 32)) as pilot:
        await press(app, pilot, "n")
        app.screen.query_one("#field-_name", Input).value = long
        await fill(app, pilot, "sesame_score", "700")
        await press(app, pilot, "ctrl+s")
        assert app.current_mode == "profile"
        assert str(NAME_MAX) in text_of(app, "#error-_name")
        assert _field(app, "_name") == long
        assert _field(app, "sesame_score") == "700"
    assert Store.open(db_path).summaries(TODAY) == []


async def test_a_draw_too_large_to_be_real_is_a_message(make_app: AppFactory) -> None:
    app = make_app("zh")
    async with app.run_test(size=(100, 32)) as pilot:
        await press(app, pilot, "m", "p", "u")
        assert isinstance(app.screen, FundsDialog)
        await pilot.press(*"2亿")
        app.screen.query_one("#use", Select).value = "stock"
        await press(app, pilot, "enter")
        assert isinstance(app.screen, FundsDialog)  # still open, saying why
        assert str(app.screen.query_one("#funds-error", Static).render())
        assert app.return_code is None
        assert app.session is not None and app.session.draws == []


async def test_the_palette_opens_once_whatever_keys_come_between(make_app: AppFactory) -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await press(app, pilot, "m", "ctrl+p", "f5", "ctrl+p")
        palettes = [s for s in app.screen_stack if isinstance(s, CommandPalette)]
        assert len(palettes) <= 1
        assert app.return_code is None


async def test_export_from_the_app_makes_the_folders_it_needs(
    make_app: AppFactory, tmp_path: Path
) -> None:
    from tests.tui.test_beyond import set_input

    app = make_app("en")
    target = tmp_path / "new" / "folder" / "plan.md"
    async with app.run_test(size=(100, 32)) as pilot:
        await press(app, pilot, "m", "p", "o")
        await set_input(app, pilot, "#path", str(target))
        await press(app, pilot, "enter")
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_the_draw_limit_message_names_the_field_and_groups_the_digits() -> None:
    from pydantic import ValidationError

    from jiebei_coach.domain import Draw
    from jiebei_coach.presentation.fields import error_messages

    with pytest.raises(ValidationError) as caught:
        Draw.model_validate({"on": TODAY, "amount": 2e8, "use": "stock"})
    assert error_messages(caught.value, "zh") == {"amount": "「金额」不能大于 10,000,000"}
    assert error_messages(caught.value, "en")["amount"].startswith("Amount")
