"""Promises of bill reading that hold for any bill: properties checked with hypothesis."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from jiebei_coach.domain import BillError, read_bill
from jiebei_coach.domain.bill_format import BILL_ERROR_CODES
from tests.bills_fixtures import Tx, alipay_current, alipay_older, wechat

START, END = "2024-01-10 00:00:00", "2024-06-20 23:59:59"
COMPLETE = ("2024-02", "2024-03", "2024-04", "2024-05")


@dataclass(frozen=True)
class Labelled:
    """A row and whether the rules must count it as spending."""

    tx: Tx
    counted: bool


# Rows that must be counted, and rows of every kind that must not.
_COUNTED = [
    ("餐饮美食", "某餐厅", "午餐", "支出", "交易成功"),
    ("日用百货", "某超市", "日用品", "支出", "交易成功"),
    ("充值缴费", "中国移动", "话费充值", "支出", "交易成功"),
    ("其他", "某商户", "服务费", "支出", "交易成功"),
]
_EXCLUDED = [
    ("转账红包", "张三", "转账", "支出", "交易成功"),
    ("亲友代付", "李四", "亲情卡", "支出", "交易成功"),
    ("投资理财", "蚂蚁财富", "基金申购", "支出", "交易成功"),
    ("账户存取", "招商银行", "提现-实时提现", "支出", "交易成功"),
    ("信用借还", "蚂蚁借呗", "借呗还款", "支出", "交易成功"),
    ("信用借还", "花呗", "花呗自动还款", "不计收支", "交易成功"),
    ("信用借还", "蚂蚁借呗", "借呗借款", "不计收支", "交易成功"),
    ("餐饮美食", "某餐厅", "晚餐", "支出", "交易关闭"),
    ("日用百货", "某网店", "纸巾", "支出", "等待付款"),
    ("退款", "某网店", "退款-纸巾", "不计收支", "退款成功"),
    ("收入", "某公司", "工资", "收入", "交易成功"),
    ("投资理财", "余额宝", "余额宝-收益发放", "不计收支", "交易成功"),
]


@st.composite
def rows(draw: st.DrawFn, months: tuple[int, ...] = (1, 2, 3, 4, 5, 6)) -> Labelled:
    counted = draw(st.booleans())
    kind, who, what, direction, status = draw(st.sampled_from(_COUNTED if counted else _EXCLUDED))
    month = draw(st.sampled_from(months))
    low, high = (10 if month == 1 else 1), (20 if month == 6 else 28)
    day = draw(st.integers(low, high))
    fen = draw(st.integers(1, 5_000_000))
    order = f"R{draw(st.integers(0, 10**12)):013d}" if kind == "退款" else ""
    tx = Tx(
        f"2024-{month:02d}-{day:02d} 12:00:00",
        kind,
        who,
        what,
        direction,
        f"{fen // 100}.{fen % 100:02d}",
        status,
        order=order,
    )
    return Labelled(tx, counted)


def _fen(tx: Tx) -> int:
    whole, part = tx.amount.split(".")
    return int(whole) * 100 + int(part)


@given(st.lists(rows(), max_size=40))
def test_counted_spending_never_includes_an_excluded_row(labelled: list[Labelled]) -> None:
    summary = read_bill(alipay_current([r.tx for r in labelled], start=START, end=END))
    kept = [r.tx for r in labelled if r.counted]
    assert summary.counted == len(kept)
    assert round(summary.counted_amount * 100) == sum(_fen(t) for t in kept)
    assert summary.counted + sum(summary.left_out.values()) == summary.transactions


@given(st.lists(rows(), max_size=40))
def test_the_monthly_average_uses_the_complete_months_only(labelled: list[Labelled]) -> None:
    summary = read_bill(alipay_current([r.tx for r in labelled], start=START, end=END))
    assert summary.period.complete_months == COMPLETE
    inside = sum(_fen(r.tx) for r in labelled if r.counted and r.tx.when[:7] in COMPLETE)
    assert summary.proposed["monthly_alipay_spend"] == round(inside / len(COMPLETE)) / 100


@given(st.lists(rows(), max_size=30), st.lists(rows(months=(1, 6)), min_size=1, max_size=10))
def test_rows_in_partial_months_never_move_the_average(
    labelled: list[Labelled], edges: list[Labelled]
) -> None:
    alone = read_bill(alipay_current([r.tx for r in labelled], start=START, end=END))
    more = read_bill(alipay_current([r.tx for r in labelled + edges], start=START, end=END))
    assert more.proposed["monthly_alipay_spend"] == alone.proposed["monthly_alipay_spend"]


_SAMPLES = {
    "current": alipay_current(
        [Tx("2024-02-03 12:00:00"), Tx("2024-03-08 09:00:00", "信用借还", "蚂蚁借呗", "借呗借款")]
    ),
    "older": alipay_older([Tx("2020-08-05 19:00:00", refunded="1.00")]),
    "wechat": wechat([Tx("2024-05-07 18:00:00", "商户消费", status="已退款(￥3.00)")]),
}


@given(
    st.sampled_from(sorted(_SAMPLES)),
    st.integers(0, 4000),
    st.integers(0, 4000),
    st.binary(max_size=8),
)
def test_any_damage_gives_a_summary_or_a_bill_error(
    name: str, cut: int, at: int, junk: bytes
) -> None:
    """Whatever is cut off or slipped in, the reader answers or raises BillError: no traceback."""
    data = _SAMPLES[name]
    damaged = data[: max(1, len(data) - cut % len(data))]
    damaged = damaged[: at % len(damaged)] + junk + damaged[at % len(damaged) :]
    code = None
    try:
        read_bill(damaged)
    except BillError as error:
        code = error.code
    assert code is None or code in BILL_ERROR_CODES


@given(
    st.sampled_from(sorted(_SAMPLES)),
    st.integers(0, 40),
    st.text(
        alphabet=st.sampled_from(list('0123456789.-,"¥￥ \t/借呗还款交易成功已退款(')), max_size=12
    ),
)
def test_any_cell_gives_a_summary_or_a_bill_error(name: str, at: int, text: str) -> None:
    """Whatever a cell of a row says, the reader answers or raises BillError."""
    encoding = "utf-8" if name == "wechat" else "gb18030"
    lines = _SAMPLES[name].decode(encoding).split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith(("2024", "2020")))
    cells = lines[row].split(",")
    cells[at % len(cells)] = text
    lines[row] = ",".join(cells)
    code = None
    try:
        read_bill("\n".join(lines).encode(encoding))
    except BillError as error:
        code = error.code
    assert code is None or code in BILL_ERROR_CODES
