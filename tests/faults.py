"""Fault injection: kill a process that is writing or repairing, then check that nothing
was lost; and operating-system refusals (a folder without permission, a read-only folder)
that the tests, run as root, cannot get from real permissions.

Used by ``tests/store/test_crash.py`` and ``tests/store/test_recovery.py`` (a few dozen
kills) and by ``tests/benchmarks/stress_kill.py`` (hundreds).
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

from jiebei_coach.domain import Session, build_plan, demo_profile
from jiebei_coach.store import Store
from jiebei_coach.store.backup import to_json
from jiebei_coach.store.files import backup_path
from jiebei_coach.usecases.sessions import tick

TODAY = date(2026, 11, 29)

#: The writer: ticks (acknowledging each once it returns), check-ins, imports of the
#: backup file (read and checked each time, as ``import`` does; acknowledged with the new
#: id) and deletes (acknowledged too).
WRITER = r"""
import random, sys
from datetime import date
from pathlib import Path
from jiebei_coach.domain import CheckIn
from jiebei_coach.store.backup import from_json
from jiebei_coach.store import Store
from jiebei_coach.store.reading import decode, read_limited
from jiebei_coach.usecases.sessions import tick

path, session_id, backup, seed = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
only = set(sys.argv[5].split(",")) if len(sys.argv) > 5 else None
rng = random.Random(seed)
store = Store.open(path)
if store.recovered is not None:
    print("RECOVERED", flush=True)
    sys.exit(3)
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
        tick(store, session_id, key, True, today)
        print("ACK", key, flush=True)
    elif roll < 0.75:
        month = date(2026, rng.randint(1, 12), 1)
        checkin = CheckIn(month=month, sesame_score=rng.randint(350, 950), recorded_on=today)
        store.update(session_id, lambda s: s.with_checkin(checkin))
    elif roll < 0.9:
        imported = store.import_session(from_json(decode(read_limited(backup, 1 << 20))))
        print("IMPORTED", imported.id, flush=True)
    else:
        others = [i for i in store.session_ids() if i != session_id]
        if others:
            gone = rng.choice(others)
            print("DELETING", gone, flush=True)
            store.delete(gone)
            print("DELETED", gone, flush=True)
print("DONE", flush=True)
"""


#: Re-plans and profile saves (the same profile, so the plan keeps its actions) in a loop
#: until the stop file appears, as a second window or a script would do them.
REPLANNER = r"""
import sys
from datetime import date
from pathlib import Path
from jiebei_coach.store import Store
from jiebei_coach.usecases.sessions import replan, save_profile

path, session_id, stop = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
store = Store.open(path)
profile = store.get(session_id).profile
today = date(2026, 11, 29)
rounds = 0
print("READY", flush=True)
while not stop.exists() or rounds < 4:
    replan(store, session_id, today)
    save_profile(store, session_id, profile)
    rounds += 1
