"""The small lookups every list joins its rows with, one query per table, by id.

Plain columns through the session's connection: ORM objects load at about 40,000 a second;
tuples are many times faster. Given ids, a lookup reads only those (``CHUNK`` at a time).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Select, select
from sqlalchemy.orm import Mapped
from sqlalchemy.sql import Executable
from sqlmodel import Session, col

from tracker.models import (
    Commodity,
    Company,
    EventCommodity,
    Project,
    ProjectCommodity,
    ProjectOwner,
)

#: Ids per ``IN (...)`` list: well under SQLite's limit on bound parameters.
CHUNK = 500


def stream_rows(session: Session, query: Executable) -> Iterable[Any]:
    """Rows one by one as the cursor yields them, so a million never sit in memory twice."""
    return session.connection().execute(query)


def plain_rows(session: Session, query: Executable) -> Sequence[Any]:
    """Run a Core query on the session's connection: plain rows, no ORM bookkeeping per row."""
    return session.connection().execute(query).all()


def chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def filtered(
    session: Session,
    query: Select[*tuple[Any, ...]],
    column: Mapped[int],
    ids: Sequence[int] | None,
) -> Iterable[Sequence[Any]]:
    """Run ``query`` once, or once per chunk of ``ids`` when only some ids are wanted."""
    if ids is None:
        yield plain_rows(session, query)
        return
    for chunk in chunks(ids):
        yield plain_rows(session, query.where(column.in_(chunk)))


def _symbols(session: Session) -> dict[int, str]:
    return dict(plain_rows(session, select(col(Commodity.id), col(Commodity.symbol))))


def company_names(session: Session) -> dict[int, str]:
    return dict(plain_rows(session, select(col(Company.id), col(Company.name))))


def project_commodities(
    session: Session, project_ids: Sequence[int] | None = None
) -> dict[int, tuple[str, ...]]:
    """Commodity symbols per project, primary first (all projects, or the ones named)."""
    symbols = _symbols(session)
    query = select(col(ProjectCommodity.project_id), col(ProjectCommodity.commodity_id)).order_by(
        col(ProjectCommodity.project_id), col(ProjectCommodity.rank)
    )
    grouped: dict[int, list[str]] = defaultdict(list)
    for rows in filtered(session, query, col(ProjectCommodity.project_id), project_ids):
        for project_id, commodity_id in rows:
            grouped[project_id].append(symbols[commodity_id])
    return {project_id: tuple(found) for project_id, found in grouped.items()}


def lead_owners(session: Session, project_ids: Sequence[int] | None = None) -> dict[int, int]:
    """Each project's operator, else its largest owner: project id -> company id."""
    query = select(col(ProjectOwner.project_id), col(ProjectOwner.company_id)).order_by(
        col(ProjectOwner.project_id),
        col(ProjectOwner.is_operator).desc(),
        col(ProjectOwner.interest_pct).desc(),
        col(ProjectOwner.id),
    )
    lead: dict[int, int] = {}
    for rows in filtered(session, query, col(ProjectOwner.project_id), project_ids):
        for project_id, company_id in rows:
            lead.setdefault(project_id, company_id)
    return lead


class ProjectContext(NamedTuple):
    """What rows that belong to a project inherit for filtering: its commodities and country."""

    commodities: frozenset[str]
    countries: frozenset[str]


NO_CONTEXT = ProjectContext(frozenset(), frozenset())


def project_contexts(
    session: Session, project_ids: Sequence[int] | None = None
) -> dict[int, ProjectContext]:
    """Commodities and country of every project (or of the ones named)."""
    commodities = project_commodities(session, project_ids)
    query = select(col(Project.id), col(Project.country))
    countries: dict[int, str | None] = {}
    if project_ids is None:
        countries.update(plain_rows(session, query))
    else:
        for chunk in chunks(project_ids):
            countries.update(plain_rows(session, query.where(col(Project.id).in_(chunk))))
    return {
        project_id: ProjectContext(
            frozenset(commodities.get(project_id, ())),
            frozenset((country,)) if country else frozenset(),
        )
        for project_id, country in countries.items()
    }


def event_commodities(
    session: Session, event_ids: Sequence[int] | None = None
) -> dict[int, frozenset[str]]:
    """Commodities an event is tagged with (typically global events)."""
    symbols = _symbols(session)
    query = select(col(EventCommodity.event_id), col(EventCommodity.commodity_id))
    grouped: dict[int, set[str]] = defaultdict(set)
    for rows in filtered(session, query, col(EventCommodity.event_id), event_ids):
        for event_id, commodity_id in rows:
            grouped[event_id].add(symbols[commodity_id])
    return {event_id: frozenset(found) for event_id, found in grouped.items()}
