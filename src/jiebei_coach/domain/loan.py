"""The true cost of a 借呗 loan: schedules, total interest and annual rates.

Conventions (stated to the user as well):

* The monthly rate is ``daily × 365 / 12``; interest each month is the remaining
  principal × the monthly rate. Money is exact to the fen: interest is rounded so that
  the running total never drifts from the exact figure by half a fen or more (¥10,000 at
  0.04%/day, interest first, costs exactly ¥1,460.00), and the last payment clears
  whatever principal is left, so the principal parts add up to the loan exactly.
* ``simple_annual_rate`` is ``daily × 365``; ``apr`` is the monthly internal rate of return
  of the cash flows × 12, the annualised rate lenders must show (PBOC announcement
  〔2021〕 No. 3) and the one the regulatory lines are written in; ``effective_annual_rate``
  is ``(1 + monthly IRR)^12 − 1``, what the money costs if every month's interest were
  itself borrowed, shown beside it and labelled as such.
* A real 借呗 bill counts actual days: ``actual_day_schedule`` puts each due date on the
  draw's day of the month (the month's last day when it has no such day) and charges
  ``remaining × daily rate × days`` for each period, with the instalment of the 365/12
  schedule; ``early_savings`` is the interest avoided by clearing the loan on a due date.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

Method = Literal[
    "equal_installment", "interest_first", "interest_only_6_then_equal", "equal_principal"
]
METHODS: tuple[Method, ...] = get_args(Method)
TERMS: tuple[int, ...] = (3, 6, 12)
MAX_PRINCIPAL = Decimal(10_000_000)
MAX_DAILY_RATE = 0.01
FEN = Decimal("0.01")


class LoanError(ValueError):
    """Impossible loan inputs; ``code`` is a stable key for the message catalogs."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class LoanPayment(BaseModel):
    """One monthly payment: how much repays principal and interest, and what is left."""

    model_config = ConfigDict(frozen=True)

    period: int
    principal: Decimal
    interest: Decimal
    total: Decimal
    remaining: Decimal
    due: date | None = None
    days: int | None = None


class LoanSchedule(BaseModel):
    """A whole repayment schedule with its cost."""

    model_config = ConfigDict(frozen=True)

    principal: Decimal
    daily_rate: float
    months: int
    method: Method
    monthly_rate: float
    payments: list[LoanPayment]
    total_interest: Decimal
    total_paid: Decimal
    simple_annual_rate: float
    apr: float
    effective_annual_rate: float
    drawn_on: date | None = None

    @property
    def largest_payment(self) -> Decimal:
        """The biggest single monthly payment (what a budget must survive)."""
        return max(p.total for p in self.payments)


def _fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def _principal_parts(principal: Decimal, months: int, method: Method) -> list[Decimal | None]:
    """Principal due each month; ``None`` means "whatever makes an equal instalment"."""
    if method == "interest_first":
        return [*([Decimal(0)] * (months - 1)), principal]
    if method == "equal_principal":
        return [_fen(principal / months) for _ in range(months)]
    if method == "interest_only_6_then_equal":
        return [Decimal(0) if i < 6 else None for i in range(12)]
    return [None] * months


def _annuity(principal: Decimal, rate: Decimal, months: int) -> Decimal:
    growth = (1 + rate) ** months
    if growth == 1:  # no interest, or too little to show at 28 digits
        return _fen(principal / months)
    return _fen(principal * rate * growth / (growth - 1))


def monthly_irr(principal: float, payments: list[float]) -> float:
    """The monthly rate at which the payments are worth the principal today (bisection)."""

    def value(rate: float) -> float:
        return sum(p / (1 + rate) ** (k + 1) for k, p in enumerate(payments)) - principal

    low, high = 0.0, 1.0
    if value(low) <= 0:
        return 0.0
    for _ in range(200):
        mid = (low + high) / 2
        if value(mid) > 0:
            low = mid
        else:
            high = mid
        if high - low < 1e-15:
            break
    return (low + high) / 2


def _checked(
    principal: float | Decimal | str, daily_rate: float, months: int, method: str
) -> Decimal:
    """The principal in fen, after checking every input (``LoanError`` with a code)."""
    try:
        amount = _fen(Decimal(str(principal)))
    except ArithmeticError:
        raise LoanError("principal_invalid", f"principal {principal!r} is not a number") from None
    if not amount.is_finite() or amount <= 0:
        raise LoanError("principal_not_positive", "the principal must be more than 0")
    if amount > MAX_PRINCIPAL:
        raise LoanError("principal_too_large", f"the principal must be at most {MAX_PRINCIPAL}")
    if not 0 <= daily_rate <= MAX_DAILY_RATE:
        raise LoanError("rate_out_of_range", f"the daily rate must be 0–{MAX_DAILY_RATE:.0%}")
    if method not in METHODS:
        raise LoanError("method_unknown", f"unknown repayment method {method!r}")
    if months not in TERMS:
        raise LoanError("term_not_offered", f"the term must be one of {TERMS} months")
    if method == "interest_only_6_then_equal" and months != 12:
        raise LoanError("term_needs_12", "6 months interest-only then equal needs a 12-month term")
    return amount


