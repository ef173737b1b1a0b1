"""The store: sessions and settings in one TinyDB file, safe across crashes and processes.

Reads need no lock: the file is only ever replaced whole, so a reader sees one complete
version, and reads use the parsed tables directly. Every change is a transaction: take
the cross-process lock, read the current file (from the cache when nothing changed on
disk), change it through TinyDB, write it durably, release. Two processes ticking at once
therefore never lose each other's work. TinyDB's query layer and the lock library are
imported on the first change, which keeps them off the app's start-up path.

Repairs are decided and made under the lock, after reading the file again: a process
that waited while another repaired the file finds it whole and leaves it alone. A repair
never leaves a moment without a data file: the damaged file first gets a second name (a
hard link, or a private copy), then the backup's text replaces it atomically. A data file
that has gone missing while its backup is still there is restored, not started afresh.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from jiebei_coach.i18n import Lang, t
from jiebei_coach.safe_text import printable
from jiebei_coach.store import migrations
from jiebei_coach.store.checks import DocumentError, check_session_doc, describe
from jiebei_coach.store.codec import SCHEMA_VERSION, Summary, session_from_doc, session_to_doc
from jiebei_coach.store.errors import StoreError
from jiebei_coach.store.limits import MAX_SESSIONS
from jiebei_coach.store.reading import file_kind
from jiebei_coach.store.storage import (
    CachedAtomicStorage,
    CorruptFile,
    backup_path,
    copy_private,
    file_size,
    link_or_copy,
    os_error,
    parse,
    read_data_file,
    remove_leftover_temps,
    temp_prefix,
    write_atomic,
)

if TYPE_CHECKING:
    from filelock import FileLock
    from tinydb import TinyDB
    from tinydb.table import Document, Table

    from jiebei_coach.domain import CheckIn, Draw, Plan, Profile, Session

LOCK_TIMEOUT = 10.0
SESSIONS, SETTINGS, META = "sessions", "settings", "meta"
T = TypeVar("T")
#: The kinds of copies kept beside the data file (``<file>.<kind>…``).
_KEPT_KINDS = ("bak", "corrupt-", "damaged-", "schema")


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

    def message(self, lang: Lang | None = None) -> str:
        """What the user is told: where the damaged file went and what replaced it."""
        if self.sessions:
            names = ", ".join(printable(name) for name in self.sessions[:5])
            more = len(self.sessions) - 5
            names += f" (+{more})" if more > 0 else ""
            text = t("store.sessions_set_aside", lang, names=names, moved=self.moved_to)
        elif self.moved_to is None and self.restored_from is not None:
            text = t("store.restored_missing", lang, restored=self.restored_from)
        elif self.moved_to is None:
            text = t("store.missing_fresh", lang)
        elif self.restored_from is not None:
            text = t("store.recovered", lang, moved=self.moved_to, restored=self.restored_from)
        else:
            text = t("store.recovered_fresh", lang, moved=self.moved_to)
        if self.backup_kept is not None:
            text += " " + t("store.backup_kept", lang, kept=self.backup_kept)
        return text


class Repaired(StoreError):
    """The file was found damaged (or missing) during an operation, and repaired; the
    operation itself did not happen. The message is the repair's."""

    def __init__(self, recovery: Recovery) -> None:
        super().__init__("repaired")
        self.recovery = recovery

    def message(self, lang: Lang | None = None) -> str:
        """What was repaired, and that the change asked for was not made."""
        return self.recovery.message(lang)


@dataclass(frozen=True)
class Settings:
    """Per-user preferences kept in the data file."""

    language: str | None = None
    theme: str | None = None


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


def is_uuid(text: str) -> bool:
    """Whether ``text`` is a UUID written the way this program writes them."""
    try:
        return str(uuid.UUID(text)) == text
    except (ValueError, TypeError, AttributeError):
        return False


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


