"""The plain tables the Excel exporter writes on the Summary and Exposure sheets."""

from decimal import Decimal

from sqlmodel import Session

from tests.test_portfolio_world import ON, build_world
from tracker.portfolio.lookthrough import STUDY_FIGURES_NOTE
from tracker.portfolio.sheets import exposure_tables, summary_tables

D = Decimal


def test_summary_has_positions_and_look_through_marked_as_study_figures(
    session: Session,
) -> None:
    build_world(session)
    positions, performance, lookthrough = summary_tables(session, ON)
    assert positions.title == "Positions on 2026-11-28"
    assert len(positions.headers) == len(positions.rows[0])
    assert positions.rows[0][:2] == ("Argentum Ridge", D(10000))
    # Larkspur: 100,000 bought at 0.50 on 2025-01-02 (50,000), worth 80,000 at the 0.80 close:
    # time-weighted (80,000 / 50,000) - 1 = 60 %, a gain of 30,000, all of it unrealised.
    larkspur_row = next(row for row in performance.rows if row[0] == "Larkspur Metals (CAD)")
    assert larkspur_row[1:8] == ("CAD", D(0), D(80000), D(50000), D(30000), D(0), D(30000))
    # Money-weighted over the 695 days it was held: the same 60 %; a year: 1.6^(365/695) - 1.
    assert larkspur_row[8:10] == (D("60.0000"), D("27.9970"))
    assert larkspur_row[10] == D("60.0000")
    assert performance.headers[9] == "Money-weighted return p.a. %"
    assert performance.rows[-1][0] == "Total"
    assert lookthrough.note == STUDY_FIGURES_NOTE
    assert "study figures" in lookthrough.title
    larkspur = next(row for row in lookthrough.rows if row[0] == "Larkspur Metals")
    assert larkspur[2:4] == (D(100000000), D(100000000))
    assert larkspur[4:6] == (D(8), D(8)), "lowest and highest discount rate, as numbers"
    assert larkspur[9:11] == (D("0.25"), "study figure")


def test_exposure_sheet_has_three_dimensions_and_the_interests(session: Session) -> None:
    build_world(session)
    commodity, country, stage, interests = exposure_tables(session, ON, "CAD")
    assert commodity.headers == ("Commodity", "Value (CAD)", "Share %")
    assert [row[:2] for row in country.rows] == [
        ("Canada", D(55000)),
        ("United States", D(55000)),
        ("Australia", D(4050)),
    ]
    assert stage.note == "Interest basis: current."
    assert ("Larkspur Metals", "Silver Spur") in {row[:2] for row in interests.rows}
    spur = next(row for row in interests.rows if row[:2] == ("Larkspur Metals", "Silver Spur"))
    assert spur[5:] == (D(0), D(20), D(40), D(60))
