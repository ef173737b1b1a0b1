"""Fault injection: kill a process that is writing, then check that nothing was lost.

Used by ``tests/store/test_crash.py`` (a few dozen kills) and by
``tests/benchmarks/stress_kill.py`` (hundreds).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from jiebei_coach.domain import build_plan, demo_profile
from jiebei_coach.exports import to_json
from jiebei_coach.store import Store

TODAY = date(2026, 11, 29)

#: The writer: ticks (acknowledging each once it returns), check-ins, imports, deletes.
WRITER = r"""
import random, sys
from datetime import date
from pathlib import Path
from jiebei_coach.domain import CheckIn
from jiebei_coach.exports import from_json
from jiebei_coach.store import Store

path, session_id, backup, seed = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
only = set(sys.argv[5].split(",")) if len(sys.argv) > 5 else None
rng = random.Random(seed)
store = Store.open(path)
if store.recovered is not None:
    print("RECOVERED", flush=True)
    sys.exit(3)
template = from_json(backup.read_text(encoding="utf-8"))
session = store.get(session_id)
keys = [a.key for _, a in session.plan.actions() if not a.done and (only is None or a.key in only)]
rng.shuffle(keys)
today = date(2026, 11, 29)
print("READY", flush=True)
while keys or only is None:
    roll = rng.random()
    if only is not None or (roll < 0.6 and keys):
        if not keys:
            break
        key = keys.pop()
        store.tick(session_id, key, True, today)
        print("ACK", key, flush=True)
    elif roll < 0.75:
        month = date(2026, rng.randint(1, 12), 1)
        store.checkin(session_id, CheckIn(month=month, sesame_score=rng.randint(350, 950),
                                          recorded_on=today))
    elif roll < 0.9:
        store.import_session(template)
    else:
        others = [i for i in store.session_ids() if i != session_id]
        if others:
            store.delete(rng.choice(others))
print("DONE", flush=True)
"""


@dataclass
class KillReport:
    """What a fault-injection run did."""

    kills: int = 0
    acknowledged: int = 0
    sessions_checked: int = 0


def prepare(folder: Path) -> tuple[Path, str, Path]:
    """A data file with one session to tick and a backup of it to import repeatedly."""
    path = folder / "db.json"
    store = Store.open(path)
    profile = demo_profile()
    session = store.create("被测计划", profile, build_plan(profile, TODAY, months=36))
    backup = folder / "template.json"
    backup.write_text(to_json(session, datetime(2026, 11, 29, 12, 0)), encoding="utf-8")
    return path, session.id, backup


def start_writer(
    path: Path, session_id: str, backup: Path, seed: int, only: list[str] | None = None
) -> subprocess.Popen[str]:
    """Start a writer process and wait until it is about to write."""
    args = [sys.executable, "-c", WRITER, str(path), session_id, str(backup), str(seed)]
    if only is not None:
        args.append(",".join(only))
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if line != "READY":
        proc.kill()
        raise AssertionError(
            f"writer did not start: {line!r} {proc.stderr.read() if proc.stderr else ''}"
        )
    return proc


def verify(path: Path, session_id: str, acknowledged: set[str]) -> int:
    """The file loads cleanly, every session is whole, every acknowledged tick is there."""
    store = Store.open(path)
    assert store.recovered is None, "the file was damaged"
    session = store.get(session_id)
    missing = [k for k in acknowledged if not session.plan.find(k)[1].done]
    assert not missing, f"acknowledged ticks lost: {missing}"
    ids = store.session_ids()
    for other in ids:
        store.get(other)  # validates the whole session
    return len(ids)


def reset_ticks(path: Path, session_id: str) -> None:
    """Untick everything so the next writer has work to do."""
    store = Store.open(path)
    session = store.get(session_id)
    plan = session.plan
    for _, action in plan.actions():
        if action.done:
            plan = plan.with_done(action.key, False, None)
    store.replace(session.model_copy(update={"plan": plan}))


def kill_repeatedly(folder: Path, kills: int, seed: int, max_delay: float = 0.15) -> KillReport:
    """Start a writer, kill it at a random moment, verify; ``kills`` times."""
    rng = random.Random(seed)
    path, session_id, backup = prepare(folder)
    report = KillReport()
    acknowledged: set[str] = set()
    for round_ in range(kills):
        proc = start_writer(path, session_id, backup, rng.randrange(1 << 30))
        time.sleep(rng.uniform(0, max_delay))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        for line in out.splitlines():
            if line.startswith("ACK "):
                acknowledged.add(line.split(" ", 1)[1])
        report.kills += 1
        report.sessions_checked += verify(path, session_id, acknowledged)
        if round_ % 5 == 4:
            report.acknowledged += len(acknowledged)
            reset_ticks(path, session_id)
            acknowledged.clear()
    report.acknowledged += len(acknowledged)
    return report
