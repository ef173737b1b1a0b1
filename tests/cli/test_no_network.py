"""No code path opens a network connection.

Every test runs under the guard in ``tests/conftest.py`` (an internet socket fails the
test); this file walks every command under it on purpose, and checks that no module of
ours imports a networking library at all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import jiebei_coach
from jiebei_coach.cli import main

NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "xmlrpc",
    "websockets",
}


def test_every_command_runs_without_the_network(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(tmp_path / "db.json")]
    assert main([*db, "demo", "--name", "net"]) == 0
    steps = [
        ["locate"],
        ["list"],
        ["list", "--json"],
        ["show", "net"],
        ["show", "net", "--json"],
        ["tick", "net", "never-pay-for-limit"],
        ["tick", "net", "never-pay-for-limit", "--undo"],
        ["checkin", "net", "--sesame", "650", "--limit", "30000"],
        ["export", "net", "--format", "md"],
        ["export", "net", "--format", "ics"],
        ["export", "net", "--format", "json", "-o", str(tmp_path / "b.json")],
        ["import", str(tmp_path / "b.json")],
        ["delete", "net", "--yes"],
    ]
    for step in steps:
        assert main([*db, *step]) == 0, step
    assert main(["--lang", "zh", "report"]) == 0  # the demo report
    assert main([*db, "report", "net"]) == 1  # deleted above
    capsys.readouterr()


def test_no_module_imports_a_networking_library() -> None:
    root = Path(jiebei_coach.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in NETWORK_MODULES]
    assert offenders == []
