"""A holding's transactions as its table lists them, each with the shares held after it."""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.models import Deal, HoldingTransaction
from tracker.portfolio.ledger import Position, in_order
from tracker.services.transactions import move_of


class TransactionRow(NamedTuple):
    id: int
    holding_id: int
    kind: str
    trade_date: date
    shares: Decimal | None
    price: Decimal | None
    currency: str
    fees: Decimal | None
    split_new: Decimal | None
    split_old: Decimal | None
    deal_id: int | None
    deal: str | None
    notes: str | None
    source: str | None
    held_after: Decimal
    """The shares held once this transaction applies."""


def transaction_rows(session: Session, holding_id: int) -> list[TransactionRow]:
    """The holding's transactions in the order they apply."""
    query = select(HoldingTransaction).where(col(HoldingTransaction.holding_id) == holding_id)
    stored = {row.id: row for row in session.scalars(query)}
    titles = dict(session.execute(select(col(Deal.id), col(Deal.title))).all())
    position = Position()
    rows = []
    for move in in_order(move_of(row) for row in stored.values()):
        position.apply(move)
        row = stored[move.id]
        rows.append(
            TransactionRow(
                move.id,
                holding_id,
                row.kind,
                row.trade_date,
                row.shares,
                row.price,
                row.currency,
                row.fees,
                row.split_new,
                row.split_old,
                row.deal_id,
                titles.get(row.deal_id) if row.deal_id is not None else None,
                row.notes,
                row.source,
                position.shares,
            )
        )
    return rows


def deal_choices(session: Session) -> list[tuple[str, int]]:
    """Every deal as (title, id), by title, for a transaction's "from deal" chooser."""
    rows = session.execute(select(col(Deal.title), col(Deal.id)).order_by(col(Deal.title)))
    return [(title, deal_id) for title, deal_id in rows]
