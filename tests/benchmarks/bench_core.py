"""Benchmark: scoring plus a 12-month plan for one profile (budget: under 5 ms).

Run on demand, not by the test suite:

    python tests/benchmarks/bench_core.py [--rounds 300]

It measures, in this process, the first call (reading and validating the data files) and
then the warm cost of ``score(profile)`` + ``build_plan(profile, today)`` for the demo
profile, a blank profile and a troubled one, and prints the median and 95th percentile
with their ratio to the budget. Exit code 1 when a median is over budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date

BUDGET_MS = 5.0


def _measure(fn: object, rounds: int) -> list[float]:
    assert callable(fn)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()

    start = time.perf_counter()
    from jiebei_coach.domain import Profile, build_plan, demo_profile, score

    imported = (time.perf_counter() - start) * 1000
    today = date(2026, 11, 29)
    start = time.perf_counter()
    score(demo_profile())
    build_plan(demo_profile(), today)
    first = (time.perf_counter() - start) * 1000
    print(f"import of the domain            {imported:8.1f} ms")
    print(f"first score + plan (loads data) {first:8.1f} ms")

    troubled = demo_profile().model_copy(
        update={"overdue_now": True, "lender_count": 7, "on_time_rate": 0.7}
    )
    cases = {"demo": demo_profile(), "blank": Profile(), "overdue, 7 lenders": troubled}
    over = False
    print(f"\nwarm score + 12-month plan, {args.rounds} rounds each (budget {BUDGET_MS} ms)")
    print(f"{'profile':<22}{'median ms':>10}{'p95 ms':>10}{'median/budget':>15}")
    for name, profile in cases.items():
        samples = _measure(lambda p=profile: (score(p), build_plan(p, today)), args.rounds)
        median = statistics.median(samples)
        p95 = statistics.quantiles(samples, n=20)[-1]
        over = over or median > BUDGET_MS
        print(f"{name:<22}{median:>10.2f}{p95:>10.2f}{median / BUDGET_MS:>14.2f}x")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
