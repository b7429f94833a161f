"""The rows of the main window's lists, with what search and filters need, loaded fast.

Each loader reads plain columns with one query per table and joins them in Python by id (ORM
objects load at about 40,000 a second; tuples are many times faster). ``limit`` gives the first
rows in the list's default order only, so that a window shows its first screen at once while
the rest loads in the background.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Mapped, aliased
from sqlalchemy.sql import Executable
from sqlmodel import Session, col

from tracker.filters import Facets, RowSet, build_rowset, search_text
from tracker.models import (
    Commodity,
    Company,
    Deal,
    Event,
    EventCommodity,
    Holding,
    Listing,
    Project,
    ProjectCommodity,
    ProjectOwner,
    Study,
)
from tracker.portfolio.reporting import NOT_REPORTED, Reported, ReportingBook, reported
from tracker.project_figures import StudyFigures, next_milestones, study_figures
from tracker.search_words import TradeWords, project_owner_ids

#: Ids per ``IN (...)`` list: well under SQLite's limit on bound parameters.
CHUNK = 500


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
    """The next pending date (see ``tracker.project_figures.next_milestones``) and its kind."""
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


class ProjectContext(NamedTuple):
    """What rows that belong to a project inherit for filtering: its commodities and country."""

    commodities: frozenset[str]
    countries: frozenset[str]


NO_CONTEXT = ProjectContext(frozenset(), frozenset())


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


def _stream(session: Session, query: Executable) -> Iterable[Any]:
    """Rows one by one as the cursor yields them, so a million never sit in memory twice."""
    return session.connection().execute(query)


def _rows(session: Session, query: Executable) -> Sequence[Any]:
    """Run a Core query on the session's connection: plain rows, no ORM bookkeeping per row."""
    return session.connection().execute(query).all()


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _symbols(session: Session) -> dict[int, str]:
    return dict(_rows(session, select(col(Commodity.id), col(Commodity.symbol))))


def _company_names(session: Session) -> dict[int, str]:
    return dict(_rows(session, select(col(Company.id), col(Company.name))))


def project_commodities(
    session: Session, project_ids: Sequence[int] | None = None
) -> dict[int, tuple[str, ...]]:
    """Commodity symbols per project, primary first (all projects, or the ones named)."""
    symbols = _symbols(session)
    query = select(col(ProjectCommodity.project_id), col(ProjectCommodity.commodity_id)).order_by(
        col(ProjectCommodity.project_id), col(ProjectCommodity.rank)
    )
    grouped: dict[int, list[str]] = defaultdict(list)
    for rows in _filtered(session, query, col(ProjectCommodity.project_id), project_ids):
        for project_id, commodity_id in rows:
            grouped[project_id].append(symbols[commodity_id])
    return {project_id: tuple(found) for project_id, found in grouped.items()}


def _filtered(
    session: Session,
    query: Select[*tuple[Any, ...]],
    column: Mapped[int],
    ids: Sequence[int] | None,
) -> Iterable[Sequence[Any]]:
    """Run ``query`` once, or once per chunk of ``ids`` when only some ids are wanted."""
    if ids is None:
        yield _rows(session, query)
        return
    for chunk in _chunks(ids):
        yield _rows(session, query.where(column.in_(chunk)))


def lead_owners(session: Session, project_ids: Sequence[int] | None = None) -> dict[int, int]:
    """Each project's operator, else its largest owner: project id -> company id."""
    query = select(col(ProjectOwner.project_id), col(ProjectOwner.company_id)).order_by(
        col(ProjectOwner.project_id),
        col(ProjectOwner.is_operator).desc(),
        col(ProjectOwner.interest_pct).desc(),
        col(ProjectOwner.id),
    )
    lead: dict[int, int] = {}
    for rows in _filtered(session, query, col(ProjectOwner.project_id), project_ids):
        for project_id, company_id in rows:
            lead.setdefault(project_id, company_id)
    return lead


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
    rows = _rows(session, query)
    ids = [row[0] for row in rows] if limit is not None else None
    lead = lead_owners(session, ids)
    names = _company_names(session)
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


