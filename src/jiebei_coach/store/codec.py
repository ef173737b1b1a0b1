"""Sessions as lean JSON documents, and back.

A plan is stored as catalog action ids, months, occurrence numbers and the date each was
done: never copies of catalog text, so the file stays small and a tick stays fast. Each
planned action is a short array ``[action_id, occurrence, repeats (0/1)]`` with the date
it was done appended once it is done. Keys are rebuilt from id and month by the planner's
own rule. ``rev`` counts the changes of a session; the storage re-serialises a document
only when its ``rev`` moves.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from jiebei_coach.domain.calendar import (
    month_label,
    month_start,
    occurrence_key,
    parse_month_label,
)
from jiebei_coach.safe_text import printable
from jiebei_coach.store.checks import check_session_doc

if TYPE_CHECKING:
    from jiebei_coach.domain import CheckIn, Plan, Profile, Session

#: 2 added optional profile fields (借呗 status, 花呗 and cards, applications, living costs,
#: housing fund, age, student) and the Sesame-equivalent projection of plans.
SCHEMA_VERSION = 3


def _month(text: str) -> date:
    return parse_month_label(text)


def profile_to_doc(profile: Profile) -> dict[str, Any]:
    """Known fields only; sets as sorted lists of names."""
    doc: dict[str, Any] = {}
    for name, value in profile.known_fields().items():
        if isinstance(value, frozenset):
            doc[name] = sorted(getattr(v, "value", v) for v in value)
        else:
            doc[name] = getattr(value, "value", value)
    return doc


def plan_to_doc(plan: Plan) -> dict[str, Any]:
    """The plan's structure and ticks."""
    months = []
    for month in plan.months:
        actions: list[list[Any]] = []
        for item in month.actions:
            entry: list[Any] = [item.action_id, item.occurrence, int(item.recurring)]
            if item.done:
                entry.append(item.done_on.isoformat() if item.done_on else 1)
            actions.append(entry)
        stored: dict[str, Any] = {
            "month": month_label(month.month),
            "projected": month.projected_index,
            "actions": actions,
        }
        if month.projected_sesame is not None:
            stored["sesame"] = list(month.projected_sesame)
        asks = {a.action_id: a.monthly_cash for a in month.actions if a.monthly_cash}
        if asks:
            stored["cash"] = asks
        months.append(stored)
    doc: dict[str, Any] = {
        "start": plan.start.isoformat(),
        "capacity": plan.capacity,
        "baseline": plan.baseline,
        "model_version": plan.model_version,
        "months": months,
    }
    if plan.sesame_start is not None:
        doc["sesame_start"] = plan.sesame_start
    if plan.projection_from is not None:
        doc["projection_from"] = month_label(plan.projection_from)
    if plan.free_cash is not None:
        doc["free_cash"] = plan.free_cash
    if plan.living_cost is not None:
        doc["living_cost"] = plan.living_cost
        doc["living_cost_assumed"] = plan.living_cost_assumed
    if plan.notes:
        doc["notes"] = [
            {"code": n.code, **({"figures": n.figures} if n.figures else {})} for n in plan.notes
        ]
    return doc


def plan_from_doc(doc: dict[str, Any]) -> Plan:
    """Rebuild a plan (keys included) from its document."""
    from jiebei_coach.domain import Plan, PlanMonth, PlannedAction, PlanNote

    months = []
    for raw in doc["months"]:
        first = _month(raw["month"])
        asks = raw.get("cash") or {}
        actions = []
        for entry in raw["actions"]:
            action_id, occurrence, repeats = entry[0], entry[1], bool(entry[2])
            done = entry[3] if len(entry) > 3 else None
            actions.append(
                PlannedAction(
                    key=occurrence_key(action_id, first, repeats),
                    action_id=action_id,
                    occurrence=occurrence,
                    recurring=repeats,
                    done=bool(done),
                    done_on=date.fromisoformat(done) if isinstance(done, str) else None,
                    monthly_cash=asks.get(action_id, 0.0),
                )
            )
        band = raw.get("sesame")
        months.append(
            PlanMonth(
                month=first,
                actions=actions,
                projected_index=raw["projected"],
                projected_sesame=None if band is None else (band[0], band[1]),
            )
        )
    since = doc.get("projection_from")
    return Plan(
        start=date.fromisoformat(doc["start"]),
        capacity=doc["capacity"],
        baseline=doc["baseline"],
        months=months,
        model_version=doc["model_version"],
        sesame_start=doc.get("sesame_start"),
        projection_from=None if since is None else _month(since),
        free_cash=doc.get("free_cash"),
        living_cost=doc.get("living_cost"),
        living_cost_assumed=bool(doc.get("living_cost_assumed", False)),
        notes=[PlanNote.model_validate(n) for n in doc.get("notes", [])],
    )


