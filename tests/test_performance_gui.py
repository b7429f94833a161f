"""The Performance tab: choose a period and a currency as a user would, read the table.

On the shared world (tests/test_portfolio_world.py), priced up to 2026-11-28:
- Larkspur: 100,000 bought at 0.50 CAD on 2025-01-02; closes 0.60 (2026-10-01), 0.80 (11-20).
- Argentum: 10,000 bought at USD 2.00 on 2025-01-02; close 3.00 CAD (2026-11-21); USD/CAD
  1.25 from 2026-11-01 only.
- Southern Gold: 1,000 shares of unknown cost; first close 4.05 CAD on 2026-11-02.
"""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from tests.test_portfolio_gui import show_tab, shown_panel, wait
from ui.portfolio.panel import PortfolioPanel


@pytest.fixture
def panel(qtbot: QtBot, engine: Engine, no_leaks: None) -> Iterator[PortfolioPanel]:
    with shown_panel(qtbot, engine) as shown:
        show_tab(qtbot, shown, shown.performance)
        yield shown


def cells(table: QTableView, label: str) -> dict[str, str]:
    """The row of ``label`` by header."""
    model = table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == label:
            return {h: model.index(row, c).data() for c, h in enumerate(headers)}
    raise AssertionError(f"no row {label}")


def choose(box: QComboBox, text: str) -> None:
    """Pick an item with the keyboard, from the first."""
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Home)
    while box.currentText() != text:
        before = box.currentIndex()
        QTest.keyClick(box, Qt.Key.Key_Down)
        assert box.currentIndex() != before, f"no {text} in the list"


def test_since_start_in_cad_names_what_cannot_be_valued(panel: PortfolioPanel) -> None:
    view = panel.performance
    assert view.period.currentText() == "Since start"
    larkspur = cells(view.table, "Larkspur Metals (CAD)")
    # 50,000 paid, worth 80,000: +30,000, time-weighted (80,000 / 50,000) - 1 = 60 %.
    assert (larkspur["Invested (net)"], larkspur["End value (CAD)"]) == ("50,000.00", "80,000.00")
    assert (larkspur["Gain"], larkspur["Unrealised"], larkspur["TWR"]) == (
        "30,000.00",
        "30,000.00",
        "60.0 %",
    )
    argentum = cells(view.table, "Argentum Ridge (USD)")
    assert argentum["TWR"] == ""
    assert argentum["Note"] == (
        "no USD/CAD exchange rate on or before 2025-01-02: enter a rate for USD/CAD or CAD/USD"
    )
    assert cells(view.table, "Southern Gold (CAD)")["Note"] == (
        "the buy of 2025-01-02 has no price: enter it to see returns over this period"
    )
    total = cells(view.table, "Total")
    assert total["TWR"] == "60.0 %" and total["Note"].startswith("2 holdings left out")
    assert view.total.text().startswith("Value CAD 80,000.00  ·  gain CAD +30,000.00")
    # The chart: the start, the buy day, and each close after it.
    assert view.chart.days[0].isoformat() == "2025-01-01"
    assert view.chart.values[-1] == 80000.0


def test_a_custom_period_in_us_dollars(qtbot: QtBot, panel: PortfolioPanel) -> None:
    view = panel.performance
    choose(view.period, "Custom")
    wait(qtbot, panel)
    assert view.start.isEnabled()
    view.start.setFocus()
    view.start.setSelectedSection(view.start.Section.YearSection)
    QTest.keyClicks(view.start, "2026")
    view.start.setSelectedSection(view.start.Section.MonthSection)
    QTest.keyClicks(view.start, "11")
    view.start.setSelectedSection(view.start.Section.DaySection)
    QTest.keyClicks(view.start, "01")
    QTest.keyClick(view.start, Qt.Key.Key_Return)
    wait(qtbot, panel)
    choose(view.currency, "USD")
    wait(qtbot, panel)
    assert view.period_text.text() == "custom: 2026-11-01 to 2026-11-28"
    # Larkspur from 100,000 at 0.60 = CAD 60,000 = USD 48,000 to CAD 80,000 = USD 64,000.
    larkspur = cells(view.table, "Larkspur Metals (CAD)")
    assert (larkspur["Start value (USD)"], larkspur["End value (USD)"]) == (
        "48,000.00",
        "64,000.00",
    )
    assert larkspur["TWR"] == "33.3 %"
    # Argentum from its USD 2.00 buy price (no close yet) to CAD 3.00 = USD 2.40: +20 %.
    assert cells(view.table, "Argentum Ridge (USD)")["TWR"] == "20.0 %"
    # Together: 68,000 to 88,000, +29.4 %; Southern Gold had no price on 2026-11-01.
    total = cells(view.table, "Total")
    assert (total["Start value (USD)"], total["TWR"]) == ("68,000.00", "29.4 %")
    assert cells(view.table, "Southern Gold (CAD)")["Note"] == (
        "no share price of Southern Gold (CAD) on or before 2026-11-01"
    )
