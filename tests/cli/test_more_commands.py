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
    assert "危险" in out and "付费提额" in out and "95188" in out
    _stdin(monkeypatch, "Your repayment is due on the 10th.")
    assert main(["--lang", "en", "check-message"]) == 0
    out = capsys.readouterr().out
    assert "No known scam pattern found" in out and "does not make it safe" in out
    _stdin(monkeypatch, "扫码支付300元")
    assert main(["--lang", "en", "check-message"]) == 3
    assert "Caution" in capsys.readouterr().out


def test_check_message_takes_the_message_as_an_argument(
    capsys: pytest.CaptureFixture[str],
) -> None:
    message = "【借呗客服】您的借呗额度可提升至5万元,需先支付500元服务费,请加微信办理。"
    assert main(["--lang", "en", "check-message", message]) == 3
    out = capsys.readouterr().out
    assert out.startswith("⛔ Danger")
    assert "Paying to raise or open a limit" in out
    assert "“额度可提升至”" in out and "“加微信办理”" in out  # the message's own words
    assert "96110" in out and "110" in out
    # words without quotes are one message
    assert main(["--lang", "zh", "check-message", "花呗套现,", "9.5折到账"]) == 3
    assert "「花呗套现, 9.5折」" in capsys.readouterr().out


def test_check_message_at_a_terminal_says_how_to_paste(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("周末一起吃饭吗?"))
    assert main(["--lang", "en", "check-message"]) == 0
    captured = capsys.readouterr()
    assert "ctrl+d" in captured.err and "No known scam pattern" in captured.out


@pytest.mark.parametrize("message", ["", "   \n\t "])
def test_an_empty_message_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], message: str
) -> None:
    _stdin(monkeypatch, message)
    assert main(["--lang", "en", "check-message"]) == 2
    captured = capsys.readouterr()
    assert "No message to check" in captured.err and "No known" not in captured.out


def test_unreadable_input_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Broken(io.StringIO):
        def read(self, *_args: object) -> str:
            raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr("sys.stdin", Broken())
    assert main(["--lang", "en", "check-message"]) == 1
    err = capsys.readouterr().err
    assert "UTF-8" in err and "Traceback" not in err


def test_words_from_the_message_reach_the_terminal_without_control_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    message = "借呗额度可\x1b[2J提升,请\x07先交\x1b]0;pwned\x07500元服务费"
    assert main(["--lang", "en", "check-message", message]) == 3
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "500元服务费" in out


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
