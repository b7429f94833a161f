"""Commodities and the order in which a project produces them."""

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.models.versioned import version_field


class Commodity(SQLModel, table=True):
    """A traded commodity with the unit its price is quoted in (oz, lb, t, kg, ...)."""

    id: int | None = Field(default=None, primary_key=True)
    version: int = version_field()
    symbol: str = Field(max_length=16, unique=True, index=True)
    name: str = Field(max_length=60, unique=True)
    price_unit: str = Field(max_length=16)


class ProjectCommodity(SQLModel, table=True):
    """A commodity of a project; ``rank`` 0 is the primary commodity."""

    __tablename__ = "project_commodity"
    __table_args__ = (UniqueConstraint("project_id", "rank", name="uq_project_commodity_rank"),)

    project_id: int = Field(foreign_key="project.id", ondelete="CASCADE", primary_key=True)
    commodity_id: int = Field(
        foreign_key="commodity.id", ondelete="RESTRICT", primary_key=True, index=True
    )
    rank: int = Field(ge=0)
