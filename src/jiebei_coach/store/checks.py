"""Checking a session document before anything relies on it.

A document from a backup, or from a data file that another program (or a person) edited,
can be valid JSON yet not what this version writes: a key missing, a month given as a
number, a projection of ``Infinity``, six million actions, an action from a newer catalog.
:func:`check_session_doc` finds that first and says where, in words, so that nothing later
fails with a Python error, prints a document, or writes a file that cannot be read back.

Two depths: what the store and the session list rely on (shapes, finite numbers, lengths
and counts within :mod:`jiebei_coach.store.limits`), checked for every session when the
data file is opened; and, when a whole session is loaded or imported, also the planner's
own ranges and the action ids the catalog knows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from jiebei_coach.store import limits

#: A generous bound on plan months for the quick check (the planner's own is lower).
_MONTHS_STORED = 240
#: The most items a planned action's entry may have (four today).
_ENTRY_ITEMS = 16
_MONTH_LABEL = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


class DocumentError(ValueError):
    """What is wrong with a document, and where (``plan.months[3].month``)."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


def _fail(where: str, problem: str) -> DocumentError:
    return DocumentError(where, problem)


def _int(value: Any, where: str, low: int, high: int) -> int:
    if type(value) is not int:
        raise _fail(where, "expected a whole number")
    if not low <= value <= high:
        raise _fail(where, f"must be between {low} and {high}")
    return value


def _number(value: Any, where: str, low: float, high: float) -> float:
    if type(value) not in (int, float):
        raise _fail(where, "expected a number")
    if type(value) is float and not math.isfinite(value):
        raise _fail(where, "must be a finite number")
    if not low <= value <= high:
        raise _fail(where, f"must be between {low:g} and {high:g}")
    return float(value)


def _text(value: Any, where: str, most: int = limits.MAX_TEXT) -> str:
    if type(value) is not str:
        raise _fail(where, "expected text")
    if len(value) > most:
        raise _fail(where, f"longer than {most} characters")
    return value


def _list(value: Any, where: str, most: int) -> list[Any]:
    if type(value) is not list:
        raise _fail(where, "expected a list")
    if len(value) > most:
        raise _fail(where, f"more than {most} entries")
    return value


def _dict(value: Any, where: str) -> dict[str, Any]:
    if type(value) is not dict:
        raise _fail(where, "expected an object")
    return value


def _date(value: Any, where: str) -> None:
    try:
        date.fromisoformat(_text(value, where))
    except ValueError:
        raise _fail(where, "expected a date like 2026-11-29") from None


def _datetime(value: Any, where: str) -> None:
    try:
        datetime.fromisoformat(_text(value, where))
    except ValueError:
        raise _fail(where, "expected a date and time like 2026-11-29T09:30:00+08:00") from None


def _month(value: Any, where: str) -> str:
    text = _text(value, where)
    if len(text) != 7 or text[4] != "-" or not (text[:4] + text[5:]).isdigit():
        raise _fail(where, "expected a month like 2026-11")
    if not 1 <= int(text[5:]) <= 12 or text[:4] == "0000":
        raise _fail(where, "expected a month like 2026-11")
    return text


def _plain(value: Any, where: str) -> None:
    """A profile value: a finite number, true/false, empty, short text or a short list."""
    kind = type(value)
    if kind is float or kind is int:
        _number(value, where, -1e15, 1e15)
    elif kind is str:
        _text(value, where)
    elif kind is list:
        for i, item in enumerate(_list(value, where, 50)):
            _text(item, f"{where}[{i}]")
    elif value is not None and kind is not bool:
        raise _fail(where, "expected a number, text or a list of names")


def _entry_ok(entry: Any) -> bool:
    # [action id, occurrence, repeats, done]; later versions may append more.
    return type(entry) is list and 3 <= len(entry) <= _ENTRY_ITEMS and type(entry[0]) is str


def _month_ok(month: Any) -> bool:
    if type(month) is not dict:
        return False
    label, actions = month.get("month"), month.get("actions")
    return (
        type(label) is str
        and _MONTH_LABEL.fullmatch(label) is not None
        and type(actions) is list
        and len(actions) <= limits.MAX_ACTIONS_PER_MONTH
        and all(map(_entry_ok, actions))
    )


def _check_months(plan: Any) -> list[Any]:
    """What the session list reads of a plan: its months and each action's id.

    Written for speed, as it runs for every session when a file of a thousand is opened:
    the places are worked out only once something is found wrong.
    """
    months = _list(_dict(plan, "plan").get("months"), "plan.months", _MONTHS_STORED)
    if all(map(_month_ok, months)):
        return months
    m, month = next((m, month) for m, month in enumerate(months) if not _month_ok(month))
    where = f"plan.months[{m}]"
    _month(_dict(month, where).get("month"), f"{where}.month")
    actions = _list(month.get("actions"), f"{where}.actions", limits.MAX_ACTIONS_PER_MONTH)
    a = next(a for a, entry in enumerate(actions) if not _entry_ok(entry))
    raise _fail(f"{where}.actions[{a}]", "expected [action id, occurrence, repeats, done]")