def checkin_to_doc(checkin: CheckIn) -> dict[str, Any]:
    """One month's real figures."""
    doc: dict[str, Any] = {
        "month": month_label(checkin.month),
        "on": checkin.recorded_on.isoformat(),
    }
    if checkin.sesame_score is not None:
        doc["sesame"] = checkin.sesame_score
    if checkin.jiebei_limit is not None:
        doc["limit"] = checkin.jiebei_limit
    return doc


def session_to_doc(session: Session, rev: int = 1) -> dict[str, Any]:
    """The whole session as stored; ``rev`` is its change count."""
    return {
        "schema_version": SCHEMA_VERSION,
        "rev": rev,
        "id": session.id,
        "name": session.name,
        "created": session.created.isoformat(),
        "updated": session.updated.isoformat(),
        "profile": profile_to_doc(session.profile),
        "plan": plan_to_doc(session.plan),
        "checkins": [checkin_to_doc(c) for c in session.checkins],
        "draws": [
            {"on": d.on.isoformat(), "amount": d.amount, "use": d.use, "purpose": d.purpose}
            for d in session.draws
        ],
        "bills": [b.model_dump(mode="json") for b in session.bills],
    }


def session_from_doc(doc: dict[str, Any]) -> Session:
    """Rebuild and validate a session; raises ``ValueError`` on a damaged one
    (``DocumentError``, saying where, when the document is not in the expected shape)."""
    from jiebei_coach.domain import CheckIn, Draw, Profile, Session, load_catalog
    from jiebei_coach.domain.session import BillRecord

    check_session_doc(doc, full=True, known_actions=load_catalog().ids())

    return Session(
        id=doc["id"],
        name=doc["name"],
        created=datetime.fromisoformat(doc["created"]),
        updated=datetime.fromisoformat(doc["updated"]),
        profile=Profile.model_validate(doc.get("profile", {})),
        plan=plan_from_doc(doc["plan"]),
        checkins=[
            CheckIn(
                month=_month(c["month"]),
                sesame_score=c.get("sesame"),
                jiebei_limit=c.get("limit"),
                recorded_on=date.fromisoformat(c["on"]),
            )
            for c in doc.get("checkins", [])
        ],
        draws=[
            Draw(
                on=date.fromisoformat(d["on"]),
                amount=d["amount"],
                use=d["use"],
                purpose=d.get("purpose", ""),
            )
            for d in doc.get("draws", [])
        ],
        bills=[BillRecord.model_validate(b) for b in doc.get("bills", [])],
    )


class Summary:
    """What a session list shows, read straight from the document (no full validation)."""

    __slots__ = (
        "created",
        "done",
        "id",
        "month_open",
        "name",
        "next_action",
        "next_key",
        "total",
        "updated",
    )

    def __init__(self, doc: dict[str, Any], today: date) -> None:
        self.id: str = doc["id"]
        self.name: str = printable(doc["name"])  # as it may be shown: read from a file
        self.created: str = doc["created"]
        self.updated: str = doc["updated"]
        current = month_label(month_start(today))
        self.done = self.total = self.month_open = 0
        self.next_action: str | None = None
        self.next_key: str | None = None
        missed: tuple[str, str] | None = None
        for month in doc["plan"]["months"]:
            label = month["month"]
            for entry in month["actions"]:
                self.total += 1
                if len(entry) > 3 and entry[3]:
                    self.done += 1
                    continue
                if label == current:
                    self.month_open += 1
                if label >= current and self.next_action is None:
                    self.next_action = entry[0]
                    self.next_key = occurrence_key(entry[0], _month(label), bool(entry[2]))
                elif label < current and missed is None:
                    missed = (entry[0], occurrence_key(entry[0], _month(label), bool(entry[2])))
        if self.next_action is None and missed is not None:
            self.next_action, self.next_key = missed
