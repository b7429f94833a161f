"""An import from the wizard is one step of Edit ▸ Undo: undo puts every table back as it was,
redo writes the import again; driven from the main window as a user would."""

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from tests.test_capture_gui import press
from tests.test_excel_import_changes import casino, casino_row, contents, watchlist
from ui.excel.actions import excel_actions_of, install_excel_actions
from ui.excel.import_wizard import DONE, PREVIEW
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui
__all__ = ["casino"]  # the fixture, shared with the data tests
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def _edit_menu_text(window: MainWindow, which: str) -> str:
    action = window.commands.undo if which == "undo" else window.commands.redo
    return action.text().replace("&", "")


def test_an_import_is_undone_and_redone_from_the_edit_menu(
    qtbot: QtBot, casino: Engine, main_window: MainWindow, tmp_path: Path
) -> None:
    engine = casino
    path = watchlist(
        tmp_path / "watch.xlsx",
        casino_row(**{"Commodities": "Zn, Cu", "IRR (%)": 20}),
        ["New Gold Co", "TSXV:NGC", "Alpha", "Chile", "Au", "PEA", "PEA", datetime(2024, 5, 1),
         100, 20, 50, 5],
    )  # fmt: skip
    install_excel_actions(main_window, choose_open_file=lambda _parent, _suggested: path)
    actions = excel_actions_of(main_window)
    assert actions is not None
    before = contents(engine)

    QTest.keyClick(main_window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    wizard = actions.wizard
    assert wizard is not None
    qtbot.waitUntil(wizard.isVisible)
    wizard.open_path(path)
    qtbot.waitUntil(lambda: wizard.source is not None, timeout=10_000)
    QTest.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # the columns
    QTest.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # the preview
    qtbot.waitUntil(lambda: wizard.page == PREVIEW and wizard.job is None, timeout=10_000)
    tabs = wizard.preview_tabs
    assert tabs.tabText(tabs.currentIndex()) == "Updates (2)", "what the import changes, first"
    table = wizard.changes_table
    shown = [tuple(_text(table, r, c) for c in range(4)) for r in range(table.rowCount())]
    assert ("Project Casino", "Commodities", "Cu, Au, Mo, Ag", "Zn, Cu, Au, Mo, Ag") in shown
    study = "Study Casino Feasibility Study 2022 (Casino)"
    assert (study, "After-tax IRR (%)", "18.1 %", "20.0 %") in shown
    assert not tabs.isTabVisible(2), "no Removals tab: an investor's sheet removes nothing"
    QTest.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.page == DONE, timeout=10_000)
    after = contents(engine)
    assert len(after["project"]) == 2 and len(after["study"]) == 2
    assert len(after["project_commodity"]) == 6
    QTest.mouseClick(wizard.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())

    assert _edit_menu_text(main_window, "undo") == "Undo Import “watch.xlsx”"
    assert "Edit ▸ Undo (Ctrl+Z) takes the whole import back" in (
        main_window.statusBar().currentMessage()
    )
    press(qtbot, main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: contents(engine) == before, timeout=10_000)
    qtbot.waitUntil(lambda: "undone" in main_window.statusBar().currentMessage(), timeout=10_000)
    assert _edit_menu_text(main_window, "redo") == "Redo Import “watch.xlsx”"

    press(qtbot, main_window, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.waitUntil(lambda: contents(engine) == after, timeout=10_000)
    qtbot.waitUntil(lambda: main_window.gateway.pending == 0, timeout=10_000)


def test_the_preview_of_our_own_workbook_opens_on_its_removals(
    qtbot: QtBot, casino: Engine, tmp_path: Path
) -> None:
    from db.session import transaction
    from tracker.excel.export import export_workbook
    from tracker.services.commodities import resolve_commodities, set_project_commodities
    from ui.excel.import_wizard import ImportWizard

    path = tmp_path / "ours.xlsx"
    export_workbook(casino, path)
    with transaction(casino) as session:  # Zn after the export: the workbook takes it away
        ids, _problems = resolve_commodities(session, ["Cu", "Au", "Mo", "Ag", "Zn"])
        set_project_commodities(session, 1, ids)
    wizard = ImportWizard(casino, choose=lambda _parent, _suggested: path)
    qtbot.addWidget(wizard)
    wizard.open()
    wizard.open_path(path)
    qtbot.waitUntil(lambda: wizard.source is not None, timeout=10_000)
    # Next at once, while the reading job is still being let go of: this crashed the process
    # in about half the runs (SIGSEGV in ~QObject) until the wizard stopped connecting lambdas
    # to its jobs' signals.
    QTest.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # all sheets: the preview
    qtbot.waitUntil(lambda: wizard.page == PREVIEW and wizard.job is None, timeout=10_000)
    tabs = wizard.preview_tabs
    assert tabs.tabText(tabs.currentIndex()) == "Removals (1)"
    table = wizard.removals_table
    assert [(_text(table, r, 0), _text(table, r, 1)) for r in range(table.rowCount())] == [
        ("Project Casino", "commodity Zn")
    ]
    assert "1 removal to make" in wizard.summary_label.text()
