"""Repairs that lose nothing: an emptied file is damage, the decision is made under the lock
after reading again, a kill mid-repair leaves a data file, a missing file is restored."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from jiebei_coach.presentation.messages import recovery_message, store_message
from jiebei_coach.store import Store, StoreError
from jiebei_coach.store import files as files_module
from jiebei_coach.store.files import backup_path
from jiebei_coach.store.recovery import Repaired
from jiebei_coach.usecases.sessions import tick
from tests import faults
from tests.store.conftest import TODAY, add_demo


def _two_versions(store: Store) -> tuple[str, bytes]:
    """A file with two sessions whose backup holds the first; returns its id and the
    backup's bytes."""
    kept = add_demo(store, "kept")
    add_demo(store, "latest")
    return kept.id, backup_path(store.path).read_bytes()


@pytest.mark.parametrize("blank", [b"", b"  \n\t\n"])
def test_an_emptied_file_is_damage_not_an_empty_store(
    store: Store, db_path: Path, blank: bytes
) -> None:
    kept_id, backup = _two_versions(store)
    db_path.write_bytes(blank)
    reopened = Store.open(db_path)
    assert reopened.recovered is not None
    assert reopened.recovered.restored_from == backup_path(db_path)
    assert reopened.recovered.moved_to is not None
    assert reopened.recovered.moved_to.read_bytes() == blank
    assert [s.id for s in reopened.summaries(TODAY)] == [kept_id]
    assert backup_path(db_path).read_bytes() == backup


def test_an_emptied_file_never_becomes_the_backup(store: Store, db_path: Path) -> None:
    """The app had the file open when a sync client emptied it; the next tick must not
    link the empty file over the good backup."""
    session = add_demo(store)
    add_demo(store, "second")
    backup = backup_path(db_path).read_bytes()
    db_path.write_bytes(b"")
    with pytest.raises(Repaired) as caught:
        tick(store, session.id, session.plan.months[0].actions[0].key, True, TODAY)
    assert "restored" in store_message(caught.value, "en")
    assert backup_path(db_path).read_bytes() == backup
    assert [s.id for s in store.summaries(TODAY)] == [session.id]


def test_a_kill_between_keeping_the_damaged_file_and_restoring_leaves_a_data_file(
    tmp_path: Path,
) -> None:
    path, session_id, _ = faults.prepare(tmp_path)
    store = Store.open(path)
    key = store.get(session_id).plan.months[0].actions[0].key
    tick(store, session_id, key, True, TODAY)  # the backup holds the session
    path.write_bytes(b'{"sessions": {"1": ')
    proc = faults.start_repairer(path, session_id, [], KILL_AT="restore")
    proc.communicate(timeout=60)
    assert proc.returncode == -9  # killed at the injected point
    assert path.exists(), "no data file after a kill during the repair"
    assert list(tmp_path.glob("db.json.corrupt-*"))
    again = Store.open(path)
    assert again.recovered is not None and again.recovered.restored_from is not None
    assert [s.id for s in again.summaries(TODAY)] == [session_id]
    # the damaged file is kept once, however often a repair of it was cut short
    assert len(list(tmp_path.glob("db.json.corrupt-*"))) == 1


def test_a_process_that_waited_for_the_lock_does_not_undo_a_repair(tmp_path: Path) -> None:
    """Two processes find the file damaged; the first repairs it and a tick is saved; the
    second, once it has the lock, must find the file whole and leave it alone."""
    path, session_id, _ = faults.prepare(tmp_path)
    store = Store.open(path)
    keys = [a.key for a in store.get(session_id).plan.months[0].actions]
    tick(store, session_id, keys[0], True, TODAY)
    path.write_bytes(b"garbage")
    second = faults.start_repairer(path, session_id, [], PAUSE_BEFORE_REPAIR="1")
    assert second.stdout is not None and second.stdin is not None
    assert second.stdout.readline().strip() == "SAW DAMAGE"
    first = Store.open(path)
    assert first.recovered is not None
    tick(first, session_id, keys[1], True, TODAY)  # acknowledged
    second.stdin.write("go\n")
    second.stdin.flush()
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert out.split()[0] == "WHOLE"
    plan = Store.open(path).get(session_id).plan
    assert plan.find(keys[1])[1].done, "the acknowledged tick was rolled back"
    assert len(list(tmp_path.glob("db.json.corrupt-*"))) == 1


def test_a_missing_file_beside_its_backup_is_restored(store: Store, db_path: Path) -> None:
    kept_id, _ = _two_versions(store)
    db_path.unlink()
    reopened = Store.open(db_path)
    assert reopened.recovered is not None
    assert reopened.recovered.moved_to is None
    assert "missing" in recovery_message(reopened.recovered, "en")
    assert "不见了" in recovery_message(reopened.recovered, "zh")
    assert [s.id for s in reopened.summaries(TODAY)] == [kept_id]


def test_a_file_removed_while_open_is_restored_before_a_change(store: Store, db_path: Path) -> None:
    kept_id, _ = _two_versions(store)
    db_path.unlink()
    with pytest.raises(Repaired):
        add_demo(store, "would start a fresh file")
    assert [s.id for s in store.summaries(TODAY)] == [kept_id]


