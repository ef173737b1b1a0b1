"""The argument parser: commands, options and argparse's own words in either language."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, NoReturn

from jiebei_coach import __version__
from jiebei_coach.cli.exits import EXIT_USAGE
from jiebei_coach.i18n import LANGS, Lang, detect_language, t
from jiebei_coach.parsing import parse_amount


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
    "one of the arguments %s is required": "argparse.one_of",
    "not allowed with argument %s": "argparse.not_with",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "expected at least one argument": "argparse.at_least_one",
    "expected at most one argument": "argparse.at_most_one",
}


def localise_argparse() -> None:
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
        """Say the problem in one line, with where to read how to use it; exit 2.

        (argparse prints the usage first, three or four lines that bury the problem; the
        usage is one ``--help`` away, and the line says so.)
        """
        see = t("argparse.see_help", command=f"{self.prog} --help")
        self.exit(EXIT_USAGE, f"{self.prog}: {t('argparse.error')}: {message} {see}\n")


def _amount(text: str) -> float:
    """An amount as people write it (``1.5万``, ``15,000``), for ``checkin --limit``."""
    try:
        value = parse_amount(text)
    except ValueError:
        value = None
    if value is None:
        raise argparse.ArgumentTypeError(t("profile.not_a_amount"))
    return value


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
    source = new.add_mutually_exclusive_group(required=True)
    source.add_argument("--profile", metavar="FILE.json", help=t("cli.arg.profile", lang))
    source.add_argument("--from-bill", metavar="FILE.csv", help=t("cli.arg.from_bill", lang))
    new.add_argument("--name", required=True, help=t("cli.arg.name", lang))
    bill = command("bill")
    bill.add_argument("file", metavar="FILE.csv", help=t("cli.arg.bill_file", lang))
    bill.add_argument("--json", action="store_true", help=t("cli.arg.json", lang))
    apply_bill = command("apply-bill")
    apply_bill.add_argument("session", metavar="SESSION", help=t("cli.arg.session", lang))
    apply_bill.add_argument("file", metavar="FILE.csv", help=t("cli.arg.bill_file", lang))
    apply_bill.add_argument("--only", metavar="FIELD,…", help=t("cli.arg.only", lang))
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
    checkin.add_argument("--limit", type=_amount, metavar="N", help=t("cli.arg.limit", lang))
    checkin.add_argument("--month", metavar="YYYY-MM", help=t("cli.arg.month", lang))
    export = command("export")
    export.add_argument("session", metavar="SESSION", help=t("cli.arg.session", lang))
    export.add_argument(
        "--format", default="md", choices=("md", "ics", "json"), help=t("cli.arg.format", lang)
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


def early_language(argv: Sequence[str]) -> Lang:
    """The language asked for on the command line, else the system's (for help texts)."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value in LANGS:
            return "zh" if value == "zh" else "en"
    return detect_language()
