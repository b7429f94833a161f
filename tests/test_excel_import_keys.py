"""The import wizard's File box from the keyboard: Return and Tab read the file typed, and
neither opens the Browse dialog."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from tests.test_excel_import import investor_workbook
from ui.excel.import_wizard import FILE, ImportWizard

pytestmark = pytest.mark.gui


@pytest.fixture
def browsed() -> list[Path | None]:
    return []


@pytest.fixture
def wizard(
    qtbot: QtBot, engine: Engine, tmp_path: Path, browsed: list[Path | None]
) -> Iterator[ImportWizard]:
    def choose(_parent: QWidget, suggested: Path | None) -> Path | None:
        browsed.append(suggested)
        return None

    made = ImportWizard(engine, choose=choose, presets_folder=tmp_path / "presets")
    qtbot.addWidget(made)
    made.open()
    qtbot.waitExposed(made)
    yield made
    made.reject()


def type_path(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    wizard.path_edit.setFocus()
    qtbot.waitUntil(wizard.path_edit.hasFocus)
    QTest.keyClicks(wizard.path_edit, str(path))


def test_return_in_the_file_box_reads_the_file_and_does_not_browse(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path, browsed: list[Path | None]
) -> None:
    path = investor_workbook(tmp_path / "watch.xlsx")
    type_path(qtbot, wizard, path)
    QTest.keyClick(wizard.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.source is not None, timeout=10_000)
    assert browsed == []
    assert wizard.page == FILE
    assert wizard.sheet_combo.currentText() == "Watchlist"
    assert wizard.next_button.isEnabled()


def test_tab_after_typing_a_path_reads_the_sheets(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path, browsed: list[Path | None]
) -> None:
    path = investor_workbook(tmp_path / "watch.xlsx")
    type_path(qtbot, wizard, path)
    QTest.keyClick(wizard.path_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: wizard.source is not None, timeout=10_000)
    assert not wizard.path_edit.hasFocus()
    assert wizard.sheet_combo.currentText() == "Watchlist"
    assert browsed == []
    read = wizard.source
    # Coming back and leaving again without a change does not read the file a second time.
    wizard.path_edit.setFocus()
    qtbot.waitUntil(wizard.path_edit.hasFocus)
    QTest.keyClick(wizard.path_edit, Qt.Key.Key_Tab)
    assert wizard.source is read and wizard.job is None


def test_a_missing_file_typed_says_so(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path, browsed: list[Path | None]
) -> None:
    type_path(qtbot, wizard, tmp_path / "nowhere.xlsx")
    QTest.keyClick(wizard.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: wizard.job is None and "nowhere" in wizard.status.text(), timeout=10_000
    )
    assert wizard.source is None
    assert browsed == []
    assert not wizard.next_button.isEnabled()
