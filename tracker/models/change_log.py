"""Who changed what and when: one row per field changed, or per record added or deleted."""

from datetime import datetime

from sqlalchemy import Column, DateTime, Index, Text
from sqlmodel import Field, SQLModel


class ChangeLogEntry(SQLModel, table=True):
    """A change to a record: ``action`` is created, changed, deleted or imported; a change
    names its ``field`` (a column, or a part such as ``listing``) with the text of its old and
    new value. ``origin`` tells the window that wrote it from others, so that it refreshes
    only for others' changes."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_record", "kind", "record_id"),)

    id: int | None = Field(default=None, primary_key=True)
    #: UTC, without a zone (stored alike on every engine).
    at: datetime = Field(sa_column=Column(DateTime(), nullable=False))
    who: str = Field(max_length=120)
    origin: str = Field(max_length=40)
    kind: str = Field(max_length=20)
    record_id: int
    action: str = Field(max_length=20)
    field: str | None = Field(default=None, max_length=60)
    old: str | None = Field(default=None, sa_column=Column(Text))
    new: str | None = Field(default=None, sa_column=Column(Text))
