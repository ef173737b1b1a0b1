"""Benchmark: reading a 200,000-row Alipay export (budget: under 3 s).

Run on demand, not by the test suite:

    python tests/benchmarks/bench_bills.py [--rows 200000] [--rounds 3]

It writes a year of the current Alipay layout as the real files come (GB18030, CRLF, padded
cells, tab-suffixed order numbers, trailing commas) with a realistic mix of rows: spending in
every category, refunds, closed and pending trades, transfers, investments, withdrawals,
借呗 draws and repayments, 花呗 and other lenders. It then times ``read_bill`` on the bytes
(decoding, hashing, parsing and every derivation), the first time (which also reads and
compiles the mappings) and warm, and prints the median with its ratio to the budget. Exit
code 1 when the median is over budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from itertools import cycle, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bills_fixtures import Tx, alipay_current

BUDGET_S = 3.0

_MIX = [
    ("餐饮美食", "某某餐厅", "午餐", "支出", "交易成功"),
    ("餐饮美食", "某咖啡店", "拿铁", "支出", "交易成功"),
    ("日用百货", "某超市", "日用品", "支出", "交易成功"),
    ("交通出行", "北京地铁", "乘车码", "支出", "交易成功"),
    ("服饰装扮", "某服装店", "外套", "支出", "交易成功"),
    ("数码电器", "某电器城", "耳机", "支出", "交易成功"),
    ("充值缴费", "国家电网", "电费", "支出", "交易成功"),
    ("充值缴费", "中国移动", "话费充值", "支出", "交易成功"),
    ("医疗健康", "某药房", "药品", "支出", "交易成功"),
    ("文化休闲", "某影院", "电影票", "支出", "交易成功"),
    ("日用百货", "某网店", "纸巾", "支出", "等待确认收货"),
    ("服饰装扮", "某网店", "鞋", "支出", "交易关闭"),
    ("退款", "某网店", "退款-鞋", "不计收支", "退款成功"),
    ("转账红包", "张三", "转账", "支出", "交易成功"),
    ("投资理财", "余额宝", "余额宝-自动转入", "不计收支", "交易成功"),
    ("账户存取", "招商银行", "提现-实时提现", "不计收支", "交易成功"),
    ("信用借还", "蚂蚁借呗", "借呗还款", "不计收支", "交易成功"),
    ("信用借还", "蚂蚁借呗", "借呗借款", "不计收支", "交易成功"),
    ("信用借还", "花呗", "花呗主动还款", "不计收支", "交易成功"),
    ("信用借还", "微众银行", "微粒贷还款", "支出", "交易成功"),
    ("收入", "某公司", "工资", "收入", "交易成功"),
]


def build(rows: int) -> bytes:
    """A year-long current-layout export of ``rows`` transactions."""
    txs = []
    for i, (kind, who, what, direction, status) in enumerate(islice(cycle(_MIX), rows)):
        day = i * 365 // rows
        month, dom = 1 + day // 31 % 12, 1 + day % 28
        txs.append(
            Tx(
                f"2023-{month:02d}-{dom:02d} {i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}",
                kind,
                who,
                what,
                direction,
                f"{1 + i % 997}.{i % 100:02d}",
                status,
            )
        )
    return alipay_current(txs, start="2023-01-01 00:00:00", end="2023-12-31 23:59:59")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    made = time.perf_counter()
    data = build(args.rows)
    print(
        f"built {args.rows:,} rows, {len(data) / 1e6:.1f} MB (GB18030) in "
        f"{time.perf_counter() - made:.1f} s (not timed)"
    )

    from jiebei_coach.domain import read_bill

    samples = []
    for round_ in range(args.rounds + 1):
        start = time.perf_counter()
        summary = read_bill(data)
        took = time.perf_counter() - start
        if round_ == 0:
            print(f"first read (also loads and compiles the mappings) {took:6.2f} s")
        else:
            samples.append(took)
    assert summary.transactions == args.rows, summary.transactions
    median = statistics.median(samples)
    print(
        f"warm read, {args.rounds} rounds: median {median:.2f} s, max {max(samples):.2f} s "
        f"(budget {BUDGET_S} s, median/budget {median / BUDGET_S:.2f})"
    )
    print(
        f"  counted {summary.counted:,} rows, {summary.months[0].month}…"
        f"{summary.months[-1].month}, proposed {sorted(summary.proposed)}"
    )
    return 1 if median > BUDGET_S else 0


if __name__ == "__main__":
    sys.exit(main())
