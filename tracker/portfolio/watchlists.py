"""Watchlists: screening filters saved under a name."""

from typing import NamedTuple

from sqlalchemy import func, select
from sqlmodel import Session, col

from tracker.enums import StudyType
from tracker.errors import ConflictError
from tracker.models import Commodity, Watchlist
from tracker.portfolio.screening import ScreenFilter
from tracker.services.commodities import resolve_commodities
from tracker.services.common import clean_text, get_or_raise
from tracker.validation import IRR_MAX, IRR_MIN, Checker, Choice, Number, Rules, Text


class WatchlistRow(NamedTuple):
    id: int
    name: str
    filter: ScreenFilter


#: A watchlist's own rules (its commodity is resolved against the commodity list).
WATCHLIST_RULES = Rules(
    Text("name", 100, required=True),
    Choice("min_study_type", StudyType),
    Number("min_irr_pct", minimum=IRR_MIN, maximum=IRR_MAX, unit="%"),
    Text("country", 80),
)


def _checked(session: Session, name: str, keep: ScreenFilter) -> tuple[str, ScreenFilter]:
    """Validate a name and filter; the commodity may be a symbol or a name, stored as symbol."""
    checker = Checker()
    clean_name = clean_text(name) or ""
    country = clean_text(keep.country)
    entry = Watchlist(
        name=clean_name,
        min_study_type=keep.min_study_type or None,
        min_irr_pct=keep.min_irr_pct,
        country=country,
    )
    WATCHLIST_RULES.check(checker, entry)
    symbol = None
    commodity = clean_text(keep.commodity)
    if commodity:
        ids, problems = resolve_commodities(session, [commodity], "commodity")
        checker.absorb(problems)
        if ids:
            symbol = _symbol(session, ids[0])
    checker.raise_if_any()
    return clean_name, ScreenFilter(symbol, keep.min_study_type or None, keep.min_irr_pct, country)


def _symbol(session: Session, commodity_id: int) -> str:
    return get_or_raise(session, Commodity, commodity_id).symbol


def _refuse_taken(session: Session, name: str, except_id: int | None) -> None:
    query = select(col(Watchlist.id)).where(func.lower(col(Watchlist.name)) == name.lower())
    if except_id is not None:
        query = query.where(col(Watchlist.id) != except_id)
    if session.scalars(query).first() is not None:
        raise ConflictError(f"a watchlist named '{name}' already exists")


def create_watchlist(session: Session, name: str, keep: ScreenFilter) -> Watchlist:
    """Save a filter under a new name (names are unique, ignoring case)."""
    clean_name, clean = _checked(session, name, keep)
    _refuse_taken(session, clean_name, None)
    row = Watchlist(name=clean_name)
    _copy(row, clean)
    session.add(row)
    session.flush()
    return row


def update_watchlist(
    session: Session, watchlist_id: int, name: str, keep: ScreenFilter
) -> Watchlist:
    """Rename a watchlist or replace its filter."""
    row = get_or_raise(session, Watchlist, watchlist_id)
    clean_name, clean = _checked(session, name, keep)
    _refuse_taken(session, clean_name, watchlist_id)
    row.name = clean_name
    _copy(row, clean)
    session.add(row)
    session.flush()
    return row


def _copy(row: Watchlist, keep: ScreenFilter) -> None:
    row.commodity, row.min_study_type = keep.commodity, keep.min_study_type
    row.min_irr_pct, row.country = keep.min_irr_pct, keep.country


def delete_watchlist(session: Session, watchlist_id: int) -> None:
    session.delete(get_or_raise(session, Watchlist, watchlist_id))
    session.flush()


def watchlist_rows(session: Session) -> list[WatchlistRow]:
    """Every watchlist by name."""
    rows = session.execute(
        select(
            col(Watchlist.id),
            col(Watchlist.name),
            col(Watchlist.commodity),
            col(Watchlist.min_study_type),
            col(Watchlist.min_irr_pct),
            col(Watchlist.country),
        ).order_by(func.lower(col(Watchlist.name)))
    )
    return [
        WatchlistRow(row_id, name, ScreenFilter(commodity, study, irr, country))
        for row_id, name, commodity, study, irr, country in rows
    ]
