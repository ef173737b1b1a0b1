"""The command line runs the same session operations as the app: the same name rule and
message, exports that make their folder, and a quiet end when its output is closed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jiebei_coach.cli import main
from jiebei_coach.i18n import t
from jiebei_coach.safe_text import NAME_MAX


def _run(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("长" * (NAME_MAX + 1), "name_too_long"),
        ("   ", "name_empty"),
        ("\t\n", "name_empty"),
        ("\u200b", "name_invisible"),
    ],
    ids=["too-long", "spaces", "whitespace", "zero-width"],
)
def test_a_long_or_blank_name_gets_the_one_line_message_the_app_gives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, code: str
) -> None:
    db = tmp_path / "db.json"
    exit_code, out, err = _run(db, capsys, "demo", "--name", name)
    assert exit_code == 2
    assert out == ""
    assert err == t(f"usecase.{code}", "en", limit=NAME_MAX) + "\n"
    assert "Traceback" not in err
    assert json.loads(_run(db, capsys, "list", "--json")[1]) == []


def test_a_name_of_exactly_the_limit_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.json"
    name = "长" * NAME_MAX
    assert _run(db, capsys, "demo", "--name", f"  {name}  ")[0] == 0
    [row] = json.loads(_run(db, capsys, "list", "--json")[1])
    assert row["name"] == name


def test_export_makes_the_folders_it_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.json"
    session_id = _run(db, capsys, "demo")[1].strip()
    target = tmp_path / "new" / "folder" / "plan.md"
    code, out, err = _run(db, capsys, "export", session_id, "-o", str(target))
    assert code == 0, err
    assert str(target) in out
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_a_closed_output_pipe_ends_quietly_with_the_usual_status(tmp_path: Path) -> None:
    """``jiebei-coach report | head -0``: no traceback, status 141 as shells report it."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # closed before the command writes a byte
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run(
        [sys.executable, "-m", "jiebei_coach", "--db", str(tmp_path / "db.json"), "report"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    os.close(write_end)
    assert proc.stderr == ""
    assert proc.returncode == 141
