"""Reading files that anyone may have written: bounded, and strict about JSON.

Every file the program reads (the data file, a backup, a profile) goes through
:func:`read_limited`, which stops one byte past its limit, so that a huge file or
``/dev/zero`` is refused instead of filling the memory; the data file must also be a
regular file, which keeps a FIFO from blocking the program and a device from being
replaced. :func:`load_json` accepts standard JSON only (no ``NaN`` or ``Infinity``, no
number too large to be a float) and turns the parser's own failures (nesting too deep,
an integer of thousands of digits) into one exception with a reason a person can read.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

_CHUNK = 1024 * 1024
#: A number that might not fit a float: a three-digit exponent, or hundreds of digits.
_HUGE_NUMBER = re.compile(r"\d[eE]\+?0*[1-9]\d{2}|\d{300}")


class TooLarge(Exception):
    """The file is larger than the limit for its kind."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class NotRegular(Exception):
    """The path names a device, a FIFO or a socket, not an ordinary file."""


class JsonError(ValueError):
    """The text is not standard JSON: ``code`` (``syntax``, ``constant``, ``huge_number``,
    ``digits``, ``nesting``) keys the message ``store.json.<code>``, ``params`` fill it,
    and ``reason`` says the same in English."""

    def __init__(self, code: str, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.params = params


def file_kind(mode: int) -> str:
    """What a ``stat`` mode describes, in a word for messages."""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "file"


def read_limited(path: Path, limit: int, *, regular_only: bool = True) -> bytes:
    """The file's bytes; ``TooLarge`` past ``limit``, ``NotRegular`` for a device or FIFO
    when ``regular_only``. ``OSError`` as ``open`` raises it."""
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    if regular_only:
        flags |= getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if regular_only and not stat.S_ISREG(info.st_mode):
            raise NotRegular(file_kind(info.st_mode))
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise TooLarge(limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise TooLarge(limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_start(path: Path, size: int) -> bytes:
    """At most the first ``size`` bytes of a regular file (``NotRegular`` otherwise)."""
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(file_kind(os.fstat(fd).st_mode))
        return os.read(fd, size)
    finally:
        os.close(fd)


def decode(data: bytes) -> str:
    """UTF-8 text, with a leading byte-order mark (as some editors save it) dropped.

    Raises ``UnicodeDecodeError`` for anything else.
    """
    return data.decode("utf-8-sig")


def _no_constant(name: str) -> Any:
    raise JsonError("constant", f"{name} is not a JSON number", name=name)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonError("huge_number", "a number is too large")
    return value


def load_json(text: str) -> Any:
    """Parse standard JSON; ``JsonError`` with a plain reason for anything else."""
    # Checking every number costs a fifth of the parse; only a text with a huge exponent
    # or hundreds of digits in a row can hold one that overflows, so look for that first.
    parse_float = _finite if _HUGE_NUMBER.search(text) else None
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=parse_float)
    except JsonError:
        raise
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})"
        raise JsonError("syntax", reason, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise JsonError("nesting", "nested too deeply") from None
    except ValueError:  # an integer of more digits than Python converts
        raise JsonError("digits", "a number has too many digits") from None
