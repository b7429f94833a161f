"""Technical studies, their price decks, and resource/reserve lines."""

from datetime import date
from decimal import Decimal

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from tracker.models.types import ExactDecimal
from tracker.models.versioned import version_field


class Study(SQLModel, table=True):
    """A resource estimate, PEA, PFS or FS. Money is in ``currency`` units; rates in percent."""

    id: int | None = Field(default=None, primary_key=True)
    version: int = version_field()
    project_id: int = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    study_type: str = Field(max_length=30, index=True)
    title: str = Field(max_length=300)
    effective_date: date | None = None
    publication_date: date | None = Field(default=None, index=True)
    reporting_code: str | None = Field(default=None, max_length=20)
    qualified_person: str | None = Field(default=None, max_length=300)
    currency: str = Field(default="USD", max_length=3)
    pre_tax_npv: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    after_tax_npv: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    discount_rate_pct: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    pre_tax_irr_pct: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    after_tax_irr_pct: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    payback_years: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    initial_capex: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    sustaining_capex: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    mine_life_years: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    throughput: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    throughput_unit: str | None = Field(default=None, max_length=20)
    annual_production: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    production_unit: str | None = Field(default=None, max_length=20)
    head_grade: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    head_grade_unit: str | None = Field(default=None, max_length=20)
    recovery_pct: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    strip_ratio: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    aisc: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    cash_cost: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    cost_unit: str | None = Field(default=None, max_length=20)
    uses_inferred: bool | None = None
    source: str | None = Field(default=None, max_length=1000)
    notes: str | None = Field(default=None, sa_column=Column(Text))


class StudyPrice(SQLModel, table=True):
    """One line of a study's price deck, e.g. Au at 2,150 USD per oz."""

    __tablename__ = "study_price"

    id: int | None = Field(default=None, primary_key=True)
    study_id: int = Field(foreign_key="study.id", ondelete="CASCADE", index=True)
    commodity_id: int = Field(foreign_key="commodity.id", ondelete="RESTRICT")
    price: Decimal = Field(sa_type=ExactDecimal)
    currency: str = Field(default="USD", max_length=3)
    unit: str = Field(max_length=16)


class ResourceLine(SQLModel, table=True):
    """Tonnes at a grade in one category, reported on a project and optionally by a study."""

    __tablename__ = "resource_line"

    id: int | None = Field(default=None, primary_key=True)
    version: int = version_field()
    project_id: int = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    study_id: int | None = Field(
        default=None, foreign_key="study.id", ondelete="CASCADE", index=True
    )
    commodity_id: int | None = Field(default=None, foreign_key="commodity.id", ondelete="RESTRICT")
    category: str = Field(max_length=20)
    tonnes: Decimal = Field(sa_type=ExactDecimal)
    grade: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    grade_unit: str | None = Field(default=None, max_length=20)
    contained: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    contained_unit: str | None = Field(default=None, max_length=20)
    cutoff: str | None = Field(default=None, max_length=100)
    effective_date: date | None = None
    source: str | None = Field(default=None, max_length=1000)
