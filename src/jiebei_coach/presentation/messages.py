"""Problems in words: store errors, repairs and use-case errors, in Chinese or English.

The layers below raise a stable ``code`` with its values; this is the one place that
turns them into sentences, for the command line and the app alike. Names and paths in a
message may come from a file, so they lose any control characters first.
"""

from __future__ import annotations

from typing import Any

from jiebei_coach.i18n import Lang, t
from jiebei_coach.safe_text import printable
from jiebei_coach.store import Recovery, StoreError
from jiebei_coach.store.recovery import Repaired
from jiebei_coach.usecases.errors import UseCaseError


def _clean(params: dict[str, Any]) -> dict[str, Any]:
    return {k: printable(str(v)) for k, v in params.items()}


def recovery_message(recovery: Recovery, lang: Lang | None = None) -> str:
    """What a repair did: where the damaged file went and what replaced it."""
    if recovery.sessions:
        names = ", ".join(printable(name) for name in recovery.sessions[:5])
        more = len(recovery.sessions) - 5
        names += f" (+{more})" if more > 0 else ""
        text = t("store.sessions_set_aside", lang, names=names, moved=recovery.moved_to)
    elif recovery.moved_to is None and recovery.restored_from is not None:
        text = t("store.restored_missing", lang, restored=recovery.restored_from)
    elif recovery.moved_to is None:
        text = t("store.missing_fresh", lang)
    elif recovery.restored_from is not None:
        text = t("store.recovered", lang, moved=recovery.moved_to, restored=recovery.restored_from)
    else:
        text = t("store.recovered_fresh", lang, moved=recovery.moved_to)
    if recovery.backup_kept is not None:
        text += " " + t("store.backup_kept", lang, kept=recovery.backup_kept)
    return text


def store_message(error: StoreError, lang: Lang | None = None) -> str:
    """One plain sentence (or two) for a store problem."""
    if isinstance(error, Repaired):
        return recovery_message(error.recovery, lang)
    return t(f"store.error.{error.code}", lang, **_clean(error.params))


def _size(limit: int) -> str:
    mb = 1024 * 1024
    return f"{limit // mb} MB" if limit >= mb else f"{limit // 1024} KB"


def usecase_message(error: UseCaseError, lang: Lang | None = None) -> str:
    """One plain sentence for a problem with what was asked."""
    params = dict(error.params)
    code = error.code
    if code == "backup_bad_json":
        json_code = str(params.pop("json_code", "syntax"))
        path = params.pop("path", "")
        reason = t(f"store.json.{json_code}", lang, **_clean(params))
        return t("cli.import_unreadable", lang, path=printable(str(path)), reason=reason)
    if code == "backup_too_large":
        reason = t("store.too_large", lang, limit=_size(int(params.pop("limit", 0))))
        return t("cli.import_unreadable", lang, path=printable(str(params["path"])), reason=reason)
    if code == "unknown_key" and params.get("options"):
        return t("usecase.unknown_key_options", lang, **_clean(params))
    if code.startswith("bill_") and code != "bill_field_not_offered":
        from jiebei_coach.presentation.bills import bill_error_message

        return bill_error_message(code.removeprefix("bill_"), params, lang)
    if code == "invalid":
        from jiebei_coach.presentation.fields import field_message

        return "; ".join(field_message(f, lang) for f in params.get("fields", []))
    return t(f"usecase.{code}", lang, **_clean(params))


def problem_message(error: Exception, lang: Lang | None = None) -> str:
    """A store or use-case problem in words (other errors are not expected here)."""
    if isinstance(error, StoreError):
        return store_message(error, lang)
    if isinstance(error, UseCaseError):
        return usecase_message(error, lang)
    raise TypeError(f"not a known problem: {error!r}")
