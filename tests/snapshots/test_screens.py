"""SVG snapshots of every screen, in Chinese and English, at 100×32 and 80×24.

Regenerate after an intended change with ``pytest tests/snapshots --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from jiebei_coach.tui.app import JiebeiApp
from tests.bills_fixtures import recent_alipay_bill
from tests.tui.conftest import TODAY, AppFactory

SIZES = [(100, 32), (80, 24)]
LANGS = ["zh", "en"]

Step = Callable[[Pilot[Any]], Awaitable[None]]


async def _settle(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    app.clear_notifications()
    await pilot.pause()


def _after(*keys: str, demo: bool = True) -> Step:
    async def run(pilot: Pilot[Any]) -> None:
        if demo:
            await pilot.press("m")
            await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)
        await _settle(pilot)

    return run


async def _check_in(pilot: Pilot[Any]) -> None:
    await pilot.press("m")
    await _settle(pilot)
    await pilot.press("p", "i")
    await _settle(pilot)
    await pilot.press(*"621", "tab", *"32000", "enter")
    await _settle(pilot)


def _checked(message: str) -> Step:
    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press("s")
        await _settle(pilot)
        area = pilot.app.screen.query_one("#message", TextArea)
        area.text = message
        await pilot.press("ctrl+r")
        await _settle(pilot)
        area.cursor_blink = False
        await pilot.pause()

    return run


#: The textbook case: paid limit raising, worded without 提额, over WeChat.
DANGER_MESSAGE = "【借呗客服】您的借呗额度可提升至5万元，需先支付500元服务费，请加微信办理。"
#: Suspicious, without a full scam shape: a request for a code.
CAUTION_MESSAGE = "刚才给你发了个六位数验证码，麻烦把它发给我一下，谢谢。"


async def _replanned(pilot: Pilot[Any]) -> None:
    await pilot.press("m")
    await _settle(pilot)
    await pilot.press("p", "space", "R")
    await _settle(pilot)
    await pilot.click("#yes")
    await _settle(pilot)


def _dialog(*keys: str) -> Step:
    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press("m")
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.pause()

    return run


#: A fixed place for the bill the dialog reads, so that its path is the same in every run.
BILL_PATH = Path(tempfile.gettempdir()) / "jiebei-coach-snapshots" / "alipay_record.csv"


async def _bill(pilot: Pilot[Any]) -> None:
    BILL_PATH.parent.mkdir(exist_ok=True)
    BILL_PATH.write_bytes(recent_alipay_bill(TODAY.isoformat()))
    await pilot.press("m")
    await _settle(pilot)
    await pilot.press("e")
    await _settle(pilot)
    await pilot.press("ctrl+o")
    await _settle(pilot)
    pilot.app.screen.query_one("#bill-path", Input).value = str(BILL_PATH)
    await pilot.click("#read")
    await _settle(pilot)
    await pilot.press("space")
    await _settle(pilot)


SCREENS: dict[str, Step] = {
    "welcome": _after(demo=False),
    "home": _after("h"),
    "profile": _after("e"),
    "new_profile": _after("h", "n"),
    "breakdown": _after("b"),
    "planner": _after("p", "space", "down"),
    "help": _after("h", "question_mark"),
    "safety": _after("s", demo=False),
    "cost": _after("k"),
    "whatif": _after("b", "w"),
    "planner_checkin": _check_in,
    "safety_checked": _checked(DANGER_MESSAGE),
    "safety_caution": _checked(CAUTION_MESSAGE),
    "replan": _replanned,
    "funds": _dialog("p", "u"),
    "export": _dialog("p", "o"),
    "plan_notes": _dialog("p", "n"),
    "bill": _bill,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(
    snap_compare: Any, make_app: AppFactory, screen: str, lang: str, size: tuple[int, int]
) -> None:
    app: JiebeiApp = make_app(lang)
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[screen])
