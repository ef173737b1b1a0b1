"""Schema versions and migrations of stored documents.

Every document carries ``schema_version``. On load, documents older than
``SCHEMA_VERSION`` are upgraded one version at a time by ``MIGRATIONS[n]`` (from n to
n + 1), after the untouched file is copied to ``<file>.schema<n>.bak``. A file with a
document newer than this program knows is refused and never written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jiebei_coach.store.codec import SCHEMA_VERSION

#: ``MIGRATIONS[n](table, document)`` returns the document upgraded from version n to n + 1.
Migration = Callable[[str, dict[str, Any]], dict[str, Any]]


def _v1_to_v2(table: str, document: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only added optional fields: a version 1 document is already valid."""
    return document


def _v2_to_v3(table: str, document: dict[str, Any]) -> dict[str, Any]:
    """Version 3 added the record of bills read into a session (none yet)."""
    return document


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3}


def versions(tables: dict[str, Any]) -> set[int]:
    """Every schema version found in the file (documents without one count as 0)."""
    found = set()
    for table in tables.values():
        for doc in table.values():
            version = doc.get("schema_version", 0)
            found.add(version if isinstance(version, int) else -1)
    return found


def migrate(tables: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``tables`` with every document at ``SCHEMA_VERSION``."""
    upgraded: dict[str, Any] = {}
    for name, table in tables.items():
        upgraded[name] = {}
        for doc_id, doc in table.items():
            version = doc.get("schema_version", 0)
            while version < SCHEMA_VERSION:
                step = MIGRATIONS.get(version)
                if step is None:
                    raise LookupError(f"no migration from schema {version}")
                doc = step(name, dict(doc))
                version += 1
                doc["schema_version"] = version
            upgraded[name][doc_id] = doc
    return upgraded
