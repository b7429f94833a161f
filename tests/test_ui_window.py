"""The window around the lists: welcome, demo, search, sorting, layout memory, errors, files."""

import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session

from tests.domain_factories import add_company, add_project
from tracker.models import Study
from tracker.services.studies import create_study
from ui.errors import ErrorDialog, install_excepthook
from ui.forms.base import RecordForm
from ui.forms.commodity_form import CommodityForm
from ui.forms.company_form import CompanyForm
from ui.forms.project_form import ProjectForm
from ui.main_window import MainWindow
from ui.theme import Scheme, is_dark

pytestmark = [
    pytest.mark.gui,
    # Typing in a picker pops up its list of matches; the offscreen test platform has no window
    # manager to raise the popup or grab the keyboard for it, and says so.
    pytest.mark.qt_log_ignore(
        "This plugin does not support raise", "This plugin does not support grabbing"
    ),
]
F = TypeVar("F", bound=RecordForm)


def wait_loaded(qtbot: QtBot, window: MainWindow, key: str) -> None:
    section = window.show_section(key)
    qtbot.waitUntil(lambda: section.complete, timeout=10000)


def visible_boxes(window: MainWindow, name: str) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox, name) if box.isVisible()]


def message_box(window: MainWindow, name: str) -> QMessageBox:
    found = visible_boxes(window, name)
    assert len(found) == 1, f"{len(found)} message boxes named {name}"
    return found[0]


def open_form(qtbot: QtBot, window: MainWindow, kind: type[F]) -> F:
    """The one form of ``kind`` shown; a form opens once its values are read off the GUI
    thread, so this waits for it."""

    def shown() -> list[F]:
        return [form for form in window.findChildren(kind) if form.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=10_000)
    found = shown()
    assert len(found) == 1, f"{len(found)} {kind.__name__} open"
    return found[0]


def project_names(window: MainWindow) -> list[str]:
    model = window.sections["projects"].model
    return [model.row_at(row).name for row in range(model.rowCount())]


def test_every_list_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, demo: Engine, main_window: MainWindow
) -> None:
    """Each model is checked as loaded, then watched while it is sorted, filtered and reloaded."""
    for key, section in main_window.sections.items():
        wait_loaded(qtbot, main_window, key)
        assert section.model.rowCount() > 0, key
        qtmodeltester.check(section.model, force_py=True)  # type: ignore[no-untyped-call]
        section.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        section.filters.search.setText("a")
        section.filters.search.setText("an")
        section.filters.clear()
        section.reload()
        wait_loaded(qtbot, main_window, key)


def test_an_empty_database_welcomes_and_the_demo_fills_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    window = main_window
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.welcome)
    QTest.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    box = message_box(window, "information")
    assert box.text() == "Excel import is not available yet."
    box.close()

    QTest.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.body, timeout=10000)
    projects = window.sections["projects"]
    qtbot.waitUntil(lambda: projects.model.rowCount() >= 10, timeout=10000)
    qtbot.waitUntil(lambda: "companies" in window.count_label.text())
    assert "test database" in window.database_label.text()


def test_import_goes_to_whoever_connected(qtbot: QtBot, main_window: MainWindow) -> None:
    asked: list[bool] = []
    main_window.import_requested.connect(lambda: asked.append(True))
    main_window.commands.import_excel.trigger()
    assert asked == [True]
    assert not [box for box in main_window.findChildren(QMessageBox) if box.isVisible()]


def test_ctrl_f_then_typing_filters_as_you_type(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    wait_loaded(qtbot, main_window, "projects")
    section = main_window.sections["projects"]
    total = section.model.rowCount()
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    QTest.keyClick(section.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert section.filters.search.hasFocus()
    QTest.keyClicks(section.filters.search, "nev")
    shown = [section.model.row_at(r) for r in range(section.model.rowCount())]
    assert 0 < len(shown) < total
    assert all("nev" in f"{r.name} {r.region} {r.country}".lower() for r in shown)
    assert "of" in section.count.text()
    QTest.mouseClick(section.filters.clear_button, Qt.MouseButton.LeftButton)
    assert section.model.rowCount() == total


def test_sorting_uses_the_numbers_not_the_text(
    qtbot: QtBot, engine: Engine, session: Session, main_window: MainWindow
) -> None:
    company = add_company(session, "Sorter Co")
    project = add_project(session, "Sort Hill", owners=[(company, "100", True)])
    for npv in ("9000000", "100000000", "20000000", None):
        create_study(
            session,
            Study(
                project_id=project.id or 0,
                study_type="PEA/scoping",
                title=f"NPV {npv}",
                after_tax_npv=Decimal(npv) if npv else None,
                discount_rate_pct=Decimal(5) if npv else None,
            ),
        )
    session.commit()
    main_window.refresh()
    wait_loaded(qtbot, main_window, "studies")
    section = main_window.sections["studies"]
    qtbot.waitUntil(lambda: section.model.rowCount() == 4)
    column = section.spec.table.headers.index("After-tax NPV")
    header = section.view.horizontalHeader()
    QTest.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2),
    )
    values = [section.model.row_at(r).after_tax_npv for r in range(4)]
    ascending = [Decimal(9_000_000), Decimal(20_000_000), Decimal(100_000_000), None]
    descending = [Decimal(100_000_000), Decimal(20_000_000), Decimal(9_000_000), None]
    assert values in (ascending, descending)
    section.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert [section.model.row_at(r).after_tax_npv for r in range(4)] == ascending
    texts = [section.model.index(r, column).data() for r in range(3)]
    assert texts == ["USD 9.0 M", "USD 20.0 M", "USD 100.0 M"]


