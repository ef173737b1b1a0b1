"""The ``jiebei-coach`` command: parse the arguments, run one command, say what happened.

Textual is never imported here: subcommands stay fast and headless, and only the launch
function (``cli.launch``) brings the app in. Exit codes are in ``cli.exits``: 0 success,
1 a data problem, 2 wrong usage, 3 a scam shape from ``check-message``, 141 a closed
pipe. Errors are one line on stderr in the chosen language.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Sequence

from jiebei_coach.assets import AssetError
from jiebei_coach.cli.exits import (
    EXIT_DATA,
    EXIT_INTERRUPTED,
    EXIT_PIPE,
    EXIT_USAGE,
)
from jiebei_coach.i18n import Lang, get_language, set_language, t


def _asset_error_message(lang: Lang, error: AssetError) -> str:
    """The broken-data message, in plain English when the string tables are broken too."""
    try:
        return t("cli.asset_error", lang, detail=error)
    except AssetError:
        return f"A data file is broken; please reinstall jiebei-coach: {error}"


def _readable_output() -> None:
    """Output that cannot fail on Chinese: where the terminal's encoding cannot write it
    (``LC_ALL=C`` with ``PYTHONUTF8=0`` gives ASCII), each such character is written as
    its backslash escape (借 as ``\\u501f``), which also keeps JSON output valid."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if stream is None or not encoding or not hasattr(stream, "reconfigure"):
            continue
        try:
            "借呗".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            stream.reconfigure(errors="backslashreplace")


def _output_failed(lang: Lang, error: OSError) -> int:
    """The output could not be written. A closed pipe (how ``| head`` ends) ends quietly
    with the status a shell shows for it; anything else (a full disk) is said on stderr."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the exit's flush has somewhere to go
    if error.errno == errno.EPIPE:
        return EXIT_PIPE
    with contextlib.suppress(OSError, ValueError, AttributeError):
        reason = error.strerror or error.__class__.__name__
        print(t("store.output_failed", lang, reason=reason), file=sys.stderr)
    return EXIT_DATA


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    _readable_output()
    try:
        code = _main(argv)
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:  # writing the output failed (a full disk, a closed pipe)
        return _output_failed(get_language(), exc)
    return code


def _main(argv: Sequence[str] | None) -> int:
    from jiebei_coach.cli.parser import build_parser, early_language, localise_argparse

    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = early_language(args_list)
    set_language(lang)
    localise_argparse()
    try:
        try:
            args = build_parser(lang).parse_args(args_list)
        except SystemExit as exit_:  # --help, --version, or wrong usage (already printed)
            return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
        if args.lang:
            lang = args.lang
            set_language(lang)
        if args.command is None:
            from jiebei_coach.cli.launch import launch

            return launch(args, lang)
        from jiebei_coach.cli.commands import run

        return run(args, lang)
    except AssetError as exc:
        print(_asset_error_message(lang, exc), file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print(t("cli.interrupted", lang), file=sys.stderr)
        return EXIT_INTERRUPTED
