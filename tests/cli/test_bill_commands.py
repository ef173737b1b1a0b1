"""The bill commands as a user types them: what they print, what they keep, and one line
with exit 1 for every file that is not a bill, with the data file untouched."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from jiebei_coach.domain import demo_profile
from jiebei_coach.store import Store
from tests.bills_fixtures import alipay_current, recent_alipay_bill
from tests.cli.conftest import Run
from tests.unit.test_bills import REFERENCE

TODAY = date.today()


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    path = tmp_path / "alipay_record.csv"
    path.write_bytes(alipay_current(REFERENCE))
    return path


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    path = tmp_path / "alipay_recent.csv"
    path.write_bytes(recent_alipay_bill(TODAY.isoformat()))
    return path


def test_bill_json_has_the_figures_worked_out_by_hand(run: Run, reference: Path) -> None:
    code, out, err = run("bill", str(reference), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["source"] == "alipay"
    assert (data["period"]["start"], data["period"]["end"]) == ("2024-01-15", "2024-04-20")
    assert data["transactions"] == 23
    assert data["profile"] == {
        "monthly_alipay_spend": 562.0,  # (340 + 784) / 2: February and March only
        "spend_categories": 5,
        "life_scenes": ["utilities", "public_transport", "deposit_free_rental", "medical"],
        "draws_90d": 2,  # 8 March and 10 April; 16 January is outside the window
        "largest_draw_90d": 5000.0,
        "lender_count": 3,  # 借呗, 花呗, 微粒贷
    }
    assert not run.db.exists()  # reading a bill writes nothing


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", ["支付宝账单,2024-01-15 至 2024-04-20", "共 23 笔", "¥562", "超过一个月"]),
        ("en", ["Alipay bill, 2024-01-15 to 2024-04-20", "23 rows", "¥562", "more than a month"]),
    ],
)
def test_bill_text_shows_the_period_counts_and_evidence(
    run: Run, reference: Path, lang: str, words: list[str]
) -> None:
    code, out, _ = run("bill", str(reference), lang=lang)
    assert code == 0
    for word in words:
        assert word in out
    assert "某某餐厅" not in out and "蚂蚁借呗" not in out  # no counterparty is shown


def _bad_files(folder: Path) -> dict[str, Path]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
    made = {
        "empty": b"",
        "pdf": b"%PDF-1.7\n1 0 obj\n",
        "spreadsheet": buffer.getvalue(),
        "not_a_bill_csv": "名称,金额\n苹果,3\n".encode(),
        "truncated": alipay_current(REFERENCE, stated=40),
        "wrong_encoding": "交易时间,交易分类\n".encode("utf-16"),
    }
    paths = {}
    for name, data in made.items():
        paths[name] = folder / f"{name}.csv"
        paths[name].write_bytes(data)
    paths["file_missing"] = folder / "nowhere.csv"
    return paths


@pytest.mark.parametrize(
    "kind",
    [
        "empty",
        "pdf",
        "spreadsheet",
        "not_a_bill_csv",
        "truncated",
        "wrong_encoding",
        "file_missing",
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_that_is_not_a_bill_is_one_line_and_changes_nothing(
    run: Run, tmp_path: Path, kind: str, lang: str
) -> None:
    path = _bad_files(tmp_path)[kind]
    assert run("demo", "--name", "s")[0] == 0
    before = run.db.read_bytes()
    for args in (
        ("bill", str(path)),
        ("apply-bill", "s", str(path)),
        ("new", "--from-bill", str(path), "--name", "n"),
    ):
        code, out, err = run(*args, lang=lang)
        assert code == 1, (args, err)
        assert out == ""
        assert err.count("\n") == 1 and "Traceback" not in err
    assert run.db.read_bytes() == before


def test_new_from_a_recent_bill_keeps_only_figures(run: Run, fresh: Path) -> None:
    code, out, err = run("new", "--from-bill", str(fresh), "--name", "From my bill")
    assert code == 0, err
    session = Store.open(run.db).get(out.strip())
    profile = session.profile
    assert profile.monthly_alipay_spend is not None
    assert (profile.draws_90d, profile.largest_draw_90d) == (2, 9000.0)
    assert profile.lender_count == 2  # 借呗 and 花呗
    assert profile.sesame_score is None  # nothing the bill cannot show
    [record] = session.bills
    assert record.file_hash == __import__("hashlib").sha256(fresh.read_bytes()).hexdigest()
    assert record.taken["draws_90d"] == 2
    stored = run.db.read_text(encoding="utf-8")
    for private in ("某某餐厅", "蚂蚁借呗", "借呗借款", "中国移动", "话费充值", "某超市"):
        assert private not in stored
    assert "Draws in 90 days: not entered → 2" in err


def test_an_old_bill_takes_no_figures_about_the_last_90_days(run: Run, reference: Path) -> None:
    code, out, err = run("new", "--from-bill", str(reference), "--name", "Old bill")
    assert code == 0, err
    profile = Store.open(run.db).get(out.strip()).profile
    assert profile.monthly_alipay_spend == 562.0
    assert (profile.draws_90d, profile.largest_draw_90d, profile.lender_count) == (None,) * 3
    assert "more than a month ago" in err


def test_apply_bill_shows_old_and_new_and_remembers_the_file(run: Run, fresh: Path) -> None:
    run("demo", "--name", "shop")
    demo = demo_profile()
    code, out, err = run("apply-bill", "shop", str(fresh))
    assert code == 0, err
    assert f"Draws in 90 days: {demo.draws_90d} → 2" in out
    assert "Largest draw in 90 days: ¥15,000 → ¥9,000" in out
    assert "jiebei-coach replan" in out
    assert "jiebei-coach checkin" in out  # no check-in this month yet
    [summary] = Store.open(run.db).summaries(TODAY)
    assert Store.open(run.db).get(summary.id).profile.draws_90d == 2
    code, out, _ = run("apply-bill", "shop", str(fresh))
    assert code == 0
    assert "was read into this session on" in out
    assert "changes nothing" in out


def test_apply_bill_only_takes_the_fields_asked_for(run: Run, fresh: Path) -> None:
    run("demo", "--name", "shop")
    code, _, err = run("apply-bill", "shop", str(fresh), "--only", "draws_90d")
    assert code == 0, err
    [summary] = Store.open(run.db).summaries(TODAY)
    profile = Store.open(run.db).get(summary.id).profile
    assert profile.draws_90d == 2
    assert profile.largest_draw_90d == demo_profile().largest_draw_90d
    code, _, err = run("apply-bill", "shop", str(fresh), "--only", "sesame_score")
    assert code == 1 and "sesame_score" in err


def test_apply_bill_offers_ticks_and_never_makes_them(run: Run, fresh: Path) -> None:
    """The bill shows a 借呗 repayment 8 days ago: "pay on time" that month is offered."""
    from jiebei_coach.domain import build_plan

    started = TODAY - timedelta(days=120)
    Store.open(run.db).create("shop", demo_profile(), build_plan(demo_profile(), started))
    before = json.loads(run("show", "shop", "--json")[1])
    code, out, _ = run("apply-bill", "shop", str(fresh))
    assert code == 0
    repaid_month = (TODAY - timedelta(days=8)).strftime("%Y-%m")
    assert f"pay-on-time@{repaid_month}" in out
    assert "jiebei-coach tick" in out
    after = json.loads(run("show", "shop", "--json")[1])
    assert [a["done"] for m in after["months"] for a in m["actions"]] == [
        a["done"] for m in before["months"] for a in m["actions"]
    ]
