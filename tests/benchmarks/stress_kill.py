"""Stress: hundreds of SIGKILLs in the middle of ticks, check-ins, imports and deletes.

    python tests/benchmarks/stress_kill.py [--kills 300] [--seed N]

After every kill the data file must load without repair, every session must be whole,
and every tick the killed process had acknowledged must be there. Exit 1 on any loss.
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
    parser = argparse.ArgumentParser(description="kill writers and check the data file")
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        try:
            report = faults.kill_repeatedly(Path(folder), args.kills, args.seed)
        except AssertionError as exc:
            print(f"FAILED (seed {args.seed}): {exc}")
            return 1
    elapsed = time.perf_counter() - start
    print(
        f"{report.kills} kills, {report.acknowledged} acknowledged ticks kept, "
        f"{report.sessions_checked} session checks, 0 damaged files "
        f"(seed {args.seed}, {elapsed:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