print("ROUNDS", rounds, flush=True)
"""


def start_replanner(path: Path, session_id: str, stop: Path) -> subprocess.Popen[str]:
    """Start a process that re-plans and saves the profile until ``stop`` exists."""
    args = [sys.executable, "-c", REPLANNER, str(path), session_id, str(stop)]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if line != "READY":
        proc.kill()
        raise AssertionError(f"replanner did not start: {line!r}")
    return proc


@dataclass
class KillReport:
    """What a fault-injection run did."""

    kills: int = 0
    acknowledged: int = 0
    imports: int = 0
    sessions_checked: int = 0
    #: Kill rounds aimed at a repair: how many landed before it had finished, and then
    #: how often the data file was missing, could not be repaired, or lost a change.
    recoveries: int = 0
    killed_mid_repair: int = 0
    missing_files: int = 0
    damaged_files: int = 0
    lost_changes: int = 0


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


def verify(
    path: Path,
    session_id: str,
    acknowledged: set[str],
    imported: set[str] | None = None,
    deleting: set[str] | None = None,
    deleted: set[str] | None = None,
) -> int:
    """The file loads cleanly, every session is whole, every acknowledged tick is there,
    every acknowledged import is there unless a delete of it was started, and every
    acknowledged delete stayed deleted."""
    store = Store.open(path)
    assert store.recovered is None, "the file was damaged"
    session = store.get(session_id)
    missing = [k for k in acknowledged if not session.plan.find(k)[1].done]
    assert not missing, f"acknowledged ticks lost: {missing}"
    ids = store.session_ids()
    lost = (imported or set()) - (deleting or set()) - set(ids)
    assert not lost, f"acknowledged imports lost: {sorted(lost)}"
    assert not (deleted or set()) & set(ids), "a deleted session came back"
    for other in ids:
        store.get(other)  # validates the whole session
    return len(ids)


def reset_ticks(path: Path, session_id: str) -> None:
    """Untick everything so the next writer has work to do."""

    def untick(session: Session) -> Session:
        plan = session.plan
        for _, action in plan.actions():
            if action.done:
                plan = plan.with_done(action.key, False, None)
        return session.model_copy(update={"plan": plan})

    Store.open(path).update(session_id, untick)


def _rest_of_output(proc: subprocess.Popen[str]) -> list[str]:
    """The whole lines a killed process wrote after those already read.

    Read through the same file object: ``communicate()`` would read the pipe itself and
    miss what ``readline()`` had already buffered. A last line without its newline was
    cut short by the kill, so it acknowledges nothing.
    """
    assert proc.stdout is not None and proc.stderr is not None
    out = proc.stdout.read()
    proc.stderr.read()
    proc.wait()
    return out.split("\n")[:-1]


def kill_repeatedly(folder: Path, kills: int, seed: int, max_delay: float = 0.15) -> KillReport:
    """Start a writer, kill it at a random moment, verify; ``kills`` times."""
    rng = random.Random(seed)
    path, session_id, backup = prepare(folder)
    report = KillReport()
    acknowledged: set[str] = set()
    imported: set[str] = set()
    deleting: set[str] = set()
    deleted: set[str] = set()
    for round_ in range(kills):
        proc = start_writer(path, session_id, backup, rng.randrange(1 << 30))
        time.sleep(rng.uniform(0, max_delay))
        os.kill(proc.pid, signal.SIGKILL)
        for line in _rest_of_output(proc):
            word, _, value = line.partition(" ")
            if word == "ACK":
                acknowledged.add(value)
            elif word == "IMPORTED":
                imported.add(value)
                report.imports += 1
            elif word == "DELETING":
                deleting.add(value)
            elif word == "DELETED":
                deleted.add(value)
        report.kills += 1
        report.sessions_checked += verify(
            path, session_id, acknowledged, imported, deleting, deleted
        )
        if round_ % 5 == 4:
            report.acknowledged += len(acknowledged)
            reset_ticks(path, session_id)
            acknowledged.clear()
    report.acknowledged += len(acknowledged)
    return report


#: A process that opens the data file (repairing it) and then ticks, acknowledging each.
#: ``KILL_AT=restore`` kills it just before the backup replaces the damaged file (after
#: the damaged file got its second name); ``REPORT_REPAIR=1`` makes it say ``REPAIRING``
#: as a repair starts; ``PAUSE_BEFORE_REPAIR=1`` makes it say ``SAW DAMAGE`` and wait for a
#: line on standard input before it repairs.
REPAIRER = r"""
import os, signal, sys
from datetime import date
from pathlib import Path
from jiebei_coach.store import Store
from jiebei_coach.store import recovery, repository
from jiebei_coach.usecases.sessions import tick

if os.environ.get("KILL_AT") == "restore":
    def write_then_die(path, text, *, keep_backup=True):
        os.kill(os.getpid(), signal.SIGKILL)
    recovery.write_atomic = write_then_die
