"""The file itself: atomic, private, readable Chinese, no leftovers, failures leave it whole."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from jiebei_coach.presentation.messages import store_message
from jiebei_coach.store import Store, StoreError
from jiebei_coach.store import files as files_module
from jiebei_coach.store import storage as storage_module
from jiebei_coach.store.files import backup_path, remove_leftover_temps, write_atomic
from jiebei_coach.usecases.sessions import tick
from tests.store.conftest import TODAY, add_demo


def test_file_is_private_and_keeps_chinese_readable(store: Store, db_path: Path) -> None:
    add_demo(store)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    text = db_path.read_text(encoding="utf-8")
    assert "小林的计划" in text
    assert "\\u" not in text
    assert json.loads(text)["sessions"]


def test_previous_version_is_kept_as_backup(store: Store, db_path: Path) -> None:
    session = add_demo(store)
    before = db_path.read_bytes()
    tick(store, session.id, session.plan.months[0].actions[0].key, True, TODAY)
    assert backup_path(db_path).read_bytes() == before
    assert db_path.read_bytes() != before
    assert stat.S_IMODE(backup_path(db_path).stat().st_mode) == 0o600


def test_leftover_temp_files_are_removed_on_the_first_change(store: Store, db_path: Path) -> None:
    add_demo(store)
    leftover = db_path.with_name(f".{db_path.name}.abc123.tmp")
    leftover.write_text("half a file", encoding="utf-8")
    fresh = Store.open(db_path)
    add_demo(fresh, "another")
    assert not leftover.exists()
    assert remove_leftover_temps(db_path) == []


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (errno.ENOSPC, "disk_full"),
        (errno.EACCES, "folder_not_writable"),
        (errno.EROFS, "folder_not_writable"),
        (errno.EIO, "write_failed"),
    ],
)
def test_a_failed_write_leaves_the_old_file_and_no_temp(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch, error: int, code: str
) -> None:
    session = add_demo(store)
    before = db_path.read_bytes()

    def failing_fsync(fd: int) -> None:
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(files_module.os, "fsync", failing_fsync)
    with pytest.raises(StoreError) as caught:
        tick(store, session.id, session.plan.months[0].actions[0].key, True, TODAY)
    assert caught.value.code == code
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")] == []
    # The store forgot its cache: it reads the file as it really is.
    assert store.get(session.id).plan.progress()[0] == 0


def test_folder_that_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files_module.tempfile, "mkstemp", refuse)
    store = Store.open(tmp_path / "db.json")
    with pytest.raises(StoreError) as caught:
        add_demo(store)
    assert caught.value.code == "folder_not_writable"
    assert str(tmp_path) in store_message(caught.value, "en")
    assert not (tmp_path / "db.json").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_for_real(tmp_path: Path) -> None:  # pragma: no cover - non-root
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError) as caught:
            add_demo(Store.open(folder / "db.json"))
        assert caught.value.code == "folder_not_writable"
    finally:
        folder.chmod(0o700)


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    write_atomic(target, "一")
    write_atomic(target, "二二")
    assert target.read_text(encoding="utf-8") == "二二"
    assert backup_path(target).read_text(encoding="utf-8") == "一"


def test_unchanged_sessions_are_not_re_encoded(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = [add_demo(store, f"s{i}") for i in range(5)]
    encoded: list[object] = []
    real = storage_module._encode

    def counting(value: object) -> bytes:
        if isinstance(value, dict) and "plan" in value:
            encoded.append(value["id"])
        return real(value)

    monkeypatch.setattr(storage_module, "_encode", counting)
    target = sessions[2]
    tick(store, target.id, target.plan.months[0].actions[0].key, True, TODAY)
    assert encoded == [target.id]
    # and the file still holds every session, the ticked one changed
    fresh = Store.open(db_path)
    assert [fresh.get(s.id).plan.progress()[0] for s in sessions] == [0, 0, 1, 0, 0]
    assert json.loads(db_path.read_text(encoding="utf-8"))["sessions"]


def test_a_change_under_a_frozen_clock_is_still_written(db_path: Path) -> None:
    from datetime import datetime, timezone

    frozen = datetime(2026, 11, 29, tzinfo=timezone.utc)
    store = Store.open(db_path, now=lambda: frozen)
    session = add_demo(store)
    keys = [a.key for a in session.plan.months[0].actions[:2]]
    for key in keys:
        tick(store, session.id, key, True, TODAY)
    assert Store.open(db_path).get(session.id).plan.progress()[0] == 2


def test_parsing_pauses_the_collector_and_restores_it() -> None:
    import gc

    from jiebei_coach.store.storage import CorruptFile, parse

    seen: list[bool] = []
    real_loads = storage_module.json.loads

    def spy(text: str, **options: object) -> object:
        seen.append(gc.isenabled())
        return real_loads(text, **options)

    assert gc.isenabled()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage_module.json, "loads", spy)
        assert parse('{"meta":{"1":{}}}') == {"meta": {"1": {}}}
        assert seen == [False] and gc.isenabled()
        with pytest.raises(CorruptFile):
            parse("{not json")
        assert gc.isenabled()  # restored after a failure too
        gc.disable()
        try:
            parse("{}")
            assert not gc.isenabled()  # a collector paused by someone else stays paused
        finally:
            gc.enable()
