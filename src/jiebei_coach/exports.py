"""A session as Markdown (a printable checklist), iCalendar (one event a month) and JSON
(a full backup that ``import`` restores)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from jiebei_coach.domain import Session, load_catalog
from jiebei_coach.domain.calendar import month_label
from jiebei_coach.i18n import Lang, get_language, t
from jiebei_coach.presentation.report import action_tags, budget_line, month_line, note_lines
from jiebei_coach.store.checks import DocumentError, describe
from jiebei_coach.store.codec import SCHEMA_VERSION, session_from_doc, session_to_doc
from jiebei_coach.store.migrations import migrate
from jiebei_coach.store.reading import JsonError, load_json

BACKUP_FORMAT = "jiebei-coach-session"


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


def to_json(session: Session, exported: datetime) -> str:
    """A full backup of the session, readable by :func:`from_json`."""
    payload = {
        "format": BACKUP_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported": exported.isoformat(),
        "session": session_to_doc(session),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


class BackupError(Exception):
    """Why a backup cannot be imported: ``code`` keys the message, ``params`` fill it."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def from_json(text: str) -> Session:
    """Read a backup made by :func:`to_json` (older versions are migrated).

    Everything in it is checked before it is used (see ``store.checks``): shapes, numbers,
    lengths, the plan's ranges and the actions this version knows; names are cleaned of
    escape sequences, and refused with NUL, direction overrides or nothing visible. A
    byte-order mark at the start (as some editors save) is ignored.
    """
    try:
        payload = load_json(text.removeprefix("\ufeff"))
    except JsonError as exc:
        if exc.code == "syntax":
            raise BackupError("not_backup") from None
        raise BackupError("bad_json", json_code=exc.code, **exc.params) from None
    if not isinstance(payload, dict) or payload.get("format") != BACKUP_FORMAT:
        raise BackupError("not_backup")
    doc = payload.get("session")
    version = payload.get("schema_version")
    if not isinstance(doc, dict) or type(version) is not int:
        raise BackupError("not_backup")
    doc_version = doc.get("schema_version", 0)
    if type(doc_version) is not int:
        raise BackupError("invalid", reason="session.schema_version: expected a whole number")
    if version > SCHEMA_VERSION or doc_version > SCHEMA_VERSION:
        raise BackupError("newer", found=max(version, doc_version))
    try:
        upgraded = migrate({"sessions": {"1": doc}})["sessions"]["1"]
    except LookupError:
        reason = f"data version {doc_version} cannot be converted"
        raise BackupError("invalid", reason=reason) from None
    try:
        return session_from_doc(upgraded)
    except (ValidationError, DocumentError, KeyError, TypeError, ValueError) as exc:
        raise BackupError("invalid", reason=describe(exc)) from None
