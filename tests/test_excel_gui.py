"""The Excel dialogs driven as a user would: choose a file, fix a column, save a preset,
preview the problems, import; export; the File menu, shortcuts and dropped files."""

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMainWindow, QMenu, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from tests.test_excel_import import investor_workbook
from tracker.excel import importer
from tracker.excel.presets import load_presets
from tracker.models import Project
from ui.excel import import_wizard as wizard_module
from ui.excel.actions import ExcelActions, install_excel_actions
from ui.excel.export_dialog import ExportDialog
from ui.excel.import_wizard import COLUMNS, DONE, PREVIEW, ImportWizard
from ui.excel.job import ExcelJob
from ui.excel.progress import SHOW_AFTER_MS, DelayedProgress

pytestmark = pytest.mark.gui


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def projects(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(Project)).scalar_one())


@pytest.fixture
def wizard(qtbot: QtBot, engine: Engine, tmp_path: Path) -> Iterator[ImportWizard]:
    path = investor_workbook(tmp_path / "watch.xlsx")
    made = ImportWizard(
        engine, choose=lambda _parent, _suggested: path, presets_folder=tmp_path / "presets"
    )
    qtbot.addWidget(made)
    made.open()
    yield made
    made.reject()


def test_import_wizard_as_a_user_drives_it(
    qtbot: QtBot, wizard: ImportWizard, engine: Engine, tmp_path: Path
) -> None:
    browse = next(b for b in wizard.findChildren(type(wizard.next_button)) if b.text() == "Browse…")
    QTest.mouseClick(browse, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.source is not None, timeout=10_000)
    assert wizard.sheet_combo.currentText() == "Watchlist"
    assert wizard.header_spin.value() == 3

    QTest.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.page == COLUMNS
    table = wizard.columns_table
    row = next(r for r in range(table.rowCount()) if _text(table, r, 0) == "Discount rate")
    combo = table.cellWidget(row, 2)
    assert isinstance(combo, QComboBox)
    assert combo.currentData() == "study.discount_rate_pct"
    combo.setCurrentIndex(0)  # the user ignores the column ...
    assert wizard.sheet is not None
    assert all(c.field is None for c in wizard.sheet.mapping.columns if c.header == "Discount rate")
    combo.setCurrentIndex(combo.findData("study.discount_rate_pct"))  # ... and takes it back
    QTest.keyClicks(wizard.preset_name, "Watchlist layout")
    save = next(
        b for b in wizard.findChildren(type(wizard.next_button)) if b.text() == "Save preset"
    )
    QTest.mouseClick(save, Qt.MouseButton.LeftButton)
    assert [p.name for p in load_presets(tmp_path / "presets")] == ["Watchlist layout"]

    QTest.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.page == PREVIEW, timeout=10_000)
    assert wizard.problems_table.rowCount() == 3
    columns = {_text(wizard.problems_table, r, 2) for r in range(3)}
    assert columns == {"Report date", "NPV after tax (US$M)", "Commodities"}
    assert "3 rows to create" in wizard.summary_label.text()
    assert projects(engine) == 0, "the preview writes nothing"
    assert wizard.import_button.isEnabled()

    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        QTest.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    assert wizard.page == DONE
    assert "Imported" in wizard.done_label.text()
    assert projects(engine) == 3


def test_a_saved_preset_is_applied_next_time(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path
) -> None:
    wizard.open_path(tmp_path / "watch.xlsx")
    qtbot.waitUntil(lambda: wizard.source is not None, timeout=10_000)
    wizard.next()
    wizard.set_field(
        next(c.index for c in wizard.sheet.mapping.columns if c.header == "Capex"),  # type: ignore[union-attr]
        None,
    )
    wizard.preset_name.setText("No capex")
    wizard.save_preset()
    wizard.open_path(tmp_path / "watch.xlsx")
    qtbot.waitUntil(lambda: wizard.sheet is not None, timeout=10_000)
    assert wizard.preset_combo.currentText() == "No capex"
    assert wizard.sheet is not None
    assert all(c.field is None for c in wizard.sheet.mapping.columns if c.header == "Capex")


def test_a_bad_file_gets_one_message(qtbot: QtBot, wizard: ImportWizard, tmp_path: Path) -> None:
    bad = tmp_path / "notes.xlsx"
    bad.write_text("hello", encoding="utf-8")
    wizard.open_path(bad)
    qtbot.waitUntil(lambda: "not a spreadsheet" in wizard.status.text(), timeout=10_000)
    assert not wizard.next_button.isEnabled()


