"""Launching the interactive app: open the data file, then hand over to Textual.

Kept apart from the subcommands so that start-up imports neither the commands nor the
domain models; the first screen needs only the store and the session list.
"""

from __future__ import annotations

import argparse
import sys

from jiebei_coach.i18n import Lang, t
from jiebei_coach.store import Store, StoreError, resolve_db_path

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def launch(args: argparse.Namespace, lang: Lang) -> int:
    """Open the data file and run the interactive app."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(t("cli.needs_terminal", lang), file=sys.stderr)
        return EXIT_USAGE
    try:
        path = resolve_db_path(args.db)
        store = Store.open(path)
    except StoreError as exc:
        print(exc.message(lang), file=sys.stderr)
        return EXIT_DATA
    notice = None
    if store.recovered is not None:
        moved, restored = store.recovered.moved_to, store.recovered.restored_from
        notice = (
            t("store.recovered", lang, moved=moved, restored=restored)
            if restored is not None
            else t("store.recovered_fresh", lang, moved=moved)
        )
    from jiebei_coach.tui.app import JiebeiApp

    try:
        app = JiebeiApp(store, language=args.lang, notice=notice)
    except StoreError as exc:  # the file changed under us between opening and reading
        print(exc.message(lang), file=sys.stderr)
        return EXIT_DATA
    app.run()
    return EXIT_OK
