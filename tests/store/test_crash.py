"""Kills in the middle of writes, and two writers at once: nothing acknowledged is lost."""

from __future__ import annotations

from pathlib import Path

from jiebei_coach.store import Store
from tests import faults


def test_killed_writers_never_damage_the_file_or_lose_acknowledged_ticks(tmp_path: Path) -> None:
    report = faults.kill_repeatedly(tmp_path, kills=30, seed=20261129)
    assert report.kills == 30
    assert report.acknowledged > 0  # the kills did land among real writes


def test_two_processes_ticking_the_same_session_lose_nothing(tmp_path: Path) -> None:
    path, session_id, backup = faults.prepare(tmp_path)
    keys = [a.key for _, a in Store.open(path).get(session_id).plan.actions()]
    first, second = keys[0::2][:40], keys[1::2][:40]
    writers = [
        faults.start_writer(path, session_id, backup, seed, only)
        for seed, only in ((1, first), (2, second))
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip().endswith("DONE")
    plan = Store.open(path).get(session_id).plan
    assert all(plan.find(k)[1].done for k in first + second)
    assert plan.progress()[0] == len(first) + len(second)


def test_killed_repairs_never_leave_no_file_or_lose_acknowledged_ticks(tmp_path: Path) -> None:
    report = faults.kill_during_recovery(tmp_path, kills=12, seed=20261129)
    assert report.kills == 12
    assert (report.missing_files, report.damaged_files, report.lost_changes) == (0, 0, 0)


def test_killed_writers_lose_no_acknowledged_import(tmp_path: Path) -> None:
    report = faults.kill_repeatedly(tmp_path, kills=12, seed=7)
    assert report.imports > 0  # the kills did land among imports too


def test_ticks_from_other_processes_survive_replans_and_profile_saves(tmp_path: Path) -> None:
    """Three processes tick while a fourth re-plans and saves the profile over and over:
    every change is computed inside its own locked transaction, so no tick is lost."""
    path, session_id, backup = faults.prepare(tmp_path)
    keys = [a.key for _, a in Store.open(path).get(session_id).plan.actions()][:60]
    stop = tmp_path / "stop"
    replanner = faults.start_replanner(path, session_id, stop)
    shares = [keys[i::3] for i in range(3)]
    writers = [
        faults.start_writer(path, session_id, backup, seed, only)
        for seed, only in enumerate(shares, start=1)
    ]
    acknowledged = set()
    for writer in writers:
        out, err = writer.communicate(timeout=180)
        assert writer.returncode == 0, err
        acknowledged |= {line.split()[1] for line in out.splitlines() if line.startswith("ACK")}
    stop.touch()
    out, err = replanner.communicate(timeout=180)
    assert replanner.returncode == 0, err
    rounds = int(out.split()[-1])
    assert rounds >= 4  # the re-plans did run alongside the ticks
    assert acknowledged == set(keys)
    faults.verify(path, session_id, acknowledged)
