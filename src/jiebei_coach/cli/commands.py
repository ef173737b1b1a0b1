"""Commands that change sessions: parse the arguments, call a use case, say what happened.

Every operation is a use case (``usecases``), the same the app runs; the words come from
``presentation``. Problems end as one line on stderr and an exit code (``cli.exits``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jiebei_coach.cli import bills, views
from jiebei_coach.cli.context import CommandError, Context
from jiebei_coach.cli.exits import EXIT_DATA, EXIT_OK, EXIT_USAGE
from jiebei_coach.domain import Profile
from jiebei_coach.i18n import Lang, t
from jiebei_coach.presentation.exports import export_data, export_file_name
from jiebei_coach.presentation.fields import error_messages
from jiebei_coach.presentation.messages import problem_message
from jiebei_coach.safe_text import printable
from jiebei_coach.store import StoreError
from jiebei_coach.store.limits import MAX_PROFILE_BYTES, MB
from jiebei_coach.store.reading import JsonError, TooLarge, decode, load_json, read_limited
from jiebei_coach.usecases import files, sessions
from jiebei_coach.usecases.errors import UseCaseError

#: How many of a file's problems are listed; the rest are counted.
MAX_LISTED = 10


def size_text(limit: int) -> str:
    """A size limit as people read it."""
    return f"{limit // MB} MB" if limit >= MB else f"{limit // 1024} KB"


def read_input(path: Path, limit: int, lang: Lang) -> tuple[Any, str | None]:
    """A JSON file someone gave us: its value, or ``None`` and why it cannot be used.

    Read with a size limit (a huge file or ``/dev/zero`` is refused, not read), as UTF-8
    with or without a byte-order mark, and parsed as standard JSON only.
    """
    try:
        text = decode(read_limited(path, limit, regular_only=False))
        return load_json(text), None
    except TooLarge:
        return None, t("store.too_large", lang, limit=size_text(limit))
    except OSError as exc:
        return None, exc.strerror or exc.__class__.__name__
    except UnicodeDecodeError:
        return None, t("store.json.syntax", lang, line=1, column=1)
    except JsonError as exc:
        return None, t(f"store.json.{exc.code}", lang, **exc.params)


def _listing(lines: list[str], lang: Lang) -> list[str]:
    """At most ``MAX_LISTED`` lines, then how many more there were."""
    if len(lines) <= MAX_LISTED:
        return lines
    more = t("store.more_problems", lang, count=len(lines) - MAX_LISTED)
    return [*lines[:MAX_LISTED], f"  {more}"]


def _read_profile(path_text: str, lang: Lang) -> Profile:
    path = Path(path_text)
    raw, problem = read_input(path, MAX_PROFILE_BYTES, lang)
    if problem is not None:
        raise CommandError(t("cli.profile_unreadable", lang, path=path, reason=problem))
    if not isinstance(raw, dict):
        raise CommandError(t("cli.profile_unreadable", lang, path=path, reason="{…}"))
    try:
        return Profile.model_validate({k: v for k, v in raw.items() if not k.startswith("_")})
    except ValidationError as exc:
        messages = error_messages(exc, lang)
        lines = [t("cli.profile_invalid", lang, count=len(messages))]
        lines += _listing(
            [f"  {printable(name)[:60]}: {printable(text)}" for name, text in messages.items()],
            lang,
        )
        raise CommandError("\n".join(lines)) from None


def cmd_demo(ctx: Context) -> int:
    name = ctx.args.name if ctx.args.name is not None else t("cli.demo_name", ctx.lang)
    session = sessions.create_demo(ctx.store(), ctx.today, name)
    print(session.id)
    print(t("cli.created", ctx.lang, name=session.name, id=session.id), file=sys.stderr)
    return EXIT_OK


def cmd_new(ctx: Context) -> int:
    sessions.checked_name(ctx.args.name)  # a bad name is said before the file is read
    if ctx.args.from_bill:
        return bills.cmd_new_from_bill(ctx)
    profile = _read_profile(ctx.args.profile, ctx.lang)
    session = sessions.create_session(ctx.store(), ctx.args.name, profile, ctx.today)
    print(session.id)
    print(t("cli.created", ctx.lang, name=session.name, id=session.id), file=sys.stderr)
    return EXIT_OK


def cmd_tick(ctx: Context) -> int:
    store = ctx.store()
    done = not ctx.args.undo
    result = sessions.tick(store, store.resolve(ctx.args.session), ctx.args.key, done, ctx.today)
    if not result.changed:
        print(t("cli.already_done" if done else "cli.already_open", ctx.lang, key=result.key))
        return EXIT_OK
    finished, total = result.session.plan.progress()
    print(
        t(
            "cli.ticked" if done else "cli.unticked",
            ctx.lang,
            month=result.month,
            title=ctx.title(result.action_id),
            key=result.key,
            done=finished,
            total=total,
        )
    )
    return EXIT_OK


def cmd_checkin(ctx: Context) -> int:
    from jiebei_coach.domain import compare_progress
    from jiebei_coach.domain.calendar import month_label
    from jiebei_coach.presentation.report import progress_line

    args = ctx.args
    if args.sesame is None and args.limit is None:
        raise CommandError(t("cli.checkin_needs_value", ctx.lang), EXIT_USAGE)
    month = ctx.month(args.month)
    store = ctx.store()
    session, checkin = sessions.check_in(
        store, store.resolve(args.session), month, args.sesame, args.limit, ctx.today
    )
    figures = []
    if checkin.sesame_score is not None:
        figures.append(t("cli.figure_sesame", ctx.lang, value=checkin.sesame_score))
    if checkin.jiebei_limit is not None:
        figures.append(t("cli.figure_limit", ctx.lang, value=f"{checkin.jiebei_limit:,.0f}"))
    print(t("cli.checked_in", ctx.lang, month=month_label(month), figures=", ".join(figures)))
    if checkin.sesame_score is not None:
        print(progress_line(compare_progress(session.plan, session.checkins), ctx.lang))
    return EXIT_OK


def cmd_replan(ctx: Context) -> int:
    """Plan again from this month for the saved profile, keeping the past."""
    from jiebei_coach.presentation.changes import describe_changes

    store = ctx.store()
    result = sessions.replan(store, store.resolve(ctx.args.session), ctx.today)
    for line in describe_changes(result.changes, ctx.lang, ctx.title):
        print(line)
    return EXIT_OK


def cmd_export(ctx: Context) -> int:
    store = ctx.store()
    session = store.get(store.resolve(ctx.args.session))
    data = export_data(session, ctx.args.format, ctx.lang, ctx.today)
    if not ctx.args.output:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    path = Path(ctx.args.output)
    if path.is_dir():  # a folder: the file gets its usual name inside it
        path = path / export_file_name(session.name, ctx.args.format)
    path = files.write_export(store, path, data)
    print(t("cli.exported", ctx.lang, path=path))
    return EXIT_OK


def cmd_import(ctx: Context) -> int:
    imported = files.import_file(ctx.store(), Path(ctx.args.file))
    saved = imported.session
    print(saved.id)
    note = f" {t('cli.imported_new_id.' + imported.new_id, ctx.lang)}" if imported.new_id else ""
    print(t("cli.imported", ctx.lang, name=saved.name, id=saved.id) + note, file=sys.stderr)
    return EXIT_OK


def cmd_delete(ctx: Context) -> int:
    if not ctx.args.yes:
        raise CommandError(t("cli.delete_needs_yes", ctx.lang), EXIT_USAGE)
    store = ctx.store()
    name = sessions.delete(store, store.resolve(ctx.args.session), ctx.today)
    print(t("cli.deleted", ctx.lang, name=name))
    return EXIT_OK


COMMANDS: dict[str, Callable[[Context], int]] = {
    "locate": views.cmd_locate,
    "report": views.cmd_report,
    "list": views.cmd_list,
    "show": views.cmd_show,
    "check-message": views.cmd_check_message,
    "demo": cmd_demo,
    "new": cmd_new,
    "tick": cmd_tick,
    "checkin": cmd_checkin,
    "export": cmd_export,
    "import": cmd_import,
    "delete": cmd_delete,
    "replan": cmd_replan,
    "bill": bills.cmd_bill,
    "apply-bill": bills.cmd_apply_bill,
}


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Run the chosen subcommand, turning every expected problem into one line and a code."""
    ctx = Context(args=args, lang=lang, today=date.today(), lang_fixed=bool(args.lang))
    try:
        return COMMANDS[args.command](ctx)
    except CommandError as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    except UseCaseError as exc:
        print(_usecase_text(exc, ctx.lang), file=sys.stderr)
        return EXIT_USAGE if exc.code.startswith("name_") else EXIT_DATA
    except StoreError as exc:
        print(problem_message(exc, ctx.lang), file=sys.stderr)
        return EXIT_DATA


def _usecase_text(error: UseCaseError, lang: Lang) -> str:
    """A use-case problem in words; invalid input lists its fields."""
    from jiebei_coach.presentation.fields import field_message

    fields = sessions.fields_of(error)
    if fields:
        return "; ".join(field_message(f, lang) for f in fields)
    return problem_message(error, lang)
