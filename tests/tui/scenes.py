"""Every screen and dialog of the app, as a user reaches them, and what a look at one finds.

A *tour* starts the app on a data file set up for it (the demo, an empty profile, a long
name, a low income) and visits screens and dialogs with the keys a user presses; at each
stop the caller inspects the screen. :func:`cut_content` lists what is drawn cut off (a
widget pushed past the edge of what holds it, text taller than its box, a field's text
wider than the field, a column out of sight); :func:`empty_rows` finds lists and panes
with many empty rows; :func:`screen_text` is the screen as the terminal shows it.
"""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual.containers import ScrollableContainer
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    DataTable,
    Input,
    ListView,
    OptionList,
    Select,
    Static,
    TextArea,
)

from jiebei_coach.domain import Profile, build_plan, demo_profile
from jiebei_coach.store import Store
from jiebei_coach.tui.app import JiebeiApp
from jiebei_coach.tui.widgets.footer import FooterKeys
from jiebei_coach.tui.widgets.navbar import NavBar
from tests.bills_fixtures import recent_alipay_bill
from tests.tui.conftest import NOW, TODAY

#: The longest name a session may have (60 characters, 120 cells).
LONG_NAME = "一个非常非常长的名字" * 6
#: A person in a debt spiral: repayments at 90% of income, 7 lenders, overdue now.
IN_DEBT = Profile(
    monthly_income=6000,
    monthly_debt_payment=5400,
    lender_count=7,
    overdue_now=True,
    liquid_assets=0,
)
#: A person whose repayments would pass half of income with a 借呗 draw.
LOW_INCOME = Profile(monthly_income=3000, monthly_debt_payment=800, lender_count=3)

Step = Callable[[Pilot[Any]], Awaitable[None]]


@dataclass(frozen=True)
class Stop:
    """A place on a tour: its name and how to get there from the previous one."""

    name: str
    keys: tuple[str, ...] = ()
    then: Step | None = None


