"""Scoring a profile: the potential index (0–100) and its breakdown.

index = Π gates × Σ dimension weight × Σ factor weight × sub-score

Each sub-score comes from the factor's curve; an unknown input takes the factor's stated
``unknown_score``. A gate factor scales everything when it is bad enough: its gate is
``g + (1 − g) × min(1, sub / below)`` when its input is known, 1 when it is not. Being
overdue right now is a gate from the first point down (``below`` 100); a crushing debt load
or very many lenders only below a sub-score of 40, so that a debt spiral is not outweighed
by a clean history. The index is bounded to [0, 100], monotone in every input, and the
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


def gate_of(factor: Factor, sub: float) -> float:
    """The multiplier a known gate factor puts on the whole index (1 when it is no gate)."""
    g = factor.gate_multiplier
    if g is None:
        return 1.0
    return g + (1 - g) * min(1.0, sub / factor.gate_below)


def _raw(
    state: Mapping[str, Any], model: FactorModel
) -> tuple[list[float], list[float], list[bool]]:
    """Each factor's gate (1 for most), its sub-score and whether its input is known."""
    gates: list[float] = []
    subs: list[float] = []
    known: list[bool] = []
    for item in _compile(model):
        value = item.metric(state) if item.metric else None
        sub = item.factor.sub_score(value)
        subs.append(sub)
        known.append(value is not None)
        gates.append(1.0 if value is None else gate_of(item.factor, sub))
    return gates, subs, known


def index_of(state: Mapping[str, Any], model: FactorModel | None = None) -> float:
    """The unrounded index of a profile given as a mapping of field values (the fast path)."""
    use = model or load_model()
    gates, subs, _ = _raw(state, use)
    total = sum(item.weight * sub for item, sub in zip(_compile(use), subs, strict=False))
    return min(100.0, max(0.0, math.prod(gates) * total))


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
    gate_multiplier: float
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
    """The index of a profile and everything that makes it up.

    ``sesame_band`` is the Sesame-equivalent shown to the user: around the real score when
    it was entered, else the model's estimate, else ``None`` (too little is known; the
    groups still missing are in ``evidence_missing``). ``model_band`` is always the
    estimate from the profile alone, so it can be compared with the real score.
    """

    model_config = ConfigDict(frozen=True)

    index: float
    gate_multiplier: float
    coverage: float
    sesame_estimate: int | None
    model_band: tuple[int, int] | None
    sesame_band: tuple[int, int] | None
    band_key: str | None
    band_name: Text | None
    sesame_actual: int | None
    evidence_missing: list[str]
    dimensions: list[DimensionScore]
    model_version: int

    @property
    def factors(self) -> list[FactorScore]:
        """All factors, in model order."""
        return [f for d in self.dimensions for f in d.factors]

    @property
    def gates(self) -> list[FactorScore]:
        """The gate factors holding the whole index down right now, strongest first."""
        closed = [f for f in self.factors if f.gate_multiplier < 1]
        return sorted(closed, key=lambda f: (f.gate_multiplier, f.key))

    @property
    def gated(self) -> bool:
        """Whether any gate holds the index down."""
        return self.gate_multiplier < 1

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
        candidates.sort(key=lambda f: (f.gate_multiplier > 0.5, -f.headroom, f.key))
        return candidates[:n]

    @property
    def sesame_gap(self) -> int | None:
        """The real Sesame score minus the middle of the model's estimate, when both exist."""
        if self.sesame_actual is None or self.sesame_estimate is None:
            return None
        return self.sesame_actual - self.sesame_estimate

    @property
    def sesame_within_band(self) -> bool | None:
        """Whether the real score falls inside the model's own estimate (``None``: no pair)."""
        if self.sesame_actual is None or self.model_band is None:
            return None
        low, high = self.model_band
        return low <= self.sesame_actual <= high


def evidence_missing(state: Mapping[str, Any], model: FactorModel) -> list[str]:
    """The evidence groups with nothing known, in the model's order."""
    return [
        group
        for group, metrics in model.sesame.evidence.groups.items()
        if all(METRICS[m](state) is None for m in metrics)
    ]


def has_estimate(state: Mapping[str, Any], model: FactorModel) -> bool:
    """Whether enough is known to give a Sesame-equivalent band at all."""
    evidence = model.sesame.evidence
    return len(evidence.groups) - len(evidence_missing(state, model)) >= evidence.needed


def coverage_of(state: Mapping[str, Any], model: FactorModel) -> float:
    """The share of the measurable factors' weight whose input is known (0–1)."""
    known = total = 0.0
    for item in _compile(model):
        if item.metric is None:
            continue
        total += item.weight
        if item.metric(state) is not None:
            known += item.weight
    return known / total if total else 0.0


def score(profile: Profile, model: FactorModel | None = None) -> Breakdown:
    """Score ``profile`` against the factor model (by default the one in assets)."""
    use = model or load_model()
    compiled = _compile(use)
    state = profile.__dict__
    gates, subs, known = _raw(state, use)
    gate = math.prod(gates)
    raw_parts = [gate * item.weight * sub for item, sub in zip(compiled, subs, strict=False)]
    index_tenths = _tenths(min(100.0, max(0.0, sum(raw_parts))))
    part_tenths = _allocate_tenths(raw_parts, index_tenths)

    ungated = sum(item.weight * sub for item, sub in zip(compiled, subs, strict=False))
    factor_scores: dict[str, list[FactorScore]] = {d.key: [] for d in use.dimensions}
    for i, item in enumerate(compiled):
        f = item.factor
        if item.metric is None:
            headroom = 0.0  # not measured, so not coached: nothing to gain
        elif gates[i] < 1:
            # Reaching 100 here also opens this factor's gate on every other part.
            after = gate / gates[i] * (ungated + item.weight * (100 - subs[i]))
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
                gate=f.gate_multiplier is not None,
                gate_multiplier=round(gates[i], 3),
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
    missing = evidence_missing(state, use)
    coverage = coverage_of(state, use)
    estimate: int | None = None
    model_band: tuple[int, int] | None = None
    if len(scale.evidence.groups) - len(missing) >= scale.evidence.needed:
        middle = scale.centre(index)
        estimate = round(middle)
        model_band = scale.around(middle, scale.halfwidth(coverage))
    actual = profile.sesame_score
    shown = model_band if actual is None else scale.around(actual, scale.actual_halfwidth)
    named = None if shown is None else scale.band_of(actual if actual is not None else middle)
    return Breakdown(
        index=index,
        gate_multiplier=round(gate, 3),
        coverage=round(coverage, 3),
        sesame_estimate=estimate,
        model_band=model_band,
        sesame_band=shown,
        band_key=None if named is None else named.key,
        band_name=None if named is None else named.name,
        sesame_actual=actual,
        evidence_missing=missing,
        dimensions=dimensions,
        model_version=use.version,
    )
