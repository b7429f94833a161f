"""The portfolio in the reporting currency, driven as a user would: rates imported from a CSV
file with the Exchange rates box's button, screening and totals read in the reporting currency."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.test_portfolio_gui import count, row_of, show_tab, shown_panel, type_into, wait
from tests.test_portfolio_world import ON
from tracker.models import Company, FxRate, SharePrice
from tracker.services.settings import set_reporting_currency
from ui.portfolio.panel import PortfolioPanel

pytestmark = [
    pytest.mark.gui,
    # The company chooser's completion popup, as in tests/test_portfolio_gui.py.
    pytest.mark.qt_log_ignore(
        r"This plugin does not support raise\(\)",
        r"This plugin does not support grabbing the keyboard",
    ),
]
D = Decimal


@pytest.fixture
def panel(qtbot: QtBot, engine: Engine, no_leaks: None) -> Iterator[PortfolioPanel]:
    # USD/CAD 1.25 of 2026-11-01; Kiwi Creek's FS is AUD 90 M
    with shown_panel(qtbot, engine) as shown:
        yield shown


def cell(view: QTableView, name: str, header: str) -> tuple[str, str]:
    model = view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    index = model.index(row_of(view, name), headers.index(header))
    return index.data(), index.data(Qt.ItemDataRole.ToolTipRole)


def import_rates(qtbot: QtBot, panel: PortfolioPanel, path: Path) -> None:
    """Click Import CSV… and pick ``path`` in the file chooser."""
    rates = panel.holdings.rates
    rates.choose_file = lambda chosen: chosen(str(path))
    QTest.mouseClick(rates.import_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)


def test_rates_imported_from_csv_convert_screening_through_usd(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine, tmp_path: Path
) -> None:
    screening = panel.screening
    show_tab(qtbot, panel, screening)
    assert cell(screening.table, "Kiwi Creek", "NPV (reporting)")[0] == "no AUD/CAD rate"
    show_tab(qtbot, panel, panel.holdings)
    path = tmp_path / "rba.csv"
    path.write_text("date,AUD/USD\n20 Nov 2026,0.6500\n", encoding="utf-8")
    import_rates(qtbot, panel, path)
    rates = panel.holdings.rates
    assert rates.message.text() == (
        "Imported 1 AUD/USD rate from 2026-11-20 to 2026-11-20 from rba.csv."
    )
    assert count(engine, FxRate) == 2
    show_tab(qtbot, panel, screening)
    # AUD 90 M x 0.65 USD per AUD x 1.25 CAD per USD = CAD 73.125 M, dated by the older leg.
    text, tip = cell(screening.table, "Kiwi Creek", "NPV (reporting)")
    assert text == "CAD 73.1 M"
    assert tip == (
        "1 AUD = 0.8125 CAD via USD on 2026-11-01, the older of: "
        "1 AUD = 0.6500 USD on 2026-11-20; 1 USD = 1.2500 CAD on 2026-11-01"
    )
    assert cell(screening.table, "Kiwi Creek", "FX rate")[0] == "0.8125 AUD/CAD via USD, 2026-11-01"


def test_a_refused_rates_file_names_its_lines_and_writes_nothing(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,USD/CAD\n2026-11-20,1.39\n2026-11-21,n.a.x\n2026-11-31,1.4\n")
    import_rates(qtbot, panel, path)
    message = panel.holdings.rates.message
    assert message.isVisible()
    assert message.text().splitlines() == [
        "bad.csv: nothing was imported.",
        "line 3: USD/CAD rate 'n.a.x' is not a number",
        "line 4: date '2026-11-31' is not a date (write e.g. 2024-03-05)",
    ]
    assert count(engine, FxRate) == 1
    assert panel.holdings.rates.import_button.isEnabled()


def test_the_headline_total_follows_the_reporting_currency(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    total = panel.holdings.total
    assert total.text().startswith("Portfolio value CAD ")
    with Session(engine) as session:
        set_reporting_currency(session, "USD")
        session.commit()
    panel.refresh()
    wait(qtbot, panel)
    assert total.text().startswith("Portfolio value USD ")
    exposure = panel.exposure
    show_tab(qtbot, panel, exposure)
    assert exposure.currency.currentText() == "USD"


def test_a_rate_typed_by_hand_keeps_its_source(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    rates = panel.holdings.rates
    type_into(qtbot, rates.base, "aud")
    type_into(qtbot, rates.quote, "usd")
    type_into(qtbot, rates.rate, "0.6512")
    type_into(qtbot, rates.source, "RBA F11, 27 Nov 2026")
    QTest.mouseClick(rates.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert rates.message.text() == "Rate saved."
    with Session(engine) as session:
        stored = session.exec(select(FxRate).where(FxRate.base == "AUD")).one()
    assert (stored.quote, stored.rate, stored.source) == (
        "USD",
        D("0.6512"),
        "RBA F11, 27 Nov 2026",
    )
    assert cell(rates.table, ON.isoformat(), "Source")[0] == "RBA F11, 27 Nov 2026"


def test_positions_show_value_and_gain_in_the_reporting_currency(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    positions = panel.holdings.table
    # Argentum: 10,000 shares bought at USD 2.00, priced CAD 3.00 = USD 2.40 (1 / 1.25):
    # value USD 24,000 = CAD 30,000 at 1.25, gain USD 4,000 = CAD 5,000.
    value, rate = cell(positions, "Argentum Ridge", "Value (reporting)")
    assert (value, rate) == ("CAD 30,000.00", "1 USD = 1.2500 CAD on 2026-11-01")
    assert cell(positions, "Argentum Ridge", "Gain (reporting)")[0] == "CAD 5,000.00"
    with Session(engine) as session:
        set_reporting_currency(session, "USD")
        session.commit()
    panel.refresh()
    wait(qtbot, panel)
    # Larkspur: 100,000 shares at CAD 0.80 (its price of 2026-11-20, the latest by the 28th)
    # = CAD 80,000 = USD 64,000 (the inverse of 1.25).
    value, rate = cell(positions, "Larkspur Metals", "Value (reporting)")
    assert value == "USD 64,000.00"
    assert rate == "1 CAD = 0.8000 USD (inverse of USD/CAD) on 2026-11-01"
    assert cell(positions, "Argentum Ridge", "Value (reporting)") == (
        "USD 24,000.00",
        "USD needs no conversion",
    )


def test_upcoming_cash_shows_in_the_reporting_currency(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    view = panel.upcoming
    show_tab(qtbot, panel, view)
    # The LOI's stage 2 cash: CAD 100,000 due 2026-09-30; its shares are not money.
    assert cell(view.table, "2026-09-30", "Amount (reporting)") == (
        "CAD 100,000.00",
        "CAD needs no conversion",
    )
    assert cell(view.table, "2026-10-31", "Amount (reporting)")[0] == ""
    with Session(engine) as session:
        set_reporting_currency(session, "USD")
        session.commit()
    panel.refresh()
    wait(qtbot, panel)
    assert cell(view.table, "2026-09-30", "Amount (reporting)") == (
        "USD 80,000.00",
        "1 CAD = 0.8000 USD (inverse of USD/CAD) on 2026-11-01",
    )


def rates_stored(engine: Engine) -> list[tuple[str, str, str, Decimal]]:
    with Session(engine) as session:
        rows = session.exec(select(FxRate)).all()
    return sorted((r.base, r.quote, r.rate_date.isoformat(), r.rate) for r in rows)


def test_typed_rates_and_an_imported_file_are_undone_and_redone(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine, tmp_path: Path
) -> None:
    before = rates_stored(engine)
    rates = panel.holdings.rates
    type_into(qtbot, rates.base, "aud")
    type_into(qtbot, rates.quote, "usd")
    type_into(qtbot, rates.rate, "0.6512")
    QTest.mouseClick(rates.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    typed = rates_stored(engine)
    assert ("AUD", "USD", ON.isoformat(), D("0.6512")) in typed
    path = tmp_path / "rba.csv"
    path.write_text("date,AUD/USD,USD/CAD\n20 Nov 2026,0.6500,1.3800\n", encoding="utf-8")
    import_rates(qtbot, panel, path)
    imported = rates_stored(engine)
    assert len(imported) == len(typed) + 2
    stack = panel.undo_stack
    assert stack.undoText() == "Import rba.csv"
    stack.undo()
    wait(qtbot, panel)
    assert rates_stored(engine) == typed
    assert stack.undoText() == "Rate saved"
    stack.undo()
    wait(qtbot, panel)
    assert rates_stored(engine) == before
    stack.redo()
    stack.redo()
    wait(qtbot, panel)
    assert rates_stored(engine) == imported


def test_a_share_price_saved_over_another_is_undone_back_to_it(
    qtbot: QtBot, panel: PortfolioPanel, engine: Engine
) -> None:
    prices = panel.holdings.prices
    type_into(qtbot, prices.company, "Southern Gold")
    prices.day.set_date(date(2026, 11, 2))  # the day of its CAD 4.05 close
    type_into(qtbot, prices.price, "4.50")
    QTest.mouseClick(prices.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, panel)
    assert southern_closes(engine) == [(date(2026, 11, 2), D("4.50"))]
    panel.undo_stack.undo()
    wait(qtbot, panel)
    assert southern_closes(engine) == [(date(2026, 11, 2), D("4.05"))]
    panel.undo_stack.redo()
    wait(qtbot, panel)
    assert southern_closes(engine) == [(date(2026, 11, 2), D("4.50"))]


def southern_closes(engine: Engine) -> list[tuple[date, Decimal]]:
    with Session(engine) as session:
        rows = session.exec(
            select(SharePrice).join(Company).where(Company.name == "Southern Gold")
        ).all()
    return sorted((row.price_date, row.price) for row in rows)
