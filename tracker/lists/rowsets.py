"""Each list's rows as a ``RowSet``: with the text a search matches and the facets it filters on.

The search text speaks the trade (commodity names beside symbols, owners' tickers, a project's
country and commodities on its studies, deals and events). The window's search box and
``list --search`` search these same rowsets (see ``tracker.lists.search``).
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.filters import Facets, RowSet, build_rowset, search_text
from tracker.lists.items import (
    CompanyItem,
    DealItem,
    EventItem,
    ProjectItem,
    StudyItem,
    deal_items,
    event_items,
    project_items,
    study_items,
)
from tracker.lists.lookups import (
    NO_CONTEXT,
    ProjectContext,
    event_commodities,
    filtered,
    plain_rows,
    project_contexts,
)
from tracker.lists.search_words import TradeWords, project_owner_ids
from tracker.models import Company, Listing, ProjectOwner


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


def company_rowset(session: Session, limit: int | None = None) -> RowSet[CompanyItem]:
    """Companies by name with listings, project count, and the countries and commodities of
    their projects (for the filters)."""
    query = select(col(Company.id), col(Company.name), col(Company.reporting_currency))
    if limit is not None:
        query = query.order_by(col(Company.name), col(Company.id)).limit(limit)
    rows = plain_rows(session, query)
    ids = [row[0] for row in rows] if limit is not None else None
    listings: dict[int, list[str]] = defaultdict(list)
    listing_query = select(
        col(Listing.company_id), col(Listing.exchange), col(Listing.ticker)
    ).order_by(col(Listing.id))
    for chunk in filtered(session, listing_query, col(Listing.company_id), ids):
        for company_id, exchange, ticker in chunk:
            listings[company_id].append(f"{exchange}: {ticker}")
    owned: dict[int, list[int]] = defaultdict(list)
    owner_query = select(col(ProjectOwner.company_id), col(ProjectOwner.project_id))
    for chunk in filtered(session, owner_query, col(ProjectOwner.company_id), ids):
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
