"""Limits shared by the domain and its callers, cheap to import."""

NAME_MAX = 60
