"""The action catalog: what a user can do, when it applies, and what it changes.

Each action lives in ``assets/actions.json`` with its texts in both languages, effort,
cadence, conditions (``when`` it applies, ``until`` a milestone is reached) and effects on
profile inputs. Effects move an input in its better direction; the loader rejects one that
points the other way unless it says ``worsens`` (reality sometimes does: an overdue paid
off stays on the record as a late payment).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from jiebei_coach.assets import AssetError, read_json
from jiebei_coach.domain.cash import CashKind
from jiebei_coach.domain.metrics import METRICS
from jiebei_coach.domain.model import (
    Confidence,
    Text,
    check_sources,
    describe_validation_error,
    load_model,
)
from jiebei_coach.domain.profile import BETTER_DIRECTION, IdentityItem, LifeScene, Profile

Effort = Literal["low", "medium", "high"]
Cadence = Literal["once", "monthly", "milestone"]
Kind = Literal["gate", "safety", "lever", "form"]

#: How much work each effort level counts as when ranking actions by gain per effort.
EFFORT_COST: dict[str, float] = {"low": 1.0, "medium": 2.0, "high": 3.0}

_SET_FIELDS: dict[str, type[LifeScene] | type[IdentityItem]] = {
    "life_scenes": LifeScene,
    "identity_items": IdentityItem,
}
_PROFILE_FIELDS = frozenset(Profile.model_fields)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def input_value(state: Mapping[str, Any], name: str) -> Any:
    """A profile field or a derived metric of ``state``, by name."""
    if name in _PROFILE_FIELDS:
        return state.get(name)
    return METRICS[name](state)


class Condition(BaseModel):
    """A test on one input: ``lender_count >= 3``, ``life_scenes lacks utilities`` …

    An unknown input makes a comparison false, except ``!=`` (unknown is not the value),
    ``lacks`` (we cannot tell it is there) and ``unknown`` itself.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    input: str
    op: Literal["==", "!=", "<", "<=", ">", ">=", "has", "lacks", "unknown", "known"]
    value: bool | float | str | None = None

    @field_validator("input")
    @classmethod
    def _known_input(cls, value: str) -> str:
        if value not in _PROFILE_FIELDS and value not in METRICS:
            raise ValueError(f"unknown input {value!r}")
        return value

    def holds(self, state: Mapping[str, Any]) -> bool:
        """Whether the condition is true of ``state``."""
        current = input_value(state, self.input)
        op, want = self.op, self.value
        if op == "unknown":
            return current is None
        if op == "known":
            return current is not None
        if op == "==":
            return bool(current == want)
        if op == "!=":
            return bool(current != want)
        if op in ("has", "lacks"):
            inside = current is not None and any(_item_value(i) == want for i in current)
            return inside if op == "has" else not inside
        if current is None or want is None or isinstance(want, str):
            return False
        number, limit = float(current), float(want)
        return {
            "<": number < limit,
            "<=": number <= limit,
            ">": number > limit,
            ">=": number >= limit,
        }[op]


def _item_value(item: Any) -> Any:
    return getattr(item, "value", item)


