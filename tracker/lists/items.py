"""The rows of the main window's lists (and of ``list``), loaded fast as plain tuples.

Each loader reads plain columns with one query per table and joins them in Python by id.
``limit`` gives the first rows in the list's default order only, so that a window shows its
first screen at once while the rest loads in the background.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from tracker.lists.lookups import (
    company_names,
    lead_owners,
    plain_rows,
    project_commodities,
    stream_rows,
)
from tracker.lists.project_figures import StudyFigures, next_milestones, study_figures
from tracker.models import Company, Deal, Event, Project, Study
from tracker.portfolio.reporting import NOT_REPORTED, Reported, ReportingBook, reported


class ProjectItem(NamedTuple):
    id: int
    name: str
    company: str | None
    country: str | None
    region: str | None
    stage: str | None
    commodities: tuple[str, ...]
    status: str
    study_type: str | None = None
    """The latest study's type, date, currency and headline figures."""
    study_date: date | None = None
    study_currency: str | None = None
    after_tax_npv: Decimal | None = None
    after_tax_irr_pct: Decimal | None = None
    initial_capex: Decimal | None = None
    milestone_date: date | None = None
    """The next pending date (``tracker.lists.project_figures.next_milestones``) and its kind."""
    milestone: str | None = None
    reporting: Reported = NOT_REPORTED
    """The study's NPV and capex in the reporting currency."""


class CompanyItem(NamedTuple):
    id: int
    name: str
    listings: tuple[str, ...]
    reporting_currency: str | None
    project_count: int
    countries: tuple[str, ...]


class StudyItem(NamedTuple):
    id: int
    publication_date: date | None
    project_id: int
    project: str
    study_type: str
    title: str
    currency: str
    after_tax_npv: Decimal | None
    after_tax_irr_pct: Decimal | None
    initial_capex: Decimal | None
    discount_rate_pct: Decimal | None = None
    reporting: Reported = NOT_REPORTED
    """NPV and capex in the reporting currency."""


class DealItem(NamedTuple):
    id: int
    announced_date: date | None
    title: str
    deal_type: str
    status: str
    project_id: int | None
    project: str | None
    acquirer: str | None
    counterparty: str | None
    interest_pct: Decimal | None
    consideration: Decimal | None = None
    consideration_currency: str | None = None
    reporting: Reported = NOT_REPORTED
    """The consideration in the reporting currency (as ``after_tax_npv``)."""


class EventItem(NamedTuple):
    id: int
    event_date: date
    kind: str
    title: str
    project_id: int | None
    project: str | None
    company: str | None


class Sharer:
    """Makes equal values one object: a million events name a few thousand projects, kinds and
    dates, and sharing them keeps the lists' memory to a fraction."""

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}

    def value(self, value: Any) -> Any:
        return value if value is None else self._seen.setdefault(value, value)

    def row(self, row: Sequence[Any], *positions: int) -> list[Any]:
        values = list(row)
        for position in positions:
            values[position] = self.value(values[position])
        return values


def project_items(
    session: Session, limit: int | None = None, today: date | None = None
) -> list[ProjectItem]:
    """Projects by name, with lead owner, commodities, latest study and next milestone (from
    ``today``, by default the real one); ``limit`` gives only the first ones."""
    query = select(
        col(Project.id),
        col(Project.name),
        col(Project.country),
        col(Project.region),
        col(Project.stage),
        col(Project.status),
    )
    if limit is not None:
        query = query.order_by(col(Project.name), col(Project.id)).limit(limit)
    rows = plain_rows(session, query)
    ids = [row[0] for row in rows] if limit is not None else None
    lead = lead_owners(session, ids)
    names = company_names(session)
    commodities = project_commodities(session, ids)
    studies = study_figures(session, ids)
    day = today or date.today()
    milestones = next_milestones(session, day, ids)
    reporting = ReportingBook.load(session, day)
    items = []
    share = Sharer()
    for project_id, name, country, region, stage, status in rows:
        company_id = lead.get(project_id)
        study = studies.get(project_id)
        converted = (
            NOT_REPORTED
            if study is None
            else reported(reporting, study.currency, study.after_tax_npv, study.initial_capex)
        )
        items.append(
            ProjectItem(
                project_id,
                name,
                names.get(company_id) if company_id is not None else None,
                share.value(country),
                share.value(region),
                share.value(stage),
                share.value(commodities.get(project_id, ())),
                share.value(status),
                *(study or NO_STUDY),
                *milestones.get(project_id, NO_MILESTONE),
                converted,  # type: ignore[call-arg]  # mypy cannot count the starred parts
            )
        )
    return items


