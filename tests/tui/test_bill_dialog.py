"""The profile form's "From a bill…": accept one value, accept all, cancel; what is saved
with the profile; ticks offered, never made unless chosen; a file that is not a bill."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, SelectionList, Static

from jiebei_coach.domain import demo_profile
from jiebei_coach.store import Store
from jiebei_coach.tui.dialogs.bill import BillDialog
from tests.bills_fixtures import recent_alipay_bill
from tests.tui.conftest import TODAY, AppFactory
from tests.tui.test_flows import press, settle

DEMO = demo_profile()


@pytest.fixture
def bill(tmp_path: Path) -> Path:
    path = tmp_path / "alipay_record.csv"
    path.write_bytes(recent_alipay_bill(TODAY.isoformat()))
    return path


def _field(app: object, name: str) -> str:
    return str(app.screen.query_one(f"#field-{name}", Input).value)  # type: ignore[attr-defined]


async def _open_dialog(app: object, pilot: object, path: Path, *, demo: bool = True) -> None:
    await press(app, pilot, *(("m", "e") if demo else ("n",)), "ctrl+o")  # type: ignore[arg-type]
    assert isinstance(app.screen, BillDialog)  # type: ignore[attr-defined]
    app.screen.query_one("#bill-path", Input).value = str(path)  # type: ignore[attr-defined]
    await pilot.click("#read")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "label"), [("zh", "近90天借款次数"), ("en", "Draws in 90 days")])
async def test_accept_one_value(
    make_app: AppFactory, db_path: Path, bill: Path, lang: str, label: str
) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_dialog(app, pilot, bill)
        changes = app.screen.query_one("#bill-changes", SelectionList)
        first = changes.get_option_at_index(0)
        assert str(first.prompt).startswith(label)
        assert "→ 2" in str(first.prompt)
        assert "2026-" in str(app.screen.query_one("#bill-detail", Static).render())
        heading = str(app.screen.query_one("#bill-heading", Static).render())
        assert ("打卡" if lang == "zh" else "check-in") in heading
        await pilot.press("space")
        await pilot.click("#chosen")
        await settle(app, pilot)
        assert app.current_mode == "profile"
        assert _field(app, "draws_90d") == "2"
        assert _field(app, "largest_draw_90d") == f"{DEMO.largest_draw_90d:.0f}"  # not taken
        assert app.screen.unsaved
        # Nothing is saved until the form is.
        [summary] = Store.open(db_path).summaries(TODAY)
        assert Store.open(db_path).get(summary.id).profile == DEMO
        await press(app, pilot, "ctrl+s")
    saved = Store.open(db_path).get(summary.id)
    assert saved.profile == DEMO.model_copy(update={"draws_90d": 2})
    [record] = saved.bills
    assert record.taken == {"draws_90d": 2}
    assert (record.start.isoformat(), record.end.isoformat()) == ("2026-08-01", "2026-11-28")


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_accept_all_values(
    make_app: AppFactory, db_path: Path, bill: Path, lang: str
) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_dialog(app, pilot, bill)
        await pilot.click("#all")
        await settle(app, pilot)
        assert _field(app, "draws_90d") == "2"
        assert _field(app, "largest_draw_90d") == "9000"
        assert _field(app, "monthly_alipay_spend") == "321.33"
        await press(app, pilot, "ctrl+s")
    [summary] = Store.open(db_path).summaries(TODAY)
    profile = Store.open(db_path).get(summary.id).profile
    assert (profile.draws_90d, profile.largest_draw_90d) == (2, 9000.0)
    assert profile.monthly_alipay_spend == pytest.approx(321.33)
    assert profile.spend_categories == DEMO.spend_categories  # 3 is not more than the demo's
    assert {s.value for s in profile.life_scenes or ()} >= {"utilities", "public_transport"}


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_cancel_leaves_the_profile_unchanged(
    make_app: AppFactory, db_path: Path, bill: Path, lang: str
) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_dialog(app, pilot, bill)
        await pilot.press("space")
        await press(app, pilot, "escape")
        assert app.current_mode == "profile"
        assert _field(app, "draws_90d") == str(DEMO.draws_90d)
        assert not app.screen.unsaved
    [summary] = Store.open(db_path).summaries(TODAY)
    saved = Store.open(db_path).get(summary.id)
    assert saved.profile == DEMO and saved.bills == []


async def test_offered_ticks_are_made_only_when_chosen(
    make_app: AppFactory, db_path: Path, bill: Path
) -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        await _open_dialog(app, pilot, bill)
        offers = app.screen.query_one("#bill-offers", SelectionList)
        assert offers.option_count == 1
        offered = offers.get_option_at_index(0)
        assert offered.value == "pay-on-time@2026-11"
        assert str(offered.prompt).startswith("Pay every instalment on time")
        offers.focus()
        offers.highlighted = 0
        await pilot.press("space")
        await pilot.click("#chosen")
        await settle(app, pilot)
        assert not app.screen.unsaved  # no value chosen: the form is unchanged
    [summary] = Store.open(db_path).summaries(TODAY)
    plan = Store.open(db_path).get(summary.id).plan
    assert plan.find("pay-on-time@2026-11")[1].done
    assert plan.progress()[0] == 1


async def test_a_new_profile_from_a_bill_keeps_the_record(
    make_app: AppFactory, db_path: Path, bill: Path
) -> None:
    app = make_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_dialog(app, pilot, bill, demo=False)
        assert not app.screen.query_one("#bill-offers", SelectionList).display  # no plan yet
        await pilot.click("#all")
        await settle(app, pilot)
        await press(app, pilot, "ctrl+s")
    [summary] = Store.open(db_path).summaries(TODAY)
    session = Store.open(db_path).get(summary.id)
    assert session.profile.draws_90d == 2 and session.profile.sesame_score is None
    assert [b.end.isoformat() for b in session.bills] == ["2026-11-28"]


@pytest.mark.parametrize(("lang", "words"), [("zh", "不是支付宝"), ("en", "not an Alipay")])
async def test_a_file_that_is_not_a_bill_is_a_message(
    make_app: AppFactory, tmp_path: Path, lang: str, words: str
) -> None:
    other = tmp_path / "other.csv"
    other.write_text("名称,金额\n苹果,3\n", encoding="utf-8")
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_dialog(app, pilot, other)
        assert isinstance(app.screen, BillDialog)
        assert words in str(app.screen.query_one("#bill-status", Static).render())
        assert not app.screen.query_one("#bill-results").display
        assert app.screen.query_one("#chosen").disabled
