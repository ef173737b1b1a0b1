"""Scoring a profile: the potential index (0–100) and its breakdown.

index = gate × Σ dimension weight × Σ factor weight × sub-score / 100·100

Each sub-score comes from the factor's curve; an unknown input takes the factor's stated
``unknown_score``. A gate factor (currently overdue) scales everything: the gate is
``g + (1 − g) × sub/100`` when its input is known, 1 when it is not, so clearing an overdue
lifts every part. The index is bounded to [0, 100], monotone in every input, and the
displayed contributions (tenths of a point) add up to the displayed index exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict

from jiebei_coach.domain.metrics import METRICS, Metric
from jiebei_coach.domain.model import Confidence, Factor, FactorModel, Text, load_model
from jiebei_coach.domain.profile import Profile


@dataclass(frozen=True)
class _Compiled:
    """A factor flattened for fast scoring: its global weight and its metric."""

    dimension: str
    factor: Factor
    weight: float
    metric: Metric | None


_COMPILED: dict[int, tuple[FactorModel, tuple[_Compiled, ...]]] = {}


def _compile(model: FactorModel) -> tuple[_Compiled, ...]:
    """The model's factors flattened once per model object (models are immutable)."""
    entry = _COMPILED.get(id(model))
    if entry is None or entry[0] is not model:
        flat = tuple(
            _Compiled(d.key, f, d.weight * f.weight, METRICS[f.input] if f.input else None)
            for d in model.dimensions
            for f in d.factors
        )
        entry = _COMPILED[id(model)] = (model, flat)
    return entry[1]


def _raw(state: Mapping[str, Any], model: FactorModel) -> tuple[float, list[float], list[bool]]:
    """Gate multiplier, the sub-scores and which inputs are known, in model order."""
    gate = 1.0
    subs: list[float] = []
    known: list[bool] = []
    for item in _compile(model):
        value = item.metric(state) if item.metric else None
        sub = item.factor.sub_score(value)
        subs.append(sub)
        known.append(value is not None)
        g = item.factor.gate_multiplier
        if g is not None and value is not None:
            gate *= g + (1 - g) * sub / 100
    return gate, subs, known


def index_of(state: Mapping[str, Any], model: FactorModel | None = None) -> float:
    """The unrounded index of a profile given as a mapping of field values (the fast path)."""
    use = model or load_model()
    gate, subs, _ = _raw(state, use)
    total = sum(item.weight * sub for item, sub in zip(_compile(use), subs, strict=False))
    return min(100.0, max(0.0, gate * total))


def _tenths(value: float) -> int:
    return math.floor(value * 10 + 0.5)


def round_index(value: float) -> float:
    """Round an index to the tenth of a point shown to users (half up, like the breakdown)."""
    return _tenths(value) / 10


def _allocate_tenths(parts: list[float], total_tenths: int) -> list[int]:
    """Round ``parts`` to tenths so that they add up to ``total_tenths`` (largest remainder)."""
    floors = [math.floor(p * 10) for p in parts]
    remainders = sorted(range(len(parts)), key=lambda i: (-(parts[i] * 10 - floors[i]), i))
    short = total_tenths - sum(floors)
    for i in remainders[: max(0, short)]:
        floors[i] += 1
    return floors


class FactorScore(BaseModel):
    """How one factor scores: weight, sub-score, contribution and headroom in index points."""

    model_config = ConfigDict(frozen=True)

    key: str
    dimension: str
    name: Text
    weight: float
    global_weight: float
    score: float
    contribution: float
    headroom: float
    value: float | None
    known: bool
    measurable: bool
    actionable: bool
    gate: bool
    confidence: Confidence
    source: list[str]
    rationale: Text


class DimensionScore(BaseModel):
    """One dimension: its weight, its 0–100 score and its factors."""

    model_config = ConfigDict(frozen=True)

    key: str
    name: Text
    weight: float
    score: float
    contribution: float
    headroom: float
    confidence: Confidence
    source: list[str]
    factors: list[FactorScore]