if os.environ.get("REPORT_REPAIR"):
    real_recover = repository.Store._recover
    def reported(self, reason):
        print("REPAIRING", flush=True)
        return real_recover(self, reason)
    repository.Store._recover = reported
if os.environ.get("PAUSE_BEFORE_REPAIR"):
    real_recover = repository.Store._recover
    def paused(self, reason):
        print("SAW DAMAGE", flush=True)
        sys.stdin.readline()
        return real_recover(self, reason)
    repository.Store._recover = paused

path, session_id = Path(sys.argv[1]), sys.argv[2]
keys = sys.argv[3].split(",") if len(sys.argv) > 3 and sys.argv[3] else []
store = Store.open(path)
print("RECOVERED" if store.recovered is not None else "WHOLE", flush=True)
for key in keys:
    tick(store, session_id, key, True, date(2026, 11, 29))
    print("ACK", key, flush=True)
print("DONE", flush=True)
"""

#: Ways a data file gets damaged: emptied, cut short, overwritten with garbage.
DAMAGE = (b"", b"   \n", b'{"meta":{"1":{"schema_version":1', b"\x00\x01garbage")


def start_repairer(
    path: Path, session_id: str, keys: list[str], **env: str
) -> subprocess.Popen[str]:
    """Start a process that opens (and so repairs) the data file, then ticks ``keys``."""
    args = [sys.executable, "-c", REPAIRER, str(path), session_id, ",".join(keys)]
    return subprocess.Popen(
        args,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


def done_keys(path: Path, session_id: str) -> set[str]:
    """The keys ticked in the session as the file at ``path`` holds it (read-only)."""
    from jiebei_coach.store.codec import session_from_doc
    from jiebei_coach.store.storage import parse

    tables = parse(path.read_text(encoding="utf-8"))
    doc = next(d for d in tables["sessions"].values() if d["id"] == session_id)
    return {a.key for _, a in session_from_doc(doc).plan.actions() if a.done}


def kill_during_recovery(
    folder: Path, kills: int, seed: int, max_delay: float = 0.15
) -> KillReport:
    """Damage the data file, start a process that repairs it and then ticks, and kill it
    at a random moment within ``max_delay`` of the repair's start; ``kills`` times.

    After each kill the data file must be there, and the next open must leave it whole,
    with everything the backup held and every tick the killed process acknowledged.
    """
    rng = random.Random(seed)
    path, session_id, _ = prepare(folder)
    store = Store.open(path)
    keys = [a.key for _, a in store.get(session_id).plan.actions()]
    tick(store, session_id, keys[0], True, TODAY)  # the backup now holds a session too
    report = KillReport()
    while report.kills < kills:
        expected = done_keys(backup_path(path), session_id)
        todo = [k for k in keys if k not in expected]
        if len(todo) < 20:
            reset_ticks(path, session_id)
            reset_ticks(path, session_id)  # the backup too
            continue
        rng.shuffle(todo)
        path.write_bytes(rng.choice(DAMAGE))
        proc = start_repairer(path, session_id, todo[:20], REPORT_REPAIR="1")
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line.strip())
            if line.strip() == "REPAIRING":
                break
        # Half the kills within the repair's first ten milliseconds, half spread wider.
        time.sleep(rng.uniform(0, max_delay if rng.random() < 0.5 else 0.01))
        os.kill(proc.pid, signal.SIGKILL)
        lines += _rest_of_output(proc)
        acknowledged = {line.split(" ", 1)[1] for line in lines if line.startswith("ACK ")}
        report.kills += 1
        report.recoveries += 1
        report.acknowledged += len(acknowledged)
        if "RECOVERED" not in lines:
            report.killed_mid_repair += 1
        if not path.exists():
            report.missing_files += 1
            continue
        try:
            reopened = Store.open(path)
            reopened.get(session_id)
            after = done_keys(path, session_id)
        except Exception:
            report.damaged_files += 1
            continue
        if not (expected | acknowledged) <= after:
            report.lost_changes += 1
    return report
