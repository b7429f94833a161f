"""The lists as a user works them: right-click menus on the header and rows, search, columns."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session

from tests.domain_factories import add_company, add_project
from tests.test_ui_editing import open_form
from tracker.demo import demo_data
from tracker.lists.search import listed_rows
from ui.forms.project_form import ProjectForm
from ui.main_window import MainWindow
from ui.sections.section import Section

pytestmark = [
    pytest.mark.gui,
    # A context menu is a popup: the offscreen platform cannot grab the mouse for it.
    pytest.mark.qt_log_ignore(
        "This plugin does not support raise", "This plugin does not support grabbing"
    ),
]


def loaded(qtbot: QtBot, window: MainWindow, key: str) -> Section:
    section = window.show_section(key)
    qtbot.waitUntil(lambda: section.complete, timeout=15000)
    return section


def right_click(qtbot: QtBot, widget: QWidget, position: QPoint) -> QMenu:
    """What a right mouse click sends a widget; returns the menu that pops up."""
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, position, widget.mapToGlobal(position)
    )
    QApplication.sendEvent(widget, event)
    section = next(w for w in _ancestors(widget) if isinstance(w, Section))
    qtbot.waitUntil(lambda: section.menu is not None and section.menu.isVisible())
    assert section.menu is not None
    return section.menu


def _ancestors(widget: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    current: QWidget | None = widget
    while current is not None:
        found.append(current)
        current = current.parentWidget()
    return found


def click_item(menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def header_point(section: Section, column: int) -> QPoint:
    header = section.view.horizontalHeader()
    return QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2)


def test_the_header_menu_hides_a_column_and_the_layout_survives_a_restart(
    qtbot: QtBot, demo: Engine, gui_settings: Path, no_leaks: None
) -> None:
    first = MainWindow(demo, "columns")
    first.show()
    qtbot.waitExposed(first)
    section = loaded(qtbot, first, "projects")
    header = section.view.horizontalHeader()
    region = section.spec.table.headers.index("Region")
    npv = section.spec.table.headers.index("After-tax NPV")
    menu = right_click(qtbot, header.viewport(), header_point(section, 0))
    first_order = [section.spec.table.headers[i] for i in section.spec.table.visual_order()]
    assert [a.text() for a in menu.actions() if a.isCheckable()] == first_order
    assert first_order.index("NPV (reporting)") == first_order.index("Capex") + 1
    click_item(menu, "Region")
    assert header.isSectionHidden(region)
    header.moveSection(header.visualIndex(npv), 1)  # what dragging its header does
    first.close()
    first.deleteLater()

    second = MainWindow(demo, "columns")
    second.show()
    qtbot.waitExposed(second)
    try:
        again = second.sections["projects"].view.horizontalHeader()
        assert again.isSectionHidden(region)
        assert again.visualIndex(npv) == 1
        shown = loaded(qtbot, second, "projects")
        menu = right_click(qtbot, again.viewport(), header_point(shown, 0))
        ticked = {a.text(): a.isChecked() for a in menu.actions() if a.isCheckable()}
        assert ticked["Region"] is False and ticked["Project"] is True
        click_item(menu, "Reset Columns")
        assert not again.isSectionHidden(region)
        assert again.visualIndex(npv) == shown.spec.table.visual_order().index(npv)
    finally:
        second.close()
        second.deleteLater()


def test_the_last_column_shown_cannot_be_hidden(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    section = loaded(qtbot, main_window, "companies")
    header = section.view.horizontalHeader()
    for column in range(1, header.count()):
        header.setSectionHidden(column, True)
    menu = right_click(qtbot, header.viewport(), header_point(section, 0))
    only = next(a for a in menu.actions() if a.text() == section.spec.table.headers[0])
    assert only.isChecked() and not only.isEnabled()


def test_a_row_menu_opens_the_record_right_clicked(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    section = loaded(qtbot, main_window, "projects")
    row = 3
    wanted = section.model.row_at(row)
    rect = section.view.visualRect(section.model.index(row, 0))
    menu = right_click(qtbot, section.view.viewport(), rect.center())
    assert section.current_id() == wanted.id  # the right-clicked row is now the selected one
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Open Selected…", "Delete Selected…", "Show on Timeline"]
    click_item(menu, "Open Selected…")
    forms = [open_form(qtbot, main_window, ProjectForm)]
    qtbot.waitUntil(lambda: forms[0].name.text() == wanted.name)


def test_the_row_menu_shows_a_project_on_its_timeline(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    section = loaded(qtbot, main_window, "projects")
    rect = section.view.visualRect(section.model.index(0, 0))
    menu = right_click(qtbot, section.view.viewport(), rect.center())
    click_item(menu, "Show on Timeline")
    assert section.detail_tabs is not None
    assert section.detail_tabs.currentWidget() is main_window.project_charts[0]


def test_typing_gold_lists_the_gold_projects_as_the_command_line_does(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    section = loaded(qtbot, main_window, "projects")
    main_window.focus_search()
    QTest.keyClicks(section.filters.search, "gold")
    shown = [section.model.row_at(r).name for r in range(section.model.rowCount())]
    gold = {p["name"] for p in demo_data()["projects"] if "Au" in p["commodities"]}
    assert gold <= set(shown)
    with Session(demo) as session:
        assert shown == [r.name for r in listed_rows(session, "projects", "gold")]
    section.filters.search.clear()
    QTest.keyClicks(section.filters.search, "au")
    symbol = {section.model.row_at(r).name for r in range(section.model.rowCount())}
    assert symbol == gold
    QTest.keyClicks(section.filters.search, "s")  # "aus": Australia, which "au" left out
    countries = {section.model.row_at(r).country for r in range(section.model.rowCount())}
    assert countries == {"Australia"}


@pytest.fixture
def accented(session: Session) -> None:
    """Projects whose names and places carry accents, saved before the window opens."""
    owner = add_company(session, "Ærø Metals")
    for name, region in (
        ("Zone 10", "Ontario"),
        ("Mañana", None),
        ("Québec Lithium", "Québec"),
        ("Éléonore", None),
        ("Zone 2", "Nunavut"),
        ("Amarillo", None),
    ):
        add_project(session, name, [(owner, "100", True)], ["Li"], region=region)
    session.commit()


def test_typing_without_accents_finds_the_accented_project_and_names_sort_by_base_letter(
    qtbot: QtBot, accented: None, main_window: MainWindow
) -> None:
    section = loaded(qtbot, main_window, "projects")

    def shown() -> list[str]:
        return [section.model.row_at(r).name for r in range(section.model.rowCount())]

    assert shown() == ["Amarillo", "Éléonore", "Mañana", "Québec Lithium", "Zone 2", "Zone 10"]
    main_window.focus_search()
    QTest.keyClicks(section.filters.search, "quebec")
    assert shown() == ["Québec Lithium"]
    section.filters.search.clear()
    QTest.keyClicks(section.filters.search, "ELEONORE")
    assert shown() == ["Éléonore"]
    section.filters.search.clear()
    name = section.spec.table.headers.index("Project")
    section.view.sortByColumn(name, Qt.SortOrder.DescendingOrder)
    assert shown() == ["Zone 10", "Zone 2", "Québec Lithium", "Mañana", "Éléonore", "Amarillo"]


def test_list_columns_show_the_figures_investors_sort_by(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    projects = loaded(qtbot, main_window, "projects")
    headers = projects.spec.table.headers
    for wanted in ("Stage", "Latest study", "Study date", "After-tax NPV", "IRR", "Capex"):
        assert wanted in headers
    npv = headers.index("After-tax NPV")
    projects.view.sortByColumn(npv, Qt.SortOrder.DescendingOrder)
    values = [projects.model.row_at(r).after_tax_npv for r in range(projects.model.rowCount())]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=True) and len(present) >= 5
    assert projects.model.index(0, npv).data().endswith(" M")
    studies = loaded(qtbot, main_window, "studies")
    assert "Rate" in studies.spec.table.headers
    deals = loaded(qtbot, main_window, "deals")
    assert "Consideration" in deals.spec.table.headers
