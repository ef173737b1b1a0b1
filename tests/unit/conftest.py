"""A copy of the shipped assets that a test may damage, with every cache cleared around it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from jiebei_coach import assets

#: ``damage(file name, change)``: edit one asset file of the copy, then clear the caches.
Damage = Callable[[str, Callable[[Any], None]], None]


def _clear_caches() -> None:
    from jiebei_coach.domain import demo as demo_module
    from jiebei_coach.domain.bill_rules import compiled_mappings, load_bill_mappings
    from jiebei_coach.domain.catalog import load_catalog
    from jiebei_coach.domain.model import load_model, load_sources
    from jiebei_coach.domain.safety import load_cost_lines, load_lpr
    from jiebei_coach.domain.scams import compiled_signals

    for cached in (
        assets.assets_dir,
        load_model,
        load_sources,
        load_catalog,
        demo_module.demo_profile,
        compiled_signals,
        load_cost_lines,
        load_lpr,
        load_bill_mappings,
        compiled_mappings,
    ):
        cached.cache_clear()


@pytest.fixture
def broken_assets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Damage]:
    """A copy of the assets that a test may damage; caches are cleared around it."""
    copy = tmp_path / "assets"
    shutil.copytree(assets.assets_dir(), copy)
    monkeypatch.setenv("JIEBEI_COACH_ASSETS", str(copy))

    def damage(name: str, change: Callable[[Any], None]) -> None:
        path = copy / name
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        _clear_caches()

    _clear_caches()
    yield damage
    monkeypatch.delenv("JIEBEI_COACH_ASSETS")
    _clear_caches()
