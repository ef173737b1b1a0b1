"""The factor model asset: valid as shipped, and a broken edit names its file and key."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jiebei_coach.assets import AssetError
from jiebei_coach.domain import demo as demo_module
from jiebei_coach.domain import load_catalog, load_model, load_sources
from jiebei_coach.domain.model import Factor, Text


def test_shipped_model_is_consistent() -> None:
    model = load_model()
    assert [d.key for d in model.dimensions] == [
        "credit_history",
        "capacity",
        "behaviour",
        "identity",
        "connections",
    ]
    assert [d.weight for d in model.dimensions] == [0.35, 0.25, 0.2, 0.15, 0.05]
    for dimension in model.dimensions:
        assert sum(f.weight for f in dimension.factors) == pytest.approx(1)
        for factor in dimension.factors:
            assert factor.source and factor.confidence in {"official", "reported", "heuristic"}
            assert factor.rationale.zh and factor.rationale.en
    sources = load_sources()
    assert {s for d in model.dimensions for f in d.factors for s in f.source} <= set(sources)


def _factor(curve: list[tuple[float, float]]) -> Factor:
    return Factor(
        key="k",
        name=Text(zh="甲", en="a"),
        input="lender_count",
        weight=1,
        curve=curve,
        unknown_score=50,
        actionable=True,
        rationale=Text(zh="甲", en="a"),
        source=["coach_heuristic"],
        confidence="heuristic",
    )


def test_curve_interpolates_and_clamps() -> None:
    factor = _factor([(0, 100), (2, 80), (4, 20)])
    assert factor.sub_score(-5) == 100
    assert factor.sub_score(1) == pytest.approx(90)
    assert factor.sub_score(3) == pytest.approx(50)
    assert factor.sub_score(40) == 20
    assert factor.sub_score(None) == 50
    assert factor.direction == -1


@pytest.mark.parametrize(
    ("curve", "message"),
    [
        ([(0, 10), (1, 50), (2, 30)], "monotone"),
        ([(0, 10), (0, 50)], "strictly increasing"),
        ([(0, 10), (1, 150)], "less than or equal to 100"),
    ],
)
def test_bad_curves_are_rejected(curve: list[tuple[float, float]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _factor(curve)


def test_weights_not_summing_to_one_name_the_dimension(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    broken_assets(
        "factor_model.json", lambda d: d["dimensions"][1]["factors"][0].update(weight=0.9)
    )
    with pytest.raises(AssetError) as caught:
        load_model()
    text = str(caught.value)
    assert "factor_model.json" in text
    assert "dimensions.1" in text
    assert "'capacity'" in text and "not 1" in text


def test_dimension_weights_not_summing_to_one(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    broken_assets("factor_model.json", lambda d: d["dimensions"][0].update(weight=0.5))
    with pytest.raises(AssetError, match=r"factor_model\.json: .*dimension weights sum to"):
        load_model()


def test_missing_confidence_names_the_key(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    broken_assets("factor_model.json", lambda d: d["dimensions"][2]["factors"][3].pop("confidence"))
    with pytest.raises(AssetError, match=r"dimensions\.2\.factors\.3\.confidence: Field required"):
        load_model()


def test_non_monotone_curve_names_the_key(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    def bend(data: Any) -> None:
        data["dimensions"][0]["factors"][1]["curve"] = [[0, 0], [0.5, 80], [1, 40]]

    broken_assets("factor_model.json", bend)
    with pytest.raises(AssetError, match=r"dimensions\.0\.factors\.1\.curve: .*monotone"):
        load_model()


def test_unknown_source_is_named(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    broken_assets(
        "factor_model.json", lambda d: d["dimensions"][3]["factors"][0].update(source=["rumour"])
    )
    with pytest.raises(AssetError, match=r"dimensions\.3\.factors\.0\.source: unknown source id"):
        load_model()


def test_unknown_metric_is_named(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    broken_assets(
        "factor_model.json", lambda d: d["dimensions"][0]["factors"][0].update(input="horoscope")
    )
    with pytest.raises(AssetError, match="unknown metric 'horoscope'"):
        load_model()


def test_invalid_json_names_the_file(
    broken_assets: Callable[[str, Callable[[Any], None]], None], tmp_path: Path
) -> None:
    (tmp_path / "assets" / "factor_model.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(AssetError, match=r"factor_model\.json: not valid JSON"):
        load_model()


def test_broken_action_names_file_and_action(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    broken_assets("actions.json", lambda d: d[4].update(effort="enormous"))
    with pytest.raises(AssetError, match=r"actions\.json: actions\.4\.effort"):
        load_catalog()


def test_action_on_unknown_factor_is_named(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    broken_assets("actions.json", lambda d: d[5].update(factor="luck"))
    with pytest.raises(AssetError, match=r"actions\.json: 5\(.*\)\.factor: unknown factor 'luck'"):
        load_catalog()


def test_broken_demo_profile_is_named(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    broken_assets("demo_profile.json", lambda d: d.update(lender_count=-2))
    with pytest.raises(AssetError, match=r"demo_profile\.json: lender_count"):
        demo_module.demo_profile()


def test_broken_scam_signals_are_named(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    from jiebei_coach.domain.scams import load_scam_signals

    broken_assets("scam_signals.json", lambda d: d["rules"][0]["need"].append(["no_such"]))
    with pytest.raises(
        AssetError, match=r"scam_signals\.json: .*rules\.0 needs unknown signal no_such"
    ):
        load_scam_signals()


def test_broken_scam_pattern_is_named(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    from jiebei_coach.domain.scams import load_scam_signals

    broken_assets("scam_signals.json", lambda d: d["signals"][2]["patterns"].append("(unclosed"))
    with pytest.raises(
        AssetError, match=r"scam_signals\.json: signals\.2\.patterns\.\d+: not a valid"
    ):
        load_scam_signals()


def test_scam_rule_with_unknown_source_is_named(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    from jiebei_coach.domain.scams import load_scam_signals

    broken_assets("scam_signals.json", lambda d: d["rules"][3].update(source=["hearsay"]))
    with pytest.raises(
        AssetError, match=r"scam_signals\.json: rules\.3\.source: unknown source id"
    ):
        load_scam_signals()


def test_cost_line_with_unknown_source_is_named(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    from jiebei_coach.domain.safety import load_cost_lines

    broken_assets("cost_lines.json", lambda d: d["lines"][1].update(source=["hearsay"]))
    with pytest.raises(AssetError, match=r"cost_lines\.json: lines\.1\.source: unknown source id"):
        load_cost_lines()


def test_official_needs_a_primary_source(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    broken_assets(
        "factor_model.json",
        lambda d: d["dimensions"][0]["factors"][1].update(
            source=["sesame_weights", "fico_weights"], confidence="official"
        ),
    )
    with pytest.raises(
        AssetError, match=r"dimensions\.0\.factors\.1\.confidence: 'official' needs a primary"
    ):
        load_model()


def test_reported_needs_two_sources_besides_our_own(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    broken_assets(
        "actions.json",
        lambda d: d[0].update(source=["fico_weights", "coach_heuristic"], confidence="reported"),
    )
    with pytest.raises(AssetError, match=r"actions\.json: 0\(.*\)\.confidence: 'reported' needs"):
        load_catalog()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.pop("publisher"), "publisher"),
        (lambda s: s.update(date="last spring"), "date must be"),
        (lambda s: s.update(kind="hearsay"), "kind"),
        (lambda s: s.update(date="undated"), "a primary source needs its date"),
    ],
)
def test_every_source_has_a_publisher_and_a_date(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
    change: Callable[[dict[str, Any]], None],
    message: str,
) -> None:
    broken_assets("sources.json", lambda d: change(d["pboc_2021_3"]))
    with pytest.raises(AssetError, match=message):
        load_sources()


def test_shipped_sources_are_dated_and_never_the_seed_article() -> None:
    sources = load_sources()
    assert "seed_article" not in sources
    for key, source in sources.items():
        assert source.publisher and source.date, key
        text = json.dumps(source.model_dump(), ensure_ascii=False)
        assert "seed-article" not in text and "reference/" not in text, key
    cited = {s for d in load_model().dimensions for f in d.factors for s in f.source}
    cited |= {s for a in load_catalog().actions for s in a.source}
    assert all(sources[s].kind != "own" or s == "coach_heuristic" for s in cited)


def test_lpr_with_its_date_is_checked_at_load(
    broken_assets: Callable[[str, Callable[[Any], None]], None],
) -> None:
    from jiebei_coach.domain.safety import load_lpr

    broken_assets("cost_lines.json", lambda d: d["lpr"].update(as_of="May"))
    with pytest.raises(AssetError, match=r"cost_lines\.json: lpr: as_of"):
        load_lpr()
