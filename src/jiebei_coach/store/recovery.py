"""Repairs of the data file: deciding under the lock, never leaving a moment without a file.

Repairs are decided and made under the lock, after reading the file again: a process
that waited while another repaired the file finds it whole and leaves it alone. A repair
never leaves a moment without a data file: the damaged file first gets a second name (a
hard link, or a private copy), then the backup's text replaces it atomically. A data file
that has gone missing while its backup is still there is restored, not started afresh.
What a repair did is a :class:`Recovery`; ``presentation.messages`` says it in words.
"""

from __future__ import annotations

import abc
import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from jiebei_coach.store import migrations
from jiebei_coach.store.checks import DocumentError, check_session_doc
from jiebei_coach.store.codec import SCHEMA_VERSION
from jiebei_coach.store.errors import StoreError
from jiebei_coach.store.files import backup_path, copy_private, link_or_copy, os_error, write_atomic
from jiebei_coach.store.storage import CachedAtomicStorage, CorruptFile, parse, read_data_file

SESSIONS, SETTINGS, META = "sessions", "settings", "meta"
#: The kinds of copies kept beside the data file (``<file>.<kind>…``).
KEPT_KINDS = ("bak", "corrupt-", "damaged-", "schema")


def _damaged_doc(doc: Any) -> bool:
    """Whether a session document lacks what every list of sessions relies on."""
    try:
        check_session_doc(doc)
    except DocumentError:
        return True
    return False


@dataclass(frozen=True)
class Recovery:
    """What a repair did: where the damaged file (or the file as it was) is kept, what
    replaced it, and which damaged sessions were taken out of the file."""

    moved_to: Path | None
    restored_from: Path | None
    #: The names of sessions taken out of the file (the file as it was is ``moved_to``).
    sessions: tuple[str, ...] = ()
    #: Where a backup that could not be used was put, so that no later write replaces it.
    backup_kept: Path | None = None


class Repaired(StoreError):
    """The file was found damaged (or missing) during an operation, and repaired; the
    operation itself did not happen. The message is the repair's."""

    def __init__(self, recovery: Recovery) -> None:
        super().__init__("repaired")
        self.recovery = recovery


def _timestamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def _bad_versions(tables: dict[str, Any]) -> bool:
    """Whether a document's ``schema_version`` is not a number (the file is damaged)."""
    return any(v < 0 for v in migrations.versions(tables))


def _usable(backup: Path) -> str | None:
    """The backup's text, when it can stand in for a damaged or missing file: whole, and
    of a version this program reads."""
    try:
        text = read_data_file(backup)
        tables = parse(text)
    except (CorruptFile, StoreError):
        return None
    if any(v > SCHEMA_VERSION or v < 0 for v in migrations.versions(tables)):
        return None
    return text


