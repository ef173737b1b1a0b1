"""Commands that only read and print: where the file is, the list, a plan, a report, and
the scam check."""

from __future__ import annotations

import shutil
import sys

from jiebei_coach.cli.context import CommandError, Context, print_json
from jiebei_coach.cli.exits import EXIT_OK, EXIT_SCAM, EXIT_USAGE
from jiebei_coach.i18n import Lang, t
from jiebei_coach.presentation.report import (
    action_tags,
    budget_line,
    fit,
    month_line,
    note_lines,
    pad,
    progress_line,
)
from jiebei_coach.store import resolve_db_path
from jiebei_coach.store.limits import MAX_MESSAGE_BYTES, MB


def cmd_locate(ctx: Context) -> int:
    print(resolve_db_path(getattr(ctx.args, "db", None)))
    return EXIT_OK


def cmd_report(ctx: Context) -> int:
    from jiebei_coach.presentation.report import text_report

    store = ctx.store() if ctx.args.session else None
    session = store.get(store.resolve(ctx.args.session)) if store is not None else None
    print(text_report(ctx.today, ctx.lang, session))
    return EXIT_OK


def cmd_list(ctx: Context) -> int:
    summaries = ctx.store().summaries(ctx.today)
    if ctx.args.json:
        print_json(
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


def cmd_show(ctx: Context) -> int:
    from jiebei_coach.domain import compare_progress, load_catalog, month_start
    from jiebei_coach.domain.calendar import month_label

    store = ctx.store()
    session = store.get(store.resolve(ctx.args.session))
    plan = session.plan
    months = plan.months
    if ctx.args.month:
        wanted = ctx.month(ctx.args.month)
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
        print_json(
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


def _size(limit: int) -> str:
    return f"{limit // MB} MB" if limit >= MB else f"{limit // 1024} KB"


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
