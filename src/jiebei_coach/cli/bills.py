"""The bill commands: read an export, start a session from it, take it into a session.

``bill`` only reads and prints; ``new --from-bill`` and ``apply-bill`` change the data file
through the same use cases the app runs. A file that is not a bill is one line on stderr
and exit 1, and the data file is not touched.
"""

from __future__ import annotations

import json
import sys

from jiebei_coach.cli.context import Context
from jiebei_coach.cli.exits import EXIT_OK
from jiebei_coach.i18n import t
from jiebei_coach.presentation.bills import (
    change_line,
    offer_line,
    summary_json,
    summary_lines,
    too_old_line,
)
from jiebei_coach.usecases import bills


def cmd_bill(ctx: Context) -> int:
    """Read one export and print what it shows, with the evidence."""
    summary = bills.read_bill_at(ctx.args.file)
    if ctx.args.json:
        print(json.dumps(summary_json(summary), ensure_ascii=False, indent=2))
    else:
        print("\n".join(summary_lines(summary, ctx.lang, ctx.today)))
    return EXIT_OK


def cmd_new_from_bill(ctx: Context) -> int:
    """A new session whose profile holds what the bill shows (the rest left unknown)."""
    session, proposal = bills.create_from_bill(
        ctx.store(), ctx.args.from_bill, ctx.args.name, ctx.today
    )
    print(session.id)
    print(t("cli.created", ctx.lang, name=session.name, id=session.id), file=sys.stderr)
    old = too_old_line(proposal.summary, ctx.today, ctx.lang)
    if old:
        print(old, file=sys.stderr)
    if proposal.changes:
        for change in proposal.changes:
            print("  " + change_line(change, ctx.lang), file=sys.stderr)
    else:
        print(t("bill.nothing_to_take", ctx.lang), file=sys.stderr)
    return EXIT_OK


def cmd_apply_bill(ctx: Context) -> int:
    """Take the bill's figures into a saved session: each change old → new, the plan
    actions it is evidence for, and a reminder to re-plan."""
    store = ctx.store()
    session_id = store.resolve(ctx.args.session)
    summary = bills.read_bill_at(ctx.args.file)
    only = None
    if ctx.args.only:
        only = {f.strip() for f in ctx.args.only.split(",") if f.strip()}
    applied = bills.apply_bill(store, session_id, summary, ctx.today, only)
    old = too_old_line(summary, ctx.today, ctx.lang)
    if old:
        print(old)
    if applied.read_before is not None:
        print(t("bill.read_before", ctx.lang, date=applied.read_before.read_on.isoformat()))
    if not applied.changes:
        print(t("bill.no_changes", ctx.lang))
    for change in applied.changes:
        print(change_line(change, ctx.lang))
    if applied.offers:
        print(t("bill.offers_heading", ctx.lang))
        for key, month in applied.offers.items():
            title = ctx.title(key.split("@")[0])
            print(f"  {key}  " + offer_line(month, title, ctx.lang))
        print(t("bill.tick_hint", ctx.lang, session=session_id[:8]))
    if applied.changes:
        print(t("bill.replan_hint", ctx.lang, session=session_id[:8]))
    if applied.session.checkin_for(ctx.today) is None:
        print(t("bill.checkin_hint", ctx.lang, session=session_id[:8]))
    return EXIT_OK
