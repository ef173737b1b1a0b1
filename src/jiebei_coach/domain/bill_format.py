"""Reading one bill export: what kind of file it is, its encoding, its header and its rows.

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
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from jiebei_coach.domain.bill_rules import Layout

#: The largest export read (bytes). A year of heavy use is a few MB; 200,000 padded rows of
#: the current Alipay layout are about 50 MB.
MAX_BILL_BYTES = 100 * 1024 * 1024

#: Every code a :class:`BillError` may carry (the message catalogs key on them).
BILL_ERROR_CODES = (
    "empty",
    "too_large",
    "pdf",
    "spreadsheet",
    "archive",
    "wrong_encoding",
    "not_a_bill_csv",
    "truncated",
    "bad_row",
    "file_missing",
    "not_a_file",
    "unreadable",
)

#: What a bill's header starts with, shown when a file is not one.
EXPECTED_HEADERS = (
    "交易时间,交易分类,交易对方… | 交易号,商家订单号,交易创建时间… | 交易时间,交易类型,交易对方…"
)
EXPECTED_ENCODINGS = "GB18030/GBK, UTF-8"


class BillError(ValueError):
    """A file that cannot be read as a bill: a stable ``code`` and its ``params``, no sentence."""

    def __init__(self, code: str, **params: str | int) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.code}({inner})"


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
_AMOUNT = re.compile(r"\d+(?:\.\d{1,2})?")
_AMOUNT_NOISE = str.maketrans("", "", "¥￥, ")


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
    """The date at the start of ``text`` (``2024-03-05 …``, ``2024/3/5 …``), else ``None``."""
    match = _DAY.match(text)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _fen(text: str) -> int | None:
    cleaned = text.translate(_AMOUNT_NOISE)
    if not _AMOUNT.fullmatch(cleaned):
        return None
    whole, _, part = cleaned.partition(".")
    return int(whole) * 100 + int((part + "00")[:2])


# -- what kind of file ---------------------------------------------------------------------


def _refuse_other_files(data: bytes) -> None:
    """Raise for the files people pick by mistake: empty, PDF, spreadsheets, archives."""
    head = data[:8]
    if not data.strip():
        raise BillError("empty")
    if data.lstrip()[:5] == b"%PDF-":
        raise BillError("pdf", expected="CSV")
    if head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise BillError("spreadsheet", kind="xls", expected="CSV")
    if head[:4] == b"PK\x03\x04":
        code, kind = _zip_kind(data)
        raise BillError(code, kind=kind, expected="CSV")


def _zip_kind(data: bytes) -> tuple[str, str]:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        names = []
    if any(name.startswith("xl/") for name in names):
        return "spreadsheet", "xlsx"
    return "archive", "zip"


def decode(data: bytes) -> tuple[str, str]:
    """The text of an export and the encoding it was in: UTF-8 (with or without a BOM) or
    GB18030 (which covers GBK). A file cut inside a character is ``truncated``."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise BillError("wrong_encoding", expected=EXPECTED_ENCODINGS)
    else:
        candidates = ("utf-8", "gb18030")
    cut_short = False
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            cut_short = cut_short or exc.start >= len(data) - 3
    if cut_short and _decodes_without_tail(data, candidates):
        raise BillError("truncated", line=data.count(b"\n") + 1)
    raise BillError("wrong_encoding", expected=EXPECTED_ENCODINGS)


def _decodes_without_tail(data: bytes, encodings: tuple[str, ...]) -> bool:
    for encoding in encodings:
        for cut in (1, 2, 3):
            try:
                data[:-cut].decode(encoding)
            except UnicodeDecodeError:
                continue
            return True
    return False


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
    _table: str

    def rows(self) -> Iterator[Row]:
        """Each transaction row in file order; raises ``truncated`` or ``bad_row``."""
        buffer = io.StringIO(self._table, newline="")
        reader = csv.reader(buffer)
        index = self._index
        width = max(index.values()) + 1
        fields = ("direction", "category", "type", "counterparty", "description")
        fields_at = [(f, index[f]) for f in fields if f in index]
        days: dict[str, date | None] = {}
        found, ended, last_short = 0, False, False
        for cells in reader:
            line = self._header_line + reader.line_num
            if not cells or not any(c.strip() for c in cells):
                continue
            if cells[0].lstrip().startswith("---"):
                ended = True
                break
            if len(cells) < width:
                last_short = True
                short_line = line
                continue
            if last_short:
                raise BillError("bad_row", line=short_line, column="")
            stamp = cells[index["time"]].strip()
            if not stamp and "fallback_time" in index:
                stamp = cells[index["fallback_time"]].strip()
            key = stamp.split(" ", 1)[0]
            day = days.get(key)
            if day is None:
                day = parse_day(key)
                if day is None:
                    raise BillError("bad_row", line=line, column=self._spec.columns["time"])
                days[key] = day
            amount = _fen(cells[index["amount"]])
            if amount is None:
                raise BillError("bad_row", line=line, column=self._spec.columns["amount"])
            refunded = 0
            if "refunded" in index:
                refunded = _fen(cells[index["refunded"]]) or 0
            values = {f: cells[i].strip() for f, i in fields_at}
            found += 1
            yield Row(
                line,
                day,
                values["direction"],
                values.get("category", ""),
                values.get("type", ""),
                values["counterparty"],
                values["description"],
                amount,
                refunded,
                cells[index["status"]].strip(),
                cells[index["order"]].strip(),
                cells[index["fund_status"]].strip() if "fund_status" in index else "",
            )
        if last_short:
            raise BillError("truncated", line=short_line)
        if self._spec.footer and not ended:
            raise BillError("truncated", line=self._header_line + reader.line_num)
        footer = _metadata(buffer.read()) if ended else None
        stated = self.metadata.stated_rows
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
    _refuse_other_files(data)
    text, encoding = decode(data)
    spec, index, header_line, table_start = _find_header(text)
    before = text[:table_start]
    return Export(
        layout=spec.layout,
        source=spec.source,
        encoding=encoding,
        metadata=_metadata(before),
        _spec=spec,
        _index=index,
        _header_line=header_line,
        _table=text[table_start:],
    )
