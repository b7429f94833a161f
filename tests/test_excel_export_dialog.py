"""File ▸ Export to Excel: a default name that changes with the time, and a question before an
existing workbook is replaced."""

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from tests.test_excel_gui import StubWindow
from ui.excel.actions import ExcelActions, install_excel_actions
from ui.excel.export_dialog import ExportDialog

pytestmark = pytest.mark.gui


class Answers:
    """Answers the overwrite question, and remembers what it was asked."""

    def __init__(self, replace: bool) -> None:
        self.replace = replace
        self.asked: list[Path] = []

    def __call__(self, _parent: QWidget, path: Path) -> bool:
        self.asked.append(path)
        return self.replace


def export_dialog(
    qtbot: QtBot, engine: Engine, folder: Path, answers: Answers, when: datetime
) -> ExportDialog:
    dialog = ExportDialog(engine, folder=folder, confirm_overwrite=answers, now=lambda: when)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_default_name_carries_the_date_and_time(
    qtbot: QtBot, engine: Engine, tmp_path: Path
) -> None:
    morning = export_dialog(qtbot, engine, tmp_path, Answers(True), datetime(2026, 12, 1, 9, 5))
    afternoon = export_dialog(qtbot, engine, tmp_path, Answers(True), datetime(2026, 12, 1, 14, 32))
    assert morning.path_edit.text() == str(tmp_path / "mining-portfolio-2026-12-01-0905.xlsx")
    assert afternoon.path_edit.text() == str(tmp_path / "mining-portfolio-2026-12-01-1432.xlsx")


def test_an_existing_workbook_is_kept_when_the_user_says_no(
    qtbot: QtBot, engine: Engine, tmp_path: Path
) -> None:
    existing = tmp_path / "portfolio.xlsx"
    existing.write_bytes(b"yesterday's workbook")
    answers = Answers(replace=False)
    dialog = export_dialog(qtbot, engine, tmp_path, answers, datetime(2026, 12, 1, 14, 32))
    dialog.path_edit.clear()
    QTest.keyClicks(dialog.path_edit, str(existing))
    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert answers.asked == [existing]
    assert dialog.status.text() == (
        "Not exported: portfolio.xlsx already exists; choose another name."
    )
    assert dialog.job is None and dialog.isVisible()
    assert existing.read_bytes() == b"yesterday's workbook"


def test_an_existing_workbook_is_replaced_when_the_user_says_yes(
    qtbot: QtBot, engine: Engine, tmp_path: Path
) -> None:
    existing = tmp_path / "portfolio.xlsx"
    existing.write_bytes(b"yesterday's workbook")
    answers = Answers(replace=True)
    dialog = export_dialog(qtbot, engine, tmp_path, answers, datetime(2026, 12, 1, 14, 32))
    dialog.path_edit.clear()
    QTest.keyClicks(dialog.path_edit, str(existing))
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        # Return in the path box exports (it used to press Browse…).
        QTest.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    assert answers.asked == [existing]
    assert existing.read_bytes()[:2] == b"PK"  # an xlsx workbook is a zip file


def test_a_new_name_is_not_questioned(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    answers = Answers(replace=False)
    dialog = export_dialog(qtbot, engine, tmp_path, answers, datetime(2026, 12, 1, 14, 32))
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert answers.asked == []
    assert (tmp_path / "mining-portfolio-2026-12-01-1432.xlsx").exists()


@pytest.fixture
def window(qtbot: QtBot, engine: Engine) -> Iterator[StubWindow]:
    made = StubWindow(engine)
    qtbot.addWidget(made)
    yield made


def test_the_template_is_not_written_over_an_existing_file(
    window: StubWindow, tmp_path: Path
) -> None:
    existing = tmp_path / "mining-tracker-import.xlsx"
    existing.write_bytes(b"my own notes")
    answers = Answers(replace=False)
    install_excel_actions(
        window, choose_save_file=lambda _p, _s: existing, confirm_overwrite=answers
    )
    actions: ExcelActions = window.excel_actions  # type: ignore[attr-defined]
    actions.template_action.trigger()
    assert answers.asked == [existing]
    assert actions.template_path is None
    assert window.statusBar().currentMessage() == (
        "Template not saved: mining-tracker-import.xlsx already exists."
    )
    assert existing.read_bytes() == b"my own notes"
