"""Events on a project, a company, or the whole market, with the commodities they touch."""

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.domain_factories import add_company, add_project, assert_refused, problem_for
from tracker.errors import NotFoundError, ValidationError
from tracker.models import Commodity, Event, EventCommodity
from tracker.services.events import (
    create_event,
    delete_event,
    events_of_project,
    update_event,
)


def commodity_symbols(session: Session, event_id: int) -> set[str]:
    return set(
        session.exec(
            select(Commodity.symbol).join(EventCommodity).where(EventCommodity.event_id == event_id)
        )
    )


def test_create_and_read_back(engine: Engine, session: Session) -> None:
    project = add_project(session, "Moly Hill")
    event = create_event(
        session,
        Event(
            event_date=date(2024, 5, 2),
            kind="drill result",
            title="  Hole MH-24-07: 312 m at 0.12 % Mo ",
            description="",
            source="https://news.example/mh-24-07",
            project_id=project.id,
        ),
        commodities=["Mo", "copper"],
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Event, event.id)
        assert stored is not None
        assert stored.title == "Hole MH-24-07: 312 m at 0.12 % Mo"
        assert stored.description is None
        assert (stored.event_date, stored.project_id, stored.company_id) == (
            date(2024, 5, 2),
            project.id,
            None,
        )
        assert commodity_symbols(fresh, event.id or 0) == {"Mo", "Cu"}


def test_global_event_has_neither_project_nor_company(session: Session) -> None:
    event = create_event(
        session,
        Event(event_date=date(2023, 7, 3), kind="policy/regulatory", title="Export controls"),
        commodities=["Graphite"],
    )
    assert (event.project_id, event.company_id) == (None, None)
    assert commodity_symbols(session, event.id or 0) == {"Graphite"}


def test_update_replaces_fields_and_commodities(engine: Engine, session: Session) -> None:
    company = add_company(session, "Moly Mines")
    event = create_event(
        session,
        Event(event_date=date(2024, 1, 1), kind="news", title="Old", company_id=company.id),
        commodities=["Mo"],
    )
    update_event(
        session,
        event.id or 0,
        Event(
            event_date=date(2024, 1, 2),
            kind="financing",
            title="C$5 M placement",
            company_id=company.id,
        ),
        commodities=["W"],
    )
    update_event(
        session,
        event.id or 0,
        Event(
            event_date=date(2024, 1, 2),
            kind="financing",
            title="C$6 M placement",
            company_id=company.id,
        ),
    )
    session.commit()
    with Session(engine) as fresh:
        stored = fresh.get(Event, event.id)
        assert stored is not None
        assert (stored.kind, stored.title, stored.event_date) == (
            "financing",
            "C$6 M placement",
            date(2024, 1, 2),
        )
        assert commodity_symbols(fresh, event.id or 0) == {"W"}  # kept when not given


def test_events_of_project_oldest_first(session: Session) -> None:
    project = add_project(session, "Moly Hill")
    other = add_project(session, "Other")
    late = create_event(
        session, Event(event_date=date(2024, 9, 1), kind="permit", title="B", project_id=project.id)
    )
    early = create_event(
        session, Event(event_date=date(2022, 1, 1), kind="study", title="A", project_id=project.id)
    )
    create_event(
        session, Event(event_date=date(2023, 1, 1), kind="news", title="C", project_id=other.id)
    )
    assert [e.id for e in events_of_project(session, project.id or 0)] == [early.id, late.id]


def test_delete_event(engine: Engine, session: Session) -> None:
    event = create_event(
        session, Event(event_date=date(2024, 1, 1), kind="news", title="x"), commodities=["Au"]
    )
    delete_event(session, event.id or 0)
    session.commit()
    with Session(engine) as fresh:
        assert fresh.exec(select(Event)).all() == []
        assert fresh.exec(select(EventCommodity)).all() == []
    with pytest.raises(NotFoundError):
        delete_event(session, event.id or 0)


def test_invalid_event(engine: Engine, session: Session) -> None:
    error = assert_refused(
        engine,
        session,
        lambda: create_event(
            session,
            Event(
                event_date=date(2024, 1, 1), kind="rumour", title=" ", project_id=5, company_id=6
            ),
            commodities=["Unobtainium"],
        ),
        ValidationError,
    )
    assert str(problem_for(error, "kind")).startswith("kind 'rumour': must be one of drill result")
    assert str(problem_for(error, "title")) == "title (empty): is required"
    assert str(problem_for(error, "project")) == "project 5: is not a known project"
    assert str(problem_for(error, "company")) == "company 6: is not a known company"
    assert str(problem_for(error, "commodities")) == (
        "commodities 'Unobtainium': is not a known commodity"
    )
