"""A session as a JSON backup, and back: the format ``export --format json`` writes and
``import`` reads. Everything read is checked before it is used."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from jiebei_coach.domain import Session
from jiebei_coach.store.checks import DocumentError, describe
from jiebei_coach.store.codec import SCHEMA_VERSION, session_from_doc, session_to_doc
from jiebei_coach.store.migrations import migrate
from jiebei_coach.store.reading import JsonError, load_json

BACKUP_FORMAT = "jiebei-coach-session"


def to_json(session: Session, exported: datetime) -> str:
    """A full backup of the session, readable by :func:`from_json`."""
    payload = {
        "format": BACKUP_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported": exported.isoformat(),
        "session": session_to_doc(session),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


class BackupError(Exception):
    """Why a backup cannot be imported: ``code`` keys the message, ``params`` fill it."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def from_json(text: str) -> Session:
    """Read a backup made by :func:`to_json` (older versions are migrated).

    Everything in it is checked before it is used (see ``store.checks``): shapes, numbers,
    lengths, the plan's ranges and the actions this version knows; names are cleaned of
    escape sequences, and refused with NUL, direction overrides or nothing visible. A
    byte-order mark at the start (as some editors save) is ignored.
    """
    try:
        payload = load_json(text.removeprefix("\ufeff"))
    except JsonError as exc:
        if exc.code == "syntax":
            raise BackupError("not_backup") from None
        raise BackupError("bad_json", json_code=exc.code, **exc.params) from None
    if not isinstance(payload, dict) or payload.get("format") != BACKUP_FORMAT:
        raise BackupError("not_backup")
    doc = payload.get("session")
    version = payload.get("schema_version")
    if not isinstance(doc, dict) or type(version) is not int:
        raise BackupError("not_backup")
    doc_version = doc.get("schema_version", 0)
    if type(doc_version) is not int:
        raise BackupError("invalid", reason="session.schema_version: expected a whole number")
    if version > SCHEMA_VERSION or doc_version > SCHEMA_VERSION:
        raise BackupError("newer", found=max(version, doc_version))
    try:
        upgraded = migrate({"sessions": {"1": doc}})["sessions"]["1"]
    except LookupError:
        reason = f"data version {doc_version} cannot be converted"
        raise BackupError("invalid", reason=reason) from None
    try:
        return session_from_doc(upgraded)
    except (ValidationError, DocumentError, KeyError, TypeError, ValueError) as exc:
        raise BackupError("invalid", reason=describe(exc)) from None
