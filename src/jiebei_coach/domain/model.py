"""The factor model: dimensions, factors, weights and scoring curves, read from assets.

``load_model()`` validates ``assets/factor_model.json`` strictly (weights sum to 1 at each
level, curves are monotone, every factor names a known metric, a source and a confidence)
and fails with a message naming the file and the key, so a broken edit of the data is
caught at once instead of producing a quietly wrong index.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from functools import cache
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from jiebei_coach.assets import AssetError, read_json
from jiebei_coach.domain.metrics import METRICS

Confidence = Literal["official", "reported", "heuristic"]
Weight = Annotated[float, Field(gt=0, le=1)]
_WEIGHT_TOLERANCE = 1e-9


class Text(BaseModel):
    """A text in both languages."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    zh: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.zh if lang == "zh" else self.en


def _interpolate(points: list[tuple[float, float]], value: float) -> float:
    """Piecewise-linear interpolation over increasing ``x``, clamped at both ends."""
    if value <= points[0][0]:
        return points[0][1]
    if value >= points[-1][0]:
        return points[-1][1]
    i = bisect_right([x for x, _ in points], value)
    (x0, y0), (x1, y1) = points[i - 1], points[i]
    return y0 + (y1 - y0) * (value - x0) / (x1 - x0)


class Factor(BaseModel):
    """One factor: a metric, its weight within the dimension and its scoring curve."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    name: Text
    input: str | None = Field(description="a metric name; null when we cannot measure it")
    weight: Weight
    curve: Annotated[list[tuple[float, Annotated[float, Field(ge=0, le=100)]]], Field(min_length=2)]
    unknown_score: Annotated[float, Field(ge=0, le=100)]
    actionable: bool
    gate_multiplier: Annotated[float, Field(ge=0, lt=1)] | None = None
    gate_below: Annotated[float, Field(gt=0, le=100)] = 100
    rationale: Text
    source: Annotated[list[str], Field(min_length=1)]
    confidence: Confidence

    @field_validator("input")
    @classmethod
    def _known_metric(cls, value: str | None) -> str | None:
        if value is not None and value not in METRICS:
            raise ValueError(f"unknown metric {value!r}; known: {', '.join(sorted(METRICS))}")
        return value

    @field_validator("curve")
    @classmethod
    def _monotone_curve(cls, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
        xs = [x for x, _ in points]
        ys = [y for _, y in points]
        if not all(math.isfinite(x) for x in xs):
            raise ValueError("curve inputs must be finite numbers")
        if any(b <= a for a, b in itertools.pairwise(xs)):
            raise ValueError("curve inputs must be strictly increasing")
        rising = all(b >= a for a, b in itertools.pairwise(ys))
        falling = all(b <= a for a, b in itertools.pairwise(ys))
        if not (rising or falling):
            raise ValueError("curve scores must be monotone (all rising or all falling)")
        return points

    @model_validator(mode="after")
    def _neutral_within_curve(self) -> Factor:
        if self.unknown_score > max(y for _, y in self.curve):
            raise ValueError("unknown_score cannot exceed the best score on the curve")
        return self

    @property
    def direction(self) -> int:
        """+1 when a higher input scores higher, -1 when lower is better, 0 when flat."""
        first, last = self.curve[0][1], self.curve[-1][1]
        return (last > first) - (last < first)

    def sub_score(self, value: float | None) -> float:
        """The 0–100 sub-score of an input value (piecewise linear, clamped at the ends)."""
        return self.unknown_score if value is None else _interpolate(self.curve, value)


class Dimension(BaseModel):
    """One of the five reported Sesame dimensions, with its factors."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    name: Text
    weight: Weight
    source: Annotated[list[str], Field(min_length=1)]
    confidence: Confidence
    factors: Annotated[list[Factor], Field(min_length=1)]

    @model_validator(mode="after")
    def _weights_sum_to_one(self) -> Dimension:
        total = sum(f.weight for f in self.factors)
        if abs(total - 1) > _WEIGHT_TOLERANCE:
            raise ValueError(f"factor weights of {self.key!r} sum to {total:g}, not 1")
        return self


class Band(BaseModel):
    """A named Sesame score band, ``low`` inclusive, ``high`` exclusive (but the top)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    low: int
    high: int
    name: Text


class Pace(BaseModel):
    """How fast a projected Sesame-equivalent may move: points a month, points over a plan."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    month: Annotated[int, Field(gt=0)]
    plan: Annotated[int, Field(gt=0)]
    plan_overdue: Annotated[int, Field(gt=0)]


