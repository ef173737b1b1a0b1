"""The plan answers what people do: a tick says what it did and what is left of the month,
and a check-in whose 借呗 limit differs from the profile's offers to update the profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jiebei_coach.domain import JiebeiStatus, load_catalog
from jiebei_coach.i18n import Lang
from jiebei_coach.store import Store
from jiebei_coach.tui.app import JiebeiApp
from jiebei_coach.tui.dialogs.confirm import ConfirmDialog
from jiebei_coach.tui.dialogs.forms import CheckInDialog
from tests.tui.conftest import AppFactory
from tests.tui.scenes import settle


def _record_notices(app: JiebeiApp) -> list[str]:
    """Keep every notification's text (the tests' settle clears the toasts)."""
    said: list[str] = []
    shown = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        said.append(message)
        shown(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return said


async def _planner(app: JiebeiApp, pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)


@pytest.mark.parametrize(
    ("lang", "left", "unticked", "done"),
    [
        ("zh", "这个月还剩 {n} 项", "已取消打勾", "的行动全部完成了"),
        ("en", "{n} left this month", "Unticked", "is done!"),
    ],
)
async def test_a_tick_says_what_it_did_and_what_is_left(
    make_app: AppFactory, lang: Lang, left: str, unticked: str, done: str
) -> None:
    app = make_app(lang)
    said = _record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await _planner(app, pilot)
        assert app.session is not None
        actions = app.session.plan.months[0].actions
        titles = [load_catalog().get(a.action_id).title.get(lang) for a in actions]
        await pilot.press("space")
        await settle(pilot)
        assert titles[0] in said[-1] and left.format(n=len(actions) - 1) in said[-1]
        await pilot.press("space")
        await settle(pilot)
        assert unticked in said[-1] and titles[0] in said[-1]
        for _ in actions:
            await pilot.press("space", "down")
            await settle(pilot)
        assert done in said[-1]
        assert all(a.done for a in app.session.plan.months[0].actions)


async def _check_in(app: JiebeiApp, pilot: Any, limit: str, sesame: str = "652") -> None:
    """Log a check-in (the demo's own Sesame score unless told otherwise)."""
    await pilot.press("i")
    await settle(pilot)
    assert isinstance(app.screen, CheckInDialog)
    await pilot.press(*sesame, "tab", *limit, "enter")
    await settle(pilot)


@pytest.mark.parametrize(("lang", "asked"), [("zh", "更新档案"), ("en", "Update the profile")])
async def test_a_different_limit_at_check_in_offers_to_update_the_profile(
    make_app: AppFactory, db_path: Path, lang: Lang, asked: str
) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await _planner(app, pilot)
        assert app.session is not None and app.session.profile.jiebei_limit == 30000
        await _check_in(app, pilot, "2万")  # cut from ¥30,000
        assert isinstance(app.screen, ConfirmDialog)
        assert str(app.screen.query_one("#yes").render()).strip() == asked
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)
    saved = Store.open(db_path).get(app.session.id)
    assert saved is not None and saved.profile.jiebei_limit == 20000
    assert saved.checkins[-1].jiebei_limit == 20000


async def test_declining_the_offer_or_logging_the_same_limit_leaves_the_profile(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _planner(app, pilot)
        await _check_in(app, pilot, "3万")  # the profile's own limit: nothing to ask
        assert not isinstance(app.screen, ConfirmDialog)
        await _check_in(app, pilot, "4万")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await settle(pilot)
    assert app.session is not None
    saved = Store.open(db_path).get(app.session.id)
    assert saved is not None and saved.profile.jiebei_limit == 30000
    assert [c.jiebei_limit for c in saved.checkins] == [40000]


async def test_a_limit_logged_below_the_balance_marks_the_line_cut(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await _planner(app, pilot)
        await _check_in(app, pilot, "2万")  # below the ¥25,500 owed: the line was cut
        assert isinstance(app.screen, ConfirmDialog)
        assert "被降额" in str(app.screen.query_one(".dialog-text").render())
        await pilot.press("enter")
        await settle(pilot)
    assert app.session is not None
    saved = Store.open(db_path).get(app.session.id)
    assert saved is not None and saved.profile.jiebei_status == JiebeiStatus.CUT
    assert (saved.profile.jiebei_limit, saved.profile.jiebei_balance) == (20000, 25500)


@pytest.mark.parametrize(("lang", "said"), [("zh", "芝麻分是 652"), ("en", "Sesame score is 652")])
async def test_a_different_score_at_check_in_offers_to_update_the_profile(
    make_app: AppFactory, db_path: Path, lang: Lang, said: str
) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await _planner(app, pilot)
        await _check_in(app, pilot, "3万", sesame="640")  # the same limit, a lower score
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(".dialog-text").render())
        assert said in question and "640" in question and "30,000" not in question
        await pilot.press("enter")
        await settle(pilot)
    assert app.session is not None
    saved = Store.open(db_path).get(app.session.id)
    assert saved is not None and saved.profile.sesame_score == 640
    assert saved.profile.jiebei_limit == 30000