def setup(db_path: Path, kind: str) -> None:
    """Write the data file a tour starts from."""
    store = Store.open(db_path, now=lambda: NOW)
    if kind == "empty":
        store.create("空白", Profile(), build_plan(Profile(), TODAY))
    elif kind == "long_name":
        store.create(LONG_NAME, demo_profile(), build_plan(demo_profile(), TODAY))
    elif kind == "in_debt":
        store.create("负债", IN_DEBT, build_plan(IN_DEBT, TODAY))
    elif kind == "low_income":
        store.create("低收入", LOW_INCOME, build_plan(LOW_INCOME, TODAY))


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and the screen catch up; no blinking cursors, no toasts."""
    app = pilot.app
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False
    app.clear_notifications()
    await pilot.pause()
    await pilot.pause()


async def _type_into(pilot: Pilot[Any], selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.value = text
    await settle(pilot)


async def _low_income_cost(pilot: Pilot[Any]) -> None:
    await _type_into(pilot, "#cost-rate", "0.1%")


async def _message(pilot: Pilot[Any]) -> None:
    area = pilot.app.screen.query_one("#message", TextArea)
    area.text = "【借呗客服】您的借呗额度可提升至5万元,需先支付500元服务费,请加微信办理。"
    await pilot.press("ctrl+r")
    await settle(pilot)


async def _open_dropdown(pilot: Pilot[Any]) -> None:
    pilot.app.screen.query_one("#use", Select).focus()
    await pilot.press("enter")
    await settle(pilot)


async def _no_match(pilot: Pilot[Any]) -> None:
    await pilot.press(*"嗯嗯嗯")
    await pilot.pause(0.7)  # the palette says so after half a second


async def _goal_dropdown(pilot: Pilot[Any]) -> None:
    pilot.app.screen.query_one("#field-goal", Select).focus()
    await pilot.press("enter")
    await settle(pilot)


#: Where the tours put a bill, and a bill that is not there: paths the user types.
BILL = Path(tempfile.gettempdir()) / "jiebei-coach-tours" / "alipay_record.csv"
NO_BILL = Path("/不存在/alipay_record.csv")


async def _read_bill(pilot: Pilot[Any]) -> None:
    BILL.parent.mkdir(exist_ok=True)
    BILL.write_bytes(recent_alipay_bill(TODAY.isoformat()))
    pilot.app.screen.query_one("#bill-path", Input).value = str(BILL)
    await pilot.click("#read")
    await settle(pilot)


async def _read_no_bill(pilot: Pilot[Any]) -> None:
    pilot.app.screen.query_one("#bill-path", Input).value = str(NO_BILL)
    await pilot.click("#read")
    await settle(pilot)


async def _unsaved_then_leave(pilot: Pilot[Any]) -> None:
    field = pilot.app.screen.query_one("#field-sesame_score", Input)
    field.focus()
    field.value = "700"
    await settle(pilot)
    await pilot.press("f5")
    await settle(pilot)


#: The tours: where each starts (its data) and its stops, in order.
TOURS: dict[str, tuple[str, list[Stop]]] = {
    "newcomer": (
        "none",
        [
            Stop("welcome"),
            Stop("help", ("question_mark",)),
            Stop("new profile", ("escape", "n")),
            Stop("safety", ("s",)),
            Stop("safety checked", then=_message),
            Stop("cost without a session", ("f11",)),
            Stop("palette", ("ctrl+p",)),
            Stop("palette without a match", then=_no_match),
        ],
    ),
    "demo": (
        "none",
        [
            Stop("breakdown", ("m",)),
            Stop("what if", ("w",)),
            Stop("home", ("escape", "h")),
            Stop("rename", ("r",)),
            Stop("delete", ("escape", "x")),
            Stop("profile", ("escape", "e")),
            Stop("bill", ("ctrl+o",)),
            Stop("bill read", then=_read_bill),
            Stop("bill not found", then=_read_no_bill),
            Stop("profile dropdown", ("escape",), then=_goal_dropdown),
            Stop("leave unsaved", ("escape",), then=_unsaved_then_leave),
            Stop("planner", ("right", "right", "enter")),
            Stop("check-in", ("i",)),
            Stop("funds", ("escape", "u")),
            Stop("funds dropdown", then=_open_dropdown),
            Stop("export", ("escape", "escape", "o")),
            Stop("notes", ("escape", "n")),
            Stop("re-plan question", ("escape", "R")),
            Stop("re-plan answer", ("enter",)),
            Stop("cost", ("escape", "k")),
        ],
    ),
    "empty": (
        "empty",
        [
            Stop("home"),
            Stop("planner", ("enter",)),
            Stop("breakdown", ("b",)),
            Stop("profile", ("e",)),
        ],
    ),
    "long name": (
        "long_name",
        [
            Stop("home"),
            Stop("planner", ("enter",)),
            Stop("profile", ("e",)),
            Stop("rename", ("h", "r")),
        ],
    ),
    "in debt": (
        "in_debt",
        [
            Stop("planner", ("enter",)),
            Stop("notes", ("n",)),
            Stop("notes scrolled", ("pagedown", "pagedown", "pagedown")),
        ],
    ),
    "low income": (
        "low_income",
        [
            Stop("cost at 0.1% a day", ("enter", "k"), then=_low_income_cost),
        ],
    ),
}


async def tour(app: JiebeiApp, pilot: Pilot[Any], stops: list[Stop]) -> AsyncIterator[str]:
    """Go from stop to stop, yielding each one's name once it is on the screen."""
    await settle(pilot)
    for stop in stops:
        for key in stop.keys:
            await pilot.press(key)
            await settle(pilot)
        if stop.then is not None:
            await stop.then(pilot)
        await settle(pilot)
        yield stop.name


