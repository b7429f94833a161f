"""The charts, driven like a user would: counts against the database, hover, click, zoom, export."""

import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPalette, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, or_
from sqlmodel import Session, col, select

from db.session import transaction
from tests.test_timeline import TODAY, World, build_world
from tracker import timeline as tl
from tracker.demo import load_demo
from tracker.models import (
    Deal,
    DealObligation,
    Event,
    EventCommodity,
    ProjectCommodity,
    ProjectStage,
    Study,
)
from ui.charts import ChartKind, LazyChart

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def demo_engine(engine: Engine) -> Engine:
    with transaction(engine) as session:
        load_demo(session)
    return engine


@pytest.fixture
def world(engine: Engine) -> Iterator[World]:
    with Session(engine, expire_on_commit=False) as session:
        yield build_world(session)


def show(qtbot: QtBot, chart: QWidget, width: int = 1100, height: int = 620) -> Any:
    qtbot.addWidget(chart)
    chart.resize(width, height)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def project_timeline(qtbot: QtBot, engine: Engine, project_id: int) -> Any:
    from ui.charts.project_timeline import ProjectTimeline

    chart = show(qtbot, ProjectTimeline(engine, today=TODAY))
    chart.set_project(project_id)
    return chart


def viewport_point(chart: Any, plot: Any, x: float, y: float) -> QPoint:
    """Where a data point of ``plot`` appears in the chart's viewport, once laid out.

    Posted layout requests (a legend that grew, say) are handled first, since they move the plot.
    """
    QApplication.processEvents()
    scene = plot.getViewBox().mapViewToScene(QPointF(x, y))
    point: QPoint = chart.view.mapFromScene(scene)
    return point


def click(chart: Any, point: QPoint) -> None:
    QTest.mouseClick(
        chart.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), point
    )


def seconds(day: date) -> float:
    return float(tl.epoch_day(day) * tl.SECONDS_PER_DAY)


def row_of(chart: Any, label: str) -> float:
    return float(next(y for y, name in chart.rows if name == label))


# -- what the database says each chart must show -----------------------------------------------


def ids(session: Session, statement: Any) -> set[int]:
    return {int(value) for value in session.exec(statement).all()}


def expected_ids(session: Session, project_id: int) -> dict[str, set[int]]:
    """Record ids a project's timeline must show, by kind, read straight from the tables."""
    deal_ids = select(col(Deal.id)).where(col(Deal.project_id) == project_id)
    commodities = ids(
        session,
        select(col(ProjectCommodity.commodity_id)).where(
            col(ProjectCommodity.project_id) == project_id
        ),
    )
    global_events = ids(
        session,
        select(col(Event.id)).where(
            col(Event.project_id).is_(None), col(Event.company_id).is_(None)
        ),
    )
    touching = {
        event_id
        for event_id in global_events
        if not (
            linked := ids(
                session,
                select(col(EventCommodity.commodity_id)).where(
                    col(EventCommodity.event_id) == event_id
                ),
            )
        )
        or linked & commodities
    }
    return {
        "stage": ids(
            session, select(col(ProjectStage.id)).where(col(ProjectStage.project_id) == project_id)
        ),
        "study": ids(
            session,
            select(col(Study.id)).where(
                col(Study.project_id) == project_id,
                or_(
                    col(Study.publication_date).is_not(None), col(Study.effective_date).is_not(None)
                ),
            ),
        ),
        "deal": ids(session, deal_ids),
        "obligation": ids(
            session,
            select(col(DealObligation.id)).where(
                col(DealObligation.deal_id).in_(deal_ids),
                col(DealObligation.due_date).is_not(None),
            ),
        ),
        "event": ids(session, select(col(Event.id)).where(col(Event.project_id) == project_id))
        | touching,
    }


def shown(chart: Any) -> dict[str, set[int]]:
    kinds = ("stage", "study", "deal", "obligation", "event")
    return {kind: set(chart.shown_ids(kind)) for kind in kinds}


def drawn_items(chart: Any) -> int:
    """Markers and bars drawn by the chart's batched items."""
    from ui.charts.items import CulledBars, MarkerLayer

    return sum(
        len(item)
        for item in chart.plot.items
        if isinstance(item, MarkerLayer | CulledBars) and item.zValue() > -20
    )


