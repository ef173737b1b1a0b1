"""``python -m jiebei_coach`` does what the ``jiebei-coach`` command does."""

import sys

from jiebei_coach.cli import main

sys.exit(main())
