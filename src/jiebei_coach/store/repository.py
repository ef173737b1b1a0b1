"""The store: sessions and settings in the data file, each change one locked transaction.

``update`` is the one primitive for changing a session: it reads the session under the
lock, applies the caller's change to that fresh copy and writes it back before the lock
is released, so nothing computed from a stale copy is ever written. The use cases build
every operation on it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jiebei_coach.safe_text import printable
from jiebei_coach.store.checks import DocumentError, describe
from jiebei_coach.store.codec import SCHEMA_VERSION, Summary, session_from_doc, session_to_doc
from jiebei_coach.store.errors import StoreError
from jiebei_coach.store.file import DataFile
from jiebei_coach.store.files import temp_prefix
from jiebei_coach.store.limits import MAX_SESSIONS
from jiebei_coach.store.recovery import KEPT_KINDS, META, SESSIONS, SETTINGS

if TYPE_CHECKING:
    from tinydb import TinyDB
    from tinydb.table import Document

    from jiebei_coach.domain import Plan, Profile, Session
    from jiebei_coach.domain.session import BillRecord


@dataclass(frozen=True)
class Settings:
    """Per-user preferences kept in the data file."""

    language: str | None = None
    theme: str | None = None


def is_uuid(text: str) -> bool:
    """Whether ``text`` is a UUID written the way this program writes them."""
    try:
        return str(uuid.UUID(text)) == text
    except (ValueError, TypeError, AttributeError):
        return False


class Store(DataFile):
    """Sessions and settings; open with :meth:`open`."""

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
            or any(name.startswith(f"{base}.{kind}") for kind in KEPT_KINDS)
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

    def _unique_name(self, db: TinyDB, name: str, exclude: int | None = None) -> str:
        taken = {d["name"] for d in self._table(db, SESSIONS).all() if d.doc_id != exclude}
        cleaned = " ".join(name.split())
        candidate, n = cleaned, 1
        while candidate in taken:
            n += 1
            candidate = f"{cleaned} ({n})"
        return candidate

    def create(
        self, name: str, profile: Profile, plan: Plan, bills: Sequence[BillRecord] = ()
    ) -> Session:
        """Save a new session; a name already in use gets " (2)", " (3)" … added.
        ``bills`` records the bills its profile was read from."""
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
                bills=list(bills),
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

    def update(self, session_id: str, change: Callable[[Session], Session]) -> Session:
        """Change a session in one locked transaction and return it as saved.

        ``change`` gets the session as it is on disk now, under the lock, and returns the
        changed copy; it may raise to change nothing. Nothing read before the lock is ever
        written back, so a tick from another window is never lost.
        """
        with self._transaction() as db:
            doc = self._find_doc(db, session_id)
            changed = change(self._load_doc(doc)).model_copy(update={"updated": self._now()})
            self._rewrite(db, doc, changed)
        return changed

    def rename(self, session_id: str, name: str) -> Session:
        """Give a session another name, made unique among the others (not against itself),
        chosen and saved in one transaction."""
        with self._transaction() as db:
            doc = self._find_doc(db, session_id)
            unique = self._unique_name(db, name, exclude=doc.doc_id)
            session = self._load_doc(doc)
            changed = session.model_copy(update={"name": unique, "updated": self._now()})
            self._rewrite(db, doc, changed)
        return changed

    def _rewrite(self, db: TinyDB, doc: Document, changed: Session) -> None:
        """Write ``changed`` over its document, one revision on."""
        rev = doc.get("rev", 0) + 1
        self._table(db, SESSIONS).update(session_to_doc(changed, rev), doc_ids=[doc.doc_id])

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
