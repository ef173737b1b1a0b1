"""The app fixtures of the Pilot tests, shared with the snapshots."""

from tests.tui.conftest import db_path, make_app

__all__ = ["db_path", "make_app"]
