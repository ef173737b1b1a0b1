"""Fixtures that keep the developer's machine out of the tests.

Every test gets its own HOME, data folder and English-neutral locale, and no test may open
a network connection: the guard below turns any attempt into a failure.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from jiebei_coach import i18n

# HYPOTHESIS_PROFILE=thorough runs many more examples (before a release, or after a change
# to the model or the planner); the default keeps the suite quick.
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.register_profile("default", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

_NET_FAMILIES = {socket.AF_INET, socket.AF_INET6}


class NetworkUsed(AssertionError):
    """Raised when code under test tries to reach the network."""


def _refuse(*_args: Any, **_kwargs: Any) -> Any:
    raise NetworkUsed("jiebei-coach must never open a network connection")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail on any internet socket use (Unix socket pairs, used by event loops, are fine)."""
    original_socket = socket.socket

    class GuardedSocket(original_socket):
        def __init__(
            self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None
        ) -> None:
            if fileno is None and family in _NET_FAMILIES:
                _refuse()
            super().__init__(family, type, proto, fileno)

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "create_server"):
        monkeypatch.setattr(socket, name, _refuse)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh HOME and XDG folders per test; the real user's files are never touched."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    for var in ("JIEBEI_COACH_DB", "JIEBEI_COACH_ASSETS", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    language = i18n.get_language()
    yield home
    i18n.set_language(language)
