"""Share prices typed in by hand with their date; the latest on or before a day is used."""

from collections.abc import Collection
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import and_, func, select
from sqlmodel import Session, col

from tracker.errors import ConflictError
from tracker.models import Company, SharePrice
from tracker.portfolio.checks import check_company, date_rule, positive_failure, upper_code
from tracker.services.common import clean_text, get_or_raise
from tracker.validation import Checker, Currency, Rule, Rules, Text


class PricePoint(NamedTuple):
    company_id: int
    price_date: date
    price: Decimal
    currency: str


class SharePriceRow(NamedTuple):
    id: int
    company_id: int
    company: str
    price_date: date
    price: Decimal
    currency: str
    source: str | None


#: A share price's own rules, shared by the form and the Excel import.
SHARE_PRICE_RULES = Rules(
    date_rule("price_date"),
    Rule(("price",), positive_failure, required=True),
    Currency("currency", required=True),
    Text("source", 1000),
)


def check_share_price(session: Session, row: SharePrice) -> Checker:
    checker = Checker()
    check_company(checker, session, row.company_id)
    SHARE_PRICE_RULES.check(checker, row)
    return checker


def _normalise(row: SharePrice) -> None:
    row.currency = upper_code(row.currency)
    row.source = clean_text(row.source)


def record_share_price(session: Session, entry: SharePrice) -> SharePrice:
    """Enter a company's price on a day. A company has one price per day, so entering another
    price for the same day replaces it (a corrected close is the common reason)."""
    _normalise(entry)
    check_share_price(session, entry).raise_if_any()
    stored = session.scalars(
        select(SharePrice).where(
            col(SharePrice.company_id) == entry.company_id,
            col(SharePrice.price_date) == entry.price_date,
        )
    ).first()
    target = stored if stored is not None else entry
    if stored is not None:
        target.price, target.currency, target.source = entry.price, entry.currency, entry.source
    session.add(target)
    session.flush()
    return target


def update_share_price(session: Session, price_id: int, changes: SharePrice) -> SharePrice:
    """Edit a price; moving it onto a day that already has a price is refused."""
    stored = get_or_raise(session, SharePrice, price_id)
    _normalise(changes)
    check_share_price(session, changes).raise_if_any()
    clash = session.scalars(
        select(col(SharePrice.id)).where(
            col(SharePrice.company_id) == changes.company_id,
            col(SharePrice.price_date) == changes.price_date,
            col(SharePrice.id) != price_id,
        )
    ).first()
    if clash is not None:
        raise ConflictError(f"there is already a price on {changes.price_date.isoformat()}")
    stored.company_id, stored.price_date = changes.company_id, changes.price_date
    stored.price, stored.currency, stored.source = changes.price, changes.currency, changes.source
    session.add(stored)
    session.flush()
    return stored


def delete_share_price(session: Session, price_id: int) -> None:
    session.delete(get_or_raise(session, SharePrice, price_id))
    session.flush()


def share_price_rows(session: Session) -> list[SharePriceRow]:
    """Every entered price, newest first."""
    rows = session.execute(
        select(
            col(SharePrice.id),
            col(SharePrice.company_id),
            col(Company.name),
            col(SharePrice.price_date),
            col(SharePrice.price),
            col(SharePrice.currency),
            col(SharePrice.source),
        )
        .join(Company, col(Company.id) == col(SharePrice.company_id))
        .order_by(col(SharePrice.price_date).desc(), col(Company.name))
    )
    return [SharePriceRow(*row) for row in rows]


def latest_prices(
    session: Session, on: date, company_ids: Collection[int] | None = None
) -> dict[int, PricePoint]:
    """Each company's latest price on or before ``on``, in one query."""
    conditions = [col(SharePrice.price_date) <= on]
    if company_ids is not None:
        conditions.append(col(SharePrice.company_id).in_(list(company_ids)))
    last = (
        select(
            col(SharePrice.company_id).label("company_id"),
            func.max(col(SharePrice.price_date)).label("price_date"),
        )
        .where(*conditions)
        .group_by(col(SharePrice.company_id))
        .subquery()
    )
    rows = session.execute(
        select(
            col(SharePrice.company_id),
            col(SharePrice.price_date),
            col(SharePrice.price),
            col(SharePrice.currency),
        ).join(
            last,
            and_(
                col(SharePrice.company_id) == last.c.company_id,
                col(SharePrice.price_date) == last.c.price_date,
            ),
        )
    )
    return {row[0]: PricePoint(*row) for row in rows}


def latest_price(session: Session, company_id: int, on: date) -> PricePoint | None:
    """A company's latest price on or before ``on``, or None when none was entered."""
    return latest_prices(session, on, [company_id]).get(company_id)
