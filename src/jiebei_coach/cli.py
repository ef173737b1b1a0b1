"""The ``jiebei-coach`` command: argument parsing and dispatch.

Textual is never imported here: subcommands stay fast and headless. Exit codes: 0 success,
1 a data problem (unknown session or key, a corrupt, locked or unwritable file, invalid
input data), 2 wrong usage; ``check-message`` exits 3 when it finds a scam shape or
suspicious signals. Errors are one line on stderr in the chosen language.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, NoReturn

from jiebei_coach import __version__
from jiebei_coach.assets import AssetError
from jiebei_coach.i18n import LANGS, Lang, detect_language, get_language, set_language, t

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class _Formatter(argparse.HelpFormatter):
    """Help with the "usage:" prefix in the user's language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = t("argparse.usage") + " "
        super().add_usage(usage, actions, groups, prefix)


#: argparse's own messages (its gettext ids) and the keys of their translations.
_ARGPARSE_MESSAGES = {
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "expected one argument": "argparse.expected_one",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
}


def _localise_argparse() -> None:
    """Route argparse's messages through our string tables (argparse calls ``_`` lazily)."""

    def translate(message: str) -> str:
        key = _ARGPARSE_MESSAGES.get(message)
        return t(key) if key else message

    argparse._ = translate  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An argument parser whose own words (help, errors) follow the chosen language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._optionals.title = t("argparse.options")
        self._positionals.title = t("argparse.positionals")
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help=t("argparse.help")
        )

    def error(self, message: str) -> NoReturn:
        """Print usage and the problem, then exit 2."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {t('argparse.error')}: {message}\n")


def _common(parser: argparse.ArgumentParser, lang: Lang, *, top: bool) -> None:
    """``--db`` and ``--lang``, accepted before or after the command."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--db", metavar="PATH", default=default, help=t("cli.db_help", lang))
    parser.add_argument("--lang", choices=LANGS, default=default, help=t("cli.lang_help", lang))


def build_parser(lang: Lang) -> Parser:
    """The argument parser, with help texts in ``lang``."""
    parser = Parser(prog="jiebei-coach", description=t("cli.description", lang))
    _common(parser, lang, top=True)
    parser.add_argument(
        "--version",
        action="version",
        version=f"jiebei-coach {__version__}",
        help=t("cli.version_help", lang),
    )
    commands = parser.add_subparsers(
        dest="command", title=t("cli.commands", lang), parser_class=Parser
    )

    def command(name: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=t(f"cli.cmd.{name}", lang), description=t(f"cli.cmd.{name}", lang)
        )
        _common(sub, lang, top=False)
        return sub

    command("locate")
    command("report").add_argument(
        "session", metavar="SESSION", nargs="?", help=t("cli.arg.report_session", lang)
    )
    command("demo").add_argument("--name", help=t("cli.arg.name", lang))
    new = command("new")
    new.add_argument(
        "--profile", required=True, metavar="FILE.json", help=t("cli.arg.profile", lang)
    )
    new.add_argument("--name", required=True, help=t("cli.arg.name", lang))
    command("list").add_argument("--json", action="store_true", help=t("cli.arg.json", lang))
    show = command("show")
    show.add_argument("session", metavar="SESSION", help=t("cli.arg.session", lang))
    show.add_argument("--month", metavar="YYYY-MM", help=t("cli.arg.month", lang))
    show.add_argument("--json", action="store_true", help=t("cli.arg.json", lang))
    tick = command("tick")
    tick.add_argument("session", metavar="SESSION", help=t("cli.arg.session", lang))
    tick.add_argument("key", metavar="KEY", help=t("cli.arg.key", lang))
    tick.add_argument("--undo", action="store_true", help=t("cli.arg.undo", lang))
    checkin = command("checkin")
    checkin.add_argument("session", metavar="SESSION", help=t("cli.arg.session", lang))
    checkin.add_argument("--sesame", type=int, metavar="N", help=t("cli.arg.sesame", lang))
    checkin.add_argument("--limit", type=float, metavar="N", help=t("cli.arg.limit", lang))
    checkin.add_argument("--month", metavar="YYYY-MM", help=t("cli.arg.month", lang))
    export = command("export")
    export.add_argument("session", metavar="SESSION", help=t("cli.arg.session", lang))
    export.add_argument(
        "--format", required=True, choices=("md", "ics", "json"), help=t("cli.arg.format", lang)
    )
    export.add_argument("-o", "--output", metavar="FILE", help=t("cli.arg.output", lang))
    command("import").add_argument("file", metavar="FILE.json", help=t("cli.arg.file", lang))
    command("replan").add_argument("session", metavar="SESSION", help=t("cli.arg.session", lang))
    command("check-message").add_argument(
        "message", metavar="MESSAGE", nargs="*", help=t("scam.cli_arg", lang)
    )
    delete = command("delete")
    delete.add_argument("session", metavar="SESSION", help=t("cli.arg.session", lang))
    delete.add_argument("--yes", action="store_true", help=t("cli.arg.yes", lang))
    return parser


def _early_language(argv: Sequence[str]) -> Lang:
    """The language asked for on the command line, else the system's (for help texts)."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value in LANGS:
            return "zh" if value == "zh" else "en"
    return detect_language()


def text_report(today: date, lang: Lang, session: object | None = None) -> str:
    """A session's (or the demo profile's) breakdown and plan as text."""
    from jiebei_coach.domain import Session, build_plan, demo_profile, score
    from jiebei_coach.presentation.report import render_breakdown, render_plan

    if isinstance(session, Session):
        title, profile, plan = session.name, session.profile, session.plan
    else:
        title, profile = t("report.demo_title", lang), demo_profile()
        plan = build_plan(profile, today)
    lines = [
        t("app.tagline", lang),
        "",
        title,
        "",
        *render_breakdown(score(profile), lang),
        "",
        *render_plan(plan, lang),
        "",
        t("report.safety", lang),
    ]
    return "\n".join(lines)


def _asset_error_message(lang: Lang, error: AssetError) -> str:
    """The broken-data message, in plain English when the string tables are broken too."""
    try:
        return t("cli.asset_error", lang, detail=error)
    except AssetError:
        return f"A data file is broken; please reinstall jiebei-coach: {error}"


def _readable_output() -> None:
    """Output that cannot fail on Chinese: where the terminal's encoding cannot write it
    (``LC_ALL=C`` with ``PYTHONUTF8=0`` gives ASCII), characters are written as ``\\uXXXX``
    escapes, which also keeps JSON output valid."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if stream is None or not encoding or not hasattr(stream, "reconfigure"):
            continue
        try:
            "借呗".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            stream.reconfigure(errors="backslashreplace")


def _output_failed(lang: Lang, error: OSError) -> int:
    """The output could not be written (a full disk, a closed pipe): say so on stderr
    (except for a closed pipe, which is how ``| head`` ends) and end without a traceback."""
    import errno
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the exit's flush has somewhere to go
    if error.errno == errno.EPIPE:
        return EXIT_DATA
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
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _early_language(args_list)
    set_language(lang)
    _localise_argparse()
    try:
        try:
            args = build_parser(lang).parse_args(args_list)
        except SystemExit as exit_:  # --help, --version, or wrong usage (already printed)
            return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
        if args.lang:
            lang = args.lang
            set_language(lang)
        if args.command is None:
            from jiebei_coach.launch import launch

            return launch(args, lang)
        from jiebei_coach.commands import run

        return run(args, lang)
    except AssetError as exc:
        print(_asset_error_message(lang, exc), file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print(t("cli.interrupted", lang), file=sys.stderr)
        return 130
