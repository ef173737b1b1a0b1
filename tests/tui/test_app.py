"""Pilot tests of the app's other paths: dialogs, palette, theme, other writers."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input

from jiebei_coach.store import Store
from jiebei_coach.tui.dialogs.confirm import ConfirmDialog
from jiebei_coach.tui.dialogs.help import HelpDialog
from jiebei_coach.tui.dialogs.name import NameDialog
from jiebei_coach.tui.screens.safety import SafetyScreen
from jiebei_coach.usecases.sessions import tick
from tests.tui.conftest import TODAY, AppFactory
from tests.tui.test_flows import settle, text_of


async def test_rename_duplicate_and_delete_with_confirmation(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press("h", "r")
        await settle(app, pilot)
        assert isinstance(app.screen, NameDialog)
        name = app.screen.query_one("#name", Input)
        name.value = ""
        await pilot.press(*"小林的计划", "enter")
        await settle(app, pilot)
        assert [s.name for s in app.summaries] == ["小林的计划"]
        await pilot.press("c")
        await settle(app, pilot)
        assert [s.name for s in app.summaries] == ["小林的计划", "小林的计划 (2)"]
        await pilot.press("x")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no: nothing is deleted
        await settle(app, pilot)
        assert len(app.summaries) == 2
        await pilot.press("x")
        await settle(app, pilot)
        await pilot.click("#yes")
        await settle(app, pilot)
        assert len(app.summaries) == 1
    assert len(Store.open(db_path).summaries(TODAY)) == 1


async def test_help_safety_and_palette_in_both_languages(make_app: AppFactory) -> None:
    app = make_app("zh")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpDialog)
        await pilot.press("escape", "s")
        await settle(app, pilot)
        assert isinstance(app.screen, SafetyScreen)
        assert "95188" in str(app.screen.query_one("#card-text").render())
        await pilot.press("escape", "ctrl+p")
        await settle(app, pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"防骗卡")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SafetyScreen)


async def test_theme_is_remembered(make_app: AppFactory, db_path: Path) -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("t")
        await settle(app, pilot)
        assert app.theme == "textual-light"
    assert Store.open(db_path).settings().theme == "textual-light"
    again = make_app("en")
    async with again.run_test(size=(100, 32)):
        assert again.theme == "textual-light"


async def test_a_tick_from_another_process_shows_up(make_app: AppFactory, db_path: Path) -> None:
    app = make_app("en", watch_seconds=0.05)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert app.session is not None
        other = Store.open(db_path)  # the `tick` command, a second window …
        tick(other, app.session.id, "never-pay-for-limit", True, TODAY)
        await pilot.pause(0.3)
        await settle(app, pilot)
        assert app.session.plan.find("never-pay-for-limit")[1].done
        assert "1/" in text_of(app, "#overall")
        # and a tick here afterwards keeps the other process's tick
        await pilot.press("down", "space")
        await settle(app, pilot)
    plan = Store.open(db_path).get(app.session.id).plan
    assert plan.progress()[0] == 2


async def test_every_screen_survives_every_key(make_app: AppFactory) -> None:
    """No traceback for a walk through every mode with every single-letter key."""
    app = make_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await settle(app, pilot)
        for mode in ("h", "e", "b", "p", "k", "s"):
            await pilot.press("escape", mode)
            await settle(app, pilot)
            for key in "hjkl[]xrcn?s":
                await pilot.press(key)
                await pilot.pause()
                while app.screen.is_modal:
                    await pilot.press("escape")
                    await pilot.pause()
            await pilot.press("escape", mode)
            await settle(app, pilot)
        assert app.is_running