def test_a_backup_that_cannot_be_used_is_kept_not_overwritten(store: Store, db_path: Path) -> None:
    """Damaged file, and a backup from a newer version: the backup is set aside, so the
    next change does not replace it."""
    add_demo(store)
    add_demo(store, "second")
    newer = json.loads(backup_path(db_path).read_text(encoding="utf-8"))
    newer["meta"]["1"]["schema_version"] = 99
    backup_path(db_path).write_text(json.dumps(newer), encoding="utf-8")
    db_path.write_bytes(b"\x00")
    reopened = Store.open(db_path)
    recovery = reopened.recovered
    assert recovery is not None and recovery.restored_from is None
    assert recovery.backup_kept is not None
    assert json.loads(recovery.backup_kept.read_text(encoding="utf-8")) == newer
    assert str(recovery.backup_kept) in recovery_message(recovery, "en")
    add_demo(reopened, "fresh")
    assert json.loads(recovery.backup_kept.read_text(encoding="utf-8")) == newer


def test_damage_found_by_a_reader_is_repaired_and_reported_once(
    store: Store, db_path: Path
) -> None:
    kept_id, _ = _two_versions(store)
    db_path.write_bytes(b"{")
    assert store.changed_on_disk()
    with pytest.raises(Repaired):
        store.summaries(TODAY)
    assert [s.id for s in store.summaries(TODAY)] == [kept_id]
    assert not store.changed_on_disk()


def _refuse_writes_in(folder: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Make ``folder`` refuse new names, as a read-only folder does for its user."""

    def inside(path: object) -> bool:
        return Path(os.fsdecode(path)).parent == folder  # type: ignore[arg-type]

    real_link, real_mkstemp = os.link, files_module.tempfile.mkstemp

    def link(src: object, dst: object, **kw: object) -> None:
        if inside(dst):
            raise OSError(code, os.strerror(code))
        real_link(src, dst, **kw)  # type: ignore[arg-type]

    def mkstemp(*args: object, **kw: object) -> tuple[int, str]:
        if Path(str(kw.get("dir"))) == folder:
            raise OSError(code, os.strerror(code))
        return real_mkstemp(*args, **kw)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(os, "link", link)
    monkeypatch.setattr(files_module.tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_a_damaged_file_in_a_read_only_folder_is_reported_and_left_alone(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    _two_versions(store)
    db_path.write_bytes(b"{damaged")
    before = sorted(p.name for p in db_path.parent.iterdir())
    _refuse_writes_in(db_path.parent, monkeypatch, code)
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert caught.value.code == "damaged_unrepairable"
    assert "could not be repaired" in store_message(caught.value, "en")
    assert db_path.read_bytes() == b"{damaged"
    assert sorted(p.name for p in db_path.parent.iterdir()) == before


def test_an_unrepairable_damage_is_not_reported_again_and_again(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app polls every second: one notice, not one a second."""
    _two_versions(store)
    db_path.write_bytes(b"{damaged")
    _refuse_writes_in(db_path.parent, monkeypatch, errno.EROFS)
    assert store.changed_on_disk()
    with pytest.raises(StoreError):
        store.summaries(TODAY)
    assert not store.changed_on_disk()
    db_path.write_bytes(b"{damaged differently")
    assert store.changed_on_disk()  # a new version is news again


@pytest.mark.parametrize("missing", ["id", "name", "plan", "created"])
def test_a_session_missing_a_key_is_set_aside_and_the_others_listed(
    store: Store, db_path: Path, missing: str
) -> None:
    good = add_demo(store, "good")
    bad = add_demo(store, "bad")
    data = json.loads(db_path.read_text(encoding="utf-8"))
    for doc in data["sessions"].values():
        if doc["id"] == bad.id:
            del doc[missing]
    as_it_was = json.dumps(data, ensure_ascii=False)
    db_path.write_text(as_it_was, encoding="utf-8")
    reopened = Store.open(db_path)
    assert [s.id for s in reopened.summaries(TODAY)] == [good.id]
    recovery = reopened.recovered
    assert recovery is not None and recovery.moved_to is not None
    assert recovery.moved_to.read_text(encoding="utf-8") == as_it_was
    assert "taken out" in recovery_message(recovery, "en")
    # the financial profile is never part of what the user is told
    assert "sesame" not in recovery_message(recovery, "en")
    assert Store.open(db_path).recovered is None  # done once


def test_a_damaged_file_whose_folder_refuses_even_the_lock_is_reported_as_such(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a read-only file system the lock file cannot be made either."""
    from filelock import FileLock

    _two_versions(store)
    Path(str(db_path) + ".lock").unlink()
    db_path.write_bytes(b"{damaged")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(FileLock, "acquire", refuse)
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert caught.value.code == "damaged_unrepairable"
    assert "Read-only file system" in store_message(caught.value, "en")
    assert db_path.read_bytes() == b"{damaged"
