"""The command line against hostile backups, odd files and odd environments: one line
and an exit code, never a traceback, never an escape sequence on the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jiebei_coach.cli import main
from tests.cli.conftest import Run
from tests.cli.test_commands import _demo

HOSTILE_NAME = "\x1b[2J\x1b[H\x1b]0;借呗官方\x07\x1b[31m致电 400-000-0000 提额\x1b[0m"


def _backup(run: Run, tmp_path: Path, name: str = "备份") -> dict[str, Any]:
    _demo(run, name)
    target = tmp_path / "backup.json"
    assert run("export", name, "--format", "json", "-o", str(target))[0] == 0
    return dict(json.loads(target.read_text(encoding="utf-8")))


def _write(tmp_path: Path, payload: object, name: str = "hostile.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


def _no_python_in(text: str) -> None:
    for sign in ("Traceback", "KeyError(", "TypeError(", "ValueError(", "Error('"):
        assert sign not in text


def _session(change: Callable[[dict[str, Any]], object]) -> Callable[[dict[str, Any]], None]:
    def apply(payload: dict[str, Any]) -> None:
        change(payload["session"])

    return apply


def _more_months(session: dict[str, Any], count: int) -> list[dict[str, Any]]:
    last = session["plan"]["months"][-1]
    year, month = map(int, last["month"].split("-"))
    extra = []
    for _ in range(count):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        extra.append({**last, "month": f"{year:04d}-{month:02d}"})
    return extra


# ------------------------------------------------------------ escape sequences


def test_escape_sequences_in_an_imported_name_never_reach_the_terminal(
    run: Run, tmp_path: Path
) -> None:
    payload = _backup(run, tmp_path)
    payload["session"]["name"] = HOSTILE_NAME
    code, out, err = run("import", str(_write(tmp_path, payload)))
    assert code == 0
    for text in (out, err, run("list")[1], run("show", "致电 400-000-0000 提额")[1]):
        assert "\x1b" not in text and "\x07" not in text
    assert "致电 400-000-0000 提额" in run("list")[1]


def test_escape_sequences_already_in_the_data_file_are_not_printed(
    run: Run, tmp_path: Path
) -> None:
    _demo(run, "plain")
    data = json.loads(run.db.read_text(encoding="utf-8"))
    data["sessions"]["1"]["name"] = HOSTILE_NAME
    run.db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for args in (("list",), ("list", "--json"), ("show", "致电 400-000-0000 提额")):
        code, out, err = run(*args)
        assert code == 0, err
        assert "\x1b" not in out + err and "\x07" not in out + err


@pytest.mark.parametrize(
    ("name", "why"),
    [("a\x00b", "NUL"), ("invoice\u202efdp.exe", "direction"), ("\u200b\u3164", "visible")],
)
def test_names_with_nul_overrides_or_nothing_visible_are_refused_at_import(
    run: Run, tmp_path: Path, name: str, why: str
) -> None:
    payload = _backup(run, tmp_path)
    payload["session"]["name"] = name
    code, _, err = run("import", str(_write(tmp_path, payload)))
    assert code == 1
    assert why in err and "Value error" not in err
    _no_python_in(err)


# ---------------------------------------------- data that validates, then breaks


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_session(lambda s: s["plan"]["months"][0]["actions"][0].__setitem__(0, "x-new")), "x-new"),
        (_session(lambda s: s["plan"].update(months=[])), "no months"),
        (_session(lambda s: s["plan"].update(capacity=-5)), "plan.capacity"),
        (_session(lambda s: s["plan"]["months"][0].update(month=202611)), "plan.months[0].month"),
        (_session(lambda s: s.pop("plan")), "plan: missing"),
        (_session(lambda s: s.pop("id")), "id: missing"),
        (_session(lambda s: s.update(schema_version="1")), "schema_version"),
        (_session(lambda s: s.update(schema_version=None)), "schema_version"),
        (_session(lambda s: s["checkins"].append({"month": 5})), "checkins[0]"),
        (_session(lambda s: s.update(id="x" * 300_000)), "id: longer than 200"),
        (_session(lambda s: s["plan"]["months"].extend(_more_months(s, 30))), "36 months"),
        (_session(lambda s: s["plan"]["months"][0]["actions"].extend([["x", 1, 0]] * 100)), "100"),
    ],
    ids=[
        "unknown-action",
        "empty-months",
        "capacity",
        "month-number",
        "no-plan",
        "no-id",
        "version-text",
        "version-null",
        "checkin",
        "long-id",
        "months",
        "actions",
    ],
)
def test_a_backup_that_would_break_later_is_refused_with_a_reason(
    run: Run, tmp_path: Path, change: Callable[[dict[str, Any]], None], reason: str
) -> None:
    payload = _backup(run, tmp_path)
    change(payload)
    code, out, err = run("import", str(_write(tmp_path, payload)))
    assert (code, out) == (1, "")
    assert reason in err and err.count("\n") == 1
    _no_python_in(err)
    assert len(json.loads(run("list", "--json")[1])) == 1  # nothing was added


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"x": ' + "[" * 30_000 + "]" * 30_000 + "}", "nested too deeply"),
        ('{"x": ' + "9" * 5000 + "}", "too many digits"),
        ('{"x": NaN}', "NaN is not a JSON number"),
        ('{"x": Infinity}', "Infinity is not a JSON number"),
        ('{"x": 1e999}', "too large"),
    ],
    ids=["nesting", "digits", "nan", "infinity", "overflow"],
)
def test_parser_edges_in_a_backup_and_a_profile(
    run: Run, tmp_path: Path, text: str, reason: str
) -> None:
    path = tmp_path / "edge.json"
    path.write_text(text, encoding="utf-8")
    for args in (("import", str(path)), ("new", "--profile", str(path), "--name", "x")):
        code, _, err = run(*args)
        assert code == 1 and reason in err, err
        _no_python_in(err)


def test_infinity_in_a_backup_is_refused_before_it_reaches_a_chart(
    run: Run, tmp_path: Path
) -> None:
    payload = _backup(run, tmp_path)
    text = json.dumps(payload).replace('"projected": ', '"projected": 1e999, "was": ', 1)
    path = tmp_path / "inf.json"
    path.write_text(text, encoding="utf-8")
    code, _, err = run("import", str(path))
    assert code == 1 and "too large" in err


# ----------------------------------------------------------------- limits


@pytest.mark.parametrize("command", ["import", "new"])
def test_dev_zero_is_refused_not_read_until_memory_runs_out(run: Run, command: str) -> None:
    args = ("import", "/dev/zero") if command == "import" else ("new", "--profile", "/dev/zero")
    code, _, err = run(*args, "--name", "x") if command == "new" else run(*args)
    assert code == 1 and "larger than" in err


def test_a_huge_backup_is_refused_before_it_is_read(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    code, _, err = run("import", str(path))
    assert code == 1 and "larger than 1 MB" in err


def test_a_profile_with_thousands_of_unknown_keys_prints_a_few_lines(
    run: Run, tmp_path: Path
) -> None:
    path = _write(tmp_path, {f"k{i}": 1 for i in range(5000)}, "profile.json")
    code, _, err = run("new", "--profile", str(path), "--name", "x")
    assert code == 1
    assert len(err.splitlines()) <= 12
    assert "and 4990 more" in err


def test_a_backup_with_a_byte_order_mark_is_accepted(run: Run, tmp_path: Path) -> None:
    _backup(run, tmp_path)
    path = tmp_path / "backup.json"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, _, err = run("import", str(path))
    assert code == 0, err
    profile = tmp_path / "profile.json"
    profile.write_bytes(b"\xef\xbb\xbf" + b'{"sesame_score": 650}')
    assert run("new", "--profile", str(profile), "--name", "bom")[0] == 0


def test_an_imported_id_cannot_take_over_a_name(run: Run, tmp_path: Path) -> None:
    rent = _demo(run, "rent")
    payload = _backup(run, tmp_path, "intruder")
    payload["session"]["id"] = "rent"
    payload["session"]["name"] = "innocent"
    code, _, err = run("import", str(_write(tmp_path, payload)))
    assert code == 0 and "not a proper id" in err
    assert run("tick", "rent", "never-pay-for-limit")[0] == 0
    shown = json.loads(run("show", rent, "--json")[1])
    assert shown["months"][0]["actions"][0]["done"] is True
    assert run("delete", "rent", "--yes")[2] == ""
    names = {row["name"] for row in json.loads(run("list", "--json")[1])}
    assert names == {"intruder", "innocent"}


# ------------------------------------------------------------------ files


@pytest.mark.parametrize("suffix", ["", ".bak", ".lock"])
def test_export_never_overwrites_the_stores_own_files(run: Run, suffix: str) -> None:
    _demo(run, "p")
    _demo(run, "q")
    target = run.db.with_name(run.db.name + suffix)
    before = target.read_bytes()
    code, _, err = run("export", "p", "--format", "md", "-o", str(target))
    assert code == 1 and "own files" in err
    assert target.read_bytes() == before


def test_an_empty_db_option_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "", "--lang", "en", "list"]) == 1
    assert "empty path" in capsys.readouterr().err


def test_an_emptied_data_file_is_repaired_not_listed_as_empty(run: Run) -> None:
    first = _demo(run, "first")
    _demo(run, "second")
    run.db.write_bytes(b"")
    code, out, err = run("list", "--json")
    assert code == 0 and "damaged" in err
    assert [row["id"] for row in json.loads(out)] == [first]


def test_a_session_too_damaged_to_open_can_still_be_deleted(run: Run) -> None:
    _demo(run, "keep")
    _demo(run, "broken")
    data = json.loads(run.db.read_text(encoding="utf-8"))
    data["sessions"]["2"]["plan"]["months"][0]["actions"][0][0] = "from-a-newer-catalog"
    run.db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run("list")
    assert code == 0 and "from-a-newer-catalog" in out
    before = run.db.read_bytes()
    for args in (
        ("show", "broken"),
        ("report", "broken"),
        ("replan", "broken"),
        ("export", "broken", "--format", "md"),
        ("tick", "broken", "never-pay-for-limit"),
    ):
        code, out, err = run(*args)
        assert (code, out) == (1, ""), args
        assert "unknown action" in err and "Traceback" not in err
    assert run.db.read_bytes() == before  # replan did not save first
    assert run("delete", "broken", "--yes")[0] == 0


# ------------------------------------------------------------ environments


def _cli(
    *args: str, env: dict[str, str] | None = None, **kw: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jiebei_coach", *args],
        capture_output=kw.pop("capture_output", True),
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        **kw,
    )


def test_an_ascii_terminal_gets_escapes_not_a_traceback(tmp_path: Path) -> None:
    db = str(tmp_path / "db.json")
    assert _cli("--db", db, "--lang", "zh", "demo", "--name", "小林").returncode == 0
    ascii_env = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    listed = _cli("--db", db, "--lang", "zh", "list", env=ascii_env)
    assert listed.returncode == 0, listed.stderr
    assert "\\u5c0f\\u6797" in listed.stdout  # 小林
    as_json = _cli("--db", db, "list", "--json", env=ascii_env)
    assert json.loads(as_json.stdout)[0]["name"] == "小林"
    report = _cli("--lang", "zh", "report", env=ascii_env)
    assert report.returncode == 0 and "Traceback" not in report.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_output_to_a_full_disk_is_one_line(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = _cli(
            "--lang", "en", "report", stdout=full, stderr=subprocess.PIPE, capture_output=False
        )
    assert done.returncode == 1
    assert done.stderr.strip() == "Could not write the output (No space left on device)."


def test_a_closed_standard_input(tmp_path: Path) -> None:
    checked = _cli("--lang", "en", "check-message", stdin=subprocess.DEVNULL)
    assert checked.returncode == 2  # an empty message is a usage error, not "nothing matched"
    assert checked.stderr.startswith("No message to check")
    closed = subprocess.run(
        f"{sys.executable} -m jiebei_coach --lang en check-message <&-",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert closed.returncode == 2 and "standard input is closed" in closed.stderr
    app = subprocess.run(
        f"{sys.executable} -m jiebei_coach --lang en --db {tmp_path / 'db.json'} <&-",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert app.returncode == 2 and "Traceback" not in app.stderr


def test_a_fifo_as_the_data_file_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "db.json"
    os.mkfifo(fifo)
    done = _cli("--db", str(fifo), "--lang", "en", "list")
    assert done.returncode == 1 and "not an ordinary file" in done.stderr
