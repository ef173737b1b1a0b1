"""What the planner shows, as text: the summary, the months, a month's title, an action.

Pure functions of the session and today (no widgets), so that the screen only places them
and a test can read them.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets.option_list import Option

from jiebei_coach.domain import Plan, PlanMonth, Session, load_catalog, load_sources, score
from jiebei_coach.domain.calendar import month_start
from jiebei_coach.i18n import get_language, t
from jiebei_coach.presentation.report import budget_line, cite, factor_name, progress_line
from jiebei_coach.tui.widgets.bars import bar, progress_text


def levers(session: Session) -> dict[str, int]:
    """The breakdown's three biggest levers: factor key → its star number."""
    top = score(session.profile).top_levers(3)
    return {factor.key: rank for rank, factor in enumerate(top, start=1)}


def overall(plan: Plan, today: date) -> Text:
    """Overall progress, and how many actions of past months were missed."""
    done, total = plan.progress()
    text = Text(t("planner.overall") + " ")
    text.append_text(progress_text(done, total, width=12))
    missed = len(plan.missed(today))
    if missed:
        text.append(" · ")
        text.append(t("planner.missed_count", count=missed), style="bold red")
    return text


def budget(plan: Plan) -> Text:
    """The month's spare money, and a pointer to the notes when there are any."""
    crisis = any(n.code.startswith("crisis") for n in plan.notes)
    text = Text(budget_line(plan, short=True), style="bold red" if crisis else "")
    if plan.notes:
        count = len(plan.notes)
        key = "planner.see_note" if count == 1 else "planner.see_notes"
        text.append(" · " + t(key, count=count), style="bold")
    return text


def reality(session: Session) -> Text:
    """Plain words on how the logged scores move against the projected change."""
    from jiebei_coach.domain import compare_progress

    progress = compare_progress(session.plan, session.checkins)
    styles = {"on_track": "green", "ahead": "green", "behind": "bold yellow"}
    line = progress_line(progress, short=True)
    return Text(line, style=styles.get(progress.status, "dim"))


def month_options(plan: Plan, today: date) -> list[Option]:
    """The months list: the current month marked, progress, missed actions flagged."""
    current = month_start(today)
    options = []
    for month in plan.months:
        done, total = month.progress()
        label = Text()
        if month.month == current:
            label.append("▶ ", style="bold yellow")
        else:
            label.append("  ")
        label.append(month.label, style="bold" if month.month == current else "")
        label.append(" ")
        label.append_text(bar(done / total if total else 0, 4, style="green"))
        label.append(f" {done}/{total}")
        missed = sum(1 for a in month.actions if not a.done) if month.month < current else 0
        if missed:
            label.append(f" !{missed}", style="bold red")
        options.append(Option(label, id=month.label))
    return options


def month_title(month: PlanMonth, today: date) -> Text:
    """A month's heading: its projection, its progress, and whether it is this month."""
    done, total = month.progress()
    title = Text(month.label, style="bold")
    if month.projected_sesame is not None:
        low, high = month.projected_sesame
        title.append("  " + t("planner.month_sesame", low=low, high=high))
    else:
        title.append("  " + t("planner.month_index", index=f"{month.projected_index:.1f}"))
    title.append(f"  {done}/{total}")
    if month.month == month_start(today):
        title.append("  " + t("planner.current"), style="bold yellow")
    return title


def moves_line(factor: str | None, stars: dict[str, int]) -> str:
    """Which factor an action works on, and whether it is one of the starred levers."""
    name = factor_name(factor, get_language())
    if factor is None or name is None:
        return t("planner.moves_none")
    if factor in stars:
        return t("planner.moves_lever", factor=name, rank=stars[factor])
    return t("planner.moves", factor=name)


def action_detail(session: Session, key: str, stars: dict[str, int]) -> Text | None:
    """Everything about one planned action: how, why, the factor, the money, the source."""
    try:
        _, planned = session.plan.find(key)
    except KeyError:
        return None
    action = load_catalog().get(planned.action_id)
    lang = get_language()
    sources = load_sources()
    text = Text()
    text.append(action.title.get(lang), style="bold")
    text.append("\n")
    text.append(moves_line(action.factor, stars) + "\n", style="cyan")
    if planned.monthly_cash:
        amount = f"{planned.monthly_cash:,.0f}"
        text.append(t("planner.cash_line", amount=amount) + "\n", style="bold yellow")
    text.append(t("planner.how") + " ", style="bold cyan")
    text.append(action.how.get(lang) + "\n")
    text.append(t("planner.why") + " ", style="bold cyan")
    text.append(action.why.get(lang) + "\n")
    facts = [t(f"effort.{action.effort}"), t(f"cadence.{action.cadence}")]
    if action.kind in ("gate", "safety"):
        facts.insert(0, t(f"kind.{action.kind}"))
    if action.target is not None:
        facts.append(t("planner.target", target=action.target.get(lang)))
    if planned.recurring:
        facts.append(t("planner.occurrence", n=planned.occurrence))
    if planned.done and planned.done_on:
        facts.append(t("planner.done_on", date=planned.done_on.isoformat()))
    text.append(" · ".join(facts) + "\n", style="dim")
    text.append(
        t("breakdown.sources")
        + " "
        + t("list.joiner").join(cite(sources[s], lang) for s in action.source if s in sources)
        + f" [{t('confidence.' + action.confidence)}]",
        style="dim",
    )
    return text
