"""Companies and their stock listings."""

from datetime import date
from decimal import Decimal

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.models.types import ExactDecimal
from tracker.models.versioned import version_field


class Company(SQLModel, table=True):
    """A company that owns projects, signs deals, or is held in the portfolio."""

    id: int | None = Field(default=None, primary_key=True)
    version: int = version_field()
    name: str = Field(max_length=200, unique=True, index=True)
    website: str | None = Field(default=None, max_length=500)
    reporting_currency: str | None = Field(default=None, max_length=3)
    notes: str | None = Field(default=None, sa_column=Column(Text))
    source: str | None = Field(default=None, max_length=1000)
    shares_outstanding: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    shares_outstanding_date: date | None = None


class Listing(SQLModel, table=True):
    """A ticker on an exchange, e.g. ``TSXV: MOO``."""

    __table_args__ = (UniqueConstraint("exchange", "ticker", name="uq_listing_exchange_ticker"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", ondelete="CASCADE", index=True)
    exchange: str = Field(max_length=20)
    ticker: str = Field(max_length=20, index=True)
