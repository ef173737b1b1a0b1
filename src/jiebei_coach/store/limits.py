"""How big the files and documents the store reads may be.

Far above anything jiebei-coach writes itself (a 36-month plan is about 12 KB; 1,000
saved sessions of 12 months with a year of check-ins make a 4 MB file), and low enough that
a hostile or broken file is refused before it is read whole, let alone parsed. The README's
"Where your data lives" lists them; a test keeps the two in step.
"""

from __future__ import annotations

MB = 1024 * 1024

#: The data file. A larger one is refused (and left untouched) before it is read.
MAX_FILE_BYTES = 32 * MB
#: A session backup given to ``import``.
MAX_BACKUP_BYTES = 1 * MB
#: A profile file given to ``new --profile``.
MAX_PROFILE_BYTES = 64 * 1024
#: A message given to ``check-message`` on standard input.
MAX_MESSAGE_BYTES = 64 * 1024
#: Sessions in one data file.
MAX_SESSIONS = 2_000
#: Planned actions in one month of a plan (the catalog has a few dozen actions).
MAX_ACTIONS_PER_MONTH = 100
#: Check-ins of one session (one a month: twenty years).
MAX_CHECKINS = 240
#: Entries in one session's use-of-funds log.
MAX_DRAWS = 1_000
#: Bills read into one session (one a month: twenty years).
MAX_BILLS = 240
#: Any other text in a session: a name (60 characters once cleaned), an action id, a date.
MAX_TEXT = 200
#: The number of an action's occurrence within a plan.
MAX_OCCURRENCE = 10_000
