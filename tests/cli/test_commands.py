"""Every subcommand as a user types it: output, files, exit codes and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jiebei_coach.cli import main
from jiebei_coach.domain import demo_profile
from tests.cli.conftest import Run


def _demo(run: Run, name: str | None = None) -> str:
    code, out, err = run("demo", *(["--name", name] if name else []))
    assert code == 0, err
    return out.strip()


def test_locate_prints_the_path(run: Run) -> None:
    assert run("locate") == (0, f"{run.db}\n", "")


def test_locate_uses_environment_and_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    monkeypatch.setenv("JIEBEI_COACH_DB", "/tmp/somewhere/x.json")
    assert main(["locate"]) == 0
    assert capsys.readouterr().out.strip() == "/tmp/somewhere/x.json"
    monkeypatch.delenv("JIEBEI_COACH_DB")
    assert main(["locate"]) == 0
    assert capsys.readouterr().out.strip().startswith(str(isolated_home))


def test_demo_then_list(run: Run) -> None:
    session_id = _demo(run)
    code, out, _ = run("list", "--json")
    assert code == 0
    [row] = json.loads(out)
    assert row["id"] == session_id
    assert row["name"] == "Demo: Xiao Lin"
    assert {"id", "name", "key", "action_id", "title", "done", "total"} <= set(row)
    assert row["done"] == 0 and row["key"] == "never-pay-for-limit"
    code, out, _ = run("list", lang="zh")
    assert "名称" in out and session_id[:8] in out and "0/" in out


def test_empty_list_says_what_to_do(run: Run) -> None:
    assert run("list")[1] == "No sessions yet. Try: jiebei-coach demo\n"
    assert json.loads(run("list", "--json")[1]) == []


def test_show_month_and_json(run: Run) -> None:
    session_id = _demo(run, "小林")
    code, out, _ = run("show", "小林", "--json")
    data = json.loads(out)
    assert data["id"] == session_id and len(data["months"]) == 12
    first = data["months"][0]["actions"][0]
    assert set(first) >= {"key", "action_id", "title", "done"}
    code, out, _ = run("show", session_id[:6], "--month", data["months"][1]["month"], lang="zh")
    assert code == 0
    assert data["months"][1]["month"] in out and data["months"][0]["month"] not in out
    assert run("show", "小林", "--month", "1999-01")[0] == 1
    code, _, err = run("show", "小林", "--month", "soon")
    assert code == 2 and "YYYY-MM" in err


def test_tick_and_undo_are_durable_and_reported(run: Run) -> None:
    session_id = _demo(run)
    code, out, _ = run("tick", session_id, "never-pay-for-limit", lang="zh")
    assert code == 0 and out.startswith("✓ 已完成") and "1/" in out
    data = json.loads(run("show", session_id, "--json")[1])
    assert data["months"][0]["actions"][0]["done"] is True
    code, out, _ = run("tick", session_id, "never-pay-for-limit")
    assert code == 0 and "already done" in out
    code, out, _ = run("tick", session_id, "never-pay-for-limit", "--undo")
    assert code == 0 and out.startswith("○ Not done")
    code, _, err = run("tick", session_id, "bogus-key")
    assert code == 1 and "bogus-key" in err
    code, _, err = run("tick", "nobody", "never-pay-for-limit")
    assert code == 1 and "No session called 'nobody'" in err


def test_checkin_records_and_validates(run: Run) -> None:
    session_id = _demo(run)
    code, out, _ = run(
        "checkin", session_id, "--sesame", "655", "--limit", "32000", "--month", "2026-10"
    )
    assert code == 0 and "2026-10" in out and "¥32,000" in out
    data = json.loads(run("show", session_id, "--json")[1])
    assert data["checkins"][0]["sesame"] == 655 and data["checkins"][0]["limit"] == 32000
    code, _, err = run("checkin", session_id, "--sesame", "1200", lang="zh")
    assert code == 1 and err.strip() == "芝麻分在 350 到 950 之间"
    code, _, err = run("checkin", session_id)
    assert code == 2 and "--sesame" in err
    code, _, err = run("checkin", session_id, "--sesame", "lots")
    assert code == 2


def test_new_from_profile_file(run: Run, tmp_path: Path) -> None:
    good = tmp_path / "profile.json"
    good.write_text(json.dumps({"lender_count": 2, "on_time_rate": 0.99}), encoding="utf-8")
    code, _out, err = run("new", "--profile", str(good), "--name", "我的")
    assert code == 0 and "我的" in err
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"lender_count": -1, "jiebei_limit": 1000, "jiebei_balance": 5000, "wat": 1}),
        encoding="utf-8",
    )
    code, _, err = run("new", "--profile", str(bad), "--name", "x", lang="zh")
    assert code == 1
    lines = err.strip().splitlines()
    assert lines[0] == "档案里有 3 处需要修改:"
    assert any(line.startswith("  jiebei_balance: 余额不能超过额度") for line in lines)
    assert any(line.startswith("  lender_count:") for line in lines)
    assert any(line.startswith("  wat:") for line in lines)
    code, _, err = run("new", "--profile", str(tmp_path / "missing.json"), "--name", "x")
    assert code == 1 and "Cannot read the profile file" in err
    (tmp_path / "junk.json").write_text("{oops", encoding="utf-8")
    assert run("new", "--profile", str(tmp_path / "junk.json"), "--name", "x")[0] == 1


def test_exports(run: Run, tmp_path: Path) -> None:
    session_id = _demo(run, "小林")
    run("tick", session_id, "never-pay-for-limit")
    code, out, _ = run("export", "小林", "--format", "md", lang="zh")
    assert code == 0
    assert out.startswith("# 小林 · jiebei-coach 行动计划")
    assert "- [x] **记住:没有人能收费帮你提额**" in out
    assert "- [ ] **" in out
    target = tmp_path / "plan.ics"
    code, out, _ = run("export", "小林", "--format", "ics", "-o", str(target))
    assert code == 0 and str(target) in out
    ics = target.read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and ics.count("BEGIN:VEVENT") == 12
    assert "DTSTART;VALUE=DATE:" in ics


def test_an_export_to_a_folder_goes_into_it_under_its_usual_name(run: Run, tmp_path: Path) -> None:
    _demo(run, "小林: 计划")
    code, out, err = run("export", "小林: 计划", "-o", str(tmp_path))
    written = tmp_path / "jiebei-coach-小林-计划.md"
    assert (code, err) == (0, "") and str(written) in out
    assert written.read_text(encoding="utf-8").startswith("# 小林: 计划")


def test_export_import_round_trip(run: Run, tmp_path: Path) -> None:
    session_id = _demo(run, "小林")
    run("tick", session_id, "never-pay-for-limit")
    run("checkin", session_id, "--sesame", "640")
    backup = tmp_path / "backup.json"
    assert run("export", session_id, "--format", "json", "-o", str(backup))[0] == 0
    original = json.loads(run("show", session_id, "--json")[1])
    code, out, err = run("import", str(backup))
    assert code == 0 and "new one" in err
    copy_id = out.strip()
    copy = json.loads(run("show", copy_id, "--json")[1])
    assert copy["months"] == original["months"] and copy["checkins"] == original["checkins"]
    assert copy["name"] == "小林 (2)"
    assert run("delete", session_id, "--yes")[0] == 0
    code, out, err = run("import", str(backup))
    assert code == 0 and out.strip() == session_id and "new one" not in err


def test_import_bad_files(run: Run, tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"hello": 1}', encoding="utf-8")
    code, _, err = run("import", str(tmp_path / "x.json"))
    assert code == 1 and "is not a JSON backup" in err
    assert run("import", str(tmp_path / "none.json"))[0] == 1
    newer = {"format": "jiebei-coach-session", "schema_version": 99, "session": {}}
    (tmp_path / "n.json").write_text(json.dumps(newer), encoding="utf-8")
    code, _, err = run("import", str(tmp_path / "n.json"))
    assert code == 1 and "newer" in err
    broken = {"format": "jiebei-coach-session", "schema_version": 1, "session": {"id": "x"}}
    (tmp_path / "b.json").write_text(json.dumps(broken), encoding="utf-8")
    code, _, err = run("import", str(tmp_path / "b.json"))
    assert code == 1 and "not valid" in err


def test_delete_needs_yes(run: Run) -> None:
    session_id = _demo(run)
    code, _, err = run("delete", session_id)
    assert code == 2 and "--yes" in err
    assert run("delete", session_id, "--yes")[:2] == (0, "Deleted session 'Demo: Xiao Lin'\n")
    assert run("delete", session_id, "--yes")[0] == 1


def test_saved_language_is_used_when_none_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jiebei_coach.store import Store

    db = tmp_path / "db.json"
    Store.open(db).save_settings(language="zh")
    assert main(["--db", str(db), "list"]) == 0
    assert "还没有计划" in capsys.readouterr().out


def test_options_after_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.json"
    assert main(["list", "--db", str(db), "--lang", "zh"]) == 0
    assert "还没有计划" in capsys.readouterr().out


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jiebei_coach", *args], capture_output=True, text=True, env=env
    )


def test_a_repaired_file_is_said_and_the_command_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    env = {**os.environ, "JIEBEI_COACH_DB": str(db), "LANG": "en_US.UTF-8"}
    assert _cli("demo", env=env).returncode == 0
    assert _cli("demo", env=env).returncode == 0
    db.write_text("{garbage", encoding="utf-8")
    done = _cli("list", env=env)
    assert "Traceback" not in done.stderr
    assert ".corrupt-" in done.stderr and "db.json.bak" in done.stderr
    # No need to run it again: the list of the restored file follows the notice.
    assert done.returncode == 0 and "Demo: Xiao Lin" in done.stdout
    again = _cli("list", env=env)
    assert again.returncode == 0 and again.stderr == ""


def test_missing_home_gives_one_clear_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"HOME", "JIEBEI_COACH_DB"}}
    env.update(HOME=str(tmp_path / "gone"), LANG="zh_CN.UTF-8")
    env.pop("XDG_DATA_HOME", None)
    done = _cli("list", env=env)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "JIEBEI_COACH_DB" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_newer_file_is_refused_and_kept(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    db.write_text(json.dumps({"sessions": {"1": {"schema_version": 7}}}), encoding="utf-8")
    before = db.read_bytes()
    env = {**os.environ, "JIEBEI_COACH_DB": str(db), "LANG": "en_US.UTF-8"}
    done = _cli("demo", env=env)
    assert done.returncode == 1 and "newer jiebei-coach" in done.stderr
    assert db.read_bytes() == before


def test_demo_profile_is_unchanged_by_commands(run: Run) -> None:
    _demo(run)
    assert demo_profile().lender_count == 4