class Effect(BaseModel):
    """What doing an action once changes in the profile (applied on a copy of its values).

    ``set`` a value; ``add`` a step (``bound`` stops it); ``approach`` a target by at most
    ``step`` per application (with ``relative_to``, both target and step are shares of
    another field: 30% of the limit, 5% of income a month; with ``window_months``, the step
    is the starting distance to the target spread over the window, as when old draws leave
    a 90-day window or old checks a 6-month one); ``include`` items in a set field. A
    change that would make the input worse is applied only when the effect says
    ``worsens``. Simulated values may be fractional (a late payment a quarter of the way
    out of the window).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    field: str
    op: Literal["set", "add", "approach", "include"]
    value: bool | float | list[str]
    step: Annotated[float, Field(gt=0)] | None = None
    relative_to: str | None = None
    bound: float | None = None
    window_months: Annotated[int, Field(ge=1, le=60)] | None = None
    worsens: bool = False

    @model_validator(mode="after")
    def _improves(self) -> Effect:
        direction = BETTER_DIRECTION.get(self.field)
        if direction is None:
            raise ValueError(f"field {self.field!r} is not one an action can change")
        if self.worsens:
            step = self.value if isinstance(self.value, (int, float)) else 0
            if self.op != "add" or isinstance(self.value, bool) or step * direction >= 0:
                raise ValueError("worsens needs an 'add' that moves the input the worse way")
            return self
        if self.window_months is not None and (self.op != "approach" or self.step is not None):
            raise ValueError("window_months needs 'approach' without a step")
        if self.op == "include":
            kind = _SET_FIELDS.get(self.field)
            if kind is None or not isinstance(self.value, list):
                raise ValueError("include needs a set field and a list of items")
            allowed = {m.value for m in kind}
            bad = [v for v in self.value if v not in allowed]
            if bad:
                raise ValueError(f"unknown items for {self.field}: {bad}")
        elif isinstance(self.value, list):
            raise ValueError(f"{self.op} needs a single value")
        elif self.op == "set" and not isinstance(self.value, bool):
            raise ValueError("set takes true or false; use approach for numbers")
        elif self.op == "set" and self.value != (direction > 0):
            raise ValueError(f"setting {self.field} to {self.value} would make it worse")
        elif self.op == "add" and float(self.value) * direction <= 0:
            raise ValueError(f"adding {self.value} to {self.field} would make it worse")
        if self.relative_to is not None and self.relative_to not in _PROFILE_FIELDS:
            raise ValueError(f"unknown field {self.relative_to!r}")
        return self

    def apply(
        self, state: MutableMapping[str, Any], origin: Mapping[str, Any] | None = None
    ) -> None:
        """Change ``state`` in place, in the input's better direction unless it ``worsens``.

        ``origin`` is the profile the simulation started from (for ``window_months``).
        """
        field, current = self.field, state.get(self.field)
        direction = BETTER_DIRECTION[field]
        if self.worsens:
            if current is not None and not isinstance(self.value, list):
                state[field] = max(0.0, float(current) + float(self.value))
            return
        if self.op == "include":
            # An unknown set stays unknown: we cannot tell what is in it already, and a
            # guess could score below the neutral value and make a projection dip.
            if current is not None and isinstance(self.value, list):
                kind = _SET_FIELDS[field]
                state[field] = frozenset(current) | {kind(v) for v in self.value}
            return
        if self.op == "set":
            # Setting an unknown input is allowed: ``set`` only ever names the best value,
            # which no factor scores below its neutral value (the model loader checks).
            if current is None or _better(self.value, current, direction):
                state[field] = self.value
            return
        if current is None or isinstance(self.value, list):
            return
        value = float(self.value)
        if self.op == "add":
            moved = float(current) + value
            if self.bound is not None:
                moved = max(moved, self.bound) if direction < 0 else min(moved, self.bound)
            moved = max(moved, 0.0)
        else:
            target = value
            if self.relative_to is not None:
                base = state.get(self.relative_to)
                if base is None:
                    return
                target = value * float(base)
            gap = target - float(current)
            if gap * direction <= 0:
                return
            step = abs(gap) if self.step is None else self.step
            if self.step is not None and self.relative_to is not None:
                step = self.step * float(state[self.relative_to])
            if self.window_months is not None:
                start = (origin or state).get(field)
                spread = abs(target - float(start)) if start is not None else abs(gap)
                step = max(spread / self.window_months, 1e-9)
            moved = float(current) + max(-step, min(step, gap))
            if abs(target - moved) < 1e-9:
                moved = target  # land exactly, not a rounding error short of it
        if _better(moved, current, direction):
            state[field] = moved


def _better(new: Any, old: Any, direction: int) -> bool:
    return bool((new > old) if direction > 0 else (new < old))


class Urgency(BaseModel):
    """Start the action by month ``by`` (0 = the first) when any condition holds (or always)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    by: Annotated[int, Field(ge=0, le=24)]
    when_any: list[Condition] = []

    def holds(self, state: Mapping[str, Any]) -> bool:
        """Whether this deadline applies to a profile."""
        return not self.when_any or any(c.holds(state) for c in self.when_any)


