"""Sessions: create, find, tick, check in, rename, import, delete, settings, other writers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jiebei_coach.domain.session import BillRecord
from jiebei_coach.presentation.messages import store_message
from jiebei_coach.store import Store, StoreError
from jiebei_coach.usecases.errors import UseCaseError
from jiebei_coach.usecases.sessions import check_in, log_draw, tick
from tests.store.conftest import TODAY, add_demo


def test_empty_store_lists_nothing(store: Store, db_path: Path) -> None:
    assert store.summaries(TODAY) == []
    assert not db_path.exists()  # reading creates nothing


def test_created_session_survives_a_reopen(store: Store, db_path: Path) -> None:
    session = add_demo(store)
    again = Store.open(db_path).get(session.id)
    assert again == session


def test_names_are_made_unique(store: Store) -> None:
    first = add_demo(store, "计划")
    second = add_demo(store, "  计划 ")
    assert (first.name, second.name) == ("计划", "计划 (2)")


def test_find_by_id_prefix_and_name(store: Store) -> None:
    a = add_demo(store, "alpha")
    b = add_demo(store, "beta")
    assert store.resolve(a.id) == a.id
    assert store.resolve("beta") == b.id
    assert store.resolve(a.id[:8]) == a.id
    assert store.find("alpha").id == a.id
    with pytest.raises(StoreError) as caught:
        store.resolve("gamma")
    assert caught.value.code == "unknown_session"
    with pytest.raises(StoreError):
        store.resolve(a.id[:2])  # too short to be a prefix


def test_ambiguous_prefix_lists_the_matches(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = iter(["abcd1111-0000-4000-8000-000000000000", "abcd2222-0000-4000-8000-000000000000"])
    monkeypatch.setattr("jiebei_coach.store.repository.uuid.uuid4", lambda: next(ids))
    add_demo(store, "one")
    add_demo(store, "two")
    with pytest.raises(StoreError) as caught:
        store.resolve("abcd")
    assert caught.value.code == "ambiguous_session"
    assert "one (abcd1111)" in store_message(caught.value, "en")


def test_tick_is_durable_and_dated(store: Store, db_path: Path) -> None:
    session = add_demo(store)
    key = session.plan.months[1].actions[0].key
    tick(store, session.id, key, True, TODAY)
    reread = Store.open(db_path).get(session.id)
    _, action = reread.plan.find(key)
    assert action.done and action.done_on == TODAY
    assert reread.updated >= session.updated
    tick(store, session.id, key, False, TODAY)
    assert not Store.open(db_path).get(session.id).plan.find(key)[1].done


def test_tick_unknown_key(store: Store) -> None:
    session = add_demo(store)
    with pytest.raises(UseCaseError) as caught:
        tick(store, session.id, "fly-to-the-moon", True, TODAY)
    assert caught.value.code == "unknown_key" and caught.value.params["options"] == ""
    with pytest.raises(UseCaseError) as caught:
        tick(store, session.id, "pay-on-time", True, TODAY)  # a monthly action needs its month
    assert caught.value.params["options"].startswith("pay-on-time@2026-11")


def test_checkins_replace_the_same_month(store: Store) -> None:
    session = add_demo(store)
    check_in(store, session.id, date(2026, 11, 5), 650, None, TODAY)
    check_in(store, session.id, date(2026, 11, 1), 655, 30000, TODAY)
    check_in(store, session.id, date(2026, 10, 1), 640, None, TODAY)
    checkins = store.get(session.id).checkins
    assert [(c.month, c.sesame_score) for c in checkins] == [
        (date(2026, 10, 1), 640),
        (date(2026, 11, 1), 655),
    ]


def test_rename_and_delete(store: Store) -> None:
    a = add_demo(store, "a")
    add_demo(store, "b")
    assert store.rename(a.id, "b").name == "b (2)"
    store.delete(a.id)
    assert [s.name for s in store.summaries(TODAY)] == ["b"]
    with pytest.raises(StoreError):
        store.delete(a.id)


def test_renaming_to_its_own_name_keeps_the_name(store: Store) -> None:
    a = add_demo(store, "a")
    add_demo(store, "a (2)")
    assert store.rename(a.id, "a").name == "a"
    assert sorted(s.name for s in store.summaries(TODAY)) == ["a", "a (2)"]


def test_import_keeps_a_free_id_and_renews_a_taken_one(store: Store) -> None:
    original = add_demo(store)
    copy = store.import_session(original)
    assert copy.id != original.id and copy.name.endswith("(2)")
    store.delete(original.id)
    again = store.import_session(original)
    assert again.id == original.id


def test_settings_round_trip(store: Store, db_path: Path) -> None:
    assert store.settings().language is None
    store.save_settings(language="en")
    store.save_settings(theme="light")
    settings = Store.open(db_path).settings()
    assert (settings.language, settings.theme) == ("en", "light")


def test_summaries_show_progress_and_next_action(store: Store) -> None:
    session = add_demo(store)
    first = session.plan.months[0].actions[0]
    tick(store, session.id, first.key, True, TODAY)
    [summary] = store.summaries(TODAY)
    assert (summary.done, summary.total) == (1, session.plan.progress()[1])
    assert summary.next_key == session.plan.months[0].actions[1].key
    assert summary.month_open == len(session.plan.months[0].actions) - 1
    later = store.summaries(date(2027, 1, 10))[0]
    assert later.next_key == session.plan.months[2].actions[0].key


def test_another_writer_is_seen_and_never_overwritten(db_path: Path) -> None:
    window_a = Store.open(db_path)
    session = add_demo(window_a)
    window_b = Store.open(db_path)
    key_a = session.plan.months[0].actions[0].key
    key_b = session.plan.months[0].actions[1].key
    window_a.get(session.id)  # A has the file cached
    tick(window_b, session.id, key_b, True, TODAY)
    assert window_a.changed_on_disk()
    tick(window_a, session.id, key_a, True, TODAY)  # must not write back A's stale copy
    plan = Store.open(db_path).get(session.id).plan
    assert plan.find(key_a)[1].done and plan.find(key_b)[1].done
    assert not window_a.changed_on_disk()


def test_damaged_session_does_not_hide_the_others(store: Store, db_path: Path) -> None:
    import json

    good = add_demo(store, "good")
    bad = add_demo(store, "bad")
    data = json.loads(db_path.read_text(encoding="utf-8"))
    for doc in data["sessions"].values():
        if doc["id"] == bad.id:
            doc["plan"]["months"][0]["actions"][0][1] = "garbage"
    db_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    reopened = Store.open(db_path)
    assert reopened.get(good.id) == good
    with pytest.raises(StoreError) as caught:
        reopened.get(bad.id)
    assert caught.value.code == "session_damaged"
    assert [s.name for s in reopened.summaries(TODAY)] == ["good", "bad"]


def test_locked_file_gives_up_with_a_clear_error(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys

    store = Store.open(db_path)
    session = add_demo(store)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; "
            f"lock = FileLock({str(db_path) + '.lock'!r}); lock.acquire(); "
            "print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        store.lock_timeout = 0.2
        with pytest.raises(StoreError) as caught:
            tick(store, session.id, session.plan.months[0].actions[0].key, True, TODAY)
        assert caught.value.code == "locked"
        assert store.get(session.id) == session  # reads need no lock
    finally:
        holder.kill()
        holder.wait()


def test_a_folder_in_place_of_the_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path)
    assert caught.value.code == "not_a_file"


def test_use_of_funds_log_round_trips(store: Store, db_path: Path) -> None:
    session = add_demo(store)
    log_draw(store, session.id, 8000, "stock", "进面粉", date(2026, 12, 3))
    log_draw(store, session.id, 2000, "stocks", "", date(2026, 11, 30))
    draws = Store.open(db_path).get(session.id).draws
    assert [(d.on.day, d.use, d.purpose) for d in draws] == [
        (30, "stocks", ""),
        (3, "stock", "进面粉"),
    ]
    assert [d.speculative for d in draws] == [True, False]


def _record(file_hash: str = "a" * 64, end: date = TODAY) -> BillRecord:
    return BillRecord(
        file_hash=file_hash,
        source="alipay",
        start=date(2026, 8, 1),
        end=end,
        transactions=120,
        read_on=TODAY,
        taken={"monthly_alipay_spend": 1800.0, "life_scenes": ["utilities", "rent"]},
    )


def test_bills_read_into_a_session_are_kept_and_one_file_is_kept_once(
    store: Store, db_path: Path
) -> None:
    from jiebei_coach.domain import build_plan, demo_profile

    session = store.create("b", demo_profile(), build_plan(demo_profile(), TODAY), [_record()])
    again = store.update(session.id, lambda s: s.with_bill(_record()))
    other = store.update(again.id, lambda s: s.with_bill(_record("b" * 64, date(2026, 10, 31))))
    reopened = Store.open(db_path).get(session.id)
    assert reopened.bills == other.bills
    assert [b.file_hash[0] for b in reopened.bills] == ["b", "a"]  # ordered by period end
    assert reopened.bill_read("a" * 64) == _record()
    assert reopened.bill_read("c" * 64) is None


def test_a_damaged_bill_record_sets_the_session_aside(store: Store, db_path: Path) -> None:
    import json

    session = add_demo(store)
    data = json.loads(db_path.read_text(encoding="utf-8"))
    for doc in data["sessions"].values():
        doc["bills"] = [{"file_hash": "x", "start": "soon", "end": "2026-01-01"}]
    db_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        Store.open(db_path).get(session.id)
    assert "bills[0]" in store_message(caught.value, "en")