class Store:
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
        cls, path: Path, now: Callable[[], datetime] | None = None, *, check: bool = True
    ) -> Store:
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

    # ------------------------------------------------------------------ reads

    def summaries(self, today: date) -> list[Summary]:
        """Every session's list line, oldest first, without validating whole sessions.

        A document that cannot make a line (changed by another program since the file was
        checked) is left out rather than breaking the list.
        """
        found = []
        for doc in self._docs(SESSIONS):
            try:
                found.append(Summary(doc, today))
            except (KeyError, TypeError, ValueError, IndexError, AttributeError):
                continue
        return sorted(found, key=lambda s: (s.created, s.id))

    def session_ids(self) -> list[str]:
        """Every session id."""
        return [str(doc.get("id")) for doc in self._docs(SESSIONS)]

    def get(self, session_id: str) -> Session:
        """The session with ``session_id``."""
        for doc in self._docs(SESSIONS):
            if doc.get("id") == session_id:
                return self._load_doc(doc)
        raise StoreError("unknown_session", ref=session_id)

    def find(self, ref: str) -> Session:
        """A session by id, exact name, or unique id prefix."""
        return self.get(self.resolve(ref))

    def resolve(self, ref: str) -> str:
        """The id of the session ``ref`` names: an id, a name, or a unique id prefix.

        A UUID is matched first, then names, then any other id an older file may hold, so
        that an id like "rent" never stands for the session named "rent".
        """
        docs = [d for d in self._docs(SESSIONS) if isinstance(d.get("id"), str)]
        wanted = ref.strip()
        if is_uuid(wanted.lower()):
            for doc in docs:
                if doc["id"] == wanted.lower():
                    return str(doc["id"])
        named = [d for d in docs if wanted in (d.get("name"), printable(str(d.get("name"))))]
        if len(named) == 1:
            return str(named[0]["id"])
        for doc in docs:  # an id that is not a UUID (from an older file) only after names
            if doc["id"] == wanted:
                return str(doc["id"])
        prefixed = [d for d in docs if len(wanted) >= 4 and str(d["id"]).startswith(wanted.lower())]
        matches = named or prefixed
        if len(matches) == 1:
            return str(matches[0]["id"])
        if len(matches) > 1:
            listing = ", ".join(f"{d.get('name')} ({str(d['id'])[:8]})" for d in matches)
            raise StoreError("ambiguous_session", ref=ref, matches=listing)
        raise StoreError("unknown_session", ref=ref)

    def owns(self, path: Path) -> bool:
        """Whether ``path`` is one of this store's own files: the data file, its backup,
        lock, kept copies or temporary files (an export must never be written there)."""
        real = Path(os.path.realpath(path))
        if real.parent != Path(os.path.realpath(self.path.parent)):
            return False
        name, base = real.name, self.path.name
        return (
            name in (base, f"{base}.bak", f"{base}.lock")
            or name.startswith(temp_prefix(self.path))
            or any(name.startswith(f"{base}.{kind}") for kind in _KEPT_KINDS)
        )

    def settings(self) -> Settings:
        """The saved preferences (defaults when there are none).

        Read from the head of the file when it has one, so that a large file need not be
        parsed to know the language and theme.
        """
        with self._thread_lock:
            head = self._storage.read_head()
        docs = list(head.get(SETTINGS, {}).values()) if head is not None else self._docs(SETTINGS)
        if not docs:
            return Settings()
        doc = docs[0]
        return Settings(language=doc.get("language"), theme=doc.get("theme"))

    def _find_doc(self, db: TinyDB, session_id: str) -> Document:
        from tinydb import Query

        found = self._table(db, SESSIONS).search(Query().id == session_id)
        if not found:
            raise StoreError("unknown_session", ref=session_id)
        return found[0]

    def _load_doc(self, doc: dict[str, Any]) -> Session:
        name = doc.get("name")
        if isinstance(name, str):  # a name from an older file is shown, not refused
            doc = {**doc, "name": printable(name)}
        try:
            return session_from_doc(doc)
        except (DocumentError, KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            raise StoreError(
                "session_damaged", name=str(name)[:60], reason=describe(exc), path=self.path
            ) from None

    # ----------------------------------------------------------------- writes

    def _unique_name(self, db: TinyDB, name: str) -> str:
        taken = {d["name"] for d in self._table(db, SESSIONS).all()}
        cleaned = " ".join(name.split())
        candidate, n = cleaned, 1
        while candidate in taken:
            n += 1
            candidate = f"{cleaned} ({n})"
        return candidate

    def create(self, name: str, profile: Profile, plan: Plan) -> Session:
        """Save a new session; a name already in use gets " (2)", " (3)" … added."""
        from jiebei_coach.domain import Session

        now = self._now()
        with self._transaction() as db:
            self._check_room(db)
            session = Session(
                id=str(uuid.uuid4()),
                name=self._unique_name(db, name),
                created=now,
                updated=now,
                profile=profile,
                plan=plan,
            )
            self._table(db, SESSIONS).insert(session_to_doc(session))
            self._meta(db)
        return session

    def import_session(self, session: Session) -> Session:
        """Add a session from a backup, with a new id if its id is taken or is not a UUID
        (an id like "rent" could otherwise stand for the session named "rent")."""
        with self._transaction() as db:
            from tinydb import Query

            self._check_room(db)
            table = self._table(db, SESSIONS)
            new_id = session.id
            if not is_uuid(session.id) or table.contains(Query().id == session.id):
                new_id = str(uuid.uuid4())
            copy = session.model_copy(
                update={"id": new_id, "name": self._unique_name(db, session.name)}
            )
            table.insert(session_to_doc(copy))
            self._meta(db)
        return copy

    def _check_room(self, db: TinyDB) -> None:
        if len(self._table(db, SESSIONS)) >= MAX_SESSIONS:
            raise StoreError("too_many_sessions", limit=MAX_SESSIONS)

    def _change(self, session_id: str, change: Callable[[Session], Session]) -> Session:
        with self._transaction() as db:
            doc = self._find_doc(db, session_id)
            changed = change(self._load_doc(doc)).model_copy(update={"updated": self._now()})
            rev = doc.get("rev", 0) + 1
            self._table(db, SESSIONS).update(session_to_doc(changed, rev), doc_ids=[doc.doc_id])
        return changed

    def tick(self, session_id: str, key: str, done: bool, today: date) -> Session:
        """Mark a planned action done (or not); durable on disk when this returns."""

        def change(session: Session) -> Session:
            try:
                plan = session.plan.with_done(key, done, today)
            except KeyError:
                raise StoreError("unknown_key", key=key, name=session.name) from None
            return session.model_copy(update={"plan": plan})

        return self._change(session_id, change)

    def checkin(self, session_id: str, checkin: CheckIn) -> Session:
        """Record (or replace) one month's real Sesame score and limit."""
        return self._change(session_id, lambda s: s.with_checkin(checkin))

    def add_draw(self, session_id: str, draw: Draw) -> Session:
        """Log what a draw on the credit line paid for."""
        return self._change(session_id, lambda s: s.with_draw(draw))

    def rename(self, session_id: str, name: str) -> Session:
        """Give a session another name (made unique like a new one)."""
        with self._transaction() as db:
            unique = self._unique_name(db, name)
        return self._change(session_id, lambda s: s.model_copy(update={"name": unique}))

    def replace(self, session: Session) -> Session:
        """Save a changed session (a new profile or plan) over the stored one."""
        return self._change(session.id, lambda _old: session)

    def delete(self, session_id: str) -> None:
        """Remove a session."""
        with self._transaction() as db:
            doc = self._find_doc(db, session_id)
            self._table(db, SESSIONS).remove(doc_ids=[doc.doc_id])

    def save_settings(self, **changes: str | None) -> Settings:
        """Change preferences (``language``, ``theme``)."""
        with self._transaction() as db:
            table = self._table(db, SETTINGS)
            docs = table.all()
            current = dict(docs[0]) if docs else {}
            current.update(changes)
            current["schema_version"] = SCHEMA_VERSION
            if docs:
                table.update(current, doc_ids=[docs[0].doc_id])
            else:
                table.insert(current)
            self._meta(db)
        return self.settings()

    def _meta(self, db: TinyDB) -> None:
        from jiebei_coach import __version__

        table = self._table(db, META)
        if not table.all():
            table.insert(
                {"schema_version": SCHEMA_VERSION, "app": "jiebei-coach", "created_by": __version__}
            )
