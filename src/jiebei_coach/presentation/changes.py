"""What a re-plan changed, in words."""

from __future__ import annotations

from collections.abc import Callable

from jiebei_coach.domain import PlanChanges
from jiebei_coach.domain.calendar import month_label
from jiebei_coach.i18n import Lang, t


def describe_changes(changes: PlanChanges, lang: Lang, title: Callable[[str], str]) -> list[str]:
    """A re-plan's changes as lines of text: the projection before and after, and the
    actions added, dropped and moved."""
    lines = [
        t(
            "replan.summary",
            lang,
            month=month_label(changes.from_month),
            before=f"{changes.index_before:.1f}",
            after=f"{changes.index_after:.1f}",
            kept=changes.kept_done,
        )
    ]
    if changes.sesame_before is not None and changes.sesame_after is not None:
        (low0, high0), (low1, high1) = changes.sesame_before, changes.sesame_after
        lines.append(t("replan.sesame", lang, before=f"{low0}–{high0}", after=f"{low1}–{high1}"))
    elif changes.sesame_after is not None:
        low1, high1 = changes.sesame_after
        lines.append(t("replan.sesame_new", lang, after=f"{low1}–{high1}"))
    for key, ids in (
        ("replan.added", changes.added),
        ("replan.removed", changes.removed),
        ("replan.rescheduled", changes.rescheduled),
    ):
        if ids:
            lines.append(t(key, lang, titles="; ".join(title(i) for i in ids)))
    if not (changes.added or changes.removed or changes.rescheduled):
        lines.append(t("replan.same", lang))
    return lines


def action_title(action_id: str, lang: Lang) -> str:
    """An action's title; one this version does not know (from a newer file) is its id."""
    from jiebei_coach.domain import load_catalog
    from jiebei_coach.safe_text import printable

    try:
        return load_catalog().get(action_id).title.get(lang)
    except KeyError:
        return printable(action_id)
