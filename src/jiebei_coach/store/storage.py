"""Crash-safe TinyDB storage for one JSON file.

Every write serialises first, then writes a temporary file in the same folder, flushes and
fsyncs it, keeps the previous version as ``<file>.bak`` (a hard link, so it costs nothing),
moves the new file into place with ``os.replace`` and fsyncs the folder. A kill at any
moment leaves either the old or the new file, never half of one. Files are created with
mode 0600 and Chinese is written as itself (``ensure_ascii=False``).

The parsed data is cached and reused while the file on disk is unchanged (same inode, size
and modification time), so a tick does not re-read the whole file; every write replaces the
inode, which makes changes by another process impossible to miss.

Writing serialises each document on its own and keeps the bytes of those that carry a
``rev`` (sessions), reusing them until the document object or its ``rev`` changes. A tick
with 1,000 saved sessions therefore encodes one session, not 1,000. The rule for writers:
a change to a document with a ``rev`` must raise it (the repository does).

The file is read only when it is a regular file of at most ``MAX_FILE_BYTES``, and must be
standard JSON (see :mod:`jiebei_coach.store.reading`); an empty or blank file counts as
damaged. A file without write permission for its owner is taken as the owner's wish that it
stay as it is: it is read, but changes are refused. The backup is written only from a file
that was read and found whole, and with mode 0600, whatever the mode of the file it copies.

Tables are written in a fixed order, the small ones first (``meta``, then ``settings``), so
that the preferences can be read from the head of a large file without parsing every
session (:func:`read_head`). A file that does not begin with ``meta`` (written before this
order existed, or by hand) is simply parsed whole.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from jiebei_coach.store.errors import StoreError
from jiebei_coach.store.files import (
    Stamp,
    file_stamp,
    os_error,
    write_atomic,
)
from jiebei_coach.store.limits import MAX_FILE_BYTES, MB
from jiebei_coach.store.reading import (
    JsonError,
    NotRegular,
    TooLarge,
    decode,
    load_json,
    read_limited,
    read_start,
)

#: Tables written before all others, in this order; the rest follow in their own order.
HEAD_TABLES = ("meta", "settings")
#: How much of the file :func:`read_head` looks at before giving up.
HEAD_LIMIT = 64 * 1024


def serialise(data: Any) -> str:
    """The file's text: compact JSON with Chinese kept readable.

    ``NaN`` and infinities are refused (``ValueError``): they are not JSON, and a file
    holding them could not be read back.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _encode(value: Any) -> bytes:
    return serialise(value).encode("utf-8")


