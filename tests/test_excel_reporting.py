"""The workbook carries the reporting currency and the FX rates with their sources, and its
Summary shows money converted with the rate and its date."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session

from db.session import Transactions, transaction
from tracker.demo import load_demo
from tracker.excel.export import export_workbook
from tracker.excel.importer import read_source, run_import
from tracker.models import FxRate
from tracker.portfolio.fx_rates import fx_rate_rows, record_fx_rate
from tracker.services.settings import reporting_currency, set_reporting_currency, stored_setting

ON = date(2026, 11, 28)
D = Decimal


def _summary_rows(path: Path) -> list[list[object]]:
    sheet = load_workbook(path)["Summary"]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_reporting_currency_and_rates_round_trip(
    engine: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    with transaction(engine) as session:
        set_reporting_currency(session, "AUD")
        record_fx_rate(
            session,
            FxRate(
                base="AUD",
                quote="USD",
                rate_date=date(2026, 11, 27),
                rate=D("0.6512"),
                source="RBA F11, 27 Nov 2026",
            ),
        )
    with transaction(second_engine) as session:
        set_reporting_currency(session, "USD")
    path = tmp_path / "book.xlsx"
    export_workbook(engine, path, today=ON)
    rows = _summary_rows(path)
    setting = next(row for row in rows if row[0] == "Reporting currency")
    assert setting[:3] == ["Reporting currency", "AUD", "chosen"]
    preview = run_import(Transactions(second_engine), read_source(path))
    assert preview.problems == []
    assert preview.records["reporting currency", "update"] == 1
    with Session(second_engine) as session:
        assert reporting_currency(session) == "AUD"
        assert [
            (r.base, r.quote, r.rate_date, r.rate, r.source) for r in fx_rate_rows(session)
        ] == [("AUD", "USD", date(2026, 11, 27), D("0.6512"), "RBA F11, 27 Nov 2026")]
    again = run_import(Transactions(second_engine), read_source(path), dry_run=True)
    assert again.records["reporting currency", "unchanged"] == 1
    assert again.writes == 0


def test_a_default_currency_is_shown_but_not_stored_by_an_import(
    engine: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "book.xlsx"
    export_workbook(engine, path, today=ON)
    setting = next(row for row in _summary_rows(path) if row[0] == "Reporting currency")
    assert setting[1] == "USD"
    assert str(setting[2]).startswith("default")
    run_import(Transactions(second_engine), read_source(path))
    with Session(second_engine) as session:
        assert stored_setting(session, "reporting_currency") is None


def test_a_bad_currency_in_the_settings_is_a_problem_and_not_stored(
    engine: Engine, second_engine: Engine, tmp_path: Path
) -> None:
    with transaction(engine) as session:
        set_reporting_currency(session, "CAD")
    path = tmp_path / "book.xlsx"
    export_workbook(engine, path, today=ON)
    book = load_workbook(path)
    sheet = book["Summary"]
    cell = next(row[1] for row in sheet.iter_rows() if row[0].value == "Reporting currency")
    cell.value = "C$"
    book.save(path)
    preview = run_import(Transactions(second_engine), read_source(path), dry_run=True)
    assert [str(problem) for problem in preview.problems] == [
        "Summary [Reporting currency] 'C$': is not an ISO 4217 currency code (e.g. USD, CAD, AUD)"
    ]
    with Session(second_engine) as session:
        assert stored_setting(session, "reporting_currency") is None


def test_summary_shows_values_in_the_reporting_currency_with_rate_and_date(
    engine: Engine, tmp_path: Path
) -> None:
    with transaction(engine) as session:
        load_demo(session)
        set_reporting_currency(session, "USD")
    path = tmp_path / "demo.xlsx"
    export_workbook(engine, path, today=ON)
    sheet = load_workbook(path)["Summary"]
    header, *body = list(sheet[sheet.tables["LookThrough"].ref])
    headers = [cell.value for cell in header]
    at = {name: headers.index(name) for name in headers}
    npv = at["Attributable after-tax NPV, current interest (USD) (M)"]
    converted = 0
    for row in body:
        assert row[at["Currency"]].value == "CAD"  # the demo's holdings are all in CAD
        held = row[at["Attributable after-tax NPV, current interest (M)"]].value
        if held is None:
            assert row[npv].value is None
            continue
        # USD per CAD: the inverse of the demo's USD/CAD 1.39 of 2025-12-31.
        assert row[at["FX rate to USD"]].value == pytest.approx(1 / 1.39, rel=1e-12)
        assert row[at["FX rate date"]].value.date() == date(2025, 12, 31)
        assert row[npv].value == pytest.approx(held / 1.39, rel=1e-12)
        assert row[npv].number_format.startswith('"USD "')
        converted += 1
    assert converted >= 2
    positions = list(sheet[sheet.tables["Positions"].ref])
    assert "Value (USD)" in [cell.value for cell in positions[0]]
