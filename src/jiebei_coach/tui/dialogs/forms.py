"""Small forms: a month's check-in, an export, a use of borrowed money, a message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from jiebei_coach.i18n import t
from jiebei_coach.parsing import parse_amount, parse_count
from jiebei_coach.tui.base import CoachDialog


@dataclass(frozen=True)
class CheckInValues:
    """A month's real figures as typed (either may be left out)."""

    sesame: int | None
    limit: float | None


@dataclass(frozen=True)
class ExportChoice:
    """An export's format (``md``, ``ics``, ``json``) and where to write it."""

    fmt: str
    path: Path


@dataclass(frozen=True)
class DrawEntry:
    """What a draw paid for, as typed."""

    amount: float
    use: str
    purpose: str


class InfoDialog(CoachDialog):
    """A message with a close button."""

    BINDINGS = [Binding("escape", "close", "Close", id="close")]

    def __init__(self, title: str, body: str | Text) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-scroll pane"):
                yield Static(self.body, classes="dialog-text", markup=False)
            yield Button(t("dialog.close"), variant="primary", id="close")

    def on_mount(self) -> None:
        self.query_one(Button).focus()
        self.call_after_refresh(self._focus_text_if_long)

    def _focus_text_if_long(self) -> None:
        """A text longer than the dialog gets the focus, so the arrows and Page Down
        scroll it at once (Tab reaches Close; Escape closes)."""
        scroll = self.query_one(".dialog-scroll", VerticalScroll)
        if scroll.max_scroll_y > 0:
            scroll.focus()

    @on(Button.Pressed)
    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)


class CheckInDialog(CoachDialog):
    """Log this month's real Sesame score and 借呗 limit (either may stay empty)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, month: str, sesame: int | None, limit: float | None) -> None:
        super().__init__()
        self.month = month
        self.sesame = sesame
        self.limit = limit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("checkin.title", month=self.month), classes="dialog-title")
            yield Static(t("checkin.intro"), classes="hint")
            with Horizontal(classes="form-row"):
                yield Label(t("field.sesame_score"), classes="form-label")
                yield Input(
                    "" if self.sesame is None else str(self.sesame), id="sesame", compact=True
                )
            with Horizontal(classes="form-row"):
                yield Label(t("field.jiebei_limit"), classes="form-label")
                yield Input(
                    "" if self.limit is None else f"{self.limit:g}", id="limit", compact=True
                )
            yield Static("", id="checkin-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialog.ok"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#sesame", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        from pydantic import ValidationError

        from jiebei_coach.domain import CheckIn
        from jiebei_coach.presentation.fields import error_messages

        error = self.query_one("#checkin-error", Static)
        try:
            sesame = parse_count(self.query_one("#sesame", Input).value)
            limit = parse_amount(self.query_one("#limit", Input).value)
        except ValueError:
            error.update(t("profile.not_a_count") + " / " + t("profile.not_a_amount"))
            return
        if sesame is None and limit is None:
            error.update(t("checkin.need_one"))
            return
        try:
            CheckIn(
                month=date.today(),
                sesame_score=sesame,
                jiebei_limit=limit,
                recorded_on=date.today(),
            )
        except ValidationError as exc:
            error.update("; ".join(error_messages(exc).values()))
            return
        self.dismiss(CheckInValues(sesame, limit))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


class ExportDialog(CoachDialog):
    """Choose a format and a file; dismissed with (format, path) or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]
    SUFFIX = {"md": ".md", "ics": ".ics", "json": ".json"}

    def __init__(self, folder: Path, stem: str) -> None:
        super().__init__()
        self.folder = folder
        self.stem = stem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("export.dialog_title"), classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label(t("export.format"), classes="form-label")
                yield Select[str](
                    [(t(f"export.format_{f}"), f) for f in ("md", "ics", "json")],
                    value="md",
                    allow_blank=False,
                    id="format",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label(t("export.path"), classes="form-label")
                yield Input(self._shown(self.folder / f"{self.stem}.md"), id="path", compact=True)
            yield Static("", id="export-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("export.save"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    @staticmethod
    def _shown(path: Path) -> str:
        """The path as people write it: ``~/…`` inside the home folder."""
        home = Path.home()
        try:
            return "~/" + str(path.relative_to(home))
        except ValueError:
            return str(path)

    @on(Select.Changed, "#format")
    def _format(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        current = path.value
        for suffix in self.SUFFIX.values():
            if current.endswith(suffix):
                path.value = current[: -len(suffix)] + self.SUFFIX[str(event.value)]
                break

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.query_one("#export-error", Static).update(t("export.need_path"))
            return
        fmt = str(self.query_one("#format", Select).value)
        path = Path(text).expanduser()
        if path.is_dir():  # a folder: the file gets its usual name inside it
            path = path / f"{self.stem}{self.SUFFIX[fmt]}"
        self.dismiss(ExportChoice(fmt, path))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)


class FundsDialog(CoachDialog):
    """The use-of-funds log, and a form to add what a draw paid for."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, log: Text) -> None:
        super().__init__()
        self.log_text = log

    def compose(self) -> ComposeResult:
        from jiebei_coach.domain.session import DRAW_USES

        with Vertical(classes="dialog"):
            yield Static(t("funds.title"), classes="dialog-title")
            with VerticalScroll(classes="funds-log pane"):
                yield Static(self.log_text, id="funds-log")
            yield Static(t("funds.intro"), classes="hint")
            with Horizontal(classes="form-row"):
                yield Label(t("funds.amount"), classes="form-label")
                yield Input("", id="amount", compact=True, placeholder=t("placeholder.amount"))
            with Horizontal(classes="form-row"):
                yield Label(t("funds.use"), classes="form-label")
                yield Select[str](
                    [(t(f"funds.use.{u}"), u) for u in DRAW_USES],
                    prompt=t("funds.choose"),
                    id="use",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label(t("funds.purpose"), classes="form-label")
                yield Input("", id="purpose", compact=True, max_length=80)
            yield Static("", id="funds-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("funds.add"), variant="primary", id="ok")
                yield Button(t("dialog.close"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#amount", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        error = self.query_one("#funds-error", Static)
        try:
            amount = parse_amount(self.query_one("#amount", Input).value)
        except ValueError:
            error.update(t("profile.not_a_amount"))
            return
        use = self.query_one("#use", Select).value
        if amount is None or amount <= 0:
            error.update(t("funds.need_amount"))
            return
        if use is Select.NULL:
            error.update(t("funds.need_use"))
            return
        purpose = self.query_one("#purpose", Input).value.strip()
        problem = _draw_problem(amount, str(use), purpose)
        if problem:
            error.update(problem)
            return
        self.dismiss(DrawEntry(amount, str(use), purpose))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without adding."""
        self.dismiss(None)


def _draw_problem(amount: float, use: str, purpose: str) -> str:
    """What is wrong with a draw as typed (the same checks as when it is saved), or ""."""
    from pydantic import ValidationError

    from jiebei_coach.domain import Draw
    from jiebei_coach.presentation.fields import error_messages

    try:
        Draw.model_validate({"on": date.today(), "amount": amount, "use": use, "purpose": purpose})
    except ValidationError as exc:
        return "; ".join(error_messages(exc).values())
    return ""
