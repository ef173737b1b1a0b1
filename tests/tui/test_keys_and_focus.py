"""Keys do what they say: letters never land in a field unasked, focus always shows, the
planner's detail follows the month, confirmations default to what is safe, the palette
finds commands in both languages, and a window below 80×24 says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Button, Input, ListView, OptionList, Static

from jiebei_coach.domain import load_catalog
from jiebei_coach.i18n import Lang
from jiebei_coach.tui.app import JiebeiApp
from jiebei_coach.tui.dialogs.confirm import ConfirmDialog
from jiebei_coach.tui.dialogs.forms import InfoDialog
from jiebei_coach.tui.dialogs.too_small import TooSmallScreen
from tests.tui.conftest import AppFactory
from tests.tui.scenes import screen_text, settle, setup


async def _demo(app: JiebeiApp, pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)


async def test_letters_on_the_profile_switch_screens_and_never_edit_a_field(
    make_app: AppFactory,
) -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")  # a new profile
        await settle(pilot)
        assert app.current_mode == "profile"
        assert not isinstance(app.focused, Input)
        await pilot.press("b")
        await settle(pilot)
        assert app.current_mode == "breakdown"  # nothing typed, so nothing to ask about
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.query_one("#field-_name", Input).value == ""
        assert not app.profile_draft("new").get("_typed")
        await pilot.press("tab")  # Tab enters the first field, on purpose
        await settle(pilot)
        assert app.focused is app.screen.query_one("#field-_name", Input)
        await pilot.press("x", "escape")  # typed, then out of the field: letters work again
        await settle(pilot)
        assert app.screen.query_one("#field-_name", Input).value == "x"
        assert app.focused is not None and app.focused.id == "profile-form"


async def test_letters_on_the_cost_screen_never_edit_the_amount(make_app: AppFactory) -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _demo(app, pilot)
        await pilot.press("k")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "cost-tables"
        await pilot.press("p")
        await settle(pilot)
        assert app.current_mode == "planner"
        await pilot.press("k")
        await settle(pilot)
        assert app.screen.query_one("#cost-principal", Input).value == "10000"
        await pilot.press("tab", "end", "0")  # in the field, a typed digit joins the number
        await settle(pilot)
        assert app.screen.query_one("#cost-principal", Input).value == "100000"


def _look(app: JiebeiApp, widget: Widget) -> list[tuple[str, str]]:
    """How ``widget``'s cells look on the screen, one cell to its left included."""
    region = app.screen.find_widget(widget).region
    area = Region(max(0, region.x - 1), region.y, region.width + 1, region.height)
    lines = app.screen._compositor.render_strips()[area.y : area.bottom]
    return [
        (segment.text, str(segment.style))
        for line in lines
        for segment in line.crop(area.x, area.right)
    ]


async def _check_focus_shows(app: JiebeiApp, pilot: Any, where: str) -> list[str]:
    """Focus each focusable widget in turn; list those that look the same with it."""
    unseen = []
    widgets = [w for w in app.screen.focus_chain if w.region.area]
    for widget in widgets:
        app.screen.set_focus(None)
        await settle(pilot)
        before = _look(app, widget)
        app.screen.set_focus(widget)
        await settle(pilot)
        if _look(app, widget) == before:
            unseen.append(f"{where}: {type(widget).__name__}#{widget.id}")
    return unseen


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_every_focusable_widget_looks_different_with_focus(
    make_app: AppFactory, theme: str
) -> None:
    app = make_app("zh")
    unseen: list[str] = []
    async with app.run_test(size=(100, 32)) as pilot:
        app.theme = theme
        await _demo(app, pilot)
        for key in ("h", "e", "b", "p", "k", "s"):
            await pilot.press(key)
            await settle(pilot)
            unseen += await _check_focus_shows(app, pilot, app.current_mode)
        for keys in (("p", "i"), ("escape", "u"), ("escape", "o"), ("escape", "b", "w")):
            await pilot.press(*keys)
            await settle(pilot)
            unseen += await _check_focus_shows(app, pilot, type(app.screen).__name__)
    assert unseen == []


async def test_space_ticks_only_while_the_checklist_has_focus(make_app: AppFactory) -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _demo(app, pilot)
        await pilot.press("p")
        await settle(pilot)
        actions = app.screen.query_one("#actions", ListView)
        assert app.focused is actions
        await pilot.press("tab")  # to the detail
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "action-detail"
        await pilot.press("space")
        await settle(pilot)
        assert app.session is not None
        assert not any(a.done for a in app.session.plan.months[0].actions)
        await pilot.press("shift+tab", "space")
        await settle(pilot)
        assert app.session.plan.months[0].actions[0].done


