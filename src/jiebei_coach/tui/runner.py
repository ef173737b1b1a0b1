"""One way to run a use case from the app: in a thread worker that posts a message.

The worker never touches widgets. When the use case returns, ``UseCaseFinished`` carries
the result back to the app, which hands it to the follow-up given with it; when it raises
a known problem (a store or use-case error), ``UseCaseFailed`` carries that, and the app
says it in words. Anything unexpected is written to a log file beside the data file and
said as a message: an operation that fails never ends the app.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from textual.app import App
from textual.message import Message

from jiebei_coach.store import StoreError
from jiebei_coach.usecases.errors import UseCaseError

T = TypeVar("T")
#: The log is kept short: at this size the old log is replaced.
LOG_LIMIT = 256 * 1024


class UseCaseFinished(Message):
    """A use case returned ``result``; ``then`` shows it."""

    def __init__(self, then: Callable[[Any], None] | None, result: Any) -> None:
        super().__init__()
        self.then = then
        self.result = result


class UseCaseFailed(Message):
    """A use case raised ``error`` (expected or not); ``recover`` runs after it is said."""

    def __init__(self, error: Exception, recover: Callable[[], None] | None) -> None:
        super().__init__()
        self.error = error
        self.recover = recover


def log_unexpected(folder: Path, error: BaseException) -> Path | None:
    """Append ``error``'s traceback (no values of variables) to ``jiebei-coach.log``."""
    path = folder / "jiebei-coach.log"
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    stamp = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    with contextlib.suppress(OSError):
        if path.exists() and path.stat().st_size > LOG_LIMIT:
            path.unlink()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as log:
            log.write(f"--- {stamp}\n{text}\n")
        return path
    return None


def run_usecase(
    app: App[Any],
    work: Callable[[], T],
    then: Callable[[T], None] | None = None,
    *,
    group: str,
    exclusive: bool = False,
    recover: Callable[[], None] | None = None,
) -> None:
    """Run ``work`` in a thread worker; ``then(result)`` runs on the app's thread after.

    ``recover`` runs (on the app's thread) after a failure has been said, for example to
    put back a tick the screen already showed.
    """

    def job() -> None:
        try:
            result = work()
        except (StoreError, UseCaseError) as error:
            app.post_message(UseCaseFailed(error, recover))
            return
        except Exception as error:  # an operation must never end the app
            app.post_message(UseCaseFailed(error, recover))
            return
        app.post_message(UseCaseFinished(then, result))

    app.run_worker(job, thread=True, group=group, exclusive=exclusive)
