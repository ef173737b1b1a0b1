"""Loan schedules against the standard formulas and worked examples."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiebei_coach.domain import (
    METHODS,
    TERMS,
    LoanError,
    actual_day_schedule,
    compare_methods,
    early_savings,
    loan_schedule,
)
from jiebei_coach.domain.loan import monthly_irr, term_for

D = Decimal


def test_equal_instalments_reference_example() -> None:
    """¥10,000, 12 months, 0.04%/day: about ¥900.7 a month (annuity formula)."""
    schedule = loan_schedule(10000, 0.0004, 12, "equal_installment")
    r = 0.0004 * 365 / 12
    annuity = 10000 * r * (1 + r) ** 12 / ((1 + r) ** 12 - 1)
    assert float(schedule.payments[0].total) == pytest.approx(annuity, abs=0.005)
    assert schedule.payments[0].total == D("900.70")
    assert all(p.total == D("900.70") for p in schedule.payments[:-1])
    assert abs(schedule.payments[-1].total - D("900.70")) <= D("0.10")
    assert schedule.payments[0].interest == D("121.67")


def test_interest_first_reference_example() -> None:
    """Interest first: ¥1,460 of interest, exactly daily × 365 × principal."""
    schedule = loan_schedule(10000, 0.0004, 12, "interest_first")
    assert schedule.total_interest == D("1460.00")
    assert [p.principal for p in schedule.payments[:-1]] == [D(0)] * 11
    assert schedule.payments[-1].principal == D(10000)
    assert schedule.payments[-1].remaining == D(0)


def test_interest_only_then_equal() -> None:
    schedule = loan_schedule(10000, 0.0004, 12, "interest_only_6_then_equal")
    first_half, second_half = schedule.payments[:6], schedule.payments[6:]
    assert all(p.principal == 0 for p in first_half)
    assert sum(p.interest for p in first_half) == D("730.00")
    totals = {p.total for p in second_half[:-1]}
    assert len(totals) == 1
    assert (
        schedule.total_interest
        > loan_schedule(10000, 0.0004, 12, "equal_installment").total_interest
    )


def test_equal_principal_payments_fall_each_month() -> None:
    schedule = loan_schedule(12000, 0.0005, 12, "equal_principal")
    assert all(p.principal == D(1000) for p in schedule.payments)
    totals = [p.total for p in schedule.payments]
    assert totals == sorted(totals, reverse=True)
    assert schedule.payments[0].interest == D("182.50")  # 12000 × 0.0005 × 365 / 12


def test_rates_side_by_side() -> None:
    schedule = loan_schedule(10000, 0.0004, 12, "equal_installment")
    assert schedule.simple_annual_rate == pytest.approx(0.146)
    # Interest is charged on what is still owed, so the IRR equals the monthly rate.
    assert schedule.apr == pytest.approx(0.146, abs=1e-4)
    assert schedule.effective_annual_rate == pytest.approx((1 + 0.146 / 12) ** 12 - 1, abs=1e-4)
    assert schedule.monthly_rate == pytest.approx(0.0004 * 365 / 12)


def test_zero_rate_costs_nothing() -> None:
    schedule = loan_schedule(1000, 0, 3, "equal_installment")
    assert schedule.total_interest == 0 and schedule.apr == 0
    assert [p.total for p in schedule.payments] == [D("333.33"), D("333.33"), D("333.34")]


def test_compare_methods_lists_what_the_term_allows() -> None:
    assert [s.method for s in compare_methods(5000, 0.0003, 12)] == list(METHODS)
    assert "interest_only_6_then_equal" not in [s.method for s in compare_methods(5000, 0.0003, 6)]


@pytest.mark.parametrize(
    ("principal", "rate", "months", "method", "code"),
    [
        (0, 0.0004, 12, "equal_installment", "principal_not_positive"),
        (-5, 0.0004, 12, "equal_installment", "principal_not_positive"),
        ("lots", 0.0004, 12, "equal_installment", "principal_invalid"),
        (1e12, 0.0004, 12, "equal_installment", "principal_too_large"),
        (1000, -0.0001, 12, "equal_installment", "rate_out_of_range"),
        (1000, 0.02, 12, "equal_installment", "rate_out_of_range"),
        (1000, 0.0004, 9, "equal_installment", "term_not_offered"),
        (1000, 0.0004, 6, "interest_only_6_then_equal", "term_needs_12"),
        (1000, 0.0004, 12, "balloon", "method_unknown"),
    ],
)
def test_impossible_loans_raise_a_clear_error(
    principal: object, rate: float, months: int, method: str, code: str
) -> None:
    with pytest.raises(LoanError) as caught:
        loan_schedule(principal, rate, months, method)  # type: ignore[arg-type]
    assert caught.value.code == code
    assert str(caught.value)


def test_irr_of_a_known_cash_flow() -> None:
    # 1000 today, 1100 back in one month: 10% a month.
    assert monthly_irr(1000, [1100]) == pytest.approx(0.10)
    assert monthly_irr(1000, [500, 500]) == 0.0


@given(
    st.decimals(min_value="100", max_value="300000", places=2),
    st.floats(min_value=0, max_value=0.001),
    st.sampled_from(TERMS),
    st.sampled_from(METHODS),
)
def test_schedules_always_repay_exactly(
    principal: Decimal, rate: float, months: int, method: str
) -> None:
    if method == "interest_only_6_then_equal" and months != 12:
        return
    schedule = loan_schedule(principal, rate, months, method)  # type: ignore[arg-type]
    assert len(schedule.payments) == months
    assert sum(p.principal for p in schedule.payments) == principal
    assert schedule.payments[-1].remaining == 0
    assert all(p.principal >= 0 and p.interest >= 0 for p in schedule.payments)
    assert all(p.total == p.principal + p.interest for p in schedule.payments)
    assert schedule.total_paid == principal + schedule.total_interest
    exact = sum(float(p.remaining + p.principal) for p in schedule.payments) * schedule.monthly_rate
    assert abs(float(schedule.total_interest) - exact) < 0.01
    assert schedule.apr == pytest.approx(rate * 365, abs=2e-3)


# ------------------------------------------------------------ actual days


def test_due_dates_keep_the_draw_day_or_the_month_end() -> None:
    from jiebei_coach.domain.loan import due_dates

    assert due_dates(date(2026, 1, 31), 4) == [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
    ]
    assert due_dates(date(2026, 11, 15), 3)[-1] == date(2027, 2, 15)


def test_interest_first_by_actual_days_worked_by_hand() -> None:
    """¥10,000 at 0.05% a day from 15 January: 31, 28 and 31 days → ¥155, ¥140, ¥155."""
    billed = actual_day_schedule(10000, 0.0005, 3, "interest_first", date(2026, 1, 15))
    assert [p.days for p in billed.payments] == [31, 28, 31]
    assert [p.interest for p in billed.payments] == [
        Decimal("155.00"),
        Decimal("140.00"),
        Decimal("155.00"),
    ]
    assert billed.payments[-1].principal == Decimal(10000)
    assert billed.total_interest == Decimal("450.00")
    # Clearing right after a payment avoids the interest of every later period.
    assert early_savings(billed) == [Decimal("295.00"), Decimal("155.00"), Decimal(0)]


def test_equal_instalments_by_actual_days_repay_exactly_the_loan() -> None:
    billed = actual_day_schedule(10000, 0.0004, 12, "equal_installment", date(2026, 3, 10))
    convention = loan_schedule(10000, 0.0004, 12, "equal_installment")
    assert sum(p.principal for p in billed.payments) == Decimal(10000)
    assert billed.payments[-1].remaining == 0
    # The same instalment as the 365/12 schedule, except the last, which settles the rest.
    assert all(p.total == convention.payments[0].total for p in billed.payments[:-1])
    assert billed.total_interest == pytest.approx(convention.total_interest, abs=Decimal(5))
    first = billed.payments[0]
    assert first.days == 31 and first.interest == Decimal("124.00")  # 10,000 × 0.0004 × 31
    savings = early_savings(billed)
    assert savings[0] == billed.total_interest - first.interest
    assert savings == sorted(savings, reverse=True) and savings[-1] == 0


def test_actual_days_refuses_what_the_convention_refuses() -> None:
    with pytest.raises(LoanError):
        actual_day_schedule(0, 0.0004, 12, "equal_installment", date(2026, 1, 1))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("months", TERMS)
def test_term_for_gives_a_term_every_method_accepts(method: str, months: int) -> None:
    term = term_for(method, months)
    assert loan_schedule(1000, 0.0004, term, method).months == term  # type: ignore[arg-type]
    assert term == (12 if method == "interest_only_6_then_equal" else months)
