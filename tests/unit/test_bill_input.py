"""Files that are not a bill we can read: each gives a stable code and parameters."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest

from jiebei_coach.domain import BillError, read_bill
from jiebei_coach.domain.bill_format import BILL_ERROR_CODES, EXPECTED_HEADERS
from jiebei_coach.usecases.bills import read_bill_file
from tests.bills_fixtures import Tx, alipay_current, alipay_older, wechat

TXS = [
    Tx("2024-02-03 12:00:00", amount="50.00"),
    Tx("2024-02-04 12:00:00", amount="60.00"),
    Tx("2024-02-05 12:00:00", amount="70.00"),
]


def _code(data: bytes) -> BillError:
    with pytest.raises(BillError) as caught:
        read_bill(data)
    assert caught.value.code in BILL_ERROR_CODES
    return caught.value


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("data", [b"", b"  \r\n\t\n"])
def test_an_empty_file(data: bytes) -> None:
    assert _code(data).code == "empty"


def test_a_pdf() -> None:
    error = _code(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert (error.code, error.params) == ("pdf", {"expected": "CSV"})


def test_an_xlsx_asks_for_csv() -> None:
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    error = _code(xlsx)
    assert (error.code, error.params) == ("spreadsheet", {"kind": "xlsx", "expected": "CSV"})


def test_an_old_excel_file_asks_for_csv() -> None:
    error = _code(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    assert (error.code, error.params["kind"]) == ("spreadsheet", "xls")


def test_the_zip_alipay_mails_must_be_unpacked_first() -> None:
    error = _code(_zip({"alipay_record_20240421.csv": alipay_current(TXS)}))
    assert (error.code, error.params["kind"]) == ("archive", "zip")


def test_a_csv_of_another_shape() -> None:
    bank = "交易日期,摘要,收入,支出,余额\n2024-02-03,消费,,50.00,1000.00\n".encode()
    error = _code(bank)
    assert (error.code, error.params) == ("not_a_bill_csv", {"expected": EXPECTED_HEADERS})


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_is_the_wrong_encoding(encoding: str) -> None:
    text = alipay_current(TXS).decode("gb18030")
    assert _code(text.encode(encoding)).code == "wrong_encoding"


def test_bytes_that_are_neither_utf8_nor_gb18030() -> None:
    data = alipay_current(TXS)
    broken = data[:200] + b"\x80\x30\xff\xfe" + data[200:]
    assert _code(broken).code == "wrong_encoding"


def test_a_big5_file_is_not_taken_for_a_bill() -> None:
    """Big5 bytes decode as GB18030 into nonsense: no header is found."""
    text = wechat(TXS).decode("utf-8")
    assert _code(text.encode("big5", errors="replace")).code == "not_a_bill_csv"


def test_fewer_rows_than_the_export_states_is_truncated() -> None:
    data = alipay_current(TXS, stated=5)
    error = _code(data)
    assert (error.code, error.params) == ("truncated", {"expected_rows": 5, "found_rows": 3})


def test_a_last_row_cut_short_is_truncated() -> None:
    text = alipay_current(TXS, stated=None).decode("gb18030")
    last_row = text.rindex("2024-02-05 12:00:00")
    cut = text[: text.index("餐饮美食", last_row) + 4]  # stops after the 交易分类 cell
    error = _code(cut.encode("gb18030"))
    assert error.code == "truncated"
    assert error.params["line"] == text.count("\n", 0, last_row) + 1


def test_a_file_cut_inside_a_character_is_truncated() -> None:
    data = alipay_current(TXS, stated=None)
    last = data.rindex("餐饮美食".encode("gb18030"))
    assert _code(data[: last + 1]).code == "truncated"


def test_an_older_export_without_its_footer_is_truncated() -> None:
    assert _code(alipay_older(TXS, footer=False)).code == "truncated"


def test_the_older_footer_count_is_checked() -> None:
    error = _code(alipay_older(TXS, stated=4))
    assert error.params == {"expected_rows": 4, "found_rows": 3}


def test_a_header_without_rows_or_count_is_truncated() -> None:
    assert _code(alipay_current([], stated=None)).code == "truncated"


def test_a_stated_empty_bill_reads_as_empty() -> None:
    summary = read_bill(alipay_current([], stated=0))
    assert summary.transactions == 0
    assert summary.proposed["monthly_alipay_spend"] == 0.0  # February and March: nothing spent


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"amount": "abc"}, "金额"),
        ({"amount": "-5.00"}, "金额"),
        ({"when": "yesterday"}, "交易时间"),
    ],
)
def test_a_bad_row_names_its_line_and_column(change: dict[str, str], column: str) -> None:
    from dataclasses import replace

    txs = [TXS[0], replace(TXS[1], **change), TXS[2]]
    error = _code(alipay_current(txs))
    assert error.code == "bad_row"
    assert error.params["column"] == column
    line = error.params["line"]
    assert isinstance(line, int)
    text = alipay_current(txs).decode("gb18030").split("\r\n")
    assert text[line - 1].startswith(txs[1].when if "when" not in change else "yesterday")


def test_a_short_row_in_the_middle_is_a_bad_row() -> None:
    lines = alipay_current(TXS, stated=None).split(b"\r\n")
    title = "交易时间".encode("gb18030")
    header = next(i for i, line in enumerate(lines) if line.startswith(title))
    lines[header + 1] = lines[header + 1][:40]
    error = _code(b"\r\n".join(lines))
    assert (error.code, error.params["line"]) == ("bad_row", header + 2)


def test_too_large_is_refused_before_parsing() -> None:
    data = alipay_current(TXS)
    error = _code_with_limit(data, limit=len(data) - 1)
    assert (error.code, error.params) == ("too_large", {"size": len(data), "limit": len(data) - 1})


def _code_with_limit(data: bytes, limit: int) -> BillError:
    with pytest.raises(BillError) as caught:
        read_bill(data, limit=limit)
    return caught.value


def test_errors_carry_a_code_not_a_sentence() -> None:
    error = BillError("truncated", expected_rows=5, found_rows=3)
    assert str(error) == "truncated(expected_rows=5, found_rows=3)"


# -- reading the file ----------------------------------------------------------------------


def test_read_bill_file_reads_the_bytes_unchanged(tmp_path: Path) -> None:
    data = alipay_current(TXS)
    path = tmp_path / "alipay_record.csv"
    path.write_bytes(data)
    assert read_bill_file(path) == data
    assert read_bill_file(str(path)) == data


def test_read_bill_file_checks_the_size_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(2_000_001)  # sparse: large on paper, nothing written
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", spy)
    with pytest.raises(BillError) as caught:
        read_bill_file(path, limit=2_000_000)
    assert (caught.value.code, caught.value.params["size"]) == ("too_large", 2_000_001)
    assert opened == []


def test_read_bill_file_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(BillError) as missing:
        read_bill_file(tmp_path / "nope.csv")
    assert missing.value.code == "file_missing"
    with pytest.raises(BillError) as folder:
        read_bill_file(tmp_path)
    assert folder.value.code == "not_a_file"
    with pytest.raises(BillError) as device:  # not called a folder, and never read
        read_bill_file(Path("/dev/zero"))
    assert device.value.code == "not_regular"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_read_bill_file_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "locked.csv"
    path.write_bytes(b"x")
    path.chmod(0)
    with pytest.raises(BillError) as caught:
        read_bill_file(path)
    assert caught.value.code == "unreadable"


def test_a_year_no_bill_has_is_a_bad_row() -> None:
    from dataclasses import replace

    txs = [TXS[0], replace(TXS[1], when="0001-01-01 00:00:00"), TXS[2]]
    assert _code(alipay_current(txs)).params["column"] == "交易时间"


def test_an_impossible_period_falls_back_to_the_transactions() -> None:
    summary = read_bill(alipay_current(TXS, start="2024-01-01 00:00:00", end="9999-12-31"))
    assert not summary.period.from_metadata
    assert summary.period.end == date(2024, 2, 5)
