"""The command as people run it: the demo report, the version, languages and broken data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jiebei_coach import __version__
from jiebei_coach.assets import assets_dir
from jiebei_coach.cli import main


def test_no_arguments_prints_the_demo_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh", "report"]) == 0
    out = capsys.readouterr().out
    assert "估算潜力指数" in out
    assert "最值得先动的三项" in out
    assert "12 个月计划" in out
    assert "[ ] 记住:没有人能收费帮你提额" in out
    assert "95188" in out


def test_english_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang=en", "report"]) == 0
    out = capsys.readouterr().out
    assert "Estimated potential index" in out
    assert "not Ant's model" in out
    assert "估算" not in out


def test_language_comes_from_the_locale(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["report"]) == 0
    assert "估算潜力指数" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"jiebei-coach {__version__}"


def test_wrong_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fr"]) == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "args", "said"),
    [
        (
            "en",
            ["tick"],
            "jiebei-coach tick: error: the following arguments are required: SESSION, KEY",
        ),
        ("zh", ["tick"], "jiebei-coach tick: 错误: 缺少参数:SESSION, KEY"),
        (
            "zh",
            ["new", "--name", "x"],
            "jiebei-coach new: 错误: 需要下面其中一个参数:--profile --from-bill",
        ),
        (
            "zh",
            ["new", "--name", "x", "--profile", "a", "--from-bill", "b"],
            "jiebei-coach new: 错误: 参数 --from-bill:不能和参数 --profile 一起用",
        ),
    ],
)
def test_a_usage_error_is_one_line_that_says_where_help_is(
    capsys: pytest.CaptureFixture[str], lang: str, args: list[str], said: str
) -> None:
    assert main(["--lang", lang, *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(said)
    assert f"jiebei-coach {args[0]} --help" in err


def _run_with_assets(folder: Path, lang: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JIEBEI_COACH_ASSETS": str(folder), "LANG": lang}
    return subprocess.run(
        [sys.executable, "-m", "jiebei_coach", "report"], capture_output=True, text=True, env=env
    )


def test_broken_data_gives_one_line_and_exit_1(tmp_path: Path) -> None:
    shutil.copytree(assets_dir(), tmp_path / "assets")
    (tmp_path / "assets" / "factor_model.json").write_text("{", encoding="utf-8")
    done = _run_with_assets(tmp_path / "assets", "zh_CN.UTF-8")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("数据文件有问题")
    assert "factor_model.json" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_missing_data_folder_still_explains_itself(tmp_path: Path) -> None:
    (tmp_path / "factor_model.json").write_text("{}", encoding="utf-8")
    done = _run_with_assets(tmp_path, "en_US.UTF-8")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("A data file is broken")


def test_module_entry_point_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "jiebei_coach", "--lang", "en", "report"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "Estimated potential index" in done.stdout


def test_no_command_without_a_terminal_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "needs a terminal" in err and "--help" in err
