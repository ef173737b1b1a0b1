"""Layering: the domain and the command line stay free of Textual and TinyDB.

Checked in a fresh interpreter, because this test process may already have imported them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _modules_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(out))


@pytest.mark.parametrize(
    "statement",
    [
        "import jiebei_coach.domain",
        "from jiebei_coach.domain import score, build_plan, loan_schedule",
        "import jiebei_coach.cli",
    ],
)
def test_no_ui_or_storage_imports(statement: str) -> None:
    loaded = _modules_after(statement)
    assert not {m for m in loaded if m.split(".")[0] in {"textual", "tinydb"}}


def test_domain_reads_no_clock() -> None:
    """The domain takes ``today`` as an argument; it never asks the system for the date."""
    import inspect

    import jiebei_coach.domain as domain

    for name in dir(domain):
        module = inspect.getmodule(getattr(domain, name))
        if module is None or not module.__name__.startswith("jiebei_coach"):
            continue
        source = inspect.getsource(module)
        for forbidden in ("date.today(", "datetime.now(", "time.time(", "datetime.today("):
            assert forbidden not in source, f"{module.__name__} reads the clock: {forbidden}"
