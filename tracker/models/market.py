"""Market data the investor enters by hand: share prices and exchange rates."""

from datetime import date
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.models.types import ExactDecimal


class SharePrice(SQLModel, table=True):
    """A company's share price on a date, in ``currency``."""

    __tablename__ = "share_price"
    __table_args__ = (UniqueConstraint("company_id", "price_date", name="uq_share_price_day"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", ondelete="CASCADE", index=True)
    price_date: date
    price: Decimal = Field(sa_type=ExactDecimal)
    currency: str = Field(max_length=3)
    source: str | None = Field(default=None, max_length=1000)


class FxRate(SQLModel, table=True):
    """How many units of ``quote`` one unit of ``base`` buys on ``rate_date``."""

    __tablename__ = "fx_rate"
    __table_args__ = (UniqueConstraint("base", "quote", "rate_date", name="uq_fx_rate_day"),)

    id: int | None = Field(default=None, primary_key=True)
    base: str = Field(max_length=3)
    quote: str = Field(max_length=3)
    rate_date: date
    rate: Decimal = Field(sa_type=ExactDecimal)
    source: str | None = Field(default=None, max_length=1000)
