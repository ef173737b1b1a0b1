"""Benchmark: checking a 5,000-character message for scams (budget: under 20 ms).

Run on demand, not by the test suite:

    python tests/benchmarks/bench_scams.py [--rounds 200]

It measures, in this process, the first check (reading the signal model and compiling its
patterns) and then the warm cost of ``check_message`` on 5,000-character messages of four
shapes: sentences from the labelled corpus run together; one long Chinese clause with no
punctuation; a message broken up by spaces and dots (the normaliser's worst case); and
English. It prints the median and 95th percentile with their ratio to the budget. Exit
code 1 when a median is over budget.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from itertools import cycle
from pathlib import Path

BUDGET_MS = 20.0
LENGTH = 5000
CORPUS = Path(__file__).parents[1] / "data" / "scam_corpus.jsonl"


def _fill(pieces: list[str], sep: str = "") -> str:
    out = ""
    for piece in cycle(pieces):
        out += piece + sep
        if len(out) >= LENGTH:
            return out[:LENGTH]
    raise AssertionError("unreachable")


def _messages() -> dict[str, str]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    zh = [r["text"] for r in rows if r["lang"] == "zh"]
    en = [r["text"] for r in rows if r["lang"] == "en"]
    plain = "".join(ch for text in zh for ch in text if "\u4e00" <= ch <= "\u9fff")
    return {
        "corpus sentences (zh)": _fill(zh),
        "one clause, no punctuation": _fill([plain]),
        "spaced and dotted": _fill(list(plain), " . "),
        "corpus sentences (en)": _fill(en, " "),
    }


def _measure(message: str, rounds: int) -> list[float]:
    from jiebei_coach.domain import check_message

    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        check_message(message)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()

    start = time.perf_counter()
    from jiebei_coach.domain import check_message

    check_message("借呗额度可提升至5万元,需先支付500元服务费")
    first = (time.perf_counter() - start) * 1000
    print(f"import + first check (loads and compiles the signals) {first:8.1f} ms")

    over = False
    print(f"\nwarm check of a {LENGTH:,}-character message, {args.rounds} rounds each")
    print(f"(budget {BUDGET_MS} ms)")
    print(f"{'message':<30}{'median ms':>10}{'p95 ms':>10}{'median/budget':>15}")
    for name, message in _messages().items():
        assert len(message) == LENGTH, name
        samples = _measure(message, args.rounds)
        median = statistics.median(samples)
        p95 = statistics.quantiles(samples, n=20)[-1]
        over = over or median > BUDGET_MS
        print(f"{name:<30}{median:>10.2f}{p95:>10.2f}{median / BUDGET_MS:>14.2f}x")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
