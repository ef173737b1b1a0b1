"""Two corrections to how Textual 8.2 draws Chinese, installed once when the app loads.

**Line breaks.** Textual wraps text with Rich's ``divide_line``, which breaks only at
spaces and cuts Chinese (which has none) wherever the line ends: a phone number in two, a
line starting with ``。``. :func:`jiebei_coach.presentation.linebreak.break_offsets` takes
its place, so every wrapped text in the app (labels, notes, notifications) follows the
same rules.

**Characters lost under overlays.** The compositor cuts every line of the screen at
every widget's edge, cuts each widget's line at all of those places, and keeps the
pieces of the topmost widget. A double-width character that straddles an edge of a widget
*below* (a label's edge under a dropdown or a notification) is cut in two halves, each
drawn as a space, although the widget on top owns both halves: ``其他经营支出`` showed as
``其他  营支出``. :func:`_render_chops` cuts a widget's line only where the widget on top
changes, so a character is split only where something really covers half of it (see
Textual issue 6357).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import Any

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

from jiebei_coach.presentation.linebreak import break_offsets

_installed = False
_EMPTY = Strip([], 0)


def _render_chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip]]:
    """``Compositor._render_chops``, cutting a widget's line only where its owner changes.

    Widgets come front to back; each line's chops (the spans between cuts) go to the first
    widget that covers them. A widget's run of consecutive chops is drawn as one strip,
    kept under the run's first cut; the run's other cuts get an empty strip, so that no
    widget behind fills them.
    """
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    for region, clip, strips in self._get_renders(crop):
        render_region = region.intersection(clip)
        render_x = render_region.x
        first_cut, last_cut = render_region.column_span
        for y, strip in zip(render_region.line_range, strips, strict=False):
            if not is_rendered_line(y):
                continue
            line = chops[y]
            spans = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            # Runs of chops nobody in front owns: (first cut, cut after the run).
            runs: list[tuple[int, int]] = []
            run_start: int | None = None
            for cut, next_cut in pairwise(spans):
                free = line.get(cut, _EMPTY) is None
                if free and run_start is None:
                    run_start = cut
                elif not free and run_start is not None:
                    runs.append((run_start, cut))
                    run_start = None
                if free and next_cut == spans[-1]:
                    runs.append((run_start if run_start is not None else cut, next_cut))
                    run_start = None
            if not runs:
                continue
            edges = sorted({edge - render_x for run in runs for edge in run} - {0})
            pieces = dict(zip([0, *edges], strip.divide(edges), strict=False))
            for start, stop in runs:
                piece = pieces.get(start - render_x)
                if piece is None:
                    continue  # a strip shorter than its region: leave it to those behind
                line[start] = piece
                for cut in spans:
                    if start < cut < stop:
                        line[cut] = _EMPTY
    return chops  # type: ignore[return-value]


def install() -> None:
    """Install both corrections (once)."""
    global _installed
    if _installed:
        return
    import rich.text
    import textual.content

    textual.content.divide_line = break_offsets  # type: ignore[attr-defined]
    rich.text.divide_line = break_offsets  # type: ignore[attr-defined]
    compositor: Any = Compositor
    compositor._render_chops = _render_chops
    _installed = True
