"""Reading a bill export's table: its layout, its metadata, its rows.

Three layouts are known, told apart by their header (columns are found by name, so an
export with the same columns in another order reads too):

- ``alipay_current`` — Alipay since about 2022: a metadata block (起始时间/终止时间 in
  brackets, 共N笔记录, 导出交易类型), a dashed line, then
  ``交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,…``; usually GB18030, sometimes
  UTF-8 with a BOM.
- ``alipay_older`` — 支付宝交易记录明细查询: 起始日期/终止日期, then
  ``交易号,商家订单号,交易创建时间,…,资金状态,`` and a dashed line before a footer that
  repeats 共N笔记录.
- ``wechat_csv`` — 微信支付账单明细: a metadata block, then
  ``交易时间,交易类型,交易对方,商品,收/支,金额(元),…``, amounts like ``¥35.00``; UTF-8.

Cells are padded with spaces, order numbers carry a trailing tab, lines may end in a comma
and CRLF. Anything else — an empty file, a PDF, a spreadsheet, a zip, another CSV, a cut-off
file, an unknown encoding — is a :class:`BillError` with a stable code and parameters.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from jiebei_coach.domain.bill_format import (
    EXPECTED_HEADERS,
    BillError,
    decode,
    refuse_other_files,
)
from jiebei_coach.domain.bill_rules import Layout


@dataclass(frozen=True)
class LayoutSpec:
    """A layout: its source, the header name of each column we read, and whether it ends
    in a dashed line and a footer."""

    layout: Layout
    source: str
    columns: dict[str, str]
    fallback_time: str | None = None
    footer: bool = False


_LAYOUTS = (
    LayoutSpec(
        "alipay_older",
        "alipay",
        {
            "time": "交易创建时间",
            "type": "类型",
            "counterparty": "交易对方",
            "description": "商品名称",
            "amount": "金额(元)",
            "direction": "收/支",
            "status": "交易状态",
            "refunded": "成功退款(元)",
            "fund_status": "资金状态",
            "order": "交易号",
        },
        fallback_time="最近修改时间",
        footer=True,
    ),
    LayoutSpec(
        "alipay_current",
        "alipay",
        {
            "time": "交易时间",
            "category": "交易分类",
            "counterparty": "交易对方",
            "description": "商品说明",
            "direction": "收/支",
            "amount": "金额",
            "status": "交易状态",
            "order": "交易订单号",
        },
    ),
    LayoutSpec(
        "wechat_csv",
        "wechat",
        {
            "time": "交易时间",
            "type": "交易类型",
            "counterparty": "交易对方",
            "description": "商品",
            "direction": "收/支",
            "amount": "金额(元)",
            "status": "当前状态",
            "order": "交易单号",
        },
    ),
)

_HEADER_SCAN_LINES = 200


class Row(NamedTuple):
    """One transaction, as much of it as the evidence needs (never kept in a result)."""

    line: int
    day: date
    direction: str
    category: str
    type: str
    counterparty: str
    description: str
    amount: int  # fen
    refunded: int  # fen, the older layout's 成功退款
    status: str
    order: str
    fund_status: str


@dataclass(frozen=True)
class Metadata:
    """What the lines around the table say: the period, the stated count, the export filter."""

    start: str | None
    end: str | None
    stated_rows: int | None
    export_filter: str | None


_PERIOD_START = re.compile(r"起始(?:时间|日期)\s*[:：]\s*\[([^\]]+)\]")
_PERIOD_END = re.compile(r"终止(?:时间|日期)\s*[:：]\s*\[([^\]]+)\]")
_STATED_ROWS = re.compile(r"共\s*(\d+)\s*笔记录")
_EXPORT_FILTER = re.compile(r"导出(?:交易)?类型\s*[:：]\s*\[([^\]]*)\]")
_DAY = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_YEARS = (1990, 2199)
_AMOUNT = re.compile(r"(\d+)(?:\.(\d{1,2}))?")


def _metadata(text: str) -> Metadata:
    start, end = _PERIOD_START.search(text), _PERIOD_END.search(text)
    stated, chosen = _STATED_ROWS.search(text), _EXPORT_FILTER.search(text)
    return Metadata(
        start=start.group(1).strip() if start else None,
        end=end.group(1).strip() if end else None,
        stated_rows=int(stated.group(1)) if stated else None,
        export_filter=chosen.group(1).strip() if chosen else None,
    )


def parse_day(text: str) -> date | None:
    """The date at the start of ``text`` (``2024-03-05 …``, ``2024/3/5 …``), else ``None``.

    Years outside 1990–2199 are no bill's: they are refused rather than trusted.
    """
    match = _DAY.match(text)
    if match is None or not _YEARS[0] <= int(match.group(1)) <= _YEARS[1]:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _fen(text: str) -> int | None:
    """``"¥35.5"`` → 3550 fen; ``None`` for anything that is not an amount."""
    match = _AMOUNT.fullmatch(text.strip().lstrip("¥￥"))
    if match is None:
        return None
    part = match.group(2)
    return int(match.group(1)) * 100 + (int((part + "0")[:2]) if part else 0)


# -- the table -----------------------------------------------------------------------------


def _cells(line: str) -> list[str]:
    return [cell.strip().replace("（", "(").replace("）", ")") for cell in line.split(",")]


def _find_header(text: str) -> tuple[LayoutSpec, dict[str, int], int, int]:
    """The layout, the index of each column, the header's line number and where rows start."""
    position = 0
    for number in range(1, _HEADER_SCAN_LINES + 1):
        end = text.find("\n", position)
        line = text[position:] if end < 0 else text[position:end]
        if "交易" in line and "," in line:
            names = _cells(line)
            for spec in _LAYOUTS:
                wanted = [*spec.columns.values()]
                if all(name in names for name in wanted):
                    index = {key: names.index(name) for key, name in spec.columns.items()}
                    if spec.fallback_time and spec.fallback_time in names:
                        index["fallback_time"] = names.index(spec.fallback_time)
                    return spec, index, number, len(text) if end < 0 else end + 1
        if end < 0:
            break
        position = end + 1
    raise BillError("not_a_bill_csv", expected=EXPECTED_HEADERS)


