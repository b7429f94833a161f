"""Screening every project's latest study, filters, and watchlists saved from them."""

from datetime import date
from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import Session

from tests.domain_factories import add_company, add_project, assert_refused, problem_for
from tests.test_portfolio_world import add_study, build_world
from tracker.errors import ConflictError, ValidationError
from tracker.portfolio.screening import (
    ScreenFilter,
    apply_filter,
    countries,
    npv_to_capex,
    screen,
    screen_rows,
)
from tracker.portfolio.watchlists import (
    create_watchlist,
    delete_watchlist,
    update_watchlist,
    watchlist_rows,
)

D = Decimal


def test_one_row_per_project_from_its_latest_study(session: Session) -> None:
    build_world(session)
    rows = screen_rows(session)
    assert [(r.project, r.study_type) for r in rows] == [
        ("Kiwi Creek", "FS"),
        ("Silver Spur", "resource estimate"),
        ("Twin Peaks", "PFS"),
    ]
    twin = rows[2]
    assert (twin.commodities, twin.country, twin.stage) == (
        ("Cu", "Au"),
        "Canada",
        "pre-feasibility",
    )
    assert (twin.after_tax_npv, twin.after_tax_irr_pct, twin.initial_capex) == (
        D(500000000),
        D(25),
        D(250000000),
    )
    assert (twin.npv_to_capex, twin.aisc, twin.cost_unit, twin.mine_life_years) == (
        D(2),
        D("2.1"),
        "USD/lb Cu",
        D(12),
    )
    assert twin.study_date == date(2025, 6, 1)
    assert rows[1].npv_to_capex is None
    assert countries(rows) == ["Australia", "Canada", "United States"]


def test_copper_pfs_or_later_irr_over_20_in_canada(session: Session) -> None:
    build_world(session)
    rows = screen_rows(session)
    keep = ScreenFilter("Cu", "PFS", D(20), "canada")
    assert [r.project for r in apply_filter(rows, keep)] == ["Twin Peaks"]
    assert keep.describe() == "Cu, PFS or later, IRR ≥ 20 %, canada"
    assert [r.project for r in screen(session, ScreenFilter(min_irr_pct=D(26)))] == []
    assert [r.project for r in screen(session, ScreenFilter(commodity="au"))] == [
        "Kiwi Creek",
        "Twin Peaks",
    ]
    assert [r.project for r in screen(session, ScreenFilter(min_study_type="FS"))] == ["Kiwi Creek"]
    assert len(screen(session)) == 3
    assert ScreenFilter().describe() == "every project"


def test_a_newer_study_type_earlier_in_order_still_wins_by_date(session: Session) -> None:
    company = add_company(session, "Co")
    project = add_project(session, "Redo", [(company, "100", True)], ["Cu"])
    add_study(session, project.id, "FS", date(2019, 1, 1), "USD", D(100))
    add_study(session, project.id, "PEA/scoping", date(2024, 1, 1), "USD", D(200))
    assert screen(session, ScreenFilter(min_study_type="PFS")) == []
    assert [row.after_tax_npv for row in screen(session)] == [D(200)]
    assert npv_to_capex(D(1), D(0)) is None


def test_watchlists_are_saved_renamed_and_deleted(engine: Engine, session: Session) -> None:
    saved = create_watchlist(
        session, "  Canadian copper ", ScreenFilter("copper", "PFS", D(20), "Canada")
    )
    session.commit()
    (row,) = watchlist_rows(session)
    assert row == (saved.id, "Canadian copper", ScreenFilter("Cu", "PFS", D(20), "Canada"))
    assert_refused(
        engine,
        session,
        lambda: create_watchlist(session, "canadian COPPER", ScreenFilter()),
        ConflictError,
    )
    update_watchlist(session, saved.id or 0, "Copper", ScreenFilter(commodity="Cu"))
    assert watchlist_rows(session)[0][1:] == ("Copper", ScreenFilter("Cu"))
    delete_watchlist(session, saved.id or 0)
    assert watchlist_rows(session) == []


def test_a_refused_watchlist_names_each_problem(engine: Engine, session: Session) -> None:
    error = assert_refused(
        engine,
        session,
        lambda: create_watchlist(
            session, " ", ScreenFilter("unobtainium", "BFS", D(5000), "x" * 81)
        ),
        ValidationError,
    )
    assert problem_for(error, "name").reason == "is required"
    assert problem_for(error, "commodity").reason == "is not a known commodity"
    assert problem_for(error, "min_study_type").reason.startswith("must be one of")
    assert problem_for(error, "min_irr_pct").reason == "must be at most 1000 %"
    assert "longer than 80" in problem_for(error, "country").reason
