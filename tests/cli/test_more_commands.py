"""check-message and replan from the shell."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from jiebei_coach.cli import main


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_check_message_exit_codes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "我们可以帮您提额,先交 500 元手续费")
    assert main(["--lang", "zh", "check-message"]) == 3
    out = capsys.readouterr().out
    assert "付费提额" in out and "95188" in out
    _stdin(monkeypatch, "Your repayment is due on the 10th.")
    assert main(["--lang", "en", "check-message"]) == 0
    out = capsys.readouterr().out
    assert "No known scam pattern matched" in out and "does not make it safe" in out


def test_replan_keeps_ticks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(tmp_path / "db.json"), "--lang", "en"]
    assert main([*db, "demo", "--name", "p"]) == 0
    assert main([*db, "tick", "p", "never-pay-for-limit"]) == 0
    capsys.readouterr()
    assert main([*db, "replan", "p"]) == 0
    assert "Planned again from" in capsys.readouterr().out
    assert main([*db, "show", "p", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["months"][0]["actions"][0]["done"] is True
