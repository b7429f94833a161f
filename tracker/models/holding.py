"""The investor's own positions."""

from datetime import date
from decimal import Decimal

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from tracker.models.types import ExactDecimal
from tracker.models.versioned import version_field


class Holding(SQLModel, table=True):
    """Shares of a company held, at an average cost per share in ``currency``."""

    id: int | None = Field(default=None, primary_key=True)
    version: int = version_field()
    company_id: int = Field(foreign_key="company.id", ondelete="RESTRICT", index=True)
    shares: Decimal = Field(sa_type=ExactDecimal)
    average_cost: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    currency: str = Field(default="CAD", max_length=3)
    opened_date: date | None = None
    notes: str | None = Field(default=None, sa_column=Column(Text))
