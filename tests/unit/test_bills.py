"""Reading bills: every layout and encoding, and every rule, against hand-computed answers.

The reference bills are written by ``tests/bills_fixtures.py``. The comments beside each row
say what the rules must make of it; the expected figures were worked out by hand from them.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from jiebei_coach.domain import (
    BillSummary,
    LifeScene,
    Profile,
    apply_changes,
    build_plan,
    compare_with_profile,
    month_evidence,
    offers_in_plan,
    read_bill,
)
from tests.bills_fixtures import ALIPAY_CURRENT_HEADER, Tx, alipay_current, alipay_older, wechat

# The reference Alipay bill (current layout): period 2024-01-15 … 2024-04-20, so February and
# March are the complete months; the 90-day window is 2024-01-22 … 2024-04-20.
REFERENCE = [
    # January (partial month): counted, but not in the monthly average
    Tx("2024-01-20 12:00:00", "餐饮美食", "某某餐厅", "午餐", "支出", "100.00"),
    # February: 50 + (200 - 60 refunded) + 150 = 340 counted, in 3 rows
    Tx("2024-02-03 12:00:00", "餐饮美食", "某某餐厅", "午餐", "支出", "50.00"),
    Tx(
        "2024-02-05 10:00:00",
        "日用百货",
        "某超市",
        "日用品",
        "支出",
        "200.00",
        order="2024020522001400000B01",
    ),
    Tx(
        "2024-02-08 10:00:00",
        "退款",
        "某超市",
        "退款-日用品",
        "不计收支",
        "60.00",
        "退款成功",
        order="2024020522001400000B01_R1",
    ),
    Tx("2024-02-10 10:00:00", "服饰装扮", "某服装店", "外套", "支出", "300.00", "交易关闭"),
    Tx("2024-02-12 10:00:00", "转账红包", "张三", "转账", "支出", "500.00"),
    Tx("2024-02-14 10:00:00", "投资理财", "蚂蚁财富", "基金申购", "支出", "1000.00"),
    Tx("2024-02-15 10:00:00", "账户存取", "招商银行", "提现-实时提现", "支出", "800.00"),
    Tx("2024-02-20 10:00:00", "信用借还", "蚂蚁借呗", "借呗还款", "支出", "1200.00"),
    Tx("2024-02-25 10:00:00", "充值缴费", "国家电网", "电费", "支出", "150.00"),
    Tx("2024-02-28 10:00:00", "信用借还", "街电", "免押租借充电宝", "支出", "3.00"),
    # March: 4 + 80 + 700 = 784 counted, in 3 rows
    Tx("2024-03-02 08:00:00", "交通出行", "北京地铁", "乘车码", "支出", "4.00"),
    Tx("2024-03-05 09:00:00", "医疗健康", "某医院", "挂号费", "支出", "80.00"),
    Tx("2024-03-08 09:00:00", "信用借还", "蚂蚁借呗", "借呗借款", "不计收支", "5000.00"),
    Tx("2024-01-16 09:00:00", "信用借还", "蚂蚁借呗", "借呗借款", "不计收支", "3000.00"),
    Tx("2024-04-10 09:00:00", "信用借还", "蚂蚁借呗", "借呗放款", "不计收支", "2000.00"),
    Tx(
        "2024-03-15 09:00:00",
        "信用借还",
        "花呗",
        "花呗主动还款-2024年02月账单",
        "不计收支",
        "600.00",
    ),
    Tx("2024-03-18 09:00:00", "信用借还", "微众银行", "微粒贷还款", "支出", "300.00"),
    Tx(
        "2024-03-20 09:00:00",
        "退款",
        "某网店",
        "退款-耳机",
        "不计收支",
        "20.00",
        "退款成功",
        order="ZZZ99999999_1",
    ),
    Tx("2024-03-22 09:00:00", "日用百货", "某网店", "纸巾", "支出", "45.50", "等待确认收货"),
    Tx("2024-03-25 09:00:00", "收入", "某公司", "工资", "收入", "10000.00"),
    # April (partial month)
    Tx("2024-04-05 12:00:00", "餐饮美食", "某某餐厅", "晚餐", "支出", "60.00"),
    Tx("2024-03-28 12:00:00", "酒店旅游", "某酒店", "住宿", "支出", "700.00"),
]


@pytest.fixture(scope="module")
def reference() -> BillSummary:
    return read_bill(alipay_current(REFERENCE))


def _figures(summary: BillSummary) -> dict[str, object]:
    """Everything but the encoding and the hash, which differ between copies of a bill."""
    return summary.model_dump(exclude={"encoding", "file_hash"})


# -- the current Alipay layout -------------------------------------------------------------


def test_reference_bill_period_and_counts(reference: BillSummary) -> None:
    assert (reference.source, reference.layout, reference.encoding) == (
        "alipay",
        "alipay_current",
        "gb18030",
    )
    assert reference.period.start == date(2024, 1, 15)
    assert reference.period.end == date(2024, 4, 20)
    assert reference.period.from_metadata
    assert reference.period.complete_months == ("2024-02", "2024-03")
    assert reference.transactions == 23
    assert reference.counted == 8
    assert reference.counted_amount == 1284.0
    assert reference.left_out == {
        "income_or_neutral": 1,  # the salary
        "refund": 2,  # both refund rows
        "closed": 1,
        "pending": 1,  # 等待确认收货
        "credit": 7,  # three draws, three repayments, the deposit-free rental (信用借还)
        "transfer": 1,
        "investment": 1,
        "top_up_withdrawal": 1,
    }
    assert reference.counted + sum(reference.left_out.values()) == reference.transactions
    assert (reference.refunds_netted, reference.refunds_unmatched) == (1, 1)


def test_monthly_spend_averages_the_complete_months_only(reference: BillSummary) -> None:
    evidence = reference.evidence["monthly_alipay_spend"]
    assert reference.proposed["monthly_alipay_spend"] == 562.0  # (340 + 784) / 2
    assert evidence.rule == "average_of_complete_months"
    assert [(m.month, m.rows, m.amount) for m in evidence.months] == [
        ("2024-02", 3, 340.0),
        ("2024-03", 3, 784.0),
    ]
    assert (evidence.rows, evidence.amount) == (6, 1124.0)


def test_categories_come_from_counted_spending(reference: BillSummary) -> None:
    # The closed 服饰装扮 trade and the pending 日用百货 order do not count;
    # 充值缴费 is none of the eight.
    assert reference.proposed["spend_categories"] == 5
    assert reference.evidence["spend_categories"].found == {
        "dining": 3,
        "groceries": 1,
        "transport": 1,
        "travel": 1,
        "health": 1,
    }


def test_scenes_come_from_successful_payments(reference: BillSummary) -> None:
    assert reference.proposed["life_scenes"] == frozenset(
        {
            LifeScene.UTILITIES,
            LifeScene.PUBLIC_TRANSPORT,
            LifeScene.MEDICAL,
            LifeScene.DEPOSIT_FREE_RENTAL,
        }
    )
    assert reference.evidence["life_scenes"].found == {
        "utilities": 1,
        "public_transport": 1,
        "deposit_free_rental": 1,
        "medical": 1,
    }


def test_draws_inside_the_window_only(reference: BillSummary) -> None:
    # 2024-01-16 (3,000) is before the window; 03-08 (5,000) and 04-10 (2,000) are in it.
    draws = reference.evidence["draws_90d"]
    assert reference.proposed["draws_90d"] == 2
    assert reference.proposed["largest_draw_90d"] == 5000.0
    assert draws.window == (date(2024, 1, 22), date(2024, 4, 20))
    assert draws.amount == 7000.0
    assert [(m.month, m.rows, m.amount) for m in draws.months] == [
        ("2024-03", 1, 5000.0),
        ("2024-04", 1, 2000.0),
    ]
    assert reference.evidence["largest_draw_90d"].amount == 5000.0


def test_lenders_seen_in_the_window(reference: BillSummary) -> None:
    assert reference.proposed["lender_count"] == 3
    assert reference.evidence["lender_count"].found == {"jiebei": 3, "huabei": 1, "weilidai": 1}


def test_months_carry_repayments_draws_and_offers(reference: BillSummary) -> None:
    months = month_evidence(reference)
    assert list(months) == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert [m.complete for m in months.values()] == [False, True, True, False]
    assert [m.spending for m in months.values()] == [100.0, 340.0, 784.0, 60.0]
    feb, mar = months["2024-02"], months["2024-03"]
    assert [(f.lender, f.repayments, f.repaid) for f in feb.lenders] == [("jiebei", 1, 1200.0)]
    assert [(f.lender, f.draws, f.repayments) for f in mar.lenders] == [
        ("jiebei", 1, 0),
        ("huabei", 0, 1),
        ("weilidai", 0, 1),
    ]
    assert (mar.repayments, mar.draws) == (2, 1)
    assert feb.offers == ("pay-on-time@2024-02",)
    assert mar.offers == ("pay-on-time@2024-03",)
    # A month with only a draw offers nothing.
    assert months["2024-01"].offers == () and months["2024-04"].offers == ()


def test_the_summary_keeps_no_counterparty_or_description(reference: BillSummary) -> None:
    dumped = reference.model_dump_json()
    private_words = (
        "某某餐厅",
        "张三",
        "某公司",
        "工资",
        "国家电网",
        "北京地铁",
        "2024020522001400000B01",
    )
    for private in private_words:
        assert private not in dumped
    assert reference.model_validate_json(dumped) == reference


@pytest.mark.parametrize(
    ("encoding", "crlf", "padded"),
    [
        ("utf-8-sig", True, True),
        ("gb18030", False, True),
        ("gbk", True, False),
        ("utf-8", False, False),
    ],
)
def test_encodings_line_endings_and_padding_read_the_same(
    reference: BillSummary, encoding: str, crlf: bool, padded: bool
) -> None:
    summary = read_bill(alipay_current(REFERENCE, encoding=encoding, crlf=crlf, padded=padded))
    assert summary.encoding == ("gb18030" if encoding == "gbk" else encoding)
    assert _figures(summary) == _figures(reference)


def test_the_raw_bytes_look_like_the_real_export() -> None:
    """The fixture itself: padded cells, a tab after order numbers, trailing commas, CRLF."""
    text = alipay_current(REFERENCE[:1]).decode("gb18030")
    row = text.split("\r\n")[-2]
    assert row.endswith(",") and "\t," in row and "  ," in row


def test_reordered_columns_read_by_name(reference: BillSummary) -> None:
    """An older mobile export puts 收/支 first and 交易时间 last; columns are found by name."""
    middle = [c for c in ALIPAY_CURRENT_HEADER if c not in ("收/支", "交易时间")]
    order = ("收/支", *middle, "交易时间")
    summary = read_bill(alipay_current(REFERENCE, columns=order))
    assert _figures(summary) == _figures(reference)


def test_same_bill_same_hash_and_another_bill_another(reference: BillSummary) -> None:
    assert read_bill(alipay_current(REFERENCE)).file_hash == reference.file_hash
    assert read_bill(alipay_current(REFERENCE[:-1])).file_hash != reference.file_hash


def test_without_metadata_the_transactions_give_the_period() -> None:
    summary = read_bill(alipay_current(REFERENCE, start=None, end=None))
    assert not summary.period.from_metadata
    # First transaction 2024-01-16, last 2024-04-10: still only February and March complete.
    assert (summary.period.start, summary.period.end) == (date(2024, 1, 16), date(2024, 4, 10))
    assert summary.proposed["monthly_alipay_spend"] == 562.0
    # The window now starts 2024-01-12, before the first transaction: draws are not proposed.
    assert summary.evidence["draws_90d"].rule == "period_shorter_than_window"
    assert "draws_90d" not in summary.proposed


def test_a_bill_shorter_than_the_window_proposes_no_draws() -> None:
    summary = read_bill(alipay_current(REFERENCE[11:14], start="2024-03-01 00:00:00"))
    assert summary.evidence["draws_90d"].rule == "period_shorter_than_window"
    assert summary.evidence["draws_90d"].rows == 1  # shown, not proposed
    assert "draws_90d" not in summary.proposed and "largest_draw_90d" not in summary.proposed
    assert summary.period.complete_months == ("2024-03",)


def test_a_filtered_export_proposes_no_draws() -> None:
    summary = read_bill(alipay_current(REFERENCE, export_filter="支出"))
    assert summary.evidence["draws_90d"].rule == "export_filtered"
    assert "draws_90d" not in summary.proposed
    assert summary.proposed["monthly_alipay_spend"] == 562.0


def test_no_draws_in_a_full_window_is_zero() -> None:
    summary = read_bill(alipay_current(REFERENCE[:3]))
    assert summary.proposed["draws_90d"] == 0
    assert summary.proposed["largest_draw_90d"] == 0.0
    assert summary.evidence["lender_count"].rule == "none_seen"
    assert "lender_count" not in summary.proposed


def test_no_complete_month_proposes_no_average() -> None:
    summary = read_bill(
        alipay_current(REFERENCE[1:4], start="2024-02-02 00:00:00", end="2024-02-28 23:59:59")
    )
    assert summary.period.complete_months == ()
    assert summary.evidence["monthly_alipay_spend"].rule == "no_complete_month"
    assert "monthly_alipay_spend" not in summary.proposed


def test_a_month_with_no_spending_counts_as_zero() -> None:
    """Complete months without counted spending still count in the average."""
    txs = [Tx("2024-02-10 12:00:00", amount="300.00")]
    summary = read_bill(alipay_current(txs, start="2024-01-01 00:00:00", end="2024-03-31 23:59:59"))
    assert summary.period.complete_months == ("2024-01", "2024-02", "2024-03")
    assert summary.proposed["monthly_alipay_spend"] == 100.0


def test_a_refund_whose_purchase_is_not_in_the_bill_changes_nothing() -> None:
    txs = [
        Tx("2024-02-05 10:00:00", amount="200.00", order="2024020522001400000X01"),
        Tx(
            "2024-02-08 10:00:00",
            "退款",
            "某店",
            "退款",
            "不计收支",
            "200.00",
            "退款成功",
            order="2024013122001400000Y01_R1",
        ),
    ]
    summary = read_bill(alipay_current(txs))
    assert summary.counted_amount == 200.0
    assert (summary.refunds_netted, summary.refunds_unmatched) == (0, 1)


def test_a_fully_refunded_purchase_leaves_its_category() -> None:
    txs = [
        Tx("2024-02-05 10:00:00", "数码电器", amount="999.00", order="2024020522001400000Z01"),
        Tx(
            "2024-02-09 10:00:00",
            "退款",
            "某店",
            "退款-耳机",
            "不计收支",
            "999.00",
            "退款成功",
            order="2024020522001400000Z01_9",
        ),
        Tx("2024-02-10 10:00:00", "餐饮美食", amount="20.00"),
    ]
    summary = read_bill(alipay_current(txs))
    assert summary.counted_amount == 20.0 and summary.counted == 1
    assert summary.evidence["spend_categories"].found == {"dining": 1}


# -- the older Alipay layout ---------------------------------------------------------------

# Period 2020-07-01 00:00:00 … 2020-10-01 00:00:00: the end is exclusive, so July, August
# and September are complete.
OLDER = [
    Tx("2020-07-05 19:00:00", "即时到账交易", "商户A", "晚餐", "支出", "100.00"),
    Tx("2020-07-10 19:00:00", "即时到账交易", "商户B", "衬衫", "支出", "200.00", refunded="50.00"),
    Tx("2020-08-01 19:00:00", "即时到账交易", "某人", "转账", "支出", "300.00"),
    Tx(
        "2020-08-03 19:00:00",
        "即时到账交易",
        "天弘基金",
        "余额宝-单次转入",
        "支出",
        "1000.00",
        fund_status="资金转移",
    ),
    Tx("2020-08-05 19:00:00", "即时到账交易", "国网北京电力", "电费缴纳", "支出", "120.00"),
    Tx("2020-08-20 19:00:00", "支付宝担保交易", "商户C", "耳机", "支出", "400.00", "交易关闭"),
    Tx("2020-09-01 19:00:00", "即时到账交易", "蚂蚁借呗", "借呗还款", "支出", "500.00"),
    Tx("2020-09-09 19:00:00", "即时到账交易", "商户D", "鞋", "支出", "80.00", refunded="80.00"),
    Tx(
        "2020-09-15 05:39:17",
        "即时到账交易",
        "博时基金",
        "余额宝-2020.09.14-收益发放",
        "",
        "2.83",
        fund_status="已收入",
    ),
]


def test_older_layout_hand_computed() -> None:
    summary = read_bill(alipay_older(OLDER))
    assert (summary.source, summary.layout) == ("alipay", "alipay_older")
    assert summary.period.end == date(2020, 9, 30)
    assert summary.period.complete_months == ("2020-07", "2020-08", "2020-09")
    assert summary.transactions == 9
    # July 100 + (200 - 50) = 250, August 120, September 0 (the shoes were refunded in full)
    assert [m.amount for m in summary.evidence["monthly_alipay_spend"].months] == [
        250.0,
        120.0,
        0.0,
    ]
    assert summary.proposed["monthly_alipay_spend"] == 123.33  # 370 / 3
    assert summary.left_out == {
        "income_or_neutral": 1,
        "refund": 1,
        "closed": 1,
        "pending": 0,
        "credit": 1,
        "transfer": 2,  # the 转账 and the 资金转移 into 余额宝
        "investment": 0,
        "top_up_withdrawal": 0,
    }
    assert summary.evidence["spend_categories"].rule == "layout_has_no_category"
    assert "spend_categories" not in summary.proposed
    assert summary.proposed["life_scenes"] == frozenset({LifeScene.UTILITIES})
    assert summary.proposed["draws_90d"] == 0
    assert summary.proposed["lender_count"] == 1
    assert month_evidence(summary)["2020-09"].offers == ("pay-on-time@2020-09",)


def test_older_layout_in_utf8_with_bom_and_lf() -> None:
    gb = read_bill(alipay_older(OLDER))
    utf = read_bill(alipay_older(OLDER, encoding="utf-8-sig", crlf=False))
    assert utf.encoding == "utf-8-sig"
    assert _figures(utf) == _figures(gb)


# -- WeChat Pay ----------------------------------------------------------------------------

# Period 2024-05-01 … 2024-06-30: May and June complete.
WECHAT = [
    Tx("2024-05-03 08:00:00", "商户消费", "某便利店", "饮料", "支出", "6.00", "支付成功"),
    Tx("2024-05-04 20:00:00", "微信红包", "张三", "/", "支出", "66.00", "支付成功"),
    Tx("2024-05-05 09:00:00", "转账", "房东", "房租", "支出", "2000.00", "对方已收钱"),
    Tx("2024-05-06 12:00:00", "扫二维码付款", "某餐厅", "/", "支出", "35.00", "已全额退款"),
    Tx(
        "2024-05-07 18:00:00",
        "商户消费",
        "某超市",
        "日用品",
        "支出",
        "100.00",
        "已退款(￥30.00)",
    ),
    Tx("2024-05-08 10:00:00", "零钱提现", "招商银行(1234)", "/", "/", "200.00", "提现已到账"),
    Tx("2024-06-01 10:00:00", "商户消费", "微众银行", "微粒贷还款", "支出", "500.00", "支付成功"),
    Tx("2024-06-02 10:00:00", "购买理财通", "理财通", "基金", "支出", "1000.00", "支付成功"),
    Tx("2024-06-03 10:00:00", "信用卡还款", "招商银行", "/", "支出", "800.00", "支付成功"),
    Tx("2024-06-10 10:00:00", "商户消费", "某书店", "书", "支出", "45.50", "支付成功"),
    Tx("2024-06-11 10:00:00", "二维码收款", "某人", "/", "收入", "23.00", "已收钱"),
]


def test_wechat_hand_computed() -> None:
    summary = read_bill(wechat(WECHAT))
    assert (summary.source, summary.layout, summary.encoding) == ("wechat", "wechat_csv", "utf-8")
    assert summary.period.complete_months == ("2024-05", "2024-06")
    assert summary.transactions == 11
    # May: 6 + (100 - 30) = 76; June: 45.50
    assert summary.counted == 3 and summary.counted_amount == 121.5
    assert summary.left_out == {
        "income_or_neutral": 2,
        "refund": 1,
        "closed": 0,
        "pending": 0,
        "credit": 2,  # the 微粒贷 repayment and the card repayment
        "transfer": 2,
        "investment": 1,
        "top_up_withdrawal": 0,
    }
    spend = summary.evidence["monthly_alipay_spend"]
    assert spend.rule == "not_alipay" and [m.amount for m in spend.months] == [76.0, 45.5]
    # WeChat spending is not Alipay spending: only the lenders are proposed.
    assert summary.proposed == {"lender_count": 1}
    assert summary.evidence["life_scenes"].found == {"rent": 1}
    assert month_evidence(summary)["2024-06"].offers == ("pay-on-time@2024-06",)


def test_wechat_saved_again_as_gbk_with_crlf_reads_the_same() -> None:
    utf = read_bill(wechat(WECHAT))
    gbk = read_bill(wechat(WECHAT, encoding="gb18030", crlf=True))
    assert gbk.encoding == "gb18030"
    assert _figures(gbk) == _figures(utf)


# -- against a profile ---------------------------------------------------------------------


def test_a_blank_profile_takes_every_proposal(reference: BillSummary) -> None:
    changes = compare_with_profile(reference, Profile())
    assert [c.field for c in changes] == [
        "draws_90d",
        "largest_draw_90d",
        "lender_count",
        "monthly_alipay_spend",
        "spend_categories",
        "life_scenes",
    ]
    assert all(c.old is None for c in changes)
    assert all(c.evidence == reference.evidence[c.field] for c in changes)
    updated = apply_changes(Profile(), changes)
    assert updated.monthly_alipay_spend == 562.0 and updated.lender_count == 3


def test_counts_only_go_up_scenes_add_measures_replace(reference: BillSummary) -> None:
    profile = Profile(
        lender_count=5,
        spend_categories=3,
        life_scenes=frozenset({LifeScene.RENT}),
        monthly_alipay_spend=562.0,
        draws_90d=4,
    )
    changes = {c.field: c for c in compare_with_profile(reference, profile)}
    assert "lender_count" not in changes  # the bill shows 3; the user says 5
    assert "monthly_alipay_spend" not in changes  # already the bill's figure
    assert (changes["spend_categories"].old, changes["spend_categories"].new) == (3, 5)
    assert (changes["draws_90d"].old, changes["draws_90d"].new) == (4, 2)
    assert changes["life_scenes"].new == frozenset(
        {
            LifeScene.RENT,
            LifeScene.UTILITIES,
            LifeScene.PUBLIC_TRANSPORT,
            LifeScene.MEDICAL,
            LifeScene.DEPOSIT_FREE_RENTAL,
        }
    )
    fewer = compare_with_profile(reference, profile.model_copy(update={"lender_count": 1}))
    assert [(c.old, c.new) for c in fewer if c.field == "lender_count"] == [(1, 3)]


def test_accepting_one_change_leaves_the_rest(reference: BillSummary) -> None:
    profile = Profile(monthly_alipay_spend=1000.0, spend_categories=2)
    changes = compare_with_profile(reference, profile)
    chosen = [c for c in changes if c.field == "spend_categories"]
    updated = apply_changes(profile, chosen)
    assert updated.spend_categories == 5
    assert updated.monthly_alipay_spend == 1000.0
    assert apply_changes(profile, []) == profile


def test_change_dumps_scenes_in_a_stable_order(reference: BillSummary) -> None:
    (change,) = [c for c in compare_with_profile(reference, Profile()) if c.field == "life_scenes"]
    dumped = change.model_dump(mode="json")
    assert dumped["new"] == ["utilities", "public_transport", "deposit_free_rental", "medical"]
    assert reference.model_dump(mode="json")["proposed"]["life_scenes"] == dumped["new"]


def test_offers_are_the_plans_open_pay_on_time_months(reference: BillSummary) -> None:
    plan = build_plan(Profile(late_payments_24m=1, jiebei_balance=5000.0), date(2024, 2, 1))
    keys = {a.key for m in plan.months for a in m.actions}
    assert {"pay-on-time@2024-02", "pay-on-time@2024-03"} <= keys
    offers = offers_in_plan(reference, plan)
    assert set(offers) == {"pay-on-time@2024-02", "pay-on-time@2024-03"}
    assert offers["pay-on-time@2024-03"].month == "2024-03"
    ticked = plan.model_copy(
        update={
            "months": [
                m.model_copy(
                    update={
                        "actions": [
                            a.model_copy(update={"done": a.key == "pay-on-time@2024-02"})
                            for a in m.actions
                        ]
                    }
                )
                for m in plan.months
            ]
        }
    )
    assert set(offers_in_plan(reference, ticked)) == {"pay-on-time@2024-03"}


def test_reading_bills_imports_no_ui_or_storage() -> None:
    code = (
        "import sys, jiebei_coach.domain.bills, jiebei_coach.usecases.bills\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'tinydb'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


def test_a_neutral_row_shows_a_scene_but_is_not_spending() -> None:
    """A deposit-free rental often shows as 不计收支 (a deposit waived, then released)."""
    txs = [Tx("2024-02-28 10:00:00", "信用借还", "街电", "免押租借充电宝", "不计收支", "0.00")]
    summary = read_bill(alipay_current(txs))
    assert summary.proposed["life_scenes"] == frozenset({LifeScene.DEPOSIT_FREE_RENTAL})
    assert summary.counted == 0


def test_only_credit_rows_are_draws_in_the_current_layout() -> None:
    """The current layout names a credit row by its 交易分类 (信用借还)."""
    txs = [
        Tx("2024-03-08 09:00:00", "转账红包", "蚂蚁借呗", "借呗借款", "不计收支", "900.00"),
        Tx("2024-03-09 09:00:00", "信用借还", "蚂蚁借呗", "借呗借款", "不计收支", "500.00"),
    ]
    summary = read_bill(alipay_current(txs))
    assert summary.proposed["draws_90d"] == 1
    assert summary.proposed["largest_draw_90d"] == 500.0


def test_a_quoted_cell_reads_like_a_bare_one(reference: BillSummary) -> None:
    """Files with quotes go through the csv module; the others are split on commas."""
    quoted = [
        *REFERENCE[:-1],
        Tx("2024-03-28 12:00:00", "酒店旅游", "某酒店", '"住宿,两晚"', amount="700.00"),
    ]
    summary = read_bill(alipay_current(quoted))
    assert _figures(summary) == _figures(reference)
