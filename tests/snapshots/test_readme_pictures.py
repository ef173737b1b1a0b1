"""The README's pictures are the snapshots themselves, so they show the app as it is."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_screens"


def test_every_readme_picture_is_a_current_snapshot() -> None:
    pictures = re.findall(r"\]\((docs/[^)]+\.svg)\)", (ROOT / "README.md").read_text("utf-8"))
    assert pictures, "the README shows the app"
    for picture in pictures:
        name = Path(picture).stem  # e.g. breakdown-zh: the 100×32 snapshot of that screen
        snapshot = SNAPSHOTS / f"test_screen[{name}-100x32].svg"
        assert (ROOT / picture).read_bytes() == snapshot.read_bytes(), (
            f"{picture} is out of date: copy {snapshot.name} over it"
        )
