"""User-facing strings in Chinese and English: ``t(key, **kw)``.

The catalogs are ``assets/locales/zh.json`` and ``en.json``: flat objects from a dotted
key to a ``str.format`` template. Chinese is the first language; a key missing from the
current catalog falls back to the other one and then to the key itself, so a gap shows up
as text instead of a crash (a test keeps both catalogs in step).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from typing import Literal, cast

from jiebei_coach.assets import AssetError, read_json

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

_current: Lang = "zh"


@cache
def catalog(lang: Lang) -> Mapping[str, str]:
    """The string table of one language."""
    data = read_json(f"locales/{lang}.json")
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise AssetError(f"locales/{lang}.json: must be an object of strings")
    return cast(dict[str, str], data)


def detect_language(environ: Mapping[str, str] | None = None) -> Lang:
    """Chinese for a ``zh_*`` locale, English otherwise (LC_ALL > LC_MESSAGES > LANG)."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(lang: Lang) -> None:
    """Make ``lang`` the language :func:`t` uses."""
    global _current
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    _current = lang


def get_language() -> Lang:
    """The language :func:`t` uses now."""
    return _current


def t(key: str, lang: Lang | None = None, /, **kw: object) -> str:
    """Translate ``key`` into ``lang`` (default: the current language), filling ``kw``."""
    use = lang or _current
    template = catalog(use).get(key)
    if template is None:
        other: Lang = "en" if use == "zh" else "zh"
        template = catalog(other).get(key, key)
    return template.format(**kw) if kw else template


def pick(text: Mapping[str, str], lang: Lang | None = None) -> str:
    """Choose the current language from a ``{"zh": ..., "en": ...}`` pair."""
    use = lang or _current
    return text.get(use) or next(iter(text.values()), "")
