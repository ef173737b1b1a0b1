"""The one route from the command line into the interactive app.

Kept apart from the subcommands so that start-up imports neither the commands nor the
domain models (the first screen needs only the store and the session list), and so that
this is the only place the command line reaches Textual.
"""

from __future__ import annotations

import argparse
import gc
import sys

from jiebei_coach.cli.exits import EXIT_DATA, EXIT_OK, EXIT_USAGE
from jiebei_coach.i18n import Lang, t
from jiebei_coach.presentation.messages import recovery_message, store_message
from jiebei_coach.store import Store, StoreError, resolve_db_path
from jiebei_coach.store.files import file_size


def _utf8_screen() -> None:
    """Draw the app in UTF-8 even where the locale says ASCII (``LC_ALL=C``,
    ``PYTHONUTF8=0``): its frames and Chinese need it, terminals nearly always take it,
    and escapes (the command line's fallback) would make the screen unreadable. Textual
    draws on standard error."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower()
        if "utf" not in encoding and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def launch(args: argparse.Namespace, lang: Lang) -> int:
    """Open the data file and run the interactive app."""
    if not (sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()):
        print(t("cli.needs_terminal", lang), file=sys.stderr)
        return EXIT_USAGE
    _utf8_screen()
    from jiebei_coach.tui import LARGE_FILE

    try:
        path = resolve_db_path(args.db)
        # A large file is checked whole by the app, just after its first frame.
        store = Store.open(path, check=file_size(path) <= LARGE_FILE)
    except StoreError as exc:
        print(store_message(exc, lang), file=sys.stderr)
        return EXIT_DATA
    notice = recovery_message(store.recovered, lang) if store.recovered is not None else None
    from jiebei_coach.tui.app import JiebeiApp

    try:
        app = JiebeiApp(store, language=args.lang, notice=notice)
    except StoreError as exc:  # the file changed under us between opening and reading
        print(store_message(exc, lang), file=sys.stderr)
        return EXIT_DATA
    # Everything made so far (modules, the parsed file) lives as long as the app: keep it
    # out of the garbage collector's full passes, which otherwise stall the first frames.
    gc.freeze()
    app.run()
    return app.return_code or EXIT_OK
