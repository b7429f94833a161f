"""Commodity prices: a dated history per commodity, today's deck override, and the NPV
sensitivity tables studies publish."""

from datetime import date
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.models.types import ExactDecimal


class CommodityPrice(SQLModel, table=True):
    """A commodity's price on a date: ``price`` ``currency`` per ``unit`` (USD per oz)."""

    __tablename__ = "commodity_price"
    __table_args__ = (
        UniqueConstraint("commodity_id", "price_date", name="uq_commodity_price_day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    commodity_id: int = Field(foreign_key="commodity.id", ondelete="CASCADE", index=True)
    price_date: date
    price: Decimal = Field(sa_type=ExactDecimal)
    currency: str = Field(max_length=3)
    unit: str = Field(max_length=16)
    source: str | None = Field(default=None, max_length=1000)


class DeckPrice(SQLModel, table=True):
    """The price the user typed for "today" for a commodity; it wins over the latest in the
    history until it is cleared (the row deleted)."""

    __tablename__ = "deck_price"

    commodity_id: int = Field(foreign_key="commodity.id", ondelete="CASCADE", primary_key=True)
    price: Decimal = Field(sa_type=ExactDecimal)
    currency: str = Field(max_length=3)
    unit: str = Field(max_length=16)
    source: str | None = Field(default=None, max_length=1000)


class StudySensitivity(SQLModel, table=True):
    """One point of a study's after-tax NPV sensitivity to one commodity's price.

    The point is either at a ``price`` (in ``currency`` per ``unit``) or at a ``change_pct`` of
    the study's own deck price (-20 for 20 % below it); ``after_tax_npv`` is in the study's
    currency, at its discount rate.
    """

    __tablename__ = "study_sensitivity"

    id: int | None = Field(default=None, primary_key=True)
    study_id: int = Field(foreign_key="study.id", ondelete="CASCADE", index=True)
    commodity_id: int = Field(foreign_key="commodity.id", ondelete="RESTRICT")
    price: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    currency: str | None = Field(default=None, max_length=3)
    unit: str | None = Field(default=None, max_length=16)
    change_pct: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    after_tax_npv: Decimal = Field(sa_type=ExactDecimal)
    source: str | None = Field(default=None, max_length=1000)
