"""Where the data file lives: ``--db``, then ``JIEBEI_COACH_DB``, then the platform's
data folder (``platformdirs.user_data_path("jiebei-coach")``)."""

from __future__ import annotations

import os
from pathlib import Path

from jiebei_coach.store.errors import StoreError

APP_NAME = "jiebei-coach"
FILE_NAME = "jiebei-coach.json"
ENV_VAR = "JIEBEI_COACH_DB"


def _home_exists() -> bool:
    home = os.path.expanduser("~")
    return home != "~" and os.path.isabs(home) and os.path.isdir(home)


def default_db_path() -> Path:
    """The data file in the platform's per-user data folder.

    Raises ``StoreError("no_home")`` when there is no usable home directory, instead of
    quietly creating files in a strange place.
    """
    if not _home_exists():
        raise StoreError("no_home", env=ENV_VAR)
    from platformdirs import user_data_path

    return Path(user_data_path(APP_NAME, appauthor=False)) / FILE_NAME


def resolve_db_path(cli_value: str | None = None) -> Path:
    """The data file to use: the command-line value, the environment, or the default.

    An empty ``--db ""`` is refused (``StoreError("empty_path")``) rather than taken to
    mean the default file; an empty environment variable counts as unset, as usual.
    """
    if cli_value is not None:
        if not cli_value.strip():
            raise StoreError("empty_path")
        chosen: str | None = cli_value
    else:
        chosen = os.environ.get(ENV_VAR, "").strip() or None
    if chosen:
        return Path(os.path.expanduser(chosen)).absolute()
    return default_db_path()