def project_rowset(
    session: Session, limit: int | None = None, today: date | None = None
) -> RowSet[ProjectItem]:
    """Projects to list, found by name, place, owner or an owner's ticker, stage, latest study
    type, and commodity symbol or name ("Au" or "gold")."""
    items = project_items(session, limit, today)
    owners = project_owner_ids(session, [r.id for r in items] if limit is not None else None)
    companies = None if limit is None else [c for found in owners.values() for c in found]
    words = TradeWords.load(session, companies)
    return build_rowset(
        items,
        _item_id,
        lambda r: search_text(
            r.name,
            r.company,
            r.country,
            r.region,
            r.stage,
            r.commodities,
            words.commodities(r.commodities),
            words.tickers(owners.get(r.id, ())),
            r.study_type,
        ),
        lambda r: Facets(
            commodities=frozenset(r.commodities),
            countries=frozenset((r.country,)) if r.country else frozenset(),
            stage=r.stage,
            status=r.status,
        ),
        complete=limit is None,
        exact=words.symbols,
    )


def _item_id(row: tuple[Any, ...]) -> int:
    record_id: int = row[0]
    return record_id


def project_contexts(
    session: Session, project_ids: Sequence[int] | None = None
) -> dict[int, ProjectContext]:
    """Commodities and country of every project (or of the ones named)."""
    commodities = project_commodities(session, project_ids)
    query = select(col(Project.id), col(Project.country))
    countries: dict[int, str | None] = {}
    if project_ids is None:
        countries.update(_rows(session, query))
    else:
        for chunk in _chunks(project_ids):
            countries.update(_rows(session, query.where(col(Project.id).in_(chunk))))
    return {
        project_id: ProjectContext(
            frozenset(commodities.get(project_id, ())),
            frozenset((country,)) if country else frozenset(),
        )
        for project_id, country in countries.items()
    }


def company_rowset(session: Session, limit: int | None = None) -> RowSet[CompanyItem]:
    """Companies by name with listings, project count, and the countries and commodities of
    their projects (for the filters)."""
    query = select(col(Company.id), col(Company.name), col(Company.reporting_currency))
    if limit is not None:
        query = query.order_by(col(Company.name), col(Company.id)).limit(limit)
    rows = _rows(session, query)
    ids = [row[0] for row in rows] if limit is not None else None
    listings: dict[int, list[str]] = defaultdict(list)
    listing_query = select(
        col(Listing.company_id), col(Listing.exchange), col(Listing.ticker)
    ).order_by(col(Listing.id))
    for chunk in _filtered(session, listing_query, col(Listing.company_id), ids):
        for company_id, exchange, ticker in chunk:
            listings[company_id].append(f"{exchange}: {ticker}")
    owned: dict[int, list[int]] = defaultdict(list)
    owner_query = select(col(ProjectOwner.company_id), col(ProjectOwner.project_id))
    for chunk in _filtered(session, owner_query, col(ProjectOwner.company_id), ids):
        for company_id, project_id in chunk:
            owned[company_id].append(project_id)
    wanted = sorted({p for projects in owned.values() for p in projects}) if ids else None
    contexts = project_contexts(session, wanted)
    items: list[CompanyItem] = []
    facets: list[Facets] = []
    for company_id, name, currency in rows:
        projects = owned.get(company_id, [])
        found = [contexts.get(p, NO_CONTEXT) for p in projects]
        places = frozenset().union(*(context.countries for context in found))
        metals = frozenset().union(*(context.commodities for context in found))
        items.append(
            CompanyItem(
                company_id,
                name,
                tuple(listings.get(company_id, ())),
                currency,
                len(projects),
                tuple(sorted(places, key=str.casefold)),
            )
        )
        facets.append(Facets(commodities=metals, countries=places))
    by_id = dict(zip((item.id for item in items), facets, strict=True))
    words = TradeWords.load(session)
    return build_rowset(
        items,
        _item_id,
        lambda r: search_text(
            r.name,
            r.listings,
            r.reporting_currency,
            r.countries,
            tuple(by_id[r.id].commodities),
            words.commodities(by_id[r.id].commodities),
        ),
        lambda r: by_id[r.id],
        complete=limit is None,
        exact=words.symbols,
    )


def _context_facets(
    contexts: dict[int, ProjectContext], project_id: int | None, **values: object
) -> Facets:
    context = contexts.get(project_id, NO_CONTEXT) if project_id is not None else NO_CONTEXT
    return Facets(commodities=context.commodities, countries=context.countries, **values)  # type: ignore[arg-type]


