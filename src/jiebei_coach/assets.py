"""Where the data files live.

The knowledge of the coach (factor model, action catalog, sources, locales, the demo
profile) is data in the top-level ``assets/`` folder. An installed wheel carries it inside
the package as ``jiebei_coach/assets``; a source checkout (editable install, tests) reads
the top-level folder directly.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


class AssetError(RuntimeError):
    """An asset file is missing or broken; the message names the file and the key."""


@cache
def assets_dir() -> Path:
    """Return the folder holding the data files.

    ``JIEBEI_COACH_ASSETS`` overrides it, which tests use to check broken files.
    """
    override = os.environ.get("JIEBEI_COACH_ASSETS")
    if override:
        return Path(override)
    for candidate in (_PACKAGE_DIR / "assets", _PACKAGE_DIR.parents[1] / "assets"):
        if (candidate / "factor_model.json").is_file():
            return candidate
    raise AssetError(f"data files not found next to {_PACKAGE_DIR}; reinstall jiebei-coach")


def asset_path(name: str) -> Path:
    """Path of one data file, e.g. ``"actions.json"`` or ``"locales/zh.json"``."""
    return assets_dir() / name


def read_json(name: str) -> Any:
    """Read one JSON data file, raising :class:`AssetError` with the file name on failure."""
    path = asset_path(name)
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise AssetError(f"{path}: file is missing") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise AssetError(f"{path}: not valid JSON ({exc})") from None
