"""Helpers for app tests: a store of the test's own, a fixed date, no file polling."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from jiebei_coach.i18n import Lang, set_language
from jiebei_coach.store import Store
from jiebei_coach.tui.app import JiebeiApp

TODAY = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone.utc)

AppFactory = Callable[..., JiebeiApp]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db.json"


@pytest.fixture
def make_app(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppFactory:
    """Build the app on the test's data file, with fixed dates and ids."""
    counter = iter(range(1, 1000))
    monkeypatch.setattr(
        "jiebei_coach.store.repository.uuid.uuid4",
        lambda: f"{next(counter):08d}-0000-4000-8000-000000000000",
    )

    def factory(lang: Lang = "zh", watch_seconds: float = 0) -> JiebeiApp:
        set_language(lang)
        store = Store.open(db_path, now=lambda: NOW)
        return JiebeiApp(store, today=lambda: TODAY, language=lang, watch_seconds=watch_seconds)

    return factory
