"""Odd and hostile data files: limits, strict JSON, links, devices, modes, odd paths."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from jiebei_coach.presentation.messages import store_message
from jiebei_coach.store import Store, StoreError, migrations
from jiebei_coach.store import repository as repository_module
from jiebei_coach.store import storage as storage_module
from jiebei_coach.store.files import backup_path
from jiebei_coach.store.storage import serialise
from jiebei_coach.usecases.sessions import tick
from tests.store.conftest import TODAY, add_demo


def _edit(db_path: Path, change: object) -> None:
    data = json.loads(db_path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    db_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


# ------------------------------------------------------------------- limits


def test_a_data_file_over_the_size_limit_is_refused_untouched(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_demo(store)
    before = db_path.read_bytes()
    monkeypatch.setattr(storage_module, "MAX_FILE_BYTES", len(before) - 1)
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert caught.value.code == "too_large"
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.corrupt-*"))


def test_a_change_that_would_pass_the_size_limit_is_refused(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_demo(store)
    before = db_path.read_bytes()
    monkeypatch.setattr(storage_module, "MAX_FILE_BYTES", len(before) + 100)
    with pytest.raises(StoreError) as caught:
        add_demo(store, "one too many")
    assert caught.value.code == "file_full"
    assert db_path.read_bytes() == before


def test_sessions_are_limited(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(repository_module, "MAX_SESSIONS", 2)
    first = add_demo(store)
    add_demo(store)
    for attempt in (lambda: add_demo(store), lambda: store.import_session(first)):
        with pytest.raises(StoreError) as caught:
            attempt()
        assert caught.value.code == "too_many_sessions"
    assert len(store.summaries(TODAY)) == 2


@pytest.mark.parametrize(
    "text",
    [
        '{"meta": {"1": {"x": NaN}}}',
        '{"meta": {"1": {"x": Infinity}}}',
        '{"meta": {"1": {"x": 1e999}}}',
        '{"meta": {"1": {"x": ' + "9" * 5000 + "}}}",
        "[" * 100_000 + "]" * 100_000,
        '{"meta": {"1": {"schema_version": "1"}}}',
        '{"meta": {"1": {"schema_version": null}}}',
    ],
    ids=["nan", "infinity", "overflow", "huge-int", "deep", "version-text", "version-null"],
)
def test_a_data_file_that_is_not_standard_json_is_repaired(db_path: Path, text: str) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text(text, encoding="utf-8")
    reopened = Store.open(db_path)
    assert reopened.recovered is not None
    assert reopened.summaries(TODAY) == []
    add_demo(reopened)


def test_numbers_json_cannot_hold_are_never_written() -> None:
    with pytest.raises(ValueError, match="JSON"):
        serialise({"x": float("inf")})


# ------------------------------------------------------- sessions in the file


def test_an_action_from_a_newer_catalog_spoils_only_its_session(
    store: Store, db_path: Path
) -> None:
    good = add_demo(store, "good")
    newer = add_demo(store, "newer")

    def future(data: dict) -> None:  # type: ignore[type-arg]
        for doc in data["sessions"].values():
            if doc["id"] == newer.id:
                doc["plan"]["months"][0]["actions"][0][0] = "from-a-newer-catalog"

    _edit(db_path, future)
    reopened = Store.open(db_path)
    assert reopened.recovered is None  # the list can still show it
    listed = {s.name: s.next_action for s in reopened.summaries(TODAY)}
    assert listed["newer"] == "from-a-newer-catalog"
    assert reopened.get(good.id) == good
    with pytest.raises(StoreError) as caught:
        reopened.get(newer.id)
    assert caught.value.code == "session_damaged"
    assert "from-a-newer-catalog" in store_message(caught.value, "en")


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["plan"]["months"][0].update(month=202611), "plan.months[0].month"),
        (lambda d: d["plan"].update(months=[]), "no months"),
        (lambda d: d["plan"].update(capacity=-5), "plan.capacity"),
        (lambda d: d["plan"]["months"][0].update(projected=1e308 * 10), "finite"),
        (lambda d: d.update(rev="7"), "rev"),
    ],
    ids=["month-number", "no-months", "capacity", "infinite", "rev-text"],
)
def test_a_session_that_would_break_later_is_refused_when_loaded(
    store: Store, db_path: Path, change: object, where: str
) -> None:
    session = add_demo(store)
    doc = json.loads(db_path.read_text(encoding="utf-8"))["sessions"]["1"]
    change(doc)  # type: ignore[operator]
    with store._thread_lock:
        tables = store._storage.read()
        assert tables is not None
        tables["sessions"]["1"] = doc
        with pytest.raises(StoreError) as caught:
            store.get(session.id)
    assert caught.value.code == "session_damaged"
    assert where in store_message(caught.value, "en")


def test_a_name_with_escape_sequences_in_the_file_is_shown_as_text(
    store: Store, db_path: Path
) -> None:
    session = add_demo(store)
    _edit(db_path, lambda d: d["sessions"]["1"].update(name="\x1b[2J\x1b]0;x\x07恶意\u202e名"))
    reopened = Store.open(db_path)
    [summary] = reopened.summaries(TODAY)
    assert summary.name == "恶意名"
    assert reopened.resolve("恶意名") == session.id
    assert reopened.get(session.id).name == "恶意名"


def test_an_imported_id_that_is_not_a_uuid_gets_a_new_one(store: Store) -> None:
    rent = add_demo(store, "rent")
    intruder = add_demo(store, "intruder")
    copy = store.import_session(intruder.model_copy(update={"id": "rent", "name": "x"}))
    assert copy.id != "rent"
    assert store.resolve("rent") == rent.id


def test_an_old_id_that_is_not_a_uuid_does_not_hide_a_name(store: Store, db_path: Path) -> None:
    rent = add_demo(store, "rent")
    other = add_demo(store, "other")
    _edit(db_path, lambda d: d["sessions"]["2"].update(id="rent"))
    reopened = Store.open(db_path)
    assert reopened.resolve("rent") == rent.id
    assert reopened.resolve("other") == "rent"
    assert other.id != "rent"


# --------------------------------------------------- links, devices, modes


def test_a_symlinked_data_file_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "real.json"
    real.parent.mkdir()
    link = tmp_path / "db.json"
    link.symlink_to(real)
    add_demo(Store.open(real), "first")
    store = Store.open(link)
    add_demo(store, "second")
    assert link.is_symlink()
    assert [s.name for s in Store.open(real).summaries(TODAY)] == ["first", "second"]
    assert backup_path(real).exists() and not backup_path(link).exists()


def test_a_link_to_nothing_is_refused_and_nothing_created(tmp_path: Path) -> None:
    link = tmp_path / "db.json"
    link.symlink_to(tmp_path / "gone" / "real.json")
    with pytest.raises(StoreError) as caught:
        Store.open(link)
    assert caught.value.code == "dangling_link"
    assert not (tmp_path / "gone").exists()
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(StoreError) as caught:
        Store.open(loop)
    assert caught.value.code == "link_loop"


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_is_never_read_or_replaced(device: str) -> None:
    before = os.stat(device)
    with pytest.raises(StoreError) as caught:
        Store.open(Path(device))
    assert caught.value.code == "not_regular"
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "db.json"
    os.mkfifo(fifo)
    code = "from pathlib import Path; from jiebei_coach.store import Store; Store.open(Path(%r))"
    done = subprocess.run(
        [sys.executable, "-c", code % str(fifo)], capture_output=True, text=True, timeout=30
    )
    assert "not_regular" in done.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_planted_schema_backup_link_is_not_written_through(
    store: Store, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_demo(store)
    _edit(db_path, lambda d: [doc.pop("schema_version") for t in d.values() for doc in t.values()])
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    victim.chmod(0o644)
    planted = db_path.with_name(db_path.name + ".schema0.bak")
    planted.symlink_to(victim)
    monkeypatch.setitem(migrations.MIGRATIONS, 0, lambda _table, doc: doc)
    Store.open(db_path)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert planted.is_symlink()
    kept = db_path.with_name(db_path.name + ".schema0-2.bak")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert all("schema_version" not in d for d in json.loads(kept.read_text())["sessions"].values())


def test_a_file_that_cannot_be_converted_leaves_no_copy_behind(store: Store, db_path: Path) -> None:
    add_demo(store)
    _edit(db_path, lambda d: [doc.pop("schema_version") for t in d.values() for doc in t.values()])
    folder_before = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert caught.value.code == "unreadable_version"
    assert sorted(p.name for p in db_path.parent.iterdir()) == folder_before


def test_the_backup_is_private_even_if_the_file_was_loosened(store: Store, db_path: Path) -> None:
    session = add_demo(store)
    db_path.chmod(0o644)
    tick(store, session.id, session.plan.months[0].actions[0].key, True, TODAY)
    assert stat.S_IMODE(backup_path(db_path).stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_a_read_only_data_file_is_read_but_never_changed(store: Store, db_path: Path) -> None:
    session = add_demo(store)
    db_path.chmod(0o400)
    before = db_path.read_bytes()
    reopened = Store.open(db_path)
    assert reopened.get(session.id) == session
    with pytest.raises(StoreError) as caught:
        tick(reopened, session.id, session.plan.months[0].actions[0].key, True, TODAY)
    assert caught.value.code == "read_only_file"
    assert "400" in store_message(caught.value, "en") and "chmod u+w" in store_message(
        caught.value, "en"
    )
    assert db_path.read_bytes() == before
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o400


def test_new_folders_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        add_demo(Store.open(tmp_path / "a" / "b" / "db.json"))
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b" / "db.json.lock").stat().st_mode) & 0o077 == 0


# ------------------------------------------------------------ odd paths


def test_a_data_file_under_a_regular_file(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x", encoding="utf-8")
    for attempt in (
        lambda: Store.open(blocker / "db.json"),
        lambda: Store.open(blocker / "a" / "db.json"),
    ):
        with pytest.raises(StoreError) as caught:
            add_demo(attempt())
        assert caught.value.code == "not_a_folder"
        assert str(blocker) in store_message(caught.value, "en")


@pytest.mark.parametrize("where", ["name", "path"])
def test_names_and_paths_too_long(tmp_path: Path, where: str) -> None:
    base = tmp_path / "here"
    base.mkdir()
    path = base / ("n" * 300) if where == "name" else base.joinpath(*["d" * 200] * 25, "db.json")
    with pytest.raises(StoreError) as caught:
        add_demo(Store.open(path))
    assert caught.value.code == "name_too_long"
    assert len(store_message(caught.value, "en")) < 300
    assert list(base.iterdir()) == []


def test_a_folder_without_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As ``chmod 000 folder`` does for its user (the tests run as root, who is exempt)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    real_lstat, real_stat = os.lstat, os.stat

    def refused(real: object) -> object:
        def check(path: object, *args: object, **kw: object) -> object:
            if Path(os.fsdecode(path)).parent == folder:  # type: ignore[arg-type]
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path, *args, **kw)  # type: ignore[operator]

        return check

    monkeypatch.setattr(os, "lstat", refused(real_lstat))
    monkeypatch.setattr(os, "stat", refused(real_stat))
    with pytest.raises(StoreError) as caught:
        Store.open(folder / "db.json")
    assert caught.value.code == "no_access"
    assert "Permission denied" in store_message(caught.value, "en")


@pytest.mark.parametrize("kind", ["symlink", "folder"])
def test_a_lock_file_that_cannot_be_used_is_named(
    store: Store, db_path: Path, tmp_path: Path, kind: str
) -> None:
    session = add_demo(store)
    lock = Path(str(db_path) + ".lock")
    lock.unlink()
    if kind == "symlink":
        victim = tmp_path / "victim"
        victim.write_text("keep", encoding="utf-8")
        lock.symlink_to(victim)
    else:
        lock.mkdir()
    fresh = Store.open(db_path)
    with pytest.raises(StoreError) as caught:
        tick(fresh, session.id, session.plan.months[0].actions[0].key, True, TODAY)
    assert caught.value.code == "lock_failed"
    assert str(lock) in store_message(caught.value, "en")
    assert "permissions" not in store_message(caught.value, "en")
    if kind == "symlink":
        assert (tmp_path / "victim").read_text(encoding="utf-8") == "keep"


def test_the_store_knows_its_own_files(store: Store, db_path: Path, tmp_path: Path) -> None:
    add_demo(store)
    own = ["", ".bak", ".lock", ".corrupt-20261129-120000", ".schema0.bak", ".damaged-x"]
    for suffix in own:
        assert store.owns(db_path.with_name(db_path.name + suffix)), suffix
    link = tmp_path / "link.json"
    link.symlink_to(db_path)
    assert store.owns(link)
    assert not store.owns(db_path.with_name("plan.md"))
    assert not store.owns(tmp_path / db_path.name)