class Breakdown(BaseModel):
    """The index of a profile and everything that makes it up."""

    model_config = ConfigDict(frozen=True)

    index: float
    gated: bool
    gate_multiplier: float
    sesame_estimate: int
    sesame_band: tuple[int, int]
    band_key: str
    band_name: Text
    sesame_actual: int | None
    dimensions: list[DimensionScore]
    model_version: int

    @property
    def factors(self) -> list[FactorScore]:
        """All factors, in model order."""
        return [f for d in self.dimensions for f in d.factors]

    def factor(self, key: str) -> FactorScore:
        """The factor with ``key``."""
        for factor in self.factors:
            if factor.key == key:
                return factor
        raise KeyError(key)

    def top_levers(self, n: int = 3) -> list[FactorScore]:
        """The ``n`` factors the user can act on with the most index points still available.

        A failing gate (currently overdue) always comes first: nothing else counts until
        it is cleared.
        """
        candidates = [f for f in self.factors if f.actionable and f.headroom > 0]
        candidates.sort(
            key=lambda f: (not (f.gate and f.known and f.score < 100), -f.headroom, f.key)
        )
        return candidates[:n]

    @property
    def sesame_gap(self) -> int | None:
        """The user's real Sesame score minus our estimate, when they entered one."""
        return None if self.sesame_actual is None else self.sesame_actual - self.sesame_estimate

    @property
    def sesame_within_band(self) -> bool | None:
        """Whether the real score falls inside our estimated band."""
        if self.sesame_actual is None:
            return None
        low, high = self.sesame_band
        return low <= self.sesame_actual <= high


def score(profile: Profile, model: FactorModel | None = None) -> Breakdown:
    """Score ``profile`` against the factor model (by default the one in assets)."""
    use = model or load_model()
    compiled = _compile(use)
    state = profile.__dict__
    gate, subs, known = _raw(state, use)
    raw_parts = [gate * item.weight * sub for item, sub in zip(compiled, subs, strict=False)]
    index_tenths = _tenths(min(100.0, max(0.0, sum(raw_parts))))
    part_tenths = _allocate_tenths(raw_parts, index_tenths)

    ungated = sum(item.weight * sub for item, sub in zip(compiled, subs, strict=False))
    factor_scores: dict[str, list[FactorScore]] = {d.key: [] for d in use.dimensions}
    for i, item in enumerate(compiled):
        f = item.factor
        g = f.gate_multiplier
        if g is not None and known[i]:
            # Clearing a gate lifts the multiplier to 1 as well as the factor itself.
            after = ungated + item.weight * (100 - subs[i])
            headroom = after - gate * ungated
        else:
            headroom = gate * item.weight * (100 - subs[i])
        factor_scores[item.dimension].append(
            FactorScore(
                key=f.key,
                dimension=item.dimension,
                name=f.name,
                weight=f.weight,
                global_weight=item.weight,
                score=round(subs[i], 1),
                contribution=part_tenths[i] / 10,
                headroom=_tenths(headroom) / 10,
                value=item.metric(state) if item.metric else None,
                known=known[i],
                measurable=item.metric is not None,
                actionable=f.actionable,
                gate=g is not None,
                confidence=f.confidence,
                source=f.source,
                rationale=f.rationale,
            )
        )

    dimensions = []
    offset = 0
    for d in use.dimensions:
        fs = factor_scores[d.key]
        tenths = part_tenths[offset : offset + len(fs)]
        offset += len(fs)
        dimensions.append(
            DimensionScore(
                key=d.key,
                name=d.name,
                weight=d.weight,
                score=round(sum(f.weight * f.score for f in fs), 1),
                contribution=sum(tenths) / 10,
                headroom=round(sum(f.headroom for f in fs), 1),
                confidence=d.confidence,
                source=d.source,
                factors=fs,
            )
        )

    index = index_tenths / 10
    scale = use.sesame
    estimate = round(scale.low + scale.per_point * index)
    band = scale.band_of(estimate)
    return Breakdown(
        index=index,
        gated=gate < 1,
        gate_multiplier=round(gate, 3),
        sesame_estimate=estimate,
        sesame_band=(
            max(scale.low, estimate - scale.band_halfwidth),
            min(scale.high, estimate + scale.band_halfwidth),
        ),
        band_key=band.key,
        band_name=band.name,
        sesame_actual=profile.sesame_score,
        dimensions=dimensions,
        model_version=use.version,
    )