def _lines(text: str, pos: int, after: list[int]) -> Iterator[str]:
    """The lines of ``text`` from ``pos``, without their line ends; ``after[0]`` is where
    the next line starts."""
    find, size = text.find, len(text)
    while pos < size:
        end = find("\n", pos)
        if end < 0:
            end = size
        after[0] = end + 1
        yield text[pos:end].rstrip("\r")
        pos = end + 1


@dataclass
class Export:
    """An export whose header was found; ``rows()`` reads the table once, checking as it goes.

    After the rows are read, ``metadata`` also holds what a footer said.
    """

    layout: Layout
    source: str
    encoding: str
    metadata: Metadata
    _spec: LayoutSpec
    _index: dict[str, int]
    _header_line: int
    _text: str
    _table_start: int
    _footer: str | None = None

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) of each line after the header, up to a dashed end line;
        what follows that line is kept in ``_footer``.

        Alipay's files quote nothing, so their lines are split on commas (faster than the
        csv module); a file with any quote goes through the csv module. Lines are cut from
        the text one at a time, so a large file is not copied.
        """
        text, start = self._text, self._table_start
        after = [start]
        lines = _lines(text, start, after)
        number = self._header_line
        if text.find('"', start) >= 0:
            reader = csv.reader(lines)
            for cells in reader:
                if cells and cells[0].lstrip().startswith("---"):
                    self._footer = text[after[0] :]
                    return
                yield self._header_line + reader.line_num, cells
            return
        for line in lines:
            number += 1
            if line.lstrip().startswith("---"):
                self._footer = text[after[0] :]
                return
            yield number, line.split(",")

    def rows(self) -> Iterator[Row]:
        """Each transaction row in file order; raises ``truncated`` or ``bad_row``."""
        index = self._index
        width = max(index.values()) + 1
        at_time, at_amount, at_status = index["time"], index["amount"], index["status"]
        at_direction, at_order = index["direction"], index["order"]
        at_who, at_what = index["counterparty"], index["description"]
        at_category, at_type = index.get("category", -1), index.get("type", -1)
        at_refunded, at_fund = index.get("refunded", -1), index.get("fund_status", -1)
        at_fallback = index.get("fallback_time", -1)
        days: dict[str, date] = {}
        found, short_line, last_line = 0, 0, self._header_line
        self._footer = None
        for line, cells in self._records():
            last_line = line
            first = cells[0].strip() if cells else ""
            if not first and not any(c.strip() for c in cells):
                continue
            if len(cells) < width:
                if short_line:
                    raise BillError("bad_row", line=short_line, column="")
                short_line = line
                continue
            if short_line:
                raise BillError("bad_row", line=short_line, column="")
            stamp = cells[at_time].strip()
            if not stamp and at_fallback >= 0:
                stamp = cells[at_fallback].strip()
            key = stamp.partition(" ")[0]
            day = days.get(key)
            if day is None:
                parsed = parse_day(key)
                if parsed is None:
                    raise BillError("bad_row", line=line, column=self._spec.columns["time"])
                day = days[key] = parsed
            amount = _fen(cells[at_amount])
            if amount is None:
                raise BillError("bad_row", line=line, column=self._spec.columns["amount"])
            found += 1
            yield Row(
                line,
                day,
                cells[at_direction].strip(),
                cells[at_category].strip() if at_category >= 0 else "",
                cells[at_type].strip() if at_type >= 0 else "",
                cells[at_who].strip(),
                cells[at_what].strip(),
                amount,
                (_fen(cells[at_refunded]) or 0) if at_refunded >= 0 else 0,
                cells[at_status].strip(),
                cells[at_order].strip(),
                cells[at_fund].strip() if at_fund >= 0 else "",
            )
        if short_line:
            raise BillError("truncated", line=short_line)
        if self._spec.footer and self._footer is None:
            raise BillError("truncated", line=last_line)
        stated = self.metadata.stated_rows
        footer = _metadata(self._footer) if self._footer is not None else None
        if footer is not None and footer.stated_rows is not None:
            stated = footer.stated_rows
            self.metadata = Metadata(
                self.metadata.start, self.metadata.end, stated, self.metadata.export_filter
            )
        if (stated is None and found == 0) or (stated is not None and found < stated):
            raise BillError("truncated", expected_rows=stated or 0, found_rows=found)


def parse_export(data: bytes) -> Export:
    """Tell what ``data`` is and get ready to read its rows; raise :class:`BillError` if it
    is not a bill export we know."""
    refuse_other_files(data)
    text, encoding = decode(data)
    spec, index, header_line, table_start = _find_header(text)
    return Export(
        layout=spec.layout,
        source=spec.source,
        encoding=encoding,
        metadata=_metadata(text[:table_start]),
        _spec=spec,
        _index=index,
        _header_line=header_line,
        _text=text,
        _table_start=table_start,
    )
