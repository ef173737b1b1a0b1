"""The subcommands of ``jiebei-coach``: each takes parsed arguments and returns an exit code.

They read the clock (``today``) and print; the store and the domain do the work.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jiebei_coach.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE
from jiebei_coach.domain import (
    CheckIn,
    Profile,
    Session,
    build_plan,
    compare_progress,
    demo_profile,
    load_catalog,
    month_start,
)
from jiebei_coach.domain.calendar import month_label, parse_month_label
from jiebei_coach.i18n import Lang, set_language, t
from jiebei_coach.presentation.fields import error_messages
from jiebei_coach.presentation.report import (
    action_tags,
    budget_line,
    fit,
    month_line,
    note_lines,
    pad,
    progress_line,
)
from jiebei_coach.safe_text import printable
from jiebei_coach.store import Store, StoreError, resolve_db_path
from jiebei_coach.store.limits import MAX_BACKUP_BYTES, MAX_MESSAGE_BYTES, MAX_PROFILE_BYTES, MB
from jiebei_coach.store.reading import JsonError, TooLarge, decode, load_json, read_limited
from jiebei_coach.store.storage import write_atomic

#: How many of a file's problems are listed; the rest are counted.
MAX_LISTED = 10


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
        """Open the data file once; a repaired file stops the command (exit 1)."""
        if self._store is None:
            store = Store.open(resolve_db_path(getattr(self.args, "db", None)))
            if store.recovered is not None:
                raise CommandError(store.recovered.message(self.lang))
            if not self.lang_fixed:
                saved = store.settings().language
                if saved in ("zh", "en"):
                    self.lang = "zh" if saved == "zh" else "en"
                    set_language(self.lang)
            self._store = store
        return self._store

    def title(self, action_id: str) -> str:
        """An action's title in the current language; an action this version does not know
        (a file from a newer one) shows as its id."""
        try:
            return load_catalog().get(action_id).title.get(self.lang)
        except KeyError:
            return printable(action_id)


def _parse_month(text: str | None, today: date, lang: Lang) -> date:
    if text is None:
        return month_start(today)
    try:
        return parse_month_label(text)
    except ValueError:
        raise CommandError(t("cli.bad_month", lang), EXIT_USAGE) from None


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# ------------------------------------------------------------------ commands


def cmd_report(ctx: Context) -> int:
    from jiebei_coach.cli import text_report

    session = _session(ctx, ctx.args.session) if ctx.args.session else None
    print(text_report(ctx.today, ctx.lang, session))
    return EXIT_OK


def cmd_locate(ctx: Context) -> int:
    print(resolve_db_path(getattr(ctx.args, "db", None)))
    return EXIT_OK


def cmd_demo(ctx: Context) -> int:
    profile = demo_profile()
    session = ctx.store().create(
        ctx.args.name or t("cli.demo_name", ctx.lang), profile, build_plan(profile, ctx.today)
    )
    print(session.id)
    print(t("cli.created", ctx.lang, name=session.name, id=session.id), file=sys.stderr)
    return EXIT_OK


def _size(limit: int) -> str:
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
        return None, t("store.too_large", lang, limit=_size(limit))
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


def cmd_new(ctx: Context) -> int:
    profile = _read_profile(ctx.args.profile, ctx.lang)
    session = ctx.store().create(ctx.args.name, profile, build_plan(profile, ctx.today))
    print(session.id)
    print(t("cli.created", ctx.lang, name=session.name, id=session.id), file=sys.stderr)
    return EXIT_OK


def cmd_list(ctx: Context) -> int:
    summaries = ctx.store().summaries(ctx.today)
    if ctx.args.json:
        _print_json(
            [
                {
                    "id": s.id,
                    "name": s.name,
                    "created": s.created,
                    "updated": s.updated,
                    "done": s.done,
                    "total": s.total,
                    "key": s.next_key,
                    "action_id": s.next_action,
                    "title": ctx.title(s.next_action) if s.next_action else None,
                }
                for s in summaries
            ]
        )
        return EXIT_OK
    if not summaries:
        print(t("cli.no_sessions", ctx.lang))
        return EXIT_OK
    name_w, id_w, date_w, prog_w = 24, 10, 12, 10
    head = t("cli.list_columns", ctx.lang).split("|")
    widths = (name_w, id_w, date_w, prog_w)
    print("".join(pad(h, w) for h, w in zip(head, widths, strict=False)) + head[-1])
    for s in summaries:
        nxt = ctx.title(s.next_action) if s.next_action else t("cli.all_done", ctx.lang)
        nxt = fit(nxt, max(12, shutil.get_terminal_size((100, 24)).columns - sum(widths) - 1))
        cells = (fit(s.name, name_w - 2), s.id[:8], s.created[:10], f"{s.done}/{s.total}")
        print("".join(pad(c, w) for c, w in zip(cells, widths, strict=True)) + nxt)
    return EXIT_OK


def _session(ctx: Context, ref: str) -> Session:
    store = ctx.store()
    return store.get(store.resolve(ref))


def cmd_show(ctx: Context) -> int:
    session = _session(ctx, ctx.args.session)
    plan = session.plan
    months = plan.months
    if ctx.args.month:
        wanted = _parse_month(ctx.args.month, ctx.today, ctx.lang)
        months = [m for m in plan.months if m.month == wanted]
        if not months:
            raise CommandError(
                t(
                    "cli.no_month",
                    ctx.lang,
                    month=month_label(wanted),
                    first=plan.months[0].label,
                    last=plan.months[-1].label,
                )
            )
    current = month_start(ctx.today)
    if ctx.args.json:
        _print_json(
            {
                "id": session.id,
                "name": session.name,
                "baseline": plan.baseline,
                "sesame_start": plan.sesame_start,
                "free_cash": plan.free_cash,
                "living_cost": plan.living_cost,
                "living_cost_assumed": plan.living_cost_assumed,
                "notes": [{"code": n.code, **n.figures} for n in plan.notes],
                "months": [
                    {
                        "month": m.label,
                        "projected_index": m.projected_index,
                        "projected_sesame": list(m.projected_sesame)
                        if m.projected_sesame
                        else None,
                        "actions": [
                            {
                                "key": a.key,
                                "action_id": a.action_id,
                                "title": ctx.title(a.action_id),
                                "factor": load_catalog().get(a.action_id).factor,
                                "monthly_cash": a.monthly_cash,
                                "done": a.done,
                                "done_on": a.done_on.isoformat() if a.done_on else None,
                                "missed": m.month < current and not a.done,
                            }
                            for a in m.actions
                        ],
                    }
                    for m in months
                ],
                "checkins": [
                    {
                        "month": month_label(c.month),
                        "sesame": c.sesame_score,
                        "limit": c.jiebei_limit,
                        "recorded_on": c.recorded_on.isoformat(),
                    }
                    for c in session.checkins
                ],
            }
        )
        return EXIT_OK
    print(t("cli.show_header", ctx.lang, name=session.name, id=session.id))
    print(
        t(
            "cli.show_index",
            ctx.lang,
            start=f"{plan.baseline:.1f}",
            end=f"{plan.projection[-1]:.1f}",
        )
    )
    bands = plan.projected_sesame
    if bands is not None and plan.sesame_start is not None:
        low, high = bands[-1]
        print(t("cli.show_sesame", ctx.lang, now=plan.sesame_start, low=low, high=high))
    print(progress_line(compare_progress(plan, session.checkins), ctx.lang))
    print(budget_line(plan, ctx.lang, key="report"))
    for note in note_lines(plan, ctx.lang):
        print(f"  · {note}")
    for month in months:
        done, total = month.progress()
        marker = f"  ← {t('cli.this_month', ctx.lang)}" if month.month == current else ""
        print()
        print(month_line(month, ctx.lang) + f"  {done}/{total}{marker}")
        for item in month.actions:
            box = "[x]" if item.done else "[ ]"
            missed = (
                f"  ({t('cli.missed', ctx.lang)})"
                if month.month < current and not item.done
                else ""
            )
            tags = " · ".join(action_tags(item.action_id, item.monthly_cash, ctx.lang))
            tags = f"  · {tags}" if tags else ""
            print(f"  {box} {ctx.title(item.action_id)}  ({item.key}){tags}{missed}")
    return EXIT_OK


def cmd_tick(ctx: Context) -> int:
    store = ctx.store()
    session_id = store.resolve(ctx.args.session)
    session = store.get(session_id)
    done = not ctx.args.undo
    try:
        month, item = session.plan.find(ctx.args.key)
    except KeyError:
        raise StoreError("unknown_key", key=ctx.args.key, name=session.name) from None
    if item.done == done:
        print(t("cli.already_done" if done else "cli.already_open", ctx.lang, key=item.key))
        return EXIT_OK
    updated = store.tick(session_id, item.key, done, ctx.today)
    finished, total = updated.plan.progress()
    print(
        t(
            "cli.ticked" if done else "cli.unticked",
            ctx.lang,
            month=month.label,
            title=ctx.title(item.action_id),
            key=item.key,
            done=finished,
            total=total,
        )
    )
    return EXIT_OK


def cmd_checkin(ctx: Context) -> int:
    args = ctx.args
    if args.sesame is None and args.limit is None:
        raise CommandError(t("cli.checkin_needs_value", ctx.lang), EXIT_USAGE)
    month = _parse_month(args.month, ctx.today, ctx.lang)
    try:
        checkin = CheckIn(
            month=month, sesame_score=args.sesame, jiebei_limit=args.limit, recorded_on=ctx.today
        )
    except ValidationError as exc:
        raise CommandError("; ".join(error_messages(exc, ctx.lang).values())) from None
    store = ctx.store()
    session = store.checkin(store.resolve(args.session), checkin)
    figures = []
    if checkin.sesame_score is not None:
        figures.append(t("cli.figure_sesame", ctx.lang, value=checkin.sesame_score))
    if checkin.jiebei_limit is not None:
        figures.append(t("cli.figure_limit", ctx.lang, value=f"{checkin.jiebei_limit:,.0f}"))
    print(t("cli.checked_in", ctx.lang, month=month_label(month), figures=", ".join(figures)))
    if checkin.sesame_score is not None:
        print(progress_line(compare_progress(session.plan, session.checkins), ctx.lang))
    return EXIT_OK


def cmd_export(ctx: Context) -> int:
    from jiebei_coach import exports

    session = _session(ctx, ctx.args.session)
    fmt = ctx.args.format
    if fmt == "md":
        data = exports.to_markdown(session, ctx.today, ctx.lang).encode("utf-8")
    elif fmt == "ics":
        data = exports.to_ics(session, ctx.lang)
    else:
        data = exports.to_json(session, datetime.now().astimezone()).encode("utf-8")
    if not ctx.args.output:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    path = Path(ctx.args.output).expanduser().absolute()
    if ctx.store().owns(path):
        raise CommandError(t("store.export_refused", ctx.lang, path=path))
    try:
        write_atomic(path, data, keep_backup=False)
    except StoreError as exc:
        raise CommandError(exc.message(ctx.lang)) from None
    print(t("cli.exported", ctx.lang, path=path))
    return EXIT_OK


def cmd_import(ctx: Context) -> int:
    from jiebei_coach.exports import BackupError, from_json

    path = Path(ctx.args.file)
    try:
        text = decode(read_limited(path, MAX_BACKUP_BYTES, regular_only=False))
    except TooLarge:
        reason = t("store.too_large", ctx.lang, limit=_size(MAX_BACKUP_BYTES))
        raise CommandError(t("cli.import_unreadable", ctx.lang, path=path, reason=reason)) from None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise CommandError(t("cli.import_unreadable", ctx.lang, path=path, reason=reason)) from None
    except UnicodeDecodeError:
        raise CommandError(t("cli.import_not_backup", ctx.lang, path=path)) from None
    try:
        session = from_json(text)
    except BackupError as exc:
        if exc.code == "bad_json":
            params = dict(exc.params)
            reason = t(f"store.json.{params.pop('json_code')}", ctx.lang, **params)
            message = t("cli.import_unreadable", ctx.lang, path=path, reason=reason)
            raise CommandError(message) from None
        key = {"not_backup": "cli.import_not_backup", "newer": "cli.import_newer"}.get(
            exc.code, "cli.import_invalid"
        )
        params = {k: printable(str(v)) for k, v in exc.params.items()}
        raise CommandError(t(key, ctx.lang, path=path, **params)) from None
    saved = ctx.store().import_session(session)
    print(saved.id)
    note = f" {t('cli.imported_new_id', ctx.lang)}" if saved.id != session.id else ""
    print(t("cli.imported", ctx.lang, name=saved.name, id=saved.id) + note, file=sys.stderr)
    return EXIT_OK


def cmd_delete(ctx: Context) -> int:
    if not ctx.args.yes:
        raise CommandError(t("cli.delete_needs_yes", ctx.lang), EXIT_USAGE)
    store = ctx.store()
    session_id = store.resolve(ctx.args.session)
    # The name from the list: a session too damaged to open can still be deleted.
    name = next((s.name for s in store.summaries(ctx.today) if s.id == session_id), "")
    store.delete(session_id)
    print(t("cli.deleted", ctx.lang, name=name))
    return EXIT_OK


EXIT_SCAM = 3


def _message_to_check(ctx: Context) -> str:
    """The message from the arguments, else standard input (with a hint at a terminal)."""
    words = getattr(ctx.args, "message", None) or []
    if words:
        return " ".join(words)
    if sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty():
        print(t("scam.paste_hint", ctx.lang), file=sys.stderr)
    return _read_message(ctx.lang)


def cmd_check_message(ctx: Context) -> int:
    """Check a message (argument or standard input); exit 3 when it looks like a scam."""
    from jiebei_coach.domain import check_message
    from jiebei_coach.presentation.scam import verdict_lines

    message = _message_to_check(ctx)
    if not message.strip():
        raise CommandError(t("scam.cli_empty", ctx.lang), EXIT_USAGE)
    verdict = check_message(message)
    for text, _style in verdict_lines(verdict, ctx.lang):
        print(text)
    return EXIT_SCAM if verdict.matched else EXIT_OK


def _read_message(lang: Lang) -> str:
    """Standard input as UTF-8 text (whatever the locale), up to ``MAX_MESSAGE_BYTES``."""
    stream = sys.stdin
    if stream is None or stream.closed:
        raise CommandError(t("store.no_stdin", lang), EXIT_USAGE)
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data = bytes(buffer.read(MAX_MESSAGE_BYTES + 1))
            text = data.decode("utf-8", errors="replace")
        else:
            text = str(stream.read(MAX_MESSAGE_BYTES + 1))
            data = text.encode("utf-8", errors="replace")
    except UnicodeDecodeError:
        raise CommandError(t("scam.unreadable", lang)) from None
    except (OSError, ValueError):  # closed, or not readable
        raise CommandError(t("store.no_stdin", lang), EXIT_USAGE) from None
    if len(data) > MAX_MESSAGE_BYTES:
        reason = t("store.too_large", lang, limit=_size(MAX_MESSAGE_BYTES))
        raise CommandError(t("cli.import_unreadable", lang, path="stdin", reason=reason))
    return text


def cmd_replan(ctx: Context) -> int:
    """Plan again from this month for the saved profile, keeping the past."""
    from jiebei_coach.domain import replan

    store = ctx.store()
    session = store.get(store.resolve(ctx.args.session))
    plan, changes = replan(session.plan, session.profile, ctx.today)
    store.replace(session.model_copy(update={"plan": plan}))
    for line in describe_changes(changes, ctx.lang, ctx.title):
        print(line)
    return EXIT_OK


def describe_changes(changes: Any, lang: Lang, title: Callable[[str], str]) -> list[str]:
    """A re-plan's changes as lines of text."""
    lines = [
        t(
            "replan.summary",
            lang,
            month=month_label(changes.from_month),
            before=f"{changes.index_before:.1f}",
            after=f"{changes.index_after:.1f}",
            kept=changes.kept_done,
        )
    ]
    if changes.sesame_before is not None and changes.sesame_after is not None:
        (low0, high0), (low1, high1) = changes.sesame_before, changes.sesame_after
        lines.append(t("replan.sesame", lang, before=f"{low0}–{high0}", after=f"{low1}–{high1}"))
    elif changes.sesame_after is not None:
        low1, high1 = changes.sesame_after
        lines.append(t("replan.sesame_new", lang, after=f"{low1}–{high1}"))
    for key, ids in (
        ("replan.added", changes.added),
        ("replan.removed", changes.removed),
        ("replan.rescheduled", changes.rescheduled),
    ):
        if ids:
            lines.append(t(key, lang, titles="; ".join(title(i) for i in ids)))
    if not (changes.added or changes.removed or changes.rescheduled):
        lines.append(t("replan.same", lang))
    return lines


COMMANDS: dict[str, Callable[[Context], int]] = {
    "locate": cmd_locate,
    "report": cmd_report,
    "demo": cmd_demo,
    "new": cmd_new,
    "list": cmd_list,
    "show": cmd_show,
    "tick": cmd_tick,
    "checkin": cmd_checkin,
    "export": cmd_export,
    "import": cmd_import,
    "delete": cmd_delete,
    "replan": cmd_replan,
    "check-message": cmd_check_message,
}


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Run the chosen subcommand, turning every expected problem into one line and a code."""
    ctx = Context(args=args, lang=lang, today=date.today(), lang_fixed=bool(args.lang))
    try:
        return COMMANDS[args.command](ctx)
    except CommandError as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    except StoreError as exc:
        print(exc.message(ctx.lang), file=sys.stderr)
        return EXIT_DATA
