"""The data file as a whole: opening and checking it, locking it, reading it.

Reads need no lock: the file is only ever replaced whole, so a reader sees one complete
version, and reads use the parsed tables directly. Every change is a transaction: take
the cross-process lock, read the current file (from the cache when nothing changed on
disk), change it through TinyDB, write it durably, release. Two processes changing it at
once therefore never lose each other's work. TinyDB's query layer and the lock library
are imported on the first change, which keeps them off the app's start-up path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from jiebei_coach.store import migrations
from jiebei_coach.store.codec import SCHEMA_VERSION
from jiebei_coach.store.errors import StoreError
from jiebei_coach.store.files import backup_path, file_size, os_error, remove_leftover_temps
from jiebei_coach.store.reading import file_kind
from jiebei_coach.store.recovery import Recovery, Repaired, Repairs
from jiebei_coach.store.storage import CachedAtomicStorage, CorruptFile

if TYPE_CHECKING:
    from filelock import FileLock
    from tinydb import TinyDB
    from tinydb.table import Table

LOCK_TIMEOUT = 10.0
T = TypeVar("T", bound="DataFile")


def data_path(path: Path) -> Path:
    """The file to use for ``path``: the file a symbolic link points to, so that changes
    reach it (rather than a new file replacing the link). Refuses a folder, a device, a
    FIFO or a socket, and a link to nothing."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise os_error(path, exc) from None
    if stat.S_ISLNK(info.st_mode):
        target = Path(os.path.realpath(path))
        try:
            info = os.stat(target)
        except FileNotFoundError:
            raise StoreError("dangling_link", path=path, target=target) from None
        except OSError as exc:
            raise os_error(path, exc) from None
        path = target
    if stat.S_ISDIR(info.st_mode):
        raise StoreError("not_a_file", path=path)
    if not stat.S_ISREG(info.st_mode):
        raise StoreError("not_regular", path=path, kind=file_kind(info.st_mode))
    return path


