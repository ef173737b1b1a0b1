"""Pilot tests: the newcomer's path and the profile form, as a user drives them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, ListView, Static

from jiebei_coach.i18n import Lang
from jiebei_coach.store import Store
from jiebei_coach.tui.app import JiebeiApp
from jiebei_coach.tui.dialogs.confirm import LeaveDialog
from jiebei_coach.tui.screens.planner import PlannerScreen
from jiebei_coach.tui.widgets.action_item import ActionItem
from tests.tui.conftest import TODAY, AppFactory


async def settle(app: JiebeiApp, pilot: object) -> None:
    """Let workers finish and the screen catch up."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def press(app: JiebeiApp, pilot: object, *keys: str) -> None:
    """Press each key and let the app settle after it."""
    for key in keys:
        await pilot.press(key)  # type: ignore[attr-defined]
        await settle(app, pilot)


def text_of(app: JiebeiApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@pytest.mark.parametrize(
    ("lang", "welcome", "index_word"),
    [("zh", "试用演示档案", "估算潜力指数"), ("en", "Try the demo", "Estimated potential index")],
)
async def test_newcomer_path_keeps_ticks_across_a_restart(
    make_app: AppFactory, db_path: Path, lang: Lang, welcome: str, index_word: str
) -> None:
    app = make_app(lang)
    async with app.run_test(size=(100, 32)) as pilot:
        assert app.current_mode == "home"
        assert welcome in str(app.screen.query_one("#welcome-demo").render())
        await pilot.click("#welcome-demo")
        await settle(app, pilot)
        assert app.current_mode == "breakdown"
        assert index_word in text_of(app, "#headline")
        await pilot.press("p")
        await settle(app, pilot)
        assert isinstance(app.screen, PlannerScreen)
        actions = app.screen.query_one("#actions", ListView)
        first = actions.highlighted_child
        assert isinstance(first, ActionItem)
        await pilot.press("space")
        await settle(app, pilot)
        await pilot.press("down", "space")
        await settle(app, pilot)
        session = app.session
        assert session is not None
        ticked = [a.key for a in session.plan.months[0].actions if a.done]
        assert len(ticked) == 2 and first.key in ticked
        await pilot.press("q")

    again = make_app(lang)
    async with again.run_test(size=(100, 32)) as pilot:
        assert again.current_mode == "home"
        [summary] = again.summaries
        assert summary.done == 2
        table = again.screen.query_one("#sessions", DataTable)
        assert "2/" in str(table.get_row_at(0)[1])
        await pilot.press("enter")
        await settle(again, pilot)
        assert again.current_mode == "planner"
        assert again.session is not None
        assert [a.key for a in again.session.plan.months[0].actions if a.done] == ticked
        stored = Store.open(db_path).get(again.session.id)
        assert stored.plan.progress()[0] == 2


async def test_planner_opens_on_the_current_month(make_app: AppFactory) -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert "2026-11" in text_of(app, "#month-title")
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert "2026-12" in text_of(app, "#month-title")


async def fill(app: JiebeiApp, pilot: object, field: str, text: str) -> None:
    widget = app.screen.query_one(f"#field-{field}", Input)
    widget.focus()
    widget.value = ""
    await pilot.press(*text)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_bad_input_in_every_section_is_explained_and_nothing_is_lost(
    make_app: AppFactory,
) -> None:
    app = make_app("zh")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await settle(app, pilot)
        assert app.current_mode == "profile"
        await fill(app, pilot, "_name", "借呗额度计划")
        bad = {
            "on_time_rate": ("很好", "请填写比例,例如 98%"),  # repayment
            "monthly_income": ("-100", "「月收入」不能小于 0"),  # debt (0 is an answer: no income)
            "jiebei_limit": ("1万", None),  # borrowing …
            "jiebei_balance": (  # … balance above the limit
                "1.2万",
                "余额不能超过额度(额度被降低或关闭时,请把借呗状态选为“被降额”或“被关闭”)",
            ),
            "spend_categories": ("12", "消费类别最多 8 类"),  # consumption
            "phone_years": ("两年", "请填写年数,例如 2.5"),  # identity
        }
        for field, (text, _) in bad.items():
            await fill(app, pilot, field, text)
        for field, (_, message) in bad.items():
            if message:
                assert text_of(app, f"#error-{field}") == message, field
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.summaries == []  # nothing saved while something is wrong
        assert app.current_mode == "profile"

        # Leaving asks first; staying keeps everything typed.
        await pilot.press("escape", "h")
        await settle(app, pilot)
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("escape")  # stay
        await settle(app, pilot)
        assert app.current_mode == "profile"
        values = {f: app.screen.query_one(f"#field-{f}", Input).value for f in bad}
        assert values == {f: text for f, (text, _) in bad.items()}
        assert app.screen.query_one("#field-_name", Input).value == "借呗额度计划"

        # Switch language: still there, messages now in English.
        await pilot.press("escape", "l")
        await settle(app, pilot)
        assert app.screen.query_one("#field-jiebei_balance", Input).value == "1.2万"
        assert text_of(app, "#error-jiebei_balance").startswith("Balance cannot exceed the limit")

        # Fix everything and save: the session exists and the breakdown shows.
        for field, text in {
            "on_time_rate": "98%",
            "monthly_income": "1.5万",
            "jiebei_balance": "3,000",
            "spend_categories": "5",
            "phone_years": "2",
        }.items():
            await fill(app, pilot, field, text)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.current_mode == "breakdown"
        [summary] = app.summaries
        assert summary.name == "借呗额度计划"
        assert app.session is not None
        profile = app.session.profile
        assert profile.on_time_rate == pytest.approx(0.98)
        assert profile.monthly_income == 15000
        assert profile.jiebei_limit == 10000 and profile.jiebei_balance == 3000


async def test_language_switch_relabels_everything_and_is_remembered(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app("zh")
    async with app.run_test(size=(100, 32)) as pilot:
        assert "试用演示档案" in str(app.screen.query_one("#welcome-demo").render())
        await pilot.press("l")
        await settle(app, pilot)
        assert "Try the demo" in str(app.screen.query_one("#welcome-demo").render())
        assert app.title == "jiebei-coach"
    assert Store.open(db_path).settings().language == "en"
    set_back = JiebeiApp(Store.open(db_path), today=lambda: TODAY, watch_seconds=0)
    async with set_back.run_test(size=(100, 32)):
        assert "Try the demo" in str(set_back.screen.query_one("#welcome-demo").render())
