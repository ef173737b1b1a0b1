"""The string catalogs: in step with each other and with the data they label."""

from __future__ import annotations

import string

import pytest

from jiebei_coach.domain import (
    SECTIONS,
    SPEND_CATEGORIES,
    Goal,
    IdentityItem,
    JiebeiStatus,
    LifeScene,
    Profile,
    load_catalog,
    load_model,
)
from jiebei_coach.domain.loan import METHODS
from jiebei_coach.domain.notes import NOTE_CODES
from jiebei_coach.i18n import catalog, detect_language, pick, set_language, t


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    zh, en = catalog("zh"), catalog("en")
    assert set(zh) == set(en)
    for key in zh:
        assert _placeholders(zh[key]) == _placeholders(en[key]), key
        assert zh[key].strip() and en[key].strip(), key


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_everything_the_user_sees_has_a_label(lang: str) -> None:
    strings = catalog(lang)  # type: ignore[arg-type]
    needed = (
        [f"field.{name}" for name in Profile.model_fields]
        + [f"life_scene.{item.value}" for item in LifeScene]
        + [f"identity_item.{item.value}" for item in IdentityItem]
        + [f"spend_category.{name}" for name in SPEND_CATEGORIES]
        + [f"loan.method.{name}" for name in METHODS]
        + [f"effort.{a.effort}" for a in load_catalog().actions]
        + [f"cadence.{a.cadence}" for a in load_catalog().actions]
        + [f"kind.{a.kind}" for a in load_catalog().actions]
        + [f"help.field.{name}" for name in Profile.model_fields]
        + [f"section.{name}" for name in SECTIONS]
        + [f"goal.{item.value}" for item in Goal]
        + [f"jiebei_status.{item.value}" for item in JiebeiStatus]
        + [f"note.{code}" for code in NOTE_CODES]
        + [f"evidence.{group}" for group in load_model().sesame.evidence.groups]
        + [f"gate.{f.key}" for d in load_model().dimensions for f in d.factors if f.gate_multiplier]
    )
    assert [key for key in needed if key not in strings] == []


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_language_follows_the_locale(env: dict[str, str], expected: str) -> None:
    assert detect_language(env) == expected


def test_t_uses_the_current_language_and_fills_values() -> None:
    set_language("en")
    assert t("report.index", index="50.0") == "Estimated potential index 50.0 / 100"
    set_language("zh")
    assert t("report.index", index="50.0") == "估算潜力指数 50.0 / 100"
    assert t("no.such.key") == "no.such.key"
    assert pick({"zh": "甲", "en": "a"}) == "甲"
    with pytest.raises(ValueError, match="unknown language"):
        set_language("fr")  # type: ignore[arg-type]


def test_every_store_error_and_cli_message_has_text() -> None:
    """Codes raised in the code have a message in both languages."""
    import re
    from pathlib import Path

    import jiebei_coach

    root = Path(jiebei_coach.__file__).parent
    source = "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*.py"))
    codes = set(re.findall(r'StoreError\(\s*"([a-z_]+)"', source))
    keys = {f"store.error.{c}" for c in codes}
    keys |= set(re.findall(r'\bt\(\s*"([a-z_]+\.[a-z_.]+)"', source))
    for lang in ("zh", "en"):
        missing = sorted(k for k in keys if k not in catalog(lang))  # type: ignore[arg-type]
        assert missing == [], lang
