"""The scam guard against the project's labelled corpus: CI fails below the issue's lines."""

from __future__ import annotations

from tests.scam_eval import MAX_FALSE_ALARMS, MIN_RECALL, evaluate, load_corpus, render

#: The kinds of scam the corpus must cover (issue 11), and of hard ordinary messages.
SCAM_KINDS = {
    "paid_limit",
    "code_request",
    "phishing_link",
    "screen_share",
    "fake_regulator",
    "credit_repair",
    "debt_agent",
    "fake_turnover",
    "cash_out",
    "loan_packaging",
    "advance_fee",
    "threat",
    "student_account",
    "safe_account",
    "fake_refund",
    "obfuscated",
}
ORDINARY_KINDS = {
    "bill_notice",
    "code_sms",
    "bank_limit",
    "antifraud_warning",
    "friend_chat",
    "business_chat",
}


def test_the_corpus_is_big_and_broad_enough() -> None:
    rows = load_corpus()
    scams = [r for r in rows if r["label"] == "scam"]
    ordinary = [r for r in rows if r["label"] == "ordinary"]
    assert len(scams) >= 150 and len(ordinary) >= 80
    assert {r["kind"] for r in scams} >= SCAM_KINDS
    assert {r["kind"] for r in ordinary} >= ORDINARY_KINDS
    assert {r["lang"] for r in rows} == {"zh", "en"}
    assert len({r["text"] for r in rows}) == len(rows)


def test_recall_and_false_alarms_are_within_the_lines() -> None:
    report = evaluate(load_corpus())
    details = render(report, misses=True)
    assert report.recall >= MIN_RECALL, details
    assert report.false_alarms <= MAX_FALSE_ALARMS, details
