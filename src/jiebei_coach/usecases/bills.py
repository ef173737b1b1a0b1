"""Reading the user's own bill into a session: the file, the proposal, what they accept.

The file is read (size first, then at most that many bytes), never copied or written, and
never kept: a session records only the figures taken from it, the days it covers and its
sha256, so the same bill is recognised when it is read again. A problem with the file is a
``UseCaseError("bill_<code>")`` (the codes of ``domain.bill_format.BILL_ERROR_CODES``), so
the command line and the app say it the same way. Nothing in a profile changes until the
user accepts: for a new session that is creating it, for a saved one ``apply_bill``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jiebei_coach.domain.bill_format import MAX_BILL_BYTES, BillError
from jiebei_coach.usecases.errors import UseCaseError

if TYPE_CHECKING:
    from jiebei_coach.domain import BillSummary, FieldChange, MonthEvidence, Profile, Session
    from jiebei_coach.domain.session import BillRecord
    from jiebei_coach.store import Store


def read_bill_file(path: str | Path, *, limit: int = MAX_BILL_BYTES) -> bytes:
    """The bytes of the bill at ``path``, refusing a file over ``limit`` before reading it
    (``BillError`` with ``file_missing``, ``not_a_file``, ``not_regular``, ``unreadable``
    or ``too_large``)."""
    target = Path(path).expanduser()
    try:
        size = target.stat().st_size
    except FileNotFoundError:
        raise BillError("file_missing", path=str(target)) from None
    except OSError as exc:
        raise BillError("unreadable", path=str(target), reason=exc.strerror or "") from None
    if target.is_dir():
        raise BillError("not_a_file", path=str(target))
    if not target.is_file():  # a device, a pipe or a socket: nothing to read as a bill
        raise BillError("not_regular", path=str(target))
    if size > limit:
        raise BillError("too_large", size=size, limit=limit)
    try:
        with target.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise BillError("unreadable", path=str(target), reason=exc.strerror or "") from None
    if len(data) > limit:  # it grew after the size was taken
        raise BillError("too_large", size=len(data), limit=limit)
    return data


def read_bill_at(path: str | Path) -> BillSummary:
    """The summary of the bill at ``path``; ``UseCaseError("bill_…")`` when it is not one."""
    from jiebei_coach.domain import read_bill

    try:
        return read_bill(read_bill_file(path))
    except BillError as error:
        raise UseCaseError(f"bill_{error.code}", **error.params) from None


@dataclass(frozen=True)
class BillProposal:
    """What a bill would change in a profile, the plan ticks it has evidence for, and when
    this very file was read into the session before (``None`` when never)."""

    summary: BillSummary
    changes: list[FieldChange]
    offers: dict[str, MonthEvidence]
    read_before: BillRecord | None


def propose(
    summary: BillSummary,
    session: Session | None,
    today: date,
    profile: Profile | None = None,
) -> BillProposal:
    """The bill against a saved session (or an empty profile for a new one). ``profile``,
    when given, is what to compare with instead of the session's saved profile: the form's
    values while they are being edited."""
    from jiebei_coach.domain import Profile, compare_with_profile, offers_in_plan

    against = profile or (session.profile if session is not None else Profile())
    changes = compare_with_profile(summary, against, today)
    if session is None:
        return BillProposal(summary, changes, {}, None)
    offers = offers_in_plan(summary, session.plan)
    return BillProposal(summary, changes, offers, session.bill_read(summary.file_hash))


def bill_record(summary: BillSummary, taken: Collection[FieldChange], today: date) -> BillRecord:
    """What a session keeps of a bill: its hash, period and row count, and the figures taken."""
    from jiebei_coach.domain.session import BillRecord

    figures = {c.field: c.model_dump(mode="json")["new"] for c in taken}
    return BillRecord(
        file_hash=summary.file_hash,
        source=summary.source,
        start=summary.period.start,
        end=summary.period.end,
        transactions=summary.transactions,
        read_on=today,
        taken=figures,
    )


def _chosen(changes: list[FieldChange], only: Collection[str] | None) -> list[FieldChange]:
    if only is None:
        return changes
    unknown = sorted(set(only) - {c.field for c in changes})
    if unknown:
        offered = ", ".join(c.field for c in changes)
        raise UseCaseError("bill_field_not_offered", fields=", ".join(unknown), offered=offered)
    return [c for c in changes if c.field in only]


def profile_from_bill(summary: BillSummary, today: date) -> tuple[Profile, list[FieldChange]]:
    """A new profile holding only what the bill shows, and those fields as changes."""
    from jiebei_coach.domain import Profile

    changes = propose(summary, None, today).changes
    return _applied(Profile(), changes), changes


def _applied(profile: Profile, changes: list[FieldChange]) -> Profile:
    """``apply_changes``, with a profile the bill would make invalid as a use-case error."""
    from pydantic import ValidationError

    from jiebei_coach.domain import apply_changes
    from jiebei_coach.usecases.sessions import invalid

    try:
        return apply_changes(profile, changes)
    except ValidationError as exc:
        raise invalid(exc) from None


def create_from_bill(
    store: Store, path: str | Path, name: str, today: date
) -> tuple[Session, BillProposal]:
    """A new session whose profile is what the bill at ``path`` shows (the rest unknown)."""
    from jiebei_coach.domain import build_plan
    from jiebei_coach.usecases.sessions import checked_name

    clean = checked_name(name)
    summary = read_bill_at(path)
    profile, changes = profile_from_bill(summary, today)
    record = bill_record(summary, changes, today)
    session = store.create(clean, profile, build_plan(profile, today), bills=[record])
    return session, BillProposal(summary, changes, {}, None)


@dataclass(frozen=True)
class BillApplied:
    """A bill applied to a saved session: the session as saved, the changes made (old → new
    as they were at that moment), the plan ticks it has evidence for, and when the same
    file had been read before."""

    session: Session
    changes: list[FieldChange]
    offers: dict[str, MonthEvidence]
    read_before: BillRecord | None


def apply_bill(
    store: Store,
    session_id: str,
    summary: BillSummary,
    today: date,
    only: Collection[str] | None = None,
) -> BillApplied:
    """Take the bill's figures into a session's profile (all of them, or the fields in
    ``only``) and record the bill, in one transaction against the profile as it is then.
    The plan stays as it is until the user re-plans; ticks are never made here."""
    found: list[BillProposal] = []
    taken: list[list[FieldChange]] = []

    def change(session: Session) -> Session:
        proposal = propose(summary, session, today)
        chosen = _chosen(proposal.changes, only)
        found.append(proposal)
        taken.append(chosen)
        profile = _applied(session.profile, chosen)
        record = bill_record(summary, chosen, today)
        return session.model_copy(update={"profile": profile}).with_bill(record)

    saved = store.update(session_id, change)
    proposal = found[-1]
    return BillApplied(saved, taken[-1], offers_from(saved, summary), proposal.read_before)


def offers_from(session: Session, summary: BillSummary) -> dict[str, MonthEvidence]:
    """The session's open plan ticks the bill has evidence for."""
    from jiebei_coach.domain import offers_in_plan

    return offers_in_plan(summary, session.plan)