class Evidence(BaseModel):
    """What must be known before any Sesame-equivalent is given: ``needed`` of the groups.

    A group is known when any of its metrics is known.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    needed: Annotated[int, Field(ge=1)]
    groups: dict[str, Annotated[list[str], Field(min_length=1)]]

    @model_validator(mode="after")
    def _known_metrics(self) -> Evidence:
        unknown = sorted({m for ms in self.groups.values() for m in ms} - set(METRICS))
        if unknown:
            raise ValueError(f"unknown metrics in evidence groups: {', '.join(unknown)}")
        if self.needed > len(self.groups):
            raise ValueError("needed cannot exceed the number of groups")
        return self


class SesameScale(BaseModel):
    """How the index maps to a Sesame-equivalent band, and how fast a projection may move.

    ``calibration`` maps the index (0–100) to the middle of the band; it is strictly rising,
    so it can be inverted. Without the real score a band is ``min_halfwidth`` (everything
    known) to ``max_halfwidth`` (little known) either side of the middle: never narrower
    than 100 points. With the real score the band is ``actual_halfwidth`` either side of it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    low: int
    high: int
    calibration: Annotated[list[tuple[float, float]], Field(min_length=2)]
    min_halfwidth: Annotated[int, Field(ge=50)]
    max_halfwidth: int
    actual_halfwidth: Annotated[int, Field(ge=0)]
    monthly_widening: Annotated[float, Field(ge=0)]
    pace: Pace
    evidence: Evidence
    rationale: Text
    bands: Annotated[list[Band], Field(min_length=1)]
    source: Annotated[list[str], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> SesameScale:
        xs = [x for x, _ in self.calibration]
        ys = [y for _, y in self.calibration]
        if xs[0] != 0 or xs[-1] != 100:
            raise ValueError("calibration must run from index 0 to index 100")
        if any(b <= a for a, b in itertools.pairwise(xs)) or any(
            b <= a for a, b in itertools.pairwise(ys)
        ):
            raise ValueError("calibration must be strictly rising in both index and score")
        if ys[0] < self.low or ys[-1] > self.high:
            raise ValueError("calibration must stay within low and high")
        if self.max_halfwidth < self.min_halfwidth:
            raise ValueError("max_halfwidth cannot be below min_halfwidth")
        edges = [self.low] + [b.high for b in self.bands]
        starts = [b.low for b in self.bands]
        if starts != edges[:-1] or edges[-1] != self.high:
            raise ValueError("bands must run without gaps from low to high")
        return self

    def centre(self, index: float) -> float:
        """The middle of the Sesame-equivalent band for an index."""
        return _interpolate(self.calibration, index)

    def index_for(self, centre: float) -> float:
        """The index whose band middle is ``centre`` (the inverse of ``centre``)."""
        return _interpolate([(y, x) for x, y in self.calibration], centre)

    def halfwidth(self, coverage: float) -> int:
        """Half the band's width when ``coverage`` (0–1) of the model's weight is known."""
        share = min(1.0, max(0.0, coverage))
        return round(self.max_halfwidth - (self.max_halfwidth - self.min_halfwidth) * share)

    def around(self, middle: float, halfwidth: float) -> tuple[int, int]:
        """A band of ``halfwidth`` either side of ``middle``, moved (not cut) to fit the range."""
        low, high = round(middle - halfwidth), round(middle + halfwidth)
        if low < self.low:
            low, high = self.low, min(self.high, high + self.low - low)
        if high > self.high:
            low, high = max(self.low, low - (high - self.high)), self.high
        return low, high

    def band_of(self, score: float) -> Band:
        """The named band a Sesame score falls in."""
        for band in self.bands:
            if score < band.high:
                return band
        return self.bands[-1]


class FactorModel(BaseModel):
    """The whole model: dimensions with weights summing to 1, and the Sesame scale."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    dimensions: Annotated[list[Dimension], Field(min_length=1)]
    sesame: SesameScale

    @model_validator(mode="after")
    def _consistent(self) -> FactorModel:
        total = sum(d.weight for d in self.dimensions)
        if abs(total - 1) > _WEIGHT_TOLERANCE:
            raise ValueError(f"dimension weights sum to {total:g}, not 1")
        keys = [f.key for d in self.dimensions for f in d.factors]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes or len({d.key for d in self.dimensions}) != len(self.dimensions):
            raise ValueError(f"factor and dimension keys must be unique (repeated: {dupes})")
        return self

    def factor(self, key: str) -> Factor:
        """The factor with ``key``."""
        for dimension in self.dimensions:
            for factor in dimension.factors:
                if factor.key == key:
                    return factor
        raise KeyError(key)


SourceKind = Literal["primary", "secondary", "own"]
_SOURCE_DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|undated)$")


class Source(BaseModel):
    """Where a weight, rule or fact comes from, who published it and when.

    ``kind``: ``primary`` (a regulator, a court, the State Council, Ant or Alipay said it),
    ``secondary`` (media and other sites reporting it) or ``own`` (our reasoning).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: Text
    publisher: Annotated[str, Field(min_length=1)]
    date: str
    where: Annotated[str, Field(min_length=1)]
    kind: SourceKind
    note: Text | None = None

    @field_validator("date")
    @classmethod
    def _date_shape(cls, value: str) -> str:
        if not _SOURCE_DATE.match(value):
            raise ValueError("date must be YYYY, YYYY-MM, YYYY-MM-DD or 'undated'")
        return value

    @model_validator(mode="after")
    def _dated_if_primary(self) -> Source:
        if self.kind == "primary" and self.date == "undated":
            raise ValueError("a primary source needs its date")
        return self


def describe_validation_error(file: str, exc: ValidationError) -> str:
    """One line per problem: ``file: key.path: message``."""
    lines = []
    for error in exc.errors():
        path = ".".join(str(p) for p in error["loc"]) or "(top level)"
        lines.append(f"{file}: {path}: {error['msg']}")
    return "\n".join(lines)


@cache
def load_sources() -> dict[str, Source]:
    """The source list (``assets/sources.json``), by id."""
    raw = read_json("sources.json")
    try:
        if not isinstance(raw, dict):
            raise AssetError("sources.json: (top level): must be an object of sources")
        return {key: Source.model_validate(value) for key, value in raw.items()}
    except ValidationError as exc:
        raise AssetError(describe_validation_error("sources.json", exc)) from None


def check_sources(
    file: str, where: str, ids: list[str], confidence: Confidence | None = None
) -> None:
    """Fail naming ``file`` and ``where`` when the sources do not back the confidence.

    Every id must be in ``sources.json``; ``official`` needs a primary source; ``reported``
    needs at least two sources that are not our own reasoning.
    """
    known = load_sources()
    missing = [s for s in ids if s not in known]
    if missing:
        raise AssetError(f"{file}: {where}.source: unknown source id {', '.join(missing)}")
    kinds = [known[s].kind for s in ids]
    if confidence == "official" and "primary" not in kinds:
        raise AssetError(f"{file}: {where}.confidence: 'official' needs a primary source")
    if confidence == "reported" and sum(k != "own" for k in kinds) < 2:
        raise AssetError(
            f"{file}: {where}.confidence: 'reported' needs two sources besides our own reasoning"
        )


SourcedT = TypeVar("SourcedT", bound=BaseModel)


def load_sourced_list(
    file: str, entries: object, kind: type[SourcedT], where: str = ""
) -> list[SourcedT]:
    """Validate a list of entries that each carry a ``source``; name file and key on error."""
    if not isinstance(entries, list):
        raise AssetError(f"{file}: {where or '(top level)'}: must be a list")
    validated: list[SourcedT] = []
    for i, entry in enumerate(entries):
        key = f"{where}.{i}" if where else str(i)
        try:
            item = kind.model_validate(entry)
        except ValidationError as exc:
            raise AssetError(describe_validation_error(f"{file}: {key}", exc)) from None
        check_sources(
            file, key, list(getattr(item, "source", [])), getattr(item, "confidence", None)
        )
        validated.append(item)
    return validated


@cache
def load_model() -> FactorModel:
    """Read and validate the factor model (cached: the data does not change while running)."""
    try:
        model = FactorModel.model_validate(read_json("factor_model.json"))
    except ValidationError as exc:
        raise AssetError(describe_validation_error("factor_model.json", exc)) from None
    check_sources("factor_model.json", "sesame", model.sesame.source)
    for d_index, dimension in enumerate(model.dimensions):
        where = f"dimensions.{d_index}"
        check_sources("factor_model.json", where, dimension.source, dimension.confidence)
        for f_index, factor in enumerate(dimension.factors):
            where = f"dimensions.{d_index}.factors.{f_index}"
            check_sources("factor_model.json", where, factor.source, factor.confidence)
    return model
