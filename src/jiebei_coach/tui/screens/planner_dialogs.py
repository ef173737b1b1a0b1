"""The planner's dialogs: check in, re-plan, export, the plan's notes, the funds log.

Each opens a dialog, gets a typed answer back and hands it to the app (``tui.coach``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from jiebei_coach.domain.calendar import month_start
from jiebei_coach.i18n import t
from jiebei_coach.presentation.exports import export_file_name
from jiebei_coach.presentation.report import budget_line, note_lines

if TYPE_CHECKING:
    from jiebei_coach.tui.base import CoachScreen

    _Base = CoachScreen
else:
    _Base = object


class PlannerDialogs(_Base):
    """The dialogs the planner opens (mixed into the planner screen)."""

    def action_checkin(self) -> None:
        """Log this month's real Sesame score and 借呗 limit."""
        from jiebei_coach.tui.dialogs.forms import CheckInDialog, CheckInValues

        session = self.coach.session
        if session is None:
            return
        month = month_start(self.coach.today)
        existing = session.checkin_for(month)

        def done(answer: CheckInValues | None) -> None:
            if answer is not None:
                self.coach.save_checkin(month, answer.sesame, answer.limit)

        self.app.push_screen(
            CheckInDialog(
                f"{month.year}-{month.month:02d}",
                existing.sesame_score if existing else None,
                existing.jiebei_limit if existing else None,
            ),
            done,
        )

    def action_replan(self) -> None:
        """Plan again from this month (asks first)."""
        from jiebei_coach.tui.dialogs.confirm import ConfirmDialog

        def done(yes: bool | None) -> None:
            if yes:
                self.coach.replan_session()

        question = ConfirmDialog(t("replan.question"), t("replan.go"), danger=False)
        self.app.push_screen(question, done)

    def action_export(self) -> None:
        """Save the plan as Markdown, iCalendar or JSON."""

        from jiebei_coach.tui.dialogs.forms import ExportChoice, ExportDialog

        session = self.coach.session
        if session is None:
            return
        stem = export_file_name(session.name, "md").removesuffix(".md")

        def done(answer: ExportChoice | None) -> None:
            if answer is not None:
                self.coach.export_session(answer.fmt, answer.path)

        self.app.push_screen(ExportDialog(Path.home(), stem), done)

    def action_notes(self) -> None:
        """What the plan says besides its actions: budget, crisis, goal, who it is for."""
        from jiebei_coach.tui.dialogs.forms import InfoDialog

        session = self.coach.session
        if session is None:
            return
        plan = session.plan
        body = "\n\n".join([budget_line(plan), *note_lines(plan)])
        self.app.push_screen(InfoDialog(t("planner.notes"), body))

    def action_funds(self) -> None:
        """The use-of-funds log: what each draw paid for."""
        from jiebei_coach.tui.dialogs.forms import DrawEntry, FundsDialog

        session = self.coach.session
        if session is None:
            return
        log = Text()
        if not session.draws:
            log.append(t("funds.empty"), style="dim")
        for draw in session.draws:
            line = f"{draw.on.isoformat()}  ¥{draw.amount:,.0f}  {t('funds.use.' + draw.use)}"
            if draw.purpose:
                line += f"  · {draw.purpose}"
            log.append(line, style="bold red" if draw.speculative else "")
            if draw.speculative:
                log.append("  " + t("funds.speculative"), style="bold red")
            log.append("\n")
        if session.profile.is_business_owner is not True:
            log.append(t("funds.not_business") + "\n", style="dim")

        def done(answer: DrawEntry | None) -> None:
            if answer is not None:
                self.coach.add_draw(answer.amount, answer.use, answer.purpose)

        self.app.push_screen(FundsDialog(log), done)
