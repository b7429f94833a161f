"""Names and facts of the few projects and companies a portfolio touches, looked up by id.

Ids are queried in chunks so a lookup stays within SQLite's limit on bound parameters however
many projects are involved.
"""

from collections import defaultdict
from collections.abc import Collection, Iterator
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.models import Commodity, Company, Project, ProjectCommodity

CHUNK = 500


class ProjectFacts(NamedTuple):
    id: int
    name: str
    country: str | None
    stage: str | None
    commodities: tuple[str, ...]
    commodity_names: tuple[str, ...]

    @property
    def primary_commodity(self) -> str | None:
        """The name of the first (primary) commodity."""
        return self.commodity_names[0] if self.commodity_names else None


def chunks(ids: Collection[int]) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def company_names(session: Session, ids: Collection[int]) -> dict[int, str]:
    names: dict[int, str] = {}
    for chunk in chunks(ids):
        rows = session.execute(
            select(col(Company.id), col(Company.name)).where(col(Company.id).in_(chunk))
        )
        names.update({company_id: name for company_id, name in rows})
    return names


def project_facts(session: Session, ids: Collection[int]) -> dict[int, ProjectFacts]:
    """Name, country, stage and commodities (primary first) of each project."""
    symbols: dict[int, list[tuple[str, str]]] = defaultdict(list)
    basics: dict[int, tuple[str, str | None, str | None]] = {}
    for chunk in chunks(ids):
        for project_id, symbol, name in session.execute(
            select(col(ProjectCommodity.project_id), col(Commodity.symbol), col(Commodity.name))
            .join(Commodity, col(Commodity.id) == col(ProjectCommodity.commodity_id))
            .where(col(ProjectCommodity.project_id).in_(chunk))
            .order_by(col(ProjectCommodity.project_id), col(ProjectCommodity.rank))
        ):
            symbols[project_id].append((symbol, name))
        for project_id, name, country, stage in session.execute(
            select(
                col(Project.id), col(Project.name), col(Project.country), col(Project.stage)
            ).where(col(Project.id).in_(chunk))
        ):
            basics[project_id] = (name, country, stage)
    return {
        project_id: ProjectFacts(
            project_id,
            name,
            country,
            stage,
            tuple(symbol for symbol, _ in symbols[project_id]),
            tuple(commodity for _, commodity in symbols[project_id]),
        )
        for project_id, (name, country, stage) in basics.items()
    }


def company_choices(session: Session) -> list[tuple[str, int]]:
    """Every company as (name, id), by name, for a chooser."""
    rows = session.execute(select(col(Company.name), col(Company.id)).order_by(col(Company.name)))
    return [(name, company_id) for name, company_id in rows]
