"""The charts inside the main window: a project's timeline tab, the Timeline page following
the Projects filter, and clicks on chart items selecting records in the lists."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from tests.test_charts import click, row_of, seconds, viewport_point
from tests.test_ui_editing import press
from tests.test_ui_window import wait_loaded
from tracker.models import DealObligation, Study
from ui.main_window import TIMELINE, MainWindow

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(
        "This plugin does not support raise", "This plugin does not support grabbing"
    ),
]


def _select_project(qtbot: QtBot, window: MainWindow, name: str) -> int:
    wait_loaded(qtbot, window, "projects")
    section = window.sections["projects"]
    row = next(r for r in range(section.model.rowCount()) if section.model.row_at(r).name == name)
    section.view.setFocus()
    section.select_id(section.model.id_at(row))
    project_id = section.current_id()
    assert project_id is not None
    return project_id


def _tab(window: MainWindow, title: str) -> int:
    tabs = window.sections["projects"].detail_tabs
    assert tabs is not None
    return next(i for i in range(tabs.count()) if tabs.tabText(i) == title)


def test_a_projects_timeline_tab_shows_it_and_a_click_on_a_study_selects_the_study(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    project_id = _select_project(qtbot, main_window, "DeLamar")
    tabs = main_window.sections["projects"].detail_tabs
    assert tabs is not None
    QTest.mouseClick(
        tabs.tabBar(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
        tabs.tabBar().tabRect(_tab(main_window, "Timeline")).center(),
    )
    lazy = main_window.project_charts[0]
    qtbot.waitUntil(lambda: lazy.chart is not None and lazy.chart.project_id == project_id)
    chart = lazy.chart
    qtbot.waitUntil(lambda: chart.data is not None)  # read off the GUI thread, then drawn
    with Session(demo) as session:
        study = session.exec(
            select(Study).where(Study.project_id == project_id).order_by(col(Study.id))
        ).first()
    assert study is not None and study.publication_date is not None
    point = viewport_point(
        chart, chart.plot, seconds(study.publication_date), row_of(chart, "Studies")
    )
    click(chart, point)
    studies = main_window.sections["studies"]
    qtbot.waitUntil(lambda: main_window.current_section is studies)
    qtbot.waitUntil(lambda: studies.current_id() == study.id)


def test_choosing_another_project_moves_its_charts(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    tabs = main_window.sections["projects"].detail_tabs
    assert tabs is not None
    first = _select_project(qtbot, main_window, "Corani")
    tabs.setCurrentIndex(_tab(main_window, "Economics"))
    economics = main_window.project_charts[1]
    qtbot.waitUntil(lambda: economics.chart is not None)
    assert economics.chart.project_id == first
    second = _select_project(qtbot, main_window, "Rook I (Arrow)")
    qtbot.waitUntil(lambda: economics.chart.project_id == second)


def test_the_timeline_page_follows_the_projects_search(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    wait_loaded(qtbot, main_window, "projects")
    section = main_window.sections["projects"]
    QTest.keyClicks(section.filters.search, "peru")
    shown = {section.model.id_at(r) for r in range(section.model.rowCount())}
    assert 0 < len(shown) < section.model.total_count
    page = main_window.timeline_page
    assert page.scope.text() == f"The {len(shown)} projects the Projects list shows."
    main_window.show_page(TIMELINE)
    qtbot.waitUntil(lambda: page.timeline.chart is not None)
    chart = page.timeline.chart
    qtbot.waitUntil(lambda: {row.project_id for row in chart.rows if row.project_id} == shown)
    QTest.mouseClick(section.filters.clear_button, Qt.MouseButton.LeftButton)
    assert page.scope.text().startswith("All projects")
    qtbot.waitUntil(lambda: len({row.project_id for row in chart.rows if row.project_id}) > 2)


def test_a_clicked_obligation_shows_its_deal(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    with Session(demo) as session:
        obligation = session.exec(select(DealObligation).order_by(col(DealObligation.id))).first()
    assert obligation is not None
    wait_loaded(qtbot, main_window, "deals")
    main_window.show_page(TIMELINE)
    main_window.timeline_page.item_selected.emit("obligation", obligation.id)
    deals = main_window.sections["deals"]
    qtbot.waitUntil(lambda: main_window.current_section is deals)
    assert deals.current_id() == obligation.deal_id


def _charted(window: MainWindow) -> set[int]:
    chart = window.timeline_page.timeline.chart
    return {row.project_id for row in chart.rows if row.project_id}


def test_deleting_a_project_and_undoing_it_updates_the_timeline(
    qtbot: QtBot, demo: Engine, main_window: MainWindow
) -> None:
    main_window.show_page(TIMELINE)
    qtbot.waitUntil(lambda: main_window.timeline_page.timeline.chart is not None)
    project_id = _select_project(qtbot, main_window, "Mizobe")
    qtbot.waitUntil(lambda: project_id in _charted(main_window))  # drawn when the read lands
    section = main_window.sections["projects"]
    press(qtbot, section.view, Qt.Key.Key_Delete)
    # The confirmation names what goes with the record: it opens once that is read.
    qtbot.waitUntil(lambda: main_window.findChild(QMessageBox, "confirm_delete") is not None)
    box = main_window.findChild(QMessageBox, "confirm_delete")
    assert box is not None and box.isVisible()
    QTest.mouseClick(
        next(b for b in box.buttons() if b.text() == "Delete"), Qt.MouseButton.LeftButton
    )
    main_window.show_page(TIMELINE)
    qtbot.waitUntil(lambda: project_id not in _charted(main_window))
    main_window.commands.undo.trigger()
    qtbot.waitUntil(lambda: project_id in _charted(main_window))


def test_another_database_rebuilds_the_charts(
    qtbot: QtBot, demo: Engine, main_window: MainWindow, tmp_path: Path
) -> None:
    main_window.show_page(TIMELINE)
    page = main_window.timeline_page
    qtbot.waitUntil(lambda: page.timeline.chart is not None)
    before = page.timeline.chart
    qtbot.waitUntil(lambda: bool(_charted(main_window)))  # drawn when the read lands
    main_window.open_path(str(tmp_path / "other.sqlite3"))
    qtbot.waitUntil(lambda: main_window.engine is not demo, timeout=10000)
    qtbot.waitUntil(lambda: page.timeline.chart not in (None, before))
    assert _charted(main_window) == set()


def test_new_on_the_timeline_page_adds_a_project(qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.show_page(TIMELINE)
    assert main_window.commands.new.text() == main_window.commands.new_record["project"].text()
    main_window.show_page("portfolio")
    assert main_window.commands.new.text() == main_window.commands.new_record["holding"].text()