def test_the_window_remembers_its_size_splitters_and_columns(
    qtbot: QtBot, engine: Engine, gui_settings: Path, no_leaks: None
) -> None:
    first = MainWindow(engine, "memory")
    first.show()
    qtbot.waitExposed(first)
    first.resize(760, 560)
    section = first.sections["projects"]
    section.splitter.setSizes([500, 300])
    header = section.view.horizontalHeader()
    header.resizeSection(0, 333)
    header.moveSection(1, 3)
    first.close()
    first.deleteLater()

    second = MainWindow(engine, "memory")
    second.show()
    qtbot.waitExposed(second)
    try:
        assert (second.width(), second.height()) == (760, 560)
        again = second.sections["projects"]
        assert again.view.horizontalHeader().sectionSize(0) == 333
        assert again.view.horizontalHeader().visualIndex(1) == 3
        assert again.splitter.sizes()[0] == section.splitter.sizes()[0]
        assert QSettings().fileName().startswith(str(gui_settings))
    finally:
        second.close()
        second.deleteLater()


def test_an_unexpected_error_shows_its_details_and_copies_them(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    try:
        raise RuntimeError("the flux capacitor broke")
    except RuntimeError as error:
        main_window.report_error(error)
    dialogs = [d for d in main_window.findChildren(ErrorDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert "the flux capacitor broke" in dialog.details.toPlainText()
    assert "Traceback" in dialog.details.toPlainText()
    QTest.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None and "flux capacitor" in clipboard.text()
    dialog.close()


def test_open_and_create_databases_from_the_file_menu(
    qtbot: QtBot, tmp_path: Path, main_window: MainWindow
) -> None:
    window = main_window
    created = tmp_path / "second.sqlite3"
    window.choose_new_path = lambda chosen: chosen(str(created))
    window.commands.new_database.trigger()
    qtbot.waitUntil(lambda: str(created) in window.database_label.text())
    assert created.exists()
    assert window.windowTitle().startswith("second.sqlite3")
    window.commands.new_record["company"].trigger()
    form = open_form(qtbot, window, CompanyForm)
    form.close()

    window.commands.recent_menu.aboutToShow.emit()
    recent = [action.text() for action in window.commands.recent_menu.actions()]
    assert recent == [str(created)]

    broken = tmp_path / "not-a-database.sqlite3"
    broken.write_text("this is not SQLite")
    window.choose_open_path = lambda chosen: chosen(str(broken))
    window.commands.open_database.trigger()
    qtbot.waitUntil(lambda: bool(visible_boxes(window, "information")))
    box = message_box(window, "information")
    assert box.windowTitle() == "Cannot open the database"
    box.close()
    assert str(created) in window.database_label.text(), "the open database stays"


def test_links_open_in_the_browser_and_names_lead_to_their_record(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    opened: list[QUrl] = []
    main_window.open_url = opened.append
    wait_loaded(qtbot, main_window, "projects")
    section = main_window.sections["projects"]
    qtbot.waitUntil(lambda: "Owners" in section.detail.toPlainText())
    section.detail.anchorClicked.emit(QUrl("https://example.com/report.pdf"))
    assert opened == [QUrl("https://example.com/report.pdf")]

    row = section.model.row_at(0)
    body = section.detail.body
    start = body.index('href="company:') + len('href="company:')
    company_id = int(body[start : body.index('"', start)])
    section.detail.anchorClicked.emit(QUrl(f"company:{company_id}"))
    companies = main_window.sections["companies"]
    qtbot.waitUntil(lambda: companies.current_id() == company_id, timeout=10000)
    assert main_window.current_section is companies
    assert row.company is not None
    # The page is read off the GUI thread: it lands a moment after the row is selected.
    qtbot.waitUntil(lambda: row.company in companies.detail.toPlainText())


@pytest.fixture
def dark(qapp: QApplication, main_window: MainWindow) -> Iterator[MainWindow]:
    main_window.set_scheme(Scheme.DARK)
    yield main_window
    main_window.set_scheme(Scheme.SYSTEM)


def test_the_dark_scheme_recolours_the_window_and_its_details(
    qtbot: QtBot, demo: Engine, dark: MainWindow
) -> None:
    assert is_dark(QGuiApplication.palette())
    wait_loaded(qtbot, dark, "projects")
    detail = dark.sections["projects"].detail
    assert detail.palette().color(QPalette.ColorRole.Base).lightness() < 100
    assert "#e3e6e8" in detail.document().defaultStyleSheet()


def test_undo_and_redo_an_edit_from_the_edit_menu(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    wait_loaded(qtbot, main_window, "projects")
    section = main_window.sections["projects"]
    first = section.model.row_at(0)
    section.select_id(first.id)
    main_window.commands.open.trigger()
    form = open_form(qtbot, main_window, ProjectForm)
    form.name.setText("Renamed Project")
    QTest.keyClick(form.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Renamed Project" in project_names(main_window))
    assert first.name not in project_names(main_window)
    assert (
        main_window.commands.undo.text().replace("&", "") == "Undo Edit project “Renamed Project”"
    )
    main_window.commands.undo.trigger()
    qtbot.waitUntil(lambda: first.name in project_names(main_window))
    main_window.commands.redo.trigger()
    qtbot.waitUntil(lambda: "Renamed Project" in project_names(main_window))


def test_deleting_a_company_says_what_goes_with_it(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    wait_loaded(qtbot, main_window, "companies")
    section = main_window.sections["companies"]
    busy = max(range(section.model.rowCount()), key=lambda r: section.model.row_at(r).project_count)
    section.select_id(section.model.id_at(busy))
    main_window.commands.delete.trigger()
    qtbot.waitUntil(lambda: bool(visible_boxes(main_window, "confirm_delete")))
    box = message_box(main_window, "confirm_delete")
    assert "This also deletes its interest in" in box.informativeText()
    assert "Ctrl+Z" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert section.model.rowCount() > busy


def test_tab_goes_from_the_search_to_the_filters_the_list_and_the_details(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    section = main_window.sections["projects"]
    chain: list[QWidget] = []
    widget: QWidget | None = section.filters.search
    for _ in range(40):
        if widget is None:
            break
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    order = [w for w in chain if w in (section.filters.search, section.view, section.detail)]
    assert order[:3] == [section.filters.search, section.view, section.detail]
    assert chain.index(section.filters.combos["commodity"]) < chain.index(section.view)


def test_charts_and_excel_are_not_imported_at_startup() -> None:
    code = (
        "import sys; import ui.app, ui.main_window; "
        "print('pyqtgraph' in sys.modules, 'openpyxl' in sys.modules, 'alembic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split() == ["False", "False", "False"]


def test_an_edit_updates_its_row_in_place(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    wait_loaded(qtbot, main_window, "projects")
    section = main_window.sections["projects"]
    resets: list[bool] = []
    changed: list[int] = []
    section.model.modelReset.connect(lambda: resets.append(True))
    section.model.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))
    row = section.model.rowCount() - 1
    section.select_id(section.model.id_at(row))
    main_window.commands.open.trigger()
    form = open_form(qtbot, main_window, ProjectForm)
    form.region.setText("Somewhere Else")
    form.request_save()
    qtbot.waitUntil(lambda: section.model.row_at(row).region == "Somewhere Else")
    assert changed == [row]
    assert resets == [], "the list is not reset for one changed row"


def test_a_commodity_is_created_from_the_picker(qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.commands.new_record["project"].trigger()
    form = open_form(qtbot, main_window, ProjectForm)
    QTest.keyClicks(form.commodities.adder.line, "Gallium")
    assert form.commodities.adder.create_button.isVisible()
    QTest.mouseClick(form.commodities.adder.create_button, Qt.MouseButton.LeftButton)
    commodity_form = open_form(qtbot, main_window, CommodityForm)
    assert commodity_form.name.text() == "Gallium"
    QTest.keyClicks(commodity_form.symbol, "Ga")
    commodity_form.unit.setCurrentIndex(commodity_form.unit.findData("kg"))
    commodity_form.request_save()
    qtbot.waitUntil(lambda: form.commodities.symbols() == ["Ga"])
    form.close()


def test_the_crash_handler_shows_uncaught_errors(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(lambda: main_window)
    try:
        raise ValueError("nobody expected this")
    except ValueError as error:
        sys.excepthook(ValueError, error, error.__traceback__)
    dialog = next(d for d in main_window.findChildren(ErrorDialog) if d.isVisible())
    assert "nobody expected this" in dialog.details.toPlainText()
    dialog.close()


def test_export_takes_what_the_filter_shows(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    wait_loaded(qtbot, main_window, "projects")
    section = main_window.sections["projects"]
    assert main_window.current_selection().projects is None
    section.filters.search.setText("nevada")
    shown = frozenset(section.model.id_at(row) for row in range(section.model.rowCount()))
    assert main_window.current_selection().projects == shown


def test_the_portfolio_page_embeds_the_portfolio_panel(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    main_window.commands.show_section["portfolio"].trigger()
    assert main_window.current_section is None
    # Built once its modules are imported on the database thread.
    qtbot.waitUntil(lambda: main_window.portfolio.panel is not None, timeout=10000)
    assert main_window.commands.new.text() == "New &Holding…"


def test_asking_to_import_early_installs_the_import_first(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    asked: list[bool] = []

    def install() -> None:
        main_window.import_requested.connect(lambda: asked.append(True))

    main_window.install_excel = install
    main_window.request_import()
    assert asked == [True]
