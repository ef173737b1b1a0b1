"""The scam checker against messages that must match and messages that must not."""

from __future__ import annotations

import pytest

from jiebei_coach.domain import check_message
from jiebei_coach.domain.scams import load_scam_patterns


@pytest.mark.parametrize(
    ("message", "pattern"),
    [
        ("【借呗】您好,我们可以帮您提额到5万,需先交500元手续费,内部渠道包过", "paid-limit-raising"),
        ("代开通借呗,成功后支付服务费 300 元", "paid-limit-raising"),
        (
            "We can raise your limit to 50,000 today, just pay a small fee first",
            "paid-limit-raising",
        ),
        ("您的账户被认定为学生账户,需注销校园贷,否则影响征信", "close-student-loan"),
        (
            "Your account is flagged as a student loan; close it now or your credit suffers",
            "close-student-loan",
        ),
        ("专业征信修复,逾期记录删除,三天见效", "credit-repair"),
        ("We offer credit repair: remove late payments in 3 days", "credit-repair"),
        ("贷款已审批,请先缴纳 2000 元保证金后放款", "deposit-or-unfreezing-fee"),
        ("您的账户被冻结,请转账解冻费 800 元", "deposit-or-unfreezing-fee"),
        ("需要验证还款能力,请向指定账户转入 5000 元", "deposit-or-unfreezing-fee"),
        ("兼职刷流水,日赚 300", "fake-turnover"),
        ("花呗套现,秒到账", "cash-out"),
        ("为保障资金安全,请把钱转入安全账户", "safe-account"),
        ("您涉嫌洗钱,资金需转到监管账户核查", "safe-account"),
        ("我是支付宝客服,您有一笔退款,请下载会议软件并开启屏幕共享", "fake-customer-service"),
        (
            "This is customer service: to get your refund, tell us the verification code",
            "fake-customer-service",
        ),
        ("ＷＥ ＣＡＮ ＲＡＩＳＥ ＹＯＵＲ ＬＩＭＩＴ for a FEE", "paid-limit-raising"),
    ],
)
def test_known_scams_are_recognised(message: str, pattern: str) -> None:
    assert pattern in [m.pattern.id for m in check_message(message)]


@pytest.mark.parametrize(
    "message",
    [
        "您的借呗还款日为每月10日,请按时还款。",
        "【支付宝】您的余额宝收益 1.23 元已到账。",
        "本月花呗账单 1,200 元,最后还款日 12 月 9 日。",
        "Your 借呗 repayment of ¥900.70 is due on the 10th. Pay on time to keep a good record.",
        "房东:下个月起房租涨 100 元,押金不变。",
        "恭喜,您的借呗额度已由系统评估提升,可在支付宝查看。",
        "Refund processed for your order; no action is needed.",
        "Please pay your phone bill by Friday.",
        "",
    ],
)
def test_ordinary_messages_do_not_match(message: str) -> None:
    assert check_message(message) == []


def test_every_pattern_has_both_languages_and_a_source() -> None:
    patterns = load_scam_patterns()
    assert {p.id for p in patterns} >= {
        "paid-limit-raising",
        "close-student-loan",
        "credit-repair",
        "deposit-or-unfreezing-fee",
        "fake-turnover",
        "cash-out",
        "safe-account",
    }
    for pattern in patterns:
        for text in (pattern.name, pattern.why, pattern.do):
            assert text.zh and text.en
        assert pattern.source


def test_the_phrases_that_matched_are_reported() -> None:
    [match] = check_message("帮您提额,收费 200")
    assert match.phrases == ("提额", "费")