class _Encoder:
    """Encodes the database document by document, remembering documents with a ``rev``."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[dict[str, Any], Any, bytes]] = {}

    def encode(self, data: dict[str, Any]) -> bytes:
        memo: dict[int, tuple[dict[str, Any], Any, bytes]] = {}
        tables = []
        head = [name for name in HEAD_TABLES if name in data]
        for name in [*head, *(name for name in data if name not in HEAD_TABLES)]:
            table = data[name]
            docs = []
            for doc_id, doc in table.items():
                rev = doc.get("rev")
                entry = self._memo.get(id(doc))
                if rev is not None and entry is not None and entry[0] is doc and entry[1] == rev:
                    encoded = entry[2]
                else:
                    encoded = _encode(doc)
                if rev is not None:
                    memo[id(doc)] = (doc, rev, encoded)
                docs.append(_encode(str(doc_id)) + b":" + encoded)
            tables.append(_encode(name) + b":{" + b",".join(docs) + b"}")
        self._memo = memo
        return b"{" + b",".join(tables) + b"}"

    def forget(self) -> None:
        self._memo = {}


class CorruptFile(Exception):
    """The file is not a jiebei-coach database (bad JSON or the wrong shape)."""


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while parsing.

    Parsed JSON holds no reference cycles, yet each of its hundreds of thousands of new
    containers counts towards the next collection: for a 1,000-session file the passes
    took almost half of the parse (44 of 96 ms).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(text: str) -> dict[str, Any]:
    """Parse the file's text into TinyDB's ``{table: {doc_id: document}}`` shape.

    An empty or blank file is damaged: jiebei-coach never writes one, and taking it for an
    empty database would put it over the good backup on the next change.
    """
    if not text.strip():
        raise CorruptFile("the file is empty")
    try:
        with _collector_paused():
            data = load_json(text)
    except JsonError as exc:
        raise CorruptFile(exc.reason) from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    ):
        raise CorruptFile("not a table of documents")
    return data


def read_head(path: Path, limit: int = HEAD_LIMIT) -> dict[str, Any] | None:
    """The file's leading tables (see ``HEAD_TABLES``), read without parsing the rest.

    Returns ``None`` when that is not possible: the file does not start with ``meta``
    (an older layout), the head is not valid JSON, or it is longer than ``limit``. The
    caller then parses the whole file, which also reports damage properly.
    """
    try:
        chunk = read_start(path, limit)
    except (OSError, NotRegular):
        return None
    try:
        text = _utf8_prefix(chunk)
    except UnicodeDecodeError:
        return None
    decoder = json.JSONDecoder(parse_constant=_refuse_constant)
    found: dict[str, Any] = {}
    pos = _skip_space(text, 0)
    if not text.startswith("{", pos):
        return None
    pos += 1
    try:
        while True:
            pos = _skip_space(text, pos)
            if text.startswith("}", pos) and not found:
                return None  # an empty object: nothing to learn, parse it whole
            name, pos = decoder.raw_decode(text, pos)
            if len(found) == len(HEAD_TABLES) or name != HEAD_TABLES[len(found)]:
                return found or None  # the head ends where the first other table starts
            pos = _skip_space(text, pos)
            if not text.startswith(":", pos):
                return None
            table, pos = decoder.raw_decode(text, _skip_space(text, pos + 1))
            if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
                return None
            found[name] = table
            pos = _skip_space(text, pos)
            if text.startswith("}", pos):
                return found  # the whole file was its head
            if not text.startswith(",", pos):
                return None
            pos += 1
    except (ValueError, RecursionError):
        return None


def _utf8_prefix(chunk: bytes) -> str:
    """The text of the start of a UTF-8 file, a character cut at the end left out."""
    return codecs.getincrementaldecoder("utf-8-sig")().decode(chunk, final=False)


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def read_data_file(path: Path) -> str:
    """The data file's text: a regular file within the size limit, UTF-8.

    ``CorruptFile`` when it is not UTF-8; ``StoreError`` otherwise.
    """
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except TooLarge:
        raise StoreError("too_large", path=path, limit=MAX_FILE_BYTES // MB) from None
    except NotRegular as exc:
        raise StoreError("not_regular", path=path, kind=str(exc)) from None
    except OSError as exc:
        raise os_error(path, exc) from None
    try:
        return decode(data)
    except UnicodeDecodeError:
        raise CorruptFile("not UTF-8 text") from None


class CachedAtomicStorage(Storage):
    """TinyDB storage over one file: atomic writes, and reads served from a checked cache."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: dict[str, Any] | None = None
        self._stamp: Stamp | None = None
        self._head: tuple[Stamp | None, dict[str, Any] | None] | None = None
        self._encoder = _Encoder()
        #: The version of the file last found damaged (so that it is reported once).
        self.damaged_stamp: Stamp | None = None

    def read(self) -> dict[str, Any] | None:
        """The whole database, re-read only when the file changed on disk.

        ``CorruptFile`` when the file is damaged; ``StoreError`` when it cannot be read
        or is not something to read (a device, a FIFO, a file over the size limit).
        """
        stamp = file_stamp(self.path)
        if stamp is None:
            self._data, self._stamp = None, None
            return None
        if self._data is None or stamp != self._stamp:
            try:
                self._data, self._stamp = parse(read_data_file(self.path)), stamp
            except CorruptFile:
                self.damaged_stamp = stamp
                raise
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        """Write the whole database durably; on failure forget the cache.

        The file on disk becomes the backup only when it is the version this storage read
        (and so found whole); a file without write permission for its owner is refused.
        """
        try:
            try:
                info = os.stat(self.path)
            except FileNotFoundError:
                info = None
            except OSError as exc:
                raise os_error(self.path, exc, writing=True) from None
            if info is not None and not info.st_mode & stat.S_IWUSR:
                mode = f"{info.st_mode & 0o777:o}"
                raise StoreError("read_only_file", path=self.path, mode=mode)
            stamp = (info.st_ino, info.st_size, info.st_mtime_ns) if info else None
            known = stamp is not None and stamp == self._stamp
            try:
                encoded = self._encoder.encode(data)
            except ValueError as exc:  # NaN or an infinity, which JSON cannot hold
                raise StoreError("write_failed", path=self.path, reason=str(exc)) from None
            if len(encoded) > MAX_FILE_BYTES:
                raise StoreError("file_full", path=self.path, limit=MAX_FILE_BYTES // MB)
            write_atomic(self.path, encoded, keep_backup=known)
        except BaseException:
            self.forget()
            raise
        self._data, self._stamp = data, file_stamp(self.path)

    def read_head(self) -> dict[str, Any] | None:
        """The leading tables: from the parsed file when it is current, else from the file's
        head, read once per version of the file."""
        stamp = file_stamp(self.path)
        if self._data is not None and stamp == self._stamp:
            return {name: self._data[name] for name in HEAD_TABLES if name in self._data}
        if self._head is None or self._head[0] != stamp:
            self._head = (stamp, read_head(self.path))
        return self._head[1]

    def changed_on_disk(self) -> bool:
        """Whether another process replaced the file since this one last read or wrote it.

        A version already found damaged, or a path that cannot be looked at, does not count:
        it has been reported, and will be again when the file is next used.
        """
        try:
            stamp = file_stamp(self.path)
        except StoreError:
            return False
        return stamp != self._stamp and (stamp is None or stamp != self.damaged_stamp)

    def forget(self) -> None:
        """Drop the cache so that the next read comes from disk."""
        self._data, self._stamp, self._head = None, None, None
        self._encoder.forget()
