"""Dated events on projects, companies, or the whole market."""

from collections.abc import Sequence

from sqlmodel import Session, col, delete, select

from tracker.enums import EventKind
from tracker.models import Company, Event, EventCommodity, Project
from tracker.services.commodities import resolve_commodities
from tracker.services.common import clean_text, copy_fields, get_or_raise
from tracker.validation import Checker, Choice, IsDate, Rules, Text

#: An event's own rules, shared by the forms and the Excel import.
EVENT_RULES = Rules(
    Choice("kind", EventKind, required=True),
    Text("title", 300, required=True),
    IsDate("event_date"),
)
SOURCE_RULES = Rules(Text("source", 1000))


def check_event(session: Session, event: Event) -> Checker:
    checker = Checker()
    EVENT_RULES.check(checker, event)
    if event.project_id is not None and session.get(Project, event.project_id) is None:
        checker.fail("project", event.project_id, "is not a known project")
    if event.company_id is not None and session.get(Company, event.company_id) is None:
        checker.fail("company", event.company_id, "is not a known company")
    SOURCE_RULES.check(checker, event)
    return checker


def _normalise(event: Event) -> None:
    event.title = (clean_text(event.title) or "").strip()
    event.description = clean_text(event.description)
    event.source = clean_text(event.source)


def create_event(session: Session, event: Event, commodities: Sequence[str] = ()) -> Event:
    """Add an event; with neither project nor company it is global."""
    _normalise(event)
    checker = check_event(session, event)
    ids, problems = resolve_commodities(session, commodities)
    checker.absorb(problems)
    checker.raise_if_any()
    session.add(event)
    session.flush()
    assert event.id is not None
    _replace_commodities(session, event.id, ids)
    return event


def update_event(
    session: Session, event_id: int, changes: Event, commodities: Sequence[str] | None = None
) -> Event:
    stored = get_or_raise(session, Event, event_id)
    _normalise(changes)
    checker = check_event(session, changes)
    ids, problems = resolve_commodities(session, commodities or ())
    checker.absorb(problems)
    checker.raise_if_any()
    copy_fields(stored, changes, exclude=frozenset({"id"}))
    session.add(stored)
    if commodities is not None:
        _replace_commodities(session, event_id, ids)
    session.flush()
    return stored


def _replace_commodities(session: Session, event_id: int, commodity_ids: Sequence[int]) -> None:
    session.exec(delete(EventCommodity).where(col(EventCommodity.event_id) == event_id))
    for commodity_id in commodity_ids:
        session.add(EventCommodity(event_id=event_id, commodity_id=commodity_id))
    session.flush()


def delete_event(session: Session, event_id: int) -> None:
    session.delete(get_or_raise(session, Event, event_id))
    session.flush()


def events_of_project(session: Session, project_id: int) -> list[Event]:
    """A project's own events, oldest first."""
    return list(
        session.exec(
            select(Event)
            .where(Event.project_id == project_id)
            .order_by(col(Event.event_date), col(Event.id))
        )
    )


def commodity_symbols_of(session: Session, event_id: int) -> list[str]:
    """The symbols of the commodities an event is linked to (what its form shows)."""
    from tracker.models import Commodity

    return list(
        session.exec(
            select(Commodity.symbol)
            .join(EventCommodity, col(EventCommodity.commodity_id) == Commodity.id)
            .where(EventCommodity.event_id == event_id)
        ).all()
    )
