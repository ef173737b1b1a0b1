"""The README states the limits the store enforces."""

from __future__ import annotations

import re
from pathlib import Path

from jiebei_coach.domain.bill_format import MAX_BILL_BYTES
from jiebei_coach.domain.planner import MAX_MONTHS
from jiebei_coach.store import limits

README = Path(__file__).resolve().parents[2] / "README.md"


def _size(limit: int) -> str:
    return f"{limit // limits.MB} MB" if limit >= limits.MB else f"{limit // 1024} KB"


def test_the_readme_states_every_limit() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Where your data lives") : text.index("## How the model works")]
    rows = dict(re.findall(r"^\| (.+?) \| (.+?) \|$", section, re.MULTILINE))
    assert rows["the data file"] == _size(limits.MAX_FILE_BYTES)
    assert rows["a backup given to `import`"] == _size(limits.MAX_BACKUP_BYTES)
    assert rows["a profile file given to `new --profile`"] == _size(limits.MAX_PROFILE_BYTES)
    assert rows["a message given to `check-message`"] == _size(limits.MAX_MESSAGE_BYTES)
    assert rows["sessions in one data file"] == str(limits.MAX_SESSIONS)
    assert rows["months in a plan"] == str(MAX_MONTHS)
    assert rows["planned actions in one month"] == str(limits.MAX_ACTIONS_PER_MONTH)
    assert rows["check-ins of one session"] == str(limits.MAX_CHECKINS)
    assert rows["entries in one use-of-funds log"] == str(limits.MAX_DRAWS)
    assert rows["bills recorded in one session"] == str(limits.MAX_BILLS)
    bill = "a bill given to `bill`, `new --from-bill`, `apply-bill` or the app"
    assert rows[bill] == _size(MAX_BILL_BYTES)
    assert rows["other text (an id, an action id, a date)"] == f"{limits.MAX_TEXT} characters"
    assert "Symbolic links" in section