def test_cancel_during_import_writes_nothing(
    qtbot: QtBot,
    wizard: ImportWizard,
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wizard.open_path(tmp_path / "watch.xlsx")
    qtbot.waitUntil(lambda: wizard.source is not None, timeout=10_000)
    release = threading.Event()

    def slow_import(*args: Any, **kwargs: Any) -> object:
        release.wait(10)
        return importer.run_import(*args, **kwargs)

    monkeypatch.setattr(wizard_module, "run_import", slow_import)
    wizard.start_import()
    assert wizard.job is not None
    wizard.cancel_work()
    release.set()
    qtbot.waitUntil(lambda: wizard.job is None, timeout=10_000)
    assert "nothing was written" in wizard.status.text()
    assert projects(engine) == 0


def test_progress_appears_only_after_half_a_second(qtbot: QtBot) -> None:
    release = threading.Event()
    job = ExcelJob(lambda progress, cancelled: release.wait(10))
    progress = DelayedProgress(job, "Working", None)
    job.start()
    qtbot.wait(SHOW_AFTER_MS // 3)
    assert not progress.isVisible()
    qtbot.waitUntil(progress.isVisible, timeout=3000)
    QTest.mouseClick(_cancel_button(progress), Qt.MouseButton.LeftButton)
    assert job.cancel_requested
    release.set()
    job.wait(5000)
    qtbot.waitUntil(lambda: not progress.isVisible(), timeout=3000)


def _cancel_button(progress: DelayedProgress) -> Any:
    from PySide6.QtWidgets import QPushButton

    return next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")


class StubWindow(QMainWindow):
    """What install_excel_actions needs of a window: an engine (and optional hooks)."""

    import_requested = Signal()

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine
        self.refreshed = 0
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction("&Quit").setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))

    def refresh(self) -> None:
        self.refreshed += 1


@pytest.fixture
def window(qtbot: QtBot, engine: Engine, tmp_path: Path) -> Iterator[StubWindow]:
    made = StubWindow(engine)
    qtbot.addWidget(made)
    template = tmp_path / "template.xlsx"
    exported = tmp_path / "exported.xlsx"
    install_excel_actions(
        made,
        choose_open_file=lambda _p, _s: tmp_path / "watch.xlsx",
        choose_save_file=lambda _p, suggested: (
            template if suggested and "import" in suggested.name else exported
        ),
    )
    made.show()
    yield made
    actions: ExcelActions = made.excel_actions  # type: ignore[attr-defined]
    if actions.wizard is not None:
        actions.wizard.reject()


def test_file_menu_actions_shortcuts_and_template(window: StubWindow, tmp_path: Path) -> None:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    assert isinstance(menu, QMenu)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == [
        "&Export to Excel…",
        "&Import from Excel…",
        "Save Import &Template…",
        "&Quit",
    ]
    shortcuts = {a.text(): a.shortcut().toString() for a in menu.actions()}
    assert shortcuts["&Export to Excel…"] == "Ctrl+E"
    assert shortcuts["&Import from Excel…"] == "Ctrl+I"
    actions: ExcelActions = window.excel_actions  # type: ignore[attr-defined]
    actions.template_action.trigger()
    assert (tmp_path / "template.xlsx").exists()


def test_export_dialog_writes_the_workbook(
    qtbot: QtBot, window: StubWindow, tmp_path: Path
) -> None:
    actions: ExcelActions = window.excel_actions  # type: ignore[attr-defined]
    actions.export_action.trigger()
    dialog = actions.export_dialog
    assert isinstance(dialog, ExportDialog)
    browse = next(
        b for b in dialog.findChildren(type(dialog.export_button)) if b.text() == "Browse…"
    )
    QTest.mouseClick(browse, Qt.MouseButton.LeftButton)
    assert dialog.path_edit.text() == str(tmp_path / "exported.xlsx")
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "exported.xlsx").exists()


def test_dropping_a_spreadsheet_opens_the_wizard_and_import_refreshes(
    qtbot: QtBot, window: StubWindow, engine: Engine, tmp_path: Path
) -> None:
    path = investor_workbook(tmp_path / "watch.xlsx")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(QPoint(10, 10)),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    actions: ExcelActions = window.excel_actions  # type: ignore[attr-defined]
    wizard = actions.wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.source is not None, timeout=10_000)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.page == PREVIEW, timeout=10_000)
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.start_import()
    assert window.refreshed == 1
    assert projects(engine) == 3


def test_the_windows_own_import_request_opens_the_wizard(window: StubWindow) -> None:
    window.import_requested.emit()
    actions: ExcelActions = window.excel_actions  # type: ignore[attr-defined]
    assert actions.wizard is not None and actions.wizard.isVisible()


def test_the_preview_names_the_total_row_it_leaves_out_and_the_fractions_it_read(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path
) -> None:
    wizard.open_path(tmp_path / "watch.xlsx")
    qtbot.waitUntil(lambda: wizard.source is not None, timeout=10_000)
    QTest.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.page == PREVIEW, timeout=10_000)
    summary = wizard.summary_label.text()
    assert "note: Watchlist!8 'Total': is a total row: left out" in summary
    assert "note: Watchlist!4 [Discount rate] 0.08: has no % format" in summary
