"""No English in the Chinese app: every screen and dialog, scanned for Latin words.

Some Latin words belong in Chinese text and are allowed:

* the app's own name (``jiebei-coach``) and the language switch's label (``English``);
* key names as they are printed on keys (``space``, ``ctrl``, ``esc``, ``del``,
  ``delete``, ``enter``; the letters of the keys are single letters, not scanned);
* words Chinese itself writes in Latin letters: ``LPR`` (贷款市场报价利率, as regulators
  and banks write it), ``App`` (支付宝 App) and the brand ``QQ``;
* the names of the export formats: ``Markdown``, ``JSON``, ``iCalendar``, and of the bill's
  (``CSV``, as Alipay and WeChat Pay name it);
* paths, which are the user's own text: the folder of the example (``Downloads``, as the
  system names it) and the bills the tours type;
* the publishers and addresses of sources, cited as published (a web address, an
  English-language paper's name), taken from ``assets/sources.json``, and parts of them
  where the edge of a dialog covers the rest.

A word of two or more Latin letters that is none of these fails the test, with the line
it is on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jiebei_coach.assets import read_json
from tests.tui.conftest import AppFactory
from tests.tui.scenes import BILL, NO_BILL, TOURS, screen_text, setup, tour

WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]")
WORD_IN_PATH = re.compile(r"[A-Za-z]+")
ALLOWED = {
    *("jiebei", "coach", "English"),
    *("space", "ctrl", "esc", "del", "delete", "enter"),
    *("LPR", "App", "QQ"),
    *("Markdown", "JSON", "iCalendar", "CSV"),
    "Downloads",
    *WORD_IN_PATH.findall(f"{BILL} {NO_BILL}"),
}


def _cited() -> set[str]:
    """Latin words in the sources' publishers, English titles aside, and addresses."""
    words: set[str] = set()
    for source in read_json("sources.json").values():
        text = " ".join([source["publisher"], source["where"], source["title"]["zh"]])
        words |= set(WORD.findall(text))
    return words


def latin_words(lines: list[str], allowed: set[str], cited: set[str] = frozenset()) -> list[str]:
    """Each line with a Latin word that is neither allowed nor part of a cited one."""
    found = []
    for line in lines:
        words = [
            w for w in WORD.findall(line) if w not in allowed and not any(w in c for c in cited)
        ]
        if words:
            found.append(f"{words}: {line.strip()}")
    return found


@pytest.mark.parametrize("name", list(TOURS))
async def test_the_chinese_app_says_nothing_in_english(
    make_app: AppFactory, db_path: Path, name: str
) -> None:
    data, stops = TOURS[name]
    setup(db_path, data)
    cited = _cited()
    app = make_app("zh")
    found: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        async for stop in tour(app, pilot, stops):
            found += [f"{stop}: {line}" for line in latin_words(screen_text(app), ALLOWED, cited)]
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_scan_finds_english() -> None:
    lines = ["借呗额度 Dismiss menu", "按 ctrl+p 打开", "一年期 LPR 3.0%", "No matches found"]
    assert latin_words(lines, ALLOWED) == [
        "['Dismiss', 'menu']: 借呗额度 Dismiss menu",
        "['No', 'matches', 'found']: No matches found",
    ]