def _context_words(
    contexts: dict[int, ProjectContext], project_id: int | None, words: TradeWords
) -> str:
    """The country and commodities (symbols and names) of a row's project, for its search."""
    context = contexts.get(project_id, NO_CONTEXT) if project_id is not None else NO_CONTEXT
    return search_text(
        tuple(context.countries), tuple(context.commodities), words.commodities(context.commodities)
    )


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
    for row in _stream(session, query):
        values = share.row(row, 1, 3, 4, 6)
        currency, npv, capex = values[6], values[7], values[9]
        figures = reported(reporting, currency, npv, capex)
        items.append(StudyItem(*values, figures))  # type: ignore[call-arg]  # (11 values)
    return items


def study_rowset(session: Session, limit: int | None = None) -> RowSet[StudyItem]:
    items = study_items(session, limit)
    contexts = project_contexts(session, _project_ids(items, limit))
    words = TradeWords.load(session)
    return build_rowset(
        items,
        _item_id,
        lambda r: search_text(
            r.project,
            r.study_type,
            r.title,
            r.publication_date,
            _context_words(contexts, r.project_id, words),
        ),
        lambda r: _context_facets(contexts, r.project_id, kind=r.study_type),
        day=lambda r: r.publication_date,
        complete=limit is None,
        exact=words.symbols,
    )


def _project_ids(
    items: Sequence[StudyItem | DealItem | EventItem], limit: int | None
) -> list[int] | None:
    if limit is None:
        return None
    return sorted({item.project_id for item in items if item.project_id is not None})


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
    for row in _stream(session, query):
        values = share.row(row, 1, 3, 4, 6, 7, 8, 11)
        figures = reported(reporting, values[11], values[10], None)
        items.append(DealItem(*values, figures))  # type: ignore[call-arg]  # (12 values)
    return items


def deal_rowset(session: Session, limit: int | None = None) -> RowSet[DealItem]:
    items = deal_items(session, limit)
    contexts = project_contexts(session, _project_ids(items, limit))
    words = TradeWords.load(session)
    return build_rowset(
        items,
        _item_id,
        lambda r: search_text(
            r.title,
            r.deal_type,
            r.status,
            r.project,
            r.acquirer,
            r.counterparty,
            _context_words(contexts, r.project_id, words),
        ),
        lambda r: _context_facets(contexts, r.project_id, kind=r.deal_type, status=r.status),
        day=lambda r: r.announced_date,
        complete=limit is None,
        exact=words.symbols,
    )


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
    return [EventItem(*share.row(row, 1, 2, 5, 6)) for row in _stream(session, query)]


def event_commodities(
    session: Session, event_ids: Sequence[int] | None = None
) -> dict[int, frozenset[str]]:
    """Commodities an event is tagged with (typically global events)."""
    symbols = _symbols(session)
    query = select(col(EventCommodity.event_id), col(EventCommodity.commodity_id))
    grouped: dict[int, set[str]] = defaultdict(set)
    for rows in _filtered(session, query, col(EventCommodity.event_id), event_ids):
        for event_id, commodity_id in rows:
            grouped[event_id].add(symbols[commodity_id])
    return {event_id: frozenset(found) for event_id, found in grouped.items()}


def event_rowset(session: Session, limit: int | None = None) -> RowSet[EventItem]:
    items = event_items(session, limit)
    contexts = project_contexts(session, _project_ids(items, limit))
    tagged = event_commodities(session, [r.id for r in items] if limit is not None else None)

    def facets(item: EventItem) -> Facets:
        found = _context_facets(contexts, item.project_id, kind=item.kind)
        extra = tagged.get(item.id)
        return found._replace(commodities=found.commodities | extra) if extra else found

    return build_rowset(
        items,
        _item_id,
        lambda r: search_text(r.title, r.kind, r.project, r.company, r.event_date),
        facets,
        day=lambda r: r.event_date,
        complete=limit is None,
    )


class Counts(NamedTuple):
    """How many records of each kind the database holds, for the status bar and welcome view."""

    projects: int
    companies: int
    studies: int
    deals: int
    events: int
    holdings: int

    @property
    def empty(self) -> bool:
        return self.projects == 0 and self.companies == 0


def counts(session: Session) -> Counts:
    def count(model: type[object]) -> int:
        return int(_rows(session, select(func.count()).select_from(model))[0][0])

    return Counts(
        count(Project), count(Company), count(Study), count(Deal), count(Event), count(Holding)
    )
