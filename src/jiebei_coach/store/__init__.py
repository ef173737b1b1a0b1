"""The data file: sessions and settings in one crash-safe, lockable TinyDB JSON file."""

from jiebei_coach.store.codec import SCHEMA_VERSION, Summary
from jiebei_coach.store.errors import StoreError
from jiebei_coach.store.locations import ENV_VAR, default_db_path, resolve_db_path
from jiebei_coach.store.recovery import Recovery
from jiebei_coach.store.repository import Settings, Store

__all__ = [
    "ENV_VAR",
    "SCHEMA_VERSION",
    "Recovery",
    "Settings",
    "Store",
    "StoreError",
    "Summary",
    "default_db_path",
    "resolve_db_path",
]
