"""The app with hostile names and damaged files: names shown as text, markup shown as
itself, one notice per damage, no export over the data file."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from textual.widgets import DataTable

from jiebei_coach.presentation.messages import recovery_message
from jiebei_coach.store import Store
from jiebei_coach.store import files as files_module
from jiebei_coach.tui.screens.home import HomeScreen
from tests.store.conftest import add_demo
from tests.tui.conftest import TODAY, AppFactory
from tests.tui.test_flows import settle

HOSTILE_NAME = "\x1b[2J\x1b[H\x1b]0;借呗官方\x07\x1b[31m致电 400-000-0000 提额\x1b[0m"


def _notices(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


async def test_home_shows_a_hostile_name_as_text(make_app: AppFactory, db_path: Path) -> None:
    add_demo(Store.open(db_path), "plain")
    data = json.loads(db_path.read_text(encoding="utf-8"))
    data["sessions"]["1"]["name"] = HOSTILE_NAME  # as an older version stored it
    db_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    app = make_app("zh")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#sessions", DataTable)
        shown = str(table.get_row_at(0)[0])
        assert shown == "致电 400-000-0000 提额"
        assert not any(ch in shown for ch in "\x1b\x07")


async def test_markup_in_a_name_is_shown_as_itself(make_app: AppFactory, db_path: Path) -> None:
    add_demo(Store.open(db_path), "[/]boom [b]bold")
    app = make_app("en")
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("c")  # duplicate: "Copied as '[/]boom [b]bold (2)'"
        await settle(app, pilot)
        await pilot.pause(0.1)
        assert app.is_running
        assert "[/]boom [b]bold (2)" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("x")
        await settle(app, pilot)
        await pilot.click("#yes")
        await settle(app, pilot)
        await pilot.pause(0.1)
        assert app.is_running
        assert any("Deleted '[/]boom" in m for m in _notices(app))


async def test_damage_found_while_running_is_repaired_and_told_once(
    make_app: AppFactory, db_path: Path
) -> None:
    store = Store.open(db_path)
    add_demo(store, "first")
    add_demo(store, "second")
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        db_path.write_bytes(b"")  # a sync client emptied it
        for _ in range(5):  # five seconds of polling
            app._poll_file()
            await settle(app, pilot)
        damaged = [m for m in _notices(app) if "damaged" in m]
        assert len(damaged) == 1, damaged
        assert [s.name for s in app.summaries] == ["first"]  # the backup's version
    assert len(list(db_path.parent.glob("*.corrupt-*"))) == 1


async def test_damage_that_cannot_be_repaired_is_told_once(
    make_app: AppFactory, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(db_path)
    add_demo(store, "first")
    add_demo(store, "second")
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        db_path.write_bytes(b"{damaged")

        def refuse(*_args: object, **_kwargs: object) -> None:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        monkeypatch.setattr(os, "link", refuse)
        monkeypatch.setattr(files_module.tempfile, "mkstemp", refuse)
        for _ in range(5):
            app._poll_file()
            await settle(app, pilot)
        notices = [m for m in _notices(app) if "could not be repaired" in m]
        assert len(notices) == 1, _notices(app)
    assert db_path.read_bytes() == b"{damaged"


@pytest.mark.parametrize("suffix", ["", ".bak", ".lock"])
async def test_the_app_never_exports_over_the_stores_own_files(
    make_app: AppFactory, db_path: Path, suffix: str
) -> None:
    session = add_demo(Store.open(db_path), "p")
    add_demo(Store.open(db_path), "q")
    target = db_path.with_name(db_path.name + suffix)
    before = target.read_bytes()
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        app.open_session(session.id)
        await settle(app, pilot)
        app.export_session("md", target)
        await settle(app, pilot)
        assert any("own files" in m for m in _notices(app))
    assert target.read_bytes() == before
    assert len(Store.open(db_path).summaries(TODAY)) == 2


async def test_a_session_missing_its_plan_is_set_aside_without_showing_the_profile(
    make_app: AppFactory, db_path: Path
) -> None:
    store = Store.open(db_path)
    add_demo(store, "good")
    add_demo(store, "broken")
    data = json.loads(db_path.read_text(encoding="utf-8"))
    del data["sessions"]["2"]["plan"]
    db_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    app = make_app("en")
    notice = recovery_message(app.store.recovered, "en") if app.store.recovered else ""
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        assert app.is_running
        assert [s.name for s in app.summaries] == ["good"]
    assert "broken" in notice and "taken out" in notice
    assert "sesame" not in notice and "monthly_income" not in notice


async def test_a_session_from_a_newer_catalog_is_listed_and_says_why_it_cannot_open(
    make_app: AppFactory, db_path: Path
) -> None:
    store = Store.open(db_path)
    add_demo(store, "good")
    newer = add_demo(store, "newer")
    data = json.loads(db_path.read_text(encoding="utf-8"))
    data["sessions"]["2"]["plan"]["months"][0]["actions"][0][0] = "from-a-newer-catalog"
    db_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        assert [s.name for s in app.summaries] == ["good", "newer"]
        app.open_session(newer.id)
        await settle(app, pilot)
        assert app.is_running and app.session is None
        assert any("unknown action" in m for m in _notices(app))
