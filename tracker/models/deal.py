"""Deals, their status history, earn-in steps and obligations."""

from datetime import date
from decimal import Decimal

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from tracker.models.types import ExactDecimal
from tracker.models.versioned import version_field


class Deal(SQLModel, table=True):
    """A transaction: LOI, option/earn-in, JV, acquisition, royalty, stream, ..."""

    id: int | None = Field(default=None, primary_key=True)
    version: int = version_field()
    title: str = Field(max_length=300)
    deal_type: str = Field(max_length=30, index=True)
    status: str = Field(max_length=30, index=True)
    project_id: int | None = Field(
        default=None, foreign_key="project.id", ondelete="SET NULL", index=True
    )
    acquirer_id: int | None = Field(
        default=None, foreign_key="company.id", ondelete="RESTRICT", index=True
    )
    counterparty_id: int | None = Field(
        default=None, foreign_key="company.id", ondelete="RESTRICT", index=True
    )
    interest_pct: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    #: The headline price of the deal (cash and the value of shares), in ``consideration_currency``.
    consideration: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    consideration_currency: str | None = Field(default=None, max_length=3)
    announced_date: date | None = Field(default=None, index=True)
    expected_close_date: date | None = None
    closed_date: date | None = None
    source: str | None = Field(default=None, max_length=1000)
    notes: str | None = Field(default=None, sa_column=Column(Text))


class DealStatusChange(SQLModel, table=True):
    """A dated move of a deal from one status to the next."""

    __tablename__ = "deal_status_change"

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int = Field(foreign_key="deal.id", ondelete="CASCADE", index=True)
    status: str = Field(max_length=30)
    changed_on: date
    note: str | None = Field(default=None, max_length=1000)


class DealStep(SQLModel, table=True):
    """One stage of a staged earn-in: the interest earned once the step's obligations are met."""

    __tablename__ = "deal_step"

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int = Field(foreign_key="deal.id", ondelete="CASCADE", index=True)
    seq: int = Field(ge=1)
    interest_pct: Decimal = Field(sa_type=ExactDecimal)
    due_date: date | None = None
    description: str | None = Field(default=None, max_length=1000)
    earned: bool = False


class DealObligation(SQLModel, table=True):
    """Cash, shares or work owed under a deal, with due date and whether it was met."""

    __tablename__ = "deal_obligation"

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int = Field(foreign_key="deal.id", ondelete="CASCADE", index=True)
    step_id: int | None = Field(
        default=None, foreign_key="deal_step.id", ondelete="SET NULL", index=True
    )
    kind: str = Field(max_length=20)
    amount: Decimal = Field(sa_type=ExactDecimal)
    currency: str | None = Field(default=None, max_length=3)
    due_date: date | None = Field(default=None, index=True)
    met: bool = False
    description: str | None = Field(default=None, max_length=1000)
