"""Edit ▸ Undo of an import is refused when another window changed what it wrote since: the
window says which record, nothing is written, and Undo is still offered."""

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, update
from sqlmodel import col

from db.session import transaction
from tests.test_capture_gui import press
from tests.test_excel_import_changes import casino, contents, watchlist
from tracker.models import Project
from ui.excel.actions import excel_actions_of, install_excel_actions
from ui.excel.import_wizard import DONE, PREVIEW
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui
__all__ = ["casino"]  # the fixture, shared with the data tests


def _undo_text(window: MainWindow) -> str:
    return window.commands.undo.text().replace("&", "")


def test_undo_is_refused_when_another_window_changed_the_import(
    qtbot: QtBot, casino: Engine, main_window: MainWindow, tmp_path: Path
) -> None:
    engine = casino
    path = watchlist(
        tmp_path / "watch.xlsx",
        ["New Gold Co", "TSXV:NGC", "Alpha", "Chile", "Au", "PEA", "PEA", datetime(2024, 5, 1),
         100, 20, 50, 5],
    )  # fmt: skip
    install_excel_actions(main_window, choose_open_file=lambda _parent, _suggested: path)
    actions = excel_actions_of(main_window)
    assert actions is not None
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
    QTest.mouseClick(wizard.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert _undo_text(main_window) == "Undo Import “watch.xlsx”"

    with transaction(engine) as session:  # another window renames the imported project
        renamed = update(Project).where(col(Project.name) == "Alpha")
        session.execute(renamed.values(name="Alpha Two"))
    edited = contents(engine)

    press(qtbot, main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: main_window.findChild(QMessageBox, "information") is not None, timeout=10_000
    )
    box = main_window.findChild(QMessageBox, "information")
    assert isinstance(box, QMessageBox)
    text = box.text()
    assert text.startswith("Nothing was changed: the database changed since the import: ")
    assert "project 'Alpha' (added by the import) was changed since: name" in text
    box.close()
    qtbot.waitUntil(lambda: main_window.gateway.pending == 0, timeout=10_000)
    assert contents(engine) == edited
    assert _undo_text(main_window) == "Undo Import “watch.xlsx”", "still offered"
    assert not main_window.commands.redo.isEnabled()
