"""Action titles read straight from ``assets/actions.json``, without building the catalog.

The home screen needs only titles; the full, validated catalog (pydantic) loads later.
"""

from __future__ import annotations

from functools import cache

from jiebei_coach.assets import read_json


@cache
def action_titles() -> dict[str, dict[str, str]]:
    """``{action_id: {"zh": title, "en": title}}``."""
    raw = read_json("actions.json")
    titles: dict[str, dict[str, str]] = {}
    if isinstance(raw, list):
        for entry in raw:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                title = entry.get("title")
                titles[entry["id"]] = dict(title) if isinstance(title, dict) else {}
    return titles
