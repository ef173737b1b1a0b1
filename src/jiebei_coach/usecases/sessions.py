"""Session operations: create, change, tick, check in, re-plan, rename, copy, delete.

Every change goes through one store transaction, and the change is computed inside it
from the session as it is on disk then (``Store.update``): a tick made in another window
while a re-plan runs is kept. Invalid input becomes a ``UseCaseError`` with a code; the
words are in ``presentation``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from jiebei_coach.domain.errors import FieldError, field_errors
from jiebei_coach.safe_text import NAME_MAX, NameRefused, clean_name
from jiebei_coach.usecases.errors import UseCaseError

if TYPE_CHECKING:
    from pydantic import ValidationError

    from jiebei_coach.domain import CheckIn, Draw, PlanChanges, Profile, Session
    from jiebei_coach.domain.session import BillRecord
    from jiebei_coach.store import Store


def checked_name(name: str) -> str:
    """A session name as it will be kept, or ``UseCaseError("name_…")`` saying why not."""
    try:
        return clean_name(name)
    except NameRefused as refused:
        raise UseCaseError(f"name_{refused.code}", limit=NAME_MAX) from None


def invalid(exc: ValidationError) -> UseCaseError:
    """A pydantic validation error as a use-case error carrying each field's problem."""
    return UseCaseError("invalid", fields=field_errors(exc))


def fields_of(error: UseCaseError) -> list[FieldError]:
    """The field problems an ``invalid`` error carries (empty for other codes)."""
    found = error.params.get("fields", [])
    return [f for f in found if isinstance(f, FieldError)]


# ------------------------------------------------------------------ creating


def create_session(
    store: Store,
    name: str,
    profile: Profile,
    today: date,
    bills: Sequence[BillRecord] = (),
) -> Session:
    """A new session for ``profile`` with a fresh plan; a taken name gets " (2)" …
    ``bills`` records the bills some of the profile's values were read from."""
    from jiebei_coach.domain import build_plan

    return store.create(checked_name(name), profile, build_plan(profile, today), bills)


def create_demo(store: Store, today: date, name: str) -> Session:
    """A session from the demo profile (a fictional shop owner)."""
    from jiebei_coach.domain import demo_profile

    return create_session(store, name, demo_profile(), today)


def duplicate(store: Store, session_id: str) -> Session:
    """A copy of a session, with a new id and a name like "name (2)"."""
    return store.import_session(store.get(session_id))


def save_profile(
    store: Store, session_id: str, profile: Profile, bill: BillRecord | None = None
) -> Session:
    """Keep a new profile for a session; its plan stays until it is re-planned. ``bill``
    records the bill some of its values were read from."""

    def change(session: Session) -> Session:
        changed = session.model_copy(update={"profile": profile})
        return changed if bill is None else changed.with_bill(bill)

    return store.update(session_id, change)


# ----------------------------------------------------------------- ticking


@dataclass(frozen=True)
class TickResult:
    """A tick or an untick: the session as saved, and whether anything changed."""

    session: Session
    key: str
    action_id: str
    month: str
    changed: bool


def tick(store: Store, session_id: str, key: str, done: bool, today: date) -> TickResult:
    """Mark a planned action done (or not), durable on disk when this returns.

    A key that names a repeating action without its month (``pay-on-time``) is refused
    with the keys it could mean.
    """
    found: dict[str, Any] = {}

    def change(session: Session) -> Session:
        try:
            month, item = session.plan.find(key)
        except KeyError:
            options = [a.key for _, a in session.plan.actions() if a.action_id == key]
            raise UseCaseError(
                "unknown_key", key=key, name=session.name, options=", ".join(options[:3])
            ) from None
        found.update(action_id=item.action_id, month=month.label, changed=item.done != done)
        if item.done == done:
            return session
        return session.model_copy(update={"plan": session.plan.with_done(key, done, today)})

    saved = store.update(session_id, change)
    return TickResult(saved, key, found["action_id"], found["month"], found["changed"])


# ---------------------------------------------------------- check-ins, draws


def check_in(
    store: Store,
    session_id: str,
    month: date,
    sesame: int | None,
    limit: float | None,
    today: date,
) -> tuple[Session, CheckIn]:
    """Record (or replace) one month's real Sesame score and 借呗 limit."""
    from pydantic import ValidationError

    from jiebei_coach.domain import CheckIn

    if sesame is None and limit is None:
        raise UseCaseError("checkin_empty")
    try:
        checkin = CheckIn(month=month, sesame_score=sesame, jiebei_limit=limit, recorded_on=today)
    except ValidationError as exc:
        raise invalid(exc) from None
    return store.update(session_id, lambda s: s.with_checkin(checkin)), checkin


def log_draw(
    store: Store, session_id: str, amount: float, use: str, purpose: str, today: date
) -> tuple[Session, Draw]:
    """Log what a draw on the credit line paid for."""
    from pydantic import ValidationError

    from jiebei_coach.domain import Draw

    try:
        draw = Draw.model_validate({"on": today, "amount": amount, "use": use, "purpose": purpose})
    except ValidationError as exc:
        raise invalid(exc) from None
    return store.update(session_id, lambda s: s.with_draw(draw)), draw


# ---------------------------------------------------------------- re-planning


@dataclass(frozen=True)
class ReplanResult:
    """A re-plan: the session as saved and what changed in its plan."""

    session: Session
    changes: PlanChanges


def replan(store: Store, session_id: str, today: date) -> ReplanResult:
    """Plan again from today's month for the saved profile, keeping the past and its ticks.

    The new plan is made inside the transaction from the session as it is then, so a tick
    saved elsewhere a moment ago is part of it.
    """
    from jiebei_coach.domain import replan as replan_plan

    found: list[PlanChanges] = []

    def change(session: Session) -> Session:
        plan, changes = replan_plan(session.plan, session.profile, today)
        found.append(changes)
        return session.model_copy(update={"plan": plan})

    saved = store.update(session_id, change)
    return ReplanResult(saved, found[-1])


# ------------------------------------------------------------ names, delete


def rename(store: Store, session_id: str, name: str) -> Session:
    """Give a session another name; its own current name does not count as taken."""
    return store.rename(session_id, checked_name(name))


def delete(store: Store, session_id: str, today: date) -> str:
    """Remove a session; returns the name it had (from the list, so that a session too
    damaged to open can still be deleted)."""
    name = next((s.name for s in store.summaries(today) if s.id == session_id), "")
    store.delete(session_id)
    return name
