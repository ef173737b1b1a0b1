"""What every command needs: its arguments, the language, today, and the store."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jiebei_coach.cli.exits import EXIT_DATA, EXIT_USAGE
from jiebei_coach.i18n import Lang, set_language, t
from jiebei_coach.store import Store, resolve_db_path


class CommandError(Exception):
    """A problem to report as one line (``code`` 1 for data, 2 for usage)."""

    def __init__(self, message: str, code: int = EXIT_DATA) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Context:
    """What every command needs: arguments, language, today and (lazily) the store."""

    args: argparse.Namespace
    lang: Lang
    today: date
    lang_fixed: bool
    _store: Store | None = field(default=None, init=False)

    def store(self) -> Store:
        """Open the data file once. A repair made on the way is said on stderr and the
        command goes on with the repaired file."""
        if self._store is None:
            from jiebei_coach.presentation.messages import recovery_message

            store = Store.open(resolve_db_path(getattr(self.args, "db", None)))
            if not self.lang_fixed:
                saved = store.settings().language
                if saved in ("zh", "en"):
                    self.lang = "zh" if saved == "zh" else "en"
                    set_language(self.lang)
            if store.recovered is not None:
                print(recovery_message(store.recovered, self.lang), file=sys.stderr)
            self._store = store
        return self._store

    def title(self, action_id: str) -> str:
        """An action's title in the current language."""
        from jiebei_coach.presentation.changes import action_title

        return action_title(action_id, self.lang)

    def month(self, text: str | None) -> date:
        """A ``YYYY-MM`` argument as the month's first day (this month when absent)."""
        from jiebei_coach.domain.calendar import month_start, parse_month_label

        if text is None:
            return month_start(self.today)
        try:
            return parse_month_label(text)
        except ValueError:
            raise CommandError(t("cli.bad_month", self.lang), EXIT_USAGE) from None


def print_json(data: Any) -> None:
    """Pretty JSON on standard output, Chinese as it is."""
    print(json.dumps(data, ensure_ascii=False, indent=2))
