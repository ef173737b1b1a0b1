"""The store: sessions and settings in one TinyDB file, safe across crashes and processes.

Reads need no lock: the file is only ever replaced whole, so a reader sees one complete
version, and reads use the parsed tables directly. Every change is a transaction: take
the cross-process lock, read the current file (from the cache when nothing changed on
disk), change it through TinyDB, write it durably, release. Two processes ticking at once
therefore never lose each other's work. TinyDB's query layer and the lock library are
imported on the first change, which keeps them off the app's start-up path.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from jiebei_coach.i18n import Lang, t
from jiebei_coach.store import migrations
from jiebei_coach.store.codec import SCHEMA_VERSION, Summary, session_from_doc, session_to_doc
from jiebei_coach.store.errors import StoreError
from jiebei_coach.store.storage import (
    CachedAtomicStorage,
    CorruptFile,
    backup_path,
    file_size,
    parse,
    remove_leftover_temps,
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


@dataclass(frozen=True)
class Recovery:
    """What happened when the file was found damaged: where it went, what replaced it."""

    moved_to: Path
    restored_from: Path | None

    def message(self, lang: Lang | None = None) -> str:
        """What the user is told: where the damaged file went and what replaced it."""
        if self.restored_from is not None:
            return t("store.recovered", lang, moved=self.moved_to, restored=self.restored_from)
        return t("store.recovered_fresh", lang, moved=self.moved_to)


@dataclass(frozen=True)
class Settings:
    """Per-user preferences kept in the data file."""

    language: str | None = None
    theme: str | None = None


def _timestamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


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

        A damaged file is moved aside and the last good version restored (see
        ``recovered``); a file from a newer version raises ``StoreError("newer_version")``.

        With ``check=False`` only the head of the file is read now (the preferences, and
        their schema versions); the caller must call :meth:`check` before relying on the
        rest. The app does this for a large file so that its window appears at once.
        """
        store = cls(path, now or (lambda: datetime.now().astimezone()))
        if path.is_dir():
            raise StoreError("not_a_file", path=path)
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
            return
        if tables:
            self._check_versions(tables)

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
        with self._transaction():
            tables = self._storage.read() or {}
            if min(migrations.versions(tables), default=SCHEMA_VERSION) >= SCHEMA_VERSION:
                return  # another process migrated it meanwhile
            keep = self.path.with_name(f"{self.path.name}.schema{oldest}.bak")
            shutil.copyfile(self.path, keep)
            os.chmod(keep, 0o600)
            try:
                upgraded = migrations.migrate(tables)
            except LookupError:
                raise StoreError("unreadable_version", path=self.path, found=oldest) from None
            self._storage.write(upgraded)

    def _recover(self, reason: str) -> None:
        """Move a damaged file aside and put the last good version (if any) in its place."""
        self._ensure_folder()
        with self._locked():
            moved = self.path.with_name(f"{self.path.name}.corrupt-{_timestamp(self._now())}")
            n = 1
            while moved.exists():
                n += 1
                moved = moved.with_name(f"{self.path.name}.corrupt-{_timestamp(self._now())}-{n}")
            os.replace(self.path, moved)
            restored: Path | None = None
            backup = backup_path(self.path)
            with contextlib.suppress(OSError, CorruptFile, UnicodeDecodeError):
                text = backup.read_text(encoding="utf-8")
                tables = parse(text)
                if not any(v > SCHEMA_VERSION or v < 0 for v in migrations.versions(tables)):
                    write_atomic(self.path, text, keep_backup=False)
                    restored = backup
            self._storage.forget()
            self.recovered = Recovery(moved_to=moved, restored_from=restored)

    # ------------------------------------------------------------ transactions

    def _ensure_folder(self) -> None:
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            raise StoreError("folder_not_writable", folder=folder) from None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        with self._thread_lock:
            if self._lock_file is None:
                self._lock_file = FileLock(str(self.path) + ".lock", mode=0o600)
            try:
                self._lock_file.acquire(timeout=self.lock_timeout)
            except Timeout:
                raise StoreError("locked", path=self.path) from None
            except OSError:
                raise StoreError("folder_not_writable", folder=self.path.parent) from None
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
        try:
            return self._storage.read()
        except CorruptFile:
            raise StoreError("corrupt_now", path=self.path) from None

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
        """Every session's list line, oldest first, without validating whole sessions."""
        docs = self._docs(SESSIONS)
        return sorted((Summary(doc, today) for doc in docs), key=lambda s: (s.created, s.id))

    def session_ids(self) -> list[str]:
        """Every session id."""
        return [doc["id"] for doc in self._docs(SESSIONS)]

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
        """The id of the session ``ref`` names: an id, a name, or a unique id prefix."""
        docs = self._docs(SESSIONS)
        wanted = ref.strip()
        for doc in docs:
            if doc["id"] == wanted:
                return str(doc["id"])
        named = [d for d in docs if d["name"] == wanted]
        if len(named) == 1:
            return str(named[0]["id"])
        prefixed = [d for d in docs if len(wanted) >= 4 and str(d["id"]).startswith(wanted.lower())]
        matches = named or prefixed
        if len(matches) == 1:
            return str(matches[0]["id"])
        if len(matches) > 1:
            listing = ", ".join(f"{d['name']} ({str(d['id'])[:8]})" for d in matches)
            raise StoreError("ambiguous_session", ref=ref, matches=listing)
        raise StoreError("unknown_session", ref=ref)

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
        from pydantic import ValidationError

        try:
            return session_from_doc(doc)
        except (KeyError, TypeError, ValueError, ValidationError):
            raise StoreError("session_damaged", name=doc.get("name", "?"), path=self.path) from None

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
        """Add a session from a backup, with a new id if its id is taken."""
        with self._transaction() as db:
            from tinydb import Query

            table = self._table(db, SESSIONS)
            new_id = session.id
            if table.contains(Query().id == session.id):
                new_id = str(uuid.uuid4())
            copy = session.model_copy(
                update={"id": new_id, "name": self._unique_name(db, session.name)}
            )
            table.insert(session_to_doc(copy))
            self._meta(db)
        return copy

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
