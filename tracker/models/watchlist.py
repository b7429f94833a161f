"""Saved screening filters."""

from decimal import Decimal

from sqlmodel import Field, SQLModel

from tracker.models.types import ExactDecimal


class Watchlist(SQLModel, table=True):
    """A named screening filter; an empty field means "any"."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True, index=True)
    commodity: str | None = Field(default=None, max_length=16)
    min_study_type: str | None = Field(default=None, max_length=30)
    min_irr_pct: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    country: str | None = Field(default=None, max_length=80)
