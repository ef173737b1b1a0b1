"""Text from files and other people: no escape sequences reach the terminal, and names
with NUL, direction overrides or nothing visible are refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiebei_coach.safe_text import clean_name, printable, visible

#: What a shared "plan backup" put in a name: clear the screen, set the window title,
#: draw a fake hotline in red, ring the bell.
HOSTILE = "\x1b[2J\x1b[H\x1b]0;借呗官方\x07\x1b[31m致电 400-000-0000 提额\x1b[0m\x07"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (HOSTILE, "致电 400-000-0000 提额"),
        ("a\x1b[2Jb", "ab"),
        ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"),
        ("\x9b31mred", "red"),
        ("\x1bPdevice\x1b\\ok", "ok"),
        ("tab\there\nnew", "tab here new"),
        ("abc\u202etxt.exe", "abctxt.exe"),
        ("小林的计划", "小林的计划"),
        ("家\u200d庭", "家\u200d庭"),  # a joiner inside text is kept
    ],
)
def test_printable_removes_what_would_act_on_the_terminal(text: str, shown: str) -> None:
    assert printable(text) == shown


@given(st.text())
def test_printable_never_leaves_a_control_character(text: str) -> None:
    cleaned = printable(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in cleaned)
    assert not any(c in cleaned for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("a\x00b", "NUL"),
        ("invoice\u202efdp.exe", "direction"),
        ("\u2067abc\u2069", "direction"),
        ("\u200b\u200b", "visible"),
        ("\u3164\u3164", "visible"),
        ("\u2800", "visible"),
        ("\x1b[2J", "empty"),
        ("   ", "empty"),
    ],
)
def test_names_with_nul_overrides_or_nothing_visible_are_refused(name: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        clean_name(name)


def test_names_lose_escape_sequences_and_extra_spaces() -> None:
    assert clean_name(HOSTILE) == "致电 400-000-0000 提额"
    assert clean_name("  计划 \t 一 ") == "计划 一"
    assert visible("计") and not visible("\u200b \u3000")
