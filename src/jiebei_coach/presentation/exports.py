"""A session as Markdown (a printable checklist) and iCalendar (one event a month).

The JSON backup is the store's format (``store.backup``)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from jiebei_coach.domain import Session, load_catalog
from jiebei_coach.domain.calendar import month_label
from jiebei_coach.i18n import Lang, get_language, t
from jiebei_coach.presentation.report import action_tags, budget_line, month_line, note_lines


def _title(action_id: str, lang: Lang) -> str:
    return load_catalog().get(action_id).title.get(lang)


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def to_markdown(session: Session, today: date, lang: Lang | None = None) -> str:
    """A printable plan: one heading a month and a task list (``- [ ]`` / ``- [x]``)."""
    use = lang or get_language()
    done, total = session.plan.progress()
    lines = [
        f"# {t('export.title', use, name=session.name)}",
        "",
        t("export.generated", use, date=today.isoformat()),
        "",
        t("export.progress", use, done=done, total=total),
        "",
        budget_line(session.plan, use, key="report"),
    ]
    notes = note_lines(session.plan, use)
    if notes:
        lines += ["", *(f"> {_md_escape(note)}" for note in notes)]
    catalog = load_catalog()
    for month in session.plan.months:
        lines += [
            "",
            f"## {month_line(month, use, key='export')}",
            "",
        ]
        for item in month.actions:
            action = catalog.get(item.action_id)
            box = "x" if item.done else " "
            tags = " · ".join(action_tags(item.action_id, item.monthly_cash, use))
            tags = f" · {_md_escape(tags)}" if tags else ""
            lines.append(f"- [{box}] **{_md_escape(action.title.get(use))}** (`{item.key}`){tags}")
            lines.append(f"  {_md_escape(action.how.get(use))}")
    if session.checkins:
        head = t("export.checkin_columns", use).split("|")
        lines += ["", f"## {t('export.checkins', use)}", "", "| " + " | ".join(head) + " |"]
        lines.append("|" + "---|" * len(head))
        for c in session.checkins:
            sesame = "" if c.sesame_score is None else str(c.sesame_score)
            limit = "" if c.jiebei_limit is None else f"¥{c.jiebei_limit:,.0f}"
            lines.append(f"| {month_label(c.month)} | {sesame} | {limit} |")
    return "\n".join(lines) + "\n"


def to_ics(session: Session, lang: Lang | None = None) -> bytes:
    """An iCalendar file with one all-day event on the first of each month of the plan."""
    from icalendar import Calendar, Event

    use = lang or get_language()
    calendar = Calendar()
    calendar.add("prodid", "-//jiebei-coach//plan//" + use.upper())
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", t("export.title", use, name=session.name))
    stamp = session.updated.astimezone() if session.updated.tzinfo else session.updated
    for month in session.plan.months:
        open_items = [a for a in month.actions if not a.done]
        event = Event()
        event.add("uid", f"{session.id}-{month.label}@jiebei-coach")
        event.add("dtstamp", stamp)
        event.add("dtstart", month.month)
        event.add("dtend", month.month + timedelta(days=1))
        summary = (
            t("export.event", use, month=month.label, open=len(open_items))
            if open_items
            else t("export.event_done", use, month=month.label)
        )
        event.add("summary", summary)
        event.add(
            "description",
            "\n".join(
                f"[{'x' if a.done else ' '}] {_title(a.action_id, use)} ({a.key})"
                for a in month.actions
            ),
        )
        calendar.add_component(event)
    return bytes(calendar.to_ical())


SUFFIXES = {"md": ".md", "ics": ".ics", "json": ".json"}


def export_file_name(name: str, fmt: str) -> str:
    """The file an export goes to when only a folder is given: ``jiebei-coach-<name>.md``.

    Letters and digits of the name are kept (Chinese too); anything else becomes ``-``.
    """
    stem = re.sub("-+", "-", "".join(c if c.isalnum() else "-" for c in name)).strip("-")
    return f"jiebei-coach-{stem}{SUFFIXES[fmt]}" if stem else f"jiebei-coach{SUFFIXES[fmt]}"


def export_data(session: Session, fmt: str, lang: Lang, today: date) -> bytes:
    """A session as the bytes of an export in ``fmt`` (``md``, ``ics`` or ``json``)."""
    from jiebei_coach.store.backup import to_json

    if fmt == "md":
        return to_markdown(session, today, lang).encode("utf-8")
    if fmt == "ics":
        return to_ics(session, lang)
    return to_json(session, datetime.now().astimezone()).encode("utf-8")
