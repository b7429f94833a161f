"""Compact rows for lists and tables: tuples straight from SQL, never ORM objects.

Written for 100,000 projects: each list is one query per table, joined in Python by id.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple, cast

from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from tracker.models import (
    Company,
    Deal,
    Event,
    Listing,
    Project,
    ProjectOwner,
    Study,
)
from tracker.rowsets import lead_owners, project_commodities


class ProjectRow(NamedTuple):
    id: int
    name: str
    company: str | None
    country: str | None
    region: str | None
    stage: str | None
    status: str
    commodities: tuple[str, ...]


class CompanyRow(NamedTuple):
    id: int
    name: str
    listings: tuple[str, ...]
    reporting_currency: str | None
    project_count: int


class StudyRow(NamedTuple):
    id: int
    project_id: int
    project: str
    study_type: str
    title: str
    publication_date: date | None
    currency: str
    after_tax_npv: Decimal | None
    discount_rate_pct: Decimal | None
    after_tax_irr_pct: Decimal | None
    initial_capex: Decimal | None


class DealRow(NamedTuple):
    id: int
    title: str
    deal_type: str
    status: str
    project: str | None
    acquirer: str | None
    counterparty: str | None
    interest_pct: Decimal | None
    announced_date: date | None
    closed_date: date | None


class EventRow(NamedTuple):
    id: int
    event_date: date
    kind: str
    title: str
    project: str | None
    company: str | None


def contains(text: str | None, *columns: Any) -> ColumnElement[bool]:
    """A case-insensitive "any of these columns contains ``text``" condition (all rows if empty).

    ``%`` and ``_`` in the text are matched literally.
    """
    needle = (text or "").strip()
    if not needle:
        return true()
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))


def _project_matches(search: str | None) -> ColumnElement[bool]:
    if not search or not search.strip():
        return true()
    owned_by_match = col(Project.id).in_(
        select(col(ProjectOwner.project_id))
        .join(Company, col(Company.id) == col(ProjectOwner.company_id))
        .where(contains(search, col(Company.name)))
    )
    places = (col(Project.name), col(Project.country), col(Project.region), col(Project.district))
    return or_(contains(search, *places), owned_by_match)


#: The primary key typed as never-null, as it is once a row is stored.
_PROJECT_ID = cast("ColumnElement[int]", col(Project.id))


def project_rows(session: Session, search: str | None = None) -> list[ProjectRow]:
    """Projects (all, or those whose name, place or owner matches ``search``) with their
    operator (or largest owner) and commodities."""
    lead = lead_owners(session)
    names = dict(session.connection().execute(select(col(Company.id), col(Company.name))).all())
    commodities = project_commodities(session)
    rows = (
        session.connection()
        .execute(
            select(
                _PROJECT_ID,
                col(Project.name),
                col(Project.country),
                col(Project.region),
                col(Project.stage),
                col(Project.status),
            )
            .where(_project_matches(search))
            .order_by(col(Project.name), col(Project.id))
        )
        .all()
    )
    return [
        ProjectRow(
            project_id,
            name,
            names.get(lead[project_id]) if project_id in lead else None,
            country,
            region,
            stage,
            status,
            commodities.get(project_id, ()),
        )
        for project_id, name, country, region, stage, status in rows
    ]


def company_rows(session: Session, search: str | None = None) -> list[CompanyRow]:
    """Companies (all, or those whose name or ticker matches ``search``)."""
    listings: dict[int, list[str]] = defaultdict(list)
    for company_id, exchange, ticker in session.execute(
        select(col(Listing.company_id), col(Listing.exchange), col(Listing.ticker)).order_by(
            col(Listing.id)
        )
    ):
        listings[company_id].append(f"{exchange}: {ticker}")
    counts: dict[int, int] = defaultdict(int)
    for (company_id,) in session.execute(select(col(ProjectOwner.company_id))):
        counts[company_id] += 1
    rows = session.execute(
        select(col(Company.id), col(Company.name), col(Company.reporting_currency))
        .where(
            or_(
                contains(search, col(Company.name)),
                col(Company.id).in_(
                    select(col(Listing.company_id)).where(contains(search, col(Listing.ticker)))
                ),
            )
        )
        .order_by(col(Company.name))
    )
    return [
        CompanyRow(company_id, name, tuple(listings[company_id]), currency, counts[company_id])
        for company_id, name, currency in rows
    ]


def study_rows(session: Session, search: str | None = None) -> list[StudyRow]:
    """Studies, oldest first (all, or those whose title, type or project matches ``search``)."""
    rows = session.execute(
        select(
            col(Study.id),
            col(Study.project_id),
            col(Project.name),
            col(Study.study_type),
            col(Study.title),
            col(Study.publication_date),
            col(Study.currency),
            col(Study.after_tax_npv),
            col(Study.discount_rate_pct),
            col(Study.after_tax_irr_pct),
            col(Study.initial_capex),
        )
        .join(Project, col(Project.id) == col(Study.project_id))
        .where(contains(search, col(Study.title), col(Study.study_type), col(Project.name)))
        .order_by(col(Study.publication_date), col(Study.id))
    )
    return [StudyRow(*row) for row in rows]


def deal_rows(session: Session, search: str | None = None) -> list[DealRow]:
    """Deals by announcement (all, or those whose title, project or parties match ``search``)."""
    acquirer = aliased(Company)
    counterparty = aliased(Company)
    rows = session.execute(
        select(
            col(Deal.id),
            col(Deal.title),
            col(Deal.deal_type),
            col(Deal.status),
            col(Project.name),
            col(acquirer.name),
            col(counterparty.name),
            col(Deal.interest_pct),
            col(Deal.announced_date),
            col(Deal.closed_date),
        )
        .outerjoin(Project, and_(col(Project.id) == col(Deal.project_id)))
        .outerjoin(acquirer, col(acquirer.id) == col(Deal.acquirer_id))
        .outerjoin(counterparty, col(counterparty.id) == col(Deal.counterparty_id))
        .where(
            contains(
                search,
                col(Deal.title),
                col(Project.name),
                col(acquirer.name),
                col(counterparty.name),
            )
        )
        .order_by(col(Deal.announced_date).nulls_first(), col(Deal.id))
    )
    return [DealRow(*row) for row in rows]


def event_rows(session: Session, search: str | None = None) -> list[EventRow]:
    """Events by date (all, or those whose title, project or company matches ``search``)."""
    rows = session.execute(
        select(
            col(Event.id),
            col(Event.event_date),
            col(Event.kind),
            col(Event.title),
            col(Project.name),
            col(Company.name),
        )
        .outerjoin(Project, col(Project.id) == col(Event.project_id))
        .outerjoin(Company, col(Company.id) == col(Event.company_id))
        .where(contains(search, col(Event.title), col(Project.name), col(Company.name)))
        .order_by(col(Event.event_date), col(Event.id))
    )
    return [EventRow(*row) for row in rows]
