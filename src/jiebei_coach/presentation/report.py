"""Plain-text rendering of a breakdown and a plan, for the terminal without the app.

Columns are padded by display cells (``rich.cells.cell_len``), so Chinese lines up with
English. Nothing here imports Textual.
"""

from __future__ import annotations

import re
from datetime import date

from rich.cells import cell_len

from jiebei_coach.domain import Breakdown, Plan, Progress, load_catalog
from jiebei_coach.domain.model import Source
from jiebei_coach.i18n import Lang, get_language, t


def pad(text: str, width: int, *, right: bool = False) -> str:
    """Pad ``text`` to ``width`` terminal cells (wide characters count as two)."""
    gap = max(0, width - cell_len(text))
    return " " * gap + text if right else text + " " * gap


def fit(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` cells, ending in "…" when it was cut."""
    if cell_len(text) <= width:
        return text
    out = ""
    for char in text:
        if cell_len(out + char) > width - 1:
            break
        out += char
    return out + "…"


def sentences(parts: list[str], lang: Lang | None = None) -> str:
    """Sentences one after another: with a space in English, none in Chinese."""
    return ("" if (lang or get_language()) == "zh" else " ").join(p for p in parts if p)


def _row(width: int, name: str, weight: str, score: str, points: str, headroom: str) -> str:
    return (
        pad(name, width)
        + pad(weight, 8, right=True)
        + pad(score, 8, right=True)
        + pad(points, 8, right=True)
        + pad(headroom, 10, right=True)
    )


def short_cite(source: Source, lang: Lang | None = None) -> str:
    """A source as its publisher and date; our own reasoning as just that."""
    use = lang or get_language()
    if source.kind == "own":
        return t("source.own", use)
    date = t("source.undated", use) if source.date == "undated" else source.date
    return f"{source.publisher}, {date}"


def cite(source: Source, lang: Lang | None = None) -> str:
    """A source as one line: title, publisher and date, then where to find it.

    Our own reasoning is pointed to where a reader finds it (help, the README), never by
    a file name of this project.
    """
    use = lang or get_language()
    if source.kind == "own":
        return t("source.own_cite", use, title=source.title.get(use))
    date = t("source.undated", use) if source.date == "undated" else source.date
    publisher = source.publisher
    # A document number in the publisher's brackets ("国务院(国务院令第631号)") is said
    # once, where the source is found.
    bracket = re.search(r"[(（]([^()（）]+)[)）]$", publisher)
    if bracket and bracket.group(1) in source.where:
        publisher = publisher[: bracket.start()]
    return f"{source.title.get(use)} — {publisher}, {date} ({source.where})"


def sesame_headline(breakdown: Breakdown, lang: Lang | None = None, *, key: str = "report") -> str:
    """The Sesame part of a headline: the real score, the estimated band, or neither."""
    use = lang or get_language()
    band = breakdown.band_name.get(use) if breakdown.band_name else ""
    if breakdown.sesame_actual is not None:
        return t(f"{key}.band_actual", use, actual=breakdown.sesame_actual, band=band)
    if breakdown.sesame_band is None:
        return t(f"{key}.no_band", use)
    low, high = breakdown.sesame_band
    return t(f"{key}.band", use, low=low, high=high, band=band)


def sesame_comparison(breakdown: Breakdown, lang: Lang | None = None) -> str:
    """What to fill in for an estimate, or how the real score sits against the model's own."""
    use = lang or get_language()
    joiner = "、" if use == "zh" else "; "
    if breakdown.sesame_actual is None:
        if breakdown.sesame_band is not None:
            return ""
        from jiebei_coach.domain import load_model

        missing = joiner.join(t(f"evidence.{g}", use) for g in breakdown.evidence_missing)
        needed = load_model().sesame.evidence.needed
        return t("breakdown.need_evidence", use, needed=needed, missing=missing)
    if breakdown.model_band is None:
        return t("report.actual_only", use, actual=breakdown.sesame_actual)
    low, high = breakdown.model_band
    if breakdown.sesame_within_band:
        return t("report.actual_inside", use, low=low, high=high, actual=breakdown.sesame_actual)
    side = "report.side_above" if breakdown.sesame_actual > high else "report.side_below"
    return t(
        "report.actual_outside",
        use,
        low=low,
        high=high,
        actual=breakdown.sesame_actual,
        side=t(side, use),
    )


def gate_line(breakdown: Breakdown, lang: Lang | None = None) -> str | None:
    """Which gates hold the whole index down, or ``None`` when none does."""
    use = lang or get_language()
    if not breakdown.gated:
        return None
    joiner = "、" if use == "zh" else ", "
    gates = joiner.join(
        f"{t('gate.' + f.key, use)} ×{f.gate_multiplier:.2f}" for f in breakdown.gates
    )
    return t("report.gated", use, gates=gates, mult=f"{breakdown.gate_multiplier:.2f}")


def progress_line(progress: Progress, lang: Lang | None = None, *, short: bool = False) -> str:
    """How the logged scores move against the projection, in one sentence."""
    from jiebei_coach.domain.calendar import month_label

    use = lang or get_language()
    limit = t("reality.limit", use, limit=f"{progress.limit:,.0f}") if progress.limit else ""
    if progress.status == "none" or progress.first_month is None:
        return t("reality.none_short" if short else "reality.none", use)
    if progress.status == "first":
        return t(
            "reality.first",
            use,
            month=month_label(progress.first_month),
            score=progress.first_score,
            limit=limit,
        )
    return t(
        f"reality.{progress.status}",
        use,
        first_month=month_label(progress.first_month),
        first=progress.first_score,
        last=progress.last_score,
        change=progress.actual_change or 0,
        expected=progress.expected_change or 0,
        tolerance=progress.tolerance or 0,
    )


def projection_line(plan: Plan, lang: Lang | None = None, *, key: str = "report") -> str:
    """Where the plan is projected to end: the Sesame band when there is one, and the index."""
    use = lang or get_language()
    start, end = f"{plan.baseline:.1f}", f"{plan.projection[-1]:.1f}"
    bands = plan.projected_sesame
    if bands is None or plan.sesame_start is None:
        return t(f"{key}.projection", use, start=start, end=end)
    low, high = bands[-1]
    return t(
        f"{key}.projection_sesame",
        use,
        now=plan.sesame_start,
        low=low,
        high=high,
        start=start,
        end=end,
    )


def month_line(month: object, lang: Lang | None = None, *, key: str = "report") -> str:
    """A month's heading with its projected index and, when there is one, its band."""
    from jiebei_coach.domain import PlanMonth

    use = lang or get_language()
    assert isinstance(month, PlanMonth)
    index = f"{month.projected_index:.1f}"
    if month.projected_sesame is None:
        return t(f"{key}.month", use, month=month.label, index=index)
    low, high = month.projected_sesame
    return t(f"{key}.month_sesame", use, month=month.label, index=index, low=low, high=high)


def render_breakdown(breakdown: Breakdown, lang: Lang | None = None) -> list[str]:
    """The index, its band, every dimension and factor, and the top three levers."""
    use = lang or get_language()
    lines = [
        t("report.index", use, index=f"{breakdown.index:.1f}"),
        sesame_headline(breakdown, use),
    ]
    comparison = sesame_comparison(breakdown, use)
    if comparison:
        lines.append(comparison)
    gates = gate_line(breakdown, use)
    if gates:
        lines.append(gates)
    lines += [t("report.honesty", use), ""]
    names = [d.name.get(use) for d in breakdown.dimensions]
    names += ["  " + f.name.get(use) for f in breakdown.factors]
    width = max(cell_len(n) for n in names) + 2
    lines.append(_row(width, *t("report.columns", use).split("|")))
    for dimension in breakdown.dimensions:
        lines.append(
            _row(
                width,
                dimension.name.get(use),
                f"{dimension.weight:.0%}",
                f"{dimension.score:.0f}",
                f"{dimension.contribution:.1f}",
                f"+{dimension.headroom:.1f}",
            )
        )
        for factor in dimension.factors:
            note = ""
            if not factor.measurable:
                note = f"  ({t('report.not_measured', use)})"
            elif not factor.known:
                note = f"  ({t('report.unknown', use)})"
            lines.append(
                _row(
                    width,
                    "  " + factor.name.get(use),
                    f"{factor.weight:.0%}",
                    f"{factor.score:.0f}",
                    f"{factor.contribution:.1f}",
                    f"+{factor.headroom:.1f}",
                )
                + note
            )
    lines += ["", t("report.levers", use)]
    for n, factor in enumerate(breakdown.top_levers(3), start=1):
        lines.append(
            "  "
            + t(
                "report.lever_line",
                use,
                n=n,
                name=factor.name.get(use),
                points=f"{factor.headroom:.1f}",
            )
        )
    return lines


def money(amount: float) -> str:
    """Whole yuan with thousands separators."""
    return f"{amount:,.0f}"


def budget_line(
    plan: Plan, lang: Lang | None = None, *, key: str = "planner", short: bool = False
) -> str:
    """What the person can spare each month and the most the plan asks."""
    use = lang or get_language()
    end = "_short" if short else ""
    if plan.free_cash is None:
        return t(f"planner.budget_unknown{end}", use)
    asked = max((plan.cash(i) for i in range(len(plan.months))), default=0.0)
    if plan.free_cash < 0:
        return t(f"planner.budget_short{end}", use, short=money(-plan.free_cash))
    if asked <= 0:
        return t(f"planner.budget_none{end}", use, free=money(plan.free_cash))
    if short:
        return t("planner.budget_spare_short", use, free=money(plan.free_cash), asked=money(asked))
    assumed = ""
    if plan.living_cost_assumed and plan.living_cost is not None:
        assumed = t("planner.budget_assumed", use, living=money(plan.living_cost))
    if key == "report":
        return t("report.budget", use, free=money(plan.free_cash), asked=money(asked))
    return t("planner.budget", use, free=money(plan.free_cash), assumed=assumed, asked=money(asked))


def note_lines(plan: Plan, lang: Lang | None = None) -> list[str]:
    """The plan's notes as sentences."""
    use = lang or get_language()
    return [t(f"note.{note.code}", use, **note.figures) for note in plan.notes]


def factor_name(key: str | None, lang: Lang | None = None) -> str | None:
    """A factor's name, or ``None`` for an action that protects rather than scores."""
    if key is None:
        return None
    from jiebei_coach.domain import load_model

    return load_model().factor(key).name.get(lang or get_language())


def action_tags(action_id: str, monthly_cash: float, lang: Lang | None = None) -> list[str]:
    """Which factor an action works on and the money it asks this month, for a text line."""
    use = lang or get_language()
    name = factor_name(load_catalog().get(action_id).factor, use)
    tags = [t("report.moves", use, factor=name)] if name else []
    if monthly_cash:
        tags.append(t("report.cash", use, amount=money(monthly_cash)))
    return tags


def render_plan(plan: Plan, lang: Lang | None = None) -> list[str]:
    """The plan month by month: each action's checkbox, key and title."""
    use = lang or get_language()
    catalog = load_catalog()
    lines = [
        t(
            "report.plan_title",
            use,
            months=len(plan.months),
            start=plan.months[0].label,
            capacity=plan.capacity,
        ),
        budget_line(plan, use, key="report"),
    ]
    notes = note_lines(plan, use)
    if notes:
        lines += ["", t("report.notes", use), *(f"  · {note}" for note in notes)]
    for month in plan.months:
        lines.append("")
        lines.append(month_line(month, use))
        for item in month.actions:
            box = "[x]" if item.done else "[ ]"
            title = catalog.get(item.action_id).title.get(use)
            tags = " · ".join(action_tags(item.action_id, item.monthly_cash, use))
            lines.append(f"  {box} {title}  ({item.key})" + (f"  · {tags}" if tags else ""))
    lines += ["", projection_line(plan, use)]
    return lines


def text_report(today: date, lang: Lang, session: object | None = None) -> str:
    """A session's (or the demo profile's) breakdown and plan as text."""
    from jiebei_coach.domain import Session, build_plan, demo_profile, score

    if isinstance(session, Session):
        title, profile, plan = session.name, session.profile, session.plan
    else:
        title, profile = t("report.demo_title", lang), demo_profile()
        plan = build_plan(profile, today)
    lines = [
        t("app.tagline", lang),
        "",
        title,
        "",
        *render_breakdown(score(profile), lang),
        "",
        *render_plan(plan, lang),
        "",
        t("report.safety", lang),
    ]
    return "\n".join(lines)
