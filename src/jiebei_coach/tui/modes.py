"""The app's modes and the screen each one shows.

Each screen's module is imported the first time its mode is shown (the first frame needs
only the home screen), with ordinary imports so that every dependency is visible to the
import rules in ``pyproject.toml``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen


def home() -> Screen[Any]:
    """Sessions, and what is due this month."""
    from jiebei_coach.tui.screens.home import HomeScreen

    return HomeScreen()


def profile() -> Screen[Any]:
    """The profile form."""
    from jiebei_coach.tui.screens.profile import ProfileScreen

    return ProfileScreen()


def breakdown() -> Screen[Any]:
    """The factor-weight breakdown."""
    from jiebei_coach.tui.screens.breakdown import BreakdownScreen

    return BreakdownScreen()


def planner() -> Screen[Any]:
    """The month-by-month plan."""
    from jiebei_coach.tui.screens.planner import PlannerScreen

    return PlannerScreen()


def cost() -> Screen[Any]:
    """The true cost of a draw."""
    from jiebei_coach.tui.screens.cost import CostScreen

    return CostScreen()


def safety() -> Screen[Any]:
    """The safety card and the message checker."""
    from jiebei_coach.tui.screens.safety import SafetyScreen

    return SafetyScreen()


#: Mode name → the factory of its screen, in the order of the keys F2…F6.
MODES: dict[str, Callable[[], Screen[Any]]] = {
    "home": home,
    "profile": profile,
    "breakdown": breakdown,
    "planner": planner,
    "cost": cost,
    "safety": safety,
}
