"""Files made safely: atomic writes, private copies, links, and OS errors in plain codes.

A write goes to a temporary file in the same folder, is flushed and fsynced, replaces the
target with ``os.replace`` and fsyncs the folder: a kill at any moment leaves the old or
the new file, never half of one. The previous version is kept as ``<file>.bak`` (a hard
link, so it costs nothing). New files are created with mode 0600.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from jiebei_coach.store.errors import StoreError

Stamp = tuple[int, int, int]
TEMP_SUFFIX = ".tmp"


def _write_synced(fd: int, data: bytes) -> None:
    """Write ``data`` to the new file open as ``fd`` (private: mode 0600), flush it to the
    disk and close it."""
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def file_stamp(path: Path) -> Stamp | None:
    """What identifies this version of the file: inode, size, modification time.

    ``None`` when there is no file; a ``StoreError`` when the path cannot be looked at
    (a folder without permission, a part of the path that is a file, a name too long).
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise os_error(path, exc) from None
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


def copy_private(source: Path, target: Path) -> None:
    """Copy ``source`` to a new file ``target`` (mode 0600, synced); ``FileExistsError``
    when ``target`` exists, which is never followed or overwritten."""
    data = source.read_bytes()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, flags, 0o600)
    try:
        _write_synced(fd, data)
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise


_NO_HARD_LINKS = (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP)


def link_or_copy(source: Path, target: Path) -> None:
    """Give ``source`` a second name ``target`` (a hard link, else a private copy).

    ``FileExistsError`` when ``target`` exists: nothing is ever overwritten here.
    """
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        copy_private(source, target)  # no hard links here (FAT, some network drives)


def _link_previous(path: Path) -> Path | None:
    """A second name for the current file (``.<file>.bak.tmp``), to become the backup
    once the new file is in place; ``None`` when there is no current file.

    The backup is never the same file as the data file, even for a moment: a kill between
    two steps of a write could otherwise leave one file under both names, and damage to
    the data file (an editor writing in place) would then damage the backup too.
    """
    if not path.exists():
        return None
    link = backup_path(path).with_name(f"{temp_prefix(path)}bak{TEMP_SUFFIX}")
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    link_or_copy(path, link)
    os.chmod(link, 0o600)  # the backup is private even if the file's mode was loosened
    return link


def write_atomic(path: Path, text: str | bytes, *, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves the old or the new file;
    with ``keep_backup``, the old file then becomes ``<file>.bak``."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent
        )
    except OSError as exc:
        raise _write_error(path, exc) from None
    tmp = Path(tmp_name)
    previous: Path | None = None
    try:
        _write_synced(fd, data)
        if keep_backup:
            previous = _link_previous(path)
        os.replace(tmp, path)
        if previous is not None:
            os.replace(previous, backup_path(path))
    except OSError as exc:
        _discard(tmp, previous)
        raise _write_error(path, exc) from None
    except BaseException:
        _discard(tmp, previous)
        raise
    _fsync_dir(path.parent)


def _discard(*paths: Path | None) -> None:
    for leftover in paths:
        if leftover is not None:
            with contextlib.suppress(OSError):
                leftover.unlink()


def _write_error(path: Path, exc: OSError) -> StoreError:
    return os_error(path, exc, writing=True)


def _blocking_file(path: Path) -> Path | None:
    """The part of ``path`` that is a file where a folder should be, if any."""
    for parent in path.parents:
        with contextlib.suppress(OSError):
            if parent.exists():
                return None if parent.is_dir() else parent
    return None


def os_error(path: Path, exc: OSError, *, writing: bool = False) -> StoreError:
    """The store's message for an operating-system error on ``path``."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return StoreError("disk_full", path=path)
    if code == errno.ENOTDIR:
        blocker = _blocking_file(path)
        if blocker is not None:
            return StoreError("not_a_folder", path=path, blocker=blocker)
    if code == errno.ENAMETOOLONG:
        return StoreError("name_too_long", path=shorten(str(path)))
    if code == errno.ELOOP:
        return StoreError("link_loop", path=path)
    if code == errno.EISDIR:
        return StoreError("not_a_file", path=path)
    if writing and code in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = exc.strerror or exc.__class__.__name__
        return StoreError("folder_not_writable", folder=path.parent, reason=reason)
    if code in (errno.EACCES, errno.EPERM):
        return StoreError("no_access", path=path)
    key = "write_failed" if writing else "read_failed"
    return StoreError(key, path=path, reason=exc.strerror or exc.__class__.__name__)


def shorten(text: str, most: int = 80) -> str:
    """``text`` cut in the middle to at most ``most`` characters, for a message."""
    if len(text) <= most:
        return text
    half = (most - 1) // 2
    return f"{text[:half]}…{text[-half:]}"
