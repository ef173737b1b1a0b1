"""Helpers for store tests: a data file path and a store with the demo session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jiebei_coach.domain import Session, build_plan, demo_profile
from jiebei_coach.store import Store

TODAY = date(2026, 11, 29)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "jiebei-coach.json"


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store.open(db_path)


def add_demo(store: Store, name: str = "小林的计划") -> Session:
    profile = demo_profile()
    return store.create(name, profile, build_plan(profile, TODAY))
