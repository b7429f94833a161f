"""The study economics chart in the reporting currency: converted at the rate named above it,
and a study without a rate left out of the money plot, never drawn at a wrong rate."""

from datetime import date
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import Session, select

from db.session import transaction
from tests.test_charts import show
from tracker.demo import load_demo
from tracker.models import Project, Study
from tracker.services.settings import set_reporting_currency

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 28)
D = Decimal


def delamar(engine: Engine) -> int:
    with Session(engine) as session:
        found = session.exec(select(Project.id).where(Project.name == "DeLamar")).one()
        assert found is not None
        return found


def test_money_in_the_reporting_currency_names_its_rate(qtbot: QtBot, engine: Engine) -> None:
    from ui.charts.economics import REPORTING, StudyEconomicsChart

    with transaction(engine) as session:
        load_demo(session)
    chart = show(qtbot, StudyEconomicsChart(engine, today=TODAY))
    chart.set_project(delamar(engine))
    # All three DeLamar studies are in USD: shown as published first.
    assert [s.after_tax_npv for s in chart.studies] == [D(358e6), D(314e6), D(774e6)]
    assert chart.rates.text() == ""
    chart.money_in.setCurrentIndex(chart.money_in.findData(REPORTING))
    chart.money_in.activated.emit(chart.money_in.currentIndex())
    assert chart.money_in.currentText() == "reporting currency (CAD)"
    # At the demo's 1.39 CAD per USD: 497.62, 436.46 and 1,075.86 M.
    assert [s.after_tax_npv for s in chart.studies] == [
        D("497620000.00"),
        D("436460000.00"),
        D("1075860000.00"),
    ]
    assert {s.currency for s in chart.studies} == {"CAD"}
    assert chart.money_plot.getAxis("left").labelText == "NPV and capex (CAD M)"
    assert chart.rates.text() == (
        "Converted at 1 USD = 1.3900 CAD on 2025-12-31 (latest rates on or before 2026-11-28)"
    )


def test_a_study_without_a_rate_is_left_out_and_named(qtbot: QtBot, engine: Engine) -> None:
    from ui.charts.economics import StudyEconomicsChart

    with transaction(engine) as session:
        load_demo(session)
        set_reporting_currency(session, "EUR")
        project = session.exec(select(Project).where(Project.name == "DeLamar")).one()
        pea = session.exec(
            select(Study).where(Study.project_id == project.id, Study.study_type == "PEA/scoping")
        ).one()
        pea.currency = "EUR"  # now the project's studies are in two currencies
        session.add(pea)
    chart = show(qtbot, StudyEconomicsChart(engine, today=TODAY))
    chart.set_project(delamar(engine))
    # Two currencies: converted from the start; there is no USD/EUR rate.
    assert chart.money_in.currentText() == "reporting currency (EUR)"
    assert [s.after_tax_npv for s in chart.studies] == [D(358e6), None, None]
    assert chart.rates.text() == (
        "Not converted, no rate: PFS 2022-02-01: no USD/EUR exchange rate on or before "
        "2026-11-28: enter a rate for USD/EUR or EUR/USD; FS 2025-12-17: no USD/EUR exchange "
        "rate on or before 2026-11-28: enter a rate for USD/EUR or EUR/USD"
    )
    assert [s.after_tax_irr_pct is not None for s in chart.studies] == [True, True, True]


def test_the_scatter_shows_every_study_in_the_reporting_currency(
    qtbot: QtBot, engine: Engine
) -> None:
    from ui.charts.scatter import IN_REPORTING, PortfolioScatter

    with transaction(engine) as session:
        load_demo(session)
    chart = show(qtbot, PortfolioScatter(engine, today=TODAY))
    chart.set_project_ids(None)
    box = chart.currency_box
    per_currency = {box.itemData(i): box.itemText(i) for i in range(box.count())}
    assert chart.data is not None
    drawable = len(chart.data)
    assert per_currency[IN_REPORTING] == f"all in CAD, reporting ({drawable})"
    box.setCurrentIndex(box.findData(IN_REPORTING))
    points = chart.shown()
    assert points is not None and len(points) == drawable
    assert set(points.currencies.tolist()) == {"CAD"}
    names = points.project_names.tolist()
    delamar = names.index("DeLamar")
    # DeLamar's FS: US$389 M capex and US$774 M NPV at 1.39 CAD per USD.
    assert points.capex_millions[delamar] == pytest.approx(540.71)
    assert points.npv_millions[delamar] == pytest.approx(1075.86)
    assert chart.plot.getAxis("left").labelText == "After-tax NPV (CAD M)"
    assert chart.count_label.toolTip().startswith(
        "Converted at the latest rates on or before 2026-11-28: 1 USD = 1.3900 CAD on 2025-12-31"
    )
