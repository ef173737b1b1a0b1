"""Pilot tests: what-if, borrowing cost, check-ins, re-plan, scam guard, funds log, export."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, TextArea

from jiebei_coach.domain import demo_profile, load_model, score
from jiebei_coach.store import Store
from jiebei_coach.tui.app import JiebeiApp
from jiebei_coach.tui.dialogs.forms import CheckInDialog, ExportDialog, FundsDialog, InfoDialog
from jiebei_coach.tui.dialogs.whatif import WhatIfDialog
from jiebei_coach.tui.screens.cost import CostScreen
from jiebei_coach.tui.screens.safety import SafetyScreen
from jiebei_coach.usecases.sessions import check_in
from tests.tui.conftest import TODAY, AppFactory
from tests.tui.test_flows import settle, text_of


async def demo(app: JiebeiApp, pilot: object) -> None:
    await pilot.press("m")  # type: ignore[attr-defined]
    await settle(app, pilot)


async def set_input(app: JiebeiApp, pilot: object, selector: str, text: str) -> None:
    widget = app.screen.query_one(selector, Input)
    widget.focus()
    widget.value = ""
    await pilot.press(*text)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "index"), [("zh", "指数"), ("en", "Index")])
async def test_what_if_moves_the_index_live(make_app: AppFactory, lang: str, index: str) -> None:
    before = score(demo_profile())
    after = score(demo_profile().model_copy(update={"lender_count": 2}))
    scale = load_model().sesame
    moved = round(scale.centre(after.index) - scale.centre(before.index))
    assert after.index > before.index and moved > 0
    app = make_app(lang)
    async with app.run_test(size=(110, 36)) as pilot:
        await demo(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        assert isinstance(app.screen, WhatIfDialog)
        assert "(+0.0)" in text_of(app, "#whatif-headline")
        await set_input(app, pilot, "#wi-lender_count", "2")
        headline = text_of(app, "#whatif-headline")
        assert index in headline and f"({after.index - before.index:+.1f})" in headline
        # The Sesame line moves from the real score by the model's change.
        assert f"652 → {652 + moved}" in headline and f"{moved:+d}" in headline
        table = app.screen.query_one("#whatif-table", DataTable)
        assert table.row_count == 1
        await set_input(app, pilot, "#wi-lender_count", "lots")
        assert "lots" not in text_of(app, "#whatif-headline")
        assert text_of(app, "#whatif-headline").startswith(("这些不是数字", "Not numbers"))
        await pilot.press("escape")
        await settle(app, pilot)
    # nothing was saved
    assert app.session is not None and app.session.profile.lender_count == 4


@pytest.mark.parametrize(
    ("lang", "annual"),
    [("zh", "年化利率(内部收益率法) 14.60%"), ("en", "Annual rate (APR, by IRR) 14.60%")],
)
async def test_borrowing_cost_puts_the_annual_rate_first(
    make_app: AppFactory, lang: str, annual: str
) -> None:
    app = make_app(lang)
    async with app.run_test(size=(100, 32)) as pilot:
        await demo(app, pilot)
        await pilot.press("k")
        await settle(app, pilot)
        assert isinstance(app.screen, CostScreen)
        headline = text_of(app, "#cost-headline")
        assert headline.startswith(annual)
        assert headline.index("14.60%") < headline.index("0.040%")  # daily rate after it
        assert "15.62%" in headline  # the compounded rate beside it, labelled
        warnings = text_of(app, "#cost-warnings")
        assert "56%" in warnings  # the demo's repayments would pass half of income
        assert "2025-05-20" in warnings  # the LPR behind the court line, with its date
        schedule = app.screen.query_one("#schedule", DataTable)
        assert schedule.row_count == 12
        # Actual days from the draw date (the app's today), due on the same day each month.
        assert str(schedule.get_row_at(0)[1]) == "2026-12-29"
        assert str(schedule.get_row_at(0)[2]) == "30"
        assert app.screen.query_one("#compare", DataTable).row_count == 4
        await set_input(app, pilot, "#cost-rate", "0.1%")
        assert "⛔" in text_of(app, "#cost-warnings")
        await set_input(app, pilot, "#cost-principal", "abc")
        assert app.screen.query_one("#schedule", DataTable).row_count == 0
        app.screen.query_one("#cost-principal", Input).value = "1万"
        app.screen.query_one("#cost-term", Select).value = 6
        await settle(app, pilot)
        assert app.screen.query_one("#schedule", DataTable).row_count == 6


@pytest.mark.parametrize(
    ("lang", "level", "found", "advice", "quote", "not_safe"),
    [
        ("zh", "危险", "付费提额", "怎么办", "「先交 300 元手续费」", "不代表它一定安全"),
        (
            "en",
            "Danger",
            "Paying to raise or open a limit",
            "What to do",
            "“先交 300 元手续费”",
            "does not make it safe",
        ),
    ],
)
async def test_scam_checker_in_the_app(
    make_app: AppFactory,
    lang: str,
    level: str,
    found: str,
    advice: str,
    quote: str,
    not_safe: str,
) -> None:
    app = make_app(lang)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")
        await settle(app, pilot)
        assert isinstance(app.screen, SafetyScreen)
        area = app.screen.query_one("#message", TextArea)
        area.focus()
        area.text = "您好,我们可以帮您提额,先交 300 元手续费"
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        verdict = text_of(app, "#verdict")
        assert level in verdict and found in verdict and advice in verdict and quote in verdict
        assert "95188" in verdict and "96110" in verdict
        area.text = "您的借呗还款日为每月10日"
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert not_safe in text_of(app, "#verdict")
        # the pasted text survives leaving and coming back
        await pilot.press("escape", "h", "s")
        await settle(app, pilot)
        assert app.screen.query_one("#message", TextArea).text == "您的借呗还款日为每月10日"


async def test_on_a_narrow_terminal_the_verdict_takes_the_cards_place(
    make_app: AppFactory,
) -> None:
    app = make_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await settle(app, pilot)
        card = app.screen.query_one("#safety-card")
        assert card.display  # nothing checked yet: the card shows
        area = app.screen.query_one("#message", TextArea)
        area.text = "验 证 码 发 我 一 下,薇信同号"
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert not card.display
        verdict = text_of(app, "#verdict")
        assert "危险" in verdict and "「验 证 码 发 我」" in verdict
        # the verdict follows a language switch
        await pilot.press("f7")
        await settle(app, pilot)
        verdict = text_of(app, "#verdict")
        assert "Danger" in verdict and "“验 证 码 发 我”" in verdict
        # emptied and checked again: the card comes back
        app.screen.query_one("#message", TextArea).text = ""
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert app.screen.query_one("#safety-card").display
        assert "Nothing pasted yet" in text_of(app, "#verdict")


@pytest.mark.parametrize(
    ("lang", "hint", "first", "behind"),
    [
        ("zh", "按 i 记录", "记录了第一个分数 650", "比预测慢"),
        ("en", "Press i monthly", "first score logged, 650", "slower than projected"),
    ],
)
async def test_check_ins_compare_the_change_with_the_projection(
    make_app: AppFactory, db_path: Path, lang: str, hint: str, first: str, behind: str
) -> None:
    app = make_app(lang)  # type: ignore[arg-type]
    async with app.run_test(size=(120, 36)) as pilot:
        await demo(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert hint in text_of(app, "#reality")
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, CheckInDialog)
        await pilot.press(*"650", "tab", *"3万", "enter")
        await settle(app, pilot)
        await pilot.press("escape")  # keep the profile's own score (it offers the new one)
        await settle(app, pilot)
        reality = text_of(app, "#reality")
        assert first in reality and "30,000" in reality  # a level alone is not judged
        assert "◆" in str(app.screen.query_one("#chart").render())
        # Six months on, the score has fallen while the plan expected a rise.
        assert app.session is not None
        check_in(Store.open(db_path), app.session.id, date(2027, 5, 1), 620, None, TODAY)
        app._reload()
        await settle(app, pilot)
        assert behind in text_of(app, "#reality")
    checkins = Store.open(db_path).get(app.session.id).checkins  # type: ignore[union-attr]
    assert (checkins[0].sesame_score, checkins[0].jiebei_limit) == (650, 30000)


@pytest.mark.parametrize(("lang", "message"), [("zh", "350 到 950"), ("en", "between 350 and 950")])
async def test_check_in_refuses_nonsense(make_app: AppFactory, lang: str, message: str) -> None:
    app = make_app(lang)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 32)) as pilot:
        await demo(app, pilot)
        await pilot.press("p", "i")
        await settle(app, pilot)
        await pilot.press(*"1200", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CheckInDialog)
        assert message in text_of(app, "#checkin-error")


@pytest.mark.parametrize(("lang", "kept"), [("zh", "保留了 1 个打勾"), ("en", "ticks kept: 1")])
async def test_replan_keeps_ticks_and_says_what_changed(
    make_app: AppFactory, lang: str, kept: str
) -> None:
    app = make_app(lang)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 32)) as pilot:
        await demo(app, pilot)
        await pilot.press("p", "space")
        await settle(app, pilot)
        await pilot.press("R")
        await settle(app, pilot)
        await pilot.click("#yes")
        await settle(app, pilot)
        assert isinstance(app.screen, InfoDialog)
        assert kept in str(app.screen.query_one(".dialog-text").render())
        await pilot.press("escape")
        assert app.session is not None and app.session.plan.progress()[0] == 1


@pytest.mark.parametrize(("lang", "flag"), [("zh", "投机用途"), ("en", "speculative")])
async def test_funds_log_flags_speculation(make_app: AppFactory, lang: str, flag: str) -> None:
    app = make_app(lang)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 32)) as pilot:
        await demo(app, pilot)
        await pilot.press("p", "u")
        await settle(app, pilot)
        assert isinstance(app.screen, FundsDialog)
        await pilot.press(*"5000")
        app.screen.query_one("#use", Select).value = "stocks"
        await set_input(app, pilot, "#purpose", "试试炒股")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.session is not None
        [draw] = app.session.draws
        assert draw.speculative and draw.purpose == "试试炒股"
        await pilot.press("u")
        await settle(app, pilot)
        assert flag in str(app.screen.query_one("#funds-log").render())


@pytest.mark.parametrize(
    ("lang", "title"), [("zh", "# 演示:小林 · jiebei-coach 行动计划"), ("en", "# Demo: Xiao Lin")]
)
async def test_export_from_the_app(
    make_app: AppFactory, tmp_path: Path, lang: str, title: str
) -> None:
    app = make_app(lang)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 32)) as pilot:
        await demo(app, pilot)
        for fmt, name in (("md", "plan.md"), ("json", "plan.json")):
            await pilot.press("p", "o")
            await settle(app, pilot)
            assert isinstance(app.screen, ExportDialog)
            app.screen.query_one("#format", Select).value = fmt
            await set_input(app, pilot, "#path", str(tmp_path / name))
            await pilot.press("enter")
            await settle(app, pilot)
    assert (tmp_path / "plan.md").read_text(encoding="utf-8").startswith(title)
    backup = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert backup["format"] == "jiebei-coach-session"
    assert TODAY.isoformat() in (tmp_path / "plan.md").read_text(encoding="utf-8")


async def test_language_switch_keeps_the_calculator_and_the_pasted_message(
    make_app: AppFactory,
) -> None:
    app = make_app("zh")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("k")
        await settle(app, pilot)
        await set_input(app, pilot, "#cost-principal", "2万")
        await pilot.press("f7")
        await settle(app, pilot)
        assert app.screen.query_one("#cost-principal", Input).value == "2万"
        assert text_of(app, "#cost-headline").startswith("Annual rate (APR, by IRR)")
        await pilot.press("f6")
        await settle(app, pilot)
        area = app.screen.query_one("#message", TextArea)
        area.text = "请转入安全账户"
        await pilot.press("f7")
        await settle(app, pilot)
        assert app.screen.query_one("#message", TextArea).text == "请转入安全账户"
        assert "检查" in str(app.screen.query_one("#check").render())
