"""How well the scam guard does on the labelled corpus: recall and false alarms per kind.

    python -m tests.scam_eval            # the table, overall and per kind
    python -m tests.scam_eval --misses   # also every message it got wrong
    python tests/scam_eval.py            # the same

``tests/data/scam_corpus.jsonl`` holds one message a line: ``text``, ``label`` (``scam`` or
``ordinary``), ``kind`` (the scam type, or the kind of ordinary message), ``lang`` and
``batch``. The messages were written for this project in batches: ``design`` shaped the
signals; ``heldout``, ``heldout2`` and ``heldout3`` were each written before the signals
were first run on them, and are reported apart. Each was used to widen the signals after
that first run, so today's figures on them are no longer unseen; the README gives the
first-run figures, the better guess of how the checker does on new wording.

Recall is the share of scams flagged (danger or caution); a false alarm is an ordinary
message flagged. Exit code 1 when recall is under 97% or false alarms over 2% (the lines
the test suite holds too).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).with_name("data") / "scam_corpus.jsonl"
MIN_RECALL = 0.97
MAX_FALSE_ALARMS = 0.02


@dataclass
class Tally:
    """Messages seen and flagged, for one group."""

    seen: int = 0
    flagged: int = 0

    @property
    def share(self) -> float:
        """The share flagged (0 for an empty group)."""
        return self.flagged / self.seen if self.seen else 0.0


@dataclass
class Report:
    """Tallies by label, by (label, kind) and by (label, batch); and the messages missed."""

    labels: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    kinds: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    batches: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    wrong: list[dict[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Scams flagged / scams."""
        return self.labels["scam"].share

    @property
    def false_alarms(self) -> float:
        """Ordinary messages flagged / ordinary messages."""
        return self.labels["ordinary"].share


def load_corpus(path: Path = CORPUS) -> list[dict[str, str]]:
    """The labelled messages."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(rows: list[dict[str, str]]) -> Report:
    """Check every message and tally the results."""
    from jiebei_coach.domain import check_message

    report = Report()
    for row in rows:
        flagged = check_message(row["text"]).matched
        label = row["label"]
        for tally in (
            report.labels[label],
            report.kinds[(label, row["kind"])],
            report.batches[(label, row.get("batch", "?"))],
        ):
            tally.seen += 1
            tally.flagged += flagged
        if flagged != (label == "scam"):
            report.wrong.append(row)
    return report


def _row(name: str, tally: Tally) -> str:
    return f"  {name:<22}{tally.flagged:>5}/{tally.seen:<5}{tally.share:>8.1%}"


def render(report: Report, *, misses: bool = False) -> str:
    """The report as text."""
    lines = ["Scams flagged (recall), by kind:"]
    lines += [_row(kind, t) for (label, kind), t in sorted(report.kinds.items()) if label == "scam"]
    lines += ["", "Ordinary messages flagged (false alarms), by kind:"]
    lines += [
        _row(kind, t) for (label, kind), t in sorted(report.kinds.items()) if label == "ordinary"
    ]
    lines += ["", "By batch (held-out batches were not used to shape the signals at first):"]
    for (label, batch), tally in sorted(report.batches.items()):
        lines.append(_row(f"{label} / {batch}", tally))
    lines += [
        "",
        f"Overall recall        {report.labels['scam'].flagged}/{report.labels['scam'].seen}"
        f"  {report.recall:.1%}  (at least {MIN_RECALL:.0%})",
        f"Overall false alarms  {report.labels['ordinary'].flagged}/"
        f"{report.labels['ordinary'].seen}  {report.false_alarms:.1%}"
        f"  (at most {MAX_FALSE_ALARMS:.0%})",
    ]
    if misses and report.wrong:
        lines += ["", "Wrong:"]
        lines += [f"  [{r['label']}/{r['kind']}] {r['text']}" for r in report.wrong]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the report; exit 1 below the lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--misses", action="store_true", help="list the messages it got wrong")
    args = parser.parse_args(argv)
    report = evaluate(load_corpus())
    print(render(report, misses=args.misses))
    ok = report.recall >= MIN_RECALL and report.false_alarms <= MAX_FALSE_ALARMS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
