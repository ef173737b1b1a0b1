"""Running the command line in-process against a data file of the test's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from jiebei_coach.cli import main


class Run:
    """Call the command in-process; returns (exit code, stdout, stderr)."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str, lang: str = "en") -> tuple[int, str, str]:
        code = main(["--db", str(self.db), "--lang", lang, *args])
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    return Run(tmp_path / "data" / "db.json", capsys)
