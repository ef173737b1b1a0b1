"""Pilot tests: the planner shows ticks and other changes in place, keeping its place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import ListView, OptionList

from jiebei_coach.domain import build_plan, demo_profile
from jiebei_coach.i18n import set_language
from jiebei_coach.store import Store
from jiebei_coach.tui.app import JiebeiApp
from jiebei_coach.tui.widgets.action_item import ActionItem
from jiebei_coach.usecases.sessions import tick
from tests.tui.conftest import NOW, TODAY, AppFactory
from tests.tui.test_flows import settle, text_of


async def _demo_planner(app: JiebeiApp, pilot: Pilot[None]) -> OptionList:
    """Create the demo, show its plan; the month list."""
    await pilot.press("m")
    await settle(app, pilot)
    await pilot.press("p")
    await settle(app, pilot)
    assert app.session is not None
    return app.screen.query_one("#months", OptionList)


def _prompt(app: JiebeiApp, index: int) -> str:
    return str(app.screen.query_one("#months", OptionList).get_option_at_index(index).prompt)


async def test_a_tick_updates_the_planner_without_rebuilding_it(
    make_app: AppFactory, db_path: Path
) -> None:
    profile = demo_profile()
    Store.open(db_path, now=lambda: NOW).create("Long", profile, build_plan(profile, TODAY, 24))
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(app, pilot)
        months = app.screen.query_one("#months", OptionList)
        for _ in range(20):  # a later month, so that the month list has scrolled
            await pilot.press("right_square_bracket")
        await settle(app, pilot)
        scrolled = months.scroll_offset
        assert scrolled.y > 0
        actions = app.screen.query_one("#actions", ListView)
        await pilot.press("down", "space")
        await settle(app, pilot)
        assert app.screen.query_one("#months", OptionList) is months  # not rebuilt
        assert app.screen.query_one("#actions", ListView) is actions
        assert months.scroll_offset == scrolled and months.highlighted == 20
        assert actions.index == 1
        assert app.session is not None
        total = len(app.session.plan.months[20].actions)
        assert f" 1/{total}" in _prompt(app, 20)
        assert f"1/{total}" in text_of(app, "#month-title")
        assert f"1/{app.session.plan.progress()[1]}" in text_of(app, "#overall")
        item = actions.highlighted_child
        assert isinstance(item, ActionItem) and item.done
        assert "done 2026-11-29" in text_of(app, "#detail")


async def test_changes_from_another_process_show_in_place(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app("en", watch_seconds=0.05)
    async with app.run_test(size=(100, 32)) as pilot:
        months = await _demo_planner(app, pilot)
        assert app.session is not None
        other = Store.open(db_path)
        first = app.session.plan.months[0].actions[0].key
        tick(other, app.session.id, first, True, TODAY)
        other.rename(app.session.id, "小林 · 第二个窗口")
        await pilot.pause(0.3)
        await settle(app, pilot)
        assert app.screen.query_one("#months", OptionList) is months
        assert text_of(app, "#session-name") == "小林 · 第二个窗口"
        assert f"1/{app.session.plan.progress()[1]}" in text_of(app, "#overall")
        ticked = next(i for i in app.screen.query(ActionItem) if i.key == first)
        assert ticked.done


async def test_a_new_plan_rebuilds_the_planner(make_app: AppFactory) -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        months = await _demo_planner(app, pilot)
        assert app.session is not None
        plan = build_plan(demo_profile(), date(2027, 3, 1))  # other months altogether
        app.session = app.session.model_copy(update={"plan": plan})
        await settle(app, pilot)
        assert app.screen.query_one("#months", OptionList) is not months
        assert "2027-03" in _prompt(app, 0)


async def test_unticking_a_past_action_flags_it_missed_again(db_path: Path) -> None:
    store = Store.open(db_path, now=lambda: NOW)
    profile = demo_profile()
    session = store.create("小林", profile, build_plan(profile, TODAY))
    set_language("en")
    later = date(2027, 1, 15)  # November and December 2026 are past
    app = JiebeiApp(store, today=lambda: later, language="en", watch_seconds=0)
    async with app.run_test(size=(100, 32)) as pilot:
        app.open_session(session.id)
        await settle(app, pilot)
        for _ in range(2):
            await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert app.screen.query_one("#months", OptionList).highlighted == 0
        item = app.screen.query_one("#actions", ListView).highlighted_child
        assert isinstance(item, ActionItem) and item.missed and not item.done
        await pilot.press("space")
        await settle(app, pilot)
        assert item.done and not item.missed
        await pilot.press("space")
        await settle(app, pilot)
        assert not item.done and item.missed  # the saved plan says so again
        assert "missed" in str(item.query_one("Static").render())
