"""The file's head: small tables first, read without parsing the sessions; deferred checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiebei_coach.store import SCHEMA_VERSION, Store, StoreError
from jiebei_coach.store.files import write_atomic
from jiebei_coach.store.storage import HEAD_TABLES, _Encoder, read_head
from tests.store.conftest import TODAY, add_demo


def _tables(path: Path) -> list[str]:
    return list(json.loads(path.read_text(encoding="utf-8")))


def test_every_write_puts_meta_and_settings_first(store: Store, db_path: Path) -> None:
    add_demo(store)  # sessions are written before meta exists in TinyDB's own order
    assert _tables(db_path) == ["meta", "sessions"]
    store.save_settings(language="en")
    assert _tables(db_path) == ["meta", "settings", "sessions"]
    head = read_head(db_path)
    full = json.loads(db_path.read_text(encoding="utf-8"))
    assert head == {"meta": full["meta"], "settings": full["settings"]}


def test_settings_come_from_the_head_without_parsing_sessions(store: Store, db_path: Path) -> None:
    add_demo(store)
    store.save_settings(language="en", theme="textual-light")
    reopened = Store.open(db_path, check=False)
    assert reopened.checked is False
    settings = reopened.settings()
    assert (settings.language, settings.theme) == ("en", "textual-light")
    assert reopened._storage._data is None  # nothing parsed beyond the head
    reopened.check()
    assert reopened.checked is True
    assert len(reopened.summaries(TODAY)) == 1


@pytest.mark.parametrize(
    "text",
    [
        '{"sessions":{},"meta":{"1":{"schema_version":1}}}',  # an older layout
        '{"settings":{"1":{"language":"en"}},"meta":{}}',  # meta not first
        '{"meta":{"1":{"schema_version":1}},"settings":{"1":',  # cut short
        '{"meta":[1,2]}',  # not a table of documents
        '{"meta":{"1":1}}',
        "{}",
        "[]",
        "",
        "garbage",
        '{"meta" {"1":{}}}',
        '{"meta":{"1":{}} "settings":{}}',
    ],
)
def test_a_head_that_cannot_be_trusted_is_not_used(db_path: Path, text: str) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text(text, encoding="utf-8")
    assert read_head(db_path) is None


def test_the_head_stops_at_the_first_other_table(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text('{"meta":{"1":{"a":1}},"sessions":{"1":', encoding="utf-8")
    assert read_head(db_path) == {"meta": {"1": {"a": 1}}}  # no settings saved yet
    db_path.write_text('{"meta":{"1":{}},"settings":{"1":{"language":"中文"}}}', encoding="utf-8")
    assert read_head(db_path) == {"meta": {"1": {}}, "settings": {"1": {"language": "中文"}}}


def test_a_head_longer_than_the_limit_or_not_utf8_is_not_used(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    long = json.dumps({"meta": {"1": {"note": "借" * 100}}}, ensure_ascii=False)
    db_path.write_text(long, encoding="utf-8")
    assert read_head(db_path, limit=len(long.encode()) - 1) is None
    assert read_head(db_path, limit=len(long.encode())) is not None
    # cut in the middle of a Chinese character, the head is incomplete, not an error
    assert read_head(db_path, limit=len(long.encode()) - 5) is None
    db_path.write_bytes(b'{"meta":{"1":{"x":"\xff"}}}')
    assert read_head(db_path) is None
    assert read_head(db_path.with_name("missing.json")) is None


documents = st.dictionaries(
    st.text(max_size=5),
    st.one_of(st.integers(), st.text(max_size=8), st.booleans(), st.none()),
    max_size=3,
)
tables = st.dictionaries(st.integers(1, 99).map(str), documents, max_size=3)


@given(
    meta=tables,
    settings=st.one_of(st.none(), tables),
    others=st.dictionaries(st.sampled_from(["sessions", "extra"]), tables, max_size=2),
)
def test_the_head_is_what_a_full_parse_finds(
    tmp_path_factory: pytest.TempPathFactory,
    meta: dict[str, Any],
    settings: dict[str, Any] | None,
    others: dict[str, Any],
) -> None:
    data = dict(others)  # any order in memory: the encoder puts the head first
    if settings is not None:
        data["settings"] = settings
    data["meta"] = meta
    path = tmp_path_factory.mktemp("head") / "db.json"
    write_atomic(path, _Encoder().encode(data), keep_backup=False)
    full = json.loads(path.read_text(encoding="utf-8"))
    assert full == data
    assert read_head(path) == {name: data[name] for name in HEAD_TABLES if name in data}


def _rewrite(db_path: Path, change: Any) -> bytes:
    data = json.loads(db_path.read_text(encoding="utf-8"))
    change(data)
    write_atomic(db_path, _Encoder().encode(data), keep_backup=False)
    return db_path.read_bytes()


def test_a_newer_head_is_refused_at_once(store: Store, db_path: Path) -> None:
    add_demo(store)
    before = _rewrite(
        db_path, lambda data: data["meta"]["1"].update(schema_version=SCHEMA_VERSION + 1)
    )
    with pytest.raises(StoreError) as caught:
        Store.open(db_path, check=False)
    assert caught.value.code == "newer_version"
    assert db_path.read_bytes() == before


def test_a_newer_session_behind_the_head_is_refused_by_the_check(
    store: Store, db_path: Path
) -> None:
    add_demo(store)

    def newer_session(data: dict[str, Any]) -> None:
        for doc in data["sessions"].values():
            doc["schema_version"] = SCHEMA_VERSION + 1

    before = _rewrite(db_path, newer_session)
    opened = Store.open(db_path, check=False)  # the head alone looks fine
    with pytest.raises(StoreError) as caught:
        opened.check()
    assert caught.value.code == "newer_version"
    assert db_path.read_bytes() == before


def test_damage_behind_the_head_is_repaired_by_the_check(store: Store, db_path: Path) -> None:
    kept = add_demo(store, "kept")
    add_demo(store, "latest")
    text = db_path.read_text(encoding="utf-8")
    damaged = text[: len(text) - 40]  # a cut tail: the head is intact
    db_path.write_text(damaged, encoding="utf-8")
    opened = Store.open(db_path, check=False)
    assert opened.recovered is None and opened.checked is False
    opened.check()
    assert opened.recovered is not None
    assert opened.recovered.moved_to.read_text(encoding="utf-8") == damaged
    assert [s.id for s in opened.summaries(TODAY)] == [kept.id]
    opened.check()  # once is enough
    assert opened.recovered is not None


def test_an_old_layout_is_checked_whole_at_open(store: Store, db_path: Path) -> None:
    add_demo(store)
    data = json.loads(db_path.read_text(encoding="utf-8"))
    db_path.write_text(json.dumps({"sessions": data["sessions"]}), encoding="utf-8")
    opened = Store.open(db_path, check=False)
    assert opened.checked is True
    assert len(opened.summaries(TODAY)) == 1


def test_the_head_is_read_once_per_version_of_the_file(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jiebei_coach.store import storage

    add_demo(store)
    store.save_settings(language="en")
    reads: list[Path] = []
    real = storage.read_head
    monkeypatch.setattr(storage, "read_head", lambda path: reads.append(path) or real(path))
    opened = Store.open(db_path, check=False)  # as the app opens a large file
    assert opened.settings().language == "en"
    assert opened.settings().language == "en"
    assert len(reads) == 1
    store.save_settings(language="zh")  # another process: a new version of the file
    assert opened.settings().language == "zh"
    assert len(reads) == 2
