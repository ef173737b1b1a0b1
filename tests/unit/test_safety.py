"""Warnings before borrowing."""

from __future__ import annotations

from jiebei_coach.domain import Profile, borrowing_warnings, loan_schedule


def test_repayments_over_half_of_income_are_flagged() -> None:
    loan = loan_schedule(10000, 0.0004, 12, "equal_installment")  # ¥900.70 a month
    stretched = Profile(monthly_income=5000, monthly_debt_payment=1700)
    [warning] = borrowing_warnings(stretched, loan)
    assert warning.code == "repayments_over_half_income"
    assert warning.figures["share"] > 0.5
    comfortable = Profile(monthly_income=5000, monthly_debt_payment=1500)
    assert borrowing_warnings(comfortable, loan) == []


def test_interest_first_counts_its_balloon_payment() -> None:
    loan = loan_schedule(10000, 0.0004, 3, "interest_first")
    assert [w.code for w in borrowing_warnings(Profile(monthly_income=12000), loan)] == [
        "repayments_over_half_income"
    ]


def test_a_fourth_lender_is_flagged_only_when_it_is_new() -> None:
    loan = loan_schedule(1000, 0.0004, 3, "equal_installment")
    three = Profile(lender_count=3)
    assert [w.code for w in borrowing_warnings(three, loan, new_lender=True)] == ["adds_lender"]
    assert borrowing_warnings(three, loan, new_lender=False) == []
    assert borrowing_warnings(Profile(lender_count=2), loan, new_lender=True) == []


def test_unknown_income_gives_no_income_warning() -> None:
    loan = loan_schedule(100000, 0.0005, 3, "interest_first")
    assert borrowing_warnings(Profile(), loan) == []


def test_a_jiebei_draw_adds_a_lender_only_when_nothing_is_owed_on_jiebei() -> None:
    loan = loan_schedule(1000, 0.0004, 3, "equal_installment")
    fresh = Profile(lender_count=3, jiebei_limit=20000, jiebei_balance=0)
    owing = Profile(lender_count=3, jiebei_limit=20000, jiebei_balance=5000)
    assert [w.code for w in borrowing_warnings(fresh, loan)] == ["adds_lender"]
    assert borrowing_warnings(owing, loan) == []
    assert [w.code for w in borrowing_warnings(Profile(lender_count=3), loan)] == ["adds_lender"]


def test_with_no_income_the_warning_says_so_instead_of_a_share() -> None:
    loan = loan_schedule(5000, 0.0004, 12, "equal_installment")
    codes = [w.code for w in borrowing_warnings(Profile(monthly_income=0), loan)]
    assert codes == ["no_income"]
