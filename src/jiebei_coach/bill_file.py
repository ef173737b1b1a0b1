"""Reading a bill file from disk: its size first, then at most that many bytes.

The file is read, never copied or written. Problems are :class:`BillError` codes like the
domain's (``file_missing``, ``not_a_file``, ``unreadable``, ``too_large``), so the command
line and the app show them the same way.
"""

from __future__ import annotations

from pathlib import Path

from jiebei_coach.domain.bill_format import MAX_BILL_BYTES, BillError


def read_bill_file(path: str | Path, *, limit: int = MAX_BILL_BYTES) -> bytes:
    """The bytes of the bill at ``path``, refusing a file over ``limit`` before reading it."""
    target = Path(path).expanduser()
    try:
        size = target.stat().st_size
    except FileNotFoundError:
        raise BillError("file_missing", path=str(target)) from None
    except OSError as exc:
        raise BillError("unreadable", path=str(target), reason=exc.strerror or "") from None
    if not target.is_file():
        raise BillError("not_a_file", path=str(target))
    if size > limit:
        raise BillError("too_large", size=size, limit=limit)
    try:
        with target.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise BillError("unreadable", path=str(target), reason=exc.strerror or "") from None
    if len(data) > limit:  # it grew after the size was taken
        raise BillError("too_large", size=len(data), limit=limit)
    return data
