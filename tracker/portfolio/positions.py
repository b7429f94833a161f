"""Value and gain of each holding at the latest entered price, in the holding's currency.

A holding's shares and average cost are the sum of its transactions (``ledger``)."""

from collections.abc import Collection
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.models import Company, Holding, HoldingTransaction
from tracker.portfolio.fx import FxBook
from tracker.portfolio.ledger import Move, replay
from tracker.portfolio.prices import PricePoint, latest_prices
from tracker.portfolio.reporting import Converted, ReportingBook

HUNDRED = Decimal(100)


class PositionRow(NamedTuple):
    holding_id: int
    company_id: int
    company: str
    shares: Decimal
    average_cost: Decimal | None
    currency: str
    opened_date: date | None
    cost: Decimal | None
    price: Decimal | None
    price_date: date | None
    value: Decimal | None
    gain: Decimal | None
    gain_pct: Decimal | None
    note: str
    #: Value and gain in the reporting currency (``with_reporting``), at the valuation day's rate.
    reported_value: Converted | None = None
    reported_gain: Converted | None = None


class HoldingRow(NamedTuple):
    id: int
    company_id: int
    company: str
    shares: Decimal
    average_cost: Decimal | None
    currency: str
    opened_date: date | None
    notes: str | None


def holding_rows(
    session: Session, on: date | None = None, company_id: int | None = None
) -> list[HoldingRow]:
    """Every holding (of ``company_id``, or all) with its company's name, by company: its
    shares and average cost are the sum of its transactions dated on or before ``on`` (all of
    them when None)."""
    query = (
        select(
            col(Holding.id),
            col(Holding.company_id),
            col(Company.name),
            col(Holding.currency),
            col(Holding.notes),
        )
        .join(Company, col(Company.id) == col(Holding.company_id))
        .order_by(col(Company.name), col(Holding.id))
    )
    if company_id is not None:
        query = query.where(col(Holding.company_id) == company_id)
    rows = session.execute(query).all()
    moves = moves_by_holding(session, [row[0] for row in rows] if company_id else None)
    found = []
    for holding_id, company_id, name, currency, notes in rows:
        position = replay(moves.get(holding_id, []), on)
        found.append(
            HoldingRow(
                holding_id,
                company_id,
                name,
                position.shares,
                position.average_cost,
                currency,
                position.opened,
                notes,
            )
        )
    return found


def moves_by_holding(
    session: Session, holding_ids: Collection[int] | None = None
) -> dict[int, list[Move]]:
    """Every transaction (of the holdings named, or all), by holding, in one query."""
    query = select(
        col(HoldingTransaction.holding_id),
        col(HoldingTransaction.id),
        col(HoldingTransaction.kind),
        col(HoldingTransaction.trade_date),
        col(HoldingTransaction.shares),
        col(HoldingTransaction.price),
        col(HoldingTransaction.fees),
        col(HoldingTransaction.split_new),
        col(HoldingTransaction.split_old),
    )
    if holding_ids is not None:
        query = query.where(col(HoldingTransaction.holding_id).in_(list(holding_ids)))
    found: dict[int, list[Move]] = {}
    for holding_id, *values in session.execute(query):
        found.setdefault(holding_id, []).append(Move(*values))
    return found


def position_rows(session: Session, on: date, book: FxBook | None = None) -> list[PositionRow]:
    """Every holding valued at its company's latest price on or before ``on``.

    A price quoted in another currency is converted with the rates entered up to ``on``; when the
    rate is missing the position has no value and ``note`` says which pair to enter.
    """
    holdings = holding_rows(session, on)
    prices = latest_prices(session, on, {row.company_id for row in holdings})
    rates = book if book is not None else FxBook.load(session, on)
    return [_position(row, prices.get(row.company_id), rates) for row in holdings]


def with_reporting(rows: list[PositionRow], reporting: ReportingBook) -> list[PositionRow]:
    """The positions with their value and gain also in the reporting currency."""
    return [
        row._replace(
            reported_value=reporting.convert(row.value, row.currency),
            reported_gain=reporting.convert(row.gain, row.currency),
        )
        for row in rows
    ]


def _position(row: HoldingRow, quote: PricePoint | None, rates: FxBook) -> PositionRow:
    cost = None if row.average_cost is None else row.shares * row.average_cost
    price: Decimal | None = None
    price_date: date | None = None
    note = ""
    if quote is not None:
        price_date = quote.price_date
        price, note = rates.try_convert(quote.price, quote.currency, row.currency)
    else:
        note = "no share price entered"
    value = None if price is None else row.shares * price
    gain = None if value is None or cost is None else value - cost
    gain_pct = None if gain is None or not cost else gain / cost * HUNDRED
    return PositionRow(
        row.id,
        row.company_id,
        row.company,
        row.shares,
        row.average_cost,
        row.currency,
        row.opened_date,
        cost,
        price,
        price_date,
        value,
        gain,
        gain_pct,
        note,
    )


def held_company_ids(session: Session) -> set[int]:
    """The companies the investor holds shares of."""
    return {company for (company,) in session.execute(select(col(Holding.company_id)).distinct())}
