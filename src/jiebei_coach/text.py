"""Plain-text rendering of a breakdown and a plan, for the terminal without the app.

Columns are padded by display cells (``rich.cells.cell_len``), so Chinese lines up with
English. Nothing here imports Textual.
"""

from __future__ import annotations

from rich.cells import cell_len

from jiebei_coach.domain import Breakdown, Plan, load_catalog
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


def _row(name: str, weight: str, score: str, points: str, headroom: str) -> str:
    return (
        pad(fit(name, 40), 40)
        + pad(weight, 8, right=True)
        + pad(score, 8, right=True)
        + pad(points, 8, right=True)
        + pad(headroom, 10, right=True)
    )


def render_breakdown(breakdown: Breakdown, lang: Lang | None = None) -> list[str]:
    """The index, its band, every dimension and factor, and the top three levers."""
    use = lang or get_language()
    low, high = breakdown.sesame_band
    lines = [
        t("report.index", use, index=f"{breakdown.index:.1f}"),
        t("report.band", use, low=low, high=high, band=breakdown.band_name.get(use)),
    ]
    if breakdown.sesame_actual is not None:
        gap = breakdown.sesame_gap or 0
        key = "report.actual_inside" if breakdown.sesame_within_band else "report.actual_outside"
        lines.append(t(key, use, actual=breakdown.sesame_actual, gap=gap))
    if breakdown.gated:
        lines.append(t("report.gated", use, mult=f"{breakdown.gate_multiplier:g}"))
    lines += [t("report.honesty", use), ""]
    lines.append(_row(*t("report.columns", use).split("|")))
    for dimension in breakdown.dimensions:
        lines.append(
            _row(
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
        )
    ]
    for month in plan.months:
        lines.append("")
        lines.append(
            t("report.month", use, month=month.label, index=f"{month.projected_index:.1f}")
        )
        for item in month.actions:
            box = "[x]" if item.done else "[ ]"
            title = catalog.get(item.action_id).title.get(use)
            lines.append(f"  {box} {title}  ({item.key})")
    lines += [
        "",
        t("report.projection", use, start=f"{plan.baseline:.1f}", end=f"{plan.projection[-1]:.1f}"),
    ]
    return lines
