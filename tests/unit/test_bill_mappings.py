"""The bill mappings asset: valid as shipped, and a broken edit names its file and key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from jiebei_coach.assets import AssetError
from jiebei_coach.domain import SPEND_CATEGORIES, LifeScene, load_sources
from jiebei_coach.domain.bill_rules import compiled_mappings, load_bill_mappings
from tests.unit.conftest import Damage


def test_shipped_mappings_cover_the_profile() -> None:
    mappings = load_bill_mappings()
    assert set(mappings.categories.map) == set(SPEND_CATEGORIES)
    assert set(mappings.scenes.map) == set(LifeScene)
    assert {"jiebei", "huabei"} <= {lender.id for lender in mappings.lenders}
    assert mappings.credit.window_days == 90
    sources = load_sources()
    cited = {s for lender in mappings.lenders for s in lender.source}
    cited |= set(mappings.statuses.source) | set(mappings.exclude.source)
    assert cited <= set(sources)
    assert sources["bill_layouts_ddg"].kind == "secondary"


def test_every_status_word_in_the_issue_is_known() -> None:
    compiled = compiled_mappings()
    for word in ("交易成功", "支付成功", "已存入零钱", "还款成功"):
        assert compiled.status(word) == ("success", None), word
    for word in ("退款成功", "已全额退款"):
        assert compiled.status(word) == ("refund", None), word
    assert compiled.status("已退款(￥12.5)") == ("refund", 1250)
    assert compiled.status("已部分退款￥3.00") == ("refund", 300)
    assert compiled.status("交易关闭")[0] == "closed"
    assert compiled.status("等待确认收货")[0] == "pending"


def test_lender_names_prefer_the_longest() -> None:
    compiled = compiled_mappings()
    assert compiled.credit_flow("京东金条还款", "京东金融 京东金条还款") == ("jd_jintiao", False)
    assert compiled.credit_flow("借呗放款", "蚂蚁借呗 借呗放款") == ("jiebei", True)
    assert compiled.credit_flow("借呗", "蚂蚁借呗 借呗") is None  # neither a draw nor a repayment
    assert compiled.credit_flow("还款", "某小贷公司 还款") is None  # a lender we do not know


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["categories"]["map"].pop("dining"),
            r"categories\.map: .*missing \['dining'\]",
        ),
        (
            lambda d: d["categories"]["map"]["travel"].append("餐饮美食"),
            r"categories\.map: .*'餐饮美食' is in both",
        ),
        (lambda d: d["scenes"]["map"].pop("rent"), r"scenes\.map: .*missing rent"),
        (
            lambda d: d["statuses"].update(partial_refund="已退款(\\d+)"),
            r"statuses\.partial_refund: .*'amount'",
        ),
        (
            lambda d: d["exclude"]["rules"]["wechat_csv"][0].update(equals=["转账"]),
            r"exclude\.rules\.wechat_csv\.0: .*exactly one",
        ),
        (lambda d: d["exclude"]["rules"].pop("alipay_older"), r"exclude\.rules: .*alipay_older"),
        (lambda d: d["lenders"].pop(0), r"lenders: .*must include 'jiebei'"),
        (lambda d: d["lenders"][2].update(source=["nowhere"]), r"lenders\.2\.source: unknown"),
        (lambda d: d["credit"].update(window_days=0), r"credit\.window_days"),
        (
            lambda d: d["credit"].update(repayment_action="no-such-action"),
            r"credit\.repayment_action: unknown action",
        ),
        (
            lambda d: d["credit"].update(repayment_action="turn-on-auto-repay"),
            r"credit\.repayment_action: .*does not repeat monthly",
        ),
    ],
)
def test_a_broken_edit_names_file_and_key(
    broken_assets: Damage, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    broken_assets("bill_mappings.json", change)
    with pytest.raises(AssetError, match=r"bill_mappings\.json: " + message):
        load_bill_mappings()


def test_a_new_status_word_is_a_data_edit(broken_assets: Damage) -> None:
    from jiebei_coach.domain import read_bill
    from tests.bills_fixtures import Tx, alipay_current

    bill = alipay_current([Tx("2024-02-03 12:00:00", status="已完成")])
    assert read_bill(bill).left_out["pending"] == 1
    broken_assets("bill_mappings.json", lambda d: d["statuses"]["success"].append("已完成"))
    assert read_bill(bill).counted == 1
