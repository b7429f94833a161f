"""The investor's own positions."""

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from tracker.models.versioned import version_field


class Holding(SQLModel, table=True):
    """Shares of a company kept in ``currency``. How many, and at what cost, is the sum of the
    holding's transactions (``HoldingTransaction``), never stored here."""

    id: int | None = Field(default=None, primary_key=True)
    version: int = version_field()
    company_id: int = Field(foreign_key="company.id", ondelete="RESTRICT", index=True)
    currency: str = Field(default="CAD", max_length=3)
    notes: str | None = Field(default=None, sa_column=Column(Text))
