"""Bill exports written by the tests, in the shapes Alipay and WeChat Pay deliver.

Each builder takes a list of :class:`Tx` and returns the bytes of a whole export: the
metadata block, the header, the rows (padded cells, tab after order numbers, trailing
commas where the real files have them), in the encoding and line ending asked for. The
layouts follow the public samples of open-source bookkeeping importers (see
``bill_layouts_ddg`` and ``bill_layouts_cbi`` in ``assets/sources.json``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

ALIPAY_CURRENT_HEADER = (
    "交易时间",
    "交易分类",
    "交易对方",
    "对方账号",
    "商品说明",
    "收/支",
    "金额",
    "收/付款方式",
    "交易状态",
    "交易订单号",
    "商家订单号",
    "备注",
)
ALIPAY_OLDER_HEADER = (
    "交易号",
    "商家订单号",
    "交易创建时间",
    "付款时间",
    "最近修改时间",
    "交易来源地",
    "类型",
    "交易对方",
    "商品名称",
    "金额（元）",
    "收/支",
    "交易状态",
    "服务费（元）",
    "成功退款（元）",
    "备注",
    "资金状态",
)
WECHAT_HEADER = (
    "交易时间",
    "交易类型",
    "交易对方",
    "商品",
    "收/支",
    "金额(元)",
    "支付方式",
    "当前状态",
    "交易单号",
    "商户单号",
    "备注",
)

_DISCLAIMER = (
    "特别提示：",
    "1.本回单内容可表明支付宝受理了相应支付交易申请，因系统原因或通讯故障等偶发因素导致本回单与实际交易结果不符时，以实际交易情况为准；",
    "2.请勿将本回单作为收款方发货的凭据使用，请查证账户实际到账情况后再进行发货操作；",
    "5.部分账单如：充值提现、账户转存或者个人设置收支等不计入为收入或者支出，记为不计收支类；",
    "8.本明细仅展示当前账单中的交易，不包括已删除的记录；",
    "9.本明细仅供个人对账使用。",
)


@dataclass(frozen=True)
class Tx:
    """One transaction as a bill shows it.

    ``kind`` is the 交易分类 (current Alipay layout), the 交易类型 (WeChat) or the 类型
    (older Alipay layout); ``refunded`` and ``fund_status`` are the older layout's columns.
    """

    when: str
    kind: str = "餐饮美食"
    counterparty: str = "某某餐厅"
    description: str = "午餐"
    direction: str = "支出"
    amount: str = "35.00"
    status: str = "交易成功"
    order: str = ""
    refunded: str = "0.00"
    fund_status: str = "已支出"
    method: str = "余额"


def _orders(txs: Sequence[Tx]) -> list[Tx]:
    """Give every transaction without an order number a unique one."""
    return [
        t if t.order else replace(t, order=f"2024{i:06d}22001400{i:08d}") for i, t in enumerate(txs)
    ]


def _encode(lines: list[str], encoding: str, crlf: bool) -> bytes:
    text = ("\r\n" if crlf else "\n").join(lines) + ("\r\n" if crlf else "\n")
    return text.encode(encoding)


def alipay_current(
    txs: Sequence[Tx],
    *,
    start: str | None = "2024-01-15 00:00:00",
    end: str | None = "2024-04-20 23:59:59",
    encoding: str = "gb18030",
    crlf: bool = True,
    padded: bool = True,
    stated: int | None = -1,
    export_filter: str = "全部",
    columns: Sequence[str] = ALIPAY_CURRENT_HEADER,
) -> bytes:
    """A current-layout Alipay export (交易时间,交易分类,…). ``stated=-1`` states the true
    count, ``None`` leaves the count line out; ``start=None`` leaves the period out."""
    rows = _orders(txs)
    count = len(rows) if stated == -1 else stated
    spent = [t for t in rows if t.direction == "支出"]
    lines = [
        "------------------------------------------------------------------------------------",
        "导出信息：",
        "姓名：测试用户",
        "支付宝账户：test***@example.com",
    ]
    if start is not None and end is not None:
        lines.append(f"起始时间：[{start}]    终止时间：[{end}]")
    lines.append(f"导出交易类型：[{export_filter}]")
    lines.append("导出时间：[2024-04-21 09:12:52]")
    if count is not None:
        lines.append(f"共{count}笔记录")
    lines += [f"支出：{len(spent)}笔 0.00元", "", *_DISCLAIMER, ""]
    lines.append("-" * 24 + "支付宝（中国）网络技术有限公司  电子客户回单" + "-" * 24)
    pad = (lambda s, n: s.ljust(n)) if padded else (lambda s, n: s)
    lines.append(",".join(pad(name, 20) for name in columns) + ",")
    for t in rows:
        cells = {
            "交易时间": pad(t.when, 19) + (" " if padded else ""),
            "交易分类": pad(t.kind, 20),
            "交易对方": pad(t.counterparty, 20),
            "对方账号": pad("/", 20),
            "商品说明": pad(t.description, 20),
            "收/支": pad(t.direction, 20),
            "金额": pad(t.amount, 20),
            "收/付款方式": pad(t.method, 20),
            "交易状态": pad(t.status, 20),
            "交易订单号": t.order + "\t",
            "商家订单号": "M" + t.order[-10:] + "\t",
            "备注": pad("", 20),
        }
        lines.append(",".join(cells[name] for name in columns) + ",")
    return _encode(lines, encoding, crlf)


def alipay_older(
    txs: Sequence[Tx],
    *,
    start: str = "2020-07-01 00:00:00",
    end: str = "2020-10-01 00:00:00",
    encoding: str = "gb18030",
    crlf: bool = True,
    footer: bool = True,
    stated: int | None = -1,
) -> bytes:
    """An older-layout Alipay export (支付宝交易记录明细查询, 交易号,…, a footer)."""
    rows = _orders(txs)
    count = len(rows) if stated == -1 else stated
    lines = [
        "支付宝交易记录明细查询",
        "账号:[123123123123123]",
        f"起始日期:[{start}]    终止日期:[{end}]",
        "---------------------------------交易记录明细列表------------------------------------",
        ",".join(name.ljust(12) for name in ALIPAY_OLDER_HEADER) + ",",
    ]
    for t in rows:
        cells = [
            t.order + "\t",
            "M" + t.order[-10:] + "\t",
            t.when + " ",
            t.when + " ",
            t.when + " ",
            "其他（包括阿里巴巴和外部商家）",
            t.kind.ljust(12),
            t.counterparty.ljust(12),
            t.description.ljust(16),
            t.amount.ljust(8),
            t.direction.ljust(6),
            t.status.ljust(8),
            "0.00".ljust(8),
            t.refunded.ljust(8),
            "".ljust(20),
            t.fund_status.ljust(8),
        ]
        lines.append(",".join(cells) + ",")
    if footer:
        lines.append(
            "------------------------------------------------------------------------------------"
        )
        if count is not None:
            lines.append(f"共{count}笔记录")
        lines += [
            "已收入:0笔,0.00元",
            "待收入:0笔,0.00元",
            "已支出:0笔,0.00元",
            "待支出:0笔,0.00元",
            "导出时间:[2020-10-01 19:20:37]    用户:测试",
        ]
    return _encode(lines, encoding, crlf)


def wechat(
    txs: Sequence[Tx],
    *,
    start: str = "2024-05-01 00:00:00",
    end: str = "2024-06-30 23:59:59",
    encoding: str = "utf-8",
    crlf: bool = False,
    stated: int | None = -1,
) -> bytes:
    """A WeChat Pay CSV export (微信支付账单明细, 交易时间,交易类型,…, ¥ amounts)."""
    rows = _orders(txs)
    count = len(rows) if stated == -1 else stated
    blank = "," * 10
    lines = [
        "微信支付账单明细" + blank,
        "微信昵称：[测试]" + blank,
        f"起始时间：[{start}] 终止时间：[{end}]" + blank,
        "导出类型：[全部]" + blank,
        "导出时间：[2024-07-01 16:05:22]" + blank,
        blank,
    ]
    if count is not None:
        lines.append(f"共{count}笔记录" + blank)
    lines += [
        "收入：0笔 0.00元" + blank,
        "支出：0笔 0.00元" + blank,
        "中性交易：0笔 0.00元" + blank,
        "注：" + blank,
        "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易" + blank,
        "2. 本明细仅展示当前账单中的交易，不包括已删除的记录" + blank,
        "3. 本明细仅供个人对账使用" + blank,
        blank,
        "----------------------微信支付账单明细列表--------------------" + blank,
        ",".join(WECHAT_HEADER),
    ]
    for t in rows:
        amount = t.amount if t.amount.startswith(("¥", "￥")) else "¥" + t.amount
        cells = [
            t.when,
            t.kind,
            t.counterparty,
            f'"{t.description}"',
            t.direction,
            amount,
            t.method,
            t.status,
            t.order + "\t",
            "M" + t.order[-10:] + "\t",
            '"/"',
        ]
        lines.append(",".join(cells))
    return _encode(lines, encoding, crlf)


def recent_alipay_bill(today_iso: str) -> bytes:
    """A shop owner's current-layout Alipay bill of the 120 days up to the day before
    ``today_iso`` (YYYY-MM-DD): dining, groceries, utilities, phone, two 借呗 draws and a
    repayment of 借呗 and of 花呗 in the last month. Used by the app's tests."""
    from datetime import date, timedelta

    today = date.fromisoformat(today_iso)

    def day(ago: int, hour: int = 12) -> str:
        return f"{(today - timedelta(days=ago)).isoformat()} {hour:02d}:00:00"

    txs = [
        Tx(day(110), "餐饮美食", "某某餐厅", "午餐", "支出", "48.00"),
        Tx(day(95), "日用百货", "某超市", "日用品", "支出", "230.00"),
        Tx(day(80), "充值缴费", "国家电网", "电费", "支出", "180.00"),
        Tx(day(70), "餐饮美食", "某某餐厅", "晚餐", "支出", "96.00"),
        Tx(day(60), "信用借还", "蚂蚁借呗", "借呗借款", "不计收支", "6000.00"),
        Tx(day(45), "充值缴费", "中国移动", "话费充值", "支出", "100.00"),
        Tx(day(40), "日用百货", "某超市", "日用品", "支出", "310.00"),
        Tx(day(30), "信用借还", "蚂蚁借呗", "借呗借款", "不计收支", "9000.00"),
        Tx(day(12), "交通出行", "北京地铁", "乘车码", "支出", "6.00"),
        Tx(day(8), "信用借还", "蚂蚁借呗", "借呗还款", "支出", "1600.00"),
        Tx(day(6), "信用借还", "花呗", "花呗主动还款-账单", "不计收支", "800.00"),
        Tx(day(3), "餐饮美食", "某某餐厅", "午餐", "支出", "52.00"),
    ]
    start = (today - timedelta(days=120)).isoformat() + " 00:00:00"
    end = (today - timedelta(days=1)).isoformat() + " 23:59:59"
    return alipay_current(txs, start=start, end=end)
