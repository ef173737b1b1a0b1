"""What kind of file a bill is, and its encoding; the errors every bill reader raises.

People pick the wrong file often: the zip Alipay mails, the Excel file WeChat Pay may give,
a bank's PDF. Each is told apart by its first bytes and refused with a :class:`BillError`,
a stable code and parameters (never a sentence), before anything is parsed. A bill's text is
UTF-8 (with or without a BOM) or GB18030, which covers GBK.
"""

from __future__ import annotations

import io
import zipfile

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
    "not_regular",
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


# -- what kind of file ---------------------------------------------------------------------


def refuse_other_files(data: bytes) -> None:
    """Raise for the files people pick by mistake: empty, PDF, spreadsheets, archives."""
    head = data[:8]
    if not data or data.isspace():
        raise BillError("empty")
    if data[:1024].lstrip()[:5] == b"%PDF-":
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