# -- counts ---------------------------------------------------------------------------------------


def test_project_timeline_shows_every_item_of_each_demo_project(
    qtbot: QtBot, demo_engine: Engine
) -> None:
    with Session(demo_engine) as session:
        projects = [p.id for p in tl.portfolio_projects(session)]
        expected = {project_id: expected_ids(session, project_id) for project_id in projects}
    chart = project_timeline(qtbot, demo_engine, projects[0])
    for project_id in projects:
        chart.set_project(project_id)
        assert shown(chart) == expected[project_id], project_id
        assert drawn_items(chart) == sum(len(found) for found in expected[project_id].values())


def test_portfolio_timeline_shows_every_item_of_the_demo(qtbot: QtBot, demo_engine: Engine) -> None:
    from ui.charts.portfolio_timeline import PortfolioTimeline

    chart = show(qtbot, PortfolioTimeline(demo_engine, today=TODAY), 1300, 800)
    chart.set_project_ids(None)
    with Session(demo_engine) as session:
        projects = tl.portfolio_projects(session)
        per_project = [expected_ids(session, project.id) for project in projects]
    expected = {
        kind: set().union(*(found[kind] for found in per_project)) for kind in per_project[0]
    }
    assert shown(chart) == expected
    assert drawn_items(chart) == sum(len(found) for found in expected.values())
    commodities = {project.commodity for project in projects}
    assert len(chart.rows) == len(projects) + len(commodities)
    assert chart.count_label.text() == f"{len(projects)} projects"


def test_portfolio_follows_the_filter_and_regroups(
    qtbot: QtBot, engine: Engine, world: World
) -> None:
    from ui.charts.portfolio_timeline import PortfolioTimeline

    chart = show(qtbot, PortfolioTimeline(engine, today=TODAY))
    chart.set_project_ids([world.gold])
    assert [row.project_id for row in chart.rows] == [None, world.gold]
    assert set(chart.shown_ids("deal")) == {world.acquisition}
    assert set(chart.shown_ids("event")) >= {world.market_wide}
    assert world.copper_order not in chart.shown_ids("event")
    chart.set_project_ids(None)
    chart.set_grouping(tl.GroupBy.STAGE, tl.SortBy.NEXT_MILESTONE)
    assert [row.label for row in chart.rows][:2] == [
        "resource definition · 1 project",
        "gold creek",
    ]
    assert chart.row_axis.labels[0] == "▾ resource definition · 1 project"


def test_markers_are_drawn_in_batches_not_one_item_each(qtbot: QtBot, engine: Engine) -> None:
    from bench.generate import generate
    from ui.charts.portfolio_timeline import PortfolioTimeline

    generate(engine, 150)
    chart = show(qtbot, PortfolioTimeline(engine, today=TODAY))
    chart.set_project_ids(None)
    markers = drawn_items(chart)
    assert markers > 1500
    assert len(chart.plot.items) < 70  # a few per lane and category, whatever the data size


# -- hover and click ------------------------------------------------------------------------------

PEA_HOVER = (
    "2023-05-01 · Copper Hill PEA\n"
    "PEA · after-tax NPV USD 412.0 M @ 8.0 % · IRR 24.0 % · initial capex USD 310.0 M"
)


# The hover text also goes to a tooltip, which the offscreen platform cannot raise.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hovering_a_study_shows_its_date_title_and_figures(
    qtbot: QtBot, engine: Engine, world: World
) -> None:
    chart = project_timeline(qtbot, engine, world.copper)
    point = viewport_point(chart, chart.plot, seconds(date(2023, 5, 1)), row_of(chart, "Studies"))
    with qtbot.waitSignal(chart.hover_changed, check_params_cb=lambda text: text == PEA_HOVER):
        QTest.mouseMove(chart.view.viewport(), point)
    assert chart.hover_text == PEA_HOVER
    outside = viewport_point(chart, chart.plot, seconds(date(2019, 6, 1)), row_of(chart, "Deals"))
    with qtbot.waitSignal(chart.hover_changed, check_params_cb=lambda text: text == ""):
        QTest.mouseMove(chart.view.viewport(), outside)


