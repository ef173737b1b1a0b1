"""Text bars for tables and labels (one cell per step, eighth blocks for the remainder)."""

from __future__ import annotations

from rich.text import Text

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(fraction: float, width: int, style: str = "", empty_style: str = "dim") -> Text:
    """A horizontal bar filling ``fraction`` (0–1) of ``width`` cells."""
    fraction = max(0.0, min(1.0, fraction))
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    text = Text("█" * full, style=style)
    if part and full < width:
        text.append(_EIGHTHS[part], style=style)
        full += 1
    text.append("░" * (width - full), style=empty_style)
    return text


def progress_text(done: int, total: int, width: int = 10) -> Text:
    """``████░░░░ 3/8``."""
    text = bar(done / total if total else 0.0, width, style="green")
    text.append(f" {done}/{total}")
    return text
