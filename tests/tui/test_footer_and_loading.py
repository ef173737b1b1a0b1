"""Pilot tests of the one-line Footer and of a large file read after the first frame."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from jiebei_coach.domain import build_plan, demo_profile
from jiebei_coach.i18n import set_language
from jiebei_coach.store import SCHEMA_VERSION, Store
from jiebei_coach.store.files import write_atomic
from jiebei_coach.store.storage import _Encoder
from jiebei_coach.tui.app import JiebeiApp
from jiebei_coach.tui.screens.breakdown import BreakdownScreen
from jiebei_coach.tui.screens.home import HomeScreen
from jiebei_coach.tui.widgets.footer import FooterKeys
from tests.tui.conftest import NOW, TODAY, AppFactory
from tests.tui.test_flows import settle


def _footer(app: JiebeiApp) -> FooterKeys:
    return app.screen.query_one(FooterKeys)


def _labels(app: JiebeiApp) -> dict[str, str]:
    return {span.display: span.description for span in _footer(app).spans}


async def test_footer_shows_every_key_and_follows_the_language(make_app: AppFactory) -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        labels = _labels(app)
        assert labels["n"] == "New" and labels["?"] == "Help" and labels["q"] == "Quit"
        assert labels["^p"] == "Commands"  # the palette's key is shown too
        assert str(_footer(app).render()).startswith("n New m Demo")
        assert "h" not in labels  # the screens are the tabs of the top line
        await pilot.press("l")
        await settle(app, pilot)
        assert _labels(app)["?"] == "帮助"
        await pilot.press("b")
        await settle(app, pilot)
        labels = _labels(app)
        assert "n" not in labels  # home's own keys are gone
        assert labels["q"] == "退出"


async def test_the_top_line_shows_the_screens_and_switches_on_a_click(
    make_app: AppFactory,
) -> None:
    from jiebei_coach.tui.widgets.navbar import NavBar

    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        tabs = {tab.mode: tab for tab in app.screen.query_one(NavBar).tabs()}
        assert [tabs[m].key for m in ("home", "profile", "planner")] == ["h", "e", "p"]
        assert tabs["breakdown"].end <= 80  # every tab in view at 80 columns
        await pilot.click(NavBar, offset=(tabs["cost"].start + 2, 0))
        await settle(app, pilot)
        assert app.current_mode == "cost"
        await pilot.press("tab")  # into a field: the tabs show the keys that work there
        await settle(app, pilot)
        tabs = {tab.mode: tab for tab in app.screen.query_one(NavBar).tabs()}
        assert tabs["home"].key == "f2"


async def test_clicking_a_footer_key_presses_it(make_app: AppFactory) -> None:
    app = make_app("zh")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        keys = _footer(app)
        demo = next(s for s in keys.spans if s.key == "m")
        await pilot.hover(FooterKeys, offset=(demo.start + 1, 0))
        assert keys.spans[keys.hovered or 0] == demo
        await pilot.click(FooterKeys, offset=(demo.start + 1, 0))
        await settle(app, pilot)
        assert isinstance(app.screen, BreakdownScreen)  # the demo was made and shown
        keys = _footer(app)
        help_key = next(s for s in keys.spans if s.key == "question_mark")
        last = keys.spans[-1]
        await pilot.click(FooterKeys, offset=(last.end, 0))  # past the keys: nothing
        await settle(app, pilot)
        assert isinstance(app.screen, BreakdownScreen)
        await pilot.click(FooterKeys, offset=(help_key.start, 0))
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HelpDialog"


def _large_file(db_path: Path, change: Any = None) -> list[str]:
    """Three sessions and English saved, as the app writes them; ``change`` edits the data."""
    store = Store.open(db_path, now=lambda: NOW)
    profile = demo_profile()
    ids = [store.create(f"计划 {n}", profile, build_plan(profile, TODAY)).id for n in range(3)]
    store.save_settings(language="en")
    if change is not None:
        data = json.loads(db_path.read_text(encoding="utf-8"))
        change(data)
        write_atomic(db_path, _Encoder().encode(data), keep_backup=False)
    return ids


def _app_like_launch(db_path: Path) -> JiebeiApp:
    """The app as ``launch`` starts it on a large file: only the head read."""
    set_language("zh")
    store = Store.open(db_path, now=lambda: NOW, check=False)
    assert not store.checked
    return JiebeiApp(store, today=lambda: TODAY, watch_seconds=0)


async def test_a_large_file_is_checked_and_listed_after_the_first_frame(db_path: Path) -> None:
    ids = _large_file(db_path)
    app = _app_like_launch(db_path)
    assert app.loading
    async with app.run_test(size=(100, 32)) as pilot:
        assert app.screen.query_one("#sessions", DataTable)  # the list, saying "loading"
        await settle(app, pilot)
        await settle(app, pilot)
        assert app.store.checked and not app.loading
        assert sorted(s.id for s in app.summaries) == sorted(ids)
        assert app.screen.query_one("#sessions", DataTable).row_count == 3
        assert _labels(app)["n"] == "New"  # the saved language, read from the head


async def test_a_newer_session_found_after_the_first_frame_closes_the_app(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def newer(data: dict[str, Any]) -> None:
        next(iter(data["sessions"].values()))["schema_version"] = SCHEMA_VERSION + 1

    _large_file(db_path, newer)
    before = db_path.read_bytes()
    app = _app_like_launch(db_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
    assert app.return_code == 1
    assert "upgrade" in capsys.readouterr().err
    assert db_path.read_bytes() == before


async def test_damage_found_after_the_first_frame_is_repaired_and_told(db_path: Path) -> None:
    ids = _large_file(db_path)
    text = db_path.read_text(encoding="utf-8")
    db_path.write_text(text[:-30], encoding="utf-8")  # the backup has all three sessions
    app = _app_like_launch(db_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert sorted(s.id for s in app.summaries) == sorted(ids)
        notices = [n.message for n in app._notifications]
        assert any("damaged" in m or "损坏" in m for m in notices), notices
    assert app.store.recovered is not None
    assert app.store.recovered.moved_to.read_text(encoding="utf-8") == text[:-30]


async def test_keys_that_do_not_fit_go_on_a_second_line(make_app: AppFactory) -> None:
    from jiebei_coach.tui.widgets.footer import CoachFooter

    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        footer = app.screen.query_one(CoachFooter)
        keys = _footer(app)
        spans = keys.spans
        assert spans[-1].line == 1 and footer.size.height == 2
        assert all(span.end <= 80 for span in spans)  # none out of sight
        assert [s.description for s in spans[-2:]] == ["Quit", "Commands"]
        quit_key = spans[-2]
        await pilot.click(FooterKeys, offset=(quit_key.start + 1, 1))
        await pilot.pause()
    assert app.return_code == 0 and app._exit  # "q Quit" was clicked, on the second line
