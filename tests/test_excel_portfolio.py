"""The portfolio's figures in the exported workbook: positions and look-through economics on the
Summary sheet (marked as study figures), exposure and attributable interests on the Exposure
sheet; every cell equal to what ``tracker.portfolio`` computes, formatted like the other sheets.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from db.session import transaction
from tracker.demo import load_demo
from tracker.excel.export import export_workbook
from tracker.excel.portfolio_sheets import EXPOSURE_SHEET, shown_header
from tracker.models import Company, FxRate, Holding, SharePrice
from tracker.portfolio.fx_rates import record_fx_rate
from tracker.portfolio.lookthrough import STUDY_FIGURES_NOTE
from tracker.portfolio.prices import record_share_price
from tracker.portfolio.sheets import SheetTable, exposure_tables, summary_tables
from tracker.services.settings import reporting_currency
from tracker.units import MILLION

ON = date(2026, 3, 31)


def priced_demo(engine: Engine) -> None:
    """The demo portfolio with a price for every holding and the rates its studies need."""
    with transaction(engine) as session:
        load_demo(session)
        held = session.execute(select(col(Holding.company_id), col(Holding.currency))).all()
        for number, (company_id, currency) in enumerate(held, start=1):
            price = Decimal(number) / 4 + Decimal("0.05")
            entry = SharePrice(
                company_id=company_id, price_date=date(2026, 3, 27), price=price, currency=currency
            )
            record_share_price(session, entry)
        for base, rate in (("USD", "1.3625"), ("AUD", "0.905")):
            day = date(2026, 3, 30)
            record_fx_rate(
                session, FxRate(base=base, quote="CAD", rate_date=day, rate=Decimal(rate))
            )


def _table(sheet: Worksheet, name: str) -> list[list[Any]]:
    """The cells of Excel table ``name`` on ``sheet``, header row first."""
    ref = sheet.tables[name].ref
    return [[cell.value for cell in row] for row in sheet[ref]]


def _expected(value: object, kind: str) -> object:
    if isinstance(value, Decimal):
        scaled = value / 100 if kind == "percent" else value
        scaled = scaled / MILLION if kind == "millions" else scaled
        return pytest.approx(float(scaled), rel=1e-12, abs=1e-12)
    return value


def _same(cells: list[list[Any]], table: SheetTable) -> None:
    kinds = table.kinds
    assert cells[0] == [shown_header(h, k) for h, k in zip(table.headers, kinds, strict=True)]
    body = cells[1:]
    assert len(body) == max(len(table.rows), 1)
    for row, expected in zip(body, table.rows, strict=False):
        found = [c.date() if hasattr(c, "date") and c is not None else c for c in row]
        assert found == [_expected(v, k) for v, k in zip(expected, kinds, strict=True)]


def test_summary_and_exposure_sheets_hold_the_portfolio_figures(
    engine: Engine, tmp_path: Path
) -> None:
    priced_demo(engine)
    path = tmp_path / "portfolio.xlsx"
    export_workbook(engine, path, today=ON)
    book = load_workbook(path)
    summary, exposure = book["Summary"], book[EXPOSURE_SHEET]
    with Session(engine) as session:
        positions, performance, lookthrough = summary_tables(session, ON)
        currency = reporting_currency(session)
        by_commodity, by_country, by_stage, interests = exposure_tables(session, ON, currency)
        held = session.exec(select(Company.name).join(Holding)).all()
    assert len(positions.rows) == len(held) == 6
    assert all(row[7] is not None for row in positions.rows), "every holding is priced"
    assert any(row[2] is not None for row in lookthrough.rows), "some holding has study NPVs"
    _same(_table(summary, "Positions"), positions)
    _same(_table(summary, "LookThrough"), lookthrough)
    _same(_table(summary, "Performance"), performance)
    assert performance.rows[-1][0] == "Total"
    texts = [
        cell.value for row in summary.iter_rows() for cell in row if isinstance(cell.value, str)
    ]
    assert STUDY_FIGURES_NOTE in texts and "Look-through (study figures)" in texts
    _same(_table(exposure, "ExposureByCommodity"), by_commodity)
    _same(_table(exposure, "ExposureByCountry"), by_country)
    _same(_table(exposure, "ExposureByStage"), by_stage)
    _same(_table(exposure, "Interests"), interests)
    assert len(exposure._charts) == 3
    assert exposure.freeze_panes == "A2" and summary.freeze_panes == "A4"


def test_portfolio_tables_are_formatted_with_their_units(engine: Engine, tmp_path: Path) -> None:
    priced_demo(engine)
    path = tmp_path / "portfolio.xlsx"
    export_workbook(engine, path, today=ON)
    book = load_workbook(path)
    summary = book["Summary"]
    ref = summary.tables["Positions"].ref
    header, first = list(summary[ref])[:2]
    headers = [cell.value for cell in header]
    assert "Gain (%)" in headers
    value = first[headers.index("Value")]
    assert value.number_format.startswith('"CAD "')
    assert first[headers.index("Gain (%)")].number_format.endswith("%")
    assert first[headers.index("Price date")].is_date
    look = list(summary[summary.tables["LookThrough"].ref])
    look_headers = [cell.value for cell in look[0]]
    assert "Attributable after-tax NPV, current interest (M)" in look_headers
    exposure = book[EXPOSURE_SHEET]
    stage = list(exposure[exposure.tables["ExposureByStage"].ref])
    assert [cell.value for cell in stage[0]] == ["Stage", "Value (CAD)", "Share (%)"]
    assert stage[1][1].number_format == '"CAD "#,##0.00'
