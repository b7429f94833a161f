"""An import from the wizard is one step of Edit ▸ Undo: undo puts every table back as it was,
redo writes the import again; driven from the main window as a user would."""

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from tests.test_capture_gui import press
from tests.test_excel_import_changes import casino_row, contents, watchlist
from ui.excel.actions import excel_actions_of, install_excel_actions
from ui.excel.import_wizard import DONE, PREVIEW
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _edit_menu_text(window: MainWindow, which: str) -> str:
    action = window.commands.undo if which == "undo" else window.commands.redo
    return action.text().replace("&", "")


def test_an_import_is_undone_and_redone_from_the_edit_menu(
    qtbot: QtBot, main_window: MainWindow, engine: Engine, tmp_path: Path
) -> None:
    path = watchlist(
        tmp_path / "watch.xlsx",
        casino_row(),
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
    QTest.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.page == DONE, timeout=10_000)
    after = contents(engine)
    assert len(after["project"]) == 2 and len(after["study"]) == 2
    QTest.mouseClick(wizard.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())

    assert _edit_menu_text(main_window, "undo") == "Undo Import “watch.xlsx”"
    press(qtbot, main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: contents(engine) == before, timeout=10_000)
    qtbot.waitUntil(lambda: "undone" in main_window.statusBar().currentMessage(), timeout=10_000)
    assert _edit_menu_text(main_window, "redo") == "Redo Import “watch.xlsx”"

    press(qtbot, main_window, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.waitUntil(lambda: contents(engine) == after, timeout=10_000)
    qtbot.waitUntil(lambda: main_window.writes.pending == 0, timeout=10_000)