def test_a_lone_marker_is_painted_in_its_colour(qtbot: QtBot, engine: Engine, world: World) -> None:
    from ui.charts.palette import ORANGE

    chart = project_timeline(qtbot, engine, world.copper)
    point = viewport_point(chart, chart.plot, seconds(date(2023, 5, 1)), row_of(chart, "Studies"))
    image = chart.view.grab().toImage()
    # The PEA triangle's centre, a little below its apex, is filled with its colour.
    assert image.pixelColor(point.x(), point.y() + 2).name().upper() == ORANGE


def test_clicking_a_study_selects_it(qtbot: QtBot, engine: Engine, world: World) -> None:
    chart = project_timeline(qtbot, engine, world.copper)
    point = viewport_point(chart, chart.plot, seconds(date(2023, 5, 1)), row_of(chart, "Studies"))
    with qtbot.waitSignal(chart.item_selected) as selected:
        click(chart, point)
    assert selected.args == ["study", world.pea]


def test_clicking_a_deal_bar_or_a_row_name_in_the_portfolio(
    qtbot: QtBot, engine: Engine, world: World
) -> None:
    from ui.charts.portfolio_timeline import DEAL_OFFSET, PortfolioTimeline

    chart = show(qtbot, PortfolioTimeline(engine, today=TODAY))
    chart.set_project_ids(None)
    row = next(i for i, r in enumerate(chart.rows) if r.project_id == world.gold)
    point = viewport_point(chart, chart.plot, seconds(date(2021, 7, 1)), row + DEAL_OFFSET)
    with qtbot.waitSignal(chart.item_selected) as selected:
        click(chart, point)
    assert selected.args == ["deal", world.acquisition]
    name = chart.view.mapFromScene(
        QPointF(chart.row_axis.sceneBoundingRect().center().x(), chart.view.mapToScene(point).y())
    )
    with qtbot.waitSignal(chart.item_selected) as selected:
        click(chart, name)
    assert selected.args == ["project", world.gold]


def test_clicking_empty_space_selects_nothing(qtbot: QtBot, engine: Engine, world: World) -> None:
    chart = project_timeline(qtbot, engine, world.copper)
    point = viewport_point(chart, chart.plot, seconds(date(2019, 1, 1)), row_of(chart, "Studies"))
    with qtbot.assertNotEmitted(chart.item_selected):
        click(chart, point)


# -- navigation -----------------------------------------------------------------------------------


