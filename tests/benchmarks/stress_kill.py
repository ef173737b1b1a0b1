"""Stress: hundreds of SIGKILLs in the middle of ticks, check-ins, imports and deletes, and
in the middle of repairing a damaged data file.

    python tests/benchmarks/stress_kill.py [--kills 300] [--repair-kills 150] [--seed N]

After every kill during writes the data file must load without repair, every session must
be whole, and every tick, import and delete the killed process had acknowledged must be
there. After every kill during a repair (the file emptied, cut short or overwritten, then
opened by a process that repairs it and goes on ticking) the data file must exist, the
next open must leave it whole, and it must hold everything the backup held and every tick
acknowledged after the repair. Exit 1 on any loss.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests import faults


def main() -> int:
    parser = argparse.ArgumentParser(description="kill writers and repairers, check the file")
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--repair-kills", type=int, default=150)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        try:
            report = faults.kill_repeatedly(Path(folder), args.kills, args.seed)
        except AssertionError as exc:
            print(f"FAILED (seed {args.seed}): {exc}")
            return 1
    print(
        f"writes: {report.kills} kills, {report.acknowledged} acknowledged ticks kept, "
        f"{report.imports} acknowledged imports checked, {report.sessions_checked} session "
        f"checks, 0 damaged files, 0 lost acknowledged changes"
    )
    with tempfile.TemporaryDirectory() as folder:
        repair = faults.kill_during_recovery(Path(folder), args.repair_kills, args.seed)
    print(
        f"repairs: {repair.kills} kills ({repair.killed_mid_repair} before the repair had "
        f"finished), {repair.acknowledged} acknowledged ticks, {repair.missing_files} "
        f"missing data files, {repair.damaged_files} damaged files, {repair.lost_changes} "
        f"lost acknowledged changes"
    )
    elapsed = time.perf_counter() - start
    print(f"seed {args.seed}, {elapsed:.0f} s")
    failed = repair.missing_files or repair.damaged_files or repair.lost_changes
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
