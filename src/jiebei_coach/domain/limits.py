"""Limits shared by the domain and its callers, cheap to import."""

from jiebei_coach.safe_text import NAME_MAX

__all__ = ["NAME_MAX"]
