"""The projection, month by month, as a small column chart, with real check-ins.

Columns are the middle of the projected Sesame-equivalent band at the end of each month
(or the projected index when the plan has no band); a ◆ beside a column is the user's
real Sesame score logged that month, on the same scale. Below 100 columns of terminal a
column is one cell wide (with its mark beside it) and every other month is labelled, so
that the words beside the chart keep their room.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

_LEVELS = " ▁▂▃▄▅▆▇█"
#: Below this terminal width the columns are one cell wide.
NARROW = 100


class ProjectionChart(Widget):
    """Columns for the projection at the end of each month, the current one marked."""

    DEFAULT_CSS = """
    ProjectionChart { height: 4; width: auto; }
    """

    def __init__(
        self,
        values: list[float],
        labels: list[str],
        current: int | None,
        *,
        floor: float | None = None,
        actual: list[float | None] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.floor = floor
        self.actual = actual or []
        self.values = values
        self.labels = labels
        self.current = current

    @property
    def cells(self) -> int:
        """Cells of bar a month: 2, or 1 on a narrow terminal."""
        return 1 if self.app.size.width < NARROW else 2

    def get_content_width(self, container: object, viewport: object) -> int:
        """A bar and a mark a month, plus the axis."""
        return 5 + (self.cells + 1) * len(self.values)

    def render(self) -> Text:
        """Three rows of columns scaled from ``floor`` (the start) to the highest value."""
        rows = 3
        if not self.values:
            return Text("")
        real = [a for a in self.actual if a is not None]
        low = min([*self.values, *real, *([self.floor] if self.floor is not None else [])])
        high = max([*self.values, *real])
        span = max(high - low, 1.0)
        levels = [round((v - low) / span * (rows * 8 - 1)) + 1 for v in self.values]
        text = Text()
        for row in range(rows, 0, -1):
            axis = f"{high:4.0f} " if row == rows else (f"{low:4.0f} " if row == 1 else "     ")
            text.append(axis, style="dim")
            for i, level in enumerate(levels):
                filled = max(0, min(8, level - (row - 1) * 8))
                style = "bold yellow" if i == self.current else "cyan"
                text.append(_LEVELS[filled] * self.cells, style=style)
                actual = self.actual[i] if i < len(self.actual) else None
                mark = " "
                if actual is not None:
                    actual_row = min(rows, max(1, 1 + int((actual - low) / span * rows)))
                    mark = "◆" if actual_row == row else " "
                text.append(mark, style="bold magenta")
            text.append("\n")
        text.append("     ", style="dim")
        if self.cells == 2:
            for i, label in enumerate(self.labels):
                text.append(f"{label:>2} ", style="bold yellow" if i == self.current else "dim")
            return text
        for i in range(0, len(self.labels), 2):  # two cells a month: label every other one
            label = self.labels[i].strip()
            style = "bold yellow" if self.current in (i, i + 1) else "dim"
            text.append(f"{label:<4}"[: 4 if i + 2 < len(self.labels) else 2], style=style)
        return text