def _check_plan(plan: dict[str, Any], known_actions: Collection[str] | None) -> None:
    from jiebei_coach.domain.planner import MAX_CAPACITY, MAX_MONTHS

    _date(plan.get("start"), "plan.start")
    _int(plan.get("capacity"), "plan.capacity", 1, MAX_CAPACITY)
    _number(plan.get("baseline"), "plan.baseline", 0, 100)
    _int(plan.get("model_version"), "plan.model_version", 0, 1_000_000)
    months = plan["months"]
    if not months:
        raise _fail("plan.months", "the plan has no months")
    if len(months) > MAX_MONTHS:
        raise _fail("plan.months", f"more than {MAX_MONTHS} months")
    previous = ""
    for m, month in enumerate(months):
        where = f"plan.months[{m}]"
        if month["month"] <= previous:
            raise _fail(f"{where}.month", "months must be in order, each once")
        previous = month["month"]
        _number(month.get("projected"), f"{where}.projected", 0, 100)
        for a, entry in enumerate(month["actions"]):
            at = f"{where}.actions[{a}]"
            action_id = _text(entry[0], f"{at}[0]")
            if known_actions is not None and action_id not in known_actions:
                raise _fail(at, f"unknown action '{action_id}' (from a newer jiebei-coach?)")
            _int(entry[1], f"{at}[1]", 0, limits.MAX_OCCURRENCE)
            if entry[2] not in (0, 1):
                raise _fail(f"{at}[2]", "expected 0 or 1")
            if len(entry) > 3 and type(entry[3]) is str:
                _date(entry[3], f"{at}[3]")
            elif len(entry) > 3 and entry[3] not in (0, 1):
                raise _fail(f"{at}[3]", "expected the date it was done")


def check_session_doc(
    doc: Any, *, full: bool = False, known_actions: Collection[str] | None = None
) -> None:
    """Raise ``DocumentError`` unless ``doc`` is a session this version can use.

    Without ``full``, only what the store and the session list rely on (quick enough for
    every session of a large file): a document that fails this would break every list.
    ``full`` checks the whole session: types, ranges (the planner's own), lengths and
    counts; ``known_actions`` (the catalog's ids) also refuses actions this version does
    not know. Keys it does not look at are left alone, so that a field added by a newer
    version does not make a document wrong.
    """
    doc = _dict(doc, "")
    for key in ("id", "name", "created", "updated", "plan"):
        if key not in doc:
            raise _fail(key, "missing")
    if not _text(doc["id"], "id"):
        raise _fail("id", "empty")
    _text(doc["name"], "name")
    _text(doc["created"], "created")
    _text(doc["updated"], "updated")
    _check_months(doc["plan"])
    if not full:
        return
    _datetime(doc["created"], "created")
    _datetime(doc["updated"], "updated")
    _int(doc.get("schema_version", 0), "schema_version", 0, 1_000_000)
    _int(doc.get("rev", 0), "rev", 0, 1 << 62)
    profile = _dict(doc.get("profile", {}), "profile")
    if len(profile) > 200:
        raise _fail("profile", "more than 200 fields")
    for key, value in profile.items():
        _plain(value, f"profile.{_text(key, 'profile')}")
    _check_plan(doc["plan"], known_actions)
    for i, checkin in enumerate(_list(doc.get("checkins", []), "checkins", limits.MAX_CHECKINS)):
        where = f"checkins[{i}]"
        checkin = _dict(checkin, where)
        _month(checkin.get("month"), f"{where}.month")
        _date(checkin.get("on"), f"{where}.on")
        if checkin.get("sesame") is not None:
            _int(checkin["sesame"], f"{where}.sesame", 0, 10_000)
        if checkin.get("limit") is not None:
            _number(checkin["limit"], f"{where}.limit", 0, 1e12)
    for i, draw in enumerate(_list(doc.get("draws", []), "draws", limits.MAX_DRAWS)):
        where = f"draws[{i}]"
        draw = _dict(draw, where)
        _date(draw.get("on"), f"{where}.on")
        _number(draw.get("amount"), f"{where}.amount", 0, 1e12)
        _text(draw.get("use"), f"{where}.use")
        _text(draw.get("purpose", ""), f"{where}.purpose")
    for i, bill in enumerate(_list(doc.get("bills", []), "bills", limits.MAX_BILLS)):
        where = f"bills[{i}]"
        bill = _dict(bill, where)
        _text(bill.get("file_hash"), f"{where}.file_hash")
        _date(bill.get("start"), f"{where}.start")
        _date(bill.get("end"), f"{where}.end")
        _date(bill.get("read_on"), f"{where}.read_on")
        taken = _dict(bill.get("taken", {}), f"{where}.taken")
        if len(taken) > 200:
            raise _fail(f"{where}.taken", "more than 200 fields")
        for key, value in taken.items():
            _plain(value, f"{where}.taken.{_text(key, where)}")


def describe(error: Exception) -> str:
    """A one-line reason for a document that could not be used, without Python's reprs."""
    if isinstance(error, DocumentError):
        return str(error)
    errors = getattr(error, "errors", None)  # pydantic's ValidationError
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        text = str(first.get("msg", "")).removeprefix("Value error, ")
        return f"{where}: {text}" if where else text
    return "the data is not in the expected shape"
