"""The import wizard's mapping as a user edits it: a column mapped by hand, a default typed in,
both saved as a preset and applied next time; the preview's problems with their fixes."""

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.test_import_options import watchlist
from tracker.excel.presets import load_presets
from tracker.models import Project, Study
from ui.excel.import_wizard import COLUMNS, DONE, PREVIEW, ImportWizard

pytestmark = pytest.mark.gui


def text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def rows(table: QTableWidget) -> list[list[str]]:
    columns = range(table.columnCount())
    return [[text(table, r, c) for c in columns] for r in range(table.rowCount())]


@pytest.fixture
def wizard(qtbot: QtBot, engine: Engine, tmp_path: Path) -> Iterator[ImportWizard]:
    path = watchlist(tmp_path / "watch.xlsx")
    made = ImportWizard(
        engine, choose=lambda _parent, _suggested: path, presets_folder=tmp_path / "presets"
    )
    qtbot.addWidget(made)
    made.open()
    yield made
    made.reject()


def open_file(qtbot: QtBot, wizard: ImportWizard) -> None:
    browse = next(b for b in wizard.findChildren(type(wizard.next_button)) if b.text() == "Browse…")
    QTest.mouseClick(browse, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.sheet is not None, timeout=10_000)


def mapping_combo(wizard: ImportWizard, header: str) -> QComboBox:
    table = wizard.columns_table
    row = next(r for r in range(table.rowCount()) if text(table, r, 0) == header)
    combo = table.cellWidget(row, 2)
    assert isinstance(combo, QComboBox)
    return combo


def test_a_mapping_and_a_default_made_by_hand_import_and_come_back_as_a_preset(
    qtbot: QtBot, wizard: ImportWizard, engine: Engine, tmp_path: Path
) -> None:
    open_file(qtbot, wizard)
    QTest.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.page == COLUMNS
    latest = mapping_combo(wizard, "Latest study")
    assert latest.currentData() == "study.study_type", "recognised by its values (PFS, PEA)"
    latest.setCurrentIndex(latest.findText("(ignore)"))
    assert latest.currentData() is None
    latest.setCurrentIndex(latest.findData("study.study_type"))

    editor = wizard.defaults_editor
    assert editor.field_combo.currentText() == "Study: Discount rate (%)"
    QTest.keyClicks(editor.value_edit, "lots")
    QTest.keyClick(editor.value_edit, Qt.Key.Key_Return)
    assert editor.error.text() == (
        "The default for Study: Discount rate (%), 'lots', is not a number."
    )
    assert editor.value_edit.text() == "lots", "what was typed stays to be corrected"
    assert editor.table.rowCount() == 0
    editor.value_edit.selectAll()
    QTest.keyClicks(editor.value_edit, "8")
    QTest.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.error.text() == ""
    assert rows(editor.table) == [["Study: Discount rate (%)", "8"]]

    QTest.keyClicks(wizard.preset_name, "My juniors")
    buttons = wizard.findChildren(type(wizard.next_button))
    save = next(b for b in buttons if b.text() == "Save preset")
    QTest.mouseClick(save, Qt.MouseButton.LeftButton)
    (preset,) = load_presets(tmp_path / "presets")
    assert preset.columns["Latest study"] == "study.study_type"
    assert preset.defaults == {"study.discount_rate_pct": "8"}

    QTest.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.page == PREVIEW, timeout=10_000)
    assert wizard.problems_table.rowCount() == 0
    assert wizard.summary_label.text().startswith("Ready to import: 3 rows to create")
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        QTest.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    assert wizard.page == DONE
    with Session(engine) as session:
        rates = sorted((s.study_type, s.discount_rate_pct) for s in session.exec(select(Study)))
        assert rates == [("PEA/scoping", Decimal(8)), ("PFS", Decimal(8))]

    # The same file again: the preset fits, so its mapping and default are back.
    wizard.open_path(tmp_path / "watch.xlsx")
    qtbot.waitUntil(lambda: wizard.sheet is not None, timeout=10_000)
    assert wizard.preset_combo.currentText() == "My juniors"
    QTest.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert mapping_combo(wizard, "Latest study").currentData() == "study.study_type"
    assert rows(wizard.defaults_editor.table) == [["Study: Discount rate (%)", "8"]]
    editor = wizard.defaults_editor
    editor.table.selectRow(0)
    QTest.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert wizard.sheet is not None and wizard.sheet.mapping.defaults == {}


def test_the_preview_lists_each_problem_with_its_fix_and_keeps_the_projects(
    qtbot: QtBot, wizard: ImportWizard, engine: Engine
) -> None:
    open_file(qtbot, wizard)
    QTest.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    latest = mapping_combo(wizard, "Latest study")
    latest.setCurrentIndex(latest.findText("(ignore)"))  # left out by hand
    QTest.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.page == PREVIEW, timeout=10_000)
    fix = "column 'Latest study' looks like the study type: map it"
    problem = ["Type (no column)", "", "is required to import the study's figures", fix]
    assert rows(wizard.problems_table) == [
        ["Watchlist", "4", *problem],
        ["Watchlist", "5", *problem],
    ]
    assert [r[2:] for r in rows(wizard.rows_table)] == [
        ["Project Davidson; its study left out", "create"],
        ["Project Silver Spur; its study left out", "create"],
        ["Project El Alto", "create"],
    ]
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        QTest.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    assert "imported without a part that has a problem: 2 rows" in wizard.done_label.text()
    with Session(engine) as session:
        assert len(session.exec(select(Project)).all()) == 3
        assert session.exec(select(Study)).all() == []
