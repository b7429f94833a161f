"""A holding's transactions: its position is their sum."""

from datetime import date
from decimal import Decimal

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from tracker.models.types import ExactDecimal


class HoldingTransaction(SQLModel, table=True):
    """A buy, sell, fee, shares received from a deal, or a split or consolidation.

    ``shares`` and ``price`` (per share, in ``currency``, the holding's) are given for buys,
    sells and shares from a deal; ``fees`` is the commission of a trade, or the amount of a fee.
    A split or consolidation turns every ``split_old`` shares into ``split_new`` (a 1-for-10
    consolidation is new 1, old 10).
    """

    __tablename__ = "holding_transaction"

    id: int | None = Field(default=None, primary_key=True)
    holding_id: int = Field(foreign_key="holding.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=30)
    trade_date: date
    shares: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    price: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    currency: str = Field(max_length=3)
    fees: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    split_new: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    split_old: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    deal_id: int | None = Field(
        default=None, foreign_key="deal.id", ondelete="SET NULL", index=True
    )
    notes: str | None = Field(default=None, sa_column=Column(Text))
    source: str | None = Field(default=None, max_length=1000)
