"""Switching the reporting currency from the tool bar, as a user does, converts the lists; the
cells say which rate and date converted them; undo puts the currency back."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session

from tracker.services.settings import reporting_currency
from ui.main_window import MainWindow
from ui.sections.section import Section

pytestmark = pytest.mark.gui


def loaded(qtbot: QtBot, window: MainWindow, key: str) -> Section:
    section = window.show_section(key)
    qtbot.waitUntil(lambda: section.complete, timeout=15000)
    return section


def cells(section: Section, name: str, header: str) -> tuple[str, str]:
    """The text and tooltip of the named row's cell under ``header``."""
    model = section.model
    column = section.spec.table.headers.index(header)
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name or model.index(row, 1).data() == name:
            index = model.index(row, column)
            return index.data(), index.data(Qt.ItemDataRole.ToolTipRole)
    raise AssertionError(f"no row {name}")


def type_currency(window: MainWindow, text: str) -> None:
    """View ▸ Reporting Currency… puts the keyboard in the box; type a code and Enter."""
    window.commands.reporting_currency.trigger()
    combo = window.reporting.combo
    assert combo.hasFocus()
    line = combo.lineEdit()
    assert line is not None
    QTest.keyClicks(line, text)
    QTest.keyClick(line, Qt.Key.Key_Return)


def test_the_lists_show_money_in_the_reporting_currency_with_its_rate(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    qtbot.waitUntil(lambda: main_window.reporting.current == "CAD")
    projects = loaded(qtbot, main_window, "projects")
    # DeLamar's 2025 FS: US$774 M and US$389 M capex at the demo's 1.39 CAD per USD.
    assert cells(projects, "DeLamar", "NPV (reporting)") == (
        "CAD 1,075.9 M",
        "1 USD = 1.3900 CAD on 2025-12-31",
    )
    assert cells(projects, "DeLamar", "Capex (reporting)")[0] == "CAD 540.7 M"
    assert cells(projects, "DeLamar", "FX rate")[0] == "1.3900 USD/CAD, 2025-12-31"
    # A CAD study needs no rate; an AUD one uses AUD/CAD (507 M x 0.90).
    assert cells(projects, "Davidson", "NPV (reporting)")[0] == "CAD 1,034.0 M"
    assert cells(projects, "Davidson", "FX rate")[0] == ""
    assert cells(projects, "Kathleen Valley", "NPV (reporting)")[0] == "CAD 456.3 M"

    type_currency(main_window, "usd")
    qtbot.waitUntil(lambda: main_window.reporting.current == "USD")
    projects = loaded(qtbot, main_window, "projects")
    qtbot.waitUntil(lambda: cells(projects, "DeLamar", "NPV (reporting)")[0] == "USD 774.0 M")
    # 1,034 M / 1.39 = 743.88 M; AUD 507 M x 0.6475 USD per AUD = 328.28 M.
    assert cells(projects, "Davidson", "NPV (reporting)") == (
        "USD 743.9 M",
        "1 CAD = 0.7194 USD (inverse of USD/CAD) on 2025-12-31",
    )
    assert cells(projects, "Kathleen Valley", "NPV (reporting)")[0] == "USD 328.3 M"
    studies = loaded(qtbot, main_window, "studies")
    qtbot.waitUntil(lambda: cells(studies, "DeLamar", "NPV (reporting)")[0].startswith("USD"))
    with Session(demo) as session:
        assert reporting_currency(session) == "USD"
    deals = loaded(qtbot, main_window, "deals")
    consideration = deals.spec.table.headers.index("Consideration")
    reporting = deals.spec.table.headers.index("Consideration (reporting)")
    header = deals.view.horizontalHeader()
    assert header.visualIndex(reporting) == header.visualIndex(consideration) + 1

    main_window.commands.undo.trigger()
    qtbot.waitUntil(lambda: main_window.reporting.current == "CAD")
    projects = loaded(qtbot, main_window, "projects")
    qtbot.waitUntil(lambda: cells(projects, "DeLamar", "NPV (reporting)")[0] == "CAD 1,075.9 M")
    assert main_window.reporting.combo.currentText() == "CAD"
    with Session(demo) as session:
        assert reporting_currency(session) == "CAD"
    main_window.commands.redo.trigger()
    qtbot.waitUntil(lambda: main_window.reporting.current == "USD")


def test_a_code_that_is_no_currency_is_refused_at_the_box_and_kept(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    qtbot.waitUntil(lambda: main_window.reporting.current == "CAD")
    main_window.reporting.combo.setCurrentText("")
    type_currency(main_window, "XYZ")
    problem = main_window.reporting.problem
    qtbot.waitUntil(lambda: not problem.isHidden())
    assert problem.text() == "XYZ is not an ISO 4217 currency code (e.g. USD, CAD)"
    assert main_window.reporting.combo.currentText() == "XYZ"
    assert main_window.undo_stack.count() == 0
    with Session(demo) as session:
        assert reporting_currency(session) == "CAD"


def test_a_study_without_a_rate_says_so_in_its_cell(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    qtbot.waitUntil(lambda: main_window.reporting.current == "CAD")
    type_currency(main_window, "EUR")
    qtbot.waitUntil(lambda: main_window.reporting.current == "EUR")
    studies = loaded(qtbot, main_window, "studies")
    qtbot.waitUntil(lambda: cells(studies, "DeLamar", "FX rate")[0] == "no USD/EUR rate")
    text, tip = cells(studies, "DeLamar", "NPV (reporting)")
    assert text == "no USD/EUR rate"
    assert tip.startswith("no USD/EUR exchange rate on or before ")


def test_a_new_database_reports_in_usd_until_the_demo_chooses_cad(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    qtbot.waitUntil(lambda: main_window.reporting.current == "USD")
    assert main_window.reporting.combo.currentText() == "USD"
    main_window.commands.load_demo.trigger()
    qtbot.waitUntil(lambda: main_window.reporting.current == "CAD", timeout=20000)
    assert main_window.reporting.combo.currentText() == "CAD"
