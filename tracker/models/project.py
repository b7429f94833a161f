"""Projects, their owners, stage history and tags."""

from datetime import date
from decimal import Decimal

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.models.types import ExactDecimal
from tracker.models.versioned import version_field


class Project(SQLModel, table=True):
    """A mineral project. ``stage`` mirrors the latest entry of its stage history for fast lists."""

    id: int | None = Field(default=None, primary_key=True)
    version: int = version_field()
    name: str = Field(max_length=200, index=True)
    country: str | None = Field(default=None, max_length=80, index=True)
    region: str | None = Field(default=None, max_length=120)
    district: str | None = Field(default=None, max_length=200)
    latitude: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    longitude: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    stage: str | None = Field(default=None, max_length=40, index=True)
    status: str = Field(default="active", max_length=20, index=True)
    notes: str | None = Field(default=None, sa_column=Column(Text))
    source: str | None = Field(default=None, max_length=1000)


class ProjectOwner(SQLModel, table=True):
    """A company's attributable interest in a project, in percent points."""

    __tablename__ = "project_owner"
    __table_args__ = (UniqueConstraint("project_id", "company_id", name="uq_project_owner"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    company_id: int = Field(foreign_key="company.id", ondelete="RESTRICT", index=True)
    interest_pct: Decimal = Field(sa_type=ExactDecimal)
    is_operator: bool = False


class ProjectStage(SQLModel, table=True):
    """One dated step of a project's stage history; history is appended, never overwritten."""

    __tablename__ = "project_stage"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    stage: str = Field(max_length=40)
    effective_date: date
    note: str | None = Field(default=None, max_length=1000)
    source: str | None = Field(default=None, max_length=1000)


class ProjectTag(SQLModel, table=True):
    """A free-form label on a project."""

    __tablename__ = "project_tag"

    project_id: int = Field(foreign_key="project.id", ondelete="CASCADE", primary_key=True)
    tag: str = Field(max_length=60, primary_key=True, index=True)
