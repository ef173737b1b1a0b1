"""Where the data file lives, and what happens without a home directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from jiebei_coach.presentation.messages import store_message
from jiebei_coach.store import ENV_VAR, StoreError, default_db_path, resolve_db_path


def test_default_is_in_the_user_data_folder(isolated_home: Path) -> None:
    path = default_db_path()
    assert path.name == "jiebei-coach.json"
    assert str(path).startswith(str(isolated_home))
    assert "jiebei-coach" in path.parent.name


def test_command_line_beats_environment_beats_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.json"))
    assert resolve_db_path(str(tmp_path / "cli.json")) == tmp_path / "cli.json"
    assert resolve_db_path(None) == tmp_path / "env.json"
    monkeypatch.delenv(ENV_VAR)
    assert resolve_db_path(None) == default_db_path()


def test_tilde_and_relative_paths_become_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    assert resolve_db_path("~/x.json") == isolated_home / "x.json"
    monkeypatch.chdir(tmp_path)
    assert resolve_db_path("rel.json") == tmp_path / "rel.json"


@pytest.mark.parametrize("home", ["/nonexistent/nowhere", None])
def test_missing_home_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, home: str | None) -> None:
    if home is None:
        monkeypatch.delenv("HOME")
        monkeypatch.setattr("os.path.expanduser", lambda p: p)
    else:
        monkeypatch.setenv("HOME", home)
    with pytest.raises(StoreError) as caught:
        default_db_path()
    assert caught.value.code == "no_home"
    assert ENV_VAR in store_message(caught.value, "en")