def _detail(app: JiebeiApp) -> str:
    return str(app.screen.query_one("#detail", Static).render())


def _first_title(app: JiebeiApp, month: int, lang: Lang) -> str:
    assert app.session is not None
    action = app.session.plan.months[month].actions[0]
    return load_catalog().get(action.action_id).title.get(lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_detail_follows_the_month_shown(make_app: AppFactory, lang: Lang) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await _demo(app, pilot)
        await pilot.press("p", "down")  # the second action of this month
        await settle(pilot)
        for key, month in (("right_square_bracket", 1), ("right_square_bracket", 2)):
            await pilot.press(key)
            await settle(pilot)
            assert _detail(app).startswith(_first_title(app, month, lang))
            assert app.screen.query_one("#action-detail").scroll_offset.y == 0
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert _detail(app).startswith(_first_title(app, 1, lang))


async def test_replanning_is_what_enter_does_and_deleting_is_not(make_app: AppFactory) -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _demo(app, pilot)
        await pilot.press("p", "R")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        yes = app.screen.query_one("#yes", Button)
        assert app.focused is yes and yes.variant == "primary"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InfoDialog)  # what the re-plan changed
        await pilot.press("escape", "h", "x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.query_one("#yes", Button).variant == "error"
        await pilot.press("enter")  # Cancel has the focus
        await settle(pilot)
        assert len(app.summaries) == 1


@pytest.mark.parametrize(
    ("lang", "query", "found"),
    [
        ("zh", "theme", "切换主题"),
        ("zh", "主题", "切换主题"),
        ("en", "主题", "Switch theme"),
        ("en", "theme", "Switch theme"),
        ("en", "导出", "Export the plan"),
    ],
)
async def test_the_palette_finds_commands_in_either_language(
    make_app: AppFactory, lang: Lang, query: str, found: str
) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await _demo(app, pilot)
        await pilot.press("p", "ctrl+p", *query)
        await pilot.pause(0.3)
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        shown = "\n".join(screen_text(app))
        assert found in shown


@pytest.mark.parametrize(("lang", "words"), [("zh", "没有找到匹配的命令"), ("en", "No matching")])
async def test_the_palette_says_no_match_in_the_readers_language(
    make_app: AppFactory, lang: Lang, words: str
) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"嗯嗯嗯")
        await pilot.pause(0.8)
        shown = "\n".join(screen_text(app))
        assert words in shown and "No matches found" not in shown


@pytest.mark.parametrize(("lang", "words"), [("zh", "窗口太小"), ("en", "too small")])
async def test_below_80_by_24_a_notice_takes_the_screens_place(
    make_app: AppFactory, lang: Lang, words: str
) -> None:
    app = make_app(lang)
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        shown = "\n".join(screen_text(app))
        assert words in shown and "60×15" in shown and "80×24" in shown
        await pilot.press("m", "f5")  # nothing acts behind the notice
        await settle(pilot)
        assert app.summaries == [] and app.current_mode == "home"
        await pilot.resize_terminal(80, 23)
        await settle(pilot)
        assert "80×23" in "\n".join(screen_text(app))
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not isinstance(app.screen, TooSmallScreen)
        await pilot.press("m")
        await settle(pilot)
        assert app.current_mode == "breakdown"
        await pilot.resize_terminal(79, 30)
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_another_session_opens_on_its_own_current_month(make_app: AppFactory) -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _demo(app, pilot)
        await pilot.press("p", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert app.screen.query_one("#months", OptionList).highlighted == 2
        await pilot.press("h", "m", "p")  # a second demo, a session of its own
        await settle(pilot)
        assert len(app.summaries) == 2
        assert app.screen.query_one("#months", OptionList).highlighted == 0
        assert _detail(app).startswith(_first_title(app, 0, "en"))


async def test_a_long_message_takes_the_focus_so_page_down_reads_on(
    make_app: AppFactory, db_path: Path
) -> None:
    setup(db_path, "in_debt")
    app = make_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "n")  # the plan of a person in debt, and its notes
        await settle(pilot)
        assert isinstance(app.screen, InfoDialog)
        text = app.screen.query_one(".dialog-scroll")
        assert app.focused is text and text.max_scroll_y > 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert text.scroll_offset.y > 0
        assert app.screen.query_one("#close", Button).region.bottom <= 24