def wheel(chart: Any, point: QPoint, notches: int) -> None:
    viewport = chart.view.viewport()
    event = QWheelEvent(
        QPointF(point),
        QPointF(viewport.mapToGlobal(point)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def test_wheel_zooms_the_time_axis_only(qtbot: QtBot, engine: Engine, world: World) -> None:
    chart = project_timeline(qtbot, engine, world.copper)
    first, last = chart.visible_range()
    rows_before = chart.box.viewRange()[1]
    point = viewport_point(chart, chart.plot, seconds(date(2023, 5, 1)), row_of(chart, "Studies"))
    wheel(chart, point, 3)
    zoomed_first, zoomed_last = chart.visible_range()
    assert first < zoomed_first < date(2023, 5, 1) < zoomed_last < last
    assert chart.box.viewRange()[1] == pytest.approx(rows_before)
    wheel(chart, point, -6)
    assert (chart.visible_range()[1] - chart.visible_range()[0]) > (zoomed_last - zoomed_first)


def test_fit_all_and_zoom_to_a_year(qtbot: QtBot, engine: Engine, world: World) -> None:
    chart = project_timeline(qtbot, engine, world.copper)
    chart.zoom_to_year(2024)
    assert chart.visible_range() == (date(2024, 1, 1), date(2025, 1, 1))
    chart.fit_all()
    first, last = chart.visible_range()
    assert first <= date(2018, 1, 1) and last >= date(2026, 3, 1)
    years = [chart.year_box.itemData(i) for i in range(chart.year_box.count())]
    assert years[0] == 2026 and years[-1] == 2018
    chart.year_box.setCurrentIndex(years.index(2022))
    chart.year_box.activated.emit(years.index(2022))
    assert chart.visible_range()[0] == date(2022, 1, 1)


# -- export ---------------------------------------------------------------------------------------


def test_export_writes_a_valid_png_and_svg(
    qtbot: QtBot, engine: Engine, world: World, tmp_path: Path
) -> None:
    chart = project_timeline(qtbot, engine, world.copper)
    png = chart.export_png(tmp_path / "timeline.png")
    data = png.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (chart.view.width(), chart.view.height())
    wide = chart.export_png(tmp_path / "wide.png", width=2000)
    assert struct.unpack(">I", wide.read_bytes()[16:20]) == (2000,)
    svg = chart.export_svg(tmp_path / "timeline.svg")
    root = ElementTree.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert sum(1 for _ in root.iter()) > 50


def test_export_button_asks_for_a_path(
    qtbot: QtBot, engine: Engine, world: World, tmp_path: Path
) -> None:
    chart = project_timeline(qtbot, engine, world.copper)
    asked: list[str] = []

    def choose(_parent: QWidget, suggested: str) -> Path:
        asked.append(suggested)
        return tmp_path / "chosen"

    chart.choose_path = choose
    written = chart.ask_and_export("svg")
    assert asked == ["project-timeline.svg"]
    assert written == tmp_path / "chosen.svg" and written.exists()
    chart.choose_path = lambda _parent, _name: None
    assert chart.ask_and_export("png") is None


# -- economics ------------------------------------------------------------------------------------


def test_study_economics_chart_plots_each_study(qtbot: QtBot, engine: Engine, world: World) -> None:
    from ui.charts.economics import StudyEconomicsChart

    chart = show(qtbot, StudyEconomicsChart(engine, today=TODAY))
    chart.set_project(world.copper)
    # NPV of both studies, capex of the PEA only, IRR of both.
    npv, capex, irr = [world.pea, world.pfs], [world.pea], [world.pea, world.pfs]
    assert sorted(chart.shown_ids("study")) == sorted(npv + capex + irr)
    x = seconds(date(2024, 9, 15))
    point = viewport_point(chart, chart.money_plot, x, 655.0)
    with qtbot.waitSignal(chart.item_selected) as selected:
        click(chart, point)
    assert selected.args == ["study", world.pfs]
    chart.set_project(world.lithium)
    assert chart.shown_ids("study") == []


def test_portfolio_scatter_shows_one_currency_at_a_time(
    qtbot: QtBot, engine: Engine, world: World
) -> None:
    from ui.charts.scatter import PortfolioScatter, irr_sizes

    with transaction(engine) as session:
        pfs = session.get(Study, world.pfs)
        assert pfs is not None
        pfs.initial_capex = Decimal(350_000_000)  # Copper Hill's latest study, now plottable
    chart = show(qtbot, PortfolioScatter(engine, today=TODAY))
    chart.set_project_ids(None)
    currencies = [chart.currency_box.itemData(i) for i in range(chart.currency_box.count())]
    # Each currency, then every study in the reporting currency (see test_charts_reporting).
    assert sorted(currencies[:-1]) == ["CAD", "USD"]
    assert currencies[-1] == "reporting"
    chart.currency_box.setCurrentIndex(currencies.index("USD"))
    assert chart.shown_ids("study") == [world.pfs]
    point = viewport_point(chart, chart.plot, 350.0, 655.0)
    with qtbot.waitSignal(chart.item_selected) as selected:
        click(chart, point)
    assert selected.args == ["study", world.pfs]
    chart.currency_box.setCurrentIndex(currencies.index("CAD"))
    assert chart.shown_ids("study") == [world.gold_pea]
    chart.set_project_ids([world.lithium])
    assert chart.shown_ids("study") == []
    sizes = irr_sizes(np.array([np.nan, 0.0, 10.0, 100.0, 400.0]))
    assert sizes[0] < sizes[1] < sizes[2] < sizes[3] == sizes[4]


# -- lazy loading and theme -----------------------------------------------------------------------


def test_importing_the_charts_package_does_not_import_pyqtgraph() -> None:
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ui.charts import ChartKind, LazyChart\n"
        "chart = LazyChart(ChartKind.PORTFOLIO_TIMELINE, None)\n"
        "chart.set_project_ids([1, 2])\n"
        "assert 'pyqtgraph' not in sys.modules, 'imported before shown'\n"
        "chart.show()\n"
        "assert 'pyqtgraph' in sys.modules, 'not imported when shown'\n"
        "assert chart.chart is not None\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_lazy_chart_applies_calls_made_before_it_was_shown(
    qtbot: QtBot, engine: Engine, world: World
) -> None:
    lazy = LazyChart(ChartKind.PROJECT_TIMELINE, engine, today=TODAY)
    qtbot.addWidget(lazy)
    lazy.set_project(world.gold)
    assert lazy.chart is None
    lazy.resize(900, 500)
    lazy.show()
    qtbot.waitExposed(lazy)
    assert lazy.chart is not None
    assert set(lazy.chart.shown_ids("deal")) == {world.acquisition}
    with qtbot.waitSignal(lazy.item_selected) as selected:
        lazy.chart.item_selected.emit("deal", world.acquisition)
    assert selected.args == ["deal", world.acquisition]
    lazy.hide()
    lazy.set_project(world.copper)
    assert set(lazy.chart.shown_ids("deal")) == {world.acquisition}  # hidden: not reloaded yet
    lazy.show()
    assert set(lazy.chart.shown_ids("deal")) == {world.option, world.joint_venture}


def test_charts_follow_a_dark_palette(qtbot: QtBot, engine: Engine, world: World) -> None:
    from ui.charts.palette import DARK, LIGHT
    from ui.charts.screenshots import dark_palette

    chart = project_timeline(qtbot, engine, world.copper)
    chart.setPalette(QPalette(QApplication.palette()))
    light_items = drawn_items(chart)
    chart.setPalette(dark_palette())
    assert chart.theme is DARK
    assert chart.view.backgroundBrush().color().name().upper() == DARK.background
    assert drawn_items(chart) == light_items
    chart.setPalette(QPalette(Qt.GlobalColor.white))
    assert chart.theme is LIGHT


def test_a_project_whose_studies_give_no_npv_draws_without_warnings(
    qtbot: QtBot, engine: Engine, world: World
) -> None:
    """An all-missing series (no study states an NPV) must not reach pyqtgraph as NaNs only."""
    from ui.charts.economics import StudyEconomicsChart

    with transaction(engine) as session:
        for study in session.exec(select(Study).where(Study.project_id == world.copper)):
            study.after_tax_npv = None
            session.add(study)
    chart = show(qtbot, StudyEconomicsChart(engine, today=TODAY))
    chart.set_project(world.copper)
    assert len(chart.studies) > 0
    assert all(study.after_tax_npv is None for study in chart.studies)


def test_portfolio_scatter_never_draws_a_project_at_a_superseded_study(
    qtbot: QtBot, demo_engine: Engine
) -> None:
    """Casino's latest study is its 2022 FS (no capex): it is not drawn at its 2021 PEA."""
    from tracker.portfolio.latest_studies import latest_studies
    from ui.charts.scatter import PortfolioScatter

    with Session(demo_engine) as session:
        latest = latest_studies(session)
        casino_pea = session.exec(select(Study).where(Study.title == "Casino PEA (2021)")).one()
        casino_fs = latest[casino_pea.project_id]
    assert casino_fs.title == "Casino feasibility study (2022)"
    chart = show(qtbot, PortfolioScatter(demo_engine, today=TODAY))
    chart.set_project_ids(None)
    assert chart.data is not None
    drawn = dict(zip(chart.data.project_ids.tolist(), chart.data.study_ids.tolist(), strict=True))
    assert drawn, "the demo has projects to draw"
    assert all(latest[project].id == study for project, study in drawn.items())
    assert casino_pea.project_id not in drawn
    assert "Casino" in chart.data.left_out
    chart.currency_box.setCurrentIndex(chart.currency_box.findData("CAD"))
    assert casino_pea.id not in chart.shown_ids("study")
    assert "others not shown: latest study lacks NPV or capex" in chart.count_label.text()
    assert "Casino" in chart.count_label.toolTip()
