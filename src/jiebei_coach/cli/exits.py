"""Exit codes of ``jiebei-coach``."""

EXIT_OK = 0
#: A data problem: an unknown session or key, a damaged, locked or unwritable file,
#: invalid input data.
EXIT_DATA = 1
#: Wrong usage: arguments, an empty message, a missing ``--yes``.
EXIT_USAGE = 2
#: ``check-message`` found a scam shape or suspicious signals.
EXIT_SCAM = 3
#: Output to a pipe that was closed (``| head``): 128 + SIGPIPE, what a shell shows for a
#: program stopped that way.
EXIT_PIPE = 141
#: Interrupted with ctrl+c: 128 + SIGINT.
EXIT_INTERRUPTED = 130
