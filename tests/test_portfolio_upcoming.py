"""Upcoming: obligations, earn-in steps, expected closes and expected studies, overdue flagged."""

from datetime import date
from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import Session

from tests.domain_factories import add_company, add_project, assert_refused, problem_for
from tests.test_portfolio_world import ON, add_study, build_world
from tracker.errors import ValidationError
from tracker.models import Deal, ExpectedStudy
from tracker.portfolio.expected_studies import (
    create_expected_study,
    delete_expected_study,
    expected_study_rows,
)
from tracker.portfolio.upcoming import UpcomingKind, amount_text, upcoming
from tracker.services.deals import ObligationSpec, create_deal

D = Decimal


def test_what_is_due_across_the_portfolio(session: Session) -> None:
    world = build_world(session)
    create_expected_study(
        session,
        ExpectedStudy(
            project_id=world.twin_peaks,
            study_type="FS",
            expected_date=date(2027, 3, 31),
            noted_on=date(2026, 1, 15),
        ),
    )
    items = upcoming(session, ON)
    assert [(i.due_date, i.kind, i.what, i.amount, i.overdue, i.status) for i in items] == [
        (
            date(2026, 9, 30),
            "deal obligation",
            "Step 2: Cash 2",
            "CAD 100,000.00",
            True,
            "overdue 59 d",
        ),
        (
            date(2026, 10, 31),
            "earn-in step",
            "Step 2: Stage 2",
            "earns 20.0 %",
            True,
            "overdue 28 d",
        ),
        (date(2026, 12, 15), "expected close", "Close (now LOI signed)", "", False, "in 17 d"),
        (
            date(2027, 3, 31),
            "expected study",
            "FS expected (noted 2026-01-15)",
            "",
            False,
            "in 123 d",
        ),
        (
            date(2027, 4, 30),
            "deal obligation",
            "Step 3: Cash 3",
            "CAD 150,000.00",
            False,
            "in 153 d",
        ),
        (date(2027, 10, 31), "earn-in step", "Step 3: Stage 3", "earns 20.0 %", False, "in 337 d"),
    ]
    assert {i.deal for i in items if i.deal_id == world.loi} == {"Larkspur LOI on Silver Spur"}
    assert items[0].company == "Larkspur Metals"
    assert items[0].project == "Silver Spur"
    assert items[3].company == "Argentum Ridge, Larkspur Metals"


def test_deals_of_companies_not_held_are_left_out_unless_asked(session: Session) -> None:
    build_world(session)
    outsider = add_company(session, "Outsider")
    other = add_project(session, "Elsewhere", [(outsider, "100", True)], ["Zn"])
    create_deal(
        session,
        Deal(
            title="Outsider financing",
            deal_type="private placement",
            status="proposed",
            project_id=other.id,
            acquirer_id=outsider.id,
            announced_date=date(2026, 1, 1),
            expected_close_date=date(2026, 12, 1),
        ),
        obligations=[ObligationSpec("cash", D(5), "USD")],
    )
    assert "Outsider financing" not in {i.deal for i in upcoming(session, ON)}
    everything = upcoming(session, ON, portfolio_only=False)
    assert [i.status for i in everything if i.deal == "Outsider financing"] == ["in 3 d", "no date"]
    assert everything[-1].due_date is None


def test_nothing_is_due_without_holdings(session: Session) -> None:
    assert upcoming(session, ON) == []


def test_an_expected_study_drops_out_once_delivered(session: Session) -> None:
    world = build_world(session)
    guidance = create_expected_study(
        session,
        ExpectedStudy(
            project_id=world.twin_peaks,
            study_type="FS",
            expected_date=date(2026, 6, 30),
            noted_on=date(2025, 7, 1),
        ),
    )
    (row,) = expected_study_rows(session)
    assert (row.project, row.delivered) == ("Twin Peaks", False)
    assert [i.overdue for i in upcoming(session, ON) if i.kind == UpcomingKind.STUDY] == [True]
    add_study(session, world.twin_peaks, "updated FS", date(2026, 8, 1), "CAD", D(1))
    assert expected_study_rows(session)[0].delivered
    assert [i for i in upcoming(session, ON) if i.kind == UpcomingKind.STUDY] == []
    delete_expected_study(session, guidance.id or 0)
    assert expected_study_rows(session) == []


def test_a_refused_expected_study_writes_nothing(engine: Engine, session: Session) -> None:
    entry = ExpectedStudy(
        project_id=999, study_type="BFS", expected_date=date(2026, 1, 1), noted_on=date(2026, 2, 1)
    )
    error = assert_refused(
        engine, session, lambda: create_expected_study(session, entry), ValidationError
    )
    assert problem_for(error, "project").reason == "is not a known project"
    assert problem_for(error, "study_type").reason.startswith("must be one of")
    assert problem_for(error, "expected_date").reason == "is before the date noted (2026-02-01)"


def test_amounts_read_as_written() -> None:
    assert amount_text("cash", D("100000"), "CAD") == "CAD 100,000.00"
    assert amount_text("shares", D("1500000"), None) == "1,500,000 shares"
    assert amount_text("work commitment", D("750000.50"), "CAD") == "CAD 750,000.50 of work"
