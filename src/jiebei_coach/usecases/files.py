"""Moving sessions in and out of the data file: backups, exports, preferences."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jiebei_coach.store import Settings, StoreError
from jiebei_coach.store.files import write_atomic
from jiebei_coach.store.limits import MAX_BACKUP_BYTES
from jiebei_coach.store.reading import NotRegular, TooLarge, decode, read_limited
from jiebei_coach.store.repository import is_uuid
from jiebei_coach.usecases.errors import UseCaseError

if TYPE_CHECKING:
    from jiebei_coach.domain import Session
    from jiebei_coach.store import Store


@dataclass(frozen=True)
class Imported:
    """A session restored from a backup; ``new_id`` says why its id changed, if it did
    (``"taken"``: another session has it; ``"not_uuid"``: it was not a proper id)."""

    session: Session
    new_id: str | None


def import_file(store: Store, path: Path) -> Imported:
    """Add the session in the JSON backup at ``path``: read with a size cap, checked whole
    before anything is written. Problems name the file (``UseCaseError("backup_…")``)."""
    from jiebei_coach.store.backup import BackupError, from_json  # pydantic: when needed

    try:
        text = decode(read_limited(path, MAX_BACKUP_BYTES, regular_only=False))
    except TooLarge:
        raise UseCaseError("backup_too_large", path=path, limit=MAX_BACKUP_BYTES) from None
    except UnicodeDecodeError:
        raise UseCaseError("backup_not_backup", path=path) from None
    except NotRegular as exc:
        raise UseCaseError("backup_unreadable", path=path, reason=str(exc)) from None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise UseCaseError("backup_unreadable", path=path, reason=reason) from None
    try:
        session = from_json(text)
    except BackupError as exc:
        raise UseCaseError(f"backup_{exc.code}", path=path, **exc.params) from None
    taken = session.id in store.session_ids()
    saved = store.import_session(session)
    changed: str | None = None
    if saved.id != session.id:
        changed = "taken" if taken or is_uuid(session.id) else "not_uuid"
    return Imported(saved, changed)


def write_export(store: Store, path: Path, data: bytes) -> Path:
    """Write an export to ``path`` (folders made as needed), never over the store's files.

    The command line and the app both come here, so they behave the same.
    """
    target = Path(os.path.expanduser(path)).absolute()
    if store.owns(target):
        raise UseCaseError("export_refused", path=target)
    if target.is_dir():
        raise StoreError("not_a_file", path=target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise StoreError("write_failed", path=target, reason=reason) from None
    write_atomic(target, data, keep_backup=False)
    return target


def save_preferences(
    store: Store, *, language: str | None = None, theme: str | None = None
) -> Settings:
    """Remember the language and the theme in the data file."""
    changes = {k: v for k, v in (("language", language), ("theme", theme)) if v is not None}
    return store.save_settings(**changes)
