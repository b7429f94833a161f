"""Dated events on a project, a company, or the whole market."""

from datetime import date

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from tracker.models.versioned import version_field


class Event(SQLModel, table=True):
    """A dated item; with neither project nor company it is global (e.g. a policy order)."""

    id: int | None = Field(default=None, primary_key=True)
    version: int = version_field()
    event_date: date = Field(index=True)
    kind: str = Field(max_length=30, index=True)
    title: str = Field(max_length=300)
    description: str | None = Field(default=None, sa_column=Column(Text))
    source: str | None = Field(default=None, max_length=1000)
    project_id: int | None = Field(
        default=None, foreign_key="project.id", ondelete="CASCADE", index=True
    )
    company_id: int | None = Field(
        default=None, foreign_key="company.id", ondelete="CASCADE", index=True
    )


class EventCommodity(SQLModel, table=True):
    """Links an event (typically a global one) to the commodities it touches."""

    __tablename__ = "event_commodity"

    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE", primary_key=True)
    commodity_id: int = Field(
        foreign_key="commodity.id", ondelete="RESTRICT", primary_key=True, index=True
    )