class CashUse(BaseModel):
    """What an action does with money: which use (see ``cash``) and its turn among them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    use: CashKind
    order: Annotated[int, Field(ge=0)]


class Action(BaseModel):
    """One thing a user can do, with why, how, effort, cadence and projected effect.

    ``kind``: ``gate`` (clear an overdue), ``safety`` (protective: judged on the profile as
    entered and never dropped), ``lever`` (moves the index) or ``form`` (filling in details,
    never ahead of a real lever). ``urgent`` deadlines put protective steps early;
    ``cash`` makes the action a use of the month's spare money; ``not_with`` names actions
    that contradict it in the same month; ``score_only`` marks steps that only polish the
    score (left out for someone whose goal is getting out of debt); ``leads_when_short``
    puts the step first for someone whose repayments and living costs already take all
    their income (negotiating before being told to pay what they do not have).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    factor: str | None
    kind: Kind
    title: Text
    how: Text
    why: Text
    effort: Effort
    cadence: Cadence
    target: Text | None = None
    earliest_month: Annotated[int, Field(ge=0, le=24)] = 0
    effect_lag_months: Annotated[int, Field(ge=0, le=24)] = 0
    priority: Annotated[float, Field(ge=0, le=20)] = 0
    urgent: list[Urgency] = []
    cash: CashUse | None = None
    not_with: list[str] = []
    score_only: bool = False
    leads_when_short: bool = False
    when: list[Condition] = []
    when_any: list[Condition] = []
    until: list[Condition] = []
    effects: list[Effect] = []
    source: Annotated[list[str], Field(min_length=1)]
    confidence: Confidence

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("id must be lower-case words joined by hyphens")
        return value

    @model_validator(mode="after")
    def _milestone_has_target(self) -> Action:
        if self.cadence == "milestone" and not self.until and self.cash is None:
            raise ValueError("a milestone needs an 'until' condition or a cash use")
        if self.cash is not None and self.cadence != "milestone":
            raise ValueError("a cash action is a milestone: it repeats while money is needed")
        return self

    def deadline(self, state: Mapping[str, Any]) -> int | None:
        """The month by which the action must start for this profile, if any."""
        months = [u.by for u in self.urgent if u.holds(state)]
        return min(months) if months else None

    def applies(self, state: Mapping[str, Any]) -> bool:
        """Whether the action is worth doing for a profile with these values."""
        return all(c.holds(state) for c in self.when) and (
            not self.when_any or any(c.holds(state) for c in self.when_any)
        )

    def reached(self, state: Mapping[str, Any]) -> bool:
        """Whether a milestone's target holds (never true for other cadences)."""
        return bool(self.until) and all(c.holds(state) for c in self.until)


class Catalog(BaseModel):
    """All actions, by id, in file order."""

    model_config = ConfigDict(frozen=True)

    actions: list[Action]
    _by_id: dict[str, Action] = PrivateAttr(default_factory=dict)
    _clashes: frozenset[tuple[str, str]] = PrivateAttr(default_factory=frozenset)

    @model_validator(mode="after")
    def _unique_ids(self) -> Catalog:
        ids = [a.id for a in self.actions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"action ids must be unique (repeated: {dupes})")
        unknown = sorted({other for a in self.actions for other in a.not_with} - set(ids))
        if unknown:
            raise ValueError(f"not_with names unknown actions: {unknown}")
        self._by_id = {a.id: a for a in self.actions}
        pairs = {(a.id, other) for a in self.actions for other in a.not_with}
        self._clashes = frozenset(pairs | {(b, a) for a, b in pairs})
        return self

    def clash(self, first: str, second: str) -> bool:
        """Whether two actions contradict each other in the same month (either way round)."""
        return (first, second) in self._clashes

    def get(self, action_id: str) -> Action:
        """The action with ``action_id``."""
        return self._by_id[action_id]

    def ids(self) -> set[str]:
        """Every action id."""
        return {a.id for a in self.actions}


@cache
def load_catalog() -> Catalog:
    """Read and validate ``assets/actions.json`` against the factor model and sources."""
    raw = read_json("actions.json")
    try:
        catalog = Catalog.model_validate({"actions": raw})
    except ValidationError as exc:
        raise AssetError(describe_validation_error("actions.json", exc)) from None
    model = load_model()
    factor_keys = {f.key for d in model.dimensions for f in d.factors}
    for i, action in enumerate(catalog.actions):
        where = f"{i}({action.id})"
        if action.factor is not None and action.factor not in factor_keys:
            raise AssetError(f"actions.json: {where}.factor: unknown factor {action.factor!r}")
        check_sources("actions.json", where, action.source, action.confidence)
    return catalog