class DataFile(Repairs):
    """The data file. Create with :meth:`open`; it is safe to use from several processes."""

    def __init__(self, path: Path, now: Callable[[], datetime]) -> None:
        self.path = path
        self._now = now
        self._storage = CachedAtomicStorage(path)
        self._lock_file: FileLock | None = None
        self.lock_timeout = LOCK_TIMEOUT
        self._thread_lock = threading.RLock()
        self._cleaned = False
        self.recovered: Recovery | None = None
        #: False until the whole file has been checked (see ``open(check=False)``).
        self.checked = True

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls: type[T], path: Path, now: Callable[[], datetime] | None = None, *, check: bool = True
    ) -> T:
        """Open (not yet create) the data file at ``path``, checking and repairing it.

        A damaged file is kept aside and the last good version restored, a missing one is
        restored from its backup, and sessions the list could not show are taken out (see
        ``recovered``); a file from a newer version raises ``StoreError("newer_version")``.
        A symbolic link is followed (``path`` becomes the file it points to); a folder, a
        device, a FIFO, a link to nothing and a path the system refuses raise
        ``StoreError`` before anything is read.

        With ``check=False`` only the head of the file is read now (the preferences, and
        their schema versions); the caller must call :meth:`check` before relying on the
        rest. The app does this for a large file so that its window appears at once.
        """
        store = cls(data_path(path), now or (lambda: datetime.now().astimezone()))
        head = None if check else store._storage.read_head()
        if head is None or migrations.versions(head) - {SCHEMA_VERSION}:
            store._check()  # no usable head, or its versions need a closer look
        else:
            store.checked = False
        return store

    def check(self) -> None:
        """Check (and if need be repair or migrate) the whole file, once."""
        if not self.checked:
            self._check()

    def _check(self) -> None:
        self.checked = True
        try:
            tables = self._storage.read()
        except CorruptFile as exc:
            self._recover(str(exc))
            tables = self._read()
        else:
            if tables is None and backup_path(self.path).exists():
                self._recover("missing")
                tables = self._read()
        if tables:
            self._check_versions(tables)
        if self.recovered is None:
            self._set_aside_damaged()

    def _check_versions(self, tables: dict[str, Any]) -> None:
        found = migrations.versions(tables)
        if any(v > SCHEMA_VERSION for v in found):
            raise StoreError(
                "newer_version", path=self.path, found=max(found), known=SCHEMA_VERSION
            )
        if any(v < 0 for v in found):
            self._recover("a schema_version is not a number")
        elif any(v < SCHEMA_VERSION for v in found):
            self._migrate(min(found))

    def _migrate(self, oldest: int) -> None:
        if any(v not in migrations.MIGRATIONS for v in range(oldest, SCHEMA_VERSION)):
            # Said before anything is written: the file and its folder stay as they are.
            raise StoreError("unreadable_version", path=self.path, found=oldest)
        with self._transaction():
            tables = self._storage.read() or {}
            if min(migrations.versions(tables), default=SCHEMA_VERSION) >= SCHEMA_VERSION:
                return  # another process migrated it meanwhile
            upgraded = migrations.migrate(tables)
            keep = self._keep_copy(f"schema{oldest}", suffix=".bak")
            try:
                self._storage.write(upgraded)
            except BaseException:
                with contextlib.suppress(OSError):
                    keep.unlink()
                raise

    # ------------------------------------------------------------ transactions

    def _ensure_folder(self) -> None:
        """Create the data file's folder, and any missing above it, readable only by the
        user (0700) whatever the umask."""
        folder = self.path.parent
        if folder.is_dir():
            return
        missing = []
        while not os.path.lexists(folder) and folder != folder.parent:
            missing.append(folder)
            folder = folder.parent
        for new in reversed(missing):
            try:
                new.mkdir(mode=0o700)
                os.chmod(new, 0o700)
            except FileExistsError:
                continue  # made by another process meanwhile
            except OSError as exc:
                raise os_error(self.path, exc, writing=True) from None
        if not self.path.parent.is_dir():
            raise os_error(self.path, OSError(errno.ENOTDIR, "Not a directory"), writing=True)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        with self._thread_lock:
            lock_path = Path(str(self.path) + ".lock")
            if self._lock_file is None:
                self._lock_file = FileLock(str(lock_path), mode=0o600)
            try:
                self._lock_file.acquire(timeout=self.lock_timeout)
            except Timeout:
                raise StoreError("locked", path=self.path) from None
            except OSError as exc:
                if not os.path.lexists(lock_path):  # the folder refused a new file
                    raise os_error(lock_path, exc, writing=True) from None
                reason = exc.strerror or exc.__class__.__name__
                if os.path.islink(lock_path):
                    reason = "a symbolic link"
                elif os.path.isdir(lock_path):
                    reason = "a folder"
                raise StoreError("lock_failed", lock=lock_path, reason=reason) from None
            try:
                yield
            finally:
                self._lock_file.release()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[TinyDB]:
        """Lock, give a fresh TinyDB view of the current file, release."""
        self._ensure_folder()
        with self._locked():
            if not self._cleaned:
                remove_leftover_temps(self.path)
                self._cleaned = True
            tables = self._read()
            if tables:
                found = migrations.versions(tables)
                if any(v > SCHEMA_VERSION for v in found):
                    raise StoreError(
                        "newer_version", path=self.path, found=max(found), known=SCHEMA_VERSION
                    )
            from tinydb import TinyDB

            yield TinyDB(storage=lambda: self._storage)

    def _read(self) -> dict[str, Any] | None:
        """The file's tables. A file damaged (or gone, its backup still there) since it was
        opened is repaired now, and ``Repaired`` raised: what was asked did not happen."""
        try:
            tables = self._storage.read()
        except CorruptFile as exc:
            recovery = self._recover(str(exc))
        else:
            if tables is not None or not backup_path(self.path).exists():
                return tables
            recovery = self._recover("missing")
        if recovery is not None:
            raise Repaired(recovery)
        return self._storage.read()

    def _docs(self, table: str) -> list[dict[str, Any]]:
        """A consistent snapshot of a table's documents (no file lock needed).

        The in-process lock keeps a worker thread's write from landing halfway through
        the copy; the copies are shallow because a change replaces a document's nested
        values rather than editing them.
        """
        with self._thread_lock:
            tables = self._read() or {}
            return [dict(doc) for doc in tables.get(table, {}).values()]

    @staticmethod
    def _table(db: TinyDB, name: str) -> Table:
        return db.table(name, cache_size=0)

    def size(self) -> int:
        """The data file's size in bytes (0 when it does not exist yet)."""
        return file_size(self.path)

    def changed_on_disk(self) -> bool:
        """Whether another process changed the file since this store last saw it."""
        return self._storage.changed_on_disk()