class Repairs(abc.ABC):
    """The repairs a data file can need; the base of the file class, which provides the
    path, the storage, the clock and the locks."""

    path: Path
    recovered: Recovery | None
    _storage: CachedAtomicStorage
    _now: Callable[[], datetime]

    @abc.abstractmethod
    def _ensure_folder(self) -> None:
        """Make the data file's folder if it is missing."""

    @abc.abstractmethod
    def _locked(self) -> contextlib.AbstractContextManager[None]:
        """Hold the cross-process lock."""

    @abc.abstractmethod
    def _transaction(self) -> contextlib.AbstractContextManager[Any]:
        """One locked read-modify-write of the whole file."""

    def _keep_copy(self, kind: str, suffix: str = "") -> Path:
        """A private copy of the data file beside it, under a name not yet taken
        (``<file>.<kind>``, then ``<file>.<kind>-2``…); an existing file or link of that
        name is never written through."""
        n = 1
        while True:
            tag = kind if n == 1 else f"{kind}-{n}"
            keep = self.path.with_name(f"{self.path.name}.{tag}{suffix}")
            try:
                copy_private(self.path, keep)
            except FileExistsError:
                n += 1
                continue
            except OSError as exc:
                raise os_error(keep, exc, writing=True) from None
            return keep

    def _keep_aside(self, source: Path, kind: str) -> tuple[Path, bool]:
        """Give ``source`` a second, timestamped name (``<name>.<kind>-<time>``) without
        moving it, so that the file stays in place until it is replaced whole. Returns the
        name and whether it is new (a repair cut short may have kept it already)."""
        import glob

        for earlier in source.parent.glob(f"{glob.escape(source.name)}.{kind}-*"):
            with contextlib.suppress(OSError):
                if os.path.samefile(earlier, source):
                    return earlier, False
        stamp = _timestamp(self._now())
        n = 1
        while True:
            tag = stamp if n == 1 else f"{stamp}-{n}"
            aside = source.with_name(f"{source.name}.{kind}-{tag}")
            try:
                link_or_copy(source, aside)
            except FileExistsError:
                n += 1
                continue
            return aside, True

    def _recover(self, reason: str) -> Recovery | None:
        """Repair the file under the lock, after reading it again.

        A damaged file keeps a second name (``.corrupt-<time>``) and the backup's text
        replaces it atomically, or an empty database does when there is no usable backup;
        a missing file is restored from its backup. Returns ``None`` when the file turned
        out whole (another process repaired it meanwhile) or missing with no backup.
        """
        with self._repair_lock():
            self._storage.forget()
            try:
                tables = self._storage.read()
            except CorruptFile as exc:
                damaged, reason = True, str(exc)
            else:
                if tables is not None and not _bad_versions(tables):
                    return None  # whole: repaired by another process while this one waited
                damaged = tables is not None
            backup = backup_path(self.path)
            if not damaged and not backup.exists():
                return None
            try:
                recovery = self._repair(damaged, backup)
            except OSError as exc:
                raise StoreError(
                    "damaged_unrepairable",
                    path=self.path,
                    problem=reason,
                    reason=exc.strerror or exc.__class__.__name__,
                ) from None
            finally:
                self._storage.forget()
            self.recovered = recovery
            return recovery

    @contextlib.contextmanager
    def _repair_lock(self) -> Iterator[None]:
        """The lock, for a repair: a folder that cannot be written (not even the lock
        file) means the damaged file cannot be repaired, which is what the user is told."""
        with contextlib.ExitStack() as stack:
            try:
                self._ensure_folder()
                stack.enter_context(self._locked())
            except StoreError as error:
                if error.code not in ("folder_not_writable", "lock_failed"):
                    raise
                reason = str(error.params.get("reason") or error.params.get("folder", ""))
                raise StoreError("damaged_unrepairable", path=self.path, reason=reason) from None
            yield

    def _repair(self, damaged: bool, backup: Path) -> Recovery:
        moved, new = self._keep_aside(self.path, "corrupt") if damaged else (None, False)
        try:
            text = _usable(backup)
            if text is not None:
                write_atomic(self.path, text, keep_backup=False)
                return Recovery(moved_to=moved, restored_from=backup)
            kept = None
            if backup.exists():  # unusable (damaged, or from a newer version): keep it
                kept, _ = self._keep_aside(backup, "unused")
                backup.unlink()
            if damaged:
                write_atomic(self.path, "{}", keep_backup=False)
            return Recovery(moved_to=moved, restored_from=None, backup_kept=kept)
        except BaseException:
            if moved is not None and new:  # nothing repaired: leave nothing new behind
                with contextlib.suppress(OSError):
                    moved.unlink()
            raise

    def _set_aside_damaged(self) -> None:
        """Take sessions that would break every list out of the file; the file as it was
        is kept beside it (``.damaged-<time>``)."""
        tables = self._storage.read() or {}
        if not any(_damaged_doc(doc) for doc in tables.get(SESSIONS, {}).values()):
            return
        with self._transaction():
            tables = self._storage.read() or {}
            sessions = tables.get(SESSIONS, {})
            bad = {key: doc for key, doc in sessions.items() if _damaged_doc(doc)}
            if not bad:
                return
            try:
                kept, _ = self._keep_aside(self.path, "damaged")
            except OSError as exc:
                raise os_error(self.path, exc, writing=True) from None
            cleaned = {**tables, SESSIONS: {k: d for k, d in sessions.items() if k not in bad}}
            self._storage.write(cleaned)
            names = tuple(str(doc.get("name", "?"))[:60] for doc in bad.values())
            self.recovered = Recovery(moved_to=kept, restored_from=None, sessions=names)
