"""Damaged files, files from newer versions, and migrations from older ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jiebei_coach.presentation.messages import store_message
from jiebei_coach.store import SCHEMA_VERSION, Store, StoreError, migrations
from jiebei_coach.store.files import backup_path
from jiebei_coach.usecases.sessions import tick
from tests.store.conftest import TODAY, add_demo


@pytest.mark.parametrize(
    "damage",
    [b'{"sessions": {"1": {"id": ', b"\x00\x01garbage", b"[1, 2, 3]", b'{"sessions": [1]}'],
)
def test_damaged_file_is_moved_aside_and_the_backup_restored(
    store: Store, db_path: Path, damage: bytes
) -> None:
    kept = add_demo(store, "kept")
    add_demo(store, "latest")  # the backup now holds the file with "kept" only
    db_path.write_bytes(damage)
    reopened = Store.open(db_path)
    recovery = reopened.recovered
    assert recovery is not None
    assert recovery.moved_to.name.startswith(db_path.name + ".corrupt-")
    assert recovery.moved_to.read_bytes() == damage  # never overwritten
    assert recovery.restored_from == backup_path(db_path)
    assert [s.id for s in reopened.summaries(TODAY)] == [kept.id]


def test_damaged_file_without_backup_starts_fresh(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text("not json at all", encoding="utf-8")
    reopened = Store.open(db_path)
    assert reopened.recovered is not None and reopened.recovered.restored_from is None
    assert reopened.summaries(TODAY) == []
    assert reopened.recovered.moved_to.read_text(encoding="utf-8") == "not json at all"
    add_demo(reopened)  # and it works again


def test_two_damages_in_one_second_keep_both_copies(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    for text in ("first", "second"):
        db_path.write_text(text, encoding="utf-8")
        assert Store.open(db_path).recovered is not None
    moved = sorted(p.read_text() for p in db_path.parent.glob("*.corrupt-*"))
    assert moved == ["first", "second"]


def _file_with_version(db_path: Path, store: Store, version: int) -> bytes:
    add_demo(store)
    data = json.loads(db_path.read_text(encoding="utf-8"))
    for doc in data["sessions"].values():
        doc["schema_version"] = version
    db_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return db_path.read_bytes()


def test_newer_file_is_refused_and_left_untouched(store: Store, db_path: Path) -> None:
    before = _file_with_version(db_path, store, SCHEMA_VERSION + 1)
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert caught.value.code == "newer_version"
    assert "upgrade" in store_message(caught.value, "en")
    assert "升级" in store_message(caught.value, "zh")
    assert db_path.read_bytes() == before


def test_newer_file_written_meanwhile_is_not_overwritten(store: Store, db_path: Path) -> None:
    session = add_demo(store)
    data = json.loads(db_path.read_text(encoding="utf-8"))
    data["meta"] = {"1": {"schema_version": SCHEMA_VERSION + 5}}
    db_path.write_text(json.dumps(data), encoding="utf-8")
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        tick(store, session.id, session.plan.months[0].actions[0].key, True, TODAY)
    assert caught.value.code == "newer_version"
    assert db_path.read_bytes() == before


def test_older_file_is_backed_up_then_migrated(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file from schema 0 (session names were called "title") is upgraded on load."""
    add_demo(store, "旧的计划")
    data = json.loads(db_path.read_text(encoding="utf-8"))
    for table in data.values():
        for doc in table.values():
            doc.pop("schema_version")
            if "name" in doc:
                doc["title"] = doc.pop("name")
    db_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    old = db_path.read_bytes()

    def rename_title(table: str, doc: dict[str, Any]) -> dict[str, Any]:
        if table == "sessions":
            doc["name"] = doc.pop("title")
        return doc

    monkeypatch.setitem(migrations.MIGRATIONS, 0, rename_title)
    migrated = Store.open(db_path)
    assert migrated.recovered is None
    assert db_path.with_name(db_path.name + ".schema0.bak").read_bytes() == old
    [summary] = migrated.summaries(TODAY)
    assert summary.name == "旧的计划"
    stored = json.loads(db_path.read_text(encoding="utf-8"))
    assert {d["schema_version"] for t in stored.values() for d in t.values()} == {SCHEMA_VERSION}


@pytest.mark.parametrize("version", [1, 2])
def test_older_files_open_at_the_current_version(store: Store, db_path: Path, version: int) -> None:
    """Versions 2 and 3 only added optional fields (v3: the bills read into a session): an
    older file is backed up and loads as is."""
    before = _file_with_version(db_path, store, version)
    data = json.loads(before)
    for doc in data["sessions"].values():
        assert "bills" in doc
        doc.pop("bills")
    db_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = db_path.read_bytes()
    migrated = Store.open(db_path)
    assert migrated.recovered is None
    assert db_path.with_name(db_path.name + f".schema{version}.bak").read_bytes() == before
    [summary] = migrated.summaries(TODAY)
    session = migrated.get(summary.id)
    assert session.plan.months[0].projected_sesame is not None
    assert session.bills == []
    stored = json.loads(db_path.read_text(encoding="utf-8"))
    assert {d["schema_version"] for t in stored.values() for d in t.values()} == {3}


def test_older_file_without_a_migration_is_refused_untouched(store: Store, db_path: Path) -> None:
    assert 0 not in migrations.MIGRATIONS
    before = _file_with_version(db_path, store, 0)
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert caught.value.code == "unreadable_version"
    assert db_path.read_bytes() == before
