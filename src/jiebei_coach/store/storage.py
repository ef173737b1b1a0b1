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

Tables are written in a fixed order, the small ones first (``meta``, then ``settings``), so
that the preferences can be read from the head of a large file without parsing every
session (:func:`read_head`). A file that does not begin with ``meta`` (written before this
order existed, or by hand) is simply parsed whole.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import gc
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from jiebei_coach.store.errors import StoreError

Stamp = tuple[int, int, int]
TEMP_SUFFIX = ".tmp"
#: Tables written before all others, in this order; the rest follow in their own order.
HEAD_TABLES = ("meta", "settings")
#: How much of the file :func:`read_head` looks at before giving up.
HEAD_LIMIT = 64 * 1024


def file_stamp(path: Path) -> Stamp | None:
    """What identifies this version of the file: inode, size, modification time."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def file_size(path: Path) -> int:
    """The file's size in bytes (0 when it does not exist or cannot be read)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept."""
    return path.with_name(path.name + ".bak")


def temp_prefix(path: Path) -> str:
    """The prefix of temporary files written next to ``path``."""
    return f".{path.name}."


def remove_leftover_temps(path: Path) -> list[Path]:
    """Delete temporary files that a killed writer left behind (call with the lock held)."""
    removed = []
    for leftover in path.parent.glob(f"{temp_prefix(path)}*{TEMP_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a directory; the rename is still atomic
    finally:
        os.close(fd)


def _keep_previous(path: Path) -> None:
    """Make ``<file>.bak`` the current file before it is replaced."""
    if not path.exists():
        return
    backup = backup_path(path)
    link = backup.with_name(f"{temp_prefix(path)}bak{TEMP_SUFFIX}")
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    try:
        os.link(path, link)
    except OSError:
        shutil.copyfile(path, link)  # no hard links here (FAT, some network drives)
        os.chmod(link, 0o600)
    os.replace(link, backup)


def write_atomic(path: Path, text: str | bytes, *, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves the old or the new file."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent
        )
    except OSError as exc:
        raise _write_error(path, exc) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup:
            _keep_previous(path)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _write_error(path, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _write_error(path: Path, exc: OSError) -> StoreError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreError("disk_full", path=path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError("folder_not_writable", folder=path.parent)
    return StoreError("write_failed", path=path, reason=exc.strerror or exc)


def serialise(data: Any) -> str:
    """The file's text: compact JSON with Chinese kept readable."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


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
    """Parse the file's text into TinyDB's ``{table: {doc_id: document}}`` shape."""
    if not text.strip():
        return {}
    try:
        with _collector_paused():
            data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorruptFile(f"not valid JSON: {exc}") from None
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
        with open(path, "rb") as handle:
            chunk = handle.read(limit)
    except OSError:
        return None
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(chunk, final=False)
    except UnicodeDecodeError:
        return None
    decoder = json.JSONDecoder()
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
    except (json.JSONDecodeError, ValueError):
        return None


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


class CachedAtomicStorage(Storage):
    """TinyDB storage over one file: atomic writes, and reads served from a checked cache."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: dict[str, Any] | None = None
        self._stamp: Stamp | None = None
        self._head: tuple[Stamp | None, dict[str, Any] | None] | None = None
        self._encoder = _Encoder()

    def read(self) -> dict[str, Any] | None:
        """The whole database, re-read only when the file changed on disk."""
        stamp = file_stamp(self.path)
        if stamp is None:
            self._data, self._stamp = None, None
            return None
        if self._data is None or stamp != self._stamp:
            try:
                text = self.path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise CorruptFile("not UTF-8 text") from None
            except OSError as exc:
                raise StoreError("read_failed", path=self.path, reason=exc.strerror) from None
            self._data, self._stamp = parse(text), stamp
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        """Write the whole database durably; on failure forget the cache."""
        try:
            write_atomic(self.path, self._encoder.encode(data))
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
        """Whether another process replaced the file since this one last read or wrote it."""
        return file_stamp(self.path) != self._stamp

    def forget(self) -> None:
        """Drop the cache so that the next read comes from disk."""
        self._data, self._stamp, self._head = None, None, None
        self._encoder.forget()