NO_STUDY = (None,) * len(StudyFigures._fields)


NO_MILESTONE = (None, None)


def study_items(session: Session, limit: int | None = None) -> list[StudyItem]:
    """Studies, newest first when limited, with their project's name."""
    query = select(
        col(Study.id),
        col(Study.publication_date),
        col(Study.project_id),
        col(Project.name),
        col(Study.study_type),
        col(Study.title),
        col(Study.currency),
        col(Study.after_tax_npv),
        col(Study.after_tax_irr_pct),
        col(Study.initial_capex),
        col(Study.discount_rate_pct),
    ).join(Project, col(Project.id) == col(Study.project_id))
    if limit is not None:
        query = query.order_by(col(Study.publication_date).desc(), col(Study.id)).limit(limit)
    share = Sharer()
    reporting = ReportingBook.load(session, date.today())
    items = []
    for row in stream_rows(session, query):
        values = share.row(row, 1, 3, 4, 6)
        currency, npv, capex = values[6], values[7], values[9]
        figures = reported(reporting, currency, npv, capex)
        items.append(StudyItem(*values, figures))  # type: ignore[call-arg]  # (11 values)
    return items


def deal_items(session: Session, limit: int | None = None) -> list[DealItem]:
    """Deals, newest announcement first when limited, with project and company names."""
    acquirer = aliased(Company)
    counterparty = aliased(Company)
    query = (
        select(
            col(Deal.id),
            col(Deal.announced_date),
            col(Deal.title),
            col(Deal.deal_type),
            col(Deal.status),
            col(Deal.project_id),
            col(Project.name),
            col(acquirer.name),
            col(counterparty.name),
            col(Deal.interest_pct),
            col(Deal.consideration),
            col(Deal.consideration_currency),
        )
        .outerjoin(Project, col(Project.id) == col(Deal.project_id))
        .outerjoin(acquirer, col(acquirer.id) == col(Deal.acquirer_id))
        .outerjoin(counterparty, col(counterparty.id) == col(Deal.counterparty_id))
    )
    if limit is not None:
        query = query.order_by(col(Deal.announced_date).desc(), col(Deal.id)).limit(limit)
    share = Sharer()
    reporting = ReportingBook.load(session, date.today())
    items = []
    for row in stream_rows(session, query):
        values = share.row(row, 1, 3, 4, 6, 7, 8, 11)
        figures = reported(reporting, values[11], values[10], None)
        items.append(DealItem(*values, figures))  # type: ignore[call-arg]  # (12 values)
    return items


def event_items(session: Session, limit: int | None = None) -> list[EventItem]:
    """Events, newest first when limited, with project and company names."""
    query = (
        select(
            col(Event.id),
            col(Event.event_date),
            col(Event.kind),
            col(Event.title),
            col(Event.project_id),
            col(Project.name),
            col(Company.name),
        )
        .outerjoin(Project, col(Project.id) == col(Event.project_id))
        .outerjoin(Company, col(Company.id) == col(Event.company_id))
    )
    if limit is not None:
        query = query.order_by(col(Event.event_date).desc(), col(Event.id)).limit(limit)
    share = Sharer()
    return [EventItem(*share.row(row, 1, 2, 5, 6)) for row in stream_rows(session, query)]
