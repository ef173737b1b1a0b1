"""The ``jiebei-coach`` command.

With no command it prints the demo profile's breakdown and plan. Textual is never
imported here: subcommands and ``--version`` stay fast and headless.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date

from jiebei_coach import __version__
from jiebei_coach.assets import AssetError
from jiebei_coach.i18n import LANGS, Lang, detect_language, set_language, t


def build_parser(lang: Lang) -> argparse.ArgumentParser:
    """The argument parser, with help texts in ``lang``."""
    parser = argparse.ArgumentParser(prog="jiebei-coach", description=t("cli.description", lang))
    parser.add_argument("--lang", choices=LANGS, help=t("cli.lang_help", lang))
    parser.add_argument(
        "--version",
        action="version",
        version=f"jiebei-coach {__version__}",
        help=t("cli.version_help", lang),
    )
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


def demo_report(today: date, lang: Lang) -> str:
    """The demo profile's breakdown and a 12-month plan from ``today``, as text."""
    from jiebei_coach.domain import build_plan, demo_profile, score
    from jiebei_coach.text import render_breakdown, render_plan

    profile = demo_profile()
    lines = [
        t("app.tagline", lang),
        "",
        t("report.demo_title", lang),
        "",
        *render_breakdown(score(profile), lang),
        "",
        *render_plan(build_plan(profile, today), lang),
        "",
        t("report.safety", lang),
        t("report.more", lang),
    ]
    return "\n".join(lines)


def _asset_error_message(lang: Lang, error: AssetError) -> str:
    """The broken-data message, in plain English when the string tables are broken too."""
    try:
        return t("cli.asset_error", lang, detail=error)
    except AssetError:
        return f"A data file is broken; please reinstall jiebei-coach: {error}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _early_language(args_list)
    set_language(lang)
    try:
        args = build_parser(lang).parse_args(args_list)
        if args.lang:
            lang = args.lang
            set_language(lang)
        print(demo_report(date.today(), lang))
    except AssetError as exc:
        print(_asset_error_message(lang, exc), file=sys.stderr)
        return 1
    return 0