def term_for(method: str, months: int) -> int:
    """The term ``method`` can be drawn over when ``months`` is asked for: the six months of
    interest only, then equal instalments, is offered over 12 months and no other term."""
    return 12 if method == "interest_only_6_then_equal" else months


def due_dates(drawn_on: date, months: int) -> list[date]:
    """Each period's due date: the draw's day of the month, or the month's last day."""
    dates = []
    for k in range(1, months + 1):
        year, month = divmod(drawn_on.month - 1 + k, 12)
        year, month = drawn_on.year + year, month + 1
        day = min(drawn_on.day, calendar.monthrange(year, month)[1])
        dates.append(date(year, month, day))
    return dates


def _build(
    amount: Decimal,
    daily_rate: float,
    months: int,
    method: Method,
    drawn_on: date | None,
) -> LoanSchedule:
    monthly = Decimal(str(daily_rate)) * 365 / 12
    daily = Decimal(str(daily_rate))
    parts = _principal_parts(amount, months, method)
    equal_from = next((i for i, p in enumerate(parts) if p is None), None)
    instalment = (
        _annuity(amount, monthly, months - equal_from) if equal_from is not None else Decimal(0)
    )
    dates = due_dates(drawn_on, months) if drawn_on is not None else None

    remaining = amount
    exact_interest = Decimal(0)
    charged = Decimal(0)
    payments: list[LoanPayment] = []
    previous = drawn_on
    for i, part in enumerate(parts):
        days = None
        if dates is not None and previous is not None:
            days = (dates[i] - previous).days
            exact_interest += remaining * daily * days
            previous = dates[i]
        else:
            exact_interest += remaining * monthly
        interest = _fen(exact_interest) - charged
        charged += interest
        repay = instalment - interest if part is None else part
        if i == months - 1 or repay > remaining:
            repay = remaining
        repay = max(repay, Decimal(0))
        remaining -= repay
        payments.append(
            LoanPayment(
                period=i + 1,
                principal=repay,
                interest=interest,
                total=repay + interest,
                remaining=remaining,
                due=dates[i] if dates is not None else None,
                days=days,
            )
        )

    total_interest = sum((p.interest for p in payments), Decimal(0))
    irr = monthly_irr(float(amount), [float(p.total) for p in payments])
    return LoanSchedule(
        principal=amount,
        daily_rate=daily_rate,
        months=months,
        method=method,
        monthly_rate=float(monthly),
        payments=payments,
        total_interest=total_interest,
        total_paid=amount + total_interest,
        simple_annual_rate=daily_rate * 365,
        apr=irr * 12,
        effective_annual_rate=(1 + irr) ** 12 - 1,
        drawn_on=drawn_on,
    )


def loan_schedule(
    principal: float | Decimal | str, daily_rate: float, months: int, method: Method
) -> LoanSchedule:
    """The schedule of a loan of ``principal`` yuan at ``daily_rate`` (a fraction: 0.0004).

    Months are ``365 / 12`` days each: the convention for comparing methods and rates.
    """
    return _build(_checked(principal, daily_rate, months, method), daily_rate, months, method, None)


def actual_day_schedule(
    principal: float | Decimal | str,
    daily_rate: float,
    months: int,
    method: Method,
    drawn_on: date,
) -> LoanSchedule:
    """The schedule a bill would show for a draw on ``drawn_on``: interest by actual days."""
    amount = _checked(principal, daily_rate, months, method)
    return _build(amount, daily_rate, months, method, drawn_on)


def early_savings(schedule: LoanSchedule) -> list[Decimal]:
    """For each due date, the interest saved by repaying everything left right after it.

    Interest is charged only for days the money is used and early repayment costs no fee,
    so clearing the loan on a due date avoids exactly the interest of the later periods.
    """
    later = Decimal(0)
    saved: list[Decimal] = []
    for payment in reversed(schedule.payments):
        saved.append(later)
        later += payment.interest
    return list(reversed(saved))


def compare_methods(
    principal: float | Decimal | str, daily_rate: float, months: int
) -> list[LoanSchedule]:
    """The same loan under every method the term allows, for a side-by-side comparison."""
    return [
        loan_schedule(principal, daily_rate, months, method)
        for method in METHODS
        if method != "interest_only_6_then_equal" or months == 12
    ]