def screen_text(app: JiebeiApp) -> list[str]:
    """The lines of the terminal, as the user sees them (dialogs over their screen)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def _scrolls(widget: Widget) -> bool:
    """Whether ``widget`` lets its content be scrolled into view."""
    return isinstance(widget, (ScrollableContainer, DataTable, ListView, OptionList, TextArea))


def _visible(screen: Screen[Any]) -> dict[Widget, tuple[Any, Any]]:
    return dict(screen._compositor.visible_widgets)


def cut_content(screen: Screen[Any]) -> list[str]:
    """What on ``screen`` is drawn cut off, each as a short description."""
    problems: list[str] = []
    if screen.max_scroll_y > 0:  # the whole screen scrolls: its top or bottom is hidden
        problems.append(
            f"{type(screen).__name__}: {screen.max_scroll_y} rows taller than the window"
        )
    visible = _visible(screen)
    for widget, (region, clip) in visible.items():
        name = f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__
        # Pushed past the right or bottom edge of what holds it, with no way to scroll to
        # it (inside a scrolling container, scrolling brings it into view).
        inside_scroll = any(_scrolls(a) for a in widget.ancestors if isinstance(a, Widget))
        if region.right > clip.right and not inside_scroll:
            problems.append(f"{name}: {region.right - clip.right} columns past the edge")
        if region.bottom > clip.bottom and not inside_scroll:
            problems.append(f"{name}: {region.bottom - clip.bottom} rows past the edge")
        width = widget.content_region.width
        if isinstance(widget, Static) and not _scrolls(widget):
            needed = widget.get_content_height(widget.size, widget.size, width)
            if needed > widget.content_region.height:
                problems.append(f"{name}: {needed} lines of text in {widget.content_region.height}")
        # (A value longer than its field scrolls in it, as in any text box; the hint shown
        # while it is empty must fit.)
        placeholder = widget.placeholder if isinstance(widget, Input) and not widget.value else ""
        if cell_len(placeholder) > width - 1:
            problems.append(f"{name}: {placeholder!r} is wider than its field")
        if isinstance(widget, Button) and cell_len(str(widget.label)) > width:
            problems.append(f"{name}: its label is wider than the button")
        if isinstance(widget, FooterKeys):
            hidden = [k.display for k in widget.spans if k.end > width]
            lines = widget.spans[-1].line + 1 if widget.spans else 1
            if hidden or lines > widget.content_region.height:
                problems.append(f"{name}: keys out of sight ({hidden or lines} lines)")
        if isinstance(widget, NavBar) and any(tab.end > width for tab in widget.tabs()):
            problems.append(f"{name}: tabs out of sight")
        if isinstance(widget, DataTable) and widget.virtual_size.width > widget.size.width:
            over = widget.virtual_size.width - widget.size.width
            problems.append(f"{name}: its columns run {over} cells past its edge")
        if isinstance(widget, DataTable) and widget.show_header:
            problems += [
                f"{name}: header {str(column.label)!r} is cut to {column.width} cells"
                for column in widget.columns.values()
                if not column.auto_width and cell_len(str(column.label)) > column.width
            ]
    return problems


def empty_rows(screen: Screen[Any]) -> dict[str, int]:
    """Lists, tables and panes with empty rows below what they hold: name → rows."""
    empty: dict[str, int] = {}
    for widget in _visible(screen):
        if isinstance(widget, (ListView, OptionList, DataTable, ScrollableContainer)):
            spare = widget.scrollable_content_region.height - widget.virtual_size.height
            if spare > 0 and widget.id:
                empty[widget.id] = spare
    return empty


def needs_scrolling(screen: Screen[Any]) -> list[str]:
    """The lists, tables and panes whose content does not fit: what the reader must
    scroll to see."""
    found = []
    for widget in _visible(screen):
        if _scrolls(widget) and widget.id and widget.max_scroll_y > 0:
            found.append(widget.id)
    return found
