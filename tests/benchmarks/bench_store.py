"""Benchmark: tick to durable on disk, and loading, with 10 and 1,000 saved sessions.

    python tests/benchmarks/bench_store.py [--ticks 60]

Each session is a 12-month plan of the demo profile with 12 monthly check-ins. "Tick" is
``Store.tick`` on an open store (as the app does it: the file is cached while unchanged,
and the call returns once the new file is fsynced and renamed into place); "cold tick" is
open + tick (as the ``tick`` command does it, without interpreter start-up). Budgets: median
tick under 10 ms with 10 sessions and under 30 ms with 1,000. Exit 1 when one is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

from jiebei_coach.domain import CheckIn, Session, build_plan, demo_profile
from jiebei_coach.store import SCHEMA_VERSION, Store
from jiebei_coach.store.codec import session_to_doc
from jiebei_coach.store.files import write_atomic
from jiebei_coach.store.storage import serialise
from jiebei_coach.usecases.sessions import tick

TODAY = date(2026, 11, 29)
BUDGETS = {10: 10.0, 1000: 30.0}


def build_file(path: Path, count: int) -> str:
    """Write a data file with ``count`` sessions; return the id of the last one."""
    profile = demo_profile()
    plan = build_plan(profile, TODAY)
    now = datetime(2026, 11, 29, tzinfo=timezone.utc)
    checkins = [
        CheckIn(
            month=date(2026 if m < 12 else 2027, m if m < 12 else 1, 1),
            sesame_score=640 + m,
            jiebei_limit=30000,
            recorded_on=TODAY,
        )
        for m in range(1, 13)
    ]
    sessions = {}
    last = ""
    for i in range(count):
        last = str(uuid.uuid4())
        session = Session(
            id=last,
            name=f"计划 {i}",
            created=now,
            updated=now,
            profile=profile,
            plan=plan,
            checkins=checkins,
        )
        sessions[str(i + 1)] = session_to_doc(session)
    # As the app writes it: the small tables first (see storage.HEAD_TABLES).
    meta = {"1": {"schema_version": SCHEMA_VERSION, "app": "jiebei-coach"}}
    data = {"meta": meta, "sessions": sessions}
    write_atomic(path, serialise(data), keep_backup=False)
    return last


def measure(count: int, ticks: int) -> tuple[float, float, float, float, int]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.json"
        session_id = build_file(path, count)
        size = path.stat().st_size
        start = time.perf_counter()
        store = Store.open(path)
        store.summaries(TODAY)
        load = (time.perf_counter() - start) * 1000
        keys = [a.key for _, a in store.get(session_id).plan.actions()]
        warm = []
        for i in range(ticks):
            key = keys[i % len(keys)]
            start = time.perf_counter()
            tick(store, session_id, key, i // len(keys) % 2 == 0, TODAY)
            warm.append((time.perf_counter() - start) * 1000)
        cold = []
        for i in range(max(5, ticks // 6)):
            start = time.perf_counter()
            tick(Store.open(path), session_id, keys[i], False, TODAY)
            cold.append((time.perf_counter() - start) * 1000)
        return (
            load,
            statistics.median(warm),
            statistics.quantiles(warm, n=20)[-1],
            statistics.median(cold),
            size,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description="tick-to-durable and load benchmark")
    parser.add_argument("--ticks", type=int, default=60)
    args = parser.parse_args()
    print(
        f"{'sessions':>9}{'file KB':>9}{'load ms':>9}{'tick ms':>9}{'p95 ms':>9}"
        f"{'cold ms':>9}{'budget':>8}{'tick/budget':>13}"
    )
    missed = False
    for count, budget in BUDGETS.items():
        load, median, p95, cold, size = measure(count, args.ticks)
        missed = missed or median > budget
        print(
            f"{count:>9}{size / 1024:>9.0f}{load:>9.1f}{median:>9.2f}{p95:>9.2f}{cold:>9.1f}"
            f"{budget:>8.0f}{median / budget:>12.2f}x"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
